"""Every figure of the seed (平乡县公安局 2024), read back from the bundled example PDF.

Expected values are the seed text's figures; the whole-table comparisons use the
transcription in tests/generator/seed.py, and key rows are also spelled out literally.
"""

from __future__ import annotations

from decimal import Decimal as D

import polars as pl
import pytest

from core.model import OPTIONAL_TABLES, TABLE_COLUMNS, Disclosure
from tests.generator import seed as S


def rows(d: Disclosure, table: str) -> list[dict]:
    return d.table(table).to_dicts()


def dec(text: str) -> D | None:
    return D(text) if text else None


def test_meta(seed: Disclosure) -> None:
    m = seed.meta
    assert (m.department_code, m.department, m.year, m.unit) == (
        "312",
        "平乡县公安局",
        2024,
        "万元",
    )
    assert m.pages == 59
    assert len(m.sha256) == 64


def test_every_table_id_present(seed: Disclosure) -> None:
    # every standard table; the optional ones of other provinces' layouts only where printed
    assert set(TABLE_COLUMNS) - set(OPTIONAL_TABLES) == set(seed.tables)
    assert seed.raw_tables == []


def test_summary_income_side(seed: Disclosure) -> None:
    income = [r for r in rows(seed, "summary") if r["side"] == "income"]
    got = [(r["seq"], r["item"], r["amount"]) for r in income]
    assert got == [
        (1, "一、一般公共预算拨款收入", D("11624.03")),
        (2, "二、政府性基金预算拨款收入", None),
        (3, "三、国有资本经营预算拨款收入", None),
        (4, "四、财政专户管理资金收入", None),
        (5, "五、单位资金", None),
        (32, "本年收入合计", D("11624.03")),
        (33, "上年结转结余", D("121.89")),
        (34, "收入总计", D("11745.92")),
    ]


def test_summary_expenditure_side_all_34_lines(seed: Disclosure) -> None:
    spend = [r for r in rows(seed, "summary") if r["side"] == "expenditure"]
    assert len(spend) == 34
    expected = [f"{S.ORDINALS[i]}、{c}" for i, c in enumerate(S.CLASSES)]
    expected += ["本年支出合计", "年终结转结余", "支出总计"]
    assert [r["item"] for r in spend] == expected
    amounts = {r["item"]: r["amount"] for r in spend if r["amount"] is not None}
    assert amounts == {
        "四、公共安全支出": D("10571.02"),
        "八、社会保障和就业支出": D("521.00"),
        "十、卫生健康支出": D("279.90"),
        "二十、住房保障支出": D("374.00"),
        "本年支出合计": D("11745.92"),
        "支出总计": D("11745.92"),
    }


def test_summary_row_cut_by_page_break_is_one_row(seed: Disclosure) -> None:
    """ "十一、节能环保支" on page 1 and "出" on page 2 are one line, starting on page 1."""
    line = [r for r in rows(seed, "summary") if r["seq"] == 11 and r["side"] == "expenditure"]
    assert [(r["item"], r["page"]) for r in line] == [("十一、节能环保支出", 1)]


def test_income_all_rows_and_12_columns(seed: Disclosure) -> None:
    got = rows(seed, "income")
    assert len(got) == len(S.INCOME) == 22
    for r, (code, name, total, sub, fiscal, carry) in zip(got, S.INCOME, strict=True):
        assert r["code"] == (code or None)
        assert r["name"] == name
        assert (r["total"], r["current_year"], r["fiscal_appropriation"], r["carryover"]) == (
            dec(total),
            dec(sub),
            dec(fiscal),
            dec(carry),
        )
        for empty in (
            "special_account",
            "business",
            "operating",
            "superior_subsidy",
            "affiliate_remittance",
            "other",
        ):
            assert r[empty] is None
    first = got[0]
    assert (first["level"], first["total"], first["carryover"]) == (0, D("11745.92"), D("121.89"))


def test_income_wrapped_numbers_and_codes_join(seed: Disclosure) -> None:
    """ "1174"/"5.92" is 11745.92; "2040"/"202" is 2040202 and its cut row is merged."""
    by_code = {r["code"]: r for r in rows(seed, "income")}
    assert by_code["2040202"]["name"] == "一般行政管理事务"
    assert by_code["2040202"]["total"] == D("77.76")
    assert by_code["2080506"]["name"] == "机关事业单位职业年金缴费支出"
    assert by_code["2040219"]["carryover"] == D("100.00")
    assert by_code["2040299"]["current_year"] == D("827.89")


