"""The app driven by Textual's Pilot on the bundled example."""

from __future__ import annotations

import pytest

from core.model import Disclosure
from tests.conftest import EXAMPLE
from tui.package.app import BudgetApp
from tui.package.side_panel import SidePanel
from tui.widgets.budget_tree import BudgetTree


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
        assert "2040220 合计：1,715.52 = 399.71 + 1,315.81" in panel
        assert "20402 合计：10,546.02 = " not in panel  # a parent with 6 children: the rule text
        assert "✓" in panel


@pytest.mark.asyncio
async def test_finding_enter_jumps_to_its_row_and_scrolls_it_into_view(seed: Disclosure) -> None:
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(120, 24)) as pilot:
        await _loaded(pilot, app)
        await pilot.press("8", "down")
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


async def _open(pilot, app: BudgetApp) -> None:  # type: ignore[no-untyped-def]
    await _loaded(pilot, app)
    await pilot.pause()


@pytest.mark.asyncio
async def test_overview_to_2040220_in_under_ten_keys(seed: Disclosure) -> None:
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, app)
        keys = ["slash", *"2040220"]  # / jumps to the functional tree and searches as you type
        assert len(keys) < 10
        await pilot.press(*keys)
        await pilot.pause(0.2)
        tree = app.tree("functional")
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        assert tree.cursor_node.data.key == "2040220"
        panel = str(app.query_one("#functional-panel", SidePanel).render())
        assert "2040220 合计：1,715.52 = 399.71 + 1,315.81" in panel
        assert "收入总表 · 第 " in panel and "一般公共预算支出表 · 第 20 页" in panel


@pytest.mark.asyncio
async def test_search_by_name_with_n_and_N(seed: Disclosure) -> None:
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, app)
        await pilot.press("2", "slash", *"行政", "enter")
        await pilot.pause(0.2)
        tree = app.tree("functional")
        first = tree.cursor_node.data.key  # type: ignore[union-attr]
        assert first == "2040201"
        await pilot.press("n")
        await pilot.pause(0.2)
        second = tree.cursor_node.data.key  # type: ignore[union-attr]
        assert second != first and "行政" in str(tree.cursor_node.label)  # type: ignore[union-attr]
        await pilot.press("N")
        await pilot.pause(0.2)
        assert tree.cursor_node.data.key == first  # type: ignore[union-attr]
        assert "共 5 个" in app.sub_title


@pytest.mark.asyncio
async def test_every_view_shows_its_rows(seed: Disclosure) -> None:
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, app)
        await pilot.press("3", "down")
        economic = app.tree("economic")
        assert economic.cursor_node.data.key == "301"  # type: ignore[union-attr]
        await pilot.press("4", "enter")
        projects = app.tree("projects")
        card = projects.cursor_node
        assert card is not None and card.is_expanded and card.children  # its indicators
        await pilot.press("5")
        procurement = app.tree("procurement")
        assert procurement.root.children[0].data.row["row_kind"] == "total"  # type: ignore[union-attr]
        await pilot.press("6")
        assets = [str(n.label) for n in app.tree("assets").nodes()]
        assert any("公务用车运行维护费" in a and "30.00" in a for a in assets)
        assert any("办公用房 (平方米)" in a and "880.41" in a for a in assets)
        await pilot.press("7")
        narrative = app.query_one("#narrative-text").render()
        assert "── 第 29 页 ──" in str(narrative) and "✓" in str(narrative)
        await pilot.press("9")
        assert "每张表都已识别" in str(app.query_one("#raw-text").render())


@pytest.mark.asyncio
async def test_income_columns_toggle_and_g_G(seed: Disclosure) -> None:
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, app)
        await pilot.press("2", "i")
        await pilot.pause(0.2)
        assert "财政拨款" in str(app.query_one("#functional-columns").render())
        tree = app.tree("functional")
        assert "11,745.92" in str(tree.root.children[0].label)  # 收入合计
        await pilot.press("G")
        assert tree.cursor_line == tree.last_line
        await pilot.press("g")
        assert tree.cursor_line == 0


@pytest.mark.asyncio
async def test_help_screen_lists_every_binding(seed: Disclosure) -> None:
    from tui.widgets.help_screen import HelpScreen

    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(f"{key} {what}" for key, what in app.screen.rows())
        for word in ("查找", "下一个错误", "收入列", "复制此行", "Ctrl+P"):
            assert word in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.asyncio
