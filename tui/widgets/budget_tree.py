"""Tree views of the model: functional and economic codes, projects, procurement.

Each node carries a :class:`RowRef` so the side panel can show every value and every
identity of the row. Labels are padded by display width, so CJK names line up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from core.i18n import N_
from core.tables.cells import normalise_display

if TYPE_CHECKING:
    import polars as pl


# "!": read incompletely — the tool cannot vouch for the figures, so it does not judge them
MARK = {
    "ok": "✓",
    "rounding": "≈",
    "classified": "?",
    "unverifiable": "?",
    "unread": "!",
    "broken": "✗",
}
STYLE = {
    "ok": "green",
    "rounding": "yellow",
    "classified": "cyan",
    "unverifiable": "cyan",
    "unread": "bold magenta",
    "broken": "bold red",
}
RANK = {"ok": 0, "rounding": 1, "classified": 2, "unverifiable": 3, "unread": 4, "broken": 5}


@dataclass(frozen=True)
class RowRef:
    table: str
    key: str  # the reconciliation key of the row
    row: dict[str, Any]
    # what other tables print for the same code: ((table, row), ...)
    others: tuple[tuple[str, dict[str, Any]], ...] = ()


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
    """A tree whose rows show amounts in aligned columns and a reconciliation mark.

    Textual's Tree renders only the lines on screen, so an expanded tree of 18 000 codes
    scrolls as fast as one of 18.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", N_("下移"), show=False),
        Binding("k", "cursor_up", N_("上移"), show=False),
        Binding("l", "expand_node", N_("展开"), show=False),
        Binding("h", "collapse_node", N_("收起"), show=False),
        Binding("g", "first", N_("第一行"), show=False),
        Binding("G", "last", N_("最后一行"), show=False),
    ]

    def __init__(self, label: str, status: dict[tuple[str, str], str], **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.status = status
        self.show_root = False
        self.guide_depth = 2

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand and not node.is_expanded:
            node.expand()
        elif node is not None and node.children:
            self.move_cursor(node.children[0])

    def action_collapse_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_first(self) -> None:
        self.cursor_line = 0
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        self.cursor_line = self.last_line
        self.scroll_end(animate=False)

    def nodes(self) -> Iterator[TreeNode[RowRef]]:
        """Every node, expanded or not, in display order."""
        stack = list(reversed(self.root.children))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def reveal(self, node: TreeNode[RowRef]) -> None:
        """Expand the node's ancestors, put the cursor on it and scroll it into view."""
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.call_after_refresh(self._reveal, node)

    def _reveal(self, node: TreeNode[RowRef]) -> None:
        self.move_cursor(node)
        self.call_after_refresh(self.scroll_to_node, node, False)

    def row_status(self, table: str, key: str) -> str | None:
        return self.status.get((table, key))

    def line(
        self,
        name: str,
        values: list[str],
        status: str | None,
        width: int = 30,
        subtree_broken: bool = False,
        depth: int = 0,
        leaf: bool = True,
    ) -> Text:
        """A row: mark, name padded to ``width`` less what the tree's guides and the
        expand icon take at ``depth``, so the amount columns line up at every level."""
        width -= 2 * depth + (0 if leaf else 2)
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


def depth_of(node: TreeNode[RowRef]) -> int:
    """0 for the root's children (the root is hidden)."""
    depth = -1
    while node.parent is not None:
        depth += 1
        node = node.parent
    return depth


def status_map(cell_status: pl.DataFrame) -> dict[tuple[str, str], str]:
    """(table, row key) → the worst status of any identity the row takes part in."""
    out: dict[tuple[str, str], str] = {}
    for row in cell_status.iter_rows(named=True):
        k = (row["table"], row["key"])
        if RANK[row["status"]] > RANK.get(out.get(k, "ok"), 0) or k not in out:
            out[k] = row["status"]
    return out
