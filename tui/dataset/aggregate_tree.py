"""A functional or economic tree over every department of a dataset: per code the sum in 元,
the number of departments that print it and its share of all their totals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import polars as pl
from rich.cells import cell_len
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from core.i18n import _
from tui.widgets.budget_tree import fit, money

NAME_WIDTH = 34
AMOUNT_WIDTH = 20


def _right(text: str, width: int) -> str:
    return " " * max(0, width - cell_len(text)) + text


def header() -> str:
    """The column line over the tree, aligned with its labels (the tree indents 4 cells)."""
    return (
        "    "
        + fit(_("代码 名称"), NAME_WIDTH)
        + _right(_("合计（元）"), AMOUNT_WIDTH)
        + _right(_("部门数"), 8)
        + _right(_("占比"), 9)
    )


def label(
    code: str, name: str, total: Decimal | None, departments: int, share: float | None
) -> str:
    return (
        fit(f"{code} {name}", NAME_WIDTH)
        + _right(money(total), AMOUNT_WIDTH)
        + _right(str(departments), 8)
        + _right("" if share is None else f"{share:.1%}", 9)
    )


def ancestors(code: str) -> list[str]:
    """204 > 20402 > 2040201: the codes above ``code``, nearest first."""
    return [code[:n] for n in range(len(code) - 2, 2, -2)]


class AggregateTree(Tree[dict[str, Any]]):
    """Node data: the aggregate row (code, name, level, total…, departments, share)."""

    def fill(self, rows: pl.DataFrame, grand_total: Decimal | None, departments: int) -> None:
        self.clear()
        self.root.set_label(
            fit(_("全部部门"), NAME_WIDTH + 4)[:NAME_WIDTH]
            + _right(money(grand_total), AMOUNT_WIDTH)
            + _right(str(departments), 8)
        )
        self.root.data = {"code": None, "total": grand_total, "departments": departments}
        nodes: dict[str, TreeNode[dict[str, Any]]] = {}
        for row in rows.sort("code").iter_rows(named=True):
            # a department may print a 项 without its 款: under the nearest code printed above
            parent = next((nodes[c] for c in ancestors(row["code"]) if c in nodes), self.root)
            text = label(
                row["code"], row["name"] or "", row["total"], row["departments"], row["share"]
            )
            nodes[row["code"]] = parent.add(text, data=row, expand=False)
        for node in nodes.values():
            node.allow_expand = bool(node.children)
        self.root.expand()
