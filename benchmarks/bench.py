"""Where the time goes: cold parse against bare pdfplumber and pypdfium2, warm (cached) open,
per-page cost as a document grows, peak memory, and key-press-to-repaint in the app.

    python benchmarks/bench.py            # everything (the 500-page document takes minutes)
    python benchmarks/bench.py --quick    # the example and ../shared/real only

Prints tables; asserts nothing. Every ratio compares timings taken in the same run on the
same machine. Cold parses and warm opens run in fresh processes, so imports, worker start-up
and peak RSS are counted as a user meets them. Generated documents are cached in
benchmarks/.data (delete it to regenerate).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "benchmarks" / ".data"
REAL = ROOT.parent / "shared" / "real"
RUNS = 3

# run in a fresh interpreter; prints one JSON line
_COLD = """
import json, resource, sys, time
t0 = time.perf_counter()
from core.parse import parse_pdf
d = parse_pdf(sys.argv[1], workers=int(sys.argv[2]))
wall = time.perf_counter() - t0
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "rss_mb": own / 1024, "worker_rss_mb": kids / 1024,
                  "pages": d.meta.pages}))
"""
_BARE = """
import json, sys, time
path, kind = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if kind == "pypdfium2":
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(path)
    for i in range(len(doc)):
        page = doc[i]; tp = page.get_textpage(); tp.get_text_range(); tp.close(); page.close()
    doc.close()
else:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words() if kind == "words" else page.extract_tables()
            page.close()
print(json.dumps({"wall": time.perf_counter() - t0}))
"""
_WARM_MODEL = """
import json, sys, time
from pathlib import Path
from core.cache import load
d = load(Path(sys.argv[1]))
assert d is not None, "not cached"
print(json.dumps({"tables": len(d.tables)}))
"""
_WARM_FRAME = """
import sys
from pathlib import Path
import tui.app
from tui.app import BudgetApp
from tui.messages import DisclosureLoaded

class FirstFrame(BudgetApp):
    CSS_PATH = str(Path(tui.app.__file__).parent / "app.tcss")

    def on_disclosure_loaded(self, message: DisclosureLoaded) -> None:
        if not message.partial:
            self.call_after_refresh(self.exit)

FirstFrame(Path(sys.argv[1])).run(headless=True, size=(120, 40))
"""


def fresh(code: str, *args: str, env: dict[str, str] | None = None) -> tuple[float, dict]:
    """Wall time of a fresh interpreter running ``code`` (process start to exit), and the
    JSON it printed last."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=True,
    )
    wall = time.perf_counter() - start
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    return wall, (json.loads(lines[-1]) if lines else {})


def median(values: list[float]) -> float:
    return statistics.median(values)


def generated(pages_wanted: int) -> Path:
    """A consistent department of ~``pages_wanted`` pages of functional rows (~37 a page)."""
    from tests.generator.render import render
    from tests.generator.variants import big_department

    DATA.mkdir(parents=True, exist_ok=True)
    target = DATA / f"generated_{pages_wanted}_pages.pdf"
    if not target.exists():
        n_classes = max(1, round(pages_wanted * 37 / 311))  # 311 rows per class: 10 款 × 30 项
        render(big_department(n_classes, 10, 30), target)
    return target


