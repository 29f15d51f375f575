"""The reading's own verdict: a page that could not be read, a table whose printed
numbers did not all reach its frame — and the breaks over such tables, which are the
reading's doubt rather than the document's error."""

from __future__ import annotations

from decimal import Decimal

from ..model import (
    TABLE_TITLES_ZH,
    Disclosure,
)
from .arithmetic import (
    ZERO,
    Result,
    Term,
)


def reconcile_reading(d: Disclosure) -> list[Result]:
    """The reading's own self-check: a page that could not be read, and each table that
    prints numbers its frame does not hold, listed with their page and position."""
    results: list[Result] = []
    for page, why in sorted(d.unreadable.items()):
        results.append(
            Result(
                "reading_complete",
                "",
                f"p.{page}",
                "unread",
                None,
                None,
                None,
                ZERO,
                f"{why}; the other pages were read",
                [("page", Term("", f"p.{page}", "", None, False, page))],
            )
        )
    for table, cov in d.coverage.items():
        if cov.complete:
            continue
        shown = ", ".join(f"{n.text} {n.where()}" for n in cov.unplaced[:12])
        more = f" and {len(cov.unplaced) - 12} more" if len(cov.unplaced) > 12 else ""
        results.append(
            Result(
                "reading_complete",
                table,
                "reading",
                "unread",
                Decimal(cov.printed),
                Decimal(cov.placed),
                Decimal(len(cov.unplaced)),
                ZERO,
                f"{TABLE_TITLES_ZH.get(table, table)} read incompletely: "
                f"{len(cov.unplaced)} of {cov.printed} printed numbers not placed: {shown}{more}",
                [("unplaced", Term(table, n.text, "", None, False, n.page)) for n in cov.unplaced],
            )
        )
    return results


def not_vouched_for(results: list[Result], incomplete: set[str]) -> list[Result]:
    """A break over a table read incompletely is the reading's doubt, not the document's
    error: it is reported as ``unread``."""
    for r in results:
        tables = sorted({term.table for _, term in r.terms} & incomplete)
        if r.status == "broken" and tables:
            names = "、".join(TABLE_TITLES_ZH.get(t, t) for t in tables)
            r.status = "unread"
            r.message = f"not checked, {names} read incompletely: {r.message}"
    return results
