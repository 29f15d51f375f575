"""The ``budget-tui`` command: open the app, or ``export`` / ``check`` headless.

Textual is imported only when the app opens, so the headless commands start fast.
Bad input is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from core.errors import BudgetInputError
from core.i18n import LANGUAGES, _, set_language
from core.reading.readers import DEFAULT_READER, READERS

# check: 1 when an identity is broken, 3 when a page could not be read (the package was read
# in part, so nothing it says is whole; 3 before 1)
EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_PAGES_LOST = 0, 1, 2, 3
SUBCOMMANDS = ("export", "check", "cache", "compare", "scan")


def _fail(message: str) -> int:
    print(f"budget-tui: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _load(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from core.cache.store import open_disclosure

    return open_disclosure(Path(args.file), use_cache=not args.no_cache, reader=args.reader)


def cmd_export(args: argparse.Namespace) -> int:
    from core.export import export
    from core.rules.reconcile import reconcile

    disclosure = _load(args)
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
    print(_("已写入 {out}").format(out=out), file=sys.stderr)
    return EXIT_OK


def _money(value: object) -> str:
    return "**" if value is None else f"{value:,.2f}"


def format_report(disclosure, result) -> str:  # type: ignore[no-untyped-def]
    from core.labels import location_label, severity_label, table_title

    meta = disclosure.meta
    code = f" ({meta.department_code})" if meta.department_code else ""
    lines = [
        _("{department}{code} {year} · {source} · {pages} 页 · 单位 {unit}").format(
            department=meta.department or "?",
            code=code,
            year=meta.year or "",
            source=meta.source,
            pages=meta.pages,
            unit=meta.unit or "?",
        ),
    ]
    if disclosure.unreadable:  # a package read in part says so before any figure
        lines.append(lost_pages_line(disclosure))
    counts = result.counts
    tested = int(counts["tested"].sum()) if counts.height else 0
    passed = int(counts["passed"].sum()) if counts.height else 0
    info = int(counts["info"].sum()) if counts.height else 0
    warnings = int(counts["warnings"].sum()) if counts.height else 0
    errors = int(counts["errors"].sum()) if counts.height else 0
    parse = int(counts["parse"].sum()) if counts.height else 0
    lines.append(
        _(
            "核对恒等式：{tested}  成立：{passed}  舍入：{info}  无法核对：{warnings}  "
            "错误：{errors}  未读全：{parse}"
        ).format(
            tested=tested,
            passed=passed,
            info=info,
            warnings=warnings,
            errors=errors,
            parse=parse,
        )
    )
    lines.append(coverage_line(disclosure))
    kind = disclosure.package_kind()
    if kind != "full":
        lines.append(
            _("本文件只有情况说明，报表另册公开（不查缺表）")
            if kind == "narrative_only"
            else _("本文件只有报表，情况说明另册公开")
        )
    lines.append("")
    heads = [_("已核对"), _("成立"), _("舍入"), _("无法核对"), _("错误"), _("未读全")]
    titles = {t: table_title(t) if t else _("读取") for t in counts["table"]}
    width = max([26, *(_cells(t) + 2 for t in titles.values())])
    lines.append(_pad(_("表"), width) + "".join(_pad(h, 10, right=True) for h in heads))
    for row in counts.iter_rows(named=True):
        figures = ("tested", "passed", "info", "warnings", "errors", "parse")
        lines.append(
            _pad(titles[row["table"]], width)
            + "".join(_pad(str(row[f]), 10, right=True) for f in figures)
        )
    findings = result.findings
    if findings.height:
        findings = findings.with_columns(severity_rank()).sort("table", "rank", maintain_order=True)
    current = None
    for f in findings.iter_rows(named=True):
        if f["table"] != current:
            current = f["table"]
            lines.append("")
            title = table_title(current) if current else _("读取")
            lines.append(f"== {title}")
        pages = ",".join(str(p) for p in f["pages"])
        if disclosure.sources:  # a package merged from its files: each page names its file
            places = {f"{c['source']} p.{c['page']}" for c in f["contributors"] if c["source"]}
            pages = "; ".join(sorted(places)) or pages
        lines.append(
            _("  [{severity}] {location}：{message}").format(
                severity=severity_label(f["severity"]),
                location=location_label(f["location"], f["table"]),
                message=f["message"],
            )
        )
        detail = _(
            "      应为 {expected}  实为 {actual}  差 {difference}  容差 {tolerance}  页 {pages}"
        ).format(
            expected=_money(f["expected"]),
            actual=_money(f["actual"]),
            difference=_money(f["difference"]),
            tolerance=f["tolerance"],
            pages=pages,
        )
        if f["table"] == "words":  # the words quoted in the message: no figures to show
            detail = _("      页 {pages}").format(pages=pages)
        lines.append(detail)
    if raw := disclosure.raw_tables:
        lines.append("")
        lines.append(
            _("未识别的表（按原样保留）：{n} ").format(n=len(raw))
            + "、".join(
                _("{title}（第{page}页）").format(title=r.title or _("无标题"), page=r.pages[0])
                for r in raw
            )
        )
    return "\n".join(lines)


def coverage_line(disclosure) -> str:  # type: ignore[no-untyped-def]
    """How much of what the tables print was read: the reading's self-check in one line."""
    cov = [c for c in disclosure.coverage.values() if c.printed]
    printed = sum(c.printed for c in cov)
    placed = sum(c.placed for c in cov)
    incomplete = [c.table for c in cov if not c.complete]
    from core.labels import table_title

    share = f"{100 * placed / printed:.1f} %" if printed else "—"
    line = _(
        "读取：印出的 {printed} 个数字读入 {placed} 个（{share}）；{complete}/{tables} 张表读全"
    ).format(
        placed=placed,
        printed=printed,
        share=share,
        complete=len(cov) - len(incomplete),
        tables=len(cov),
    )
    if incomplete:
        line += _("（未读全：{tables}）").format(tables="、".join(map(table_title, incomplete)))
    if disclosure.unreadable:
        line += _("；无法读取的页：{pages}").format(
            pages=", ".join(map(str, sorted(disclosure.unreadable)))
        )
    return line


