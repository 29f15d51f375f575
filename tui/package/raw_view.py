"""Tables no family recognised, shown as printed with their pages: never dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from core.i18n import _
from core.tables.cells import normalise_display
from tui.widgets.budget_tree import fit

if TYPE_CHECKING:
    from core.model import Disclosure


MAX_COLUMN = 24


class RawTables(Static):
    def show(self, d: Disclosure) -> None:
        text = Text()
        if not d.raw_tables:
            text.append(_("每张表都已识别 ✓"))
        for raw in d.raw_tables:
            pages = "、".join(map(str, raw.pages))
            title = raw.title or _("无标题")
            text.append(
                _("{title}（第 {pages} 页）").format(title=title, pages=pages) + "\n", style="bold"
            )
            rows = [[normalise_display(c) for c in row] for row in raw.rows]
            n = max((len(r) for r in rows), default=0)
            widths = [
                min(MAX_COLUMN, max((cell_len(r[i]) for r in rows if i < len(r)), default=0) + 1)
                for i in range(n)
            ]
            for row in rows:
                text.append("│".join(fit(c, w) for c, w in zip(row, widths, strict=False)) + "\n")
            text.append("\n")
        self.update(text)
