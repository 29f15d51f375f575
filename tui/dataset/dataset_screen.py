"""``budget-tui DATASET/``: the departments of a scanned dataset, and the functional and
economic trees added up over all of them.

The department list sorts by any column (``s`` on the column, or a click on its header) and
``/`` narrows it; Enter opens a department's disclosure, rebuilt from the dataset. In the
trees, the panel names the departments behind the highlighted code and Enter lists only them.
Everything shown comes from core.dataset.store's frames; nothing here reads a PDF.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import polars as pl
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
    Tree,
)

from core.dataset.store import aggregate, department_list, departments_behind, tree_root
from core.i18n import _
from tui.dataset.aggregate_tree import AggregateTree, header
from tui.messages import DepartmentChosen
from tui.widgets.budget_tree import money

TREES = ("functional", "economic")
BEHIND_SHOWN = 40  # departments named in the panel; the rest are counted


def columns() -> list[tuple[str, str]]:
    """(column of department_list, its heading): what the list shows, in order."""
    return [
        ("department", _("部门")),
        ("region", _("地区")),
        ("year", _("年度")),
        ("total", _("合计（元）")),
        ("basic", _("基本支出")),
        ("project", _("项目支出")),
        ("errors", _("错误")),
        ("status", _("状态")),
    ]


def status_text(status: str) -> str:
    return {"ok": _("正常"), "errors": _("有错误"), "failed": _("未能读取")}.get(status, status)


def _cell(column: str, row: dict[str, Any]) -> str | Text:
    value = row[column]
    if column == "department":
        return value or Path(row["path"]).name  # a refused file has no department
    if column == "status":
        style = {"ok": "green", "errors": "bold red", "failed": "magenta"}.get(value, "")
        return Text(status_text(value), style=style)
    if isinstance(value, Decimal):
        return Text(money(value), justify="right")
    if column == "errors":
        return Text("" if row["status"] == "failed" else str(value), justify="right")
    return "" if value is None else str(value)


class DatasetScreen(Screen[None]):
    CSS_PATH = "dataset_screen.tcss"
    AUTO_FOCUS = "#department-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "view('departments')", _("部门"), show=False),
        Binding("2", "view('functional')", _("功能分类"), show=False),
        Binding("3", "view('economic')", _("经济分类"), show=False),
        Binding("slash", "search", _("搜索")),
        Binding("s", "sort", _("按此列排序")),
        Binding("escape", "clear_filter", _("清除筛选")),
        Binding("q", "app.quit", _("退出")),
    ]

    def __init__(self, dataset: Path) -> None:
        super().__init__()
        self.dataset = dataset
        self.departments = department_list(dataset)
        self.sort_column = "department"
        self.descending = False
        self.query_text = ""
        self.code_filter: tuple[str, set[str]] | None = None  # (what it says, sha256s)

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="departments"):
            with TabPane(_("1 部门"), id="departments"), Vertical():
                yield Label("", id="filter-line")
                yield DataTable(id="department-table", cursor_type="row", zebra_stripes=True)
            for tree_id, title in zip(
                TREES, (_("2 功能分类合计"), _("3 经济分类合计")), strict=True
            ):
                with TabPane(title, id=tree_id), Vertical():
                    yield Static(header(), classes="columns")
                    with Horizontal(classes="view"):
                        yield AggregateTree(_("全部部门"), id=f"{tree_id}-tree")
                        yield Static("", id=f"{tree_id}-behind", classes="behind")
        yield Input(
            placeholder=_("搜索部门、地区或文件名（回车保留，Esc 关闭）"), id="dataset-search"
        )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#department-table", DataTable)
        for column, heading in columns():
            table.add_column(heading, key=column)
        self.refresh_table()
        self.fill_trees()

    # -- the department list -------------------------------------------------------------------
    def shown(self) -> pl.DataFrame:
        """The departments the list shows: filtered, then sorted (empty cells last)."""
        rows = self.departments
        if self.code_filter is not None:
            rows = rows.filter(pl.col("sha256").is_in(list(self.code_filter[1])))
        if self.query_text:
            q = self.query_text.casefold()
            text = pl.concat_str(
                [pl.col(c).fill_null("") for c in ("department", "region", "path")], separator=" "
            )
            rows = rows.filter(text.str.to_lowercase().str.contains(q, literal=True))
        return rows.sort(
            [self.sort_column, "department", "path"],
            descending=[self.descending, False, False],
            nulls_last=True,
        )

    def refresh_table(self) -> None:
        table = self.query_one("#department-table", DataTable)
        column = table.cursor_column  # the reader's column survives a sort or a search
        table.clear()
        keys = [c for c, _ in columns()]
        for row in self.shown().iter_rows(named=True):
            table.add_row(*(_cell(c, row) for c in keys), key=row["sha256"])
        table.move_cursor(row=0, column=column)
        parts = [
            _("{shown} / {total} 个文件").format(
                shown=table.row_count, total=self.departments.height
            )
        ]
        heading = dict(columns())[self.sort_column]
        parts.append(
            _("按{column}{order}").format(
                column=heading, order=_("降序") if self.descending else _("升序")
            )
        )
        if self.code_filter is not None:
            parts.append(self.code_filter[0])
        if self.query_text:
            parts.append(_("搜索：{query}").format(query=self.query_text))
        self.query_one("#filter-line", Label).update("  ·  ".join(parts))

    def action_sort(self) -> None:
        table = self.query_one("#department-table", DataTable)
        column = table.ordered_columns[table.cursor_column].key.value or "department"
        self._sort_by(column)

    @on(DataTable.HeaderSelected)
    def sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        self._sort_by(event.column_key.value or "department")

    def _sort_by(self, column: str) -> None:
        if column == self.sort_column:
            self.descending = not self.descending
        else:  # amounts and errors: the largest first
            self.sort_column = column
            self.descending = column in ("total", "basic", "project", "errors")
        self.refresh_table()

    @on(DataTable.RowSelected, "#department-table")
    def open_department(self, event: DataTable.RowSelected) -> None:
        sha256 = event.row_key.value or ""
        row = self.departments.filter(pl.col("sha256") == sha256).row(0, named=True)
        if row["status"] == "failed":
            self.notify(row["message"] or status_text("failed"), severity="warning")
            return
        self.app.post_message(DepartmentChosen(sha256, row["path"]))

    # -- search --------------------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one(TabbedContent).active = "departments"
        search = self.query_one("#dataset-search", Input)
        search.value = self.query_text
        search.add_class("open")
        self.set_focus(search)

    @on(Input.Changed, "#dataset-search")
    def search_as_typed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self.refresh_table()

    @on(Input.Submitted, "#dataset-search")
    def close_search(self) -> None:
        self.query_one("#dataset-search", Input).remove_class("open")
        self.query_one("#department-table", DataTable).focus()

    def action_clear_filter(self) -> None:
        search = self.query_one("#dataset-search", Input)
        if search.has_class("open"):
            self.close_search()
            return
        self.query_text = ""
        self.code_filter = None
        self.refresh_table()

    def action_view(self, view: str) -> None:
        self.query_one(TabbedContent).active = view
        if view == "departments":
            self.query_one("#department-table", DataTable).focus()
        else:
            self.query_one(f"#{view}-tree", AggregateTree).focus()

    # -- the trees over all departments --------------------------------------------------------
    def fill_trees(self) -> None:
        for kind in TREES:
            total, departments = tree_root(self.dataset, kind)
            tree = self.query_one(f"#{kind}-tree", AggregateTree)
            tree.fill(aggregate(self.dataset, kind), total, departments)

    @on(Tree.NodeHighlighted)
    def show_behind(self, event: Tree.NodeHighlighted[dict[str, Any]]) -> None:
        kind = (event.control.id or "").removesuffix("-tree")
        data = event.node.data
        if kind in TREES and data and data.get("code"):
            self.list_behind(kind, data["code"], data.get("name") or "")

    @work(exclusive=True, group="behind")
    async def list_behind(self, kind: str, code: str, name: str) -> None:
        behind = departments_behind(self.dataset, kind, code)
        lines = [f"[b]{code} {name}[/b]", _("{n} 个部门").format(n=behind.height), ""]
        for row in behind.head(BEHIND_SHOWN).iter_rows(named=True):
            lines.append(f"{money(row['total']):>18}  {row['department'] or ''}")
        if behind.height > BEHIND_SHOWN:
            lines.append(_("……另有 {n} 个").format(n=behind.height - BEHIND_SHOWN))
        lines += ["", _("回车：在部门列表中只看这些部门")]
        self.query_one(f"#{kind}-behind", Static).update("\n".join(lines))

    @on(Tree.NodeSelected)
    def drill_down(self, event: Tree.NodeSelected[dict[str, Any]]) -> None:
        kind = (event.control.id or "").removesuffix("-tree")
        data = event.node.data
        if kind not in TREES or not data or not data.get("code"):
            return
        behind = departments_behind(self.dataset, kind, data["code"])
        what = _("功能分类") if kind == "functional" else _("经济分类")
        self.code_filter = (
            _("{what} {code} {name} 下的部门（Esc 清除）").format(
                what=what, code=data["code"], name=data.get("name") or ""
            ),
            set(behind["sha256"].to_list()),
        )
        self.refresh_table()
        self.action_view("departments")
