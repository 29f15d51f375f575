"""Regenerate screenshots/: one SVG of every view of the bundled example, at 120×40, in
Chinese, and two in English (--lang en); and of the compare view over the real Jiangsu pair
(2017, 2018).

python -m tui.screenshots
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from core.cache.store import open_disclosure
from core.i18n import set_language
from tui.package.app import BudgetApp

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingxiang_police_2024.pdf"
OUT = ROOT / "screenshots"
KEYS: dict[str, list[str]] = {
    "1-overview": [],
    "2-functional": ["slash", *"2040220", "enter"],
    "3-economic": ["3", "down", "down"],
    "4-projects": ["4", "enter", "down"],
    "5-procurement": ["5", "down", "down", "down"],
    "6-three-public-assets": ["6", "down", "down"],
    "7-narrative": ["7"],
    "8-findings": ["8", "down"],
    "9-raw": ["9"],
    "help": ["question_mark"],
}


async def shoot(name: str, keys: list[str], size: tuple[int, int] = (120, 40)) -> Path:
    app = BudgetApp(EXAMPLE, open_disclosure(EXAMPLE))
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.3)
        OUT.mkdir(exist_ok=True)
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(OUT)))


ENGLISH = ("1-overview", "2-functional")


def main() -> None:
    set_language("zh")
    for name, keys in KEYS.items():
        print(asyncio.run(shoot(name, keys)))
    set_language("en")
    for name in ENGLISH:
        print(asyncio.run(shoot(f"en-{name}", KEYS[name])))
    set_language("zh")
    main_compare()


# The compare view: the real Jiangsu pair (tables only, 2017 and 2018), beside the repo.
COMPARE_PAIR = [
    ROOT.parent / "shared" / "real" / "jiangsu_party_office_2017_budget_tables.pdf",
    ROOT.parent / "shared" / "real" / "jiangsu_party_office_2018_budget_tables.pdf",
]
COMPARE_KEYS: dict[str, list[str]] = {
    "10-compare-functional": ["slash", *"2210202", "enter"],
    "11-compare-economic": ["slash", *"30108", "enter"],
}


async def shoot_compare(name: str, keys: list[str], size: tuple[int, int] = (120, 40)) -> Path:
    from core.packages.grouping import open_files
    from tui.compare.compare_app import CompareApp

    app = CompareApp(COMPARE_PAIR, opened=open_files(COMPARE_PAIR))
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.5)
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(OUT)))


def main_compare() -> None:
    if not COMPARE_PAIR[0].exists():
        print("the real Jiangsu pair is not beside the repo: no compare screenshots")
        return
    for name, keys in COMPARE_KEYS.items():
        print(asyncio.run(shoot_compare(name, keys)))


if __name__ == "__main__":
    main()
