"""From a PDF to a :class:`Disclosure`: read pages, recognise parts, parse each family."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from functools import partial
from pathlib import Path

import polars as pl

from core.labels import page_failure
from core.model import (
    ECONOMIC_TABLES,
    EXTRA_FUNCTIONAL_TABLES,
    FUNCTIONAL_TABLES,
    OPTIONAL_TABLES,
    TABLE_COLUMNS,
    TABLE_TITLES_ZH,
    BudgetInputError,
    Disclosure,
    Meta,
    ProsePage,
    RawTable,
    empty_table,
)
from core.reading.page_reader import read_pages
from core.reading.pages import PageContent
from core.reading.pages import sha256_of as sha256_of
from core.reading.readers import DEFAULT_READER
from core.tables.coverage import TableCoverage, decimals_printed, unplaced
from core.tables.fixed_assets import parse_fixed_assets
from core.tables.functional import parse_functional, printed_fields
from core.tables.income_sources import parse_income_sources
from core.tables.meta import meta_from_pages, package_kind
from core.tables.narrative import (
    attach_codes,
    narrative_figures,
    narrative_items,
    parse_organizations,
)
from core.tables.procurement import parse_procurement
from core.tables.projects import parse_project_table, parse_projects
from core.tables.recognition import PROJECT_CARD, PROJECT_TABLE, Part, assemble, match_title
from core.tables.side_by_side import parse_side_by_side
from core.tables.three_public import parse_three_public

Progress = Callable[[int, int, str], None]


def _functional(part: Part, table_id: str) -> pl.DataFrame:
    return parse_functional(part, table_id)


def build_disclosure(
    path: Path, pages: list[PageContent], total_pages: int, sha256: str | None = None
) -> Disclosure:
    parts = assemble(pages)
    tables: dict[str, pl.DataFrame] = {}
    notes: dict[str, str] = {}
    raw: list[RawTable] = []
    part_pages: dict[str, list[int]] = {}
    cards: list[Part] = []
    coded = (*FUNCTIONAL_TABLES, *EXTRA_FUNCTIONAL_TABLES, *ECONOMIC_TABLES)
    printed: dict[str, list[str]] = {}
    table_units: dict[str, str] = {}
    coverage: dict[str, TableCoverage] = {}
    precision: dict[str, int] = {}
    titles: dict[str, str] = {}
    parsers: dict[str, Callable[[Part], pl.DataFrame]] = {
        **{tid: partial(_functional, table_id=tid) for tid in coded},
        "income_sources": parse_income_sources,
        "summary": lambda p: parse_side_by_side(p, "summary"),
        "fiscal_summary": lambda p: parse_side_by_side(p, "fiscal_summary"),
        "three_public": parse_three_public,
        "procurement": parse_procurement,
        "fixed_assets": parse_fixed_assets,
        "organizations": parse_organizations,
    }
    listed: list[Part] = []  # projects listed in tables
    for part in parts:
        if part.family == PROJECT_CARD:
            cards.append(part)
            part_pages.setdefault("projects", []).extend(part.pages)
            continue
        if part.family == PROJECT_TABLE:
            listed.append(part)
            part_pages.setdefault("projects", []).extend(part.pages)
            continue
        if part.family is None or part.family not in parsers or part.family in tables:
            raw.append(RawTable(part.title, part.pages, part.raw_rows()))
            continue
        frame = parsers[part.family](part)
        tables[part.family] = frame
        part_pages[part.family] = part.pages
        if part.title:
            titles[part.family] = part.title
        coverage[part.family] = TableCoverage(
            part.family, part.pages, len(part.numbers), unplaced(part.numbers, [frame])
        )
        places = decimals_printed(part.numbers)
        if places is not None:
            precision[part.family] = places
        if part.family in coded:
            printed[part.family] = printed_fields(part, part.family)
        if part.unit:
            table_units[part.family] = part.unit
        if part.note:
            notes[part.family] = part.note
    if cards or listed:
        frames = [parse_projects(cards)] if cards else []
        frames += [parse_project_table(part) for part in listed]
        projects = pl.concat([f[0] for f in frames], how="diagonal_relaxed")
        indicators = pl.concat([f[1] for f in frames], how="diagonal_relaxed")
        if cards and projects.height:
            projects = projects.filter(
                pl.col("project_code").is_not_null() | pl.col("name").is_not_null()
            )
        tables["projects"] = projects
        tables["project_indicators"] = indicators
        numbers = [n for part in (*cards, *listed) for n in part.numbers]
        coverage["projects"] = TableCoverage(
            "projects",
            sorted({p for part in (*cards, *listed) for p in part.pages}),
            len(numbers),
            unplaced(numbers, [projects, indicators]),
        )
    prose = [ProsePage(p.page, p.prose) for p in pages if p.prose.strip()]
    kind = package_kind(pages)
    tables["narrative_figures"], decimals = narrative_figures(prose, final=kind == "final")
    precision.update({f"narrative_figures/{key}": places for key, places in decimals.items()})
    items = narrative_items(prose)
    if items.height:
        source = next(
            (t for t in ("gpb_expenditure", "fiscal_expenditure", "expenditure") if t in tables),
            None,
        )
        tables["narrative_items"] = attach_codes(items, tables[source]) if source else items
    for table_id in TABLE_COLUMNS:
        if table_id not in OPTIONAL_TABLES:
            tables.setdefault(table_id, empty_table(table_id))
    recognised = [p for p in parts if p.family is not None]
    if not recognised and not _is_budget_narrative(tables):
        raise BudgetInputError(
            f"{path.name}: no budget table found; is this a 部门预算 disclosure?"
        )
    code, name, year, unit = meta_from_pages(pages)
    if unit is None and table_units:
        unit = max(table_units.values(), key=list(table_units.values()).count)
    elif unit is None and tables["narrative_figures"].height:
        unit = "万元"  # a narrative-only package: the prose quotes 万元
    # a table in the document's own unit needs no entry
    table_units = {t: u for t, u in table_units.items() if u != unit}
    meta = Meta(
        path.name,
        sha256 or sha256_of(path),
        code,
        name,
        year,
        unit,
        total_pages,
        table_units=table_units,
        kind=kind,
    )
    unreadable = {p.page: p.error for p in pages if p.error}
    return Disclosure(
        meta,
        tables,
        raw,
        notes,
        prose,
        part_pages,
        printed,
        coverage=coverage,
        unreadable=unreadable,
        precision=precision,
        titles=titles,
    )


def _is_budget_narrative(tables: dict[str, pl.DataFrame]) -> bool:
    """A package published without its tables (its 情况说明 only) still opens, when its prose
    quotes the budget's totals."""
    figures = tables["narrative_figures"]
    return figures.height >= 3 and "expenditure_total" in figures["key"].to_list()


