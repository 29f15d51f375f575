"""The PDFium page reader (pypdfium2): each page's characters and rulings, for the table
layout in :mod:`core.reading.layout`.

What pdfplumber derives from pdfminer's interpretation of a content stream is read here from
PDFium, in pdfplumber's own object shapes (dicts with ``x0/x1/top/bottom``…) so that its table
algorithms run on them unchanged:

- characters: PDFium's text page, one entry per character it decoded (the spaces and line
  breaks PDFium generates itself are left out: pdfminer never sees them), boxed by the font's
  ascent/descent and advance (PDFium's "loose" box, pdfminer's box);
- rulings: every painted path object (descending into form XObjects, with their matrices),
  classified as pdfminer classifies them (one segment: a line; a closed axis-aligned
  four-sided subpath: a rectangle, whose four sides are edges even when it is a thin filled
  bar; anything else: a curve, whose straight axis-aligned pieces are edges);
- both mapped into pdfplumber's page frame (top-left origin, page rotation applied, the
  media box's offset kept) and kept only where they lie wholly on the page.
"""

from __future__ import annotations

import ctypes
import itertools
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from core.errors import BudgetInputError
from core.reading.layout import HEADER_HEIGHT, layout_page
from core.reading.pages import (
    PAGE_NO_TEXT,
    PAGE_NOT_LOADED,
    PAGE_OBJECTS,
    PageContent,
    PageObjects,
    PageReader,
)
from core.reading.stream_check import damaged_pages

# A page that draws fewer path objects than this has no ruled table: its text comes from
# PDFium's text layer as it stands, without the table layout.
MIN_RULINGS = 4

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# PDFium reports coordinates as 32-bit floats; pdfminer's are exact decimals of the stream.
# Rounding to 1/10000 pt makes "the same x" compare equal again.
_PLACES = 4


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


class _Frame:
    """PDF user space → pdfplumber's page frame (pdfminer's rotation and media-box shift,
    then pdfplumber's flip to a top-left origin)."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, x1 = sorted((mediabox[0], mediabox[2]))
        y0, y1 = sorted((mediabox[1], mediabox[3]))
        self.rotation = rotation % 360
        # pdfminer's device matrix for the page (PDFPageInterpreter.process_page)
        self.ctm: Matrix = {
            90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
            180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
            270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
        }.get(self.rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
        # pdfplumber's media box (Page.__init__: _normalize_box, then _invert_box)
        nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if self.rotation in (90, 270) else (x0, y0, x1, y1)
        self.height = ny1 - ny0
        self.bbox = (nx0, self.height - ny1, nx1, self.height - ny0)

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.ctm
        dx, dy = a * x + c * y + e, b * x + d * y + f
        px = dx + self.bbox[0] if self.bbox[0] != 0 else dx
        return round(px, _PLACES), round(self.height - dy + self.bbox[1], _PLACES)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
        corners = [self.point(left, bottom), self.point(right, top)]
        xs, ys = sorted(p[0] for p in corners), sorted(p[1] for p in corners)
        return xs[0], ys[0], xs[1], ys[1]


def _within(obj: dict[str, Any], bbox: tuple[float, ...]) -> bool:
    return bool(
        obj["x0"] >= bbox[0]
        and obj["top"] >= bbox[1]
        and obj["x1"] <= bbox[2]
        and obj["bottom"] <= bbox[3]
    )


def _edge(
    p0: tuple[float, float], p1: tuple[float, float], kind: str, orientation: str | None
) -> dict[str, Any]:
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((p0[1], p1[1]))
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }


def _paint(
    ops: list[tuple[str, tuple[float, float]]], bbox: tuple[float, ...]
) -> list[dict[str, Any]]:
    """The edges of one subpath, as pdfminer's ``paint_path`` and pdfplumber's
    ``line_to_edge`` / ``rect_to_edges`` / ``curve_to_edges`` make them."""
    shape = "".join(op for op, _ in ops)
    pts = [p for _, p in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    whole = {"x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys)}
    if not _within(whole, bbox):
        return []  # pdfplumber keeps only objects wholly on the page (within_bbox)
    if shape in ("ml", "mlh"):
        return [_edge(pts[0], pts[1], "line", "h" if pts[0][1] == pts[1][1] else "v")]
    if shape in ("mlllh", "mllll") and pts[0] == pts[4]:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        ):
            left, right, top, bottom = whole["x0"], whole["x1"], whole["top"], whole["bottom"]
            return [
                _edge((left, top), (right, top), "rect_edge", "h"),
                _edge((left, bottom), (right, bottom), "rect_edge", "h"),
                _edge((left, top), (left, bottom), "rect_edge", "v"),
                _edge((right, top), (right, bottom), "rect_edge", "v"),
            ]
    return [
        _edge(
            p0,
            p1,
            "curve_edge",
            "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None),
        )
        for p0, p1 in itertools.pairwise(pts)
    ]


class PageFailure(Exception):
    """PDFium could not read a page; ``reason`` says why, in words (a msgid)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _address(handle: Any) -> int | None:
    return ctypes.cast(handle, ctypes.c_void_p).value


