"""Layouts seen in published packages, second set (tests/generator/variants.py): project
performance tables and cards, procurement by functional code, a summary naming its classes
without ordinals, and the "三公" table by year — what the parser must read from each."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import polars as pl

from core.parse import parse_pdf
from core.rules.reconcile import reconcile
from tests.generator import variants as V
from tests.test_layout_variants import assert_no_error, assert_read_completely, findings, row_of

Rendered = Callable[..., Path]


# -- 1. the project performance table, indicator rows under merged project cells --------------


def test_project_performance_table(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.project_performance_table(), "project_performance_table"))
    assert d.part_pages == {"projects": [1]}
    assert d.raw_tables == []
    projects = d.table("projects")
    assert projects["name"].to_list() == ["评审工作经费", "信息系统运维", "档案数字化"]
    assert projects["project_code"].to_list() == [
        "11000022T000000455794",
        "11000022T000000461203",
        None,
    ]
    review = row_of(d, "projects", name="评审工作经费")
    assert (review["budget"], review["fiscal_funds"], review["other_funds"]) == (
        D("120.00"),
        D("100.00"),
        D("20.00"),
    )
    assert review["purpose"] == "完成年度评审任务"
    archive = row_of(d, "projects", name="档案数字化")
    assert (archive["budget"], archive["fiscal_funds"], archive["other_funds"]) == (
        D("40.00"),
        D("30.00"),
        D("10.00"),
    )
    assert row_of(d, "projects", name="信息系统运维")["other_funds"] == D("0.00")
    indicators = d.table("project_indicators")
    assert indicators.height == 7
    assert [
        (r["project_code"], r["level1"], r["level2"], r["level3"], r["target"])
        for r in indicators.to_dicts()
    ] == [
        (code, *indicator)
        for (name, *_, rows) in V.PERFORMANCE_PROJECTS
        for code in [name.split("-")[0] if "-" in name else name]
        for indicator in rows
    ]
    assert_read_completely(d, "projects")
    assert_no_error(d)


# -- 2. projects listed by unit ---------------------------------------------------------------


def test_projects_listed_by_unit_keep_same_named_projects(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.projects_by_unit(), "projects_by_unit"))
    assert d.part_pages == {"projects": [1]}
    projects = d.table("projects")
    assert [(r["unit"], r["name"], r["budget"]) for r in projects.to_dicts()] == [
        (unit, name, D(amount)) for unit, name, amount, _ in V.PROJECTS_BY_UNIT
    ]
    own = row_of(d, "projects", unit="平乡县公安局本级", name="办案业务经费")
    jail = row_of(d, "projects", unit="平乡县看守所", name="办案业务经费")
    assert (own["budget"], own["purpose"], own["continued"]) == (
        D("300.00"),
        "保障案件办理",
        False,
    )
    assert (jail["budget"], jail["purpose"], jail["continued"]) == (
        D("45.00"),
        "保障监管场所运转",
        False,
    )
    assert_read_completely(d, "projects")
    assert_no_error(d)


# -- 3. labelled project cards, one a page under a repeated title -----------------------------


def test_labelled_project_cards(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.labelled_project_cards(), "labelled_project_cards"))
    assert d.part_pages == {"projects": [1, 2]}
    projects = d.table("projects")
    assert [
        (r["name"], r["budget"], r["fiscal_funds"], r["other_funds"], r["purpose"], r["page"])
        for r in projects.to_dicts()
    ] == [
        ("基层执法装备购置", D("25.00"), D("25.00"), D("0.00"), "配齐基层所队执法装备", 1),
        ("警务培训", D("18.60"), D("15.00"), D("3.60"), "提升民警业务能力", 2),
    ]
    indicators = d.table("project_indicators")
    assert [
        (r["project_code"], r["level1"], r["level2"], r["level3"], r["target"])
        for r in indicators.to_dicts()
    ] == [(name, *indicator) for name, *_, rows in V.LABELLED_CARDS for indicator in rows]
    assert_read_completely(d, "projects")
    assert_no_error(d)


# -- 4. procurement by functional code over 类 / 款 / 项 columns -----------------------------------


def test_procurement_by_split_functional_code(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.procurement_by_code(), "procurement_by_code"))
    assert d.part_pages == {"procurement": [1]}
    procurement = d.table("procurement")
    assert procurement["code"].to_list() == [code or None for code, *_ in V.PROCUREMENT_BY_CODE]
    assert procurement["row_kind"].to_list() == ["total"] + ["code"] * 7
    total = row_of(d, "procurement", row_kind="total")
    assert (total["item"], total["amount"], total["general_public_budget"]) == (
        "合计",
        D("86.00"),
        D("86.00"),
    )
    running = row_of(d, "procurement", code="2010501")
    assert (running["row_kind"], running["item"], running["level"], running["amount"]) == (
        "code",
        "行政运行",
        3,
        D("12.00"),
    )
    assert row_of(d, "procurement", code="2010505")["amount"] == D("24.00")
    kuan = row_of(d, "procurement", code="20105")
    assert (kuan["item"], kuan["level"], kuan["amount"]) == ("统计信息事务", 2, D("36.00"))
    cls = row_of(d, "procurement", code="204")
    assert (cls["level"], cls["general_public_budget"]) == (1, D("50.00"))
    assert row_of(d, "procurement", code="2040201")["amount"] == D("50.00")
    assert_read_completely(d, "procurement")
    assert_no_error(d)


# -- 5. a summary naming its classes without ordinals ------------------------------------------


def test_summary_classes_by_name_only(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.summary_names_only(), "summary_names_only"))
    assert d.part_pages == {"summary": [1]}
    spending = d.table("summary").filter(side="expenditure")
    assert [(r["item"], r["amount"]) for r in spending.to_dicts()][:9] == [
        (name, D(amount)) for name, amount in V.SUMMARY_BY_NAME
    ]
    assert row_of(d, "summary", side="expenditure", item="本年支出合计")["amount"] == D("250.00")
    assert row_of(d, "summary", side="income", item="收入总计")["amount"] == D("250.00")
    assert_read_completely(d, "summary")
    assert_no_error(d)


def test_summary_class_by_name_too_low_is_an_error(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.summary_names_only(defect=True), "summary_names_only_defect"))
    assert row_of(d, "summary", item="社会保障和就业支出")["amount"] == D("30.00")
    assert_read_completely(d, "summary")
    errors = [
        (f["rule"], f["table"], f["location"], f["difference"], f["pages"])
        for f in findings(d, "error")
    ]
    assert errors == [("summary_totals", "summary", "本年支出合计", D("50.00"), [1])]


# -- 6. the "三公" table by year, each kind split by budget ------------------------------------


def test_three_public_rows_by_year_split_by_budget(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.three_public_rows_by_year(), "three_public_rows_by_year"))
    assert d.meta.year == 2026
    assert d.part_pages == {"three_public": [1]}
    frame = d.table("three_public")
    kinds = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"]
    assert frame["item"].to_list() == kinds * 3
    assert frame["unit"].to_list() == ["2025年"] * 4 + [None] * 4 + ["增减变化金额"] * 4
    this_year = {
        r["item"]: (r["general_public_budget"], r["government_fund"], r["state_capital"])
        for r in frame.filter(pl.col("unit").is_null()).to_dicts()
    }
    assert this_year == {
        "合计": (D("28.00"), D("2.00"), None),
        "因公出国（境）费": (D("0.00"), None, None),
        "公务用车购置及运行维护费": (D("23.00"), D("2.00"), None),
        "公务接待费": (D("5.00"), None, None),
    }
    assert row_of(d, "three_public", unit="2025年", item="合计")["general_public_budget"] == D(
        "32.50"
    )
    change = row_of(d, "three_public", unit="增减变化金额", item="公务用车购置及运行维护费")
    assert (change["general_public_budget"], change["government_fund"]) == (
        D("-5.00"),
        D("2.00"),
    )
    assert_read_completely(d, "three_public")
    assert_no_error(d)


# -- 6. the page's number at its foot, right under a table's 注 -------------------------------


def test_a_page_number_under_a_note_is_not_part_of_it(rendered: Rendered) -> None:
    for style in ("spaced", "plain", "dashed"):
        d = parse_pdf(rendered(V.folio_under_note(style), f"folio_under_note_{style}"))
        assert d.notes == {
            "gov_fund_expenditure": "注：无政府基金预算财政拨款预算，空表列示。",
            "state_capital_expenditure": "注：无国有资本经营预算财政拨款预算，空表列示。",
            "procurement": "注：同一采购目录序号的物品，其单价会因配置规格不同而变动，"
            "均符合资产配置标准。涉密采购事项按照相关规定执行。",
        }, style
        assert_read_completely(d, *d.coverage)
        assert_no_error(d)


# -- 7. Xi'an: three spending blocks side by side, 支出总表 by unit, names that spill ----------


def test_xian_blocks_read_apart_and_add_up(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.xian_blocks(), "xian_blocks"))
    fs = d.table("fiscal_summary")
    sides = fs.group_by("side").len().sort("side").rows()
    assert sides == [
        # 一、财政拨款, 4 class lines, and each block's 本年支出合计 and 支出总计 (3 × 2)
        ("expenditure", 11),
        ("expenditure_economic", 7),
        ("expenditure_gov_economic", 4),
        ("income", 5),
    ]
    block = fs.filter(pl.col("side") == "expenditure_gov_economic")
    assert block["item"].to_list() == [
        "一、财政拨款",
        "1、机关工资福利支出",
        "2、机关商品和服务支出",
        "3、对个人和家庭的补助",
    ]
    # the name that ran on into the 合计 cell is the name's, the figure the row's
    row = row_of(d, "gpb_expenditure", code="2089999")
    assert (row["name"], row["total"]) == ("其他社会保障和就业支出", D("10.22"))
    assert row_of(d, "gpb_expenditure", code="2080506")["name"] == "机关事业单位职业年金缴费支出"
    assert row_of(d, "gpb_expenditure", code="201")["project"] == D("413.47")
    # the 基本支出 table by function is kept raw, not read as the one by economic code
    assert "gpb_basic_expenditure" not in d.part_pages
    assert any("按支出功能分类科目" in (t.title or "") for t in d.raw_tables)
    assert_no_error(d)
    held = reconcile(d).identities.filter(pl.col("status") == "ok")["location"].to_list()
    assert "本年支出合计/部门预算支出经济分类" in held
    assert "本年支出合计/政府预算支出经济分类" in held
    assert "expenditure_economic:1、人员经费和公用经费支出" in held
    assert "本年支出合计" in held  # the function block: its 4 class lines, not 一、财政拨款


def test_xian_blocks_a_misprinted_line_is_the_documents_error(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.defect_xian_blocks(), "defect_xian_blocks"))
    errors = findings(d, "error")
    assert [(e["table"], e["location"], e["difference"]) for e in errors] == [
        ("fiscal_summary", "本年支出合计/政府预算支出经济分类", D("-0.72"))
    ]
    assert errors[0]["pages"] == [2]


# -- 8. the "三公" table by period (上年 | 当年 | 增减), and in one column ---------------------


def test_three_public_by_period_reads_this_years_block(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.three_public_by_period(), "three_public_by_period"))
    frame = d.table("three_public")
    this_year = {r["item"]: (r["total"], r["previous"]) for r in frame.to_dicts()}
    assert this_year["“三公”经费小计"] == (D("21.90"), D("26.50"))
    assert this_year["公务接待费"] == (D("8.00"), D("9.00"))
    assert this_year["会议费"] == (D("46.18"), D("50.68"))
    assert this_year["合计"] == (D("208.34"), D("248.00"))
    assert not any(item.startswith(("当年", "上年")) for item in this_year)
    assert_no_error(d)


def test_three_public_in_one_column_of_amounts(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.three_public_one_column(), "three_public_one_column"))
    amounts = dict(d.table("three_public").select("item", "total").rows())
    assert amounts["合计"] == D("25.05")
    assert amounts["1、因公出国（境）费用"] == D("7.05")
    assert amounts["（2）公务用车运行费"] == D("10.00")
    assert_read_completely(d, "three_public")


# -- 8. Changsha: prose drawn run by run over boxes, a 目录 listing the tables ------------------


def test_boxed_prose_is_read_as_prose_and_a_contents_page_is_no_table(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.boxed_prose(), "boxed_prose"))
    # the 目录 (p.1) is no 收支总表 and the 政府采购 sentence (p.2) no procurement table
    assert d.part_pages == {"summary": [3]}
    assert d.raw_tables == []
    assert d.package_kind() == "full"
    assert row_of(d, "summary", item="一、本级财政拨款收入")["amount"] == D("1935.36")
    assert row_of(d, "summary", item="一、基本支出")["amount"] == D("1517.95")
    figures = {r["key"]: (r["value"], r["page"]) for r in d.table("narrative_figures").to_dicts()}
    assert figures == {
        "income_total": (D("1935.36"), 2),
        "income_carryover": (D("0.00"), 2),
        "expenditure_total": (D("1935.36"), 2),
        "expenditure_basic": (D("1517.95"), 2),
        "expenditure_project": (D("417.41"), 2),
        "operating_costs": (D("122.98"), 2),
    }
    prose = "".join(p.text for p in d.prose).replace(" ", "").replace("\n", "")
    assert "1、部门收支总表" in prose and "政府采购预算总额为43.90万元" in prose
    assert_read_completely(d, "summary")
    # the only errors: the tables its 目录 lists and this package does not print
    errors = findings(d, "error")
    assert sorted(e["message"] for e in errors) == sorted(
        f"第1页目录列出的“{t}”未见印出"
        for t in (
            "部门收入总表",
            "部门支出总表",
            "财政拨款收支总表",
            "一般公共预算支出表",
            "一般公共预算基本支出表",
        )
    )


# -- 9. Changsha: 本级财政拨款 over 金额 | 其中：经费拨款; 类 | 款 | 项 beside 功能科目 -----------


def test_a_spanning_header_takes_the_column_under_which_rows_add_up(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.income_of_which(), "income_of_which"))
    assert d.part_pages == {"income": [1], "gpb_expenditure": [2]}
    income = d.table("income")
    # 金额 is the appropriation (合计 = Σ kinds holds under it); 经费拨款 only part of it
    assert [
        (r["code"], r["name"], r["total"], r["fiscal_appropriation"]) for r in income.to_dicts()
    ] == [
        (code or None, name, D(whole.replace(",", "")), D(whole.replace(",", "")))
        for code, name, whole, *_ in V.OF_WHICH_ROWS
    ]
    assert income["其中:经费拨款"].to_list() == [
        D(of_which.replace(",", "")) for _, _, _, of_which, *_ in V.OF_WHICH_ROWS
    ]
    gpb = d.table("gpb_expenditure")
    assert [(r["code"], r["name"], r["level"]) for r in gpb.to_dicts()] == [
        (None, "合计", 0),
        ("201", "一般公共服务支出", 1),
        ("20140", "信访事务", 2),
        ("2014001", "行政运行", 3),
        ("2014004", "信访业务", 3),
    ]
    assert row_of(d, "gpb_expenditure", code="2014004")["project"] == D("417.41")
    assert_read_completely(d, "income", "gpb_expenditure")
    assert_no_error(d)


# -- 10. Changsha: the 基本支出表 headed 总计 | 人员类 | 公用经费 --------------------------------


def test_basic_expenditure_headed_by_class(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.basic_by_class(), "basic_by_class"))
    frame = d.table("gpb_basic_expenditure")
    assert "总计" not in frame.columns and "人员类" not in frame.columns
    assert [
        (r["code"], r["name"], r["total"], r["personnel"], r["public"]) for r in frame.to_dicts()
    ] == [
        (
            code or None,
            name,
            *(D(v.replace(",", "")) if v else None for v in (total, personnel, public)),
        )
        for code, name, total, personnel, public in V.BASIC_BY_CLASS
    ]
    assert_read_completely(d, "gpb_basic_expenditure")
    assert_no_error(d)


def test_a_contents_page_ruled_as_a_table_is_no_table(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.contents_table(), "contents_table"))
    assert d.part_pages == {"summary": [2]}
    assert d.raw_tables == []
    assert row_of(d, "summary", item="一、本级财政拨款收入")["amount"] == D("1935.36")
    assert row_of(d, "summary", item="支出总计")["amount"] == D("1935.36")
    assert_read_completely(d, "summary")
    assert_no_error(d)
