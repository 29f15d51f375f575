"""The 情况说明 against the tables: each figure the prose quotes, each 项 it explains, and
the year-on-year changes it claims add up."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from core.i18n import _
from core.labels import column_label, key_label, table_title
from core.model import (
    EXTRA_FUNCTIONAL_TABLES,
    FUNCTIONAL_TABLES,
    FUND_BUDGETS,
    Disclosure,
)
from core.rules.arithmetic import (
    PERSONNEL_CLASSES,
    ZERO,
    Result,
    Term,
    check_sum,
    find_row,
    half_width,
    money_text,
    sum_of,
    term_of,
)


# narrative key -> (table, how to find the row, column)
def _narrative_counterparts(d: Disclosure) -> dict[str, Term]:
    out: dict[str, Term] = {}
    summary = d.table("summary").to_dicts()

    def sm(words: str, side: str = "income") -> Term | None:
        r = find_row(summary, words, side=side)
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
    # a final account's totals: each summary's 总计, this year's income and spending
    fiscal = d.table("fiscal_summary").to_dicts()
    for key, rows, table, column, words in (
        ("final_total", summary, "summary", "amount", "总计"),
        ("final_fiscal_total", fiscal, "fiscal_summary", "total", "总计"),
        ("final_income", summary, "summary", "amount", "本年收入合计"),
        ("final_expenditure", summary, "summary", "amount", "本年支出合计"),
    ):
        side = "expenditure" if key == "final_expenditure" else "income"
        row = next(
            (
                r
                for r in rows
                if r.get("side") == side and (r.get("item") or "").replace(" ", "") == words
            ),
            None,
        )
        if row is not None:
            out[key] = term_of(table, row, column, f"{side}:{row['item']}")
    exp0 = d.table("expenditure").filter(pl.col("level") == 0).to_dicts()
    shown = d.printed_columns.get("expenditure")
    if exp0:
        for key, column in (
            ("expenditure_total", "total"),
            ("expenditure_basic", "basic"),
            ("expenditure_project", "project"),
        ):
            if shown is None or column in shown:
                out[key] = term_of("expenditure", exp0[0], column, "合计")
        if shown is not None and "basic" not in shown and "personnel" in shown:
            # 基本支出 printed only as its two parts
            parts = [term_of("expenditure", exp0[0], c, "合计") for c in ("personnel", "public")]
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
        out["expenditure_gpb_basic"] = term_of("gpb_basic_expenditure", basic0[0], "total", "合计")
    printed = d.printed_columns.get("gpb_basic_expenditure")
    if basic0 and (printed is None or "personnel" in printed):
        out["expenditure_personnel"] = term_of(
            "gpb_basic_expenditure", basic0[0], "personnel", "合计"
        )
        out["expenditure_public"] = term_of("gpb_basic_expenditure", basic0[0], "public", "合计")
        out["operating_costs"] = term_of("gpb_basic_expenditure", basic0[0], "public", "合计")
    elif basic0:
        # a table of 金额 only: 人员经费 is 301 工资福利 + 303 对个人和家庭的补助, 公用经费 the rest
        classes = basic.filter(pl.col("level") == 1).to_dicts()
        people = [r for r in classes if r["code"] in PERSONNEL_CLASSES]
        others = [r for r in classes if r["code"] not in PERSONNEL_CLASSES]
        for key, rows in (("expenditure_personnel", people), ("expenditure_public", others)):
            if rows:
                out[key] = sum_of("gpb_basic_expenditure", rows, "total")
    # 机关运行经费 printed as its own figure wins over 公用经费, which can include more
    operating0 = d.table("operating_costs").filter(pl.col("level") == 0).to_dicts()
    if operating0:
        out["operating_costs"] = term_of("operating_costs", operating0[0], "total", "合计")
    tp = [r for r in d.table("three_public").to_dicts() if r.get("unit") is None]
    running = find_row(tp, "机关运行经费")
    if running:
        out["operating_costs"] = term_of("three_public", running, "total", running["item"])
    kinds: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
        ("three_public_total", ("三公", "小计"), ()),
        ("three_public_abroad", ("因公出国",), ("其中", "其他")),
        ("three_public_vehicles", ("公务用车购置及运",), ("其中",)),
        ("three_public_vehicle_purchase", ("公务用车购置费",), ()),
        ("three_public_vehicle_operation", ("运行维护费",), ("购置及", "购置和")),
        ("three_public_reception", ("公务接待费",), ()),
    )
    # a 三公 table printing only each budget's share (Shenzhen: 一般公共预算 | 政府性基金 | …)
    # is compared through their sum
    by_fund = bool(tp) and all(r.get("total") is None for r in tp)
    for key, needles, exclude in kinds:
        r = find_row(tp, *needles, exclude=exclude)
        if r and by_fund:
            shares = [term_of("three_public", r, c, r["item"]) for c in FUND_BUDGETS]
            out[key] = Term(
                "three_public",
                r["item"],
                "+".join(FUND_BUDGETS),
                sum((t.value or ZERO for t in shares), ZERO),
                any(t.classified for t in shares),
                r["page"],
            )
        elif r:
            out[key] = term_of("three_public", r, "total", r["item"])
    fa = d.table("fixed_assets").to_dicts()
    r = find_row(fa, "总额") or find_row(fa, "合计")
    if r:
        out["fixed_assets_total"] = term_of("fixed_assets", r, "value", r["item"])
    return out


# the prose's 基本支出 / 项目支出 / 支出合计 may speak of all funds (支出总表) or of the
# 一般公共预算 (一般公共预算支出表): the same words, two scopes
_SCOPED = {
    "expenditure_total": "total",
    "expenditure_basic": "basic",
    "expenditure_project": "project",
}


def _in_another_scope(
    d: Disclosure, key: str, label: str, said: Term, all_funds: Term, result: Result
) -> Result:
    """A figure of the prose that does not match the all-funds table is held to the
    一般公共预算 table's (its sentence may speak of that scope). Where it matches neither and
    the two tables' scopes differ, the figure is of a scope no table prints: a warning that
    names them, bounded by the all-funds figure (a part of all funds is never more)."""
    gpb0 = d.table("gpb_expenditure").filter(pl.col("level") == 0).to_dicts()
    column = _SCOPED[key]
    if not gpb0 or column not in gpb0[0]:
        return result
    narrow = term_of("gpb_expenditure", gpb0[0], column, "合计")
    if narrow.value is None or narrow.value == all_funds.value:
        return result  # one scope after all: the break stands
    what = _("说明 {label} = {table} {key} {column}").format(
        label=label,
        table=table_title("gpb_expenditure"),
        key=key_label("合计"),
        column=column_label(column, "gpb_expenditure"),
    )
    held = _prose_vs_table(d, "narrative_vs_table", "narrative_figures", key, said, narrow, what)
    if held.status != "broken":
        return held
    bounded = _prose_vs_table(
        d, "narrative_vs_table", "narrative_figures", key, said, all_funds, what, at_most=True
    )
    if bounded.status == "broken":
        return result  # more than all funds: the prose is wrong whatever its scope
    result.status = "unverifiable"
    result.message = _(
        "说明 {label} {value} 与 {wide}（{wide_value}）及 {narrow}（{narrow_value}）均不符："
        "两表口径不同，说明所指口径无表可核"
    ).format(
        label=label,
        value=money_text(said.value),
        wide=table_title(all_funds.table),
        wide_value=money_text(all_funds.value),
        narrow=table_title("gpb_expenditure"),
        narrow_value=money_text(narrow.value),
    )
    result.terms = [*result.terms, ("part", narrow)]
    return result


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
                    term_of(table, row, "total", item["code"]),
                    _("说明 {name}（项） = {table} {code}").format(
                        name=item["name"], table=table_title(table), code=item["code"]
                    ),
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
            if fig["value"]:
                # the table leaves the cell blank where the prose quotes a figure: nothing
                # printed to compare with (a blank cell is not the document's error)
                results.append(
                    Result(
                        "narrative_vs_table",
                        "narrative_figures",
                        key,
                        "unverifiable",
                        None,
                        fig["value"],
                        None,
                        ZERO,
                        _("无法核对 说明 {label} {value}：{table} {key} 为空").format(
                            label=fig["label"],
                            value=fig["value"],
                            table=table_title(table_term.table),
                            key=key_label(table_term.key),
                        ),
                        [("total", table_term), ("part", said)],
                    )
                )
                continue
            table_term = Term(
                table_term.table, table_term.key, table_term.column, ZERO, False, table_term.page
            )  # a blank cell against a quoted zero
        # 机关运行经费 is the 公用经费 of the 行政 (and 参公) units only: where no table prints
        # it, the prose's figure can only be held to at most 公用经费
        at_most = key == "operating_costs" and table_term.column == "public"
        relation = "≤" if at_most else "="
        what = _("说明 {label} {relation} {table} {key} {column}").format(
            label=fig["label"],
            relation=relation,
            table=table_title(table_term.table),
            key=key_label(table_term.key),
            column=column_label(table_term.column, table_term.table),
        )
        result = _prose_vs_table(
            d,
            "narrative_vs_table",
            "narrative_figures",
            key,
            said,
            table_term,
            what,
            at_most=at_most,
        )
        if result.status == "broken" and key in _SCOPED:
            result = _in_another_scope(d, key, fig["label"], said, table_term, result)
        results.append(result)
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
                _("一般公共预算收入 = 说明逐项列示的支出之和"),
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
                _("增减总额 = 基本支出增减 + 项目支出增减"),
            )
        )
    return results
