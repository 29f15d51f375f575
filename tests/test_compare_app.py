"""The compare view driven by Pilot: the real Jiangsu pair (tables only, 2017 and 2018), and
several files that are the parts of one package handing back one disclosure."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from core.packages.grouping import open_files
from tests.conftest import SHARED_REAL
from tui.compare.compare_app import CompareApp
from tui.compare.compare_view import CompareView
from tui.widgets.budget_tree import BudgetTree

JS = [
    SHARED_REAL / "jiangsu_party_office_2017_budget_tables.pdf",
    SHARED_REAL / "jiangsu_party_office_2018_budget_tables.pdf",
]
BJ = [
    SHARED_REAL / "bj_2026_budget_caizhengju_shuoming.pdf",
    SHARED_REAL / "bj_2026_budget_caizhengju_baobiao.pdf",
]
pytestmark = pytest.mark.skipif(not JS[0].exists(), reason="the real PDFs are not beside the repo")


async def _shown(pilot, app: CompareApp) -> CompareView:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.05)
        if app.view is not None and app.view.is_mounted:
            await pilot.pause(0.1)
            return app.view
    raise AssertionError("the comparison never showed")


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_slash_finds_a_code_with_both_years_delta_and_series(size: tuple[int, int]) -> None:
    app = CompareApp(JS)  # read in the worker, as the command line does
    async with app.run_test(size=size) as pilot:
        view = await _shown(pilot, app)
        await pilot.press("slash", *"2210202", "enter")
        await pilot.pause(0.3)
        tree = view.query_one("#cmp-functional-tree", BudgetTree)
        node = tree.cursor_node
        assert node is not None and node.data is not None and node.data.key == "2210202"
        line = str(node.label)
        for figure in ("提租补贴", "1,235.41", "2,299.88", "+1,064.47", "+86.16%"):
            assert figure in line, line
        panel = view.query_one("#cmp-functional-panel")
        chart = str(panel.query_one(".series-chart", Static).render()).splitlines()
        # from zero: 1,235.41 of 2,299.88 is 12.9 of 24 cells, in eighths
        assert chart == ["2017  " + "█" * 12 + "▉", "2018  " + "█" * 24]
        title = str(panel.query_one(".series-title", Static).render())
        assert "2210202 提租补贴" in title and "Δ +1,064.47" in title
        figures = str(panel.query_one(".series-figures", Static).render())
        assert "p.5  jiangsu_party_office_2017_budget_tables.pdf" in figures
        assert "p.7  jiangsu_party_office_2018_budget_tables.pdf" in figures


@pytest.mark.asyncio
async def test_a_search_typed_before_the_comparison_shows_finds_its_row() -> None:
    """Keys typed from the first frame wait for the view and run in order (issue 20)."""
    app = CompareApp(JS)
    async with app.run_test(size=(160, 50)) as pilot:
        assert app.view is None
        await pilot.press("slash", *"2210202", "enter")
        view = await _shown(pilot, app)
        await pilot.pause(0.3)
        tree = view.query_one("#cmp-functional-tree", BudgetTree)
        node = tree.cursor_node
        assert node is not None and node.data is not None and node.data.key == "2210202"
        assert tree.has_focus and app._pending == []
        assert "+1,064.47" in str(node.label)


@pytest.mark.asyncio
async def test_search_moves_to_the_family_that_has_the_code() -> None:
    app = CompareApp(JS, opened=open_files(JS))
    async with app.run_test(size=(160, 50)) as pilot:
        view = await _shown(pilot, app)
        await pilot.press("slash", *"30108", "enter")
        await pilot.pause(0.3)
        tree = view.current_tree()
        assert tree is not None and tree.id == "cmp-economic-tree"
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        row = tree.cursor_node.data.row
        assert row["change"] == "added" and str(tree.cursor_node.label).startswith("+ ")


@pytest.mark.asyncio
async def test_parts_of_one_package_hand_back_one_disclosure() -> None:
    app = CompareApp(BJ)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.return_value is not None:
                break
    merged = app.return_value
    assert merged is not None and merged.package_kind() == "full"
    assert merged.meta.department == "北京市财政局"
