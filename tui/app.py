"""``budget-tui FILE.pdf``: a keyboard explorer of one disclosure, parsed in a worker."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import polars as pl
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, ProgressBar, Static, TabbedContent, TabPane, Tree

from core.cells import normalise_display
from core.model import BudgetInputError, Disclosure
from core.reconcile import Reconciliation, reconcile

from .budget_tree import BudgetTree, RowRef, fill_code_tree, fit, money, status_map
from .messages import DisclosureLoaded, LoadFailed, ParseProgress
from .side_panel import SidePanel

VIEWS = [
    ("overview", "1 概览"),
    ("functional", "2 功能分类"),
    ("economic", "3 经济分类"),
    ("projects", "4 项目"),
    ("procurement", "5 政府采购"),
    ("findings", "6 核对结果"),
    ("raw", "7 未识别"),
]
TREE_FOR_TABLE = {
    "income": "functional",
    "expenditure": "functional",
    "gpb_expenditure": "functional",
    "gov_fund_expenditure": "functional",
    "state_capital_expenditure": "functional",
    "gpb_basic_expenditure": "economic",
    "projects": "projects",
    "procurement": "procurement",
}


class BudgetApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "budget-tui"
    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(str(i + 1), f"view('{vid}')", label.split(" ", 1)[1], show=i < 6)
            for i, (vid, label) in enumerate(VIEWS)
        ],
        Binding("e", "next_error(1)", "next error"),
        Binding("E", "next_error(-1)", "prev error", show=False),
        Binding("c", "copy_row", "copy"),
        Binding("question_mark", "show_help_panel", "help"),
        Binding("q", "quit", "quit"),
    ]

    def __init__(
        self, path: Path, disclosure: Disclosure | None = None, use_cache: bool = True
    ) -> None:
        """Open ``path``; a ``disclosure`` already parsed (tests) skips the parse, and a
        cached one (core.cache) skips pdfplumber."""
        super().__init__()
        self.path = path
        self.use_cache = use_cache
        self.preloaded = disclosure
        self.disclosure: Disclosure | None = None
        self.result: Reconciliation | None = None
        self.error_index = -1
        self.grand_total: Decimal | None = None  # 支出总表 合计, for each row's share

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(id="loading", show_eta=False)
        with TabbedContent(initial="overview"):
            for view_id, label in VIEWS:
                with TabPane(label, id=view_id):
                    if view_id == "overview":
                        yield Static("reading…", id="overview-text")
                    elif view_id == "raw":
                        yield Static("", id="raw-text")
                    else:
                        with Horizontal(classes="view"):
                            yield BudgetTree(label, {}, id=f"{view_id}-tree")
                            yield SidePanel(id=f"{view_id}-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.path.name
        if self.preloaded is not None:
            self.post_message(DisclosureLoaded(self.preloaded, reconcile(self.preloaded)))
        else:
            self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        from core.cache import open_disclosure

        def progress(page: int, total: int, _stage: str) -> None:
            self.post_message(ParseProgress(page, total))

        def partial(disclosure: Disclosure) -> None:
            # the tables read so far, shown while the rest is read
            self.post_message(DisclosureLoaded(disclosure, reconcile(disclosure), partial=True))

        try:
            disclosure = open_disclosure(self.path, progress, self.use_cache, partial)
            self.post_message(DisclosureLoaded(disclosure, reconcile(disclosure)))
        except BudgetInputError as exc:
            self.post_message(LoadFailed(str(exc)))

    @on(ParseProgress)
    def show_progress(self, message: ParseProgress) -> None:
        bar = self.query_one("#loading", ProgressBar)
        bar.update(total=message.total, progress=message.page)

    @on(LoadFailed)
    def show_failure(self, message: LoadFailed) -> None:
        self.exit(message=message.error, return_code=2)

    @on(DisclosureLoaded)
    def show_disclosure(self, message: DisclosureLoaded) -> None:
        self.disclosure, self.result = message.disclosure, message.reconciliation
        self.query_one("#loading").set_class(not message.partial, "hidden")
        self.sub_title = self.path.name + (" · reading…" if message.partial else "")
        d, r = self.disclosure, self.result
        top = d.table("expenditure").filter(pl.col("level") == 0)
        self.grand_total = top["total"][0] if top.height else None
        status = status_map(r.cell_status)
        for view_id in ("functional", "economic", "projects", "procurement", "findings"):
            self.query_one(f"#{view_id}-tree", BudgetTree).status = status
        fill_code_tree(
            self.query_one("#functional-tree", BudgetTree),
            "expenditure",
            d.table("expenditure"),
            ["total", "basic", "project"],
        )
        fill_code_tree(
            self.query_one("#economic-tree", BudgetTree),
            "gpb_basic_expenditure",
            d.table("gpb_basic_expenditure"),
            ["total", "personnel", "public"],
            economic=True,
        )
        self._fill_projects(d)
        self._fill_procurement(d)
        self._fill_findings(r)
        for view_id in ("functional", "economic", "projects", "procurement", "findings"):
            self.query_one(f"#{view_id}-tree", BudgetTree).cursor_line = 0  # ↓ moves at once
        self.query_one("#overview-text", Static).update(self._overview(d, r))
        self.query_one("#raw-text", Static).update(self._raw(d))

    # -- views ---------------------------------------------------------------------------------
    def _overview(self, d: Disclosure, r: Reconciliation) -> Text:
        m = d.meta
        text = Text()
        text.append(f"{m.department} ({m.department_code})  {m.year}年\n", style="bold")
        text.append(f"{m.source} · {m.pages} pages · 单位：{m.unit}\n\n")
        exp = d.table("expenditure")
        total_row = exp.filter(pl.col("level") == 0).to_dicts()
        income_row = d.table("income").filter(pl.col("level") == 0).to_dicts()
        if income_row:
            text.append(f"收入合计 {money(income_row[0]['total']):>16}\n")
        if total_row:
            t = total_row[0]
            text.append(f"支出合计 {money(t['total']):>16}\n")
            text.append(
                f"  基本支出 {money(t['basic']):>14}\n  项目支出 {money(t['project']):>14}\n\n"
            )
            grand = t["total"] or Decimal(1)
            for row in exp.filter(pl.col("level") == 1).iter_rows(named=True):
                share = float((row["total"] or 0) / grand)
                bar = "█" * max(1, round(share * 40))
                text.append(fit(row["name"], 20))
                text.append(f"{money(row['total']):>14} ")
                text.append(bar, style="cyan")
                text.append(f" {share:.1%}\n")
        c = r.counts
        text.append("\n核对 reconciliation\n", style="bold")
        text.append(
            f"identities tested {int(c['tested'].sum())}  passed {int(c['passed'].sum())}"
            f"  info {int(c['info'].sum())}  warnings {int(c['warnings'].sum())}  "
        )
        errors = int(c["errors"].sum())
        text.append(f"errors {errors}\n", style="bold red" if errors else "green")
        text.append("press e to jump to the first error, 6 for every finding\n", style="dim")
        return text

    def _raw(self, d: Disclosure) -> Text:
        text = Text()
        if not d.raw_tables:
            text.append("every table was recognised")
        for raw in d.raw_tables:
            text.append(f"{raw.title or 'untitled'} (pages {raw.pages})\n", style="bold")
            for row in raw.rows:
                text.append(" | ".join(normalise_display(c) for c in row) + "\n")
        return text

    def _fill_projects(self, d: Disclosure) -> None:
        tree = self.query_one("#projects-tree", BudgetTree)
        tree.clear()
        cards = d.table("projects").sort("budget", descending=True, nulls_last=True)
        indicators = d.table("project_indicators")
        for card in cards.iter_rows(named=True):
            key = card["project_code"] or str(card["seq"])
            label = tree.line(
                card["name"] or "",
                [
                    money(card["budget"], card["redacted"]),
                    money(card["fiscal_funds"], card["redacted"]),
                ],
                tree.row_status("projects", key),
            )
            node = tree.root.add(label, data=RowRef("projects", key, card))
            level1_nodes: dict[str, Any] = {}
            for ind in indicators.filter(pl.col("project_code") == card["project_code"]).iter_rows(
                named=True
            ):
                l1 = ind["level1"] or ""
                if l1 not in level1_nodes:
                    level1_nodes[l1] = node.add(l1)
                target = ind["target"] or ("**" if ind["redacted"] else "")
                level1_nodes[l1].add_leaf(
                    normalise_display(
                        f"{ind['level2'] or '**'} › {ind['level3'] or '**'}: {target}"
                    )
                )
        tree.root.expand()

    def _fill_procurement(self, d: Disclosure) -> None:
        tree = self.query_one("#procurement-tree", BudgetTree)
        tree.clear()
        unit_node = tree.root
        source_nodes: dict[str, Any] = {}
        for i, row in enumerate(d.table("procurement").iter_rows(named=True)):
            key = f"row {i + 1}"
            name = row["item"] or row["unit"] or "合计"
            if row["redacted"] and row["row_kind"] == "line":
                name = "** (classified)"
            label = tree.line(
                name,
                [money(row["amount"], "amount" in row["classified"])],
                tree.row_status("procurement", key),
            )
            ref = RowRef("procurement", key, row)
            if row["row_kind"] == "total":
                tree.root.add_leaf(label, data=ref)
            elif row["row_kind"] == "subtotal":
                unit_node = tree.root.add(label, data=ref, expand=True)
                source_nodes = {}
            else:
                src = row["source_project"] or ""
                if src not in source_nodes:
                    source_nodes[src] = unit_node.add(
                        tree.line(src, [money(row["source_budget"])], None), expand=True
                    )
                source_nodes[src].add_leaf(label, data=ref)
        tree.root.expand()

    def _fill_findings(self, r: Reconciliation) -> None:
        tree = self.query_one("#findings-tree", BudgetTree)
        tree.clear()
        order = {"error": 0, "warning": 1, "info": 2}
        rows = sorted(r.findings.to_dicts(), key=lambda f: order[f["severity"]])
        for f in rows:
            style = {"error": "bold red", "warning": "yellow", "info": "cyan"}[f["severity"]]
            label = Text(f"{f['severity']:<8}", style=style)
            label.append(normalise_display(f"{f['table']} {f['location']}: {f['message']}"))
            tree.root.add_leaf(label, data=RowRef("finding", f["location"], f))
        tree.root.expand()

    # -- interaction ----------------------------------------------------------------------------
    @on(Tree.NodeHighlighted)
    def update_panel(self, event: Tree.NodeHighlighted[RowRef]) -> None:
        if self.result is None or event.node.data is None:
            return
        tree_id = event.control.id or ""
        panel_id = tree_id.replace("-tree", "-panel")
        if tree_id == "findings-tree":
            return
        self.query_one(f"#{panel_id}", SidePanel).show(
            event.node.data, self.result.identities, self.grand_total
        )

    @on(Tree.NodeSelected, "#findings-tree")
    def jump_to_finding(self, event: Tree.NodeSelected[RowRef]) -> None:
        if event.node.data is not None:
            self.jump(event.node.data.row)

    def jump(self, finding: dict[str, Any]) -> None:
        """Select the tree row where a finding's identity lives."""
        contributors = finding.get("contributors") or []
        for c in [*contributors]:
            view = TREE_FOR_TABLE.get(c["table"])
            if view is None:
                continue
            tree = self.query_one(f"#{view}-tree", BudgetTree)
            node = self._find_node(tree, c["table"], c["key"])
            if node is not None:
                self.query_one(TabbedContent).active = view
                node_parent = node.parent
                while node_parent is not None:
                    node_parent.expand()
                    node_parent = node_parent.parent
                tree.focus()
                self.call_after_refresh(self._reveal, tree, node)
                return

    def _reveal(self, tree: BudgetTree, node: Any) -> None:
        """Put the cursor on ``node`` and scroll to it once its newly shown pane has a size."""
        tree.move_cursor(node)
        tree.call_after_refresh(tree.scroll_to_node, node, False)

    def _find_node(self, tree: BudgetTree, table: str, key: str):  # type: ignore[no-untyped-def]
        stack = [tree.root]
        while stack:
            node = stack.pop()
            if node.data is not None and node.data.table == table and node.data.key == key:
                return node
            stack.extend(node.children)
        return None

    def action_view(self, view_id: str) -> None:
        self.query_one(TabbedContent).active = view_id
        if view_id not in ("overview", "raw"):
            self.query_one(f"#{view_id}-tree").focus()

    def action_next_error(self, step: int) -> None:
        if self.result is None:
            return
        errors = self.result.findings.filter(pl.col("severity") == "error").to_dicts()
        if not errors:
            self.notify("no errors: every identity holds (within rounding)")
            return
        self.error_index = (self.error_index + step) % len(errors)
        self.jump(errors[self.error_index])

    def action_copy_row(self) -> None:
        focused = self.focused
        if isinstance(focused, Tree) and focused.cursor_node is not None:
            self.copy_to_clipboard(str(focused.cursor_node.label))
            self.notify("copied")

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")
