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
    size: float | None = None  # font size of a header cell (a title drawn in a grid row)
    unruled: str = ""  # sides drawn without a ruling: "r", "b", "l", "t" (a missing ruling)


Row = list[Cell]


def row(*texts: str | Cell | None) -> Row:
    """Shorthand: plain strings become single cells."""
    return [t if isinstance(t, Cell) else Cell(t if t is not None else "") for t in texts]


@dataclass
class TablePart:
    """A ruled table that starts on a new page and flows over as many as it needs."""

    title: str | None  # "\n" wraps it over two lines, as Word does a long title
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
    # "lines" (Word), "rects" (WPS thin filled rectangles) or "path" (the whole grid of a
    # page as one path object of many segments, as "Print to PDF" draws it)
    borders: str = "lines"
    new_page: bool = True
    repeat_title: bool = False  # continuation pages print the title again above the header
    # drawn on the current page shifted by this much: a hidden copy outside the page box
    offset: tuple[float, float] | None = None
    # the lower-left corner of the part's pages' MediaBox (e.g. (-12, -12)); content moves along
    media_origin: tuple[float, float] | None = None


@dataclass
class ProsePart:
    """Narrative text; items are paragraphs or small inline tables."""

    blocks: list[str | TablePart]
    new_page: bool = True
    font_size: float = 10.0
    # each run of a line (words, a figure's integer part and its decimals) drawn in a box of
    # its own, one text line high, as Word's shaded runs export (Changsha): the line's first
    # run is boxed too where ``boxed`` is "all", left bare where it is "after_first"
    boxed: str = ""


@dataclass
class Disclosure:
    department_code: str
    department: str
    year: int
    unit: str
    parts: list[TablePart | ProsePart]
    # 1-based pages whose content stream is damaged after rendering (it inflates only in part)
    corrupt_pages: list[int] = field(default_factory=list)
    # the page number printed at each page's foot: None (none), "plain" ("12"), "dashed"
    # ("- 12 -") or "spaced" (digits drawn apart, which a reader takes as "1 2")
    folio: str | None = None