@pytest.mark.parametrize("table", ["expenditure", "gpb_expenditure"])
def test_expenditure_tables(seed: Disclosure, table: str) -> None:
    got = rows(seed, table)
    assert len(got) == 22
    for r, (code, name, total, basic, project) in zip(got, S.EXPENDITURE, strict=True):
        assert (r["code"], r["name"]) == (code or None, name)
        assert (r["total"], r["basic"], r["project"]) == (dec(total), dec(basic), dec(project))
    levels = [r["level"] for r in got[:5]]
    assert levels == [0, 1, 2, 3, 2]
    row = next(r for r in got if r["code"] == "2040220")
    assert (row["total"], row["basic"], row["project"]) == (D("1715.52"), D("399.71"), D("1315.81"))


def test_basic_expenditure_38_rows(seed: Disclosure) -> None:
    got = rows(seed, "gpb_basic_expenditure")
    assert len(got) == 38
    for r, (code, name, total, personnel, public) in zip(got, S.BASIC, strict=True):
        assert (r["code"], r["name"]) == (code or None, name)
        assert (r["total"], r["personnel"], r["public"]) == (
            dec(total),
            dec(personnel),
            dec(public),
        )
    assert (got[0]["total"], got[0]["personnel"], got[0]["public"]) == (
        D("7097.57"),
        D("6232.27"),
        D("865.30"),
    )
    assert next(r for r in got if r["code"] == "30199")["name"] == "其他工资福利支出"
    assert {r["level"] for r in got} == {0, 1, 2}


def test_empty_fund_tables_keep_their_note(seed: Disclosure) -> None:
    assert seed.table("gov_fund_expenditure").height == 0
    assert seed.table("state_capital_expenditure").height == 0
    assert seed.notes["gov_fund_expenditure"] == "注：无政府基金预算财政拨款预算，空表列示。"
    assert (
        seed.notes["state_capital_expenditure"] == "注：无国有资本经营预算财政拨款预算，空表列示。"
    )


def test_fiscal_summary(seed: Disclosure) -> None:
    got = rows(seed, "fiscal_summary")
    income = [(r["seq"], r["item"], r["total"]) for r in got if r["side"] == "income"]
    assert income == [
        (1, "一、一般公共预算拨款", D("11624.03")),
        (2, "二、政府性基金预算拨款", None),
        (3, "三、国有资本经营预算拨款", None),
        (32, "本年收入合计", D("11624.03")),
        (33, "年初财政拨款结转和结余", D("121.89")),
        (34, "一、一般公共预算拨款", D("121.89")),
        (35, "二、政府性基金预算拨款", None),
        (36, "三、国有资本经营预算拨款", None),
        (37, "收入总计", D("11745.92")),
    ]
    spend = {
        r["item"]: (r["total"], r["general_public_budget"])
        for r in got
        if r["side"] == "expenditure" and r["total"] is not None
    }
    assert spend == {
        "四、公共安全支出": (D("10571.02"), D("10571.02")),
        "八、社会保障和就业支出": (D("521.00"), D("521.00")),
        "十、卫生健康支出": (D("279.90"), D("279.90")),
        "二十、住房保障支出": (D("374.00"), D("374.00")),
        "本年支出合计": (D("11745.92"), D("11745.92")),
        "支出总计": (D("11745.92"), D("11745.92")),
    }
    assert len([r for r in got if r["side"] == "expenditure"]) == 34


def test_three_public_rows(seed: Disclosure) -> None:
    got = [
        (r["seq"], r["item"], r["total"], r["general_public_budget"])
        for r in rows(seed, "three_public")
    ]
    expected = [(i + 1, item, dec(t), dec(g)) for i, (item, t, g) in enumerate(S.THREE_PUBLIC)]
    assert got == expected
    assert got[7] == (8, "公务用车运行维护费", D("30.00"), D("30.00"))


def test_organizations(seed: Disclosure) -> None:
    got = [(r["name"], r["nature"], r["rank"], r["funding"]) for r in rows(seed, "organizations")]
    assert got == S.ORGANIZATIONS


def test_all_22_project_cards(seed: Disclosure) -> None:
    got = rows(seed, "projects")
    cards = S.load_cards()
    assert len(got) == 22
    for r, card in zip(got, cards, strict=True):
        assert r["seq"] == card.seq
        assert r["project_code"] == card.project_code
        assert r["name"] == card.name
        assert r["purpose"] == card.purpose
        classified = card.budget.startswith("**")
        assert r["redacted"] is classified
        assert r["budget"] == (None if classified else D(card.budget))
        assert r["fiscal_funds"] == (None if classified else D(card.fiscal))
        assert r["other_funds"] is None
        plan = [r[f"plan_q{i}"] for i in range(1, 5)]
        assert plan == [None if (not p or p.startswith("**")) else D(p) for p in card.plan]
    visible = sum((r["budget"] for r in got if r["budget"] is not None), D(0))
    assert visible == D("3798.57")
    card8 = got[7]
    assert (card8["name"], card8["budget"], card8["plan_q1"]) == ("49 号", None, D("109.75"))
    assert "budget" in card8["classified"]


