"""Proof before blame: a break is the document's error only when its reading is vouched for.

A table read completely (core.rules.reading) can still be misread: a column mapped to the wrong
role, a heading row taken for a line, two blocks added as one. Such misreadings leave patterns
that a document's own errors do not, and a break that shows one is the reading's doubt
(``unread``, severity ``parse``), named with the pattern, never ``error``:

- every part of the identity reads blank or zero while its total does not (the parts' column
  was not read, or the line is not in the other table under the name read);
- the difference equals a figure of the identity itself (a line counted twice, as a heading
  row 一、本年支出 added to the lines under it, or a total read in the place of a subtotal);
- the same difference on three or more breaks of one table and rule (a shifted column);
- most identities of the table fail (the table's own arithmetic does not confirm its reading);
- a column read one row off: the table's identities hold when that column is read one row up
  or down (``misaligned_columns`` builds both candidate readings and lets the table's own
  arithmetic choose).

A document's error — one figure edited, a subtotal that leaves out a line's cents — shows none
of these, so it stays an ``error``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import polars as pl

from core.i18n import _
from core.labels import column_label, table_title
from core.rules.arithmetic import ZERO, Result, money_text
from core.rules.functional import reconcile_hierarchy, reconcile_rows

# the reading's own findings and the identities of words, not of a table's arithmetic
_NOT_ARITHMETIC = {"reading_complete"}


def _arithmetic(rule: str) -> bool:
    """The identities of a table's arithmetic: not the reading's own self-check, not the
    checks of the words (a placeholder, a doubled 。。 prove nothing of a reading)."""
    return rule not in _NOT_ARITHMETIC and not rule.startswith("words_")


SAME_DIFFERENCE_AT = 3  # this many breaks of one difference in one table: a shifted column
MOSTLY_BROKEN_AT = 3  # at least this many breaks, and more breaks than holds


MISALIGNED_AT = 3  # breaks through one column before a one-row shift of it is tried


def _breaks(results: list[Result]) -> int:
    return sum(r.status == "broken" for r in results)


def misaligned_columns(
    table: str, frame: pl.DataFrame, printed: list[str] | None, results: list[Result]
) -> list[Result]:
    """A column read one row off (a wrapped name that pushed its figures down, a row dropped
    in one column) breaks an identity on nearly every row it touches. Read the column one row
    up and one row down: where the table's own identities then hold (at most one break left,
    against at least ``MISALIGNED_AT`` before), the breaks through that column are the
    reading's, not the document's."""
    through: Counter[str] = Counter(
        t.column for r in results if r.status == "broken" for _, t in r.terms if t.table == table
    )
    for column, n in through.most_common():
        if n < MISALIGNED_AT or column not in frame.columns:
            continue
        if not isinstance(frame.schema[column], pl.Decimal):
            continue
        for offset in (-1, 1):
            candidate = frame.with_columns(pl.col(column).shift(offset))
            again = reconcile_hierarchy(table, candidate) + reconcile_rows(
                table, candidate, printed
            )
            if _breaks(again) <= 1 < n:
                why = _("「{column}」列错一行读时本表恒等式成立，像是该列读错了行").format(
                    column=column_label(column, table)
                )
                for r in results:
                    if r.status == "broken" and any(t.column == column for _, t in r.terms):
                        _doubt(r, why)
                        r.doubted_column = (table, column)
                return results
    return results


def _doubt(r: Result, why: str) -> None:
    r.status = "unread"
    r.message = _("未核对，读取存疑（{why}）：{message}").format(why=why, message=r.message)


def _figures(r: Result) -> list[Decimal]:
    return [t.value for _, t in r.terms if t.value is not None and not t.classified]


def _parts_blank(r: Result) -> bool:
    totals = [t for role, t in r.terms if role == "total"]
    parts = [t for role, t in r.terms if role == "part"]
    if not parts or not totals or any(t.classified for t in parts):
        return False
    blank = all(t.value is None or t.value == ZERO for t in parts)
    return blank and any(t.value not in (None, ZERO) for t in totals)


def _difference_is_a_figure(r: Result) -> Decimal | None:
    if r.difference is None or r.difference == ZERO or len(r.terms) < 3:
        return None
    gap = abs(r.difference)
    for value in _figures(r):
        if value != ZERO and abs(abs(value) - gap) <= r.tolerance:
            return value
    return None


def doubted_readings(results: list[Result]) -> list[Result]:
    """Each break that shows a pattern of misreading becomes ``unread``, its message saying
    which pattern; the others stay the document's errors."""
    broken = [r for r in results if r.status == "broken" and _arithmetic(r.rule)]
    same: Counter[tuple[str, str, Decimal]] = Counter(
        (r.table, r.rule, r.difference) for r in broken if r.difference
    )
    held: defaultdict[str, int] = defaultdict(int)
    failed: defaultdict[str, int] = defaultdict(int)
    for r in results:
        if not _arithmetic(r.rule):
            continue
        if r.status in ("ok", "rounding"):
            held[r.table] += 1
        elif r.status == "broken":
            failed[r.table] += 1
    for r in broken:
        why: str | None = None
        figure = _difference_is_a_figure(r)
        if _parts_blank(r):
            why = _("各分项读入为空或零，合计却不为零")
        elif figure is not None:
            why = _("差额等于同式中的 {figure}，像是重计或漏计了一行").format(
                figure=money_text(figure)
            )
        elif r.difference and same[(r.table, r.rule, r.difference)] >= SAME_DIFFERENCE_AT:
            why = _("同表 {n} 处差额同为 {difference}，像是列读错了位").format(
                n=same[(r.table, r.rule, r.difference)], difference=money_text(r.difference)
            )
        elif failed[r.table] >= MOSTLY_BROKEN_AT and failed[r.table] > held[r.table]:
            why = _("{table} {failed} 个恒等式不成立，仅 {held} 个成立，读取未获本表印证").format(
                table=table_title(r.table), failed=failed[r.table], held=held[r.table]
            )
        if why:
            _doubt(r, why)
    # a column shown misread in its own table is not vouched for in any identity it enters
    misread = {r.doubted_column: r for r in results if r.doubted_column}
    for r in broken:
        if r.status != "broken":
            continue
        for _role, t in r.terms:
            if (t.table, t.column) in misread:
                _doubt(
                    r,
                    _("{table}「{column}」列读错了行").format(
                        table=table_title(t.table), column=column_label(t.column, t.table)
                    ),
                )
                break
    return results