def cold_table(files: list[Path]) -> dict[str, dict[str, float]]:
    workers = str(max(1, min(4, os.cpu_count() or 1)))
    header = (
        f"{'file':<44}{'pages':>6}{'parse':>8}{'serial':>8}{'tables':>8}{'words':>8}"
        f"{'pdfium':>8}{'÷tables':>8}{'÷words':>8}{'÷pdfium':>9}{'RSS MB':>8}{'worker':>8}"
    )
    print(
        f"\nCold parse, seconds (median of {RUNS}, one run for the generated documents; "
        f"parse reads with {workers} processes)"
    )
    print(header)
    results: dict[str, dict[str, float]] = {}
    for path in files:
        big = path.parent == DATA  # the generated documents: one run each
        runs = 1 if big else RUNS
        parse = [fresh(_COLD, str(path), workers) for _ in range(runs)]
        serial = median([fresh(_COLD, str(path), "1")[0] for _ in range(runs)])
        tables = median([fresh(_BARE, str(path), "tables")[0] for _ in range(runs)])
        words = median([fresh(_BARE, str(path), "words")[0] for _ in range(runs)])
        pdfium = median([fresh(_BARE, str(path), "pypdfium2")[0] for _ in range(runs)])
        wall = median([p[0] for p in parse])
        info = parse[0][1]
        results[path.name] = {"pages": info["pages"], "parse": wall}
        print(
            f"{path.name[:43]:<44}{info['pages']:>6}{wall:>8.2f}{serial:>8.2f}{tables:>8.2f}"
            f"{words:>8.2f}{pdfium:>8.2f}{wall / tables:>8.2f}{wall / words:>8.2f}"
            f"{wall / pdfium:>9.1f}{info['rss_mb']:>8.0f}{info['worker_rss_mb']:>8.0f}",
            flush=True,
        )
    print(
        "(each column is a fresh process: interpreter start and imports included; 'serial' is "
        "parse with one process; ÷ columns are parse / bare)"
    )
    return results


def warm_table(files: list[Path]) -> None:
    print(f"\nWarm open from the cache, seconds from process start (median of {RUNS + 2})")
    print(f"{'file':<44}{'model loaded':>14}{'first frame':>13}")
    with tempfile.TemporaryDirectory() as cache:
        env = {"BUDGET_TUI_CACHE_DIR": cache}
        for path in files:
            fresh(
                "from core.cache import open_disclosure; import sys; open_disclosure(sys.argv[1])",
                str(path),
                env=env,
            )  # fill the cache
            model = median([fresh(_WARM_MODEL, str(path), env=env)[0] for _ in range(RUNS + 2)])
            frame = median([fresh(_WARM_FRAME, str(path), env=env)[0] for _ in range(RUNS + 2)])
            print(f"{path.name[:43]:<44}{model:>14.2f}{frame:>13.2f}")


def growth_table(results: dict[str, dict[str, float]], names: list[str]) -> None:
    print("\nPer-page cost as the document grows (cold parse)")
    print(f"{'file':<44}{'pages':>6}{'ms/page':>9}{'× first':>9}")
    first = None
    for name in names:
        r = results[name]
        per_page = 1000 * r["parse"] / r["pages"]
        first = first or per_page
        print(f"{name:<44}{r['pages']:>6.0f}{per_page:>9.1f}{per_page / first:>9.2f}")


def repaint_table(path: Path) -> None:
    """Key press to repaint in the largest tree, fully expanded, headless."""
    import asyncio

    from core.cache import open_disclosure
    from tui.app import BudgetApp

    disclosure = open_disclosure(path)

    async def measure() -> tuple[int, list[float], list[float]]:
        app = BudgetApp(path, disclosure)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("2")
            tree = app.query_one("#functional-tree")
            tree.root.expand_all()
            await pilot.pause()
            lines = tree.last_line + 1
            down, page = [], []
            for _ in range(30):
                t0 = time.perf_counter()
                await pilot.press("down")
                down.append(time.perf_counter() - t0)
            for _ in range(10):
                t0 = time.perf_counter()
                await pilot.press("pagedown")
                page.append(time.perf_counter() - t0)
            return lines, down, page

    lines, down, page = asyncio.run(measure())
    print("\nKey press to repaint, headless 120×40 (pilot.press waits for the repaint)")
    print(f"{'tree':<44}{'lines':>7}{'↓ ms':>8}{'PgDn ms':>9}")
    print(f"{path.name[:43]:<44}{lines:>7}{1000 * median(down):>8.1f}{1000 * median(page):>9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the generated documents")
    args = parser.parse_args()
    files = [ROOT / "examples" / "pingxiang_police_2024.pdf"]
    files += sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
    grown = [] if args.quick else [generated(n) for n in (100, 250, 500)]
    results = cold_table(files + grown)
    warm_table(files[:1] + grown[-1:])
    if grown:
        growth_table(results, [p.name for p in grown])
    repaint_table(grown[-1] if grown else files[0])


if __name__ == "__main__":
    main()
