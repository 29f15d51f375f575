"""Which pages have a damaged content stream, without interpreting any page.

PDFium reads a page whose compressed content stream is damaged up to the damage and says
nothing; pdfminer logs "Data-loss while decompressing corrupted data". So the PDFium reader
asks here first: every Flate stream of the file is inflated (zlib, in C: milliseconds for
a whole package); only when one fails are the pages that draw it found (through pdfminer's
page tree), and those pages are read by the reference reader, which names the damage.
"""

from __future__ import annotations

import base64
import re
import zlib
from pathlib import Path

_STREAM = re.compile(rb">>\s*stream\r?\n")
_OBJECT = re.compile(rb"(\d+)\s+\d+\s+obj\b")


def _inflates(data: bytes) -> bool:
    """False when zlib fails on the stream, its checksum included: data it cannot vouch
    for."""
    try:
        zlib.decompress(data)
        return True
    except zlib.error:
        return False


def damaged_streams(path: Path) -> set[int]:
    """Object numbers of the Flate streams (other than images and font files) that do
    not inflate."""
    data = path.read_bytes()
    damaged = set()
    for match in _STREAM.finditer(data):
        # the stream's dictionary: from its "N 0 obj" (the last one before it) on
        opened = data.rfind(b" obj", max(0, match.start() - 4000), match.start())
        found = _OBJECT.search(data, max(0, opened - 24), opened + 4) if opened >= 0 else None
        if found is None:
            continue
        head = data[found.end() : match.start()]
        if b"/FlateDecode" not in head and b"/Fl " not in head and b"/Fl]" not in head:
            continue
        if b"/Image" in head or b"/Length1" in head or b"/Length2" in head or b"/ObjStm" in head:
            continue  # pictures and embedded fonts draw no text we read
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        raw = data[start:end]
        if b"/ASCII85Decode" in head or b"/A85" in head:
            text = re.sub(rb"\s", b"", raw)
            text = text[2:] if text.startswith(b"<~") else text
            text = text.split(b"~>")[0]
            try:
                raw = base64.a85decode(text)
            except ValueError:
                damaged.add(int(found.group(1)))
                continue
        if not _inflates(raw):
            damaged.add(int(found.group(1)))
    return damaged


def damaged_pages(path: Path) -> set[int]:
    """1-based numbers of the pages whose content streams do not inflate."""
    damaged = damaged_streams(path)
    if not damaged:
        return set()
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    pages = set()
    try:
        with path.open("rb") as fh:
            document = PDFDocument(PDFParser(fh))
            for number, page in enumerate(PDFPage.create_pages(document), start=1):
                contents = page.attrs.get("Contents")
                refs = contents if isinstance(contents, list) else [contents]
                ids = {r.objid for r in refs if isinstance(r, PDFObjRef)}
                if ids & damaged:
                    pages.add(number)
    except Exception:
        return set()
    return pages
