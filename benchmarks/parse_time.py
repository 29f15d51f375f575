"""Cold parse time against pdfplumber's bare extract_words, median of N runs each.

    python benchmarks/parse_time.py [FILE.pdf ...]

Prints a table; asserts nothing. Without files it measures the bundled example and a
generated 300+-row department (rendered into a temporary folder).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 5


def median_seconds(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_words(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def main() -> None:
    from core.parse import parse_pdf

    files = [Path(a) for a in sys.argv[1:]]
    if not files:
        from tests.generator.render import render
        from tests.generator.variants import big_department

        tmp = Path(tempfile.mkdtemp())
        files = [
            ROOT / "examples" / "pingxiang_police_2024.pdf",
            render(big_department(), tmp / "big_department_421_rows.pdf"),
        ]
    print(f"{'file':<40}{'pages':>6}{'parse s':>10}{'words s':>10}{'ratio':>8}")
    for path in files:
        parse = median_seconds(lambda p=path: parse_pdf(p))
        words = median_seconds(lambda p=path: bare_words(p))
        pages = parse_pdf(path).meta.pages
        print(f"{path.name:<40}{pages:>6}{parse:>10.2f}{words:>10.2f}{parse / words:>8.2f}")


if __name__ == "__main__":
    main()