def test_project_indicators(seed: Disclosure) -> None:
    got = rows(seed, "project_indicators")
    cards = S.load_cards()
    assert len(got) == sum(len(c.indicators) for c in cards) == 202

    def squash(text: str | None) -> str | None:
        # a wrap that falls on a space drops it; spaces between digits and CJK are layout
        return None if text is None else text.replace(" ", "")

    expected = [
        (c.project_code, *[None if x.startswith("**") else squash(x) for x in ind])
        for c in cards
        for ind in c.indicators
    ]
    assert [
        (
            r["project_code"],
            *[
                squash(r[k])
                for k in ("level1", "level2", "level3", "description", "target", "basis")
            ],
        )
        for r in got
    ] == expected
    classified = [r for r in got if r["project_code"] == "13053223P002726102774"]
    assert all(r["redacted"] and r["target"] is None for r in classified)


def test_procurement_every_line(seed: Disclosure) -> None:
    got = rows(seed, "procurement")
    assert len(got) == len(S.PROCUREMENT) == 22
    unit = None
    for r, entry in zip(got, S.PROCUREMENT, strict=True):
        assert r["row_kind"] == entry[0]
        if entry[0] == "subtotal":
            unit = entry[1].replace("小计", "")
            assert (r["unit"], r["amount"]) == (unit, D(entry[2]))
        elif entry[0] == "total":
            assert (r["amount"], r["general_public_budget"]) == (D("996.60"), D("996.60"))
        elif entry[2] == "**":
            assert (r["unit"], r["source_project"], r["redacted"], r["amount"]) == (
                unit,
                entry[1],
                True,
                None,
            )
            assert "amount" in r["classified"]
        else:
            _, src, budget, item, cat, measure, qty, price, amt = entry
            assert (
                r["unit"],
                r["source_project"],
                r["source_budget"],
                r["item"],
                r["catalog_code"],
                r["measure_unit"],
                r["quantity"],
                r["unit_price"],
                r["amount"],
                r["general_public_budget"],
                r["sme_reserved"],
            ) == (
                unit,
                src,
                D(budget),
                item,
                cat,
                measure,
                D(qty),
                D(price),
                D(amt),
                D(amt),
                D(amt),
            )
            assert r["redacted"] is False


def test_fixed_assets_with_children(seed: Disclosure) -> None:
    got = [
        (r["item"], r["parent"], r["quantity"], r["quantity_unit"], r["value"])
        for r in rows(seed, "fixed_assets")
    ]
    assert got == [
        ("资产总额", None, None, None, D("11766.50")),
        ("房屋", None, D("31001.01"), "平方米", D("2954.96")),
        ("办公用房", "房屋", D("8390"), "平方米", D("880.41")),
        ("车辆", None, D("54"), "台、辆", D("615.08")),
        ("单价在 20 万元以上的设备", None, D("104"), None, D("3848.32")),
        ("其他固定资产", None, D("3192"), None, D("4348.15")),
    ]


NARRATIVE = {
    "income_total": "11745.92",
    "income_general_public_budget": "11624.03",
    "income_government_fund": "0.00",
    "income_state_capital": "0.00",
    "income_special_account": "0.00",
    "income_unit_funds": "0.00",
    "income_carryover": "121.89",
    "expenditure_total": "11745.92",
    "expenditure_basic": "7097.57",
    "expenditure_personnel": "6232.27",
    "expenditure_public": "865.30",
    "expenditure_project": "4648.35",
    "change_total": "923.98",
    "change_basic": "2104.19",
    "change_project": "-1180.21",
    "operating_costs": "865.30",
    "three_public_total": "30.00",
    "three_public_abroad": "0.00",
    "three_public_vehicles": "30.00",
    "three_public_vehicle_purchase": "0.00",
    "three_public_vehicle_operation": "30.00",
    "three_public_reception": "0.00",
    "three_public_change": "4.60",
    "fixed_assets_total": "11766.50",
    "fixed_assets_planned_purchase": "829.21",
}


def test_every_narrative_figure(seed: Disclosure) -> None:
    got = {r["key"]: r["value"] for r in rows(seed, "narrative_figures")}
    assert got == {k: D(v) for k, v in NARRATIVE.items()}
    decrease = next(r for r in rows(seed, "narrative_figures") if r["key"] == "change_project")
    assert decrease["label"] == "项目支出减少"


def test_rows_carry_pages(seed: Disclosure) -> None:
    for table, frame in seed.tables.items():
        if frame.height:
            assert frame["page"].null_count() == 0, table
            assert frame["page"].min() >= 1 and frame["page"].max() <= seed.meta.pages
    pages = seed.table("expenditure").filter(pl.col("code") == "2101103")["page"].to_list()
    assert pages == [12]  # 支出总表 runs over pages 10-12 of the example