class PdfiumReader:
    """Pages of one PDF read through PDFium."""

    name = "pdfium"

    def __init__(self, path: Path, reference: Callable[[Path], PageReader] | None = None) -> None:
        self.path = path
        self._open_reference = reference  # the reader for pages PDFium cannot measure
        try:
            self.doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise BudgetInputError(
                    f"{path.name}: the PDF is encrypted; decrypt it first"
                ) from exc
            raise BudgetInputError(f"{path.name}: the PDF is truncated or corrupt ({exc})") from exc
        if pdfium_c.FPDF_GetSecurityHandlerRevision(self.doc.raw) != -1:
            self.doc.close()
            raise BudgetInputError(f"{path.name}: the PDF is encrypted; decrypt it first")
        self.total = len(self.doc)
        if not self.total:
            self.doc.close()
            raise BudgetInputError(f"{path.name}: the PDF has no pages")
        self._rect = pdfium_c.FS_RECTF()
        self._matrix = pdfium_c.FS_MATRIX()
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._fallback: PageReader | None = None
        self._no_fallback = reference is None  # or none that sees the pages PDFium sees
        self._damaged: set[int] | None = None  # pages whose content stream is damaged
        self.unmeasured = False  # the last page read held text PDFium could not measure

    def __len__(self) -> int:
        return self.total

    def close(self) -> None:
        self.doc.close()
        if self._fallback is not None:
            self._fallback.close()

    def survey(self, number: int) -> PageContent | None:
        """The page read whole as prose when it draws no ruled table (PDFium's own text
        layer, ~1 ms a page); None when its tables must be read (and when PDFium cannot
        load the page: :meth:`read` then says why, or has the reference read it)."""
        try:
            page = self._load(number)
        except PageFailure:
            return None
        try:
            # a grid is many path objects, or one path of many segments ("Print to PDF"
            # draws a whole table as one or two paths)
            segments = 0
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
                segments += max(1, pdfium_c.FPDFPath_CountSegments(obj.raw) // 4)
                if segments >= MIN_RULINGS:
                    return None
            try:
                text_page = page.get_textpage()
            except pdfium.PdfiumError:
                return None  # read() names it
            try:
                width, height = page.get_size()
                prose = text_page.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                header = text_page.get_text_bounded(
                    0, max(0.0, height - HEADER_HEIGHT), width, height
                )
            finally:
                text_page.close()
            return PageContent(number, self.total, [], prose.strip(), header.replace("\r\n", "\n"))
        finally:
            page.close()

    def read(self, number: int) -> PageContent:
        """The page's tables and prose. A page PDFium cannot load or give the text of, or
        whose objects it cannot make sense of, is read by the reference reader (when it sees
        the same pages); where that fails too the page is named with the reason, and the
        other pages are still read."""
        try:
            if self._damaged is None:
                self._damaged = damaged_pages(self.path)
            reference = self._reference()
            if number in self._damaged and reference is not None:
                instead = reference.stand_in(number, self.total)
                if instead is not None:
                    return instead  # it names what was lost
            objects = self.objects(number)
            if self.unmeasured and reference is not None:
                instead = reference.stand_in(number, self.total)
                if instead is not None:
                    return instead
            return layout_page(objects, number, self.total)
        except BudgetInputError:
            raise
        except Exception as exc:  # a page's failure, never the file's
            reason = exc.reason if isinstance(exc, PageFailure) else PAGE_OBJECTS
        return self._instead(number, reason)

    def _instead(self, number: int, reason: str) -> PageContent:
        """The page PDFium failed on, read by the reference; else named with ``reason``."""
        try:
            reference = self._reference()
            content = reference.stand_in(number, self.total) if reference is not None else None
            if content is not None and (
                content.error is None or content.fragments or content.prose
            ):
                return content
        except BudgetInputError:
            pass  # the reference cannot open the file: PDFium's verdict stands
        except Exception:  # the reference failed on it too
            pass
        return PageContent(number, self.total, error=reason)

    def stand_in(self, number: int, total: int) -> PageContent | None:
        return self.read(number) if total == self.total else None

    def _load(self, number: int) -> Any:
        try:
            return self.doc[number - 1]
        except pdfium.PdfiumError as exc:
            raise PageFailure(PAGE_NOT_LOADED) from exc

    def _reference(self) -> PageReader | None:
        """The reference reader, for the pages PDFium cannot measure or load (opened once,
        when the first such page comes); None where none was given or it cannot open the
        file. It stands in for a page where it sees that page (``stand_in``)."""
        if self._fallback is None and not self._no_fallback and self._open_reference:
            self._no_fallback = True  # asked once
            try:
                opened: PageReader | None = self._open_reference(self.path)
            except BudgetInputError:
                opened = None
            self._fallback = opened
        return self._fallback

    def objects(self, number: int) -> PageObjects:
        self.unmeasured = False
        page = self._load(number)
        try:
            frame = _Frame(tuple(page.get_mediabox()), page.get_rotation())  # type: ignore[arg-type]
            edges: list[dict[str, Any]] = []
            texts: list[tuple[Any, Matrix]] = []
            for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
                obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
                self._collect(obj, _IDENTITY, frame, edges, texts)
            chars = self._chars(page, frame, texts)
        finally:
            page.close()
        return PageObjects(chars=chars, edges=edges, bbox=frame.bbox)

    def _collect(
        self,
        obj: Any,
        outer: Matrix,
        frame: _Frame,
        edges: list[dict[str, Any]],
        texts: list[tuple[Any, Matrix]],
    ) -> None:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts.append((obj, outer))
            return
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            return
        m = self._matrix
        pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
        matrix = _compose((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            for index in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                inner = pdfium_c.FPDFFormObj_GetObject(obj, index)
                self._collect(inner, matrix, frame, edges, texts)
            return
        pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(self._fill), ctypes.byref(self._stroke))
        if not self._fill.value and not self._stroke.value:
            return  # an unpainted path (a clip): pdfminer draws nothing for it
        a, b, c, d, e, f = matrix
        ops: list[tuple[str, tuple[float, float]]] = []
        bezier = 0
        x, y = self._x, self._y
        for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
            pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            point = frame.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                if ops:
                    edges.extend(_paint(ops, frame.bbox))
                ops = [("m", point)]
                bezier = 0
            elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                bezier += 1
                if bezier % 3 == 0:  # pdfminer keeps a curve's end point, not its controls
                    ops.append(("c", point))
            else:
                ops.append(("l", point))
            if pdfium_c.FPDFPathSegment_GetClose(segment) and ops:
                ops.append(("h", ops[0][1]))
        if ops:
            edges.extend(_paint(ops, frame.bbox))

    def _chars(
        self, page: Any, frame: _Frame, texts: list[tuple[Any, Matrix]]
    ) -> list[dict[str, Any]]:
        text_page = pdfium_c.FPDFText_LoadPage(page.raw)
        if not text_page:
            raise PageFailure(PAGE_NO_TEXT)
        try:
            count = pdfium_c.FPDFText_CountChars(text_page)
            if count <= 0 and not texts:
                return []
            buffer = ctypes.create_string_buffer((count + 1) * 2)
            pdfium_c.FPDFText_GetText(
                text_page, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
            )
            text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
            rect, matrix = self._rect, self._matrix
            rect_ref, matrix_ref = ctypes.byref(rect), ctypes.byref(matrix)
            chars: list[dict[str, Any]] = []
            bbox = frame.bbox
            seen: set[int | None] = set()
            for index, ch in enumerate(text):
                if ch in "\r\n\x00" or (
                    ch == " " and pdfium_c.FPDFText_IsGenerated(text_page, index)
                ):
                    continue
                if ch in "\ufffe\x02":
                    ch = "-"  # PDFium's mark for a hyphen that ends a line
                elif ch == "\ufffd" or 0xD800 <= ord(ch) <= 0xDFFF:
                    code = pdfium_c.FPDFText_GetUnicode(text_page, index)
                    ch = chr(code) if code else ch
                seen.add(_address(pdfium_c.FPDFText_GetTextObject(text_page, index)))
                pdfium_c.FPDFText_GetLooseCharBox(text_page, index, rect_ref)
                pdfium_c.FPDFText_GetMatrix(text_page, index, matrix_ref)
                # pdfminer's box: from the descent up by the font size as the text and
                # graphics matrices scale it (PDFium's loose box goes up to the ascent)
                size = pdfium_c.FPDFText_GetFontSize(text_page, index) * math.hypot(
                    matrix.c, matrix.d
                )
                x0, top, x1, bottom = frame.box(rect.left, rect.bottom, rect.right, rect.top)
                # upright as pdfminer says it: of the character as the page is shown
                # (turned by its /Rotate), level or upside down
                shown = (
                    math.degrees(pdfium_c.FPDFText_GetCharAngle(text_page, index)) + frame.rotation
                ) % 180
                upright = shown < 0.1 or shown > 179.9
                if upright and frame.rotation == 0:
                    top = bottom - size
                char = {
                    "text": ch,
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "doctop": top,
                    "width": x1 - x0,
                    "height": bottom - top,
                    "upright": upright,
                    "size": size,
                }
                if _within(char, bbox):
                    chars.append(char)
            self.unmeasured = any(
                _address(obj) not in seen and self._unmeasured(obj) for obj, _ in texts
            )
            return chars
        finally:
            pdfium_c.FPDFText_ClosePage(text_page)

    def _unmeasured(self, obj: Any) -> bool:
        """Whether PDFium left ``obj`` out of its text page because it could not measure
        it: it skips a text object whose box has no width, and a font it holds no glyph
        outlines for (not embedded, e.g. the standard CJK fonts) gives a one-character
        object no width. Its characters are then unknown here (PDFium returns its text
        from the text page), so the page is read by the reference reader instead. A
        blank object of an embedded font (a space) has no width either, and no text."""
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        refs = (ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs) or right.value - left.value >= 0.01:
            return False
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        return bool(font) and not pdfium_c.FPDFFont_GetIsEmbedded(font)
