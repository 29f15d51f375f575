"""Every claim in the prose, recomputed at the precision printed (core/rules/claims.py):
synthetic sentences for each kind, then the real packages whose prose gets one wrong — each
proved from its page (pdftotext -layout of the page named)."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import polars as pl
import pytest

from core.cache.store import open_disclosure
from core.model import Disclosure, Meta, ProsePage
from core.rules.claims import reconcile_claims
from core.rules.reconcile import reconcile
from core.tables.columns import to_frame
from tests.conftest import SHARED_REAL


def _prose(*pages: str, projects: list[dict[str, Any]] | None = None) -> Disclosure:
    meta = Meta("synthetic.pdf", "0" * 64, None, "测试局", 2026, "万元", len(pages))
    tables = {"projects": to_frame("projects", projects or [])}
    return Disclosure(meta, tables, prose=[ProsePage(i + 1, text) for i, text in enumerate(pages)])


def _only(d: Disclosure, rule: str) -> list[Any]:
    return [r for r in reconcile_claims(d) if r.rule == rule]


def test_of_which_never_more_than_its_whole() -> None:
    (wrong,) = _only(_prose("现有公务用车8台，其中15台为执法执勤用车。"), "prose_of_which")
    assert wrong.status == "broken" and (wrong.expected, wrong.actual) == (D(8), D(15))
    (right,) = _only(_prose("在编人员120人，其中行政编制96人。"), "prose_of_which")
    assert right.status == "ok"
    # a net change's 其中 may exceed it (another part went the other way): no claim
    net = "较2023年预算增加923.98万元，其中：基本支出增加2104.19万元，项目支出减少1180.21万元。"
    assert _only(_prose(net), "prose_of_which") == []


def test_share_at_the_printed_precision() -> None:
    text = (
        "本年支出预算合计1,000.00万元，其中：基本支出922.00万元，占92.20%；"
        "项目支出78.00万元，占7.90%。"
    )
    results = {r.location: r for r in _only(_prose(text), "prose_share")}
    assert results["922.00万元 ÷ 1,000.00万元"].status == "ok"
    wrong = results["78.00万元 ÷ 1,000.00万元"]  # 7.80% printed 7.90%
    assert wrong.status == "broken" and wrong.actual == D("7.90") and wrong.expected == D("7.8")
    # one decimal printed: 7.8 stands for 7.75..7.85
    assert _only(_prose(text.replace("7.90%", "7.8%")), "prose_share")[1].status == "ok"


def test_the_balancing_remainder_of_shares_that_add_up_to_100_is_info() -> None:
    # 33.334%, 33.334% and 33.332%: printed 33.33 + 33.33, and the last as 100 − 66.66
    text = (
        "本年支出预算合计1,000.00万元，其中：基本支出333.34万元，占33.33%；"
        "项目支出333.34万元，占33.33%；事业单位经营支出333.32万元，占33.34%。"
    )
    results = {r.location: r for r in _only(_prose(text), "prose_share")}
    remainder = results["333.32万元 ÷ 1,000.00万元"]
    assert remainder.status == "rounding" and remainder.severity == "info"
    assert "此项为 100% 减其余各项的余数" in remainder.message
    # the same share where the printed shares do not add up to 100 is an error
    off = text.replace("占33.34%", "占33.35%")
    wrong = {r.location: r for r in _only(_prose(off), "prose_share")}
    assert wrong["333.32万元 ÷ 1,000.00万元"].status == "broken"


def test_change_recomputed_from_its_own_figures() -> None:
    ok = "2026年度收入预算44169.36万元，比2025年年初预算数44021.20万元增加148.16万元，增长0.34%。"
    assert {r.status for r in _only(_prose(ok), "prose_change")} == {"ok"}
    wrong = ok.replace("增长0.34%", "增长0.43%")
    statuses = [r.status for r in _only(_prose(wrong), "prose_change")]
    assert statuses == ["ok", "broken"]  # the amounts add up, the rate does not


def test_a_fall_stated_as_a_decline_rate_is_checked_like_a_rise() -> None:
    ok = "2026年度支出预算8,000.00万元，比2025年预算数10,000.00万元减少2,000.00万元，降幅20.00%。"
    assert [r.status for r in _only(_prose(ok), "prose_change")] == ["ok", "ok"]
    wrong = ok.replace("降幅20.00%", "降幅25.00%")  # 2,000 ÷ 10,000 is 20%
    assert [r.status for r in _only(_prose(wrong), "prose_change")] == ["ok", "broken"]
    rise = "收入预算120.00万元，比上年预算数100.00万元增加20.00万元，增幅为20%。"
    assert [r.status for r in _only(_prose(rise), "prose_change")] == ["ok", "ok"]
    # 减少 … 增幅 is no one claim
    assert _only(_prose(ok.replace("降幅", "增幅")), "prose_change") == []


def test_the_rate_chooses_the_figure_a_change_is_of() -> None:
    # 深圳市政府办公厅 2026 p.7: the change is 研究调研活动's, not its last sub-item's
    text = (
        "4.研究调研活动166.02万元，主要包括：政府重要文稿起草及调研工作116.3万元；"
        "党建及业务专题培训49.72万元。较2025年年初预算增加28.46万元，增幅20.7%。"
    )
    results = _only(_prose(text), "prose_change")
    assert [(r.location, r.status) for r in results] == [("166.02万元 +28.46万元", "ok")]


def test_a_rate_cut_off_not_rounded_is_noted_not_failed() -> None:
    text = (
        "（项）53,522.29万元，主要用于行业管理。比上年执行数减少9,871.3万元，下降15.5%，主要原因。"
    )
    (result,) = _only(_prose(text), "prose_change")
    assert result.status == "rounding" and "截尾" in result.message  # 15.57% cut to 15.5%


def test_a_page_number_line_is_not_part_of_a_figure() -> None:
    """杭州市司法局 p.4–5: "…比上年执行数增加" / "4" (page number) / "7,331.92 万元，增长 8.0%"."""
    d = _prose(
        "2026 年收入预算 99,230.46 万元，比上年执行数增加", "4\n7,331.92 万元，增长 8.0%，主要原因"
    )
    (result,) = _only(d, "prose_change")
    assert result.status == "ok"  # 7331.92 ÷ 91898.54 = 7.98% → 8.0%


def test_restated_project_amount_against_its_row() -> None:
    row = {
        "seq": 1,
        "project_code": "P1",
        "name": "预算准备金",
        "budget": D("345.00"),
        "page": 12,
        "redacted": False,
        "classified": [],
    }
    text = "市本级福彩公益金预算准备金300.00万元；6.预算准备金345.00万元，主要用于临时开支。"
    (result,) = _only(_prose(text, projects=[row]), "prose_restated")
    assert result.status == "ok" and result.expected == D("345.00")  # not the 300.00 of 福彩…
    (wrong,) = _only(_prose("6.预算准备金346.00万元。", projects=[row]), "prose_restated")
    assert wrong.status == "broken" and wrong.difference == D("1.00")


# -- the real packages ---------------------------------------------------------------------------

REAL = [
    # file, rule, location, printed %, exact % (4 places), page — each read off its page
    (
        # p.15: 机关运行经费预算支出1,115.85万元，与上年相比减少2,233.13万元，下降66.69%
        # (2,233.13 ÷ 3,348.98 = 66.681%)
        "jiangsu_cppcc_office_2018_budget.pdf",
        "prose_change",
        "1,115.85万元 -2,233.13万元",
        "66.69",
        "66.6809",
        15,
    ),
    (
        # p.20: 本年支出预算合计28849.38万元 … 单位预留机动经费182.92万元，占0.64% (0.634%)
        "jiangsu_high_court_2017_budget.pdf",
        "prose_share",
        "182.92万元 ÷ 28849.38万元",
        "0.64",
        "0.6341",
        20,
    ),
    (
        # p.22: 提租补贴（项）支出1959.99万元，与上年相比增加865.57万元，增长79.05%
        # (865.57 ÷ 1,094.42 = 79.089%)
        "jiangsu_high_court_2017_budget.pdf",
        "prose_change",
        "1959.99万元 +865.57万元",
        "79.05",
        "79.0894",
        22,
    ),
    (
        # p.26: 本年支出预算合计24,169.74万元，其中：基本支出15,844.04万元，占65.56% (65.553%)
        "jiangsu_procuratorate_2019_budget.pdf",
        "prose_share",
        "15,844.04万元 ÷ 24,169.74万元",
        "65.56",
        "65.5532",
        26,
    ),
    (
        # p.25: 收入、支出预算总计24,169.74万元，与上年相比收、支预算总计各增加2214.39万元，
        # 增长10.06% (2214.39 ÷ 21,955.35 = 10.086%)
        "jiangsu_procuratorate_2019_budget.pdf",
        "prose_change",
        "24,169.74万元 +2214.39万元",
        "10.06",
        "10.0859",
        25,
    ),
    (
        # p.26: 项目支出预算数为4335.3万元。与上年相比减少了1237.7万元，减少13.22% — the
        # rate of 基本支出 above it; 1237.7 ÷ (4335.3 + 1237.7) is 22.21%
        "jiangsu_procuratorate_2019_budget.pdf",
        "prose_change",
        "4335.3万元 -1237.7万元",
        "13.22",
        "22.2089",
        26,
    ),
    (
        # p.29: 住房公积金（项）支出1442.74万元，与上年相比增加368.97万元，增加34.38%
        # (368.97 ÷ 1,073.77 = 34.362%)
        "jiangsu_procuratorate_2019_budget.pdf",
        "prose_change",
        "1442.74万元 +368.97万元",
        "34.38",
        "34.3621",
        29,
    ),
]


@pytest.mark.skipif(not SHARED_REAL.exists(), reason="the real PDFs are not beside the repo")
@pytest.mark.parametrize(("name", "rule", "location", "printed", "exact", "page"), REAL)
def test_real_prose_claim_wrong_on_its_page(
    name: str, rule: str, location: str, printed: str, exact: str, page: int
) -> None:
    d = open_disclosure(SHARED_REAL / name)
    findings = reconcile(d).findings.filter(
        (pl.col("rule") == rule) & (pl.col("location") == location) & (pl.col("status") == "broken")
    )
    assert findings.height == 1, reconcile(d).findings.filter(pl.col("rule") == rule)
    f = findings.row(0, named=True)
    assert f["severity"] == "error" and f["pages"] == [page]
    assert f["actual"] == D(printed)
    assert exact in f["message"]


@pytest.mark.skipif(not SHARED_REAL.exists(), reason="the real PDFs are not beside the repo")
def test_real_prose_claims_no_other_error() -> None:
    """Over all 34 real files, the prose's claims fail only where the page shows it."""
    expected = {(name, rule, location) for name, rule, location, *_ in REAL}
    found = set()
    for path in sorted(SHARED_REAL.glob("*.pdf")):
        for r in reconcile_claims(open_disclosure(path)):
            if r.status == "broken":
                found.add((path.name, r.rule, r.location))
    assert found == expected
