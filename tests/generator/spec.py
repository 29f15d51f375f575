"""A structured description of a disclosure, independent of how it is drawn.

The renderer turns it into a PDF; tests compare what the parser reads back with the
figures written here (which are transcribed from the seed text).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    """One ruled cell. ``text=None`` continues the cell above (a vertical merge)."""

    text: str | None
    colspan: int = 1
    rowspan: int = 1
    align: str | None = None  # "l", "c", "r"; None = numbers right, text left


Row = list[Cell]


def row(*texts: str | Cell | None) -> Row:
    """Shorthand: plain strings become single cells."""
    return [t if isinstance(t, Cell) else Cell(t if t is not None else "") for t in texts]


@dataclass
class TablePart:
    """A ruled table that starts on a new page and flows over as many as it needs."""

    title: str | None
    col_widths: list[float]
    head: list[Row]
    body: list[Row]
    repeat_head: list[Row] | None = None  # None: repeat `head`; []: repeat nothing
    landscape: bool = False
    header_line: str | None = "{code} {name}|预算年度：{year}|单位：{unit}"
    intro: list[str] = field(default_factory=list)  # prose above the title
    subtitle: str | None = None  # e.g. "单位：万元" under a card's title
    note: str | None = None  # "注：…" under the table
    font_size: float = 9.0
    split_rows: bool = True  # let a page break cut a row in two, as Excel prints do
    # body row index -> lines of that row kept on the old page (0: a clean break before it)
    breaks: dict[int, int] = field(default_factory=dict)
    title_align: str = "c"
    borders: str = "lines"  # "lines" (Word) or "rects" (WPS thin filled rectangles)
    new_page: bool = True


@dataclass
class ProsePart:
    """Narrative text; items are paragraphs or small inline tables."""

    blocks: list[str | TablePart]
    new_page: bool = True
    font_size: float = 10.0


@dataclass
class Disclosure:
    department_code: str
    department: str
    year: int
    unit: str
    parts: list[TablePart | ProsePart]
