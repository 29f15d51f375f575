"""The page readers, by name: each opens one PDF (raising BudgetInputError with the file's
verdict: encrypted, corrupt, no pages), says how many pages it has, surveys a page (its
prose when it draws no table) and reads a page (tables and prose)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .pages import PageContent

READERS = ("pdfium", "pdfplumber")
DEFAULT_READER = "pdfium"


class PageReader(Protocol):
    name: str
    total: int

    def survey(self, number: int) -> PageContent | None: ...

    def read(self, number: int) -> PageContent: ...

    def close(self) -> None: ...


def open_reader(name: str, path: Path) -> PageReader:
    if name == "pdfium":
        from .reader_pdfium import PdfiumReader

        return PdfiumReader(path)
    if name == "pdfplumber":
        from .reader_pdfplumber import PdfplumberReader

        return PdfplumberReader(path)
    raise ValueError(f"unknown page reader {name!r}: one of {', '.join(READERS)}")
