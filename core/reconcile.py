"""Do the numbers add up? Every identity of docs/disclosure-format.md, checked exactly.

Tolerance follows XBRL Calculations 1.1 (round-to-nearest): a figure printed to 0.01 stands
for v ± 0.005, so a total and n printed addends agree when |total − Σ| ≤ (n + 1) × 0.005.
Empty cells are exact zeros and add no tolerance. A classified ``**`` figure is the interval
[0, +∞): a sum with one only fails when the known parts alone exceed the total, and where it
is the only unknown the identity recovers it exactly.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import polars as pl

from .model import (
    ECONOMIC_TABLES,
    EXTRA_FUNCTIONAL_TABLES,
    FUNCTIONAL_TABLES,
    FUND_BUDGETS,
    INCOME_KINDS,
    PROCUREMENT_FUNDS,
    TABLE_TITLES_ZH,
    Disclosure,
    money_columns,
)

HALF_CENT = Decimal("0.005")
ZERO = Decimal(0)


@dataclass(frozen=True)
class Rule:
    id: str
    zh: str
    en: str
    tables: tuple[str, ...]


RULES: tuple[Rule, ...] = (
    Rule(
        "hierarchy_sum",
        "层级合计：合计 = Σ类，类 = Σ款，款 = Σ项",
        "each parent code equals the sum of its children, per value column",
        FUNCTIONAL_TABLES + EXTRA_FUNCTIONAL_TABLES + ECONOMIC_TABLES + ("income_sources",),
    ),
    Rule(
        "row_arithmetic",
        "行内勾稽：合计 = 各列之和",
        "a row's total equals the sum of its parts (本年 + 结转, 基本 + 项目, 人员 + 公用)",
        FUNCTIONAL_TABLES
        + EXTRA_FUNCTIONAL_TABLES
        + ECONOMIC_TABLES
        + ("fiscal_summary", "three_public"),
    ),
    Rule(
        "summary_totals",
        "收支总表：收入合计 + 结转 = 总计 = 支出总计",
        "the summary's own totals and class lines add up",
        ("summary", "fiscal_summary"),
    ),
    Rule(
        "cross_table",
        "表间勾稽：各表同一数字相等",
        "the same figure agrees across tables (class lines by name, totals, basic expenditure)",
        (
            "summary",
            "income",
            "expenditure",
            "fiscal_summary",
            "gpb_expenditure",
            "gpb_basic_expenditure",
        ),
    ),
    Rule(
        "three_public_sum",
        "“三公”经费：小计 = 出国 + 用车 + 接待",
        "the 三公 subtotal and vehicle lines add up",
        ("three_public",),
    ),
    Rule(
        "narrative_vs_table",
        "说明与表格一致",
        "figures quoted in the narrative match the tables",
        (
            "narrative_figures",
            "summary",
            "expenditure",
            "gpb_basic_expenditure",
            "three_public",
            "fixed_assets",
        ),
    ),
    Rule(
        "narrative_change", "增减额相加", "the year-on-year changes add up", ("narrative_figures",)
    ),
    Rule(
        "narrative_items_sum",
        "说明逐项之和 = 一般公共预算拨款",
        "a package without tables: the 项 its prose explains add up to the appropriation",
        ("narrative_items", "narrative_figures"),
    ),
    Rule(
        "project_card",
        "项目卡：财政 + 其他 = 预算数；支出计划",
        "a card's funds add up to its budget and its spending plan ends at or sums to it",
        ("projects",),
    ),
    Rule(
        "project_total",
        "可见项目 + 涉密项目 = 项目支出",
        "visible card budgets plus classified cards equal 项目支出",
        ("projects", "expenditure"),
    ),
    Rule(
        "procurement_line",
        "采购：数量 × 单价 = 金额 = 各资金之和",
        "quantity × unit price equals the amount, which equals its funds",
        ("procurement",),
    ),
    Rule(
        "procurement_sum",
        "采购：明细 → 小计 → 合计；明细 ≤ 项目预算",
        "lines add up to 小计, 小计 to 合计; a source project's lines stay within its budget",
        ("procurement",),
    ),
    Rule(
        "fixed_assets_sum",
        "资产：各类之和 = 资产总额；其中 ≤ 上级",
        "the asset kinds add up to 资产总额 and 其中 lines stay within their parent",
        ("fixed_assets",),
    ),
)
RULES += (
    Rule(
        "reading_complete",
        "读取完整：表内每个数字都已读入",
        "every number printed in a table's region was read into the table (else the "
        "identities over it are not the document's to fail)",
        (),
    ),
)
RULE_BY_ID = {r.id: r for r in RULES}

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

    @property
    def severity(self) -> str | None:
        return SEVERITY.get(self.status)


def _fmt(v: Decimal | None) -> str:
    return "**" if v is None else f"{v:,.2f}"


def tolerance_for(n_figures: int) -> Decimal:
    return HALF_CENT * n_figures


# Decimals each table prints (Disclosure.precision), for the identities being checked. Set
# by ``reconcile`` around the rules so that every check_sum sees the document it checks.
_PRECISION: ContextVar[dict[str, int] | None] = ContextVar("precision", default=None)


def half_width(term: Term) -> Decimal:
    """Half the last printed digit of a figure: 0.005 for 1,234.56, 0.5 for a whole-yuan
    1235 (frames hold cents, so a figure printed finer counts as cents)."""
    known = _PRECISION.get() or {}
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
    if total.classified:
        if hidden:
            return Result(
                rule,
                table,
                location,
                "unverifiable",
                None,
                known_sum,
                None,
                tol,
                f"cannot verify {what}: the total and {len(hidden)} part(s) are "
                f"classified; known parts {_fmt(known_sum)}",
                terms,
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
            f"{what}: the classified total is {_fmt(known_sum)} (the redaction can be undone)",
            terms,
        )
    total_value = total.value or ZERO
    if not total.printed and not inequality and known_sum != 0:
        # a blank total beside printed parts: the document leaves the figure out, which is
        # no arithmetic the tool can fail (an empty cell is not an error)
        return Result(
            rule,
            table,
            location,
            "unverifiable",
            None,
            known_sum,
            None,
            tol,
            f"cannot verify {what}: the total is blank; the parts add to {_fmt(known_sum)}",
            terms,
        )
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
                f"{what}: the known parts {_fmt(known_sum)} alone exceed the total "
                f"{_fmt(total_value)}",
                terms,
            )
        if len(hidden) == 1:
            msg = (
                f"{what}: the classified {hidden[0].key} is {_fmt(implied)} "
                "(the redaction can be undone)"
            )
        else:
            msg = (
                f"{what}: {len(hidden)} classified parts together are {_fmt(implied)} "
                f"(= {_fmt(total_value)} − visible {_fmt(known_sum)})"
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
            f"{what}: {_fmt(known_sum)} against a limit of {_fmt(total_value)}",
            terms,
        )
    if diff == 0:
        status = "ok"
    elif abs(diff) <= tol:
        status = "rounding"
    else:
        status = "broken"
    verb = {"ok": "holds", "rounding": "holds within rounding", "broken": "does not hold"}[status]
    return Result(
        rule,
        table,
        location,
        status,
        total_value,
        known_sum,
        diff,
        tol,
        f"{what} {verb}: {_fmt(total_value)} against {_fmt(known_sum)}"
        + (f" (difference {diff:+.2f}, tolerance {tol})" if diff else ""),
        terms,
    )


def check_equal(rule: str, table: str, location: str, a: Term, b: Term, what: str) -> Result:
    return check_sum(rule, table, location, a, [b], what)


# -- reading terms out of frames -------------------------------------------------------------


def _term(table: str, row: dict[str, Any], column: str, key: str) -> Term:
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


def _sum_term(table: str, rows: list[dict[str, Any]], column: str) -> Term:
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


def _key(row: dict[str, Any]) -> str:
    """A row's key: its code, 合计, or the name of a unit or source line."""
    if row.get("code"):
        return str(row["code"])
    return "合计" if row.get("level") == 0 else str(row.get("name") or "")


