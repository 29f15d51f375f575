"""Reading the PDF with pdfplumber: the ruled tables of each page and the text around them.

Cells are found from the ruling lines (pdfplumber's ``lines`` strategy, which also takes
the thin filled rectangles WPS draws as borders); a cell's characters are read inside
its box, so the order of a flat text dump never matters.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BudgetInputError


class _DamageLog(logging.Handler):
    """pdfminer logs, rather than raises, when a page's content stream is damaged (it reads
    up to the damage: "Data-loss while decompressing corrupted data"). Those messages are
    how a page that was read only in part is told from a whole one."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.damage: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "data-loss" in message.lower() or "corrupt" in message.lower():
            self.damage.append(message)


# pdfminer's messages never reach the user (they get our one-line verdict instead); the
# damage ones are kept for the page being read.
_DAMAGE = _DamageLog()
_PDFMINER = logging.getLogger("pdfminer")
_PDFMINER.setLevel(logging.WARNING)
_PDFMINER.propagate = False
_PDFMINER.addHandler(_DAMAGE)

BBox = tuple[float, float, float, float]

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


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
    error: str | None = None  # why the page could not be read; the other pages still are


def check_file(path: Path) -> None:
    """Reject what is not a PDF before pdfplumber sees it."""
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


def _open(path: Path):  # type: ignore[no-untyped-def]
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree to be read
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise BudgetInputError(f"{path.name}: the PDF is encrypted; decrypt it first") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise BudgetInputError(f"{path.name}: the PDF is truncated or corrupt ({exc})") from exc
    except Exception as exc:  # pdfminer raises a wide variety on damaged files
        # pdfplumber wraps pdfminer's errors in PdfminerException(original)
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError) or any(
            w in repr(inner).lower() for w in ("encrypt", "password")
        ):
            raise BudgetInputError(f"{path.name}: the PDF is encrypted; decrypt it first") from exc
        if isinstance(inner, PDFSyntaxError | PSException):
            raise BudgetInputError(
                f"{path.name}: the PDF is truncated or corrupt ({inner!r})"
            ) from exc
        raise BudgetInputError(f"{path.name}: the PDF cannot be read ({inner!r})") from exc
    if pdf.doc.encryption is not None:
        pdf.close()
        raise BudgetInputError(f"{path.name}: the PDF is encrypted; decrypt it first")
    if not pdf.pages:
        pdf.close()
        raise BudgetInputError(f"{path.name}: the PDF has no pages")
    return pdf


def page_count(path: Path) -> int:
    check_file(path)
    pdf = _open(path)
    try:
        return len(pdf.pages)
    finally:
        pdf.close()


def _columns(table) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    xs = sorted({round(c[0], 1) for c in table.cells} | {round(c[2], 1) for c in table.cells})
    return list(itertools.pairwise(xs))


def _read_page(page, number: int, total: int) -> PageContent:  # type: ignore[no-untyped-def]
    content = PageContent(number, total)
    # Only what lies on the page counts: some producers leave hidden copies of a table far
    # outside the page box, and a box whose origin is not (0, 0) must not make a crop fail.
    left, top, right, bottom = page.bbox
    page = page.within_bbox(page.bbox)
    tables = sorted(page.find_tables(TABLE_SETTINGS), key=lambda t: t.bbox[1])
    prose_parts: list[str] = []
    for table in tables:
        x0, t0, x1, b0 = table.bbox
        if b0 - t0 < 2 or x1 - x0 < 2:
            continue
        above = ""
        if t0 - top > 1:
            above = page.crop((left, top, right, t0)).extract_text(y_tolerance=6) or ""
        rows = table.extract()
        boxes = [list(r.cells) for r in table.rows]
        columns = _columns(table)
        strays = _place_strays(
            rows, boxes, columns, [r.bbox for r in table.rows], _strays(page, table)
        )
        content.fragments.append(
            Fragment(number, table.bbox, rows, boxes, columns, above, strays=strays)
        )
        prose_parts.append(above)
        top = b0
    tail = ""
    if bottom - top > 1:
        tail = page.crop((left, top, right, bottom)).extract_text(y_tolerance=6) or ""
        prose_parts.append(tail)
    for here, after in zip(content.fragments, content.fragments[1:], strict=False):
        here.text_below = after.text_above
    if content.fragments:
        content.fragments[-1].text_below = tail
    content.prose = "\n".join(p for p in prose_parts if p)
    head_region = page.crop((left, page.bbox[1], right, min(bottom, page.bbox[1] + 120)))
    content.header = head_region.extract_text() or ""
    return content


