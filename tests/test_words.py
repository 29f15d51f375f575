"""The checks of the words (core.rules.words): a placeholder left in, doubled punctuation, a
heading's or a 截至 date's wrong year, a table the contents list but the package does not
print. Each generated defect is caught at the page pdfplumber finds its words on; the seed,
the 44 published budgets and the three published final accounts raise none; the Shanghai
template raises its own placeholders, page by page."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import pdfplumber
import polars as pl
import pytest

from core.model import Disclosure
from core.parse import parse_pdf
from core.rules.reconcile import Reconciliation, reconcile
from core.rules.words import contents_entries, reconcile_words
from core.tables.meta import heading_years
from tests.conftest import SHARED_REAL
from tests.generator import variants as V

Rendered = Callable[..., Path]
SHARED_FINAL = SHARED_REAL.parent / "final"


def _pages_with(path: Path, words: str) -> list[int]:
    """The pages whose text (pdfplumber's, spaces removed) holds ``words``."""
    with pdfplumber.open(path) as pdf:
        return [
            i
            for i, page in enumerate(pdf.pages, start=1)
            if words in re.sub(r"\s+", "", page.extract_text() or "")
        ]


def _words(check: Reconciliation) -> list[dict]:  # type: ignore[type-arg]
    return check.findings.filter(pl.col("table") == "words").to_dicts()


def test_the_seed_raises_no_word_finding(seed: Disclosure, seed_check: Reconciliation) -> None:
    assert reconcile_words(seed) == []
    assert _words(seed_check) == []


def test_a_contents_page_listing_what_is_printed_raises_nothing(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.with_contents(), "contents"))
    assert [p.page for p in d.prose if "目 录" in p.text or "目录" in p.text][:1] == [1]
    assert contents_entries(d.prose[0].text) == list(V.SEED_TITLES)
    assert reconcile_words(d) == []


def test_a_placeholder_left_in_is_an_error_at_its_page(rendered: Rendered) -> None:
    path = rendered(V.words_placeholder(), "placeholder")
    check = reconcile(parse_pdf(path))
    (page,) = _pages_with(path, "现将XX县XX局")
    (found,) = _words(check)
    assert (found["rule"], found["severity"], found["pages"]) == (
        "words_placeholder",
        "error",
        [page],
    )
    assert found["location"] == f"p.{page}"
    assert "现将XX县XX局" in found["message"].replace(" ", "")


def test_a_heading_of_another_year_and_an_old_as_of_date_are_errors(rendered: Rendered) -> None:
    path = rendered(V.words_wrong_year(), "wrong_year")
    d = parse_pdf(path)
    assert d.meta.year == 2024
    found = _words(reconcile(d))
    heading = "第一部分平乡县公安局2023年部门预算信息公开情况说明"
    as_of = "截至2021年12月31日"
    assert [(f["rule"], f["severity"], f["pages"]) for f in found] == [
        ("words_year", "error", _pages_with(path, heading)),
        ("words_year", "error", _pages_with(path, as_of)),
    ]
    assert heading in found[0]["message"] and "2023" in found[0]["message"]
    assert as_of in found[1]["message"]
    # the sentences that compare with 2023 (上年) are no heading and raise nothing
    assert _pages_with(path, "2023") != []


def test_a_table_in_the_contents_that_is_not_printed_is_an_error(rendered: Rendered) -> None:
    path = rendered(V.words_missing_table(), "missing_table")
    found = _words(reconcile(parse_pdf(path)))
    missing = "部门预算国有资本经营预算财政拨款支出表"
    assert _pages_with(path, missing) == [1]  # the contents alone name it
    assert [(f["rule"], f["severity"], f["pages"]) for f in found] == [
        ("words_contents", "error", [1])
    ]
    assert missing in found[0]["message"]
    # the 政府性基金 table printed as its title over 本表无数据 is printed, not missing
    blank = _pages_with(path, "本表无数据")
    assert len(blank) == 1 and blank == [
        p for p in _pages_with(path, "部门预算政府性基金预算财政拨款支出表") if p != 1
    ]


def test_doubled_punctuation_is_a_warning_at_its_page(rendered: Rendered) -> None:
    path = rendered(V.words_doubled_punctuation(), "doubled")
    (found,) = _words(reconcile(parse_pdf(path)))
    (page,) = _pages_with(path, "都反映在预算中。。")
    assert (found["rule"], found["severity"], found["pages"]) == (
        "words_punctuation",
        "warning",
        [page],
    )
    assert "预算中。。" in found["message"]


def test_headings_and_their_years() -> None:
    text = "\n".join(
        [
            "重庆市科学技术局 2026 年部门预算情况说明",
            "2025年预算执行情况说明",  # the year before, spoken of: no heading
            "支出比 2025 年增加 6,276.54 万元。",
            "第二部分 国家信访局 2024 年度部门决算表",
            "财务管理等工作的支出。与2025年年初预算持平。第四部分政府采购预算情况",
        ]
    )
    assert heading_years(text) == [
        (2026, "重庆市科学技术局2026年部门预算情况说明"),
        (2024, "第二部分国家信访局2024年度部门决算表"),
    ]


# -- the published files ----------------------------------------------------------------

