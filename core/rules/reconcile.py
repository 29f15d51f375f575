"""Do the numbers add up? Every identity of docs/disclosure-format.md, checked exactly.

The rules live in ``core.rules``, one module per family (functional tables, the summaries,
"三公", the narrative, projects, procurement, assets, and the reading's own self-check); the
catalogue of rules, with the scope and the source of each one's tolerance, is
``core.rules.catalogue``. This module runs them all and shapes the results into frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import polars as pl

from core.model import ECONOMIC_TABLES, EXTRA_FUNCTIONAL_TABLES, FUNCTIONAL_TABLES, Disclosure
from core.rules.arithmetic import PRECISION, STATUS_ORDER, Result, Term, check_sum
from core.rules.assets import reconcile_fixed_assets, reconcile_income_sources
from core.rules.claims import reconcile_claims
from core.rules.execution import reconcile_execution
from core.rules.functional import reconcile_hierarchy, reconcile_rows
from core.rules.narrative import reconcile_narrative
from core.rules.procurement import reconcile_procurement
from core.rules.projects import reconcile_projects
from core.rules.proof import PROOF_SCHEMA, doubted_readings, misaligned_columns, table_proofs
from core.rules.reading import not_vouched_for, reconcile_reading
from core.rules.summary import reconcile_cross_tables, reconcile_fiscal_summary, reconcile_summary
from core.rules.three_public import reconcile_three_public
from core.rules.words import reconcile_words

__all__ = ["Reconciliation", "Term", "check_sum", "reconcile", "reconcile_hierarchy"]


def run_rules(d: Disclosure) -> list[Result]:
    results: list[Result] = reconcile_reading(d)
    for table in FUNCTIONAL_TABLES + EXTRA_FUNCTIONAL_TABLES + ECONOMIC_TABLES:
        frame = d.table(table)
        printed = d.printed_columns.get(table)
        own = reconcile_hierarchy(table, frame) + reconcile_rows(table, frame, printed)
        results += misaligned_columns(table, frame, printed, own)
    results += reconcile_income_sources(d)
    results += reconcile_summary(d)
    results += reconcile_fiscal_summary(d)
    results += reconcile_cross_tables(d)
    results += reconcile_three_public(d)
    results += reconcile_narrative(d)
    results += reconcile_claims(d)
    results += reconcile_execution(d)
    results += reconcile_projects(d)
    results += reconcile_procurement(d)
    results += reconcile_fixed_assets(d)
    results += reconcile_words(d)
    return results


def with_sources(results: list[Result], d: Disclosure) -> list[Result]:
    """In a package merged from its files, each figure names the file it is printed in."""
    if not d.sources:
        return results
    for r in results:
        r.terms = [
            (role, term if term.source else replace(term, source=d.sources.get(term.table)))
            for role, term in r.terms
        ]
    return results


TERM_STRUCT = pl.Struct(
    {
        "role": pl.String(),
        "table": pl.String(),
        "key": pl.String(),
        "column": pl.String(),
        "value": pl.Decimal(20, 2),
        "classified": pl.Boolean(),
        "missing": pl.Boolean(),
        "page": pl.Int64(),
        "source": pl.String(),
    }
)


RESULT_SCHEMA: dict[str, pl.DataType] = {
    "rule": pl.String(),
    "severity": pl.String(),
    "status": pl.String(),
    "table": pl.String(),
    "location": pl.String(),
    "expected": pl.Decimal(20, 2),
    "actual": pl.Decimal(20, 2),
    "difference": pl.Decimal(20, 2),
    "tolerance": pl.Decimal(20, 3),
    "message": pl.String(),
    "pages": pl.List(pl.Int64()),
    "contributors": pl.List(TERM_STRUCT),
}


def _record(r: Result) -> dict[str, Any]:
    pages = sorted({term.page for _, term in r.terms if term.page is not None})
    return {
        "rule": r.rule,
        "severity": r.severity,
        "status": r.status,
        "table": r.table,
        "location": r.location,
        "expected": r.expected,
        "actual": r.actual,
        "difference": r.difference,
        "tolerance": r.tolerance,
        "message": r.message,
        "pages": pages,
        "contributors": [
            {
                "role": role,
                "table": term.table,
                "key": term.key,
                "column": term.column,
                "value": term.value,
                "classified": term.classified,
                "missing": term.value is None and not term.classified,
                "page": term.page,
                "source": term.source,
            }
            for role, term in r.terms
        ],
    }


@dataclass
class Reconciliation:
    identities: pl.DataFrame  # every identity tested, with its status
    findings: pl.DataFrame  # those that are not exact: info, warning, error
    cell_status: pl.DataFrame  # table, key, column -> worst status of its identities
    counts: pl.DataFrame  # per table: tested, passed, info, warnings, errors
    # per table: whether its reading is vouched for, and why not (core.rules.proof)
    proofs: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=PROOF_SCHEMA))

    @property
    def errors(self) -> int:
        return int((self.findings["severity"] == "error").sum())


def reconcile(d: Disclosure) -> Reconciliation:
    token = PRECISION.set(d.precision)
    try:
        results = not_vouched_for(run_rules(d), d.incomplete_tables())
        results = with_sources(doubted_readings(results), d)
    finally:
        PRECISION.reset(token)
    identities = pl.DataFrame([_record(r) for r in results], schema=RESULT_SCHEMA)
    findings = identities.filter(pl.col("status") != "ok")
    cells = (
        (
            identities.select("status", "contributors")
            .explode("contributors")
            .unnest("contributors")
            .with_columns(
                # A bounded identity (a ** somewhere) puts the classified figures and its
                # total in question, not the printed parts beside them.
                pl.when(
                    pl.col("status").is_in(["classified", "unverifiable"])
                    & (pl.col("role") == "part")
                    & ~pl.col("classified")
                )
                .then(pl.lit("ok"))
                .otherwise(pl.col("status"))
                .replace_strict(STATUS_ORDER, return_dtype=pl.Int8)
                .alias("rank")
            )
            .group_by("table", "key", "column")
            .agg(pl.col("rank").max())
            .with_columns(
                pl.col("rank")
                .replace_strict({v: k for k, v in STATUS_ORDER.items()}, return_dtype=pl.String)
                .alias("status")
            )
            .drop("rank")
            .sort("table", "key", "column")
        )
        if identities.height
        else pl.DataFrame(
            schema={"table": pl.String, "key": pl.String, "column": pl.String, "status": pl.String}
        )
    )
    counts = (
        identities.group_by("table")
        .agg(
            pl.len().alias("tested"),
            (pl.col("status") == "ok").sum().alias("passed"),
            (pl.col("severity") == "info").sum().alias("info"),
            (pl.col("severity") == "warning").sum().alias("warnings"),
            (pl.col("severity") == "error").sum().alias("errors"),
            (pl.col("severity") == "parse").sum().alias("parse"),
        )
        .sort("table")
    )
    coverage = {t: (c.printed, c.placed) for t, c in d.coverage.items() if c.printed}
    return Reconciliation(identities, findings, cells, counts, table_proofs(coverage, identities))