def _label(code: str | None) -> str:
    return code or "合计"


@dataclass(frozen=True)
class RowIdentity:
    """total = Σ parts within one row. Parts a table does not print drop out; the identity is
    tested only when its total, some part, every ``required`` part and none of the ``unless``
    columns are printed (a table splitting 基本支出 into 人员/公用 with no 基本支出 column of
    its own adds those instead)."""

    total: str
    parts: tuple[str, ...]
    required: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


_OTHER_SPENDING = (
    "operating",
    "remit_to_superior",
    "subsidy_to_affiliates",
    "reserve",
    "carry_forward",
)
_FUNCTIONAL_SPENDING = (
    RowIdentity("total", ("basic", "project", *_OTHER_SPENDING), required=("basic",)),
    RowIdentity(
        "total",
        ("personnel", "public", "project", *_OTHER_SPENDING),
        required=("personnel",),
        unless=("basic",),
    ),
    RowIdentity("basic", ("personnel", "public"), required=("personnel",)),
)
# Income other than appropriations; 财政拨款 itself is printed whole (fiscal_appropriation)
# or only split by budget (一般公共预算 | 政府性基金 | 国有资本经营), and the split then adds up
# in its place.
_NOT_APPROPRIATED = tuple(k for k in INCOME_KINDS if k != "fiscal_appropriation")
_BEYOND_KINDS = ("non_fiscal_balance", "carryover")
# The income identity over all kinds serves the layouts that print no 本年收入 小计 column
# (Shanghai); where 小计 is printed the kinds add up through it instead.
ROW_IDENTITIES: dict[str, tuple[RowIdentity, ...]] = {
    "income": (
        RowIdentity("total", ("current_year", "carryover"), required=("current_year",)),
        RowIdentity(
            "current_year", INCOME_KINDS, required=("current_year", "fiscal_appropriation")
        ),
        RowIdentity(
            "current_year",
            (*FUND_BUDGETS, *_NOT_APPROPRIATED),
            required=("current_year",),
            unless=("fiscal_appropriation",),
        ),
        RowIdentity(
            "total",
            (*INCOME_KINDS, *_BEYOND_KINDS),
            required=("fiscal_appropriation",),
            unless=("current_year",),
        ),
        RowIdentity(
            "total",
            (*FUND_BUDGETS, *_NOT_APPROPRIATED, *_BEYOND_KINDS),
            unless=("current_year", "fiscal_appropriation"),
        ),
    ),
    "expenditure": _FUNCTIONAL_SPENDING,
    "gpb_expenditure": _FUNCTIONAL_SPENDING,
    "gov_fund_expenditure": _FUNCTIONAL_SPENDING,
    "state_capital_expenditure": _FUNCTIONAL_SPENDING,
    "fiscal_expenditure": _FUNCTIONAL_SPENDING,
    "gpb_basic_expenditure": (RowIdentity("total", ("personnel", "public")),),
    "fiscal_basic_expenditure": (RowIdentity("total", ("personnel", "public")),),
    "operating_costs": (),
}


def _identities(table: str, printed: list[str]) -> list[tuple[str, list[str]]]:
    """The row identities a table's printed columns allow."""
    out = []
    for identity in ROW_IDENTITIES[table]:
        shown = [p for p in identity.parts if p in printed]
        if (
            identity.total in printed
            and shown
            and all(c in printed for c in identity.required)
            and not any(c in printed for c in identity.unless)
        ):
            out.append((identity.total, shown))
    return out


def reconcile_hierarchy(table: str, frame: pl.DataFrame) -> list[Result]:
    """合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, for every value column the table prints."""
    results: list[Result] = []
    if frame.height == 0:
        return results
    rows = frame.to_dicts()
    columns = [
        c
        for c in money_columns(table, frame)
        if any(r.get(c) is not None or c in (r.get("classified") or []) for r in rows)
    ]
    # children by (level, the parent's code they start with): one pass, not parents × rows
    prefix_length = {1: 0, 2: 3, 3: 5}
    children_of: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for r in rows:
        level = r["level"]
        if level in prefix_length:
            prefix = (r.get("code") or "")[: prefix_length[level]]
            children_of.setdefault((level, prefix), []).append(r)
    printed_twice = {k for k, n in Counter(_key(r) for r in rows if r["level"]).items() if n > 1}
    for at, parent in enumerate(rows):
        level = parent["level"]
        if level is None or level > 2:
            continue
        code = parent.get("code") or ""
        children = children_of.get((level + 1, code), [])
        if code in printed_twice:
            # a code printed once per unit or per government class (301 under 501, then
            # under 505): its children are the rows that follow it, up to the next row
            # of its level
            children = []
            for row in rows[at + 1 :]:
                if row["level"] is not None and row["level"] <= level:
                    break
                if row["level"] == level + 1 and (row.get("code") or "").startswith(code):
                    children.append(row)
        if not children:
            continue
        for column in columns:
            total = _term(table, parent, column, _key(parent))
            parts = [_term(table, c, column, _key(c)) for c in children]
            results.append(
                check_sum(
                    "hierarchy_sum",
                    table,
                    f"{_label(code)}/{column}",
                    total,
                    parts,
                    f"{_label(code)} {column} = Σ children",
                )
            )
    return results


