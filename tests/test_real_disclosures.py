"""The seven published disclosures of ../shared/real/ (Shanghai 普陀区 WPS exports, Jiangsu
Word and Acrobat packages) read through the same model as the seed.

Every figure below was read by hand off the page named beside it (pdftotext -layout of the
published file), not taken from the parser's output. The files are not copied into the
repository; without the folder these tests skip and say why.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from core.model import Disclosure
from core.parse import parse_pdf
from core.rules.reconcile import Reconciliation, reconcile
from tests.conftest import SHARED_REAL

pytestmark = pytest.mark.skipif(
    not SHARED_REAL.is_dir(),
    reason=f"{SHARED_REAL} is absent: the published PDFs live beside the clone",
)

# file -> (tables it prints, with rows; unit; department)
CONTENTS: dict[str, tuple[list[str], str, str]] = {
    "putuo_wanli_street_2024_budget.pdf": (
        [
            "summary",
            "income",
            "expenditure",
            "fiscal_summary",
            "gpb_expenditure",
            "gpb_basic_expenditure",
            "gov_fund_expenditure",  # printed empty: its 合计 row only
            "state_capital_expenditure",
            "three_public",
            "narrative_items",
        ],
        "元",
        "上海市普陀区人民政府万里街道办事处",
    ),
    "putuo_gov_office_2025_dept_budget.pdf": (
        [
            "summary",
            "income",
            "expenditure",
            "fiscal_summary",
            "gpb_expenditure",
            "gpb_basic_expenditure",
            "gov_fund_expenditure",
            "state_capital_expenditure",
            "three_public",
        ],
        "元",
        "上海市普陀区人民政府办公室",
    ),
    "putuo_commerce_2025_dept_budget.pdf": (
        [
            "summary",
            "income",
            "expenditure",
            "fiscal_summary",
            "gpb_expenditure",
            "gpb_basic_expenditure",
            "gov_fund_expenditure",
            "state_capital_expenditure",
            "three_public",
            "narrative_items",
        ],
        "元",
        "上海市普陀区商务委员会",
    ),
    "jiangsu_procuratorate_2019_budget.pdf": (
        [
            "summary",
            "income_sources",
            "expenditure",
            "fiscal_summary",
            "fiscal_expenditure",
            "fiscal_basic_expenditure",
            "gpb_expenditure",
            "gpb_basic_expenditure",
            "three_public",
            "gov_fund_expenditure",
            "operating_costs",
            "procurement",
            "narrative_items",
        ],
        "万元",
        "江苏省人民检察院",
    ),
    "jiangsu_party_office_2018_budget_tables.pdf": (
        [
            "summary",
            "income_sources",
            "expenditure",
            "fiscal_summary",
            "fiscal_expenditure",
            "fiscal_basic_expenditure",
            "gpb_expenditure",
            "gpb_basic_expenditure",
            "three_public",
            "gov_fund_expenditure",
            "operating_costs",
            "procurement",
        ],
        "万元",
        "中共江苏省委办公厅",
    ),
    # prose only: its tables were published apart; the 项 it explains are still read
    "jiangsu_cppcc_office_2018_budget.pdf": (["narrative_items"], "万元", "江苏省政协办公厅"),
    "jiangsu_high_court_2017_budget.pdf": (
        [
            "summary",
            "income_sources",
            "expenditure",
            "fiscal_summary",
            "fiscal_expenditure",
            "fiscal_basic_expenditure",
            "gpb_expenditure",
            "gpb_basic_expenditure",
            "operating_costs",
            "three_public",
            "procurement",
            "narrative_items",
        ],
        "万元",
        "江苏省高级人民法院",
    ),
}

# (table, {column: value that picks the row}, amount column, printed figure, page)
Figure = tuple[str, dict[str, Any], str, str, int]
FIGURES: dict[str, list[Figure]] = {
    "putuo_wanli_street_2024_budget.pdf": [
        ("summary", {"item": "八、城乡社区支出"}, "amount", "119385303", 10),
        ("summary", {"item": "支出总计"}, "amount", "156211123", 10),
        ("income", {"code": "2080502"}, "total", "76620", 13),
        ("income", {"code": "21205"}, "total", "5993300", 14),
        ("income", {"code": "2120104"}, "total", "6043390", 14),
        ("income", {"code": None}, "fiscal_appropriation", "156211123", 15),  # 合计 alone on p.15
        ("expenditure", {"code": "2210201"}, "total", "3503499", 19),
        ("expenditure", {"code": "2012902"}, "total", "426000", 16),
        ("expenditure", {"code": None}, "basic", "99706020", 20),
        ("fiscal_summary", {"item": "三、教育支出"}, "total", "250000", 21),
        ("gpb_expenditure", {"code": "21203"}, "total", "9721800", 25),
        ("gpb_expenditure", {"code": "208"}, "total", "19604064", 23),
        ("gpb_basic_expenditure", {"code": "30102"}, "personnel", "16623810", 29),  # 301 · 2
        ("gpb_basic_expenditure", {"code": "30209"}, "total", "1090020", 30),
        ("three_public", {"item": "公务用车购置费"}, "total", "25", 31),
        ("three_public", {"item": "机关运行经费"}, "total", "443.18", 31),
        ("narrative_items", {"code": "2013302"}, "amount", "110.60", 6),
        ("narrative_items", {"code": "2013302"}, "previous", "114.00", 6),
    ],
    "putuo_gov_office_2025_dept_budget.pdf": [
        ("summary", {"item": "支出总计"}, "amount", "91016775.35", 8),
        ("income", {"code": "2210201"}, "total", "1741445.22", 10),
        ("income", {"code": "2010302"}, "total", "46140000", 9),
        ("income", {"code": "2101101"}, "total", "782855.28", 10),
        ("expenditure", {"code": "208"}, "total", "4213779.28", 11),
        ("expenditure", {"code": "21011"}, "total", "1097073.43", 12),
        ("expenditure", {"code": None}, "total", "91016775.35", 12),
        ("fiscal_summary", {"item": "四、住房保障支出"}, "total", "3609125.22", 13),
        ("gpb_expenditure", {"code": "20103"}, "total", "82096797.42", 14),
        ("gpb_expenditure", {"code": "2010399"}, "project", "20120000", 14),
        ("gpb_expenditure", {"code": "2010350"}, "total", "3807295.58", 14),
        ("gpb_basic_expenditure", {"code": "30101"}, "total", "2540192", 18),
        ("gpb_basic_expenditure", {"code": "30216"}, "total", "30000", 19),
        ("three_public", {"item": "公务接待费"}, "total", "28.50", 20),
        ("three_public", {"item": "“三公”经费小计"}, "total", "867.50", 20),
        ("narrative_figures", {"key": "three_public_abroad"}, "value", "839.00", 21),
        ("narrative_figures", {"key": "operating_costs"}, "value", "213.28", 21),
    ],
    "putuo_commerce_2025_dept_budget.pdf": [
        ("summary", {"item": "五、资源勘探工业信息等支出"}, "amount", "293810000", 9),
        ("summary", {"item": "三、社会保障和就业支出"}, "amount", "3808085", 9),
        ("income", {"code": "2080505"}, "total", "1410886", 10),
        ("income", {"code": None}, "total", "371514655", 11),
        ("expenditure", {"code": "2101102"}, "total", "249862", 13),
        ("expenditure", {"code": "21508"}, "total", "293810000", 13),
        ("fiscal_summary", {"item": "六、商业服务业等支出"}, "total", "31364000", 14),
        ("gpb_expenditure", {"code": "206"}, "total", "17200000", 15),
        ("gpb_expenditure", {"code": "2210201"}, "total", "1361034", 16),
        ("gpb_expenditure", {"code": "2080506"}, "total", "705443", 15),
        ("gpb_basic_expenditure", {"code": "30199"}, "total", "936867", 19),
        ("gpb_basic_expenditure", {"code": "30108"}, "total", "1410886", 19),
        ("three_public", {"item": "公务接待费"}, "total", "1", 21),
        ("narrative_figures", {"key": "expenditure_total"}, "value", "37151.47", 7),
        ("narrative_figures", {"key": "operating_costs"}, "value", "171.01", 22),
        ("narrative_items", {"code": "2150899"}, "amount", "29381.00", 8),
        ("narrative_items", {"code": "2210203"}, "amount", "148.80", 8),
    ],
    "jiangsu_procuratorate_2019_budget.pdf": [
        ("summary", {"item": "八、社会保障和就业支出"}, "amount", "1890.27", 14),
        ("summary", {"item": "三、单位预留机动经费"}, "amount", "3990.40", 14),  # wrapped name
        ("income_sources", {"item": "收入总计"}, "amount", "24169.74", 15),
        ("expenditure", {"code": None}, "reserve", "3990.4", 15),  # 单位预留机动经费
        ("fiscal_summary", {"item": "一、基本支出"}, "total", "15844.04", 16),
        ("fiscal_expenditure", {"code": "22102"}, "total", "5686.35", 16),
        ("fiscal_basic_expenditure", {"code": "301"}, "total", "11960.62", 17),
        ("fiscal_basic_expenditure", {"code": "30228"}, "total", "130.05", 17),
        ("gpb_expenditure", {"code": "2080504"}, "total", "400.02", 18),
        ("gpb_expenditure", {"code": "2040450"}, "total", "315.00", 18),
        ("gpb_basic_expenditure", {"code": "30102"}, "total", "6372.51", 18),
        ("gpb_basic_expenditure", {"code": "30299"}, "total", "603.56", 19),  # continuation page
        ("three_public", {"item": "公务接待费"}, "total", "101.26", 20),
        ("three_public", {"item": "培训费"}, "total", "700", 20),
        ("operating_costs", {"code": None}, "total", "2391.92", 21),  # printed a line below 合计
        ("operating_costs", {"code": "30216"}, "total", "70.00", 21),
        ("procurement", {"item": "其他专用设备"}, "amount", "63.00", 23),
        ("narrative_items", {"code": "2210202"}, "amount", "4243.61", 29),
    ],
    "jiangsu_party_office_2018_budget_tables.pdf": [
        ("summary", {"item": "一、财政拨款"}, "amount", "24458.43", 3),
        ("summary", {"item": "十八、住房保障支出"}, "amount", "3015.16", 3),
        ("summary", {"item": "三、单位预留机动经费"}, "amount", "1973.86", 3),
        ("income_sources", {"item": "一般公共预算资金"}, "amount", "24458.43", 4),
        ("expenditure", {"code": None}, "project", "12081.46", 5),
        ("fiscal_summary", {"item": "三、单位预留机动经费"}, "total", "1973.86", 6),
        ("fiscal_expenditure", {"code": "2013102"}, "total", "12081.46", 7),
        ("fiscal_expenditure", {"code": "2080505"}, "total", "743.39", 7),
        ("fiscal_basic_expenditure", {"code": "30211"}, "total", "350.00", 8),
        ("gpb_expenditure", {"code": "2210202"}, "total", "2299.88", 9),
        ("gpb_basic_expenditure", {"code": "30113"}, "total", "715.28", 10),
        ("three_public", {"item": "因公出国（境）费"}, "total", "70.00", 11),
        ("three_public", {"item": "会议费"}, "total", "933.50", 11),
        ("operating_costs", {"code": "30239"}, "total", "297.08", 13),
        ("procurement", {"item": "PC服务器"}, "amount", "12.00", 14),
        (
            "procurement",
            {"economic_item": "物业管理费", "source_project": "行政运转保障经费"},
            "amount",
            "210.00",
            15,
        ),
    ],
    "jiangsu_cppcc_office_2018_budget.pdf": [
        ("narrative_figures", {"key": "income_total"}, "value", "10150.48", 8),
        ("narrative_figures", {"key": "income_general_public_budget"}, "value", "10070.48", 8),
        ("narrative_figures", {"key": "expenditure_basic"}, "value", "5678.17", 10),
        ("narrative_figures", {"key": "expenditure_project"}, "value", "3314.68", 10),
        ("narrative_figures", {"key": "expenditure_personnel"}, "value", "4482.32", 12),
        ("narrative_figures", {"key": "expenditure_public"}, "value", "1115.85", 12),
        ("narrative_figures", {"key": "three_public_vehicle_operation"}, "value", "156.60", 14),
        ("narrative_items", {"name": "行政运行"}, "amount", "4432.78", 11),
        ("narrative_items", {"name": "行政运行"}, "change", "1199.75", 11),
        ("narrative_items", {"name": "一般行政管理事务"}, "amount", "1780.22", 11),
        ("narrative_items", {"name": "政协会议"}, "change", "-213.74", 11),
        ("narrative_items", {"name": "委员视察"}, "amount", "429.30", 11),
        ("narrative_items", {"name": "其他政协事务支出"}, "amount", "291", 11),
        ("narrative_items", {"name": "未归口管理的行政单位离退休"}, "change", "-1256.90", 11),
        ("narrative_items", {"name": "机关事业单位职业年金缴费支出"}, "amount", "163.13", 12),
        ("narrative_items", {"name": "提租补贴"}, "amount", "1107.60", 12),
    ],
    "jiangsu_high_court_2017_budget.pdf": [
        ("summary", {"item": "当年收入小计"}, "amount", "28849.38", 12),
        ("summary", {"item": "四、公共安全支出"}, "amount", "23513.11", 12),
        ("income_sources", {"item": "收入总计"}, "amount", "28849.38", 12),
        ("expenditure", {"code": None}, "reserve", "182.92", 13),
        ("fiscal_summary", {"item": "一、基本支出"}, "total", "17123.19", 13),
        ("fiscal_expenditure", {"code": "2040504"}, "total", "1733.30", 13),
        ("fiscal_expenditure", {"code": "2210201"}, "total", "1029.15", 14),  # above the ruling
        ("fiscal_basic_expenditure", {"code": "30104"}, "total", "64.80", 14),
        ("gpb_expenditure", {"code": "2040599"}, "total", "910.00", 15),
        ("gpb_basic_expenditure", {"code": "30206"}, "total", "235.00", 16),
        ("gpb_basic_expenditure", {"code": "30217"}, "total", "50.72", 16),
        ("operating_costs", {"code": "30213"}, "total", "841.00", 16),
        ("three_public", {"item": "“三公”经费小计"}, "total", "670.12", 17),
        ("three_public", {"item": "公务用车运行维护费"}, "total", "304.40", 17),
        ("three_public", {"item": "培训费"}, "total", "1701.25", 17),
        ("procurement", {"category": "一、货物A", "row_kind": "category"}, "amount", "525.40", 17),
        ("narrative_figures", {"key": "expenditure_personnel"}, "value", "13594.82", 23),
        ("narrative_items", {"code": "2080504"}, "amount", "2347.13", 22),
    ],
}


@pytest.fixture(scope="module", params=sorted(CONTENTS))
def published(request: pytest.FixtureRequest) -> tuple[str, Disclosure, Reconciliation]:
    path: Path = SHARED_REAL / request.param
    if not path.exists():
        pytest.skip(f"{path} is absent")
    disclosure = parse_pdf(path)
    return request.param, disclosure, reconcile(disclosure)


def _row(d: Disclosure, table: str, where: dict[str, Any]) -> dict[str, Any]:
    rows = [r for r in d.table(table).to_dicts() if all(r.get(k) == v for k, v in where.items())]
    assert rows, f"no {table} row with {where}"
    return rows[0]


def test_every_printed_table_is_exported(published: tuple[str, Disclosure, Reconciliation]) -> None:
    name, d, _ = published
    tables, unit, department = CONTENTS[name]
    printed = {t for t in d.table_ids() if d.table(t).height} - {"narrative_figures"}
    assert printed == set(tables), name
    assert d.meta.unit == unit and d.meta.department == department
    assert len(FIGURES[name]) >= 15


def test_hand_read_figures(published: tuple[str, Disclosure, Reconciliation]) -> None:
    name, d, _ = published
    for table, where, column, printed, page in FIGURES[name]:
        row = _row(d, table, where)
        assert row[column] == Decimal(printed), (table, where, column)
        assert row["page"] == page, (table, where, "page")


def test_published_packages_reconcile(published: tuple[str, Disclosure, Reconciliation]) -> None:
    """A published package adds up: no errors but the prose's own wrong claims, each proved
    from its page in tests/test_claims.py; and something was actually tested."""
    from tests.test_claims import REAL as WRONG_CLAIMS

    name, _, check = published
    proved = [(rule, location) for n, rule, location, *_ in WRONG_CLAIMS if n == name]
    errors = check.findings.filter(check.findings["severity"] == "error")
    others = [e for e in errors.iter_rows(named=True) if (e["rule"], e["location"]) not in proved]
    assert others == [], others
    assert errors.height == len(proved)
    assert check.identities.height >= 1


def test_codes_split_over_columns_are_joined_and_padded() -> None:
    d = parse_pdf(SHARED_REAL / "putuo_wanli_street_2024_budget.pdf")
    basic = {r["code"]: r["name"] for r in d.table("gpb_basic_expenditure").to_dicts()}
    # printed 301 · 2 and 301 · 7: WPS dropped the 款's leading zero
    assert basic["30102"] == "津贴补贴" and basic["30107"] == "绩效工资"
    gpb = d.table("gpb_expenditure")
    assert gpb.filter(gpb["code"] == "2010507")["name"].to_list() == ["专项普查活动"]
    assert set(gpb["level"].to_list()) == {0, 1, 2, 3}


def test_a_three_public_table_in_its_own_unit() -> None:
    """Shanghai prints amounts in 元 but the "三公" table in 万元: values stay as printed and
    the unit is recorded per table, and the narrative (万元) is checked against it as is."""
    d = parse_pdf(SHARED_REAL / "putuo_wanli_street_2024_budget.pdf")
    assert d.meta.unit == "元" and d.meta.table_units == {"three_public": "万元"}
    check = reconcile(d)
    findings = check.identities.filter(
        (check.identities["rule"] == "narrative_vs_table")
        & (check.identities["location"] == "operating_costs")
    ).to_dicts()
    assert findings and findings[0]["status"] == "ok"  # 443.18 = 443.18, both 万元


def test_narrative_rounding_to_wan_yuan_is_info_not_error() -> None:
    """The prose rounds 元 tables to 0.01 万元: 说明 15621.11 万元 against 156,211,123 元
    agrees within half its last digit (50 元) plus half the table's (0.5 元: printed whole),
    an info finding, never an error."""
    d = parse_pdf(SHARED_REAL / "putuo_wanli_street_2024_budget.pdf")
    check = reconcile(d)
    row = check.findings.filter(check.findings["location"] == "expenditure_total").to_dicts()[0]
    assert row["severity"] == "info"
    assert row["expected"] == Decimal("156211100.00") and row["actual"] == Decimal("156211123.00")
    assert row["tolerance"] == Decimal("50.500")
