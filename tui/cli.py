"""The ``budget-tui`` command: open the app, or ``export`` / ``check`` headless.

Textual is imported only when the app opens, so the headless commands start fast.
Bad input is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from core.model import BudgetInputError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
SUBCOMMANDS = ("export", "check", "cache", "scan")


def _fail(message: str) -> int:
    print(f"budget-tui: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _load(path: str, use_cache: bool = True):  # type: ignore[no-untyped-def]
    from core.cache import open_disclosure

    return open_disclosure(Path(path), use_cache=use_cache)


def cmd_export(args: argparse.Namespace) -> int:
    from core.export import export
    from core.reconcile import reconcile

    disclosure = _load(args.file, not args.no_cache)
    _name_unreadable(disclosure)
    result = reconcile(disclosure)
    out = (
        Path(args.output)
        if args.output
        else Path(
            Path(args.file).stem
            + (f".{args.format}" if args.format in ("json", "xlsx") else f"_{args.format}")
        )
    )
    export(disclosure, args.format, out, result.findings)
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def _money(value: object) -> str:
    return "**" if value is None else f"{value:,.2f}"


def format_report(disclosure, result) -> str:  # type: ignore[no-untyped-def]
    meta = disclosure.meta
    lines = [
        f"{meta.department or '?'} ({meta.department_code or '?'}) {meta.year or ''} "
        f"· {meta.source} · {meta.pages} pages · unit {meta.unit or '?'}",
    ]
    counts = result.counts
    tested = int(counts["tested"].sum()) if counts.height else 0
    passed = int(counts["passed"].sum()) if counts.height else 0
    info = int(counts["info"].sum()) if counts.height else 0
    warnings = int(counts["warnings"].sum()) if counts.height else 0
    errors = int(counts["errors"].sum()) if counts.height else 0
    parse = int(counts["parse"].sum()) if counts.height else 0
    lines.append(
        f"identities tested: {tested}  passed: {passed}  info: {info}  "
        f"warnings: {warnings}  errors: {errors}  parse: {parse}"
    )
    lines.append(coverage_line(disclosure))
    kind = disclosure.package_kind()
    if kind != "full":
        lines.append(
            {
                "narrative_only": "package: 情况说明 only — the tables are published as another "
                "file (no table is missing from this one)",
                "tables_only": "package: tables only — the 情况说明 is published as another file",
            }[kind]
        )
    lines.append("")
    lines.append(
        f"{'table':<24}{'tested':>8}{'passed':>8}{'info':>6}{'warn':>6}{'error':>7}{'parse':>7}"
    )
    for row in counts.iter_rows(named=True):
        lines.append(
            f"{row['table']:<24}{row['tested']:>8}{row['passed']:>8}{row['info']:>6}"
            f"{row['warnings']:>6}{row['errors']:>7}{row['parse']:>7}"
        )
    findings = result.findings
    if findings.height:
        findings = findings.with_columns(severity_rank()).sort("table", "rank", maintain_order=True)
    current = None
    for f in findings.iter_rows(named=True):
        if f["table"] != current:
            current = f["table"]
            lines.append("")
            lines.append(f"== {current}")
        pages = ",".join(str(p) for p in f["pages"])
        lines.append(f"  [{f['severity'].upper():7}] {f['location']}: {f['message']}")
        detail = (
            f"      expected {_money(f['expected'])}  actual {_money(f['actual'])}  "
            f"difference {_money(f['difference'])}  tolerance {f['tolerance']}  "
            f"pages {pages}"
        )
        lines.append(detail)
    if raw := disclosure.raw_tables:
        lines.append("")
        lines.append(
            f"unrecognised tables kept raw: {len(raw)} "
            + ", ".join(f"{r.title or 'untitled'} (p.{r.pages[0]})" for r in raw)
        )
    return "\n".join(lines)


def coverage_line(disclosure) -> str:  # type: ignore[no-untyped-def]
    """How much of what the tables print was read: the reading's self-check in one line."""
    cov = [c for c in disclosure.coverage.values() if c.printed]
    printed = sum(c.printed for c in cov)
    placed = sum(c.placed for c in cov)
    incomplete = [c.table for c in cov if not c.complete]
    share = f"{100 * placed / printed:.1f} %" if printed else "—"
    line = (
        f"reading: {placed} of {printed} printed numbers placed ({share}); "
        f"{len(cov) - len(incomplete)} of {len(cov)} tables complete"
    )
    if incomplete:
        line += " (incomplete: " + ", ".join(incomplete) + ")"
    if disclosure.unreadable:
        line += "; unreadable pages: " + ", ".join(map(str, sorted(disclosure.unreadable)))
    return line


def _name_unreadable(disclosure) -> None:  # type: ignore[no-untyped-def]
    for _, why in sorted(disclosure.unreadable.items()):
        print(f"budget-tui: {disclosure.meta.source}: {why}", file=sys.stderr)