def reconcile_rows(
    table: str, frame: pl.DataFrame, printed: list[str] | None = None
) -> list[Result]:
    results: list[Result] = []
    if printed is None:  # not recorded: the columns holding any figure
        printed = [
            c
            for c in money_columns(table, frame)
            if frame[c].is_not_null().any()
            or any(c in (cs or []) for cs in frame["classified"].to_list())
        ]
    identities = _identities(table, printed)
    for row in frame.to_dicts():
        for total_col, part_cols in identities:
            if all(
                row.get(c) is None and c not in (row.get("classified") or [])
                for c in [total_col, *part_cols]
            ):
                continue
            total = _term(table, row, total_col, _key(row))
            parts = [_term(table, row, c, _key(row)) for c in part_cols]
            results.append(
                check_sum(
                    "row_arithmetic",
                    table,
                    f"{_key(row)}/{total_col}",
                    total,
                    parts,
                    f"{_key(row)} {total_col} = " + " + ".join(part_cols),
                )
            )
    return results


def _find(
    rows: list[dict[str, Any]], *words: str, side: str | None = None, exclude: tuple[str, ...] = ()
) -> dict[str, Any] | None:
    for r in rows:
        item = (r.get("item") or "").replace("“", "").replace("”", "").replace('"', "")
        if side and r.get("side") != side:
            continue
        if all(w in item for w in words) and not any(x in item for x in exclude):
            return r
    return None


# How the carry-over lines are worded: 上年结转(结余), 上年结余、结转, 年初结转和结余; and on
# the spending side 年终结转结余, 结转下年, 年末结转和结余.
CARRY_IN = ("上年结转", "上年结余", "年初结转", "年初")
CARRY_OUT = ("结转结余", "结转下年", "年终结转", "年末结转", "年末")


def _before_carry_over(rows: list[dict[str, Any]], side: str) -> list[dict[str, Any]]:
    """A side's lines of this year's money: those above its carry-over lines (which list
    the same funds again: 上年结转结余 / 一、一般公共预算拨款)."""
    out = []
    for r in rows:
        if r.get("side") != side:
            continue
        if any(w in (r.get("item") or "") for w in CARRY_IN):
            break
        out.append(r)
    return out


def _class_name(item: str) -> str:
    return item.split("、", 1)[-1]


def reconcile_grand_totals(
    table: str,
    income: tuple[Term | None, Term | None, Term | None],
    spending: tuple[Term | None, Term | None, Term | None],
    carry_names: tuple[str, str],
) -> list[Result]:
    """收入总计 = 本年收入合计 + 结转, 支出总计 = 本年支出合计 + 结转, 收入总计 = 支出总计.

    ``income`` and ``spending`` are (总计, 本年合计, 结转) of each side.
    """
    results: list[Result] = []
    for (grand, current, carry), side, carry_name in (
        (income, "收入", carry_names[0]),
        (spending, "支出", carry_names[1]),
    ):
        if grand and current:
            results.append(
                check_sum(
                    "summary_totals",
                    table,
                    f"{side}总计",
                    grand,
                    [p for p in (current, carry) if p],
                    f"{side}总计 = 本年{side}合计 + {carry_name}",
                )
            )
    if income[0] and spending[0]:
        results.append(
            check_equal(
                "summary_totals",
                table,
                "收入总计=支出总计",
                income[0],
                spending[0],
                "收入总计 = 支出总计",
            )
        )
    return results


def reconcile_fund_split(table: str, rows: list[dict[str, Any]], key_of: Any) -> list[Result]:
    """A 财政拨款 row's 合计 = 一般公共预算 + 政府性基金 + 国有资本经营, where the table
    prints the split at all (Jiangsu's and Shanghai's print 合计 only)."""
    results: list[Result] = []
    printed = {c for r in rows for c in ("total", *FUND_BUDGETS) if r.get(c) is not None}
    printed |= {c for r in rows for c in r.get("classified") or []}
    if "total" not in printed or not printed & set(FUND_BUDGETS):
        return results  # no 合计 column, or no split: nothing to add up
    for r in rows:
        if all(r.get(c) is None for c in ("total", *FUND_BUDGETS)):
            continue
        key = key_of(r)
        results.append(
            check_sum(
                "row_arithmetic",
                table,
                f"{r['item']}/total",
                _term(table, r, "total", key),
                [_term(table, r, c, key) for c in FUND_BUDGETS],
                f"{r['item']} 合计 = Σ funds",
            )
        )
    return results


