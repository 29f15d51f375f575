"""The app driven by Textual's Pilot on the bundled example."""

from __future__ import annotations

import pytest

from core.model import Disclosure
from tests.conftest import EXAMPLE
from tui.app import BudgetApp
from tui.budget_tree import BudgetTree
from tui.side_panel import SidePanel


async def _loaded(pilot, app: BudgetApp) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.05)
        if app.result is not None:
            return
    raise AssertionError("the disclosure never loaded")


@pytest.mark.asyncio
async def test_side_panel_explains_2040220(seed: Disclosure) -> None:
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(160, 50)) as pilot:
        await _loaded(pilot, app)
        await pilot.press("2", "down", "down", "down", "enter", *["down"] * 5)
        tree = app.query_one("#functional-tree", BudgetTree)
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        assert tree.cursor_node.data.key == "2040220"
        panel = str(app.query_one("#functional-panel", SidePanel).render())
        assert "2040220 执法办案" in panel
        assert "2040220/total: 1,715.52 = 399.71 + 1,315.81" in panel
        assert "20402/total: 10,546.02 = " not in panel  # a parent with 6 children: the rule text
        assert "✓" in panel


@pytest.mark.asyncio
async def test_finding_enter_jumps_to_its_row_and_scrolls_it_into_view(seed: Disclosure) -> None:
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(120, 24)) as pilot:
        await _loaded(pilot, app)
        await pilot.press("6", "down")
        findings = app.query_one("#findings-tree", BudgetTree)
        assert findings.cursor_node is not None and findings.cursor_node.data is not None
        finding = findings.cursor_node.data.row
        target = next(c for c in finding["contributors"] if c["table"] == "projects")
        await pilot.press("enter")
        await pilot.pause(0.2)
        tree = app.query_one("#projects-tree", BudgetTree)
        assert tree.has_focus
        node = tree.cursor_node
        assert node is not None and node.data is not None
        assert (node.data.table, node.data.key) == ("projects", target["key"])
        top = tree.scroll_offset.y
        assert top <= node.line < top + tree.scrollable_content_region.height


@pytest.mark.asyncio
async def test_visible_project_cards_are_not_marked_classified(seed: Disclosure) -> None:
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(160, 50)) as pilot:
        await _loaded(pilot, app)
        await pilot.press("4")
        tree = app.query_one("#projects-tree", BudgetTree)
        labels = {n.data.row["name"]: str(n.label) for n in tree.root.children if n.data}
        assert labels["公安业务费"].startswith("✓ ")
        assert labels["55 号"].startswith("? ")