def severity_rank():  # type: ignore[no-untyped-def]
    import polars as pl

    return (
        pl.col("severity")
        .replace_strict({"error": 0, "parse": 1, "warning": 2, "info": 3}, return_dtype=pl.Int8)
        .alias("rank")
    )


def cmd_check(args: argparse.Namespace) -> int:
    from core.export import findings_records, json_value
    from core.reconcile import reconcile

    disclosure = _load(args.file, not args.no_cache)
    _name_unreadable(disclosure)
    result = reconcile(disclosure)
    if args.json:
        records = findings_records(result.findings)
        print(json_value(records))
    else:
        print(format_report(disclosure, result))
    return EXIT_FINDINGS if result.errors else EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    from core.pdf_reader import check_file, page_count

    path = Path(args.file)
    if _is_dataset(path):
        return open_dataset(path)
    check_file(path)
    page_count(path)  # encrypted / corrupt files fail here, before the screen changes
    from tui.app import BudgetApp

    BudgetApp(path, use_cache=not args.no_cache).run()
    return EXIT_OK


def _is_dataset(path: Path) -> bool:
    """A folder holding files.parquet is a scanned dataset; any other folder holds PDFs."""
    from core.dataset import is_dataset

    return is_dataset(path)


def open_dataset(path: Path) -> int:
    from tui.dataset_app import DatasetApp

    DatasetApp(path).run()
    return EXIT_OK


def cmd_scan(args: argparse.Namespace) -> int:
    """Every PDF under the paths into one dataset (refused files are rows, not an exit code)."""
    from tui.scan_report import run_scan

    if args.workers is not None and args.workers < 1:
        return _fail("--workers must be 1 or more")
    run_scan(args.paths, Path(args.output), args.workers, args.dask)
    return EXIT_OK  # a finished scan; what each file holds is data in files.parquet


def cmd_cache(args: argparse.Namespace) -> int:
    from core import cache

    if args.action == "clear":
        removed = cache.clear()
        plural = "s" if removed != 1 else ""
        print(f"removed {removed} cached disclosure{plural} from {cache.cache_dir()}")
        return EXIT_OK
    entries = cache.entries()
    size = sum(e.bytes for e in entries)
    print(f"cache folder  {cache.cache_dir()}")
    print(f"entries       {len(entries)}")
    print(
        f"size          {size / 2**20:.1f} MiB of {cache.cap_bytes() / 2**20:.0f} MiB "
        "(least recently opened evicted first; BUDGET_TUI_CACHE_MAX_MB sets the cap)"
    )
    return EXIT_OK


def build_parser(subcommand: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budget-tui",
        description="Explore a 部门预算公开 (department budget disclosure) PDF.",
        epilog="commands: budget-tui FILE.pdf | budget-tui export FILE.pdf --format json -o OUT "
        "| budget-tui check FILE.pdf [--json] | budget-tui cache info|clear "
        "| budget-tui scan DIR… -o DATASET [--workers N] [--dask ADDRESS] | budget-tui DATASET/ "
        "(every command takes --no-cache)",
    )
    no_cache = {
        "action": "store_true",
        "help": "parse the PDF again; neither read nor write the cache",
    }
    if not subcommand:
        parser.add_argument("file", help="the disclosure PDF to open in the app")
        parser.add_argument("--no-cache", **no_cache)  # type: ignore[arg-type]
        parser.set_defaults(func=cmd_open)
        return parser
    sub = parser.add_subparsers(dest="command", required=True)
    exp = sub.add_parser("export", help="write the parsed tables and findings")
    exp.add_argument("file")
    exp.add_argument("--format", "-f", choices=("json", "csv", "parquet", "xlsx"), default="json")
    exp.add_argument("-o", "--output", help="output file (json, xlsx) or folder (csv, parquet)")
    exp.add_argument("--no-cache", **no_cache)  # type: ignore[arg-type]
    exp.set_defaults(func=cmd_export)
    chk = sub.add_parser("check", help="reconcile every identity; exit 1 when any error")
    chk.add_argument("file")
    chk.add_argument("--json", action="store_true", help="print the findings as JSON")
    chk.add_argument("--no-cache", **no_cache)  # type: ignore[arg-type]
    chk.set_defaults(func=cmd_check)
    cache = sub.add_parser("cache", help="show or empty the parse cache")
    cache.add_argument("action", choices=("info", "clear"))
    cache.set_defaults(func=cmd_cache)
    scan = sub.add_parser("scan", help="read every PDF under the paths into one dataset")
    scan.add_argument("paths", nargs="+", help="PDF files or folders (searched recursively)")
    scan.add_argument("-o", "--output", required=True, help="the dataset folder")
    scan.add_argument("--workers", type=int, help="local processes (default: the CPU count)")
    scan.add_argument("--dask", metavar="ADDRESS", help="an existing Dask scheduler (tcp://…)")
    scan.set_defaults(func=cmd_scan)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(bool(argv) and argv[0] in SUBCOMMANDS)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except BudgetInputError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".strip())


if __name__ == "__main__":
    sys.exit(main())
