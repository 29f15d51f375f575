"""One page's objects → its ruled tables and the text around them, whatever reader
extracted the objects.

Cells are found from the ruling lines with pdfplumber's own table finder (the ``lines``
strategy: edges → intersections → cells → tables), which also takes the thin filled
rectangles some producers draw as borders; a cell's characters are read inside its box, so
the order of a flat text dump never matters. Text outside the tables is laid out by
pdfplumber's text map, as ``page.crop(…).extract_text()`` would.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Any

from pdfplumber.table import Table, TableFinder, TableSettings
from pdfplumber.utils import chars_to_textmap, crop_to_bbox, extract_text, extract_words

from core.reading.pages import BBox, Fragment, PageContent, PageObjects

TABLE_SETTINGS = TableSettings.resolve(
    {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
)
HEADER_HEIGHT = 120.0  # points: where a page prints its unit/department header


def _text(chars: list[dict[str, Any]], bbox: BBox, **kwargs: Any) -> str:
    """The text of ``bbox`` as ``page.crop(bbox).extract_text(**kwargs)`` gives it."""
    inside = crop_to_bbox(chars, bbox)
    if not inside:
        return ""
    return str(
        chars_to_textmap(
            inside,
            layout_bbox=bbox,
            layout_width=bbox[2] - bbox[0],
            layout_height=bbox[3] - bbox[1],
            **kwargs,
        ).as_string
    )


def _columns(table: Table) -> list[tuple[float, float]]:
    xs = sorted({round(c[0], 1) for c in table.cells} | {round(c[2], 1) for c in table.cells})
    return list(itertools.pairwise(xs))


STRADDLE = 0.2  # of a character's height: its middle this near a ruling, it straddles it


def _row_keys(chars: list[dict[str, Any]], tables: list[Table]) -> list[float]:
    """Where each character sits for the rows: its vertical middle, as pdfplumber's
    ``extract`` has it — except that a character drawn across a row's ruling (its middle a
    fifth of its height or less from the line: Chongqing's amounts, set on the ruling below
    their line) belongs to the row its upper part is in, the row whose line it was written
    on."""
    rulings = sorted({y for t in tables for r in t.rows for y in (r.bbox[1], r.bbox[3])})
    keys = []
    for ch in chars:
        middle = (ch["top"] + ch["bottom"]) / 2
        height = ch["bottom"] - ch["top"]
        at = bisect.bisect_left(rulings, middle)
        near = [rulings[i] for i in (at - 1, at) if 0 <= i < len(rulings)]
        if height > 0 and any(abs(middle - y) <= STRADDLE * height for y in near):
            middle = ch["top"] + height / 4
        keys.append(middle)
    return keys


def _extract(
    table: Table, chars: list[dict[str, Any]], middles: list[float]
) -> list[list[str | None]]:
    """``table.extract()``, with each row's characters found by bisection over the page's
    characters sorted by their vertical middle (pdfplumber scans every character for every
    row and every cell)."""
    out: list[list[str | None]] = []
    for row in table.rows:
        _, top, _, bottom = row.bbox
        lo, hi = bisect.bisect_left(middles, top), bisect.bisect_left(middles, bottom)
        row_chars = sorted(chars[lo:hi], key=lambda ch: ch["_order"])
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            x0, ctop, x1, cbottom = cell
            inside = [
                ch
                for ch in row_chars
                if x0 <= (ch["x0"] + ch["x1"]) / 2 < x1 and ctop <= ch["_row_key"] < cbottom
            ]
            cells.append(extract_text(inside) if inside else "")
        out.append(cells)
    return out


BOXED_FIT = 0.75  # a boxed line's words span this share of its width, at least


def is_boxed_line(table: Table, chars: list[dict[str, Any]]) -> bool:
    """A "table" of one row, one line of text high, whose boxes fit the words they hold: a
    line of prose (or of a 目录) whose runs the producer drew boxed — shading, character
    borders, one rectangle a run, "68632." and "12" in two — not a table. A table's one row
    on a page (a continuation) has columns wider than their words, and blank cells as wide
    as their column."""
    if len(table.rows) != 1:
        return False
    x0, top, x1, bottom = table.bbox
    cells = [c for c in table.rows[0].cells if c is not None]
    if x1 - x0 < 2 or not cells:
        return False
    inside = [
        ch
        for ch in chars
        if ch["text"].strip()
        and x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1
        and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom
    ]
    if not inside:
        return False
    tallest = max(ch["bottom"] - ch["top"] for ch in inside)
    if bottom - top > 2 * tallest:
        return False  # a row of several lines, or a ruled band with room around its words
    spanned = 0.0
    for cx0, ctop, cx1, cbottom in cells:
        words = [
            ch
            for ch in inside
            if cx0 <= (ch["x0"] + ch["x1"]) / 2 < cx1
            and ctop <= (ch["top"] + ch["bottom"]) / 2 <= cbottom
        ]
        if words:
            spanned += min(cx1, max(ch["x1"] for ch in words)) - max(
                cx0, min(ch["x0"] for ch in words)
            )
    return spanned >= BOXED_FIT * (x1 - x0)


def layout_page(objects: PageObjects, number: int, total: int) -> PageContent:
    content = PageContent(number, total)
    left, top, right, bottom = objects.bbox
    chars = objects.chars
    found = TableFinder(objects, TABLE_SETTINGS).tables  # type: ignore[arg-type]
    tables = sorted((t for t in found if not is_boxed_line(t, chars)), key=lambda t: t.bbox[1])
    by_middle: list[dict[str, Any]] = []
    middles: list[float] = []
    if tables:
        for order, (ch, key) in enumerate(zip(chars, _row_keys(chars, tables), strict=True)):
            ch["_order"] = order
            ch["_row_key"] = key
        by_middle = sorted(chars, key=lambda ch: ch["_row_key"])
        middles = [ch["_row_key"] for ch in by_middle]
    prose_parts: list[str] = []
    for table in tables:
        x0, t0, x1, b0 = table.bbox
        if b0 - t0 < 2 or x1 - x0 < 2:
            continue
        above = ""
        if t0 - top > 1:
            above = _text(chars, (left, top, right, t0), y_tolerance=6)
        rows = _extract(table, by_middle, middles)
        boxes = [list(r.cells) for r in table.rows]
        columns = _columns(table)
        strays = _place_strays(
            rows, boxes, columns, [r.bbox for r in table.rows], _strays(chars, table)
        )
        content.fragments.append(
            Fragment(number, table.bbox, rows, boxes, columns, above, strays=strays)
        )
        prose_parts.append(above)
        top = b0
    tail = ""
    if bottom - top > 1:
        tail = _text(chars, (left, top, right, bottom), y_tolerance=6)
        prose_parts.append(tail)
    for here, after in zip(content.fragments, content.fragments[1:], strict=False):
        here.text_below = after.text_above
    if content.fragments:
        content.fragments[-1].text_below = tail
    content.prose = "\n".join(p for p in prose_parts if p)
    page_top = objects.bbox[1]
    content.header = _text(chars, (left, page_top, right, min(bottom, page_top + HEADER_HEIGHT)))
    return content


def _strays(chars: list[dict[str, Any]], table: Table) -> list[tuple[str, BBox]]:
    """Words inside ``table``'s box whose characters fall in none of its cells."""
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
    for ch in chars:
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
