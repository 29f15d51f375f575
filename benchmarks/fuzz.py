"""Robustness campaigns (run by hand, not in CI): no input makes a traceback, a hang or a
native crash, and no key typed while a package loads is lost or crashes the app.

    python benchmarks/fuzz.py mutations [-n 1000] [--timeout 60] [--jobs 2] [--seed 0]
    python benchmarks/fuzz.py app [--seeds 50] [--timeout 90]

``mutations``: copies of five published packages of different producers (../shared/real),
each changed at random — bytes flipped, a chunk deleted, a chunk duplicated, a run of digits
made very long, the file cut short — and each read by ``budget-tui export`` in its own
process with a time limit. A run ends well when it exits 0 (read, perhaps in part) or 2
(one line on stderr, nothing written). Prints the exits, every traceback (by its last
line), the hangs, the native crashes (killed by a signal) and the slowest runs; a failing
mutation is kept in benchmarks/.fuzz/ to be replayed.

``app``: Pilot runs of the app on the bundled example and on published packages, pressing
random keys (views 1–9, search, navigation, resize, help) from the first frame while the
package loads, cold (no cache) and warm (cached), one seed each; each run in its own
process. Prints how each ended and any traceback.

Both print their figures; docs/robustness.md holds the last ones.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
KEEP = ROOT / "benchmarks" / ".fuzz"
# five producers: WPS, Acrobat Distiller, Microsoft Print to PDF, PDFium, iText
PACKAGES = (
    "putuo_gov_office_2025_dept_budget.pdf",
    "jiangsu_party_office_2018_budget_tables.pdf",
    "shcity_2026_unitbudget_fucai_center.pdf",
    "bj_2026_budget_shoudulvhua_baobiao.pdf",
    "gd_shenzhen_2026_budget_caizhengju.pdf",
)
KINDS = ("flip", "delete", "duplicate", "digits", "truncate")
_DIGITS = re.compile(rb"\d{2,}")


def mutate(data: bytes, kind: str, rng: random.Random) -> bytes:
    """``data`` changed in one way (``kind``), chosen by ``rng``."""
    size = len(data)
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.choice((1, 4, 16, 64))):
            i = rng.randrange(size)
            out[i] = rng.randrange(256)
        return bytes(out)
    if kind == "delete":
        start = rng.randrange(size)
        return data[:start] + data[start + rng.choice((1, 16, 256, 4096)) :]
    if kind == "duplicate":
        start = rng.randrange(size)
        chunk = data[start : start + rng.choice((16, 256, 4096))]
        at = rng.randrange(size)
        return data[:at] + chunk + data[at:]
    if kind == "digits":
        runs = list(_DIGITS.finditer(data))
        if not runs:
            return data
        out = data
        for match in sorted(rng.sample(runs, min(len(runs), rng.choice((1, 3, 10)))), key=_start)[
            ::-1
        ]:
            long = bytes(rng.choice(b"0123456789") for _ in range(rng.choice((20, 40, 80))))
            out = out[: match.start()] + long + out[match.end() :]
        return out
    # truncate: the file cut short, keeping its end-of-file marker (past the header check)
    cut = rng.randrange(size // 10, size)
    return data[:cut] + b"\nstartxref\n0\n%%EOF\n"


def _start(match: re.Match[bytes]) -> int:
    return match.start()


@dataclass
class Run:
    package: str
    kind: str
    seed: int
    exit: int | None  # None: hung (killed at the time limit)
    seconds: float
    traceback: str | None  # the traceback's last line
    stray_output: bool  # exit 2 but an output file was written
    stderr_lines: int


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def one_mutation(package: str, kind: str, seed: int, timeout: float, keep: bool) -> Run:
    rng = random.Random(f"{package}:{kind}:{seed}")
    data = mutate((REAL / package).read_bytes(), kind, rng)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        pdf = Path(tmp) / "mutated.pdf"
        pdf.write_bytes(data)
        out = Path(tmp) / "out.json"
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "tui.cli", "export", str(pdf), "--no-cache", "-o", str(out)],
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=ROOT,
                env=_env(),
            )
            code: int | None = proc.returncode
            stderr = proc.stderr
        except subprocess.TimeoutExpired:
            code, stderr = None, ""
        seconds = time.perf_counter() - t0
        traceback = None
        if "Traceback (most recent call last)" in stderr:
            traceback = next(
                (line for line in reversed(stderr.strip().splitlines()) if line.strip()), "?"
            )
        run = Run(
            package,
            kind,
            seed,
            code,
            seconds,
            traceback,
            code == 2 and out.exists(),
            len(stderr.strip().splitlines()),
        )
        if keep and (traceback or code is None or (code is not None and code < 0)):
            KEEP.mkdir(parents=True, exist_ok=True)
            (KEEP / f"{Path(package).stem}-{kind}-{seed}.pdf").write_bytes(data)
    return run


def campaign(count: int, timeout: float, jobs: int, seed: int) -> int:
    plan = [
        (PACKAGES[i % len(PACKAGES)], KINDS[(i // len(PACKAGES)) % len(KINDS)], seed + i)
        for i in range(count)
    ]
    missing = [p for p in PACKAGES if not (REAL / p).exists()]
    if missing:
        print(f"missing packages in {REAL}: {', '.join(missing)}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:
        runs = list(pool.map(lambda a: one_mutation(*a, timeout, True), plan))
    wall = time.perf_counter() - t0
    exits = Counter("hang" if r.exit is None else r.exit for r in runs)
    tracebacks = [r for r in runs if r.traceback]
    hangs = [r for r in runs if r.exit is None]
    native = [r for r in runs if r.exit is not None and r.exit < 0]
    stray = [r for r in runs if r.stray_output]
    print(f"mutations: {len(runs)} over {len(PACKAGES)} packages in {wall:.0f} s ({jobs} jobs)")
    print("by kind:", dict(Counter(r.kind for r in runs)))
    print("exits:", dict(sorted(exits.items(), key=str)))
    print(f"tracebacks: {len(tracebacks)}")
    for line, n in Counter(r.traceback for r in tracebacks).most_common():
        print(f"  {n} × {line}")
    for r in tracebacks[:20]:
        print(f"    {r.package} {r.kind} seed {r.seed}")
    print(f"hangs (> {timeout:.0f} s): {len(hangs)}", *(_name(r) for r in hangs))
    print(f"native crashes: {len(native)}", *(f"{_name(r)} ({r.exit})" for r in native))
    print(f"exit 2 with an output file: {len(stray)}")
    slowest = sorted((r for r in runs if r.exit is not None), key=lambda r: -r.seconds)[:5]
    print("slowest:", ", ".join(f"{r.seconds:.1f} s ({_name(r)})" for r in slowest))
    return 1 if tracebacks or hangs or native or stray else 0


def _name(run: Run) -> str:
    return f"{run.package} {run.kind} {run.seed}"


# -- the app campaign -------------------------------------------------------------------

_APP_RUN = r"""
import asyncio, json, random, sys, traceback
from pathlib import Path
from tui.package.app import BudgetApp

