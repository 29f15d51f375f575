"""The compare view: each tree (功能分类, 经济分类, “三公”, 收支总表, 项目, 政府采购) with one
column per package, then Δ and Δ% over years; a code that appears, disappears or is renamed
is marked (procurement lines nest under their unit's 小计). Beside each tree, the selected
code's series (tui.compare.series_panel); a last tab lists the year-over-year claims checked across
the documents, each with both places."""

from __future__ import annotations

from typing import Any

import polars as pl
from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane, Tree
from textual.widgets.tree import TreeNode

from core.i18n import _
from core.model import TABLE_TITLES_ZH
from core.packages.compare import ADDED, FAMILY_BY_ID, REMOVED, RENAMED, Comparison
from tui.compare.series_panel import SeriesPanel, percent, signed
from tui.widgets.budget_tree import MARK, RANK, STYLE, BudgetTree, RowRef, depth_of, fit, money

NAME_WIDTH = 22  # 80 columns hold the name, two years, Δ and Δ%
VALUE_WIDTH = 13
PERCENT_WIDTH = 9
CHANGE_MARK = {ADDED: ("+", "green"), REMOVED: ("−", "red"), RENAMED: ("≠", "yellow")}


def family_label(family_id: str) -> str:
    return {
        "functional": _("功能分类"),
        "economic": _("经济分类"),
        "three_public": _("“三公”经费"),
        "summary": _("收支总表"),
        "projects": _("项目预算"),
        "procurement": _("政府采购"),
    }.get(family_id, family_id)


def header_line(comparison: Comparison, unit: str = "") -> str:
    cells = [*comparison.labels] + (["Δ", "Δ%"] if comparison.has_delta else [])
    widths = [VALUE_WIDTH] * len(comparison.labels) + (
        [VALUE_WIDTH, PERCENT_WIDTH] if comparison.has_delta else []
    )
    if comparison.has_rate:
        cells.append(_("执行率"))
        widths.append(PERCENT_WIDTH)
    return (
        "    "
        + fit(_("代码 名称") + (f"（{unit}）" if unit else ""), NAME_WIDTH)
        + "".join(" " * max(1, w - cell_len(c)) + c for c, w in zip(cells, widths, strict=True))
    )


def row_line(comparison: Comparison, row: dict[str, Any], depth: int, leaf: bool) -> Text:
    text = Text()
    mark, style = CHANGE_MARK.get(row["change"], (" ", ""))
    text.append(f"{mark} ", style=style)
    width = NAME_WIDTH - 2 * depth - (0 if leaf else 2)
    # a code before its name; a project's 项目编码 is too long to lead its name
    code = row["key"] if row["key"][:1].isdigit() and row.get("family") != "projects" else ""
    text.append(fit(f"{code} {row['name']}".strip(), width))
    for label in comparison.labels:
        text.append(f"{money(row[label], bool(row.get(f'hidden@{label}'))):>{VALUE_WIDTH}}")
    if comparison.has_delta:
        delta = row.get("delta")
        style = "" if not delta else ("green" if delta > 0 else "red")
        text.append(f"{signed(delta):>{VALUE_WIDTH}}", style=style)
        text.append(f"{percent(row.get('delta_pct')):>{PERCENT_WIDTH}}", style=style)
    if comparison.has_rate:
        rate = row.get("rate")
        text.append(f"{'' if rate is None else f'{rate:.2f}%':>{PERCENT_WIDTH}}")
    return text


def fill_compare_tree(tree: BudgetTree, comparison: Comparison, family_id: str) -> None:
    """合计 > 类 > 款 > 项, a unit's procurement lines under its 小计 (their keys are paths:
    unit/catalogue code), or the items of a table; with the first measure's figures."""
    family = FAMILY_BY_ID[family_id]
    frame = comparison.frames[family_id]
    first = frame.filter(pl.col("measure") == family.measures[0])
    tree.clear()
    nodes: dict[str, TreeNode[RowRef]] = {}
    economic = family_id == "economic"
    paths = family.key == "procurement"
    groups = {k.rpartition("/")[0] for k in first["key"] if paths and "/" in k}
    for row in first.iter_rows(named=True):
        code = row["key"] if family.key == "code" else ""
        parent: TreeNode[RowRef] = tree.root
        if family.key == "code":
            for length in (5, 3) if not economic else (3,):
                if len(code) > length and code[:length] in nodes:
                    parent = nodes[code[:length]]
                    break
            else:
                if code and "" in nodes:
                    parent = nodes[""]
        elif paths:
            parent = nodes.get(row["key"].rpartition("/")[0], tree.root)
        # a 项 (经济分类: a 款) is a leaf; a procurement row is one unless lines nest under it
        leaf = (
            len(code) >= (5 if economic else 7)
            if family.key == "code"
            else row["key"] not in groups
        )
        ref = RowRef(family_id, row["key"], row)
        label = row_line(comparison, row, depth_of(parent) + 1, leaf)
        if leaf:
            node = parent.add_leaf(label, data=ref)
        else:
            node = parent.add(label, data=ref, expand=paths or len(code) <= 3)
        if family.key == "code":
            nodes[code] = node
        elif paths:
            nodes[row["key"]] = node
    tree.root.expand()


