"""The 情况说明: the prose as printed, each figure the parser took from it highlighted and
marked ✓ / ≈ / ✗ against the table it quotes."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from core.i18n import _
from core.tables.cells import normalise_display
from tui.widgets.budget_tree import MARK, STYLE

if TYPE_CHECKING:
    from core.model import Disclosure


MIN_PROSE = 120  # characters: less is a table page's title and unit line


def _spellings(value: Decimal) -> list[str]:
    """How the prose may print a figure: 1199.75, 1,199.75, 25.00 as 25."""
    out = [f"{value:,.2f}", f"{value:.2f}"]
    if value == value.to_integral():
        out += [f"{value:,.0f}", f"{value:.0f}"]
    elif f"{value:.2f}".endswith("0"):
        out += [f"{value:.1f}", f"{value:,.1f}"]
    return [s.lstrip("-") for s in out]


class NarrativeView(Static):
    def show(self, d: Disclosure, status: dict[tuple[str, str], str]) -> None:
        self.update(narrative_text(d, status))


def narrative_text(d: Disclosure, status: dict[tuple[str, str], str]) -> Text:
    figures: dict[int, list[tuple[str, Decimal, str | None]]] = {}
    for row in d.table("narrative_figures").iter_rows(named=True):
        figures.setdefault(row["page"], []).append(
            (row["label"], row["value"], status.get(("narrative_figures", row["key"])))
        )
    for row in d.table("narrative_items").iter_rows(named=True):
        figures.setdefault(row["page"], []).append(
            (row["name"], row["amount"], status.get(("narrative_items", row["code"] or "")))
        )
    text = Text()
    if not d.prose:
        text.append(_("本文件没有情况说明"))
    for page in d.prose:
        if page.page not in figures and len(re.sub(r"\s", "", page.text)) < MIN_PROSE:
            continue  # a table page's caption lines, not prose
        text.append(_("── 第 {page} 页 ──").format(page=page.page) + "\n", style="dim")
        body = _paragraphs(normalise_display(page.text))
        marks: list[tuple[int, int, str | None]] = []
        for label, value, state in figures.get(page.page, []):
            at = _locate(body, label, value)
            if at is not None and not any(s <= at[0] < e for s, e, _ in marks):
                marks.append((*at, state))
        cursor = 0
        for start, end, state in sorted(marks):
            text.append(body[cursor:start])
            style = f"reverse {STYLE.get(state or '', '')}".strip()
            text.append(body[start:end], style=style)
            text.append(MARK.get(state or "", "·"), style=STYLE.get(state or "", "dim"))
            cursor = end
        text.append(body[cursor:] + "\n")
    return text


# a line end inside a paragraph: not after a sentence's end, not before a numbered item
_SOFT_BREAK = re.compile(
    r"(?<![。：；:！？])\n(?!（|\(|[一二三四五六七八九十]+、|\d+(?:、|\.(?!\d))|──)"
)
# a line shorter than this share of the page's longest ends its paragraph: a title or a
# paragraph's last line, never a line the PDF wrapped
FULL_LINE = 0.75
OPEN_ENDS = tuple("，、,（(《“")
CLOSE_STARTS = tuple("，。、；：）)》”！？!?")


def _paragraphs(text: str) -> str:
    """The PDF's line ends joined back into paragraphs, so the terminal wraps the prose.
    A line is joined to the next only where it runs the full width: a title (主要职能) stays
    on its own line above its paragraph."""
    lines = text.split("\n")
    full = max((cell_len(line.rstrip()) for line in lines), default=0)
    out = lines[0] if lines else ""
    for previous, line in itertools.pairwise(lines):
        soft = _SOFT_BREAK.search(previous + "\n" + line[:8]) is not None
        wrapped = cell_len(previous.rstrip()) >= FULL_LINE * full
        # a sentence cut mid-way (ends on ， or the next line opens on punctuation) goes on,
        # however short the line: a title never ends on a comma
        cut = previous.rstrip().endswith(OPEN_ENDS) or line.lstrip().startswith(CLOSE_STARTS)
        out += ("" if soft and (wrapped or cut) else "\n") + line
    return out


def _locate(body: str, label: str, value: Decimal) -> tuple[int, int] | None:
    """Where the figure is printed: the first spelling of its value after its label."""
    flat_label = re.sub(r"\s+", "", label)[-4:]
    anchor = body.find(flat_label) if flat_label else -1
    for spelling in _spellings(value):
        pattern = r"(?<![\d.,])" + r"\s*".join(re.escape(ch) for ch in spelling) + r"(?![\d])"
        for m in re.finditer(pattern, body):
            if anchor < 0 or m.start() >= anchor:
                return m.start(), m.end()
    return None
