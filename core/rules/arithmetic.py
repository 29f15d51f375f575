"""The arithmetic every rule shares: a figure (:class:`Term`), an identity's outcome
(:class:`Result`), and :func:`check_sum`, which decides it.

Tolerance follows XBRL Calculations 1.1 (round-to-nearest): a figure printed with d decimals
stands for v ± ½·10⁻ᵈ, so a total and its printed addends agree when the difference is at most
the sum of their half-widths — (n + 1) × 0.005 for n addends printed to the cent, (n + 1) × 0.5
for a whole-yuan table. Empty cells are exact zeros and add no tolerance. A classified ``**``
figure is the interval [0, +∞): a sum with one only fails when the known parts alone exceed the
total, and where it is the only unknown the identity recovers it exactly.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from core.i18n import _
from core.labels import column_label, key_label

HALF_CENT = Decimal("0.005")


ZERO = Decimal(0)


# "unread": an identity over a table the reading could not vouch for, or the self-check of
# such a table. Its severity, "parse", says the tool — not the document — is in question.
STATUS_ORDER = {
    "ok": 0,
    "rounding": 1,
    "classified": 2,
    "unverifiable": 3,
    "unread": 4,
    "broken": 5,
}


SEVERITY = {
    "rounding": "info",
    "classified": "info",
    "unverifiable": "warning",
    "unread": "parse",
    "broken": "error",
}


@dataclass(frozen=True)
class Term:
    """One figure of an identity, with where it comes from."""

    table: str
    key: str  # the row: a code, "合计", an item, a project code
    column: str
    value: Decimal | None
    classified: bool = False
    page: int | None = None
    # the file the figure is printed in, where several files take part (a package in two
    # files, two years); None: the disclosure's own file
    source: str | None = None

    @property
    def printed(self) -> bool:
        return self.value is not None

    @property
    def known(self) -> bool:
        return not self.classified


@dataclass
class Result:
    rule: str
    table: str
    location: str
    status: str
    expected: Decimal | None
    actual: Decimal | None
    difference: Decimal | None
    tolerance: Decimal
    message: str
    terms: list[tuple[str, Term]] = field(default_factory=list)  # (role, term)
    # a break put in doubt by a pattern of misreading (core.rules.proof): the column it
    # doubts, so that every other identity through that column is doubted with it
    doubted_column: tuple[str, str] | None = None

    @property
    def severity(self) -> str | None:
        return SEVERITY.get(self.status)


def money_text(v: Decimal | None) -> str:
    return "**" if v is None else f"{v:,.2f}"


def tolerance_for(n_figures: int) -> Decimal:
    return HALF_CENT * n_figures


# Decimals each table prints (Disclosure.precision), for the identities being checked. Set
# by ``reconcile`` around the rules so that every check_sum sees the document it checks.
PRECISION: ContextVar[dict[str, int] | None] = ContextVar("precision", default=None)


def half_width(term: Term) -> Decimal:
    """Half the last printed digit of a figure: 0.005 for 1,234.56, 0.5 for a whole-yuan
    1235 (frames hold cents, so a figure printed finer counts as cents)."""
    known = PRECISION.get() or {}
    places = known.get(f"{term.table}/{term.key}", known.get(term.table, 2))
    return Decimal(5).scaleb(-min(2, places) - 1)


def check_sum(
    rule: str,
    table: str,
    location: str,
    total: Term,
    parts: list[Term],
    what: str,
    inequality: bool = False,
    tolerance: Decimal | None = None,
) -> Result:
    """``total`` = Σ ``parts`` (or ≥ with ``inequality``).

    The tolerance is derived from how many printed figures take part, unless the caller
    knows better (a product of rounded figures carries more).
    """
    known = [p for p in parts if p.known]
    hidden = [p for p in parts if p.classified]
    known_sum = sum((p.value or ZERO for p in known), ZERO)
    figures = [total, *(p for p in known if p.printed)]
    tol = tolerance if tolerance is not None else sum((half_width(f) for f in figures), ZERO)
    terms = [("total", total)] + [("part", p) for p in parts]

    def unverifiable(why: str) -> Result:
        return Result(
            rule,
            table,
            location,
            "unverifiable",
            None,
            known_sum,
            None,
            tol,
            _("无法核对 {what}：{why}").format(what=what, why=why),
            terms,
        )

    if total.classified:
        if hidden:
            return unverifiable(
                _("合计与 {n} 个分项涉密（**），已知分项 {known}").format(
                    n=len(hidden), known=money_text(known_sum)
                )
            )
        return Result(
            rule,
            table,
            location,
            "classified",
            known_sum,
            None,
            None,
            tol,
            _("{what}：涉密的合计可推得为 {known}（遮蔽可被还原）").format(
                what=what, known=money_text(known_sum)
            ),
            terms,
        )
    total_value = total.value or ZERO
    if not total.printed and not inequality and known_sum != 0:
        # a blank total beside printed parts: the document leaves the figure out, which is
        # no arithmetic the tool can fail (an empty cell is not an error)
        return unverifiable(_("合计栏为空，分项之和 {known}").format(known=money_text(known_sum)))
    if hidden and not inequality:
        implied = total_value - known_sum
        if implied < -tol:
            return Result(
                rule,
                table,
                location,
                "broken",
                total_value,
                known_sum,
                total_value - known_sum,
                tol,
                _("{what}：已知分项 {known} 已超过合计 {total}").format(
                    what=broken_form(what),
                    known=money_text(known_sum),
                    total=money_text(total_value),
                ),
                terms,
            )
        if len(hidden) == 1:
            msg = _("{what}：涉密的 {key} 可推得为 {implied}（遮蔽可被还原）").format(
                what=what,
                key=f"{key_label(hidden[0].key)} {column_label(hidden[0].column)}",
                implied=money_text(implied),
            )
        else:
            msg = _("{what}：{n} 个涉密分项共 {implied}（= {total} − 可见的 {known}）").format(
                what=what,
                n=len(hidden),
                implied=money_text(implied),
                total=money_text(total_value),
                known=money_text(known_sum),
            )
        return Result(
            rule, table, location, "classified", total_value, known_sum, implied, tol, msg, terms
        )
    diff = total_value - known_sum
    if inequality:
        ok = diff >= -tol
        status = "ok" if diff >= 0 else ("rounding" if ok else "broken")
        if hidden and ok:
            status = "classified"
        return Result(
            rule,
            table,
            location,
            status,
            total_value,
            known_sum,
            diff,
            tol,
            _("{what}：{known}，上限 {total}").format(
                what=what if status != "broken" else broken_form(what),
                known=money_text(known_sum),
                total=money_text(total_value),
            ),
            terms,
        )
    if diff == 0:
        status = "ok"
    elif abs(diff) <= tol:
        status = "rounding"
    else:
        status = "broken"
    return Result(
        rule,
        table,
        location,
        status,
        total_value,
        known_sum,
        diff,
        tol,
        _identity_message(what, status, total_value, known_sum, diff, tol),
        terms,
    )


def broken_form(what: str) -> str:
    """An identity stated as it fails: 20805 合计 = 下级之和 → 20805 合计 ≠ 下级之和."""
    for holds, fails in ((" = ", " ≠ "), (" ≤ ", " > ")):
        if holds in what:
            return what.replace(holds, fails, 1)
    return what


def tolerance_text(tol: Decimal) -> str:
    return f"{tol.normalize():f}"


def _identity_message(
    what: str, status: str, total: Decimal, parts: Decimal, diff: Decimal, tol: Decimal
) -> str:
    figures = {
        "total": money_text(total),
        "parts": money_text(parts),
        "diff": money_text(diff),
        "tol": tolerance_text(tol),
    }
    if status == "ok":
        return _("{what}：{total} 对 {parts}").format(what=what, **figures)
    if status == "rounding":
        return _("{what}（舍入内）：{total} 对 {parts}，差 {diff}，容差 {tol}").format(
            what=what, **figures
        )
    return _("{what}：{total} 对 {parts}，差 {diff}，容差 {tol}").format(
        what=broken_form(what), **figures
    )


def check_equal(rule: str, table: str, location: str, a: Term, b: Term, what: str) -> Result:
    return check_sum(rule, table, location, a, [b], what)


def term_of(table: str, row: dict[str, Any], column: str, key: str) -> Term:
    return Term(
        table,
        key,
        column,
        row.get(column),
        column in (row.get("classified") or []),
        row.get("page"),
    )


# economic classes that make up 人员经费 (the rest of 基本支出 is 公用经费)
PERSONNEL_CLASSES = ("301", "303")


def sum_of(table: str, rows: list[dict[str, Any]], column: str) -> Term:
    """Several printed rows as one figure (e.g. 301 + 303 for 人员经费)."""
    values = [r.get(column) for r in rows]
    return Term(
        table,
        "+".join(r.get("code") or "" for r in rows),
        column,
        sum((v for v in values if v is not None), ZERO),
        any(column in (r.get("classified") or []) for r in rows),
        rows[0].get("page"),
    )


def row_key(row: dict[str, Any]) -> str:
    """A row's key: its code, 合计, or the name of a unit or source line."""
    if row.get("code"):
        return str(row["code"])
    return "合计" if row.get("level") == 0 else str(row.get("name") or "")


def code_label(code: str | None) -> str:
    return code or "合计"


def find_row(
    rows: list[dict[str, Any]], *words: str, side: str | None = None, exclude: tuple[str, ...] = ()
) -> dict[str, Any] | None:
    for r in rows:
        item = (r.get("item") or "").replace("“", "").replace("”", "").replace('"', "")
        if side and r.get("side") != side:
            continue
        if all(w in item for w in words) and not any(x in item for x in exclude):
            return r
    return None