def _strays(page, table) -> list[tuple[str, BBox]]:  # type: ignore[no-untyped-def]
    """Words inside ``table``'s box whose characters fall in none of its cells."""
    from pdfplumber.utils import extract_words

    rows = sorted(
        ((r.bbox, [c for c in r.cells if c is not None]) for r in table.rows),
        key=lambda row: row[0][1],
    )
    tops = [bbox[1] for bbox, _ in rows]
    x0, top, x1, bottom = table.bbox

    def in_a_cell(cx: float, cy: float) -> bool:
        # the rows whose band holds cy: those starting at or above it (a merged cell spans
        # rows, so look back a dozen)
        at = bisect.bisect_right(tops, cy)
        return any(
            c[0] <= cx <= c[2] and c[1] <= cy <= c[3]
            for _, cells in rows[max(0, at - 12) : at]
            for c in cells
        )

    loose = []
    for ch in page.chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        inside = x0 <= cx <= x1 and top <= cy <= bottom
        if inside and ch["text"].strip() and not in_a_cell(cx, cy):
            loose.append(ch)
    if not loose:
        return []
    return [(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"])) for w in extract_words(loose)]


def _place_strays(
    rows: list[list[str | None]],
    boxes: list[list[BBox | None]],
    columns: list[tuple[float, float]],
    bands: list[BBox],
    strays: list[tuple[str, BBox]],
) -> list[tuple[str, BBox]]:
    """Words a merged cell holds where its producer drew no rulings around it (a project's
    name and amount beside its indicator rows): pdfplumber sees no cell there. Each run of
    rows where a column is empty takes the words that lie in it, as one cell at the run's
    first row. Returns the words that fit no such run."""
    if not strays or any(len(r) != len(columns) for r in rows):
        return strays
    placed: dict[tuple[int, int], list[tuple[str, BBox]]] = {}
    left = []
    for word, box in strays:
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        i = next((k for k, b in enumerate(bands) if b[1] <= cy <= b[3]), None)
        j = next((k for k, (x0, x1) in enumerate(columns) if x0 <= cx <= x1), None)
        if i is None or j is None or (rows[i][j] or "").strip():
            left.append((word, box))
            continue
        while i > 0 and not (rows[i - 1][j] or "").strip() and boxes[i - 1][j] is None:
            i -= 1  # the run's first row
        placed.setdefault((i, j), []).append((word, box))
    for (i, j), words in placed.items():
        words.sort(key=lambda w: (round(w[1][1]), w[1][0]))
        lines: list[list[str]] = []
        last_top: float | None = None
        for word, box in words:
            if last_top is None or box[1] - last_top > 2:
                lines.append([])
            lines[-1].append(word)
            last_top = box[1]
        rows[i][j] = "\n".join(" ".join(line) for line in lines)
        x0 = min(b[0] for _, b in words)
        boxes[i][j] = boxes[i][j] or (
            x0,
            words[0][1][1],
            max(b[2] for _, b in words),
            words[-1][1][3],
        )
    return left


# A page that draws fewer path objects than this has no ruled table: its text comes from
# pypdfium2's text layer (~1 ms a page) instead of pdfplumber's (~90 ms a page).
MIN_RULINGS = 4
# Below this many ruled pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 8
_HEADER_HEIGHT = 120.0  # points: where a page prints its unit/department header


def survey_pages(path: Path) -> list[PageContent | None]:
    """The cheap pass (pypdfium2): each page without rulings read whole, as prose, and
    None for each page pdfplumber must read for its tables. Falls back to "read every page"
    if pypdfium2 cannot read the file."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
    except ImportError:  # pragma: no cover - installed with pdfplumber
        return []
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception:
        return []
    out: list[PageContent | None] = []
    try:
        total = len(doc)
        for index in range(total):
            page = doc[index]
            try:
                # a grid is many path objects, or one path of many segments ("Print to
                # PDF" draws a whole table as one or two paths)
                segments = 0
                for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
                    segments += max(1, pdfium_c.FPDFPath_CountSegments(obj.raw) // 4)
                    if segments >= MIN_RULINGS:
                        break
                if segments >= MIN_RULINGS:
                    out.append(None)
                    continue
                text_page = page.get_textpage()
                try:
                    width, height = page.get_size()
                    prose = text_page.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                    header = text_page.get_text_bounded(
                        0, max(0.0, height - _HEADER_HEIGHT), width, height
                    )
                finally:
                    text_page.close()
                out.append(
                    PageContent(index + 1, total, [], prose.strip(), header.replace("\r\n", "\n"))
                )
            finally:
                page.close()
    except Exception:
        return []
    finally:
        doc.close()
    return out


def _read_one(pdf, number: int, path: Path) -> PageContent:  # type: ignore[no-untyped-def]
    page = pdf.pages[number - 1]
    _DAMAGE.damage.clear()
    try:
        content = _read_page(page, number, len(pdf.pages))
        if _DAMAGE.damage:
            content.error = (
                f"page {number} is damaged and was read only in part ({_DAMAGE.damage[0]})"
            )
        return content
    except BudgetInputError:
        raise
    except Exception as exc:  # a damaged content stream: name the page, read the others
        return PageContent(
            number, len(pdf.pages), error=f"page {number} cannot be read ({type(exc).__name__})"
        )
    finally:
        page.close()  # pdfplumber caches per page (#1339)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def read_pages(
    path: Path, pages: list[int] | None = None, workers: int | None = None
) -> Iterator[PageContent]:
    """Yield each page's tables and prose, in page order.

    Pages without rulings are read by pypdfium2; the others by pdfplumber, in ``workers``
    processes when there are enough of them (each opens the file itself). The result is the
    same whatever the number of workers.
    """
    check_file(path)
    pdf = _open(path)  # the file's verdict (encrypted, corrupt) comes from pdfplumber
    total = len(pdf.pages)
    numbers = pages if pages is not None else list(range(1, total + 1))
    survey = survey_pages(path) if pages is None else []
    if len(survey) != total:
        survey = [None] * total
    ruled = [n for n in numbers if survey[n - 1] is None]
    workers = default_workers() if workers is None else workers
    try:
        if workers > 1 and len(ruled) >= PARALLEL_FROM:
            from .page_worker import read_in_workers

            read = read_in_workers(pdf, path, ruled, workers)
        else:
            read = (_read_one(pdf, n, path) for n in ruled)
        yield from _merge(numbers, survey, read)
    finally:
        pdf.close()


def _merge(
    numbers: list[int], survey: list[PageContent | None], ruled: Iterator[PageContent]
) -> Iterator[PageContent]:
    for number in numbers:
        surveyed = survey[number - 1]
        yield surveyed if surveyed is not None else next(ruled)
