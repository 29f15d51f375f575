"""收支总表 and 财政拨款收支总表: their own totals, and the figures they share with the
other tables (class lines, totals, 一般公共预算拨款, 基本支出)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import polars as pl

from core.i18n import N_, _
from core.labels import column_label, table_title
from core.model import (
    FUND_BUDGETS,
    INCOME_KINDS,
    Disclosure,
)
from core.rules.arithmetic import (
    Result,
    Term,
    check_equal,
    check_sum,
    find_row,
    row_key,
    term_of,
    tolerance_for,
)
from core.tables.codes import class_lines

# How the carry-over lines are worded: 上年结转(结余), 上年结余、结转, 年初结转和结余; and on
# the spending side 年终结转结余, 结转下年, 年末结转和结余.
CARRY_IN = ("上年结转", "上年结余", "年初结转", "年初")


CARRY_OUT = ("结转结余", "结转下年", "年终结转", "年末结转", "年末")
THIS_YEAR = ("本年", "当年")  # 本年收入合计 is no grand total


def key_label_of(term: Term) -> str:
    """The item a summary term stands for, as printed (``side:item`` keys)."""
    return term.key.split(":", 1)[-1]


def grand_total_row(rows: list[dict[str, Any]], side: str) -> dict[str, Any] | None:
    """The row a side prints its grand total on as 总计 alone (a final account's summaries,
    both sides): that side's 总计, whatever else its lines say."""
    return next(
        (
            r
            for r in rows
            if r.get("side") == side and (r.get("item") or "").replace(" ", "") == "总计"
        ),
        None,
    )


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
    extras: tuple[list[Term], list[Term]] = ([], []),
) -> list[Result]:
    """收入总计 = 本年收入合计 + 结转, 支出总计 = 本年支出合计 + 结转, 收入总计 = 支出总计.

    ``income`` and ``spending`` are (总计, 本年合计, 结转) of each side; ``extras`` the other
    lines a final account adds to a side (使用非财政拨款结余; 结余分配), where printed.
    """
    results: list[Result] = []
    for (grand, current, carry), side, carry_name, more in (
        (income, "收入", carry_names[0], extras[0]),
        (spending, "支出", carry_names[1], extras[1]),
    ):
        if grand and current:
            carry_text = " + ".join([key_label_of(t) for t in more] + [carry_name])
            results.append(
                check_sum(
                    "summary_totals",
                    table,
                    f"{side}总计",
                    grand,
                    [p for p in (current, *more, carry) if p],
                    (
                        _("收入总计 = 本年收入合计 + {carry}")
                        if side == "收入"
                        else _("支出总计 = 本年支出合计 + {carry}")
                    ).format(carry=carry_text),
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
                _("收入总计 = 支出总计"),
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
                term_of(table, r, "total", key),
                [term_of(table, r, c, key) for c in FUND_BUDGETS],
                _("{item} 合计 = 各预算资金之和").format(item=r["item"]),
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
            found = find_row(rows, words, side=side, exclude=exclude)
            if found:
                return term(found)
        return None

    income_sub = first("income", "本年收入合计", "当年收入小计")
    carry_in = first("income", *CARRY_IN)
    # 收入合计 is the grand total only where it is not 本年收入合计 (found first by its words)
    income_total = term(grand_total_row(rows, "income")) or first(
        "income", "收入总计", "收入合计", exclude=THIS_YEAR
    )
    spend_sub = first("expenditure", "本年支出合计", "当年支出小计")
    carry_out = first("expenditure", *CARRY_OUT, exclude=("上年", "年初"))
    spend_total = term(grand_total_row(rows, "expenditure")) or first(
        "expenditure", "支出总计", "支出合计", exclude=THIS_YEAR
    )
    # a final account's other lines between this year's and the totals: 使用非财政拨款结余
    # (income), 结余分配 (spending)
    extras = (
        [x for x in (first("income", "使用非财政拨款结余"),) if x],
        [x for x in (first("expenditure", "结余分配"),) if x],
    )
    results += reconcile_grand_totals(
        t,
        (income_total, income_sub, carry_in),
        (spend_total, spend_sub, carry_out),
        ("年初结转和结余", "年末结转和结余")
        if d.meta.kind == "final"
        else ("上年结转结余", "年终结转结余"),
        extras,
    )
    lines = [
        r
        for r in rows
        if r["side"] == "income"
        and r["seq"] is not None
        and "、" in (r["item"] or "")
        and not find_row([r], "结转")
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
    classes = _class_rows([r for r in rows if r["side"] == "expenditure"], spend_sub)
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
    results += reconcile_economic_blocks(t, rows, spend_sub, "amount")
    # class lines against the class rows of 支出总表, matched by name. Where 支出总表 has
    # no class rows (Jiangsu prints one totals row; Xi'an prints rows by unit, 116
    # 西安市财政局, whose names are no class's), a 财政拨款 or 一般公共预算
    # 支出表 carries the same classes where its scope is proven the same: all income is
    # appropriation, or its 合计 is this year's spending.
    class_table = "expenditure"
    fiscal_line = first("income", "一、财政拨款")
    all_appropriated = (
        fiscal_line is not None and income_sub is not None and fiscal_line.value == income_sub.value
    )

    def same_scope(tid: str) -> bool:
        total = d.table(tid).filter(pl.col("level") == 0)
        return all_appropriated or bool(
            spend_sub is not None and total.height and total["total"][0] == spend_sub.value
        )

    def named_classes(tid: str) -> int:
        names = set(d.table(tid).filter(pl.col("level") == 1)["name"].to_list())
        return sum(_class_name(r["item"]) in names for r in classes)

    if classes and named_classes("expenditure") == 0:
        class_table = next(
            (
                tid
                for tid in ("fiscal_expenditure", "gpb_expenditure")
                if named_classes(tid) and same_scope(tid)
            ),
            "expenditure",
        )
    expenditure = d.table(class_table).filter(pl.col("level") == 1).to_dicts()
    if not expenditure or not named_classes(class_table):
        classes = []  # nothing to match against: not a break of the document
    by_name = {r["name"]: r for r in expenditure}
    zh = table_title(class_table)
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
                    _("收支总表 {item} 在{table}中没有对应的类").format(item=r["item"], table=zh),
                    # the class table takes part: read incompletely, it is in doubt, not this
                    [("total", line), ("part", Term(class_table, name, "total", None))],
                )
            )
            continue
        results.append(
            check_equal(
                "cross_table",
                t,
                f"{name}/amount",
                line,
                term_of(class_table, match, "total", match["code"]),
                _("收支总表 {name} = {table} {code}").format(
                    name=name, table=zh, code=match["code"]
                ),
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
                term_of("expenditure", exp_total[0], "total", "合计"),
                "收支总表 本年支出合计 = 支出总表 合计",
            )
        )
    income_printed = d.printed_columns.get("income")
    if (
        income_sub
        and inc_total
        and income_printed is not None
        and "total" not in income_printed
        and "current_year" in income_printed
    ):
        # a 收入决算表 prints 本年收入合计 and no 合计 (a final account's carry-over is no
        # income of the year): this year's income on both
        results.append(
            check_equal(
                "cross_table",
                t,
                "本年收入合计",
                income_sub,
                term_of("income", inc_total[0], "current_year", "合计"),
                _("收支总表 本年收入合计 = 收入总表 本年收入合计"),
            )
        )
    elif income_total and inc_total:
        results.append(
            check_equal(
                "cross_table",
                t,
                "收入总计",
                income_total,
                term_of("income", inc_total[0], "total", "合计"),
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
    income_printed = d.printed_columns.get("income")
    # a 收入决算表 without a 合计 column (本年收入合计 only) balances with no 支出 table: a
    # final account's income and spending of the year differ by what is carried over
    if inc0 and exp0 and (income_printed is None or "total" in income_printed):
        results.append(
            check_equal(
                "cross_table",
                "income",
                "合计/total",
                term_of("income", inc0, "total", "合计"),
                term_of("expenditure", exp0, "total", "合计"),
                _("收入总表 合计 = 支出总表 合计"),
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
                term_of("gpb_basic_expenditure", basic0, "total", "合计"),
                term_of(source, row, "basic", "合计"),
                _("基本支出表 合计 = {table} 基本支出").format(table=table_title(source)),
            )
        )
    # Where all money is appropriation, 一般公共预算支出表 repeats 支出总表 code by code.
    all_fiscal = inc0 is not None and all(
        inc0.get(c) is None for c in INCOME_KINDS if c != "fiscal_appropriation"
    )
    # A 支出总表 printed by unit × funding source (Xi'an: 116 西安市财政局, 116001 …) shares
    # no code with the functional table: there is no row to compare a code with, which is no
    # code missing from it.
    exp_codes = {r["code"] for r in exp if r.get("code")}
    exp_by_function = any(r.get("code") in exp_codes for r in gpb)
    if all_fiscal and gpb and exp and exp_by_function:
        # a code printed twice (once per unit, Beijing) has no one row to compare with
        in_exp, in_gpb = Counter(row_key(r) for r in exp), Counter(row_key(r) for r in gpb)
        exp_by_code = {row_key(r): r for r in exp if in_exp[row_key(r)] == 1}
        gpb = [r for r in gpb if in_gpb[row_key(r)] == 1 and in_exp[row_key(r)] <= 1]
        for row in gpb:
            match = exp_by_code.get(row_key(row))
            for column in ("total", "basic", "project"):
                a = term_of("gpb_expenditure", row, column, row_key(row))
                if match is None:
                    if a.value is not None:
                        results.append(
                            Result(
                                "cross_table",
                                "gpb_expenditure",
                                f"{row_key(row)}/{column}",
                                "broken",
                                a.value,
                                None,
                                a.value,
                                tolerance_for(1),
                                _("{code} 不见于支出总表").format(code=row_key(row)),
                                [("total", a)],
                            )
                        )
                    continue
                b = term_of("expenditure", match, column, row_key(match))
                if a.value is None and b.value is None and not (a.classified or b.classified):
                    continue
                results.append(
                    check_equal(
                        "cross_table",
                        "gpb_expenditure",
                        f"{row_key(row)}/{column}",
                        a,
                        b,
                        _("一般公共预算支出表 {code} {column} = 支出总表").format(
                            code=row_key(row), column=column_label(column)
                        ),
                    )
                )
    fs = d.table("fiscal_summary").to_dicts()
    summary = d.table("summary").to_dicts()
    fs_gpb = find_row(_before_carry_over(fs, "income"), "一般公共预算", side="income")
    sm_gpb = find_row(_before_carry_over(summary, "income"), "一般公共预算", side="income")
    # A 收支总表 printing no carry-over line of its own counts the carried 一般公共预算 in its
    # line (Chongqing 表一 227,955.11 = 表四 223,898.88 + 上年结转 4,056.23): where the
    # two figures differ by just that carried line, the scopes are told apart and added.
    fs_income = [r for r in fs if r.get("side") == "income"]
    carried_at = next(
        (i for i, r in enumerate(fs_income) if any(w in (r["item"] or "") for w in CARRY_IN)),
        None,
    )
    fs_carried = (
        find_row(fs_income[carried_at + 1 :], "一般公共预算") if carried_at is not None else None
    )
    sm_has_carry = any(
        any(w in (r["item"] or "") for w in CARRY_IN) and r.get("amount") is not None
        for r in summary
        if r.get("side") == "income"
    )
    summary_gpb = (
        Term(
            "summary", f"income:{sm_gpb['item']}", "amount", sm_gpb["amount"], False, sm_gpb["page"]
        )
        if sm_gpb
        else None
    )
    if (
        summary_gpb
        and fs_gpb
        and sm_gpb
        and fs_carried
        and not sm_has_carry
        and fs_gpb["total"] is not None
        and fs_carried["total"] is not None
        and sm_gpb["amount"] is not None
        and abs(fs_gpb["total"] + fs_carried["total"] - sm_gpb["amount"]) <= tolerance_for(3)
    ):
        results.append(
            check_sum(
                "cross_table",
                "fiscal_summary",
                "一般公共预算拨款",
                summary_gpb,
                [
                    term_of("fiscal_summary", fs_gpb, "total", f"income:{fs_gpb['item']}"),
                    term_of("fiscal_summary", fs_carried, "total", f"income:{fs_carried['item']}"),
                ],
                _("收支总表 一般公共预算拨款 = 财政拨款收支总表 本年 + 上年结转"),
            )
        )
    elif summary_gpb and fs_gpb:
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
                summary_gpb,
                _("财政拨款收支总表 一般公共预算拨款 = 收支总表"),
            )
        )
    return results


_NUMBERING = re.compile(r"^\s*(?:([一二三四五六七八九十]+)|(\d+)|[(（]\d+[)）])\s*[、.．)）]?")


def _numbering_level(item: str) -> int:
    """一、 heads 1、, which heads (1): the depth a line's numbering gives it."""
    m = _NUMBERING.match(item)
    if m is None:
        return 0
    return 0 if m.group(1) else 1 if m.group(2) else 2


def _class_rows(rows: list[dict[str, Any]], total: Term | None = None) -> list[dict[str, Any]]:
    """The expenditure class lines of a summary: numbered (一、一般公共服务支出), or, where the
    producer lists 类, 款 and 项 by name alone, the lines a class's name heads.

    Where the numbering has levels (一、财政拨款 heading 1、一般公共服务支出 …, Xi'an), the
    page reads two ways: the heading lines or the lines under them. The total chooses: the
    level whose lines add up to it."""
    numbered = [
        r
        for r in rows
        if "、" in (r["item"] or "")
        and not any(w in r["item"] for w in ("合计", "总计", "结转", "结余"))
    ]
    levels = sorted({_numbering_level(r["item"]) for r in numbered})
    if total is not None and total.value is not None and len(levels) > 1:
        # a heading line that repeats the total (一、财政拨款) adds up trivially: it is no
        # reading of the classes, only a level of several lines is
        by_level = [
            lines
            for level in levels
            if len(lines := [r for r in numbered if _numbering_level(r["item"]) == level]) > 1
        ]
        for lines in by_level:
            figures = [v for r in lines if (v := r.get("total", r.get("amount"))) is not None]
            if figures and abs(sum(figures) - total.value) <= tolerance_for(len(figures) + 1):
                return lines
        if by_level:
            return by_level[0]  # none adds up: the shallowest is the classes, and it breaks
    if numbered:
        return numbered
    return [rows[i] for i in class_lines([r["item"] for r in rows])]


ECONOMIC_SIDES = {
    "expenditure_economic": N_("部门预算支出经济分类"),
    "expenditure_gov_economic": N_("政府预算支出经济分类"),
}


def reconcile_economic_blocks(
    t: str, rows: list[dict[str, Any]], spent: Term | None, value: str
) -> list[Result]:
    """A summary printing its spending again by economic class (功能 | 部门经济 | 政府经济
    side by side): each block's lines add up to the same 本年支出合计, and a line numbered
    (1) … under 1、 adds up to it."""
    results: list[Result] = []
    for side, name in ECONOMIC_SIDES.items():
        block = [r for r in rows if r["side"] == side]
        lines = _class_rows(block, spent)
        if spent is None or not lines:
            continue

        def term(r: dict[str, Any], side: str = side) -> Term:
            return term_of(t, r, value, f"{side}:{r['item']}")

        results.append(
            check_sum(
                "summary_totals",
                t,
                f"本年支出合计/{_(name)}",
                spent,
                [term(r) for r in lines],
                _("本年支出合计 = {block}各类之和").format(block=_(name)),
            )
        )
        head: dict[str, Any] | None = None
        under: list[dict[str, Any]] = []
        for r in [*block, None]:
            level = _numbering_level(r["item"]) if r is not None else 1
            if level == 2 and head is not None and r is not None:
                under.append(r)
                continue
            if level <= 1:
                if head is not None and any(u.get(value) is not None for u in under):
                    results.append(
                        check_sum(
                            "summary_totals",
                            t,
                            f"{side}:{head['item']}",
                            term(head),
                            [term(u) for u in under],
                            _("{line} = 其下各项之和").format(line=head["item"]),
                        )
                    )
                head, under = (r if level == 1 else None), []
    return results


def reconcile_fiscal_summary(d: Disclosure) -> list[Result]:
    results: list[Result] = []
    rows = d.table("fiscal_summary").to_dicts()
    t = "fiscal_summary"
    spending_rows = [r for r in rows if r["side"] == "expenditure"]
    results += reconcile_fund_split(t, spending_rows, lambda r: f"expenditure:{r['item']}")

    def amount(side: str, *wordings: str) -> Term | None:
        for words in wordings:  # the seed's wording, then Jiangsu's
            r = find_row(rows, words, side=side)
            if r:
                return term_of(t, r, "total", f"{side}:{r['item']}")
        return None

    def grand(side: str) -> Term | None:
        r = grand_total_row(rows, side)
        return term_of(t, r, "total", f"{side}:{r['item']}") if r else None

    results += reconcile_grand_totals(
        t,
        (
            grand("income") or amount("income", "收入总计", "收入合计"),
            amount("income", "本年收入合计"),
            amount("income", *CARRY_IN),
        ),
        (
            grand("expenditure") or amount("expenditure", "支出总计", "支出合计"),
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
    # 收入合计 told by position: under 一、本年收入 and 二、上年结转 (Chongqing) it holds the
    # carry-over too. The page reads both ways; the lines that add up to it choose.
    with_carry = [r for r in rows if r["side"] == "income" and "、" in (r["item"] or "")]
    if income_total is not None and income_total.value is not None and with_carry != income_lines:
        figures = [r["total"] for r in with_carry if r["total"] is not None]
        if abs(sum(figures) - income_total.value) <= tolerance_for(len(figures) + 1):
            income_lines = with_carry
    if income_total and income_lines and amount("income", "本年收入合计") is None:
        results.append(
            check_sum(
                "summary_totals",
                t,
                "收入合计",
                income_total,
                [term_of(t, r, "total", f"income:{r['item']}") for r in income_lines],
                _("收入合计 = 一般公共预算 + 政府性基金 + …"),
            )
        )
    # the class lines (一、一般公共服务支出 …) add up to this year's spending: 本年支出合计,
    # or, where none is printed and nothing is carried forward, 支出总计
    carried = amount("expenditure", *CARRY_OUT)
    spent = amount("expenditure", "本年支出合计") or (
        amount("expenditure", "支出总计", "支出合计")
        if carried is None or not carried.value
        else None
    )
    classes = _class_rows([r for r in rows if r["side"] == "expenditure"], spent)
    if spent and classes:
        results.append(
            check_sum(
                "summary_totals",
                t,
                spent.key.split(":", 1)[-1],
                spent,
                [term_of(t, r, "total", f"expenditure:{r['item']}") for r in classes],
                _("{total} = 各类支出之和").format(total=spent.key.split(":", 1)[-1]),
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
                [term_of(t, r, "total", f"expenditure_use:{r['item']}") for r in uses],
                _("支出合计 = 各支出用途之和"),
            )
        )
    results += reconcile_economic_blocks(t, rows, spent, "total")
    return results