def reconcile_summary(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    rows = d.table("summary").to_dicts()
    if not rows:
        return results
    t = "summary"

    def term(r: dict[str, Any] | None) -> Term | None:
        if r is None:
            return None
        return Term(
            t,
            f"{r['side']}:{r['item']}",
            "amount",
            r["amount"],
            "amount" in (r.get("classified") or []),
            r["page"],
        )

    def first(side: str, *wordings: str, exclude: tuple[str, ...] = ()) -> Term | None:
        """The row of the first wording the document uses (the seed's, then Jiangsu's)."""
        for words in wordings:
            found = _find(rows, words, side=side, exclude=exclude)
            if found:
                return term(found)
        return None

    income_sub = first("income", "本年收入合计", "当年收入小计")
    carry_in = first("income", *CARRY_IN)
    income_total = first("income", "收入总计", "收入合计")
    spend_sub = first("expenditure", "本年支出合计", "当年支出小计")
    carry_out = first("expenditure", *CARRY_OUT, exclude=("上年", "年初"))
    spend_total = first("expenditure", "支出总计", "支出合计")
    results += reconcile_grand_totals(
        t,
        (income_total, income_sub, carry_in),
        (spend_total, spend_sub, carry_out),
        ("上年结转结余", "年终结转结余"),
    )
    lines = [
        r
        for r in rows
        if r["side"] == "income"
        and r["seq"] is not None
        and "、" in (r["item"] or "")
        and not _find([r], "结转")
    ]
    if income_sub and lines:
        results.append(
            check_sum(
                "summary_totals",
                t,
                "本年收入合计",
                income_sub,
                [p for p in (term(r) for r in lines) if p],
                "本年收入合计 = Σ income lines",
            )
        )
    classes = [r for r in rows if r["side"] == "expenditure" and "、" in (r["item"] or "")]
    if spend_sub and classes:
        results.append(
            check_sum(
                "summary_totals",
                t,
                "本年支出合计",
                spend_sub,
                [p for p in (term(r) for r in classes) if p],
                "本年支出合计 = Σ class lines",
            )
        )
    uses = [r for r in rows if r["side"] == "expenditure_use"]
    if spend_sub and uses:
        results.append(
            check_sum(
                "summary_totals",
                t,
                "本年支出合计/用途",
                spend_sub,
                [p for p in (term(r) for r in uses) if p],
                "本年支出合计 = Σ 支出用途 lines (基本 + 项目 + 预留机动 …)",
            )
        )
    # class lines against the class rows of 支出总表, matched by name. Where 支出总表 has
    # no codes (Jiangsu prints one totals row) and all income is appropriation, the
    # 财政拨款支出表 carries the same classes.
    class_table = "expenditure"
    fiscal_line = first("income", "一、财政拨款")
    if (
        d.table("expenditure").filter(pl.col("level") == 1).height == 0
        and fiscal_line is not None
        and income_sub is not None
        and fiscal_line.value == income_sub.value
    ):
        class_table = next(
            (
                tid
                for tid in ("fiscal_expenditure", "gpb_expenditure")
                if d.table(tid).filter(pl.col("level") == 1).height
            ),
            "expenditure",
        )
    expenditure = d.table(class_table).filter(pl.col("level") == 1).to_dicts()
    if not expenditure:
        classes = []  # nothing to match against: not a break of the document
    by_name = {r["name"]: r for r in expenditure}
    zh = (
        TABLE_TITLES_ZH.get(class_table, class_table)
        if class_table != "expenditure"
        else "支出总表"
    )
    for r in classes:
        name = _class_name(r["item"])
        match = by_name.get(name)
        if not r["amount"] and match is None:
            continue  # a class line printed blank or 0.00 asks for no row
        line = term(r)
        assert line is not None
        if match is None:
            results.append(
                Result(
                    "cross_table",
                    t,
                    f"{name}/amount",
                    "broken",
                    r["amount"],
                    None,
                    r["amount"],
                    tolerance_for(1),
                    f"class line {r['item']} has no row in {zh}",
                    [("total", line)],
                )
            )
            continue
        results.append(
            check_equal(
                "cross_table",
                t,
                f"{name}/amount",
                line,
                _term(class_table, match, "total", match["code"]),
                f"收支总表 {name} = {zh} {match['code']}",
            )
        )
    exp_total = d.table("expenditure").filter(pl.col("level") == 0).to_dicts()
    inc_total = d.table("income").filter(pl.col("level") == 0).to_dicts()
    if spend_sub and exp_total:
        results.append(
            check_equal(
                "cross_table",
                t,
                "本年支出合计",
                spend_sub,
                _term("expenditure", exp_total[0], "total", "合计"),
                "收支总表 本年支出合计 = 支出总表 合计",
            )
        )
    if income_total and inc_total:
        results.append(
            check_equal(
                "cross_table",
                t,
                "收入总计",
                income_total,
                _term("income", inc_total[0], "total", "合计"),
                "收支总表 收入总计 = 收入总表 合计",
            )
        )
    return results


def reconcile_cross_tables(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    inc = d.table("income").to_dicts()
    exp = d.table("expenditure").to_dicts()
    gpb = d.table("gpb_expenditure").to_dicts()
    basic = d.table("gpb_basic_expenditure").to_dicts()
    inc0 = next((r for r in inc if r["level"] == 0), None)
    exp0 = next((r for r in exp if r["level"] == 0), None)
    if inc0 and exp0:
        results.append(
            check_equal(
                "cross_table",
                "income",
                "合计/total",
                _term("income", inc0, "total", "合计"),
                _term("expenditure", exp0, "total", "合计"),
                "收入总表 合计 = 支出总表 合计",
            )
        )
    gpb0 = next((r for r in gpb if r["level"] == 0), None)
    basic0 = next((r for r in basic if r["level"] == 0), None)
    gpb_printed = d.printed_columns.get("gpb_expenditure")
    if gpb_printed is not None and "basic" not in gpb_printed:
        gpb0 = None  # a 一般公共预算支出表 of 金额 only says nothing of 基本支出
    if basic0 and (gpb0 or exp0):
        source, row = ("gpb_expenditure", gpb0) if gpb0 else ("expenditure", exp0)
        assert row is not None
        results.append(
            check_equal(
                "cross_table",
                "gpb_basic_expenditure",
                "合计/total",
                _term("gpb_basic_expenditure", basic0, "total", "合计"),
                _term(source, row, "basic", "合计"),
                f"基本支出表 合计 = {source} 基本支出",
            )
        )
    # Where all money is appropriation, 一般公共预算支出表 repeats 支出总表 code by code.
    all_fiscal = inc0 is not None and all(
        inc0.get(c) is None for c in INCOME_KINDS if c != "fiscal_appropriation"
    )
    if all_fiscal and gpb and exp:
        # a code printed twice (once per unit, Beijing) has no one row to compare with
        in_exp, in_gpb = Counter(_key(r) for r in exp), Counter(_key(r) for r in gpb)
        exp_by_code = {_key(r): r for r in exp if in_exp[_key(r)] == 1}
        gpb = [r for r in gpb if in_gpb[_key(r)] == 1 and in_exp[_key(r)] <= 1]
        for row in gpb:
            match = exp_by_code.get(_key(row))
            for column in ("total", "basic", "project"):
                a = _term("gpb_expenditure", row, column, _key(row))
                if match is None:
                    if a.value is not None:
                        results.append(
                            Result(
                                "cross_table",
                                "gpb_expenditure",
                                f"{_key(row)}/{column}",
                                "broken",
                                a.value,
                                None,
                                a.value,
                                tolerance_for(1),
                                f"{_key(row)} is missing from 支出总表",
                                [("total", a)],
                            )
                        )
                    continue
                b = _term("expenditure", match, column, _key(match))
                if a.value is None and b.value is None and not (a.classified or b.classified):
                    continue
                results.append(
                    check_equal(
                        "cross_table",
                        "gpb_expenditure",
                        f"{_key(row)}/{column}",
                        a,
                        b,
                        f"一般公共预算支出表 {_key(row)} {column} = 支出总表",
                    )
                )
    fs = d.table("fiscal_summary").to_dicts()
    summary = d.table("summary").to_dicts()
    fs_gpb = _find(_before_carry_over(fs, "income"), "一般公共预算", side="income")
    sm_gpb = _find(_before_carry_over(summary, "income"), "一般公共预算", side="income")
    if fs_gpb and sm_gpb:
        results.append(
            check_equal(
                "cross_table",
                "fiscal_summary",
                "一般公共预算拨款",
                Term(
                    "fiscal_summary",
                    "income:一般公共预算拨款",
                    "total",
                    fs_gpb["total"],
                    False,
                    fs_gpb["page"],
                ),
                Term(
                    "summary",
                    f"income:{sm_gpb['item']}",
                    "amount",
                    sm_gpb["amount"],
                    False,
                    sm_gpb["page"],
                ),
                "财政拨款收支总表 一般公共预算拨款 = 收支总表",
            )
        )
    return results


def reconcile_fiscal_summary(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    rows = d.table("fiscal_summary").to_dicts()
    t = "fiscal_summary"
    spending_rows = [r for r in rows if r["side"] == "expenditure"]
    results += reconcile_fund_split(t, spending_rows, lambda r: f"expenditure:{r['item']}")

    def amount(side: str, *wordings: str) -> Term | None:
        for words in wordings:  # the seed's wording, then Jiangsu's
            r = _find(rows, words, side=side)
            if r:
                return _term(t, r, "total", f"{side}:{r['item']}")
        return None

    results += reconcile_grand_totals(
        t,
        (
            amount("income", "收入总计", "收入合计"),
            amount("income", "本年收入合计"),
            amount("income", *CARRY_IN),
        ),
        (
            amount("expenditure", "支出总计", "支出合计"),
            amount("expenditure", "本年支出合计"),
            amount("expenditure", *CARRY_OUT),
        ),
        ("年初结转和结余", "年末结转和结余"),
    )
    income_lines = [
        r
        for r in rows
        if r["side"] == "income" and "、" in (r["item"] or "") and "结转" not in r["item"]
    ]
    income_total = amount("income", "收入合计")
    if income_total and income_lines and amount("income", "本年收入合计") is None:
        results.append(
            check_sum(
                "summary_totals",
                t,
                "收入合计",
                income_total,
                [_term(t, r, "total", f"income:{r['item']}") for r in income_lines],
                "收入合计 = Σ 一般公共预算 + 政府性基金 …",
            )
        )
    uses = [r for r in rows if r["side"] == "expenditure_use"]
    spending = amount("expenditure", "支出合计")
    if spending and uses:
        results.append(
            check_sum(
                "summary_totals",
                t,
                "支出合计",
                spending,
                [_term(t, r, "total", f"expenditure_use:{r['item']}") for r in uses],
                "支出合计 = Σ 支出用途 lines",
            )
        )
    return results


def reconcile_three_public(d: Disclosure) -> list[Result]:
    """The identities of the "三公" table, for the department's rows and for each unit's
    (a table listing units carries their names in ``unit``)."""
    rows = d.table("three_public").to_dicts()
    units = dict.fromkeys(r.get("unit") for r in rows)
    results: list[Result] = []
    for unit in units:
        group = _three_public_group([r for r in rows if r.get("unit") == unit])
        for r in group:
            if unit is not None:  # a unit's identities are told apart by its name
                r.location = f"{unit}/{r.location}"
                r.message = f"{unit}: {r.message}"
        results += group
    return results


def _three_public_group(rows: list[dict[str, Any]]) -> list[Result]:
    results: list[Result] = []
    if not rows:
        return results
    t = "three_public"
    total = _find(rows, "合计")
    sub = _find(rows, "三公", "小计") or _find(rows, "小计")
    abroad = _find(rows, "因公出国", exclude=("其中", "其他"))
    vehicles = _find(rows, "公务用车购置及运", exclude=("其中",))
    purchase = _find(rows, "公务用车购置费")
    operation = (
        _find(rows, "公务用车运行维护费")
        or _find(rows, "运行维护费")
        or _find(rows, "公务用车运行")
    )
    reception = _find(rows, "公务接待费")
    meeting = _find(rows, "会议费", exclude=("其他",))
    training = _find(rows, "培训费")
    abroad_parts = [r for r in rows if "出国" in (r["item"] or "") and r is not abroad]
    columns = [c for c in ("total", *FUND_BUDGETS) if any(r.get(c) is not None for r in rows)] or [
        "total"
    ]

    def terms(rs: Iterable[dict[str, Any] | None], column: str) -> list[Term]:
        return [_term(t, r, column, r["item"]) for r in rs if r is not None]

    for column in columns:
        if sub:
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"三公小计/{column}",
                    _term(t, sub, column, sub["item"]),
                    terms((abroad, vehicles, reception), column),
                    f"“三公”经费小计 {column} = 出国 + 用车 + 接待",
                )
            )
        if vehicles and (purchase or operation):
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"公务用车/{column}",
                    _term(t, vehicles, column, vehicles["item"]),
                    terms((purchase, operation), column),
                    f"公务用车购置及运维费 {column} = 购置 + 运行维护",
                )
            )
        if abroad and abroad_parts:
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"因公出国/{column}",
                    _term(t, abroad, column, abroad["item"]),
                    terms(abroad_parts, column),
                    f"因公出国（境）费 {column} = Σ 其中",
                )
            )
        if total and not sub and (abroad or vehicles or reception):
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"合计/{column}",
                    _term(t, total, column, total["item"]),
                    terms((abroad, vehicles, reception, meeting, training), column),
                    f"合计 {column} = 出国 + 用车 + 接待 (+ 会议费 + 培训费)",
                )
            )
        if total and sub:
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"合计/{column}",
                    _term(t, total, column, total["item"]),
                    terms((sub, meeting, training), column),
                    f"合计 {column} = 三公小计 + 会议费 + 培训费",
                )
            )
    results += reconcile_fund_split(t, rows, lambda r: r["item"])
    return results


