"""Reading a PDF's pages: the one interface the parser uses.

``read_pages`` opens the file with a page reader (:mod:`core.reading.readers`: PDFium by default,
pdfplumber as the reference), surveys each page (a page without rulings is its prose, read
at once) and has the others read for their tables, here or in worker processes
(:mod:`core.reading.pool`), yielding pages in order. The flow goes one way: parse → this →
pool → reader → layout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from core.reading.pages import PageContent, check_file
from core.reading.readers import DEFAULT_READER, open_reader

# Below this many ruled pages, starting worker processes costs more than it saves.
PARALLEL_FROM = {"pdfium": 120, "pdfplumber": 8}


def default_workers() -> int:
    """The CPU count, at most 4; ``BUDGET_TUI_WORKERS`` sets it (1: this process only)."""
    chosen = os.environ.get("BUDGET_TUI_WORKERS", "")
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    return max(1, min(4, os.cpu_count() or 1))


def page_count(path: Path, reader: str = DEFAULT_READER) -> int:
    check_file(path)
    opened = open_reader(reader, path)
    try:
        return opened.total
    finally:
        opened.close()


def read_pages(
    path: Path,
    pages: list[int] | None = None,
    workers: int | None = None,
    reader: str = DEFAULT_READER,
) -> Iterator[PageContent]:
    """Yield each page's tables and prose, in page order.

    Pages without rulings are surveyed whole; the others are read for their tables, in
    ``workers`` processes when there are enough of them (each opens the file itself). The
    result is the same whatever the number of workers.
    """
    check_file(path)
    opened = open_reader(reader, path)  # the file's verdict (encrypted, corrupt)
    try:
        numbers = pages if pages is not None else list(range(1, opened.total + 1))
        surveyed = {n: opened.survey(n) for n in numbers} if pages is None else {}
        ruled = [n for n in numbers if surveyed.get(n) is None]
        workers = default_workers() if workers is None else workers
        if workers > 1 and len(ruled) >= PARALLEL_FROM.get(reader, 8):
            from core.reading.pool import read_in_workers

            read = read_in_workers(opened, reader, path, ruled, workers)
        else:
            read = (opened.read(n) for n in ruled)
        for number in numbers:
            page = surveyed.get(number)
            yield page if page is not None else next(read)
    finally:
        opened.close()
