"""Two things seen on 湖州市交通运输局 (2026): a year taken for the department code, and a
基本支出 printed only as its two columns (人员支出, 公用经费) shown blank in the overview."""

from __future__ import annotations

import pytest

from core.cache.store import open_disclosure
from core.reading.pages import PageContent
from core.rules.reconcile import reconcile
from core.tables.meta import meta_from_pages
from tests.conftest import SHARED_REAL
from tui.package.overview import overview_text

HUZHOU = SHARED_REAL / "zj_huzhou_2026_budget_jiaotongyunshu.pdf"


def _pages(*headers: str) -> list[PageContent]:
    return [PageContent(n, len(headers), header=h) for n, h in enumerate(headers, start=1)]


def test_a_year_before_the_units_name_is_not_its_code() -> None:
    code, name, _, _ = meta_from_pages(
        _pages(
            "2026 年湖州市交通运输局部门预算\n编制单位：湖州市交通运输局",
            "表01\n2026年市级部门收支预算总表\n606-湖州市交通运输局 单位：万元",
        )
    )
    assert (code, name) == ("606", "湖州市交通运输局")


def test_digits_before_no_units_name_are_no_code() -> None:
    code, *_ = meta_from_pages(
        _pages("2080505 大气 单位：万元\n北京市生态环境局", "北京市生态环境局 单位：万元")
    )
    assert code is None


@pytest.mark.real
@pytest.mark.skipif(not HUZHOU.exists(), reason="the real PDFs are not beside the repo")
def test_basic_expenditure_printed_as_its_two_columns_is_their_sum() -> None:
    d = open_disclosure(HUZHOU, use_cache=False)
    assert d.meta.department_code == "606"  # p.21 "606-湖州市交通运输局 单位：万元"
    text = str(overview_text(d, reconcile(d)))
    # p.25 支出预算总表 合计: 人员支出 26435.02 + 公用经费 3388.68; 经营支出 200.00
    assert "基本支出        29,823.70" in text
    assert "项目支出       171,262.41" in text
    assert "经营支出           200.00" in text