# narrative key -> (table, how to find the row, column)
def _narrative_counterparts(d: Disclosure) -> dict[str, Term]:
    out: dict[str, Term] = {}
    summary = d.table("summary").to_dicts()

    def sm(words: str, side: str = "income") -> Term | None:
        r = _find(summary, words, side=side)
        return (
            Term(
                "summary",
                f"{side}:{r['item']}",
                "amount",
                r["amount"],
                "amount" in (r.get("classified") or []),
                r["page"],
            )
            if r
            else None
        )

    for key, words in (
        ("income_total", "收入总计"),
        ("income_general_public_budget", "一般公共预算"),
        ("income_government_fund", "政府性基金"),
        ("income_state_capital", "国有资本"),
        ("income_special_account", "财政专户"),
        ("income_unit_funds", "单位资金"),
        ("income_carryover", "上年结转"),
    ):
        found = sm(words)
        if found:
            out[key] = found
    exp0 = d.table("expenditure").filter(pl.col("level") == 0).to_dicts()
    shown = d.printed_columns.get("expenditure")
    if exp0:
        for key, column in (
            ("expenditure_total", "total"),
            ("expenditure_basic", "basic"),
            ("expenditure_project", "project"),
        ):
            if shown is None or column in shown:
                out[key] = _term("expenditure", exp0[0], column, "合计")
        if shown is not None and "basic" not in shown and "personnel" in shown:
            # 基本支出 printed only as its two parts
            parts = [_term("expenditure", exp0[0], c, "合计") for c in ("personnel", "public")]
            out["expenditure_basic"] = Term(
                "expenditure",
                "合计",
                "personnel+public",
                sum((p.value or ZERO for p in parts), ZERO),
                any(p.classified for p in parts),
                parts[0].page,
            )
    basic = d.table("gpb_basic_expenditure")
    basic0 = basic.filter(pl.col("level") == 0).to_dicts()
    if basic0:
        out["expenditure_gpb_basic"] = _term("gpb_basic_expenditure", basic0[0], "total", "合计")
    printed = d.printed_columns.get("gpb_basic_expenditure")
    if basic0 and (printed is None or "personnel" in printed):
        out["expenditure_personnel"] = _term(
            "gpb_basic_expenditure", basic0[0], "personnel", "合计"
        )
        out["expenditure_public"] = _term("gpb_basic_expenditure", basic0[0], "public", "合计")
        out["operating_costs"] = _term("gpb_basic_expenditure", basic0[0], "public", "合计")
    elif basic0:
        # a table of 金额 only: 人员经费 is 301 工资福利 + 303 对个人和家庭的补助, 公用经费 the rest
        classes = basic.filter(pl.col("level") == 1).to_dicts()
        people = [r for r in classes if r["code"] in PERSONNEL_CLASSES]
        others = [r for r in classes if r["code"] not in PERSONNEL_CLASSES]
        for key, rows in (("expenditure_personnel", people), ("expenditure_public", others)):
            if rows:
                out[key] = _sum_term("gpb_basic_expenditure", rows, "total")
    # 机关运行经费 printed as its own figure wins over 公用经费, which can include more
    operating0 = d.table("operating_costs").filter(pl.col("level") == 0).to_dicts()
    if operating0:
        out["operating_costs"] = _term("operating_costs", operating0[0], "total", "合计")
    tp = [r for r in d.table("three_public").to_dicts() if r.get("unit") is None]
    running = _find(tp, "机关运行经费")
    if running:
        out["operating_costs"] = _term("three_public", running, "total", running["item"])
    kinds: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
        ("three_public_total", ("三公", "小计"), ()),
        ("three_public_abroad", ("因公出国",), ("其中", "其他")),
        ("three_public_vehicles", ("公务用车购置及运",), ("其中",)),
        ("three_public_vehicle_purchase", ("公务用车购置费",), ()),
        ("three_public_vehicle_operation", ("运行维护费",), ()),
        ("three_public_reception", ("公务接待费",), ()),
    )
    for key, needles, exclude in kinds:
        r = _find(tp, *needles, exclude=exclude)
        if r:
            out[key] = _term("three_public", r, "total", r["item"])
    fa = d.table("fixed_assets").to_dicts()
    r = _find(fa, "总额") or _find(fa, "合计")
    if r:
        out["fixed_assets_total"] = _term("fixed_assets", r, "value", r["item"])
    return out


