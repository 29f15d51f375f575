"""Variants of the seed the parser must survive: renamed titles, 元 with separators, a
continuation page without header, and a big department over many pages."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import polars as pl

from core.parse import parse_pdf
from core.tables.recognition import match_title
from tests.generator import variants as V

Rendered = Callable[..., Path]


def test_title_catalogue_longest_match_wins() -> None:
    assert match_title("部门预算财政拨款收支总表")[0] == "fiscal_summary"  # type: ignore[index]
    assert match_title("部门预算收支总表")[0] == "summary"  # type: ignore[index]
    assert match_title("2024年部门财务收支预算总表")[0] == "summary"  # type: ignore[index]
    assert match_title("公开05表 一般公共预算支出功能分类预算表")[0] == "gpb_expenditure"  # type: ignore[index]
    assert match_title("基本支出部门预算经济分类预算表")[0] == "gpb_basic_expenditure"  # type: ignore[index]
    assert match_title("“三公”经费和机关运行经费预算表")[0] == "three_public"  # type: ignore[index]
    assert match_title("这是一段普通的说明文字") is None


def test_renamed_titles_parse_the_same(rendered: Rendered, seed) -> None:  # type: ignore[no-untyped-def]
    d = parse_pdf(rendered(V.renamed_titles(), "renamed"))
    for table in (
        "summary",
        "income",
        "expenditure",
        "fiscal_summary",
        "gpb_expenditure",
        "gpb_basic_expenditure",
    ):
        assert d.table(table).drop("page").equals(seed.table(table).drop("page")), table
    assert d.raw_tables == []


def test_yuan_with_thousands_separators(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.in_yuan(), "yuan"))
    assert d.meta.unit == "元"
    exp = d.table("expenditure")
    total = exp.filter(pl.col("level") == 0).row(0, named=True)
    assert (total["total"], total["basic"], total["project"]) == (
        D("117459200.00"),
        D("70975700.00"),
        D("46483500.00"),
    )
    assert exp.filter(pl.col("code") == "2040220")["basic"].item() == D("3997100.00")
    assert d.table("income").height == 22
    assert d.table("gpb_basic_expenditure").filter(pl.col("code") == "30239")["public"].item() == D(
        "2095000.00"
    )


def test_continuation_page_without_header_still_joins(rendered: Rendered, seed) -> None:  # type: ignore[no-untyped-def]
    d = parse_pdf(rendered(V.no_repeated_header(), "noheader"))
    assert d.table("expenditure").drop("page").equals(seed.table("expenditure").drop("page"))
    basic = d.table("gpb_basic_expenditure")
    assert basic.height == 38
    assert basic.filter(pl.col("code") == "30199")["name"].item() == "其他工资福利支出"
    assert d.raw_tables == []


def test_big_department_300_plus_rows(rendered: Rendered) -> None:
    description = V.big_department()
    d = parse_pdf(rendered(description, "big"))
    gpb = d.table("gpb_expenditure")
    assert gpb.height == 1 + 20 + 80 + 320
    assert gpb["page"].max() >= 10  # it really runs over many pages
    expected_total = D(description.parts[0].body[0][2].text or "0")  # type: ignore[union-attr]
    assert gpb.filter(pl.col("level") == 0)["total"].item() == expected_total
    assert gpb.filter(pl.col("code") == "2200404")["name"].item() == "项目20-4-4"
    assert gpb["level"].value_counts().sort("level")["count"].to_list() == [1, 20, 80, 320]
