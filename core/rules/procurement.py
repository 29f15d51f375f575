"""政府采购预算: a line's 数量 × 单价 and sources, lines into 小计 into 合计, a project's
lines within its 预算资金; Jiangsu's category tree; procurement by functional code."""

from __future__ import annotations

from typing import Any

from core.i18n import _
from core.labels import row_kind_label
from core.model import (
    PROCUREMENT_FUNDS,
    Disclosure,
)
from core.rules.arithmetic import (
    HALF_CENT,
    Result,
    Term,
    check_sum,
    term_of,
)
from core.rules.functional import reconcile_hierarchy


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
    for i, (_key, r) in enumerate(keyed):
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
        label = (
            label
            or row.get("economic_item")
            or row.get("source_project")
            or row_kind_label(row["row_kind"])
        )
        results.append(
            check_sum(
                "procurement_sum",
                t,
                f"{key}/amount",
                term_of(t, row, "amount", key),
                [term_of(t, keyed[k][1], "amount", keyed[k][0]) for k in kids],
                _("{label} = 下列各行之和").format(label=label),
            )
        )
    return results


def _procurement_funds(rows: list[dict[str, Any]]) -> list[Result]:
    """金额 = Σ its sources, on every row that prints a source."""
    t = "procurement"
    results: list[Result] = []
    for i, r in enumerate(rows):
        key = f"row {i + 1}"
        label = r.get("item") or r.get("unit") or r.get("category") or row_kind_label(r["row_kind"])
        if r.get("amount") is not None or "amount" in r["classified"]:
            parts = [term_of(t, r, c, key) for c in PROCUREMENT_FUNDS]
            if any(p.printed or p.classified for p in parts):
                results.append(
                    check_sum(
                        "procurement_line",
                        t,
                        f"{key}/funds",
                        term_of(t, r, "amount", key),
                        parts,
                        _("{label}：金额 = 各资金来源之和").format(label=label),
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
        label = r.get("item") or r.get("unit") or row_kind_label(r["row_kind"])
        if r["row_kind"] == "line" and (
            r.get("quantity") is not None and r.get("unit_price") is not None
        ):
            q, price = r["quantity"], r["unit_price"]
            product = Term(t, key, "quantity×unit_price", q * price, False, r["page"])
            amount = term_of(t, r, "amount", key)
            # the unit price is rounded to ±0.005, so the product carries q × 0.005
            results.append(
                check_sum(
                    "procurement_line",
                    t,
                    f"{key}/amount",
                    amount,
                    [product],
                    _("{label}：数量 × 单价 = 金额").format(label=label),
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
                    term_of(t, sub, "amount", skey),
                    [term_of(t, r, "amount", k) for k, r in lines],
                    _("{unit}小计 = 各行之和").format(unit=sub.get("unit") or ""),
                )
            )
    total = next(((k, r) for k, r in keyed if r["row_kind"] == "total"), None)
    if total and groups:
        results.append(
            check_sum(
                "procurement_sum",
                t,
                f"{total[0]}/amount",
                term_of(t, total[1], "amount", total[0]),
                [term_of(t, s, "amount", k) for (k, s), _lines in groups],
                _("合计 = 各小计之和"),
            )
        )
    by_source: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for key, r in keyed:
        if r["row_kind"] == "line" and r.get("source_project"):
            by_source.setdefault(r["source_project"], []).append((key, r))
    for source, lines in by_source.items():
        budget_row = next((r for _key, r in lines if r.get("source_budget") is not None), None)
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
                [term_of(t, r, "amount", k) for k, r in lines],
                _("{source}：采购各行之和 ≤ 预算资金").format(source=source),
                inequality=True,
            )
        )
    return results
