"""The 说明 of a final account against its budget: each sentence that states a 预算 and its
决算 ("年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算
数的主要原因…") has its rate recomputed (决算 ÷ 预算, interval arithmetic over the printed
figures, as every share) and its word — 大于 / 小于 / 等于 / 持平 / 增加 / 减少 — checked
against the two figures it speaks of. A word the figures contradict is an error.
"""

from __future__ import annotations

import re
from decimal import Decimal

from core.i18n import _
from core.model import Disclosure
from core.rules.arithmetic import Result, Term
from core.rules.claims import (
    claim_stream,
    half_unit,
    number,
    percent_result,
    ratio_bounds,
)

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WAN = r"万(?:[-—]\d{1,3}[-—])?元"
# 年初预算为X万元，(2024年度)支出决算为Y万元，完成(年初)预算的Z% — the rate optional
_STATED = re.compile(
    rf"((?:年初|全年|调整)?预算(?:数)?)为{_NUM}{_WAN}[，,]?"
    rf"(?:(?:19|20)\d{{2}}年度?)?(?:支出)?决算(?:数)?为{_NUM}{_WAN}"
    rf"(?:[，,]?(?:完成|为|占)(?:年初|全年|调整)?预算(?:数)?的{_NUM}%)?"
)
# what the next sentence says of the two: 决算数小于(年初)预算数 / 决算数与预算数持平 / 持平
_WORD = re.compile(
    r"决算数?(?:(大于|小于|等于|高于|低于)(?:年初|全年|调整)?预算数?"
    r"|与(?:年初|全年|调整)?预算数?(持平|相等|一致)"
    r"|比(?:年初|全年|调整)?预算数?(增加|减少))"
)
_WINDOW = 80  # the word follows within the next sentence
_SAYS = {
    "大于": 1,
    "高于": 1,
    "增加": 1,
    "小于": -1,
    "低于": -1,
    "减少": -1,
    "等于": 0,
    "持平": 0,
    "相等": 0,
    "一致": 0,
}


def _term(key: str, value: Decimal, page: int | None) -> Term:
    return Term("narrative_figures", key, "value", value, False, page)


def reconcile_execution(d: Disclosure) -> list[Result]:
    if not d.prose:
        return []
    text, owner = claim_stream(d.prose)
    results: list[Result] = []
    stated = list(_STATED.finditer(text))
    for k, m in enumerate(stated):
        basis, planned_printed, actual_printed, pct = m.group(1), m.group(2), m.group(3), m.group(4)
        planned, actual = number(planned_printed), number(actual_printed)
        page = owner[m.start()]
        location = f"{actual_printed}万元 ÷ {planned_printed}万元"
        terms = [("part", _term(location, actual, page)), ("total", _term(location, planned, page))]
        if pct is not None:
            bounds = ratio_bounds(
                actual, half_unit(actual_printed), planned, half_unit(planned_printed)
            )
            if bounds is not None:
                results.append(
                    percent_result(
                        "prose_execution",
                        location,
                        pct,
                        bounds,
                        actual / planned * 100,
                        _("完成率 {actual} ÷ {basis} {planned} = {pct}%").format(
                            actual=actual_printed, basis=basis, planned=planned_printed, pct=pct
                        ),
                        terms,
                    )
                )
        # the word of this sentence, not of the next comparison's
        end = min(m.end() + _WINDOW, stated[k + 1].start() if k + 1 < len(stated) else len(text))
        said = _WORD.search(text, m.end(), end)
        if said is None:
            continue
        word = next(g for g in said.groups() if g)
        gap = actual - planned
        tolerance = half_unit(actual_printed) + half_unit(planned_printed)
        holds = {1: gap > tolerance, -1: gap < -tolerance, 0: abs(gap) <= tolerance}[_SAYS[word]]
        results.append(
            Result(
                "prose_execution_word",
                "narrative_figures",
                f"{location}/{word}",
                "ok" if holds else "broken",
                planned,
                actual,
                gap,
                tolerance,
                _("“决算数{word}预算数”：决算 {actual} 对 {basis} {planned}，差 {gap}").format(
                    word=word,
                    actual=actual_printed,
                    basis=basis,
                    planned=planned_printed,
                    gap=f"{gap:,.2f}",
                )
                + ("" if holds else _("，与所说不符")),
                terms,
            )
        )
    return results