def figure_label(c: dict[str, Any]) -> str:
    """A figure of a claim in the document's words: the 说明's, or a table's row."""
    if c["table"] in ("narrative_figures", "narrative_items"):
        return {"change": _("说明 增减额"), "previous": _("说明 上年数")}.get(
            c["column"], _("说明 本年数")
        )
    return f"{TABLE_TITLES_ZH.get(c['table'], c['table'])} {c['key']}"


def findings_text(comparison: Comparison, findings: pl.DataFrame) -> Text:
    """The year-over-year claims, each with the claim's place and the earlier figure's."""
    text = Text()
    if not comparison.has_delta:
        text.append(_("各部门并列：不核对比上年增减。"), style="dim")
        return text
    if findings.height == 0:
        text.append(
            _("后一年的说明中没有可与前一年文件核对的比上年增减（仅有表格，或未打开说明）。"),
            style="dim",
        )
        return text
    worst_first = sorted(findings.iter_rows(named=True), key=lambda f: -RANK[f["status"]])
    for f in worst_first:
        status = f["status"]
        text.append(f"{MARK[status]} {f['location']}  ", style=STYLE[status])
        text.append(f["message"] + "\n")
        for c in f["contributors"]:
            text.append(f"    {figure_label(c)} {money(c['value'])}  ", style="dim")
            text.append(f"{c['source'] or ''} p.{c['page']}\n", style="dim")
        text.append("\n")
    return text


class CompareView(Vertical):
    """Every family's tree with its series panel, and the claims across years."""

    def __init__(self, comparison: Comparison, findings: pl.DataFrame, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.comparison = comparison
        self.findings = findings
        self.ready = False  # until its trees are filled (on_mount)

    def compose(self) -> ComposeResult:
        with TabbedContent():
            for i, family_id in enumerate(self.comparison.frames):
                label = f"{i + 1} {family_label(family_id)}"
                with TabPane(label, id=f"cmp-{family_id}"), Vertical(classes="tree-column"):
                    frame = self.comparison.frames[family_id]
                    unit = str(frame["unit"][0]) if frame.height else ""
                    yield Static(header_line(self.comparison, unit), classes="columns")
                    with Container(classes="view"):
                        yield BudgetTree(family_id, {}, id=f"cmp-{family_id}-tree")
                        yield SeriesPanel(id=f"cmp-{family_id}-panel")
            claims = f"{len(self.comparison.frames) + 1} {_('比上年核对')}"
            with TabPane(claims, id="cmp-claims"), VerticalScroll(id="claims-scroll"):
                yield Static(findings_text(self.comparison, self.findings), id="claims-text")

    def on_mount(self) -> None:
        for family_id in self.comparison.frames:
            tree = self.tree(family_id)
            fill_compare_tree(tree, self.comparison, family_id)
            tree.cursor_line = 0
        self.ready = True  # the trees are filled: keys typed ahead may run

    def tree(self, family_id: str) -> BudgetTree:
        return self.query_one(f"#cmp-{family_id}-tree", BudgetTree)

    def trees_from_current(self) -> list[BudgetTree]:
        """Every family's tree, the one shown first (a search looks there first)."""
        current = self.current_tree()
        others = [self.tree(f) for f in self.comparison.frames if self.tree(f) is not current]
        return ([current] if current is not None else []) + others

    def show_tree(self, tree: BudgetTree) -> None:
        self.query_one(TabbedContent).active = (tree.id or "").removesuffix("-tree")

    def current_tree(self) -> BudgetTree | None:
        active = self.query_one(TabbedContent).active
        family_id = active.removeprefix("cmp-")
        return self.tree(family_id) if family_id in self.comparison.frames else None

    @on(Tree.NodeHighlighted)
    def show_series(self, event: Tree.NodeHighlighted[RowRef]) -> None:
        ref = event.node.data
        if ref is None:
            return
        frame = self.comparison.frames[ref.table]
        rows = frame.filter(pl.col("key") == ref.key).to_dicts()
        self.query_one(f"#cmp-{ref.table}-panel", SeriesPanel).show(self.comparison, rows)
