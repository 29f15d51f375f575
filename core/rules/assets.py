"""Fixed assets (资产总额 = Σ kinds, 其中 ≤ its parent) and income by source."""

from __future__ import annotations

from core.i18n import _
from core.model import (
    Disclosure,
)
from core.rules.arithmetic import (
    Result,
    check_sum,
    find_row,
    term_of,
)


def reconcile_fixed_assets(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    t = "fixed_assets"
    rows = d.table(t).to_dicts()
    total = find_row(rows, "总额") or find_row(rows, "合计")
    kinds = [r for r in rows if r is not total and r["parent"] is None]
    if total and kinds:
        results.append(
            check_sum(
                "fixed_assets_sum",
                t,
                "资产总额/value",
                term_of(t, total, "value", total["item"]),
                [term_of(t, r, "value", r["item"]) for r in kinds],
                _("资产总额 = 各类资产之和"),
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
                        term_of(t, parent, column, parent["item"]),
                        [term_of(t, r, column, r["item"])],
                        _("其中 {item} ≤ {parent}").format(item=r["item"], parent=parent["item"]),
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
                term_of(t, total, "amount", total["item"]),
                [term_of(t, r, "amount", r["item"]) for r in sources],
                _("收入总计 = 各来源小计之和"),
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
                    term_of(t, source, "amount", source["item"]),
                    [term_of(t, r, "amount", r["item"]) for r in lines],
                    _("{source} 小计 = 各行之和").format(source=source["item"]),
                )
            )
    return results
