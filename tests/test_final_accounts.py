"""Final accounts (部门决算) read as such: the four files of ../shared/final/.

Every figure below was read by hand off the page named beside it (pdfplumber's text of the
published file), not taken from the parser's output. The errors are the documents' own,
each proved from its page; no other error is reported, and no reading gap but the ones
named (a 项目支出绩效自评表, which is no standard table; two glued codes of 佛山's).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from core.model import Disclosure
from core.parse import parse_pdf
from core.rules.reconcile import Reconciliation, reconcile
from tests.conftest import SHARED_REAL

FINAL = SHARED_REAL.parent / "final"
pytestmark = pytest.mark.skipif(not FINAL.is_dir(), reason=f"{FINAL} is absent")


@pytest.fixture(scope="module")
def read() -> dict[str, tuple[Disclosure, Reconciliation]]:
    out = {}
    for path in sorted(FINAL.glob("*.pdf")):
        d = parse_pdf(path)
        out[path.name] = (d, reconcile(d))
    return out


def _row(d: Disclosure, table: str, **where: Any) -> dict[str, Any]:
    frame = d.table(table)
    for column, value in where.items():
        if column == "item_has":
            frame = frame.filter(pl.col("item").str.contains(value, literal=True))
        else:
            frame = frame.filter(pl.col(column) == value)
    assert frame.height >= 1, (table, where)
    return frame.row(0, named=True)


def _findings(check: Reconciliation, severity: str) -> set[tuple[str, str]]:
    rows = check.findings.filter(pl.col("severity") == severity).to_dicts()
    return {(r["rule"], r["location"]) for r in rows}


# file -> (year, tables with the page each starts on)
TABLES: dict[str, tuple[int, dict[str, int]]] = {
    "putuo_finance_2024_final_accounts.pdf": (
        2024,
        {
            "summary": 6,
            "income": 8,
            "expenditure": 10,
            "fiscal_summary": 12,
            "gpb_expenditure": 15,
            "gpb_basic_expenditure": 16,
            "three_public": 18,
            "gov_fund_expenditure": 19,
            "state_capital_expenditure": 20,
        },
    ),
    "central_2024_final_guojiaxinfangju.pdf": (
        2024,
        {
            "summary": 7,
            "income": 8,
            "expenditure": 9,
            "fiscal_summary": 10,
            "gpb_expenditure": 11,
            "gpb_basic_expenditure": 12,
            "gov_fund_expenditure": 13,
            "state_capital_expenditure": 14,
            "three_public": 15,
        },
    ),
    "gd_foshan_2019_final_guidaojiaotongju.pdf": (
        2019,
        {
            "summary": 5,
            "income": 8,
            "expenditure": 10,
            "fiscal_summary": 12,
            "gpb_expenditure": 15,
            "gpb_basic_expenditure": 17,
            "three_public": 21,
            "gov_fund_expenditure": 22,
        },
    ),
    "final_accounts_template.pdf": (
        2024,
        {
            "summary": 5,
            "income": 6,
            "expenditure": 7,
            "fiscal_summary": 8,
            "gpb_expenditure": 10,
            "gpb_basic_expenditure": 11,
            "three_public": 12,
            "gov_fund_expenditure": 13,
            "state_capital_expenditure": 14,
        },
    ),
}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_read_as_final_accounts_with_every_standard_table(
    read: dict[str, tuple[Disclosure, Reconciliation]], name: str
) -> None:
    d, _ = read[name]
    year, starts = TABLES[name]
    assert (d.meta.kind, d.meta.year) == ("final", year)
    assert {t: pages[0] for t, pages in d.part_pages.items() if t != "projects"} == starts
    assert [r.title for r in d.raw_tables if r.title and "表" in r.title] == []


def test_putuo_hand_read_figures(read: dict[str, tuple[Disclosure, Reconciliation]]) -> None:
    d, _ = read["putuo_finance_2024_final_accounts.pdf"]
    assert d.meta.department == "上海市普陀区财政局"  # p.1: 上海市普陀区财政局2024年度部门决算
    s = "summary"
    assert _row(d, s, side="income", item_has="一般公共预算财政拨款收入")["amount"] == D(
        "2940.05"
    )  # p.6
    assert _row(d, s, side="income", item_has="其他收入")["amount"] == D("6.20")  # p.6
    assert _row(d, s, side="income", item="本年收入合计")["amount"] == D("2946.25")  # p.6
    assert _row(d, s, side="expenditure", item_has="一般公共服务支出")["amount"] == D(
        "2106.66"
    )  # p.6
    assert _row(d, s, side="income", item="年初结转和结余")["amount"] == D("49.14")  # p.7
    assert _row(d, s, side="expenditure", item="年末结转和结余")["amount"] == D("55.34")  # p.7
    assert _row(d, s, side="income", item="总计")["amount"] == D("2995.39")  # p.7
    assert _row(d, s, side="expenditure", item="总计")["amount"] == D("2995.39")  # p.7
    income = _row(d, "income", code="2010601")  # p.8
    assert (income["current_year"], income["fiscal_appropriation"], income["other"]) == (
        D("1511.90"),
        D("1511.89"),
        D("0.01"),
    )
    assert _row(d, "income", level=0)["current_year"] == D("2946.25")  # p.8
    assert _row(d, "fiscal_summary", side="income", item="总计")["total"] == D("2961.68")  # p.13
    basic = d.table("gpb_basic_expenditure")
    assert _row(d, "gpb_basic_expenditure", code="30102")["total"] == D("1238.58")  # p.16
    head = basic.filter(pl.col("level") == 0).row(0, named=True)
    assert (head["personnel"], head["public"]) == (D("2152.26"), D("184.65"))  # p.17
    reception = _row(d, "three_public", item="公务接待费")  # p.18: 预算数 0.95, 决算数 blank
    assert (reception["budget"], reception["total"]) == (D("0.95"), None)


def test_putuo_errors_are_its_own(read: dict[str, tuple[Disclosure, Reconciliation]]) -> None:
    """p.21: "财政拨款收入支出总计0.3万元…持平" where the 财政拨款收入支出决算总表 prints
    总计 2,961.68 (p.13); "一般公共服务支出（类）2106.66万元，占71.73%" of 2,940.05, which is
    71.65%. Nothing is left unread."""
    _, check = read["putuo_finance_2024_final_accounts.pdf"]
    assert _findings(check, "error") == {
        ("narrative_vs_table", "final_fiscal_total"),
        ("prose_share", "2106.66万元 ÷ 2940.05万元"),
    }
    fiscal = check.findings.filter(pl.col("location") == "final_fiscal_total").row(0, named=True)
    assert (fiscal["expected"], fiscal["actual"]) == (D("0.30"), D("2961.68"))
    assert fiscal["pages"] == [13, 21]
    assert _findings(check, "parse") == set()


def test_central_hand_read_figures(read: dict[str, tuple[Disclosure, Reconciliation]]) -> None:
    d, _ = read["central_2024_final_guojiaxinfangju.pdf"]
    s = "summary"  # p.7, 行次 columns beside the amounts
    assert _row(d, s, side="income", item_has="一般公共预算财政拨款收入")["amount"] == D("19572.91")
    assert _row(d, s, side="income", item_has="其他收入")["amount"] == D("878.44")
    assert _row(d, s, side="income", item="本年收入合计")["amount"] == D("20451.35")
    assert _row(d, s, side="income", item="年初结转和结余")["amount"] == D("1615.24")
    assert _row(d, s, side="expenditure", item_has="一般公共服务支出")["amount"] == D("10685.56")
    assert _row(d, s, side="expenditure", item="本年支出合计")["amount"] == D("14572.53")
    assert _row(d, s, side="expenditure", item="年末结转和结余")["amount"] == D("7494.06")
    assert _row(d, s, side="income", item="总计")["amount"] == D("22066.59")
    f = "fiscal_summary"  # p.10
    assert _row(d, f, side="income", item_has="年初财政拨款结转和结余")["total"] == D("1154.62")
    assert _row(d, f, side="expenditure", item="总计")["total"] == D("20727.53")
    service = _row(d, f, side="expenditure", item_has="一般公共服务支出")
    assert (service["total"], service["general_public_budget"]) == (D("9846.82"), D("9846.82"))
    three = "three_public"  # p.15: 预算数 then 决算数
    assert (_row(d, three, item="合计")["budget"], _row(d, three, item="合计")["total"]) == (
        D("76.43"),
        D("46.21"),
    )
    abroad = _row(d, three, item="因公出国（境）费")
    assert (abroad["budget"], abroad["total"]) == (D("30.00"), D("4.69"))
    basic0 = d.table("gpb_basic_expenditure").filter(pl.col("level") == 0).row(0, named=True)
    assert (basic0["personnel"], basic0["public"]) == (D("7967.72"), D("2266.65"))  # p.12


def test_central_errors_are_its_own(read: dict[str, tuple[Disclosure, Reconciliation]]) -> None:
    """p.17: "收、支总计22066.59万元，与2023年相比，收、支总计各增加5834.37万元，增长
    35.74%": 5834.37 ÷ (22066.59 − 5834.37) is 35.94%. Its 项目支出绩效自评表 (pp.30–48),
    no standard table, is read in part."""
    _, check = read["central_2024_final_guojiaxinfangju.pdf"]
    assert _findings(check, "error") == {("prose_change", "22066.59万元 +5834.37万元")}
    assert {
        t for (t,) in check.findings.filter(pl.col("severity") == "parse").select("table").rows()
    } == {"projects"}


def test_foshan_hand_read_figures_and_no_error(
    read: dict[str, tuple[Disclosure, Reconciliation]],
) -> None:
    d, check = read["gd_foshan_2019_final_guidaojiaotongju.pdf"]
    s = "summary"
    assert _row(d, s, side="income", item_has="一般公共预算财政拨款收入")["amount"] == D(
        "1668.14"
    )  # p.5
    assert _row(d, s, side="income", item_has="其他收入")["amount"] == D("0.01")  # p.5
    assert _row(d, s, side="expenditure", item_has="社会保障和就业支出")["amount"] == D(
        "76.23"
    )  # p.5
    assert _row(d, s, side="expenditure", item="年末结转和结余")["amount"] == D("0.01")  # p.7
    assert _row(d, s, side="expenditure", item="总计")["amount"] == D("1668.14")  # p.7
    assert _row(d, "expenditure", code="2140102")["project"] == D("905.60")  # p.10
    # the 合计 row printed again atop p.11 is read once
    assert d.table("expenditure").filter(pl.col("level") == 0).height == 1
    assert _row(d, "expenditure", code="221")["total"] == D("60.87")  # p.10
    reception = _row(d, "three_public", item="公务接待费")  # p.21
    assert (reception["budget"], reception["total"]) == (D("0.00"), D("0.16"))
    assert _findings(check, "error") == set()
    parse = check.findings.filter(pl.col("severity") == "parse").to_dicts()
    assert [(p["table"], p["pages"]) for p in parse] == [("gpb_basic_expenditure", [19, 20])]


def test_the_template_is_its_placeholders(
    read: dict[str, tuple[Disclosure, Reconciliation]],
) -> None:
    d, check = read["final_accounts_template.pdf"]
    errors = check.findings.filter(pl.col("severity") == "error")
    assert set(errors["rule"]) == {"words_placeholder"}
    assert errors.height == 14
    assert _findings(check, "parse") == set()
    assert d.table("summary").filter(pl.col("item") == "总计").height == 2  # p.5, blank


def test_final_accounts_export_their_kind(
    read: dict[str, tuple[Disclosure, Reconciliation]],
) -> None:
    from core.export import meta_record

    d, _ = read["putuo_finance_2024_final_accounts.pdf"]
    assert meta_record(d)["kind"] == "final"
    assert "budget" in d.table("three_public").columns


def test_a_budget_exports_no_kind(seed: Disclosure) -> None:
    from core.export import meta_record

    assert seed.meta.kind == "budget"
    assert "kind" not in meta_record(seed)


def test_paths_exist() -> None:
    assert sorted(p.name for p in Path(FINAL).glob("*.pdf")) == sorted(TABLES)