PROOF_SCHEMA: dict[str, pl.DataType] = {
    "table": pl.String(),
    "vouched": pl.Boolean(),
    "held": pl.Int64(),
    "doubted": pl.Int64(),
    "why": pl.String(),
}


def table_proofs(d_coverage: dict[str, tuple[int, int]], identities: pl.DataFrame) -> pl.DataFrame:
    """Per table read: whether its reading is vouched for — read complete, no break of it in
    doubt, and confirmed by at least one of its own identities — and if not, why, in the
    reader's words. ``d_coverage``: table -> (numbers printed, numbers read)."""
    by_table = (
        identities.filter(
            ~pl.col("rule").is_in(list(_NOT_ARITHMETIC)) & ~pl.col("rule").str.starts_with("words_")
        )
        .group_by("table")
        .agg(
            pl.col("status").is_in(["ok", "rounding"]).sum().alias("held"),
            (pl.col("status") == "unread").sum().alias("doubted"),
        )
    )
    counts = {r["table"]: (r["held"], r["doubted"]) for r in by_table.to_dicts()}
    rows = []
    for table in sorted(set(d_coverage) | set(counts)):
        printed, placed = d_coverage.get(table, (0, 0))
        held, doubted = counts.get(table, (0, 0))
        whys = []
        if placed < printed:
            whys.append(
                _("印出的 {printed} 个数字中 {unread} 个未读入").format(
                    printed=printed, unread=printed - placed
                )
            )
        if doubted:
            whys.append(_("{n} 处读取存疑").format(n=doubted))
        if not held:
            whys.append(_("无本表恒等式印证"))
        rows.append(
            {
                "table": table,
                "vouched": not whys,
                "held": held,
                "doubted": doubted,
                "why": "；".join(whys),
            }
        )
    return pl.DataFrame(rows, schema=PROOF_SCHEMA)
