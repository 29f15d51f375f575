"""SVG snapshots of every view at 80×24, 120×40 and 200×60 (pytest-textual-snapshot), in
the default language, Chinese.

The snapshots under tests/__snapshots__/ were reviewed by eye; after an intended change,
``python -m pytest tests/test_snapshots.py --snapshot-update`` rewrites them (review the
diff report). The app is given the parsed seed, so no PDF is read here.
"""

from __future__ import annotations

import pytest

from core.model import Disclosure
from tests.conftest import EXAMPLE
from tui.package.app import BudgetApp

# view -> the keys that show it with a row selected
VIEW_KEYS: dict[str, list[str]] = {
    "overview": [],
    "functional": ["2", "down", "down", "down"],
    "economic": ["3", "down"],
    "projects": ["4", "down"],
    "procurement": ["5", "down", "down"],
    "assets": ["6", "down", "down"],
    "narrative": ["7"],
    "findings": ["8", "down"],
    "raw": ["9"],
}


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.05)
        if pilot.app.result is not None:
            break
    await pilot.pause(0.1)


@pytest.mark.parametrize(
    "size", [(80, 24), (120, 40), (200, 60)], ids=["80x24", "120x40", "200x60"]
)
@pytest.mark.parametrize("view", list(VIEW_KEYS))
def test_view_snapshot(snap_compare, seed: Disclosure, view: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = BudgetApp(EXAMPLE, seed)
    assert snap_compare(app, press=VIEW_KEYS[view], terminal_size=size, run_before=_settle)


# -- the compare view: the generated two-year pair (tests/generator/years.py) ----------------

COMPARE_KEYS: dict[str, list[str]] = {
    "functional": ["slash", *"2040201", "enter"],
    "three_public": ["2", "down", "down"],
    "projects": ["4", "down"],
    "procurement": ["5", "down", "down"],
    "claims": ["6"],
}


@pytest.fixture(scope="module")
def year_pair(tmp_path_factory):  # type: ignore[no-untyped-def]
    from core.packages.grouping import group_files
    from core.parse import parse_pdf
    from tests.generator import years
    from tests.generator.render import render

    folder = tmp_path_factory.mktemp("snap_years")
    pdfs = [
        render(years.year_2024(), folder / "police_2024.pdf"),
        render(years.year_2025(), folder / "police_2025.pdf"),
    ]
    return pdfs, group_files([parse_pdf(p) for p in pdfs])


async def _compare_shown(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.05)
        if pilot.app.view is not None:
            break
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
@pytest.mark.parametrize("view", list(COMPARE_KEYS))
def test_compare_snapshot(snap_compare, year_pair, view: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    from tui.compare.compare_app import CompareApp

    pdfs, opened = year_pair
    app = CompareApp(pdfs, opened=opened)
    assert snap_compare(
        app, press=COMPARE_KEYS[view], terminal_size=size, run_before=_compare_shown
    )