def _prose_vs_table(
    d: Disclosure,
    rule: str,
    table: str,
    key: str,
    said: Term,
    printed: Term,
    what: str,
    same_unit_tolerance: Decimal | None = None,
    at_most: bool = False,
) -> Result:
    """A figure the prose quotes (万元) against its table. A table printed in 元 is compared at
    its own scale, and the prose's figure, rounded to its last printed digit, agrees within
    half that digit; in the prose's own unit the tolerance is the two printed figures' (or
    ``same_unit_tolerance``). ``at_most``: the prose's figure is a part of the table's."""
    if d.unit_of(printed.table) != "元":
        if at_most:
            return check_sum(rule, table, key, printed, [said], what, inequality=True)
        return check_sum(rule, table, key, said, [printed], what, tolerance=same_unit_tolerance)
    scale = Decimal(10000)
    scaled = Term(said.table, said.key, said.column, (said.value or ZERO) * scale, False, said.page)
    tolerance = scale * half_width(said) + half_width(printed)
    if at_most:
        return check_sum(rule, table, key, printed, [scaled], what, True, tolerance)
    return check_sum(rule, table, key, scaled, [printed], what, tolerance=tolerance)


def _half_last_digit(printed: str) -> Decimal:
    """Half a unit of the last digit a figure was printed with: 443.18 → 0.005, 25 → 0.5."""
    exponent = Decimal(printed.replace(",", "")).as_tuple().exponent
    return Decimal(5) * Decimal(10) ** (int(exponent) - 1)


def _reconcile_narrative_items(d: Disclosure) -> list[Result]:
    """Each 项 the prose explains against its row in the functional table it came from."""
    results: list[Result] = []
    items = d.table("narrative_items").filter(pl.col("code").is_not_null()).to_dicts()
    for table in ("gpb_expenditure", "fiscal_expenditure", "expenditure"):
        by_code = {r["code"]: r for r in d.table(table).to_dicts() if r["code"]}
        if not items or not by_code:
            continue
        for item in items:
            row = by_code.get(item["code"])
            if row is None:
                continue
            said = Term(
                "narrative_items", item["code"], "amount", item["amount"], False, item["page"]
            )
            results.append(
                _prose_vs_table(
                    d,
                    "narrative_vs_table",
                    "narrative_items",
                    item["code"],
                    said,
                    _term(table, row, "total", item["code"]),
                    f"说明 {item['name']}（项） = {table} {item['code']}",
                    same_unit_tolerance=_half_last_digit(str(item["amount"])),
                )
            )
        break
    return results


