"""Several files at once: which files are parts of one package, and which are other years or
other departments.

A file says who published it and for which year (core.tables.meta); the file's name says nothing we
trust. Files of one department and one year are the parts of one package — Beijing publishes
its 说明 (附件1) and its 报表 (附件2) as two PDFs — and merge into one :class:`Disclosure`:
the tables from the part that prints them, the prose from the part that writes it. Every
table of a merged disclosure remembers its file (``Disclosure.sources``), so a finding names
the file as well as the page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from core.errors import BudgetInputError
from core.model import Disclosure, Meta
from core.tables.narrative import attach_codes

PROSE = "prose"  # the key of Disclosure.sources for the 说明's pages
NARRATIVE_TABLES = ("narrative_figures", "narrative_items")

# Words a title adds around a department's name: 2026年 / 2026年度 / 部门预算 / 单位预算 / 公开
_DECORATION = re.compile(r"(?:19|20)\d{2}年度?|(?:部门|单位)?预算(?:公开)?|部门|公开|\s")
# the long and the short form of one name, as both are printed (中国共产党… / 中共…委…)
_SHORT_FORMS = (("中国共产党", "中共"), ("委员会", "委"))


def department_key(name: str | None) -> str | None:
    """A department's name without what titles add around it, in its short form:
    "中国共产党江苏省委员会办公厅" and "中共江苏省委办公厅" are one department."""
    if not name:
        return None
    key = _DECORATION.sub("", name).replace("(", "（").replace(")", "）")
    for long, short in _SHORT_FORMS:
        key = key.replace(long, short)
    return key or None


@dataclass(frozen=True)
class PackageKey:
    department: str | None  # department_key of the name printed
    year: int | None


def package_key(d: Disclosure) -> PackageKey:
    return PackageKey(department_key(d.meta.department), d.meta.year)


def _has_tables(d: Disclosure) -> bool:
    return d.package_kind() != "narrative_only"


def _has_prose(d: Disclosure) -> bool:
    return d.package_kind() != "tables_only"


def merge_parts(tables_part: Disclosure, narrative_part: Disclosure) -> Disclosure:
    """One disclosure of a package published in two files: the tables of one, the 说明 of
    the other. The narrated 项 get their codes from the tables they now sit beside."""
    t, n = tables_part, narrative_part
    tables = {k: v for k, v in t.tables.items() if k not in NARRATIVE_TABLES}
    tables["narrative_figures"] = n.table("narrative_figures")
    items = n.tables.get("narrative_items")
    if items is not None and items.height:
        source = next(
            (s for s in ("gpb_expenditure", "fiscal_expenditure", "expenditure") if s in tables),
            None,
        )
        tables["narrative_items"] = attach_codes(items, tables[source]) if source else items
    precision = {k: v for k, v in t.precision.items() if not k.startswith("narrative_figures/")}
    precision.update({k: v for k, v in n.precision.items() if k.startswith("narrative_figures/")})
    sources = {table: t.meta.source for table in tables}
    sources.update({table: n.meta.source for table in NARRATIVE_TABLES if table in tables})
    sources[PROSE] = n.meta.source
    meta = Meta(
        source=f"{n.meta.source} + {t.meta.source}",
        sha256=hashlib.sha256((n.meta.sha256 + t.meta.sha256).encode()).hexdigest(),
        department_code=t.meta.department_code or n.meta.department_code,
        department=t.meta.department or n.meta.department,
        year=t.meta.year or n.meta.year,
        unit=t.meta.unit or n.meta.unit,
        pages=t.meta.pages + n.meta.pages,
        parser_version=t.meta.parser_version,
        table_units=dict(t.meta.table_units),
        kind=t.meta.kind,
    )
    return replace(
        t,
        meta=meta,
        tables=tables,
        prose=list(n.prose),
        precision=precision,
        # the tables' pages only: coverage and unreadable pages speak of the table part
        sources=sources,
    )


@dataclass
class Opened:
    """What a set of files comes to: packages (each a disclosure, merged where its parts were
    published apart), and how they relate."""

    packages: list[Disclosure]
    # "single" (one package), "years" (one department over several years), "departments"
    # (several departments of one year), "actuals" (a budget and the final accounts of its
    # department and year) or "mixed"
    kind: str


def group_files(disclosures: list[Disclosure]) -> Opened:
    """Group files by (department, year); parts of one package merge. A file whose department
    or year is not printed stays a package of its own."""
    groups: dict[PackageKey | int, list[Disclosure]] = {}
    for i, d in enumerate(disclosures):
        key = package_key(d)
        groups.setdefault(key if key.department and key.year else i, []).append(d)
    packages: list[Disclosure] = []
    for members in groups.values():
        tables = [d for d in members if _has_tables(d)]
        prose = [d for d in members if _has_prose(d) and not _has_tables(d)]
        if len(tables) == 1 and len(prose) == 1 and tables[0].package_kind() == "tables_only":
            packages.append(merge_parts(tables[0], prose[0]))
        else:
            # a whole package twice, or parts that do not pair: each stays as it is
            packages.extend(members)
    # a budget before the final accounts of its year (预算, then 决算)
    packages.sort(
        key=lambda d: (
            d.meta.year or 0,
            department_key(d.meta.department) or "",
            d.meta.kind == "final",
        )
    )
    keys = [package_key(d) for d in packages]
    if len(packages) == 1:
        kind = "single"
    elif (
        len(packages) == 2
        and len(set(keys)) == 1
        and keys[0].department
        and [d.meta.kind for d in packages] == ["budget", "final"]
    ):
        kind = "actuals"  # one department's budget and its final accounts of one year
    elif len({k.department for k in keys}) == 1 and len({k.year for k in keys}) == len(keys):
        kind = "years"
    elif len({k.year for k in keys}) == 1:
        kind = "departments"
    else:
        kind = "mixed"
    return Opened(packages, kind)


def place(d: Disclosure, table: str | None, page: int | None) -> str:
    """Where a figure is printed: "p.12", or "file.pdf p.12" in a merged disclosure."""
    where = f"p.{page}" if page is not None else "p.?"
    if d.sources and table is not None:
        source = d.sources.get(table, d.sources.get(PROSE) if table == PROSE else None)
        if source:
            return f"{source} {where}"
    return where


def pdfs_of(paths: list[Path]) -> list[Path]:
    """The files named, a folder standing for the PDFs in it (sorted by name, so the order
    is the same on every machine)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".pdf")
            if not found:
                raise BudgetInputError(f"{path}: no PDF in this folder")
            out.extend(found)
        else:
            out.append(path)
    return out


def open_files(
    paths: list[Path],
    use_cache: bool = True,
    on_file: Callable[[int, int, str], None] | None = None,
) -> Opened:
    """Open every file (from the parse cache where it can) and group them."""
    from core.cache.store import open_disclosure

    files = pdfs_of(paths)
    disclosures = []
    for i, path in enumerate(files):
        if on_file is not None:
            on_file(i + 1, len(files), path.name)
        disclosures.append(open_disclosure(path, use_cache=use_cache))
    return group_files(disclosures)
