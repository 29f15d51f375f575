"""The reading's own verdict: a page that could not be read, a table whose printed
numbers did not all reach its frame — and the breaks over such tables, which are the
reading's doubt rather than the document's error."""

from __future__ import annotations

from decimal import Decimal

from core.i18n import _
from core.labels import page_failure, table_title
from core.model import (
    Disclosure,
)
from core.rules.arithmetic import (
    ZERO,
    Result,
    Term,
)
from core.tables.coverage import PrintedNumber


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
                _("{why}；其余各页已读取").format(why=page_failure(page, why)),
                [("page", Term("", f"p.{page}", "", None, False, page))],
            )
        )
    for table, cov in d.coverage.items():
        if cov.complete:
            continue
        shown = "、".join(f"{n.text} {_where(n)}" for n in cov.unplaced[:12])
        more = (
            _(" 等（另有 {n} 个）").format(n=len(cov.unplaced) - 12)
            if len(cov.unplaced) > 12
            else ""
        )
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
                _("{table}未读全：印出的 {printed} 个数字中 {n} 个未读入：{shown}{more}").format(
                    table=table_title(table),
                    printed=cov.printed,
                    n=len(cov.unplaced),
                    shown=shown,
                    more=more,
                ),
                [("unplaced", Term(table, n.text, "", None, False, n.page)) for n in cov.unplaced],
            )
        )
    return results


def _where(n: PrintedNumber) -> str:
    if n.x is None or n.y is None:
        return _("第{page}页").format(page=n.page)
    return _("第{page}页 ({x:.0f}, {y:.0f})").format(page=n.page, x=n.x, y=n.y)


def not_vouched_for(results: list[Result], incomplete: set[str]) -> list[Result]:
    """A break over a table read incompletely is the reading's doubt, not the document's
    error: it is reported as ``unread``."""
    for r in results:
        tables = sorted({term.table for _, term in r.terms} & incomplete)
        if r.status == "broken" and tables:
            names = "、".join(table_title(t) for t in tables)
            r.status = "unread"
            r.message = _("未核对，{tables}未读全：{message}").format(
                tables=names, message=r.message
            )
    return results
