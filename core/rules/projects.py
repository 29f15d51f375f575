"""Project performance cards and tables: a card's funds and spending plan, and the
projects against 项目支出."""

from __future__ import annotations

import itertools

import polars as pl

from core.i18n import _
from core.model import (
    Disclosure,
)
from core.rules.arithmetic import (
    ZERO,
    Result,
    Term,
    check_equal,
    check_sum,
    money_text,
    term_of,
)


def reconcile_projects(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    t = "projects"
    frame = d.table("projects")
    # a table listing projects may list only the key ones (重点项目), and prints a project
    # again where a page break cut its merged cells: those repeats are not counted
    listed = "continued" in frame.columns
    cards = [
        c
        for c in frame.to_dicts()
        if not c.get("continued") and (c.get("name") or "") not in ("合计", "小计")
    ]
    for card in cards:
        key = card["project_code"] or card["name"] or str(card["seq"])
        budget = term_of(t, card, "budget", key)
        funds = [term_of(t, card, c, key) for c in ("fiscal_funds", "other_funds")]
        if not any(f.printed or f.classified for f in funds):
            continue  # the table prints no split of the project's money
        results.append(
            check_sum(
                "project_card",
                t,
                f"{key}/budget",
                budget,
                funds,
                _("{name}：预算数 = 财政资金 + 其他资金").format(name=card["name"]),
            )
        )
        plan = [term_of(t, card, f"plan_q{i}", key) for i in range(1, 5)]
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
                    _("{name}：累计支出计划末季 = 预算数").format(name=card["name"]),
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
                    _("{name}：各季度支出计划之和 = 预算数").format(name=card["name"]),
                )
            )
    exp0 = d.table("expenditure").filter(pl.col("level") == 0).to_dicts()
    columns = d.printed_columns.get("expenditure")
    if cards and exp0 and (columns is None or "project" in columns):
        total = term_of("expenditure", exp0[0], "project", "合计")
        operating = exp0[0].get("operating")
        if listed and operating:
            # a table of projects lists the 经营支出 projects too (Huzhou): the limit is both
            total = Term(
                "expenditure",
                "合计",
                "project+operating",
                (total.value or ZERO) + operating,
                total.classified,
                total.page,
            )
        parts = [
            term_of(t, c, "budget", c["project_code"] or c["name"] or str(c["seq"])) for c in cards
        ]
        what = _("项目支出 ≥ 所列项目之和") if listed else _("项目支出 = 各项目绩效目标表之和")
        result = check_sum("project_total", t, "项目支出", total, parts, what, listed)
        if result.status == "broken" and result.actual is not None:
            # The cards are proven of this budget's scope only where they add up to it: they
            # may list funds the unit passes on (转移支付, 提前下达) or only its key projects, and
            # a card cut by a page break may be unread. A gap is the scopes', not an error.
            wider = result.actual > (total.value or ZERO)
            result.status = "unverifiable"
            result.message = (
                _(
                    "各项目绩效目标表之和 {cards} 大于项目支出 {total}："
                    "所列项目资金口径宽于本部门预算（如转移支付、提前下达资金），不作等式核对"
                )
                if wider
                else _(
                    "各项目绩效目标表之和 {cards} 小于项目支出 {total}："
                    "部分项目未列绩效目标表或未读入，不作等式核对"
                )
            ).format(cards=money_text(result.actual), total=money_text(total.value))
        results.append(result)
    return results