def _stage(content: PageContent) -> str:
    """What the page holds, for a progress line: the table it starts, else 说明 or 续表."""
    for fragment in content.fragments:
        titled = match_title(fragment.text_above)
        if titled:
            return TABLE_TITLES_ZH.get(titled[0], titled[0])
        if fragment.rows and "项目编码" in " ".join(c or "" for c in fragment.rows[0]):
            return "项目绩效目标表"
    return "续表" if content.fragments else "说明"


def parse_pdf(
    path: str | Path,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    on_partial: Callable[[Disclosure], None] | None = None,
    sha256: str | None = None,
    reader: str = DEFAULT_READER,
) -> Disclosure:
    """Parse the disclosure at ``path``. Raises :class:`BudgetInputError` for bad input.

    ``workers`` processes read the ruled pages (default: the CPU count, at most 4; 1 reads
    in this process); the result does not depend on it. ``on_partial`` receives the
    disclosure as parsed so far, once a third and two thirds of the pages are read, so an
    app can show the first tables while the rest is read. ``sha256``, when the caller has
    hashed the file already, is not computed again. ``reader`` names the page reader
    (:mod:`core.reading.readers`: PDFium by default, pdfplumber as the reference).
    """
    path = Path(path)
    pages: list[PageContent] = []
    marks: list[int] = []
    try:
        for content in read_pages(path, workers=workers, reader=reader):
            pages.append(content)
            if len(pages) % FREEZE_EVERY == 0:
                # The pages read so far live until the end: keep the cyclic GC from scanning
                # them again and again (without this, per-page time grows with the document:
                # 87 s instead of 57 s for 218 dense pages).
                gc.freeze()
            if not marks and content.total >= 9:
                marks = [content.total // 3, 2 * content.total // 3]
            if progress:
                progress(content.page, content.total, _stage(content))
            if on_partial and len(pages) in marks:
                sha256 = sha256 or sha256_of(path)
                with contextlib.suppress(BudgetInputError):  # no table read yet
                    on_partial(build_disclosure(path, pages, content.total, sha256))
    finally:
        gc.unfreeze()
    if pages and all(p.error for p in pages):
        first = page_failure(pages[0].page, pages[0].error or "")
        raise BudgetInputError(f"{path.name}: no page can be read ({first})")
    if not any(p.prose.strip() or p.fragments for p in pages):
        raise BudgetInputError(
            f"{path.name}: the PDF has no text layer (a scan?); run OCR on it first"
        )
    return build_disclosure(path, pages, pages[0].total if pages else 0, sha256)


FREEZE_EVERY = 16
