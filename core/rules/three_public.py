"""The "三公" table: 小计 = 出国 + 用车 + 接待, 用车 = 购置 + 运行维护, 合计 = Σ funds — for
the department and for each unit or year the table lists."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.i18n import _
from core.labels import column_label
from core.model import (
    FUND_BUDGETS,
    Disclosure,
)
from core.rules.arithmetic import (
    Result,
    Term,
    check_sum,
    find_row,
    term_of,
)
from core.rules.summary import reconcile_fund_split


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
                r.message = _("{unit}：{message}").format(unit=unit, message=r.message)
        results += group
    return results


def _three_public_group(rows: list[dict[str, Any]]) -> list[Result]:
    results: list[Result] = []
    if not rows:
        return results
    t = "three_public"
    total = find_row(rows, "合计")
    sub = find_row(rows, "三公", "小计") or find_row(rows, "小计")
    abroad = find_row(rows, "因公出国", exclude=("其中", "其他"))
    vehicles = find_row(rows, "公务用车购置及运", exclude=("其中",))
    purchase = find_row(rows, "公务用车购置费")
    operation = (
        find_row(rows, "公务用车运行维护费")
        or find_row(rows, "运行维护费")
        or find_row(rows, "公务用车运行")
    )
    reception = find_row(rows, "公务接待费")
    meeting = find_row(rows, "会议费", exclude=("其他",))
    training = find_row(rows, "培训费")
    abroad_parts = [r for r in rows if "出国" in (r["item"] or "") and r is not abroad]
    columns = [c for c in ("total", *FUND_BUDGETS) if any(r.get(c) is not None for r in rows)] or [
        "total"
    ]

    def terms(rs: Iterable[dict[str, Any] | None], column: str) -> list[Term]:
        return [term_of(t, r, column, r["item"]) for r in rs if r is not None]

    for column in columns:
        if sub:
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"三公小计/{column}",
                    term_of(t, sub, column, sub["item"]),
                    terms((abroad, vehicles, reception), column),
                    _("“三公”经费小计 {column} = 出国 + 用车 + 接待").format(
                        column=column_label(column, t)
                    ),
                )
            )
        if vehicles and (purchase or operation):
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"公务用车/{column}",
                    term_of(t, vehicles, column, vehicles["item"]),
                    terms((purchase, operation), column),
                    _("公务用车购置及运维费 {column} = 购置 + 运行维护").format(
                        column=column_label(column, t)
                    ),
                )
            )
        if abroad and abroad_parts:
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"因公出国/{column}",
                    term_of(t, abroad, column, abroad["item"]),
                    terms(abroad_parts, column),
                    _("因公出国（境）费 {column} = 其中各项之和").format(
                        column=column_label(column, t)
                    ),
                )
            )
        if total and not sub and (abroad or vehicles or reception):
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"合计/{column}",
                    term_of(t, total, column, total["item"]),
                    terms((abroad, vehicles, reception, meeting, training), column),
                    _("合计 {column} = 出国 + 用车 + 接待（+ 会议费 + 培训费）").format(
                        column=column_label(column, t)
                    ),
                )
            )
        if total and sub:
            results.append(
                check_sum(
                    "three_public_sum",
                    t,
                    f"合计/{column}",
                    term_of(t, total, column, total["item"]),
                    terms((sub, meeting, training), column),
                    _("合计 {column} = 三公小计 + 会议费 + 培训费").format(
                        column=column_label(column, t)
                    ),
                )
            )
    results += reconcile_fund_split(t, rows, lambda r: r["item"])
    return results
