"""What a page reader yields: a page's ruled tables (their cells as printed) and the text
around them, as plain data that pickles (worker processes send pages back) and that no
reader's own objects leak into. Also the objects a reader extracts from a page before the
layout (characters and rulings in pdfplumber's dict shapes), and the file-level check
that comes before any reader sees a file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from core.errors import BudgetInputError
from core.i18n import N_

BBox = tuple[float, float, float, float]


@dataclass
class Fragment:
    """The part of one ruled table that lies on one page."""

    page: int  # 1-based
    bbox: BBox
    rows: list[list[str | None]]  # cell text per grid position; None where a merged cell covers
    boxes: list[list[BBox | None]]  # the cell's box at the grid position where it starts
    columns: list[tuple[float, float]]  # x-range of each grid column
    text_above: str = ""  # the page's text between the previous table (or page top) and this one
    text_below: str = ""  # the page's text between this table and the next one (or page end)
    # words inside the table's box but in no cell (a ruling missing under them): kept so
    # the reading's self-check can tell they were not read
    strays: list[tuple[str, BBox]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.columns)


@dataclass
class PageContent:
    page: int
    total: int  # pages in the document
    fragments: list[Fragment] = field(default_factory=list)
    prose: str = ""  # text outside every table, in reading order
    header: str = ""  # the first lines of the page (department, year, unit)
    # why the page could not be read, in words (one of the reasons below, a Chinese msgid
    # translated where it is shown); the other pages still are
    error: str | None = None


# Why a page could not be read. The page is named with its reason where it is shown
# (core.labels.page_failure: 第 N 页无法读取：…), never with an exception's name.
PAGE_NOT_LOADED = N_("PDFium 无法载入此页（页面对象已损坏）")
PAGE_NO_TEXT = N_("PDFium 无法取出此页的文字")
PAGE_OBJECTS = N_("此页的对象无法解释")
PAGE_DAMAGED = N_("此页的内容流已损坏，只读出一部分")


@dataclass
class PageObjects:
    """One page as a reader sees it, in pdfplumber's frame (points, top-left origin) and
    object shapes, so pdfplumber's table algorithms take it as they take its own pages:
    ``chars`` (text, x0, x1, top, bottom, upright, size…), ``edges`` (rulings: x0, x1, top,
    bottom, width, height, orientation, object_type) and the page's ``bbox``."""

    chars: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    bbox: BBox


def check_file(path: Path) -> None:
    """Reject what is not a PDF before any reader sees it."""
    if not path.exists():
        raise BudgetInputError(f"{path}: no such file")
    if path.is_dir():
        raise BudgetInputError(f"{path}: is a directory, not a PDF")
    with path.open("rb") as fh:
        head = fh.read(1024)
        if b"%PDF-" not in head:
            raise BudgetInputError(f"{path.name}: not a PDF file")
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%%EOF" not in tail and b"startxref" not in tail:
        raise BudgetInputError(
            f"{path.name}: the PDF is truncated or corrupt (no end-of-file marker)"
        )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class PageReader(Protocol):
    name: str
    total: int

    def survey(self, number: int) -> PageContent | None: ...

    def read(self, number: int) -> PageContent: ...

    def stand_in(self, number: int, total: int) -> PageContent | None:
        """Page ``number`` for a reader that counts ``total`` pages (None: not this one's)."""
        ...

    def close(self) -> None: ...
