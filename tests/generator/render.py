"""Draw a :class:`Disclosure` as a PDF the way budget systems print them.

What real packages have and this reproduces: fully ruled cells, narrow columns whose
names and numbers wrap inside the cell, a repeated page header with the column
headers and the 栏次 row, rows cut in two by a page break, portrait and landscape
pages, prose pages with the figures, borders drawn as lines (Word), as thin filled
rectangles (WPS) or as one path of many segments per page ("Print to PDF"); and the oddities
of real files: titles drawn in a grid row or wrapped over two lines, titles repeated on
continuation pages, hidden copies outside the page box, a MediaBox whose origin is not
(0, 0), a missing ruling, a page whose content stream no longer inflates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.pdfdoc import PDFArray
from reportlab.pdfgen.canvas import Canvas

from .spec import Cell, Disclosure, ProsePart, Row, TablePart

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

MARGIN = 40.0
PAD = 2.0
NUMERIC = re.compile(r"^[\d,.\-*]+$")
# the runs of a boxed line: a figure's integer part with its point, its decimals, the words
RUNS = re.compile(r"\d[\d,]*\.|\d+|[^\d]+")


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break ``text`` into lines that fit ``width``, anywhere, as a spreadsheet does."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and pdfmetrics.stringWidth(line + ch, FONT, size) > width + 0.01:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


@dataclass
class _Placed:
    """A cell with its wrapped lines, ready to draw."""

    cell: Cell
    col: int
    lines: list[str]


class _Writer:
    def __init__(self, path: Path, doc: Disclosure) -> None:
        self.doc = doc
        self.canvas = Canvas(str(path), pagesize=A4, pageCompression=1)
        self.canvas.setTitle(f"{doc.department}{doc.year}年部门预算")
        self.size = A4
        self.y = 0.0
        self.started = False
        self.origin: tuple[float, float] | None = None  # MediaBox origin of the next pages
        self.page_origin: tuple[float, float] | None = None  # ... of the current page
        self.segments: list[tuple[float, float, float, float]] = []  # a "path" grid's
        self.pages = 0

    # -- pages -----------------------------------------------------------------
    def new_page(self, is_landscape: bool) -> None:
        if self.started:
            self.end_page()
        self.started = True
        self.size = landscape(A4) if is_landscape else A4
        self.canvas.setPageSize(self.size)
        self.y = self.size[1] - MARGIN
        self.page_origin = self.origin
        if self.origin:
            self.canvas.translate(*self.origin)

    def end_page(self) -> None:
        self.flush_path()
        self.pages += 1
        if self.doc.folio:
            self.draw_folio(self.pages)
        self.canvas.showPage()
        if self.page_origin:
            x, y = self.page_origin
            page = self.canvas._doc.Pages.pages[-1]
            page.MediaBox = PDFArray([x, y, x + self.size[0], y + self.size[1]])

    def draw_folio(self, number: int) -> None:
        """The page's number centred at its foot, as the document's producer styled it."""
        self.canvas.setFont(FONT, 9)
        x, y = self.size[0] / 2, MARGIN / 2
        if self.doc.folio == "spaced":
            # a gap wider than a reader's 3 pt tolerance: "1 2"
            for k, digit in enumerate(str(number)):
                self.canvas.drawString(x + k * 9, y, digit)
        else:
            text = f"- {number} -" if self.doc.folio == "dashed" else str(number)
            self.canvas.drawCentredString(x, y, text)

    def flush_path(self) -> None:
        """The grid segments collected on this page, drawn as one path object."""
        if not self.segments:
            return
        path = self.canvas.beginPath()
        for ax, ay, bx, by in dict.fromkeys(self.segments):
            path.moveTo(ax, ay)
            path.lineTo(bx, by)
        self.canvas.setLineWidth(0.5)
        self.canvas.drawPath(path, stroke=1, fill=0)
        self.segments = []

    @property
    def width(self) -> float:
        return self.size[0] - 2 * MARGIN

    def text_line(self, text: str, size: float, align: str = "l") -> None:
        self.canvas.setFont(FONT, size)
        self.y -= size * 1.4
        if align == "c":
            self.canvas.drawCentredString(self.size[0] / 2, self.y, text)
        else:
            self.canvas.drawString(MARGIN, self.y, text)

    def paragraph(self, text: str, size: float, boxed: str = "") -> None:
        for line in wrap(text, self.width, size):
            if self.y - size * (1.9 if boxed else 1.6) < MARGIN:
                self.new_page(self.size[0] > self.size[1])
            if boxed:
                self.boxed_line(line, size, boxed == "all")
            else:
                self.text_line(line, size)

    def boxed_line(self, text: str, size: float, first_too: bool) -> None:
        """A line whose runs are each drawn over a box of their own, the boxes abutting: a
        figure's integer part and its decimals are two runs ("68632." | "12"), as the runs
        of a Word document whose figures were typed into fields."""
        c = self.canvas
        c.setFont(FONT, size)
        self.y -= size * 1.9  # 1.3-line boxes with room between the lines
        x = MARGIN
        runs = text.split("|") if "|" in text else RUNS.findall(text)  # "|": where runs end
        for k, run in enumerate(runs):
            width = pdfmetrics.stringWidth(run, FONT, size)
            if first_too or k:
                c.setFillColorRGB(1, 1, 1)  # shading as white as the page: only its edges show
                c.rect(x, self.y - size * 0.3, width, size * 1.3, stroke=0, fill=1)
                c.setFillColorRGB(0, 0, 0)
            c.drawString(x, self.y, run)
            x += width

    def header_line(self, template: str) -> None:
        doc = self.doc
        text = template.format(
            code=doc.department_code, name=doc.department, year=doc.year, unit=doc.unit
        )
        parts = text.split("|")
        self.canvas.setFont(FONT, 9)
        self.y -= 14
        x_step = self.width / max(len(parts), 1)
        for i, part in enumerate(parts):
            if i == 0:
                self.canvas.drawString(MARGIN, self.y, part)
            elif i == len(parts) - 1:
                self.canvas.drawRightString(self.size[0] - MARGIN, self.y, part)
            else:
                self.canvas.drawCentredString(MARGIN + x_step * (i + 0.5), self.y, part)
        self.y -= 4

    # -- tables ----------------------------------------------------------------
    def table(self, part: TablePart) -> None:
        self.origin = part.media_origin
        saved_y = self.y
        if part.offset:
            # a hidden copy: drawn from the top of the current page, shifted off it
            self.y = self.size[1] - MARGIN
            self.canvas.saveState()
            self.canvas.translate(*part.offset)
        scale = self.width / sum(part.col_widths) if sum(part.col_widths) > self.width else 1
        widths = [w * scale for w in part.col_widths]
        xs = [MARGIN]
        for w in widths:
            xs.append(xs[-1] + w)
        size = part.font_size
        leading = size * 1.25

        def place(row: Row) -> list[_Placed]:
            placed, col = [], 0
            for cell in row:
                span_w = sum(widths[col : col + cell.colspan]) - 2 * PAD
                lines = wrap(cell.text, span_w, cell.size or size) if cell.text else []
                placed.append(_Placed(cell, col, lines))
                col += cell.colspan
            return placed

        def height(placed: list[_Placed]) -> float:
            n = max([len(p.lines) for p in placed] + [1])
            return n * leading + 2 * PAD

        def draw_block(rows: list[Row]) -> None:
            """Header rows, which may span rows as well as columns."""
            placed_rows = [place(r) for r in rows]
            heights = []
            for pr in placed_rows:
                h = 0.0
                for p in pr:
                    lead = (p.cell.size or size) * 1.25
                    h = max(h, (len(p.lines) or 1) * lead / p.cell.rowspan + 2 * PAD)
                heights.append(h)
            top = self.y
            tops = [top]
            for h in heights:
                tops.append(tops[-1] - h)
            occupied: set[tuple[int, int]] = set()
            for r, pr in enumerate(placed_rows):
                col = 0
                for p in pr:
                    while (r, col) in occupied:
                        col += 1
                    cs, rs = p.cell.colspan, p.cell.rowspan
                    for dr in range(rs):
                        for dc in range(cs):
                            occupied.add((r + dr, col + dc))
                    y0, y1 = tops[r], tops[min(r + rs, len(heights))]
                    self.cell_box(xs[col], y1, xs[col + cs], y0, part.borders, True, p.cell.unruled)
                    self.cell_text(
                        p.lines,
                        xs[col],
                        xs[col + cs],
                        y0,
                        y1,
                        p.cell.size or size,
                        p.cell.align or "c",
                    )
                    col += cs
            self.y = tops[-1]

        def draw_row(placed: list[_Placed], h: float) -> None:
            y0, y1 = self.y, self.y - h
            for p in placed:
                x0, x1 = xs[p.col], xs[p.col + p.cell.colspan]
                self.cell_box(x0, y1, x1, y0, part.borders, p.cell.text is not None, p.cell.unruled)
                align = p.cell.align or (
                    "r" if p.cell.text and NUMERIC.match(p.cell.text.replace("\n", "")) else "l"
                )
                self.cell_text(p.lines, x0, x1, y0, y1, size, align, top=True)
            self.y = y1

        def start_page(first: bool) -> None:
            if not (first and not part.new_page and self.started):
                self.new_page(part.landscape)  # an inline table continues the current page
            if first:
                for para in part.intro:
                    self.paragraph(para, 10)
            if part.title and (first or part.repeat_title):
                self.y -= 6
                for line in part.title.split("\n"):
                    self.text_line(line, 15 if part.title_align == "c" else 12, part.title_align)
                self.y -= 6
            if first and part.subtitle:
                self.text_line(part.subtitle, 9)
            if part.header_line:
                self.header_line(part.header_line)
            head = part.head if first or part.repeat_head is None else part.repeat_head
            if head:
                draw_block(head)

        start_page(True)
        for index, body_row in enumerate(part.body):
            placed = place(body_row)
            h = height(placed)
            keep = part.breaks.get(index)
            if keep is None and self.y - h < MARGIN + 20:
                room = int((self.y - MARGIN - 20 - 2 * PAD) // leading)
                keep = room if part.split_rows else 0
            if keep is not None and part.offset:
                raise ValueError("a hidden copy must fit on one page")
            if keep is not None:
                n_lines = max([len(p.lines) for p in placed] + [1])
                if 1 <= keep < n_lines:
                    head_part = [_Placed(p.cell, p.col, p.lines[:keep]) for p in placed]
                    draw_row(head_part, keep * leading + 2 * PAD)
                    placed = [
                        _Placed(Cell("", p.cell.colspan), p.col, p.lines[keep:]) for p in placed
                    ]
                    h = height(placed)
                start_page(False)
            draw_row(placed, h)
        if part.note:
            self.y -= 4
            self.text_line(part.note, 9)
        if part.offset:
            self.flush_path()  # inside the shift
            self.canvas.restoreState()
            self.y = saved_y

    def cell_box(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        style: str,
        top_edge: bool,
        unruled: str = "",
    ) -> None:
        c = self.canvas
        edges = [(x0, y0, x1, y0), (x0, y0, x0, y1), (x1, y0, x1, y1)]
        if top_edge:
            edges.append((x0, y1, x1, y1))
        if unruled:
            sides = dict(zip("blrt", edges, strict=False))
            edges = [e for side, e in sides.items() if side not in unruled]
        for ax, ay, bx, by in edges:
            if style == "path":
                self.segments.append((ax, ay, bx, by))
            elif style == "rects":
                # WPS draws each border as a thin filled rectangle, not a stroked line.
                c.rect(
                    min(ax, bx),
                    min(ay, by) - 0.25,
                    abs(bx - ax) or 0.5,
                    abs(by - ay) or 0.5,
                    stroke=0,
                    fill=1,
                )
            else:
                c.setLineWidth(0.5)
                c.line(ax, ay, bx, by)

    def cell_text(
        self,
        lines: list[str],
        x0: float,
        x1: float,
        y0: float,
        y1: float,
        size: float,
        align: str,
        top: bool = False,
    ) -> None:
        c = self.canvas
        c.setFont(FONT, size)
        leading = size * 1.25
        if top:
            y = y0 - PAD - size
        else:
            block = len(lines) * leading
            y = y1 + (y0 - y1 + block) / 2 - size
        for line in lines:
            if align == "r":
                c.drawRightString(x1 - PAD, y, line)
            elif align == "c":
                c.drawCentredString((x0 + x1) / 2, y, line)
            else:
                c.drawString(x0 + PAD, y, line)
            y -= leading

    # -- prose -----------------------------------------------------------------
    def prose(self, part: ProsePart) -> None:
        self.origin = None
        if part.new_page or not self.started:
            self.new_page(False)
        for block in part.blocks:
            if isinstance(block, TablePart):
                block.new_page = False
                self.inline_table(block)
            else:
                self.paragraph(block, part.font_size, part.boxed)

    def inline_table(self, part: TablePart) -> None:
        if self.y < 200:
            self.new_page(False)
        part.header_line = None
        saved = part.title
        if saved:
            self.text_line(saved, 11, "c")
        part.title = None
        self.table(part)
        part.title = saved

    def save(self) -> None:
        self.end_page()
        self.canvas.save()


def render(doc: Disclosure, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = _Writer(path, doc)
    for part in doc.parts:
        if isinstance(part, TablePart):
            writer.table(part)
        else:
            writer.prose(part)
    writer.save()
    if doc.corrupt_pages:
        corrupt_pages(path, doc.corrupt_pages)
    return path


def corrupt_pages(path: Path, pages: list[int]) -> None:
    """Damage the content stream of each of ``pages`` (1-based) in place, as a bad download
    or a faulty producer does: the middle third of its compressed data is overwritten, so the
    stream inflates only up to the damage and the rest of the page is lost. Lengths are kept,
    so the file's cross-reference stays valid."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with path.open("rb") as fh:
        document = PDFDocument(PDFParser(fh))
        ids = []
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number in pages:
                contents = page.attrs["Contents"]
                ids.append(contents.objid)
    data = bytearray(path.read_bytes())
    for objid in ids:
        start = data.index(b"\n%d 0 obj" % objid)
        begin = data.index(b"stream", start) + len(b"stream")
        while data[begin] in b"\r\n":
            begin += 1
        end = data.index(b"endstream", begin)
        payload = end - begin
        # ASCII85 "!" is a zero byte: a run of them is no deflate data
        data[begin + payload // 3 : begin + 2 * payload // 3] = b"!" * (
            2 * payload // 3 - payload // 3
        )
    path.write_bytes(bytes(data))
