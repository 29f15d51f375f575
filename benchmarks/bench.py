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
    # the floor: every character with its box, and the bounds of every path object
    import ctypes
    import pypdfium2 as pdfium
    import pypdfium2.raw as c
    doc = pdfium.PdfDocument(path)
    box = [ctypes.byref(ctypes.c_double()) for _ in range(4)]
    bounds = [ctypes.byref(ctypes.c_float()) for _ in range(4)]
    for i in range(len(doc)):
        page = doc[i]
        tp = c.FPDFText_LoadPage(page.raw)
        for k in range(c.FPDFText_CountChars(tp)):
            c.FPDFText_GetUnicode(tp, k)
            c.FPDFText_GetCharBox(tp, k, *box)
        c.FPDFText_ClosePage(tp)
        for k in range(c.FPDFPage_CountObjects(page.raw)):
            obj = c.FPDFPage_GetObject(page.raw, k)
            if c.FPDFPageObj_GetType(obj) == c.FPDF_PAGEOBJ_PATH:
                c.FPDFPageObj_GetBounds(obj, *bounds)
        page.close()
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
from core.cache.store import load
d = load(Path(sys.argv[1]))
assert d is not None, "not cached"
print(json.dumps({"tables": len(d.tables)}))
"""
_WARM_FRAME = """
import sys
from pathlib import Path
import tui.package.app
from tui.package.app import BudgetApp
from tui.messages import DisclosureLoaded

class FirstFrame(BudgetApp):
    CSS_PATH = str(Path(tui.package.app.__file__).parent / "app.tcss")

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


_EXPORT = [sys.executable, "-m", "tui.cli", "export", "--no-cache", "--format", "json"]


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, check=True, capture_output=True
    )
    return time.perf_counter() - start


def cold_table(files: list[Path]) -> dict[str, dict[str, float]]:
    """Our cold ``export --no-cache`` (single process, and with the default workers), bare
    pdfplumber ``extract_tables()`` and the bare PDFium pass, alternated run by run."""
    print(
        f"\nCold, seconds (median of {RUNS}, one run for the generated documents; every column "
        "a fresh process, interpreter start and imports included)"
    )
    print(
        f"{'file':<44}{'pages':>6}{'export':>8}{'+workers':>9}{'tables':>8}{'pdfium':>8}"
        f"{'÷tables':>8}{'÷pdfium':>8}{'ms/page':>8}{'floor':>7}{'RSS MB':>8}"
    )
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as out:
        for path in files:
            runs = 1 if path.parent == DATA else RUNS
            ours, workers, tables, pdfium = [], [], [], []
            for _ in range(runs):  # alternated, so a busy moment hurts all alike
                ours.append(
                    timed([*_EXPORT, str(path), "-o", f"{out}/x.json"], {"BUDGET_TUI_WORKERS": "1"})
                )
                workers.append(timed([*_EXPORT, str(path), "-o", f"{out}/y.json"]))
                tables.append(fresh(_BARE, str(path), "tables")[0])
                pdfium.append(fresh(_BARE, str(path), "pypdfium2")[0])
            info = fresh(_COLD, str(path), "1")[1]
            wall, bare, floor = median(ours), median(tables), median(pdfium)
            pages = info["pages"]
            results[path.name] = {"pages": pages, "parse": wall, "ratio": wall / bare}
            print(
                f"{path.name[:43]:<44}{pages:>6}{wall:>8.2f}{median(workers):>9.2f}{bare:>8.2f}"
                f"{floor:>8.2f}{wall / bare:>8.2f}{wall / floor:>8.1f}"
                f"{1000 * wall / pages:>8.1f}{1000 * floor / pages:>7.1f}{info['rss_mb']:>8.0f}",
                flush=True,
            )
    real = [r["ratio"] for name, r in results.items() if (REAL / name).exists()]
    if real:
        print(f"median export ÷ extract_tables over ../shared/real: {median(real):.2f}")
    return results


_EMPTY_APP = """
from textual.app import App
from textual.widgets import Static

class Empty(App):
    def compose(self):
        yield Static("EMPTY-APP-READY")

Empty().run()
"""


def tmux_first_frame(command: list[str], marker: str, env: dict[str, str]) -> float:
    """Seconds from starting ``command`` in a 120×40 tmux pane to ``marker`` on screen."""
    import shlex

    session = f"bench{os.getpid()}-{time.monotonic_ns()}"
    line = " ".join(shlex.quote(c) for c in command)
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    start = time.perf_counter()
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "120",
            "-y",
            "40",
            f"cd {shlex.quote(str(ROOT))} && env {exports} {line}",
        ],
        check=True,
    )
    try:
        while time.perf_counter() - start < 60:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if marker in screen:
                return time.perf_counter() - start
            time.sleep(0.01)
        raise TimeoutError(marker)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def warm_table(files: list[Path]) -> None:
    """Warm reopen (cached) to the department on screen, against an empty Textual app's
    first frame, both in tmux, alternated."""
    import shutil

    if not shutil.which("tmux"):
        print("\n(no tmux: warm first frame not measured)")
        return
    print(
        f"\nWarm reopen in tmux, seconds from process start to the department on screen "
        f"(median of {RUNS + 2}, alternated with an empty Textual app)"
    )
    print(f"{'file':<44}{'ours':>8}{'empty app':>11}{'ratio':>8}")
    # one idle session keeps the tmux server up between runs (a server that exits with its
    # last session races the next one's start)
    keeper = f"bench-keeper{os.getpid()}"
    subprocess.run(["tmux", "new-session", "-d", "-s", keeper, "sleep 3600"], check=True)
    with tempfile.TemporaryDirectory() as cache:
        env = {"BUDGET_TUI_CACHE_DIR": cache, "TERM": "xterm-256color", "BUDGET_TUI_LANG": "zh"}
        for path in files:
            info = fresh(
                "from core.cache.store import open_disclosure; import sys, json; "
                "d = open_disclosure(sys.argv[1]); print(json.dumps({'d': d.meta.department}))",
                str(path),
                env=env,
            )[1]  # fills the cache
            marker = (info["d"] or path.name)[:6]  # a nameless package: its file name
            ours, empty = [], []
            for _ in range(RUNS + 2):
                ours.append(
                    tmux_first_frame([sys.executable, "-m", "tui.cli", str(path)], marker, env)
                )
                empty.append(
                    tmux_first_frame([sys.executable, "-c", _EMPTY_APP], "EMPTY-APP-READY", env)
                )
            print(
                f"{path.name[:43]:<44}{median(ours):>8.2f}{median(empty):>11.2f}"
                f"{median(ours) / median(empty):>8.2f}",
                flush=True,
            )


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

    from core.cache.store import open_disclosure
    from tui.package.app import BudgetApp

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
    grown = [] if args.quick else [generated(n) for n in (200, 500)]
    results = cold_table(files + grown)
    warm_table(files[:1] + grown[-1:])
    if grown:
        growth_table(results, [files[0].name] + [p.name for p in grown])
    repaint_table(grown[-1] if grown else files[0])


if __name__ == "__main__":
    main()
