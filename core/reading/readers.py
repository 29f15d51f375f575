"""The page readers, by name: each opens one PDF (raising BudgetInputError with the file's
verdict: encrypted, corrupt, no pages), says how many pages it has, surveys a page (its
prose when it draws no table) and reads a page (tables and prose)."""

from __future__ import annotations

from pathlib import Path

from core.reading.pages import PageReader as PageReader

READERS = ("pdfium", "pdfplumber")
DEFAULT_READER = "pdfium"


def open_reader(name: str, path: Path) -> PageReader:
    """The reader ``name`` over ``path``. The two readers lean on each other (PDFium hands
    the reference the pages it cannot measure; the reference surveys prose pages through
    PDFium), so each is given the other here rather than importing it. Imported only when
    a file is opened: the app's first frame needs no PDF library."""
    from core.reading.pdfium_reader import PdfiumReader
    from core.reading.pdfplumber_reader import PdfplumberReader

    if name == "pdfium":
        return PdfiumReader(path, reference=PdfplumberReader)
    if name == "pdfplumber":
        return PdfplumberReader(path, surveyor=PdfiumReader)
    raise ValueError(f"unknown page reader {name!r}: one of {', '.join(READERS)}")