def lost_pages_line(disclosure) -> str:  # type: ignore[no-untyped-def]
    """A package read in part says so first: how many pages were lost, and which."""
    from core.labels import partial_reading

    return partial_reading(disclosure.meta.pages, sorted(disclosure.unreadable))


def _cells(text: str) -> int:
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    """Pad by display cells (a CJK character takes two), so the columns line up."""
    space = " " * max(0, width - _cells(text))
    return space + text if right else text + space


def _name_unreadable(disclosure) -> None:  # type: ignore[no-untyped-def]
    """Each page that could not be read, named once on stderr with its reason."""
    from core.labels import page_failure

    for page, why in sorted(disclosure.unreadable.items()):
        print(f"budget-tui: {disclosure.meta.source}: {page_failure(page, why)}", file=sys.stderr)


def severity_rank():  # type: ignore[no-untyped-def]
    import polars as pl

    return (
        pl.col("severity")
        .replace_strict({"error": 0, "parse": 1, "warning": 2, "info": 3}, return_dtype=pl.Int8)
        .alias("rank")
    )


def cmd_check(args: argparse.Namespace) -> int:
    from core.export import findings_records, json_value
    from core.rules.reconcile import reconcile

    if args.more:  # the parts of one package, published as several files
        from core.packages.grouping import open_files

        opened = open_files(
            _check_files([Path(args.file), *map(Path, args.more)]), not args.no_cache
        )
        if len(opened.packages) != 1:
            return _fail(_("这些文件不是同一套公开的各部分；比较请用 budget-tui compare"))
        disclosure = opened.packages[0]
    else:
        disclosure = _load(args)
    result = reconcile(disclosure)
    if args.json:  # the findings name each lost page; stderr says the package is partial
        records = findings_records(result.findings)
        print(json_value(records))
        if disclosure.unreadable:
            print(f"budget-tui: {lost_pages_line(disclosure)}", file=sys.stderr)
    else:  # the report names each lost page, once, among its findings
        print(format_report(disclosure, result))
    if disclosure.unreadable:
        return EXIT_PAGES_LOST
    return EXIT_FINDINGS if result.errors else EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    from core.cache.index import cached_meta
    from core.reading.page_reader import page_count
    from core.reading.pages import check_file

    path = Path(args.file)
    if not args.more and _is_dataset(path):  # a folder holding files.parquet
        return open_dataset(path)
    if args.more or path.is_dir():
        return cmd_open_several([path, *map(Path, args.more)], not args.no_cache)
    check_file(path)
    cached = not args.no_cache and args.reader == DEFAULT_READER and cached_meta(path) is not None
    if not cached:  # encrypted / corrupt files fail here, before the screen changes
        page_count(path, args.reader)
    from tui.package.app import BudgetApp

    BudgetApp(path, use_cache=not args.no_cache, reader=args.reader).run()
    return EXIT_OK