def reconcile_narrative(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    figures = {r["key"]: r for r in d.table("narrative_figures").to_dicts()}
    counterparts = _narrative_counterparts(d)
    for key, fig in figures.items():
        table_term = counterparts.get(key)
        if table_term is None:
            continue
        said = Term("narrative_figures", key, "value", fig["value"], False, fig["page"])
        if table_term.value is None and not table_term.classified:
            table_term = Term(
                table_term.table, table_term.key, table_term.column, ZERO, False, table_term.page
            )  # an empty cell is a printed nothing: zero
        # 机关运行经费 is the 公用经费 of the 行政 (and 参公) units only: where no table prints
        # it, the prose's figure can only be held to at most 公用经费
        at_most = key == "operating_costs" and table_term.column == "public"
        relation = "≤" if at_most else "="
        what = (
            f"说明 {fig['label']} {relation} {table_term.table} {table_term.key} "
            f"{table_term.column}"
        )
        results.append(
            _prose_vs_table(
                d,
                "narrative_vs_table",
                "narrative_figures",
                key,
                said,
                table_term,
                what,
                at_most=at_most,
            )
        )
    results += _reconcile_narrative_items(d)
    items = d.table("narrative_items").to_dicts()
    no_tables = all(d.table(t).height == 0 for t in FUNCTIONAL_TABLES + EXTRA_FUNCTIONAL_TABLES)
    if no_tables and items and "income_general_public_budget" in figures:
        fig = figures["income_general_public_budget"]
        results.append(
            check_sum(
                "narrative_items_sum",
                "narrative_items",
                "Σ 项",
                Term("narrative_figures", fig["key"], "value", fig["value"], False, fig["page"]),
                [
                    Term("narrative_items", r["name"], "amount", r["amount"], False, r["page"])
                    for r in items
                ],
                "一般公共预算收入 = Σ 说明逐项列示的支出",
            )
        )
    if all(k in figures for k in ("change_total", "change_basic", "change_project")):

        def t(k: str) -> Term:
            return Term(
                "narrative_figures", k, "value", figures[k]["value"], False, figures[k]["page"]
            )

        results.append(
            check_sum(
                "narrative_change",
                "narrative_figures",
                "change_total",
                t("change_total"),
                [t("change_basic"), t("change_project")],
                "增减总额 = 基本支出增减 + 项目支出增减",
            )
        )
    return results


def reconcile_projects(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    t = "projects"
    frame = d.table("projects")
    # a table listing projects may list only the key ones (重点项目), and prints a project
    # again where a page break cut its merged cells: those repeats are not counted
    listed = "continued" in frame.columns
    cards = [
        c for c in frame.to_dicts() if not c.get("continued") and (c.get("name") or "") != "合计"
    ]
    for card in cards:
        key = card["project_code"] or card["name"] or str(card["seq"])
        budget = _term(t, card, "budget", key)
        funds = [_term(t, card, c, key) for c in ("fiscal_funds", "other_funds")]
        if not any(f.printed or f.classified for f in funds):
            continue  # the table prints no split of the project's money
        results.append(
            check_sum(
                "project_card",
                t,
                f"{key}/budget",
                budget,
                funds,
                f"{card['name']}: 预算数 = 财政资金 + 其他资金",
            )
        )
        plan = [_term(t, card, f"plan_q{i}", key) for i in range(1, 5)]
        shown = [p for p in plan if p.printed or p.classified]
        if not shown:
            continue
        values = [p.value for p in shown if p.value is not None]
        cumulative = (
            len(values) == len(shown)
            and len(values) > 1
            and all(a <= b for a, b in itertools.pairwise(values))
            and budget.value is not None
            and values[-1] == budget.value
            and sum(values, ZERO) != budget.value
        )
        if cumulative:
            results.append(
                check_equal(
                    "project_card",
                    t,
                    f"{key}/plan",
                    budget,
                    shown[-1],
                    f"{card['name']}: the cumulative spending plan ends at 预算数",
                )
            )
        else:
            results.append(
                check_sum(
                    "project_card",
                    t,
                    f"{key}/plan",
                    budget,
                    plan,
                    f"{card['name']}: the spending plan sums to 预算数",
                )
            )
    exp0 = d.table("expenditure").filter(pl.col("level") == 0).to_dicts()
    columns = d.printed_columns.get("expenditure")
    if cards and exp0 and (columns is None or "project" in columns):
        total = _term("expenditure", exp0[0], "project", "合计")
        parts = [
            _term(t, c, "budget", c["project_code"] or c["name"] or str(c["seq"])) for c in cards
        ]
        what = "项目支出 ≥ Σ listed projects" if listed else "项目支出 = Σ project cards"
        results.append(check_sum("project_total", t, "项目支出", total, parts, what, listed))
    return results


def reconcile_procurement_tree(rows: list[dict[str, Any]]) -> list[Result]:
    """Jiangsu's tree: 合计 = Σ categories, a category = Σ its project lines, a project
    line = Σ the goods lines under it."""
    t = "procurement"
    results: list[Result] = []
    keyed = [(f"row {i + 1}", r) for i, r in enumerate(rows)]
    children: dict[int, list[int]] = {}
    # a line's parent is its project line or its unit (小计), whichever opened last
    parent_of = {
        "category": (),
        "project": ("category",),
        "subtotal": ("category",),
        "line": ("project", "subtotal"),
    }
    open_at: dict[str, int] = {}
    total_at = None
    for i, (_, r) in enumerate(keyed):
        kind = r["row_kind"]
        if kind == "total":
            total_at = i
            continue
        if kind not in parent_of:
            continue
        kinds = parent_of[kind]
        candidates = [open_at[k] for k in kinds if k in open_at]
        parent = max(candidates) if candidates else (total_at if not kinds else None)
        if parent is not None:
            children.setdefault(parent, []).append(i)
        open_at[kind] = i
        if kind == "category":
            open_at.pop("project", None)
            open_at.pop("subtotal", None)
        if kind in ("project", "subtotal"):
            open_at.pop("subtotal" if kind == "project" else "project", None)
    for parent, kids in children.items():
        key, row = keyed[parent]
        label = row.get("category") if row["row_kind"] == "category" else row.get("unit")
        label = label or row.get("economic_item") or row.get("source_project") or row["row_kind"]
        results.append(
            check_sum(
                "procurement_sum",
                t,
                f"{key}/amount",
                _term(t, row, "amount", key),
                [_term(t, keyed[k][1], "amount", keyed[k][0]) for k in kids],
                f"{label} = Σ the lines under it",
            )
        )
    return results


def _procurement_funds(rows: list[dict[str, Any]]) -> list[Result]:
    """金额 = Σ its sources, on every row that prints a source."""
    t = "procurement"
    results: list[Result] = []
    for i, r in enumerate(rows):
        key = f"row {i + 1}"
        label = r.get("item") or r.get("unit") or r.get("category") or r["row_kind"]
        if r.get("amount") is not None or "amount" in r["classified"]:
            parts = [_term(t, r, c, key) for c in PROCUREMENT_FUNDS]
            if any(p.printed or p.classified for p in parts):
                results.append(
                    check_sum(
                        "procurement_line",
                        t,
                        f"{key}/funds",
                        _term(t, r, "amount", key),
                        parts,
                        f"{label}: 金额 = Σ 资金来源",
                    )
                )
    return results


def reconcile_procurement(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    t = "procurement"
    frame = d.table(t)
    rows = frame.to_dicts()
    if any(r["row_kind"] == "category" for r in rows):
        return reconcile_procurement_tree(rows) + _procurement_funds(rows)
    if "code" in frame.columns:  # procurement by functional code: a functional hierarchy
        results += reconcile_hierarchy(t, frame.drop("quantity", "unit_price"))
    keyed = [(f"row {i + 1}", r) for i, r in enumerate(rows)]
    for key, r in keyed:
        label = r.get("item") or r.get("unit") or r["row_kind"]
        if r["row_kind"] == "line" and (
            r.get("quantity") is not None and r.get("unit_price") is not None
        ):
            q, price = r["quantity"], r["unit_price"]
            product = Term(t, key, "quantity×unit_price", q * price, False, r["page"])
            amount = _term(t, r, "amount", key)
            # the unit price is rounded to ±0.005, so the product carries q × 0.005
            results.append(
                check_sum(
                    "procurement_line",
                    t,
                    f"{key}/amount",
                    amount,
                    [product],
                    f"{label}: 数量 × 单价 = 金额",
                    tolerance=HALF_CENT * (1 + abs(q)),
                )
            )

    results += _procurement_funds(rows)
    # lines into 小计, 小计 into 合计
    groups: list[tuple[tuple[str, dict[str, Any]], list[tuple[str, dict[str, Any]]]]] = []
    for key, r in keyed:
        if r["row_kind"] == "subtotal":
            groups.append(((key, r), []))
        elif r["row_kind"] == "line" and groups:
            groups[-1][1].append((key, r))
    for (skey, sub), lines in groups:
        if lines:
            results.append(
                check_sum(
                    "procurement_sum",
                    t,
                    f"{skey}/amount",
                    _term(t, sub, "amount", skey),
                    [_term(t, r, "amount", k) for k, r in lines],
                    f"{sub.get('unit')}小计 = Σ lines",
                )
            )
    total = next(((k, r) for k, r in keyed if r["row_kind"] == "total"), None)
    if total and groups:
        results.append(
            check_sum(
                "procurement_sum",
                t,
                f"{total[0]}/amount",
                _term(t, total[1], "amount", total[0]),
                [_term(t, s, "amount", k) for (k, s), _ in groups],
                "合计 = Σ 小计",
            )
        )
    by_source: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for key, r in keyed:
        if r["row_kind"] == "line" and r.get("source_project"):
            by_source.setdefault(r["source_project"], []).append((key, r))
    for source, lines in by_source.items():
        budget_row = next((r for _, r in lines if r.get("source_budget") is not None), None)
        if budget_row is None:
            continue
        limit = Term(
            t, source, "source_budget", budget_row["source_budget"], False, budget_row["page"]
        )
        results.append(
            check_sum(
                "procurement_sum",
                t,
                f"{source}/source_budget",
                limit,
                [_term(t, r, "amount", k) for k, r in lines],
                f"{source}: lines ≤ 预算资金",
                inequality=True,
            )
        )
    return results


def reconcile_fixed_assets(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    t = "fixed_assets"
    rows = d.table(t).to_dicts()
    total = _find(rows, "总额") or _find(rows, "合计")
    kinds = [r for r in rows if r is not total and r["parent"] is None]
    if total and kinds:
        results.append(
            check_sum(
                "fixed_assets_sum",
                t,
                "资产总额/value",
                _term(t, total, "value", total["item"]),
                [_term(t, r, "value", r["item"]) for r in kinds],
                "资产总额 = Σ kinds",
            )
        )
    for r in rows:
        parent = next((p for p in rows if p["item"] == r["parent"]), None) if r["parent"] else None
        if parent:
            for column in ("value", "quantity"):
                if r.get(column) is None or parent.get(column) is None:
                    continue
                results.append(
                    check_sum(
                        "fixed_assets_sum",
                        t,
                        f"{r['item']}/{column}",
                        _term(t, parent, column, parent["item"]),
                        [_term(t, r, column, r["item"])],
                        f"其中 {r['item']} ≤ {parent['item']}",
                        inequality=True,
                    )
                )
    return results


def reconcile_income_sources(d: Disclosure) -> list[Result]:
    """收入总计 = Σ sources' 小计; a source's 小计 = Σ its lines (其中 lines are part of a line)."""
    t = "income_sources"
    rows = d.table(t).to_dicts()
    results: list[Result] = []
    total = next((r for r in rows if r["level"] == 0), None)
    sources = [r for r in rows if r["level"] == 1]
    if total and sources:
        results.append(
            check_sum(
                "hierarchy_sum",
                t,
                "收入总计/amount",
                _term(t, total, "amount", total["item"]),
                [_term(t, r, "amount", r["item"]) for r in sources],
                "收入总计 = Σ 各来源小计",
            )
        )
    for source in sources:
        lines = [
            r
            for r in rows
            if r["level"] == 2 and r["group"] == source["item"] and "其中" not in r["item"]
        ]
        if lines:
            results.append(
                check_sum(
                    "hierarchy_sum",
                    t,
                    f"{source['item']}/amount",
                    _term(t, source, "amount", source["item"]),
                    [_term(t, r, "amount", r["item"]) for r in lines],
                    f"{source['item']} 小计 = Σ lines",
                )
            )
    return results


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


def _not_vouched_for(results: list[Result], incomplete: set[str]) -> list[Result]:
    """A break over a table read incompletely is the reading's doubt, not the document's
    error: it is reported as ``unread``."""
    for r in results:
        tables = sorted({term.table for _, term in r.terms} & incomplete)
        if r.status == "broken" and tables:
            names = "、".join(TABLE_TITLES_ZH.get(t, t) for t in tables)
            r.status = "unread"
            r.message = f"not checked, {names} read incompletely: {r.message}"
    return results


def run_rules(d: Disclosure) -> list[Result]:
    results: list[Result] = reconcile_reading(d)
    for table in FUNCTIONAL_TABLES + EXTRA_FUNCTIONAL_TABLES + ECONOMIC_TABLES:
        frame = d.table(table)
        results += reconcile_hierarchy(table, frame)
        results += reconcile_rows(table, frame, d.printed_columns.get(table))
    results += reconcile_income_sources(d)
    results += reconcile_summary(d)
    results += reconcile_fiscal_summary(d)
    results += reconcile_cross_tables(d)
    results += reconcile_three_public(d)
    results += reconcile_narrative(d)
    results += reconcile_projects(d)
    results += reconcile_procurement(d)
    results += reconcile_fixed_assets(d)
    return results


# -- results as frames -----------------------------------------------------------------------

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

    @property
    def errors(self) -> int:
        return int((self.findings["severity"] == "error").sum())


def reconcile(d: Disclosure) -> Reconciliation:
    token = _PRECISION.set(d.precision)
    try:
        results = _not_vouched_for(run_rules(d), d.incomplete_tables())
    finally:
        _PRECISION.reset(token)
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
    return Reconciliation(identities, findings, cells, counts)