path, seed, use_cache = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "warm"
rng = random.Random(seed)
KEYS = [*"123456789", "slash", "2", "0", "4", "enter", "escape", "n", "N", "j", "k", "down",
        "up", "enter", "l", "h", "g", "G", "e", "E", "i", "question_mark", "tab", "pagedown"]
SIZES = [(80, 24), (120, 40), (60, 20), (160, 50)]

async def main():
    if use_cache:  # warm: the package is in the cache before the app opens it
        from core.cache.store import open_disclosure
        open_disclosure(path)
    app = BudgetApp(path, use_cache=use_cache)
    pressed = 0
    async with app.run_test(size=rng.choice(SIZES)) as pilot:
        for _ in range(rng.randrange(10, 60)):
            r = rng.random()
            if r < 0.08:
                await pilot.resize_terminal(*rng.choice(SIZES))
            elif r < 0.2:
                await pilot.press(*"/2040220")
                await pilot.press("enter")
            else:
                await pilot.press(rng.choice(KEYS))
            pressed += 1
            if rng.random() < 0.3:
                await pilot.pause(rng.choice((0, 0.01, 0.05)))
        await pilot.press("escape", "escape")
        for _ in range(200):  # let the load end, then quit
            if getattr(app, "disclosure", None) is not None:
                break
            await pilot.pause(0.05)
        await pilot.press("q")
    print(json.dumps({"pressed": pressed, "return_code": app.return_code}))

asyncio.run(main())
"""


def app_campaign(seeds: int, timeout: float) -> int:
    files = [ROOT / "examples" / "pingxiang_police_2024.pdf"] + [
        REAL / p for p in PACKAGES if (REAL / p).exists()
    ]
    rows = []
    with tempfile.TemporaryDirectory(prefix="fuzz-app-") as cache:
        env = _env() | {"BUDGET_TUI_CACHE_DIR": cache}
        for seed in range(seeds):
            path = files[seed % len(files)]
            for temperature in ("cold", "warm"):
                t0 = time.perf_counter()
                try:
                    proc = subprocess.run(
                        [sys.executable, "-c", _APP_RUN, str(path), str(seed), temperature],
                        capture_output=True,
                        text=True,
                        timeout=timeout,
                        cwd=ROOT,
                        env=env,
                    )
                    code: int | None = proc.returncode
                    out, err = proc.stdout, proc.stderr
                except subprocess.TimeoutExpired:
                    code, out, err = None, "", ""
                traceback = None
                if "Traceback" in err or "Traceback" in out or (code not in (0, None)):
                    lines = [line for line in (err or out).strip().splitlines() if line.strip()]
                    traceback = lines[-1] if lines else f"exit {code}"
                seconds = time.perf_counter() - t0
                rows.append((seed, temperature, path.name, code, seconds, traceback))
    bad = [r for r in rows if r[5] or r[3] is None]
    print(f"app runs: {len(rows)} ({seeds} seeds × cold, warm)")
    print("exits:", dict(Counter("hang" if r[3] is None else r[3] for r in rows)))
    print(f"tracebacks: {sum(1 for r in rows if r[5])}")
    for seed, temperature, name, _code, _seconds, line in bad:
        print(f"  seed {seed} {temperature} {name}: {line or 'hang'}")
    slowest = max(rows, key=lambda r: r[4])
    print(f"slowest: {slowest[4]:.1f} s (seed {slowest[0]} {slowest[1]} {slowest[2]})")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="campaign", required=True)
    mut = sub.add_parser("mutations")
    mut.add_argument("-n", type=int, default=1000)
    mut.add_argument("--timeout", type=float, default=60)
    mut.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2)))
    mut.add_argument("--seed", type=int, default=0)
    app = sub.add_parser("app")
    app.add_argument("--seeds", type=int, default=50)
    app.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args(argv)
    if args.campaign == "mutations":
        return campaign(args.n, args.timeout, args.jobs, args.seed)
    return app_campaign(args.seeds, args.timeout)


if __name__ == "__main__":
    sys.exit(main())
