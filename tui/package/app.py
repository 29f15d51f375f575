"""``budget-tui FILE.pdf``: a keyboard explorer of one disclosure, parsed (or loaded from the
cache) in a worker. The app only reads core's frames and findings; it never parses."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.widget import MountError, Widget
from textual.widgets import (
    Footer,
    Header,
    Input,
    Label,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
    Tree,
)

from core.errors import BudgetInputError
from core.i18n import N_, _
from core.labels import column_label
from core.reading.readers import DEFAULT_READER
from tui.bindings import translate_bindings
from tui.commands import ActionCommands
from tui.messages import DisclosureLoaded, LoadFailed, ParseProgress
from tui.package.narrative_view import NarrativeView
from tui.package.overview import Overview
from tui.package.raw_view import RawTables
from tui.package.side_panel import IdentityIndex, SidePanel, finding_text, index_identities
from tui.package.trees import (
    ECONOMIC_COLUMNS,
    ECONOMIC_OTHERS,
    ECONOMIC_SOURCES,
    FUNCTIONAL_OTHERS,
    FUNCTIONAL_SOURCES,
    INCOME_COLUMNS,
    SPENDING_COLUMNS,
    fill_assets,
    fill_code_tree,
    fill_findings,
    fill_procurement,
    fill_projects,
)
from tui.widgets.budget_tree import BudgetTree, RowRef, fit, status_map
from tui.widgets.help_screen import HelpScreen
from tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from core.model import Disclosure
    from core.rules.reconcile import Reconciliation


# short enough that the nine tabs fit in 80 columns
VIEWS = [
    ("overview", N_("1 概览")),
    ("functional", N_("2 功能")),
    ("economic", N_("3 经济")),
    ("projects", N_("4 项目")),
    ("procurement", N_("5 采购")),
    ("assets", N_("6 三公")),
    ("narrative", N_("7 说明")),
    ("findings", N_("8 核对")),
    ("raw", N_("9 原表")),
]
TREE_VIEWS = ("functional", "economic", "projects", "procurement", "assets", "findings")
# which tree shows the rows of a table (a finding's Enter goes there)
TREE_FOR_TABLE = {
    **dict.fromkeys(
        (
            "income",
            "expenditure",
            "gpb_expenditure",
            "fiscal_expenditure",
            "gov_fund_expenditure",
            "state_capital_expenditure",
            "narrative_items",
        ),
        "functional",
    ),
    **dict.fromkeys(ECONOMIC_SOURCES, "economic"),
    "projects": "projects",
    "procurement": "procurement",
    "three_public": "assets",
    "fixed_assets": "assets",
}
NAME_WIDTH = 30
# the stages core.parse reports besides table titles, for the catalogue
PARSE_STAGES = (N_("续表"), N_("说明"))


class BudgetApp(App[None]):
    # absolute: the dataset app (tui/dataset/) subclasses this app and keeps its styles
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "budget-tui"
    # a file read by this app shows its overview before the other views are built
    FIRST_FRAME_FIRST: ClassVar[bool] = True
    AUTO_FOCUS = "Tabs"  # not the hidden search bar
    COMMANDS = App.COMMANDS | {ActionCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            # the tab bar shows these keys; the footer keeps room for the rest
            Binding(str(i + 1), f"view('{vid}')", label, show=False)
            for i, (vid, label) in enumerate(VIEWS)
        ],
        # priority: the bar opens before the next key is handed on, so keys typed (or
        # pasted) right after / land in it, however fast they come
        Binding("slash", "search", N_("查找"), priority=True),
        Binding("n", "search_next(1)", N_("下一个匹配"), show=False),
        Binding("N", "search_next(-1)", N_("上一个匹配"), show=False),
        Binding("e", "next_error(1)", N_("下一个错误")),
        Binding("E", "next_error(-1)", N_("上一个错误"), show=False),
        Binding("i", "toggle_income", N_("收入列")),
        Binding("c", "copy_row", N_("复制此行"), show=False),
        Binding("question_mark", "help", N_("帮助")),
        Binding("q", "quit", N_("退出")),
    ]

    def __init__(
        self,
        path: Path,
        disclosure: Disclosure | None = None,
        use_cache: bool = True,
        reader: str = DEFAULT_READER,
    ) -> None:
        """Open ``path``; a ``disclosure`` already parsed (tests) skips the parse, and a
        cached one (core.cache.store) skips pdfplumber."""
        super().__init__()
        translate_bindings(self)
        self.path = path
        self.use_cache = use_cache
        self.reader = reader
        self.preloaded = disclosure
        self.disclosure: Disclosure | None = None
        self.result: Reconciliation | None = None
        self.error_index = -1
        self.grand_total: Decimal | None = None  # 支出总表 合计, for each row's share
        self.income_columns = False
        self.query_text = ""
        self.identity_index: IdentityIndex = {}
        # Keys are taken from the first frame on: what needs the views or the data before
        # they are there waits here, in the order typed, and runs when they are.
        self.views_ready = not (disclosure is None and self.FIRST_FRAME_FIRST)
        self.data_ready = False  # the whole disclosure is shown (not a partial one)
        self._pending: list[tuple[Callable[[], None], bool]] = []  # (call, needs the data)
        self._running_pending = False
        self._search_queued = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Container(id="loading"):
            yield Label(_("读取中…"), id="loading-label")
            yield ProgressBar(id="loading-bar", show_eta=False)
        # Opening a file, the first frame shows the overview alone; the other views are
        # added right after it is painted (composing and styling them all first costs a
        # tenth of a second). A disclosure handed in (tests) gets every view at once.
        lazy = self.preloaded is None and self.FIRST_FRAME_FIRST
        views = VIEWS[:1] if lazy else VIEWS
        with TabbedContent(initial="overview"):
            for view_id, label in views:
                yield self._pane(view_id, label)
        yield SearchBar()
        yield Footer()

    def _pane(self, view_id: str, label: str) -> TabPane:
        if view_id == "overview":
            body: Widget = VerticalScroll(Overview(self._first_words(), id="overview-text"))
        elif view_id == "narrative":
            body = VerticalScroll(NarrativeView("", id="narrative-text"))
        elif view_id == "raw":
            body = VerticalScroll(RawTables("", id="raw-text"))
        else:
            body = Vertical(
                Static("", id=f"{view_id}-columns", classes="columns"),
                Container(
                    BudgetTree(_(label), {}, id=f"{view_id}-tree"),
                    SidePanel(id=f"{view_id}-panel"),
                    classes="view",
                ),
                classes="tree-column",
            )
        return TabPane(_(label), body, id=view_id)

    async def _add_views_then_load(self) -> None:
        tabs = self.query_one(TabbedContent)
        try:
            for view_id, label in VIEWS[1:]:
                await tabs.add_pane(self._pane(view_id, label))
        except MountError:  # the app was closed within its first frame
            return
        self.views_ready = True
        self._run_pending()
        self.load()

    # -- keys typed ahead ----------------------------------------------------------------------
    def _later(self, call: Callable[[], None], needs_data: bool = True) -> bool:
        """Queue ``call`` when the views (and, with ``needs_data``, the whole disclosure)
        are not there yet, or when earlier keys still wait: True when it was queued. It runs
        when they are, after the keys typed before it."""
        if self._running_pending:
            return False
        if not self._pending and self.views_ready and (self.data_ready or not needs_data):
            return False
        self._pending.append((call, needs_data))
        return True

    def _run_pending(self) -> None:
        """Run the queued keys that can run now, in order."""
        self._running_pending = True
        try:
            while self._pending:
                call, needs_data = self._pending[0]
                if not self.views_ready or (needs_data and not self.data_ready):
                    return
                self._pending.pop(0)
                call()
        finally:
            self._running_pending = False

    def _first_words(self) -> str:
        """What the overview says before the tables are loaded: a cached package names its
        department and year at once, from its manifest (no polars yet)."""
        from core.cache.index import cached_meta

        meta = cached_meta(self.path) if self.use_cache and self.preloaded is None else None
        if not meta or not meta.get("department"):
            return _("读取中…")
        year = _("{year}年").format(year=meta["year"]) if meta.get("year") else ""
        return f"{meta['department']}  {year}\n\n" + _("读取中…")

    def on_mount(self) -> None:
        self.sub_title = self.path.name
        if self.preloaded is not None:
            from core.rules.reconcile import reconcile

            self.post_message(DisclosureLoaded(self.preloaded, reconcile(self.preloaded)))
        else:
            # the first frame is painted before the other views are built and before the
            # worker imports polars (it holds the GIL)
            self.call_after_refresh(self._add_views_then_load)

    # -- loading -------------------------------------------------------------------------------
    @work(thread=True, exclusive=True)
    def load(self) -> None:

        # polars and the model are imported here, off the event loop, after the first frame
        from core.cache.store import open_disclosure
        from core.rules.reconcile import reconcile

        def progress(page: int, total: int, stage: str) -> None:
            self.post_message(ParseProgress(page, total, stage))

        def partial(disclosure: Disclosure) -> None:
            # the tables read so far, shown while the rest is read
            self.post_message(DisclosureLoaded(disclosure, reconcile(disclosure), partial=True))

        try:
            disclosure = open_disclosure(
                self.path, progress, self.use_cache, partial, reader=self.reader
            )
            self.post_message(DisclosureLoaded(disclosure, reconcile(disclosure)))
        except BudgetInputError as exc:
            self.post_message(LoadFailed(str(exc)))

    @on(ParseProgress)
    def show_progress(self, message: ParseProgress) -> None:
        self.query_one("#loading-bar", ProgressBar).update(
            total=message.total, progress=message.page
        )
        self.query_one("#loading-label", Label).update(
            _("第 {page}/{total} 页 · {stage}").format(
                page=message.page, total=message.total, stage=_(message.stage)
            )
        )

    @on(LoadFailed)
    def show_failure(self, message: LoadFailed) -> None:
        self.exit(message=message.error, return_code=2)

    @on(DisclosureLoaded)
    def show_disclosure(self, message: DisclosureLoaded) -> None:
        import polars as pl

        d, r = message.disclosure, message.reconciliation
        self.disclosure, self.result = d, r
        self.identity_index = index_identities(r.identities)
        self.query_one("#loading").set_class(not message.partial, "hidden")
        self.sub_title = self.path.name + (_(" · 读取中…") if message.partial else "")
        top = d.table("expenditure").filter(pl.col("level") == 0)
        self.grand_total = top["total"][0] if top.height else None
        status = status_map(r.cell_status)
        # a partial disclosure is replaced when the rest arrives: keep the user's place
        places = {
            v: self.tree(v).cursor_node.data.key  # type: ignore[union-attr]
            for v in TREE_VIEWS
            if self.tree(v).cursor_node is not None and self.tree(v).cursor_node.data is not None  # type: ignore[union-attr]
        }
        for view_id in TREE_VIEWS:
            self.tree(view_id).status = status
        self._fill_code_trees()
        fill_projects(self.tree("projects"), d)
        fill_procurement(self.tree("procurement"), d)
        fill_assets(self.tree("assets"), d)
        fill_findings(self.tree("findings"), r)
        self._set_columns("projects", ["budget", "fiscal_funds", "other_funds"], "projects")
        unit = d.table("procurement")
        self._set_columns(
            "procurement",
            (["quantity", "unit_price"] if unit.height else []) + ["amount"],
            "procurement",
        )
        self._set_columns("assets", ["quantity", "value"], "fixed_assets", width=40)
        self.query_one("#findings-columns", Static).update(_("级别      表  核对结果"))
        for view_id in TREE_VIEWS:
            tree = self.tree(view_id)
            tree.cursor_line = 0  # ↓ moves at once
            if view_id in places:
                node = next(
                    (n for n in tree.nodes() if n.data and n.data.key == places[view_id]), None
                )
                if node is not None:
                    tree.reveal(node)
        self.query_one("#overview-text", Overview).show(d, r)
        self.query_one("#narrative-text", NarrativeView).show(d, status)
        self.query_one("#raw-text", RawTables).show(d)
        if not message.partial:
            self.data_ready = True
            self.call_after_refresh(self._run_pending)  # the keys typed while it loaded

    def _fill_code_trees(self) -> None:
        d = self.disclosure
        if d is None:
            return
        columns = INCOME_COLUMNS if self.income_columns else SPENDING_COLUMNS
        fill_code_tree(
            self.tree("functional"),
            d,
            FUNCTIONAL_SOURCES,
            FUNCTIONAL_OTHERS,
            columns,
            values_from="income" if self.income_columns else None,
        )
        self._set_columns("functional", columns, "income" if self.income_columns else None)
        fill_code_tree(
            self.tree("economic"), d, ECONOMIC_SOURCES, ECONOMIC_OTHERS, ECONOMIC_COLUMNS, True
        )
        self._set_columns("economic", ECONOMIC_COLUMNS)

    def _set_columns(
        self, view_id: str, columns: list[str], table: str | None = None, width: int = NAME_WIDTH
    ) -> None:
        """The column header over a tree, aligned with its amount columns, in the labels
        the tables print (core.labels)."""
        names = [fit(column_label(c, table), 13).rstrip() for c in columns]
        header = (
            "    "
            + fit(_("代码 名称"), width)
            + "".join(" " * (14 - cell_len(name)) + name for name in names)
        )
        self.query_one(f"#{view_id}-columns", Static).update(header)

    def tree(self, view_id: str) -> BudgetTree:
        return self.query_one(f"#{view_id}-tree", BudgetTree)

    def current_tree(self) -> BudgetTree | None:
        view = self.query_one(TabbedContent).active
        return self.tree(view) if view in TREE_VIEWS else None

    # -- the side panel ------------------------------------------------------------------------
    @on(Tree.NodeHighlighted)
    def update_panel(self, event: Tree.NodeHighlighted[RowRef]) -> None:
        tree_id = event.control.id or ""
        if self.result is None or event.node.data is None:
            return
        if tree_id == "findings-tree":
            self.query_one("#findings-panel", SidePanel).update(finding_text(event.node.data.row))
            return
        parent = event.node.parent
        parent_ref = parent.data if parent is not None else None
        parent_total = parent_ref.row.get("total") if isinstance(parent_ref, RowRef) else None
        self.query_one(f"#{tree_id.replace('-tree', '-panel')}", SidePanel).show(
            event.node.data,
            self.identity_index,
            self.grand_total,
            parent_total,
            {p["table"]: p["why"] for p in self.result.proofs.to_dicts() if not p["vouched"]},
        )

    # -- findings → their rows -----------------------------------------------------------------
    @on(Tree.NodeSelected, "#findings-tree")
    def jump_to_finding(self, event: Tree.NodeSelected[RowRef]) -> None:
        if event.node.data is not None:
            self.jump(event.node.data.row)

    def jump(self, finding: dict[str, Any]) -> None:
        """Select the tree row where a finding's identity lives (its total first)."""
        contributors = sorted(finding.get("contributors") or [], key=lambda c: c["role"] != "total")
        for c in contributors:
            view = TREE_FOR_TABLE.get(c["table"])
            if view is None:
                continue
            tree = self.tree(view)
            node = next(
                (
                    n
                    for n in tree.nodes()
                    if n.data is not None
                    and (
                        (n.data.table, n.data.key) == (c["table"], c["key"])
                        or any(
                            (t, row.get("code") or "合计") == (c["table"], c["key"])
                            for t, row in n.data.others
                        )
                    )
                ),
                None,
            )
            if node is not None:
                self.query_one(TabbedContent).active = view
                tree.focus()
                tree.reveal(node)
                return
        self.notify(_("此核对结果在树中没有对应的行；见「核对」视图"), severity="warning")

    # -- actions -------------------------------------------------------------------------------
    def action_view(self, view_id: str) -> None:
        if self._later(lambda: self.action_view(view_id), needs_data=False):
            return
        self.query_one(TabbedContent).active = view_id
        if view_id in TREE_VIEWS:
            self.tree(view_id).focus()

    def action_next_error(self, step: int) -> None:

        import polars as pl

        if self._later(lambda: self.action_next_error(step)) or self.result is None:
            return
        errors = self.result.findings.filter(pl.col("severity") == "error").to_dicts()
        if not errors:
            self.notify(_("没有错误：每个恒等式都成立（舍入误差内）"))
            return
        self.error_index = (self.error_index + step) % len(errors)
        self.jump(errors[self.error_index])

    def action_toggle_income(self) -> None:
        if self._later(self.action_toggle_income):
            return
        self.income_columns = not self.income_columns
        self._fill_code_trees()
        self.action_view("functional")
        self.notify(_("收入列（收入总表）") if self.income_columns else _("支出列"))

    def action_copy_row(self) -> None:
        if self._later(self.action_copy_row):
            return
        focused = self.focused
        if isinstance(focused, Tree) and focused.cursor_node is not None:
            self.copy_to_clipboard(str(focused.cursor_node.label))  # OSC 52: works over SSH
            self.notify(_("已复制此行"))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.BINDINGS))

    def action_search(self) -> None:
        # the bar opens at once, so what is typed next lands in it; the tree it searches
        # may not be there yet
        self.query_one(SearchBar).open()
        self._in_tree_view()

    def _in_tree_view(self) -> None:
        if self._later(self._in_tree_view, needs_data=False):
            return
        if self.current_tree() is None:
            self.query_one(TabbedContent).active = "functional"  # not focusing its tree

    @on(Input.Changed, "#search")
    def search_as_typed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        if not self.query_text:
            return
        if self._search_queued:
            return  # the queued search will look for the query as typed by then
        if self._later(self._queued_search):
            self._search_queued = True
            return
        self._search(0)

    def _queued_search(self) -> None:
        self._search_queued = False
        if self.query_text:
            self._search(0)

    @on(Input.Submitted, "#search")
    def close_search(self) -> None:
        self.query_one(SearchBar).close()
        self._focus_tree()

    def _focus_tree(self) -> None:
        if self._later(self._focus_tree, needs_data=False):
            return
        tree = self.current_tree()
        if tree is not None:
            tree.focus()

    def action_search_next(self, step: int) -> None:
        if self._later(lambda: self.action_search_next(step)):
            return
        if not self.query_text:
            self.notify(_("按 / 查找"))
            return
        self._search(step)

    def _search(self, step: int) -> None:
        """Move to the next node (from the cursor, ``step`` 0 includes it) whose code starts
        with the query or whose name contains it."""
        tree = self.current_tree()
        if tree is None:
            return
        query = self.query_text.casefold()
        nodes = list(tree.nodes())
        matches = [
            i
            for i, n in enumerate(nodes)
            if (n.data is not None and n.data.key.casefold().startswith(query))
            or query in str(n.label).casefold()
        ]
        if not matches:
            self.notify(_("没有匹配「{query}」").format(query=self.query_text), severity="warning")
            return
        here = nodes.index(tree.cursor_node) if tree.cursor_node in nodes else -1
        if step >= 0:
            start = here + (1 if step else 0)
            index = next((i for i in matches if i >= start), matches[0])
        else:
            index = next((i for i in reversed(matches) if i < here), matches[-1])
        tree.reveal(nodes[index])
        self.sub_title = f"{self.path.name} · /{self.query_text}: " + _(
            "第 {n} 个，共 {total} 个"
        ).format(n=matches.index(index) + 1, total=len(matches))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and len(self.screen_stack) > 1:
            return False  # / is the help screen's, the palette's: not the views' search
        if action == "toggle_income":  # shown in the footer of the functional view only
            return self.query_one(TabbedContent).active == "functional" if self.is_mounted else True
        return True

    @on(TabbedContent.TabActivated)
    def refresh_footer(self) -> None:
        self.refresh_bindings()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 120, "-narrow")
        self.set_class(self.size.height < 30, "-short")