def _check_files(paths: list[Path]) -> list[Path]:
    """Every PDF named (a folder: the PDFs in it), each checked before the screen changes."""
    from core.packages.grouping import pdfs_of
    from core.reading.page_reader import page_count
    from core.reading.pages import check_file

    files = pdfs_of(paths)
    for path in files:
        check_file(path)
        page_count(path)
    return files


def cmd_open_several(paths: list[Path], use_cache: bool) -> int:
    """Several files: the parts of one package open as one disclosure; other years or other
    departments open the compare view."""
    files = _check_files(paths)
    from tui.compare.compare_app import CompareApp
    from tui.package.app import BudgetApp

    merged = CompareApp(files, use_cache=use_cache).run()
    if merged is not None:  # the files were the parts of one package
        BudgetApp(Path(merged.meta.source), merged, use_cache=use_cache).run()
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from core.packages.compare import compare, export_comparison, year_over_year_findings
    from core.packages.grouping import open_files

    files = _check_files([Path(f) for f in args.files])
    opened = open_files(files, not args.no_cache)
    if len(opened.packages) < 2:
        return _fail("these files are one package: nothing to compare (open them, or export)")
    comparison = compare(opened)
    findings = year_over_year_findings(opened)
    out = Path(
        args.output
        or ("comparison" + (f".{args.format}" if args.format in ("json", "xlsx") else ""))
    )
    export_comparison(comparison, findings, args.format, out)
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


def _is_dataset(path: Path) -> bool:
    """A folder holding files.parquet is a scanned dataset; any other folder holds PDFs.
    (Asked before anything heavy is imported: core.dataset.store.is_dataset says the same.)"""
    return path.is_dir() and (path / "files.parquet").is_file()


def open_dataset(path: Path) -> int:
    from tui.dataset.dataset_app import DatasetApp

    DatasetApp(path).run()
    return EXIT_OK


def cmd_scan(args: argparse.Namespace) -> int:
    """Every PDF under the paths into one dataset (refused files are rows, not an exit code)."""
    from tui.dataset.scan_report import run_scan

    if args.workers is not None and args.workers < 1:
        return _fail("--workers must be 1 or more")
    run_scan(args.paths, Path(args.output), args.workers, args.dask)
    return EXIT_OK  # a finished scan; what each file holds is data in files.parquet