needs_real = pytest.mark.skipif(
    not SHARED_REAL.is_dir(),
    reason=f"{SHARED_REAL} is absent: the published PDFs live beside the clone",
)
REAL_FILES = sorted(SHARED_REAL.glob("*.pdf")) if SHARED_REAL.is_dir() else []

# every word finding the 44 published budgets raise, as (file, rule, page, the page's words):
# none. Each kind was searched for in their pages' text (pdfplumber): no XX / ×× / 某某 /
# 〇〇 but the 控详规 codes X101 X102 (putuo_wanli p.33, a single X, no placeholder); no
# doubled 。。，， but in bj_2026_budget_caizhengju_baobiao p.21 and p.38, where a cell's
# vertical text is read interleaved with spaces ("件 ， ， 据"), not printed doubled; every
# 截至 date in the year before the budget's or its own (广州 截至2026年1月31日); every
# heading in the package's year; every table a 目录 lists printed. One exception, read once
# the 说明 drawn in boxed runs is read as prose: 长沙市公安局 2025 p.10 prints "人数 800 人，；
# 培训费预算" and "人数 5000 人，；未举办节庆" (a comma before a semicolon, twice).
REAL_WORD_FINDINGS: dict[str, list[tuple[str, int, str]]] = {
    "hn_changsha_2025_budget_gonganju.pdf": [
        ("words_punctuation", 10, "人数 800 人，；培训费预算"),
    ],
}


@needs_real
def test_there_are_44_published_budgets() -> None:
    assert len(REAL_FILES) == 44


@needs_real
@pytest.mark.parametrize("path", REAL_FILES, ids=[p.stem for p in REAL_FILES])
def test_published_budgets_raise_only_the_word_findings_their_pages_bear(path: Path) -> None:
    d = parse_pdf(path)
    assert d.meta.kind == "budget"
    found = [(r.rule, r.terms[0][1].page, r.message) for r in reconcile_words(d)]
    expected = REAL_WORD_FINDINGS.get(path.name, [])
    assert [(rule, page) for rule, page, _ in found] == [(rule, page) for rule, page, _ in expected]
    for (_, _, message), (_, _, words) in zip(found, expected, strict=True):
        assert words in message


# the template's placeholders: every page pdfplumber reads an XX on, and no other
TEMPLATE_PLACEHOLDER_PAGES = [1, 2, 4, 5, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]


@pytest.mark.skipif(not SHARED_FINAL.is_dir(), reason=f"{SHARED_FINAL} is absent")
def test_the_final_accounts_template_is_its_placeholders() -> None:
    path = SHARED_FINAL / "final_accounts_template.pdf"
    found = reconcile_words(parse_pdf(path))
    assert {r.rule for r in found} == {"words_placeholder"}
    assert {r.status for r in found} == {"broken"}
    assert [r.terms[0][1].page for r in found] == TEMPLATE_PLACEHOLDER_PAGES
    assert sorted(set(_pages_with(path, "XX"))) == TEMPLATE_PLACEHOLDER_PAGES
    assert "上海市 XX 局 2024 年" in found[0].message


@pytest.mark.skipif(not SHARED_FINAL.is_dir(), reason=f"{SHARED_FINAL} is absent")
@pytest.mark.parametrize(
    "name",
    [
        "putuo_finance_2024_final_accounts.pdf",
        "central_2024_final_guojiaxinfangju.pdf",
        "gd_foshan_2019_final_guidaojiaotongju.pdf",
    ],
)
def test_published_final_accounts_raise_no_word_finding(name: str) -> None:
    d = parse_pdf(SHARED_FINAL / name)
    assert d.meta.kind == "final"
    assert reconcile_words(d) == []


def test_a_comparison_of_final_and_budget_the_figures_contradict(rendered: Rendered) -> None:
    """决算数大于预算数 of 11000.00 against 11624.03 is an error; a rate of 96.63% where
    3000.00 ÷ 3200.00 is 93.75% is an error; 98.20% and 小于 of 2940.05 ÷ 2993.92 hold."""
    path = rendered(V.execution_claims(), "execution")
    check = reconcile(parse_pdf(path))
    found = check.identities.filter(pl.col("rule").str.starts_with("prose_execution")).to_dicts()
    assert [(f["rule"], f["location"], f["status"]) for f in found] == [
        ("prose_execution", "11000.00万元 ÷ 11624.03万元", "ok"),
        ("prose_execution_word", "11000.00万元 ÷ 11624.03万元/大于", "broken"),
        ("prose_execution", "3000.00万元 ÷ 3200.00万元", "broken"),
        ("prose_execution", "2940.05万元 ÷ 2993.92万元", "ok"),
        ("prose_execution_word", "2940.05万元 ÷ 2993.92万元/小于", "ok"),
    ]
    pages = _pages_with(path, "完成年初预算的96.63%")
    assert pages and all(f["pages"] == pages for f in found[:3])
    word = found[1]
    assert (word["expected"], word["actual"], word["difference"]) == (
        D("11624.03"),
        D("11000.00"),
        D("-624.03"),
    )
    assert "与所说不符" in word["message"]
    assert "93.7500%" in found[2]["message"] and "96.63%" in found[2]["message"]