async def test_narrow_terminal_puts_the_panel_below(seed: Disclosure) -> None:
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, app)
        await pilot.press("2", "down")
        tree, panel = app.tree("functional"), app.query_one("#functional-panel", SidePanel)
        assert panel.region.y > tree.region.y and panel.region.width == tree.region.width
        assert "204 公共安全支出" in str(panel.render())


@pytest.mark.asyncio
async def test_e_jumps_to_a_broken_row(rendered) -> None:  # type: ignore[no-untyped-def]
    from core.parse import parse_pdf
    from tests.generator import variants as V

    path = rendered(V.defect_expenditure_total(), "defect_total")
    d = parse_pdf(path)
    app = BudgetApp(path, d)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, app)
        assert "错误 0" not in str(app.query_one("#overview-text").render())
        await pilot.press("e")
        await pilot.pause(0.3)
        tree = app.tree("functional")
        assert tree.has_focus and tree.cursor_node is not None
        assert str(tree.cursor_node.label).startswith("✗")
        panel = str(app.query_one("#functional-panel", SidePanel).render())
        assert "✗" in panel and "应为" in panel


@pytest.mark.asyncio
async def test_a_jiangsu_package_opens_on_its_own_tables() -> None:
    from core.parse import parse_pdf
    from tests.conftest import SHARED_REAL

    path = SHARED_REAL / "jiangsu_party_office_2018_budget_tables.pdf"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    app = BudgetApp(path, parse_pdf(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, app)
        await pilot.press("2")
        tree = app.tree("functional")
        labels = [str(n.label) for n in tree.nodes()]
        # 支出总表 has no codes here: the tree comes from 财政拨款支出预算表
        assert any("2013102 一般行政管理事务" in label and "12,081.46" in label for label in labels)
        await pilot.press("5")
        assert any("PC服务器" in str(n.label) for n in app.tree("procurement").nodes())


# -- keys typed before the views or the data are there (issue 20) ---------------------------


async def _type_ahead_finds_2040220(app: BudgetApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        # the first frame: only the overview exists, nothing is loaded
        assert not app.views_ready and app.disclosure is None
        assert not app.query("#functional-tree")
        await pilot.press("slash", *"2040220", "enter")
        await _loaded(pilot, app)
        for _ in range(40):  # the queued keys run once the whole disclosure is shown
            await pilot.pause(0.05)
            tree = app.tree("functional")
            node = tree.cursor_node
            if node is not None and node.data is not None and node.data.key == "2040220":
                break
        assert app.query_one("TabbedContent").active == "functional"  # type: ignore[attr-defined]
        tree = app.tree("functional")
        assert tree.cursor_node is not None and tree.cursor_node.data is not None
        assert tree.cursor_node.data.key == "2040220"
        assert tree.has_focus  # Enter stopped at the match
        panel = str(app.query_one("#functional-panel", SidePanel).render())
        assert "2040220 合计：1,715.52 = 399.71 + 1,315.81" in panel
        assert "没有匹配" not in " ".join(str(n.message) for n in app._notifications)
        assert app._pending == []


@pytest.mark.asyncio
async def test_a_search_typed_before_the_first_view_finds_its_row_cold(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BUDGET_TUI_CACHE_DIR", str(tmp_path))
    await _type_ahead_finds_2040220(BudgetApp(EXAMPLE, use_cache=True))


@pytest.mark.asyncio
async def test_a_search_typed_before_the_first_view_finds_its_row_warm(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from core.cache.store import open_disclosure

    monkeypatch.setenv("BUDGET_TUI_CACHE_DIR", str(tmp_path))
    open_disclosure(EXAMPLE)  # cached: the app opens it from the manifest and frames
    await _type_ahead_finds_2040220(BudgetApp(EXAMPLE, use_cache=True))


@pytest.mark.asyncio
async def test_view_keys_typed_before_the_views_exist_are_applied_in_order(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BUDGET_TUI_CACHE_DIR", str(tmp_path))
    app = BudgetApp(EXAMPLE, use_cache=True)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.views_ready
        await pilot.press("3", "8", "4")  # no ValueError: No Tab with id '--content-tab-…'
        await _loaded(pilot, app)
        await pilot.pause(0.2)
        assert app.query_one("TabbedContent").active == "projects"  # type: ignore[attr-defined]
        assert app.tree("projects").has_focus
        await pilot.press("q")
    assert app.return_code == 0
