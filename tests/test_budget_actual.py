"""Budget against actual: one department's budget and its final accounts of one year, side by
side — 预算数, 决算数, Δ, 执行率 per code and per tree — and the final accounts' 预算数 held to
the budget package's own figures. No real pair of one department and year is in the shared
files: the pair is generated (tests/generator/variants.py, pair_budget and pair_final) with known
gaps: 信息化建设 80.00 and 行政运行 22.96 under budget; “三公” 25.50 of 30.00, its 预算数
restated as 28.00."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import polars as pl
import pytest

from core.packages.compare import compare, year_over_year_findings
from core.packages.grouping import open_files
from tests.generator import variants as V
from tui.cli import main
from tui.compare.compare_app import CompareApp
from tui.compare.compare_view import CompareView
from tui.widgets.budget_tree import BudgetTree

Rendered = Callable[..., Path]
BUDGET, FINAL = "2024 预算", "2024 决算"


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from tests.generator.render import render

    folder = tmp_path_factory.mktemp("pair")
    return (
        render(V.pair_budget(), folder / "budget.pdf"),
        render(V.pair_final(), folder / "final.pdf"),
    )


def _row(frame: pl.DataFrame, key: str, measure: str = "total") -> dict:  # type: ignore[type-arg]
    return frame.filter((pl.col("key") == key) & (pl.col("measure") == measure)).row(0, named=True)


def test_the_pair_is_budget_against_actual(pair: tuple[Path, Path]) -> None:
    opened = open_files([pair[1], pair[0]], use_cache=False)  # the order given does not matter
    assert opened.kind == "actuals"
    assert [d.meta.kind for d in opened.packages] == ["budget", "final"]
    c = compare(opened)
    assert c.labels == [BUDGET, FINAL] and c.has_delta and c.has_rate
    functional = c.frames["functional"]
    info = _row(functional, "2040219")  # 信息化建设: 80.00 under budget
    assert (info[BUDGET], info[FINAL], info["delta"], info["rate"]) == (
        D("980.00"),
        D("900.00"),
        D("-80.00"),
        D("91.84"),
    )
    running = _row(functional, "2040201", "basic")  # 行政运行 基本支出: 22.96 under
    assert (running[BUDGET], running[FINAL], running["delta"]) == (
        D("5522.96"),
        D("5500.00"),
        D("-22.96"),
    )
    total = _row(functional, "")
    assert (total["delta"], total["rate"]) == (D("-102.96"), D("99.12"))
    same = _row(functional, "2040203")  # 机关服务 spent as budgeted
    assert (same["delta"], same["rate"]) == (D("0.00"), D("100.00"))
    three = _row(c.frames["three_public"], "合计")
    assert (three[BUDGET], three[FINAL], three["rate"]) == (D("30.00"), D("25.50"), D("85.00"))


def test_the_final_accounts_budget_is_held_to_the_budgets(pair: tuple[Path, Path]) -> None:
    findings = year_over_year_findings(open_files(list(pair), use_cache=False))
    broken = findings.filter(pl.col("status") == "broken").to_dicts()
    assert [f["location"] for f in broken] == [
        "合计/budget",
        "“三公”经费小计/budget",
        "二、公务用车购置及运维费/budget",
        "公务用车运行维护费/budget",
    ]
    assert {(f["expected"], f["actual"]) for f in broken} == {(D("30.00"), D("28.00"))}
    sources = {c["source"] for f in broken for c in f["contributors"]}
    assert sources == {"budget.pdf", "final.pdf"}


def test_compare_headless_csv(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "cmp"
    args = ["compare", str(pair[0]), str(pair[1]), "--format", "csv", "-o", str(out)]
    assert main([*args, "--no-cache"]) == 0
    functional = pl.read_csv(out / "functional.csv", infer_schema=False)
    row = functional.filter((pl.col("key") == "2040219") & (pl.col("measure") == "total"))
    assert row.select(BUDGET, FINAL, "delta", "rate").row(0) == (
        "980.00",
        "900.00",
        "-80.00",
        "91.84",
    )
    assert "final_budget_basis" in pl.read_csv(out / "findings.csv")["rule"].to_list()


@pytest.mark.asyncio
async def test_the_compare_view_shows_budget_actual_delta_and_rate(pair: tuple[Path, Path]) -> None:
    app = CompareApp(list(pair))
    async with app.run_test(size=(140, 40)) as pilot:
        view = None
        for _ in range(100):
            await pilot.pause(0.05)
            if app.view is not None and app.view.is_mounted:
                await pilot.pause(0.1)
                view = app.view
                break
        assert isinstance(view, CompareView)
        await pilot.press("slash", *"2040219", "enter")
        await pilot.pause(0.3)
        tree = view.query_one("#cmp-functional-tree", BudgetTree)
        node = tree.cursor_node
        assert node is not None and node.data is not None and node.data.key == "2040219"
        line = str(node.label)
        for figure in ("2040219 信息化", "980.00", "900.00", "-80.00", "-8.16%", "91.84%"):
            assert figure in line, line
