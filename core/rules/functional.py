"""Tables by functional and economic code: 合计 = Σ 类 = Σ 款 = Σ 项, and each row's
columns (合计 = 基本 + 项目, 基本 = 人员 + 公用, 合计 = 本年收入 + 结转 …)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import polars as pl

from core.i18n import _
from core.labels import column_label, key_label
from core.model import (
    FUND_BUDGETS,
    INCOME_KINDS,
    money_columns,
)
from core.rules.arithmetic import (
    Result,
    check_sum,
    code_label,
    row_key,
    term_of,
)


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
    printed_twice = {k for k, n in Counter(row_key(r) for r in rows if r["level"]).items() if n > 1}
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
            total = term_of(table, parent, column, row_key(parent))
            parts = [term_of(table, c, column, row_key(c)) for c in children]
            results.append(
                check_sum(
                    "hierarchy_sum",
                    table,
                    f"{code_label(code)}/{column}",
                    total,
                    parts,
                    _("{code} {column} = 下级之和").format(
                        code=key_label(code_label(code)), column=column_label(column, table)
                    ),
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
            total = term_of(table, row, total_col, row_key(row))
            parts = [term_of(table, row, c, row_key(row)) for c in part_cols]
            results.append(
                check_sum(
                    "row_arithmetic",
                    table,
                    f"{row_key(row)}/{total_col}",
                    total,
                    parts,
                    _("{row} {total} = {parts}").format(
                        row=key_label(row_key(row)),
                        total=column_label(total_col, table),
                        parts=" + ".join(column_label(c, table) for c in part_cols),
                    ),
                )
            )
    return results