def cmd_cache(args: argparse.Namespace) -> int:
    from core.cache import store as cache

    if args.action == "clear":
        removed = cache.clear()
        print(_("已从 {folder} 删除 {n} 份缓存").format(n=removed, folder=cache.cache_dir()))
        return EXIT_OK
    entries = cache.entries()
    size = sum(e.bytes for e in entries)
    print(_("缓存目录  {folder}").format(folder=cache.cache_dir()))
    print(_("条目      {n}").format(n=len(entries)))
    print(
        _(
            "大小      {size:.1f} MiB / {cap:.0f} MiB"
            "（最久未打开的先清除；上限由 BUDGET_TUI_CACHE_MAX_MB 设定）"
        ).format(size=size / 2**20, cap=cache.cap_bytes() / 2**20)
    )
    return EXIT_OK


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("budget-tui")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _language_from(argv: list[str]) -> str | None:
    """``--lang`` is read before the parser is built, so its own help speaks the language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def build_parser(subcommand: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budget-tui",
        description=_("浏览部门预算公开 PDF。"),
        epilog=_(
            "命令：budget-tui FILE.pdf | budget-tui export FILE.pdf --format json -o OUT "
            "| budget-tui FILE.pdf MORE.pdf … | budget-tui DIR/ | budget-tui compare A.pdf B.pdf "
            "--format csv -o OUT | budget-tui scan DIR… -o DATASET [--workers N] [--dask ADDRESS] "
            "| budget-tui DATASET/ | budget-tui check FILE.pdf [--json] "
            "| budget-tui cache info|clear "
            "（各命令均接受 --no-cache 与 --lang zh|en）"
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"budget-tui {_version()}",
        help=_("显示版本号并退出"),
    )
    no_cache = {
        "action": "store_true",
        "help": _("重新解析 PDF：不读也不写缓存"),
    }
    lang = {
        "choices": LANGUAGES,
        "help": _("界面语言：zh（默认）或 en；未给出时取 BUDGET_TUI_LANG 或系统语言环境"),
    }
    reader = {
        "choices": READERS,
        "default": DEFAULT_READER,
        "help": _("页面读取方式：pdfium（默认，快）或 pdfplumber（参照读取；不入缓存）"),
    }
    if not subcommand:
        parser.add_argument("file", help=_("要在界面中打开的部门预算公开 PDF（或目录）"))
        parser.add_argument(
            "more",
            nargs="*",
            help=_("更多 PDF：同一套公开的各部分合为一份，其他年度或部门并排比较"),
        )
        parser.add_argument("--no-cache", **no_cache)  # type: ignore[arg-type]
        parser.add_argument("--reader", **reader)  # type: ignore[arg-type]
        parser.add_argument("--lang", **lang)  # type: ignore[arg-type]
        parser.set_defaults(func=cmd_open)
        return parser
    sub = parser.add_subparsers(dest="command", required=True)
    exp = sub.add_parser("export", help=_("写出解析出的表与核对结果"))
    exp.add_argument("file")
    exp.add_argument("--format", "-f", choices=("json", "csv", "parquet", "xlsx"), default="json")
    exp.add_argument("-o", "--output", help=_("输出文件（json、xlsx）或目录（csv、parquet）"))
    exp.add_argument("--no-cache", **no_cache)  # type: ignore[arg-type]
    exp.add_argument("--reader", **reader)  # type: ignore[arg-type]
    exp.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="zh",
        help=_("核对结果 message 的语言：zh（默认，不随语言环境变化）或 en"),
    )
    exp.set_defaults(func=cmd_export)
    chk = sub.add_parser("check", help=_("核对每个恒等式；有错误时退出码为 1，有页无法读取时为 3"))
    chk.add_argument("file")
    chk.add_argument("more", nargs="*", help=_("同一套公开的其他部分"))
    chk.add_argument("--json", action="store_true", help=_("以 JSON 输出核对结果"))
    chk.add_argument("--no-cache", **no_cache)  # type: ignore[arg-type]
    chk.add_argument("--reader", **reader)  # type: ignore[arg-type]
    chk.add_argument("--lang", **lang)  # type: ignore[arg-type]
    chk.set_defaults(func=cmd_check)
    cmp = sub.add_parser("compare", help=_("同一部门跨年度比较，或不同部门并排"))
    cmp.add_argument("files", nargs="+", help=_("PDF 文件或 PDF 所在目录"))
    cmp.add_argument("--format", "-f", choices=("json", "csv", "parquet", "xlsx"), default="json")
    cmp.add_argument("-o", "--output", help=_("输出文件（json、xlsx）或目录（csv、parquet）"))
    cmp.add_argument("--no-cache", **no_cache)  # type: ignore[arg-type]
    cmp.add_argument("--lang", **lang)  # type: ignore[arg-type]
    cmp.set_defaults(func=cmd_compare)
    cache = sub.add_parser("cache", help=_("查看或清空解析缓存"))
    cache.add_argument("action", choices=("info", "clear"))
    cache.add_argument("--lang", **lang)  # type: ignore[arg-type]
    cache.set_defaults(func=cmd_cache)
    scan = sub.add_parser("scan", help=_("把目录下的每个 PDF 读入一个数据集"))
    scan.add_argument("paths", nargs="+", help=_("PDF 文件或目录（递归查找）"))
    scan.add_argument("-o", "--output", required=True, help=_("数据集目录"))
    scan.add_argument("--workers", type=int, help=_("本机进程数（默认：CPU 数）"))
    scan.add_argument("--dask", metavar="ADDRESS", help=_("已有的 Dask 调度器地址（tcp://…）"))
    scan.add_argument("--lang", **lang)  # type: ignore[arg-type]
    scan.set_defaults(func=cmd_scan)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    subcommand = bool(argv) and argv[0] in SUBCOMMANDS
    # export's messages are Chinese unless asked: a data file does not change with the locale
    chosen = _language_from(argv)
    if chosen not in LANGUAGES:
        chosen = None  # argparse names the bad choice below
    set_language(chosen or ("zh" if subcommand and argv[0] == "export" else None))
    parser = build_parser(subcommand)
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
