"""Tree views of the model: functional and economic codes, projects, procurement.

Each node carries a :class:`RowRef` so the side panel can show every value and every
identity of the row. Labels are padded by display width, so CJK names line up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import polars as pl
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from core.cells import normalise_display

MARK = {"ok": "✓", "rounding": "≈", "classified": "?", "unverifiable": "?", "broken": "✗"}
STYLE = {
    "ok": "green",
    "rounding": "yellow",
    "classified": "cyan",
    "unverifiable": "cyan",
    "broken": "bold red",
}
RANK = {"ok": 0, "rounding": 1, "classified": 2, "unverifiable": 3, "broken": 4}


@dataclass(frozen=True)
class RowRef:
    table: str
    key: str  # the reconciliation key of the row
    row: dict[str, Any]


def money(value: Decimal | None, classified: bool = False) -> str:
    if classified:
        return "**"
    return "" if value is None else f"{value:,.2f}"


def fit(text: str, width: int) -> str:
    """Truncate or pad by display cells, never by characters."""
    text = normalise_display(text)
    out, used = "", 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width - 1 and cell_len(text) > width:
            return out + "…" + " " * (width - used - 1)
        out += ch
        used += w
    return out + " " * (width - used)


class BudgetTree(Tree[RowRef]):
    """A tree whose rows show amounts in aligned columns and a reconciliation mark."""

    def __init__(self, label: str, status: dict[tuple[str, str], str], **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.status = status
        self.show_root = False
        self.guide_depth = 2

    def row_status(self, table: str, key: str) -> str | None:
        return self.status.get((table, key))

    def line(
        self,
        name: str,
        values: list[str],
        status: str | None,
        width: int = 30,
        subtree_broken: bool = False,
    ) -> Text:
        text = Text()
        mark = MARK.get(status or "", " ")
        if subtree_broken and status != "broken":
            mark = "✗"
            style = "red"
        else:
            style = STYLE.get(status or "", "")
        text.append(f"{mark} ", style=style)
        text.append(fit(name, width))
        for v in values:
            text.append(f"{v:>14}")
        return text


def status_map(cell_status: pl.DataFrame) -> dict[tuple[str, str], str]:
    """(table, row key) → the worst status of any identity the row takes part in."""
    out: dict[tuple[str, str], str] = {}
    for row in cell_status.iter_rows(named=True):
        k = (row["table"], row["key"])
        if RANK[row["status"]] > RANK.get(out.get(k, "ok"), 0) or k not in out:
            out[k] = row["status"]
    return out


def fill_code_tree(
    tree: BudgetTree, table: str, frame: pl.DataFrame, columns: list[str], economic: bool = False
) -> None:
    """合计 > 类 > 款 > 项 from a frame with code and level columns."""
    tree.clear()
    rows = frame.to_dicts()
    nodes: dict[str, TreeNode[RowRef]] = {}
    broken_prefixes = {
        (r.get("code") or "")
        for r in rows
        if tree.row_status(table, r.get("code") or "合计") == "broken"
    }

    def has_broken_below(code: str) -> bool:
        return any(p.startswith(code) and p != code for p in broken_prefixes)

    for r in rows:
        code = r.get("code") or ""
        key = code or "合计"
        label = tree.line(
            f"{code} {r['name']}".strip(),
            [money(r.get(c), c in (r.get("classified") or [])) for c in columns],
            tree.row_status(table, key),
            subtree_broken=has_broken_below(code),
        )
        parent: TreeNode[RowRef] = tree.root
        for length in (5, 3) if not economic else (3,):
            if len(code) > length and code[:length] in nodes:
                parent = nodes[code[:length]]
                break
        else:
            if code and "" in nodes:
                parent = nodes[""]
        is_leaf = len(code) >= (5 if economic else 7)
        if is_leaf:
            node = parent.add_leaf(label, data=RowRef(table, key, r))
        else:
            node = parent.add(label, data=RowRef(table, key, r), expand=len(code) <= 3)
        nodes[code] = node
    tree.root.expand()
