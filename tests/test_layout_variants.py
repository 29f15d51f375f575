"""Layouts seen in published packages, one generated variant each (tests/generator/variants.py):
what the parser must read from every one of them — the table found, exact cells, a complete
reading (every printed number placed) and no error over a sound document — and, for two of
them, an injected defect caught as an error at its exact place."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pdfplumber
import polars as pl
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from core.model import Disclosure
from core.parse import parse_pdf
from core.rules.reconcile import reconcile
from core.tables.coverage import PrintedNumber
from tests.generator import variants as V
from tests.generator.seed import BASIC, EXPENDITURE

Rendered = Callable[..., Path]

EXPENDITURE_CODES = [code or None for code, *_ in EXPENDITURE]


def row_of(d: Disclosure, table: str, **where: Any) -> dict[str, Any]:
    """The one row of ``table`` whose columns have the given values."""
    frame = d.table(table)
    for column, value in where.items():
        frame = frame.filter(pl.col(column) == value)
    assert frame.height == 1, (table, where, frame.height)
    return frame.row(0, named=True)


def total_row(d: Disclosure, table: str) -> dict[str, Any]:
    return row_of(d, table, level=0)


def assert_read_completely(d: Disclosure, *tables: str) -> None:
    for table in tables:
        assert table in d.coverage, f"{table} not found"
        unplaced = [(n.text, n.where()) for n in d.coverage[table].unplaced]
        assert not unplaced, f"{table}: numbers printed but not read: {unplaced}"


def findings(d: Disclosure, severity: str) -> list[dict[str, Any]]:
    return (
        reconcile(d)
        .findings.filter(pl.col("severity") == severity)
        .select("rule", "table", "location", "message", "difference", "tolerance", "pages")
        .to_dicts()
    )


def assert_no_error(d: Disclosure) -> None:
    errors = findings(d, "error")
    assert errors == [], errors


# -- 1. the title drawn inside the grid -------------------------------------------------------


def test_title_and_unit_caption_inside_the_grid(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.title_in_grid(), "title_in_grid"))
    assert d.part_pages == {"gpb_expenditure": [1, 2]}
    assert d.raw_tables == []
    assert d.meta.unit == "万元"
    assert d.meta.department == "平乡县公安局"
    gpb = d.table("gpb_expenditure")
    assert gpb["code"].to_list() == EXPENDITURE_CODES
    total = total_row(d, "gpb_expenditure")
    assert (total["total"], total["basic"], total["project"]) == (
        D("11745.92"),
        D("7097.57"),
        D("4648.35"),
    )
    assert row_of(d, "gpb_expenditure", code="2040220")["basic"] == D("399.71")
    continued = row_of(d, "gpb_expenditure", code="2101103")  # on the continuation page
    assert (continued["name"], continued["total"], continued["page"]) == (
        "公务员医疗补助",
        D("58.90"),
        2,
    )
    assert_read_completely(d, "gpb_expenditure")
    assert_no_error(d)


# -- 2. a title wrapped over two lines --------------------------------------------------------


def test_title_wrapped_over_two_lines(rendered: Rendered) -> None:
    """Titles printed as 部门预算一般公共预算财政拨款基本支 / 出表 and 部门预算财政拨款“三公”经 /
    费支出表: the tail line alone (费支出表) names no table of its own."""
    d = parse_pdf(rendered(V.wrapped_titles(), "wrapped_titles"))
    assert d.part_pages == {"gpb_basic_expenditure": [1, 2, 3], "three_public": [4, 5]}
    assert d.table("expenditure").height == 0
    assert d.raw_tables == []
    basic = d.table("gpb_basic_expenditure")
    assert basic["code"].to_list() == [code or None for code, *_ in BASIC]
    assert row_of(d, "gpb_basic_expenditure", code="30239")["public"] == D("209.50")
    three = d.table("three_public")
    assert three.height == 12
    vehicles = row_of(d, "three_public", item="公务用车运行维护费")
    assert (vehicles["seq"], vehicles["total"], vehicles["general_public_budget"]) == (
        8,
        D("30.00"),
        D("30.00"),
    )
    assert row_of(d, "three_public", item="一、因公出国（境）费")["total"] is None
    assert_read_completely(d, "gpb_basic_expenditure", "three_public")
    assert_no_error(d)


# -- 3. continuation pages repeating the title and the header ---------------------------------


def test_continuation_repeating_title_and_header_joins(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.repeated_title_and_header(), "repeated_title"))
    assert d.part_pages == {"expenditure": [1, 2, 3], "gpb_basic_expenditure": [4, 5, 6]}
    assert d.raw_tables == []
    exp = d.table("expenditure")
    assert exp["code"].to_list() == EXPENDITURE_CODES
    # rows a page break cut in two, joined again
    cut = row_of(d, "expenditure", code="2040299")
    assert (cut["name"], cut["total"], cut["project"]) == ("其他公安支出", D("849.78"), D("849.78"))
    assert row_of(d, "expenditure", code="2101101")["total"] == D("221.00")
    basic = d.table("gpb_basic_expenditure")
    assert basic.height == len(BASIC)
    wages = row_of(d, "gpb_basic_expenditure", code="30199")
    assert (wages["name"], wages["personnel"]) == ("其他工资福利支出", D("1519.27"))
    assert row_of(d, "gpb_basic_expenditure", code="31002")["public"] == D("20.00")
    assert_read_completely(d, "expenditure", "gpb_basic_expenditure")
    assert_no_error(d)


# -- 4. content outside the page box ----------------------------------------------------------


def test_content_outside_the_page_box_is_ignored(rendered: Rendered) -> None:
    path = rendered(V.outside_page_box(), "outside_page_box")
    with pdfplumber.open(path) as pdf:  # the file really is what the variant says
        assert [round(v) for v in pdf.pages[0].page_obj.mediabox] == [-12, -12, 830, 583]
        last = pdf.pages[3]
        assert any(c["top"] > last.height for c in last.chars)  # the hidden copy
    d = parse_pdf(path)
    assert d.part_pages == {"gpb_expenditure": [1, 2], "three_public": [3, 4]}
    assert d.raw_tables == []
    assert d.unreadable == {}
    assert d.table("gpb_expenditure")["code"].to_list() == EXPENDITURE_CODES
    assert row_of(d, "gpb_expenditure", code="2040201")["total"] == D("5522.96")
    assert row_of(d, "gpb_expenditure", code="2210201")["basic"] == D("374.00")
    three = d.table("three_public")
    assert three.height == 12  # not 12 + the hidden copy's rows
    assert row_of(d, "three_public", item="合计")["total"] == D("30.00")  # not 60.00
    assert row_of(d, "three_public", item="公务用车运行维护费")["total"] == D("30.00")
    assert_read_completely(d, "gpb_expenditure", "three_public")
    assert_no_error(d)


# -- 5. whole 元 ------------------------------------------------------------------------------


def test_whole_yuan_parent_one_yuan_off_is_rounding(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.whole_yuan(), "whole_yuan"))
    assert d.meta.unit == "元"
    assert d.precision["gpb_expenditure"] == 0
    assert d.table("gpb_expenditure")["code"].to_list() == EXPENDITURE_CODES
    assert total_row(d, "gpb_expenditure")["total"] == D("117459201")
    assert row_of(d, "gpb_expenditure", code="21011")["total"] == D("2799001")
    assert row_of(d, "gpb_expenditure", code="2101101")["total"] == D("2210000")
    assert row_of(d, "gpb_expenditure", code="2101103")["basic"] == D("589000")
    assert row_of(d, "gpb_expenditure", code="2040220")["project"] == D("13158100")
    assert_read_completely(d, "gpb_expenditure")
    info = [(f["location"], f["difference"], f["tolerance"]) for f in findings(d, "info")]
    # three figures each ±0.5 元: a 1 元 gap is rounding
    assert sorted(info) == [
        ("21011/basic", D("1"), D("1.5")),
        ("21011/total", D("1"), D("1.5")),
    ]
    assert_no_error(d)


def test_whole_yuan_parent_two_yuan_off_is_an_error(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.defect_whole_yuan(), "whole_yuan_defect"))
    assert row_of(d, "gpb_expenditure", code="2101101")["total"] == D("2209999")
    assert_read_completely(d, "gpb_expenditure")
    errors = [
        (f["rule"], f["table"], f["location"], f["difference"], f["tolerance"], f["pages"])
        for f in findings(d, "error")
    ]
    assert sorted(errors) == [
        ("hierarchy_sum", "gpb_expenditure", "21011/basic", D("2"), D("1.5"), [1]),
        ("hierarchy_sum", "gpb_expenditure", "21011/total", D("2"), D("1.5"), [1]),
    ]


# -- 6. 类 / 款 / 项 columns, each row printing only its own level -------------------------------


def test_split_code_printing_only_its_own_level(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.split_code_levels(), "split_code_levels"))
    assert d.part_pages == {"gpb_expenditure": [1, 2]}
    gpb = d.table("gpb_expenditure")
    assert gpb["code"].to_list() == EXPENDITURE_CODES
    assert gpb["level"].to_list() == [{0: 0, 3: 1, 5: 2, 7: 3}[len(c)] for c, *_ in EXPENDITURE]
    assert row_of(d, "gpb_expenditure", code="20402")["name"] == "公安"
    assert row_of(d, "gpb_expenditure", code="2040202")["project"] == D("77.76")
    cut = row_of(d, "gpb_expenditure", code="2080505")  # cut by the page break
    assert (cut["name"], cut["total"]) == ("机关事业单位基本养老保险缴费支出", D("465.00"))
    assert row_of(d, "gpb_expenditure", code="2101103")["total"] == D("58.90")
    assert_read_completely(d, "gpb_expenditure")
    assert_no_error(d)


# -- 7. 基本支出 as a group over 人员经费 | 公用经费 -----------------------------------------------


def test_group_header_over_sub_columns_without_subtotal(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.grouped_basic_header(), "grouped_basic_header"))
    assert d.part_pages == {"gpb_expenditure": [1]}
    printed = d.printed_columns["gpb_expenditure"]
    assert {"total", "personnel", "public", "project"} <= set(printed)
    assert "basic" not in printed
    gpb = d.table("gpb_expenditure")
    assert gpb["code"].to_list() == EXPENDITURE_CODES
    assert gpb["basic"].is_null().all()
    total = total_row(d, "gpb_expenditure")
    assert (total["total"], total["personnel"], total["public"], total["project"]) == (
        D("11745.92"),
        D("6232.27"),
        D("865.30"),
        D("4648.35"),
    )
    running = row_of(d, "gpb_expenditure", code="2040201")
    assert (running["personnel"], running["public"], running["project"]) == (
        D("4657.66"),
        D("865.30"),
        None,
    )
    assert row_of(d, "gpb_expenditure", code="2040220")["personnel"] == D("399.71")
    assert_read_completely(d, "gpb_expenditure")
    ids = reconcile(d).identities
    checked = ids.filter(
        (pl.col("rule") == "row_arithmetic") & (pl.col("location") == "2040201/total")
    )
    assert checked["status"].to_list() == ["ok"]  # total = personnel + public + project
    assert_no_error(d)


# -- 8. a column-number row "** | 1 | 2 | 3" ----------------------------------------------------


def test_star_column_number_row(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.star_column_numbers(), "star_column_numbers"))
    assert d.part_pages == {"gpb_basic_expenditure": [1, 2, 3]}
    basic = d.table("gpb_basic_expenditure")
    assert basic["code"].to_list() == [code or None for code, *_ in BASIC]
    assert not basic["redacted"].any()  # the ** of the column numbers are no classified cells
    total = total_row(d, "gpb_basic_expenditure")
    assert (total["total"], total["personnel"], total["public"]) == (
        D("7097.57"),
        D("6232.27"),
        D("865.30"),
    )
    assert row_of(d, "gpb_basic_expenditure", code="30239")["public"] == D("209.50")
    assert row_of(d, "gpb_basic_expenditure", code="30305")["personnel"] == D("15.70")
    assert_read_completely(d, "gpb_basic_expenditure")
    assert_no_error(d)


# -- 9. the code inside the name cell ---------------------------------------------------------


def test_code_inside_the_name_cell(rendered: Rendered) -> None:
    """Codes printed as 2040201-行政运行 (支出总表) and [2040201]行政运行 (一般公共预算支出表): the
    code goes to ``code``, the name without it to ``name``."""
    d = parse_pdf(rendered(V.code_in_name(), "code_in_name"))
    assert d.part_pages == {"expenditure": [1], "gpb_expenditure": [2]}
    for table in ("expenditure", "gpb_expenditure"):
        frame = d.table(table)
        assert frame["code"].to_list() == EXPENDITURE_CODES, table
        assert frame["name"].to_list() == [name for _, name, *_ in EXPENDITURE], table
        running = row_of(d, table, code="2040201")
        assert (running["name"], running["level"], running["basic"]) == (
            "行政运行",
            3,
            D("5522.96"),
        )
        assert row_of(d, table, code="20402")["project"] == D("4623.35")
        assert total_row(d, table)["total"] == D("11745.92")
    assert_read_completely(d, "expenditure", "gpb_expenditure")
    assert_no_error(d)


# -- 10. the income table by 预算单位 -------------------------------------------------------------


def test_income_by_unit(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.income_by_unit(), "income_by_unit"))
    assert d.part_pages == {"income": [1]}
    assert d.table("income_sources").height == 0
    income = d.table("income")
    assert income["name"].to_list() == ["合计"] + [u[0] for u in V.INCOME_UNITS]
    assert income["code"].to_list() == [None] * 4
    assert income["level"].to_list() == [0, None, None, None]
    total = total_row(d, "income")
    assert (
        total["total"],
        total["general_public_budget"],
        total["government_fund"],
        total["business"],
        total["other"],
        total["carryover"],
    ) == (D("11963.42"), D("11624.03"), D("150.00"), D("35.00"), D("32.50"), D("121.89"))
    own = row_of(d, "income", name="平乡县公安局本级")
    assert (own["total"], own["general_public_budget"], own["carryover"]) == (
        D("9316.42"),
        D("9024.03"),
        D("121.89"),
    )
    assert row_of(d, "income", name="平乡县看守所")["business"] == D("35.00")
    assert row_of(d, "income", name="平乡县公安局交通警察大队")["other"] == D("12.00")
    assert_read_completely(d, "income")
    assert_no_error(d)


# -- 11. the "三公" table with last year's block beside this year's ------------------------------


def _three_public_by_item(d: Disclosure) -> dict[str, tuple[D | None, D | None]]:
    frame = d.table("three_public")
    assert "previous" in frame.columns
    return {r["item"]: (r["total"], r["previous"]) for r in frame.to_dicts()}


def test_three_public_two_year_blocks(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.three_public_two_years(), "three_public_two_years"))
    assert d.meta.year == 2026
    assert d.part_pages == {"three_public": [1]}
    assert _three_public_by_item(d) == {
        "合计": (D("30.00"), D("32.50")),
        "因公出国（境）费": (D("0.00"), D("0.00")),
        "公务用车购置及运行维护费": (D("25.00"), D("28.00")),
        "公务用车购置费": (D("0.00"), D("0.00")),
        "公务用车运行维护费": (D("25.00"), D("28.00")),
        "公务接待费": (D("5.00"), D("4.50")),
    }
    assert_read_completely(d, "three_public")
    assert_no_error(d)


def test_three_public_two_year_blocks_defect_is_this_years(rendered: Rendered) -> None:
    d = parse_pdf(rendered(V.defect_three_public_two_years(), "three_public_defect"))
    assert _three_public_by_item(d)["公务用车运行维护费"] == (D("26.00"), D("28.00"))
    assert_read_completely(d, "three_public")
    errors = [(f["rule"], f["table"], f["location"], f["difference"]) for f in findings(d, "error")]
    assert errors == [("three_public_sum", "three_public", "公务用车/total", D("-1.00"))]


# -- 12. the grid drawn as one path -----------------------------------------------------------


def test_grid_drawn_as_one_path_object(rendered: Rendered) -> None:
    path = rendered(V.one_path_grid(), "one_path_grid")
    pdf = pdfium.PdfDocument(str(path))
    try:  # the file really is what the variant says: one path object a page
        for index in range(len(pdf)):
            paths = list(pdf[index].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]))
            assert len(paths) == 1 and pdfium_c.FPDFPath_CountSegments(paths[0].raw) > 100
    finally:
        pdf.close()
    d = parse_pdf(path)
    assert d.part_pages == {"gpb_expenditure": [1, 2], "three_public": [3, 4]}
    assert d.raw_tables == []
    assert d.table("gpb_expenditure")["code"].to_list() == EXPENDITURE_CODES
    assert row_of(d, "gpb_expenditure", code="2040220")["project"] == D("1315.81")
    assert total_row(d, "gpb_expenditure")["basic"] == D("7097.57")
    assert d.table("three_public").height == 12
    assert row_of(d, "three_public", item="“三公”经费小计")["total"] == D("30.00")
    assert_read_completely(d, "gpb_expenditure", "three_public")
    assert_no_error(d)


# -- 13. a number in the table's box but in no cell -------------------------------------------


def test_number_outside_every_cell_lands_in_the_empty_cell_it_stands_in(
    rendered: Rendered,
) -> None:
    """pdfplumber sees no cell where the ruling is missing; the word standing in the empty
    grid position is read into it, so nothing is lost and nothing breaks."""
    d = parse_pdf(rendered(V.missing_ruling(), "missing_ruling"))
    assert d.part_pages == {"gpb_expenditure": [1, 2]}
    assert row_of(d, "gpb_expenditure", code="2040202")["project"] == D("77.76")
    assert_read_completely(d, "gpb_expenditure")
    assert findings(d, "error") == [] and findings(d, "parse") == []


def test_a_number_left_unplaced_makes_the_table_incomplete(rendered: Rendered) -> None:
    """Where a printed number reaches no cell at all, the table is read incompletely: a
    ``parse`` finding names the number and its place, and a break over that table is the
    reading's doubt (parse), never the document's error."""
    d = parse_pdf(rendered(V.missing_ruling(), "missing_ruling"))
    # as if 77.76 had stayed outside every cell: the frame lacks it, the page printed it
    frame = d.tables["gpb_expenditure"]
    d.tables["gpb_expenditure"] = frame.with_columns(
        pl.when(pl.col("code") == "2040202")
        .then(None)
        .otherwise(pl.col("project"))
        .alias("project")
    )
    d.coverage["gpb_expenditure"].unplaced.append(PrintedNumber("77.76", 1, 500.0, 300.0))
    assert "gpb_expenditure" in d.incomplete_tables()
    parse = findings(d, "parse")
    reading = [f for f in parse if f["rule"] == "reading_complete"]
    assert len(reading) == 1
    assert (
        reading[0]["table"] == "gpb_expenditure"
        and "77.76 第1页 (500, 300)" in reading[0]["message"]
    )
    assert {f["location"] for f in parse if f["rule"] == "hierarchy_sum"} == {"20402/project"}
    assert findings(d, "error") == []


# -- 14. a page whose content stream is damaged ---------------------------------------------


def test_corrupt_page_is_named_and_the_rest_is_read(rendered: Rendered) -> None:
    description = V.corrupt_page()
    d = parse_pdf(rendered(description, "corrupt_page"))
    assert d.meta.pages == 7
    assert set(d.unreadable) == set(description.corrupt_pages) == {4}
    reading = [f for f in findings(d, "parse") if f["rule"] == "reading_complete"]
    assert [(f["location"], f["pages"]) for f in reading] == [("p.4", [4])]
    assert d.part_pages["expenditure"] == [1, 2, 3]
    assert d.part_pages["gpb_basic_expenditure"] == [5, 6, 7]
    assert d.table("expenditure")["code"].to_list() == EXPENDITURE_CODES
    assert row_of(d, "expenditure", code="2040220")["basic"] == D("399.71")
    assert d.table("gpb_basic_expenditure").height == len(BASIC)
    assert row_of(d, "gpb_basic_expenditure", code="30101")["personnel"] == D("1856.53")
    assert_read_completely(d, "expenditure", "gpb_basic_expenditure")
    assert_no_error(d)
