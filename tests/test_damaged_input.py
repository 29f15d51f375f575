"""Damaged files and absurd figures (issue 20): a page PDFium cannot load is that page's
failure, named once in words, read by the reference or left out, the rest still read; a
figure too long for money is text, named where it is printed; a file that cannot be read at
all is one line and exit 2. Each case makes its own small PDF."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest

from core.model import MONEY
from core.parse import parse_pdf
from core.reading import pdfium_reader
from core.reading.pages import PAGE_NOT_LOADED
from core.tables.cells import FIGURE_DIGITS, parse_amount
from tests.generator import variants as V
from tests.generator.render import render

ROOT = Path(__file__).resolve().parent.parent
LOST = "第 4 页无法读取：PDFium 无法载入此页（页面对象已损坏）"
FORTY = "1234567890" * 4


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )


def _seven_pages(folder: Path) -> Path:
    """支出总表 on pages 1–3, the "三公" table on page 4, 基本支出表 on pages 5–7."""
    description = V.corrupt_page()
    description.corrupt_pages = []
    return render(description, folder / "seven.pdf")


def refuse_page(path: Path, number: int) -> None:
    """Make PDFium refuse page ``number`` (1-based): its page object no longer says it is a
    page (same length, so the cross-reference stays valid). pdfminer then sees one page
    fewer, so its page ``number`` is another page: it cannot stand in."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with path.open("rb") as fh:
        pages = list(PDFPage.create_pages(PDFDocument(PDFParser(fh))))
    objid = pages[number - 1].pageid
    data = path.read_bytes()
    start = data.index(b"\n%d 0 obj" % objid)
    end = data.index(b"endobj", start)
    body = data[start:end]
    assert body.count(b"/Type /Page") == 1
    path.write_bytes(data[:start] + body.replace(b"/Type /Page", b"/Type /Pagx") + data[end:])


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = _seven_pages(tmp_path_factory.mktemp("refused"))
    refuse_page(path, 4)
    return path


def test_a_page_pdfium_refuses_is_left_out_and_the_rest_is_read(refused: Path) -> None:
    d = parse_pdf(refused, workers=1)
    assert d.meta.pages == 7
    assert d.unreadable == {4: PAGE_NOT_LOADED}
    assert d.part_pages["expenditure"] == [1, 2, 3]
    assert d.part_pages["gpb_basic_expenditure"] == [5, 6, 7]
    row = d.table("expenditure").filter(code="2040220").row(0, named=True)
    assert (row["total"], row["basic"], row["project"]) == (D("1715.52"), D("399.71"), D("1315.81"))
    assert d.table("three_public").height == 0  # it was on page 4


def test_export_names_the_lost_page_once_and_still_writes(refused: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = _run("export", str(refused), "--no-cache", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "PdfiumError" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [f"budget-tui: seven.pdf: {LOST}", f"已写入 {out}"]
    exported = json.loads(out.read_text())
    codes = [r["code"] for r in exported["tables"]["expenditure"]]
    assert "2040220" in codes and len(codes) == 22


def test_check_says_the_package_was_read_in_part_and_exits_3(refused: Path) -> None:
    result = _run("check", str(refused), "--no-cache")
    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stderr == ""  # the report names the page, once
    assert result.stdout.count("第 4 页无法读取") == 1
    assert f"[未读全] 第4页：{LOST}；其余各页已读取" in result.stdout
    header = result.stdout.splitlines()[1]
    assert header == "只读出一部分：7 页中 1 页无法读取（第 4 页），这些页上的核对未进行"
    english = _run("check", str(refused), "--no-cache", "--lang", "en")
    assert english.returncode == 3
    assert (
        "read in part: 1 of 7 pages cannot be read (pages 4); nothing on them was checked"
        in english.stdout
    )
    assert "page 4 cannot be read: PDFium cannot load this page" in english.stdout


def test_check_json_names_the_page_in_the_findings_and_the_loss_on_stderr(refused: Path) -> None:
    result = _run("check", str(refused), "--no-cache", "--json")
    assert result.returncode == 3
    findings = json.loads(result.stdout)
    lost = [f for f in findings if f["rule"] == "reading_complete" and f["location"] == "p.4"]
    assert [f["message"] for f in lost] == [f"{LOST}；其余各页已读取"]
    assert result.stderr.strip() == (
        "budget-tui: 只读出一部分：7 页中 1 页无法读取（第 4 页），这些页上的核对未进行"
    )


def test_a_page_pdfium_refuses_is_read_by_the_reference_where_it_sees_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PDFium refuses page 4 of a file pdfminer reads whole: the reference reads it, so
    nothing is lost."""
    path = _seven_pages(tmp_path)
    load = pdfium_reader.PdfiumReader._load

    def refuse_four(self: pdfium_reader.PdfiumReader, number: int) -> object:
        if number == 4:
            raise pdfium_reader.PageFailure(PAGE_NOT_LOADED)
        return load(self, number)

    monkeypatch.setattr(pdfium_reader.PdfiumReader, "_load", refuse_four)
    d = parse_pdf(path, workers=1)
    assert d.unreadable == {}
    assert d.part_pages["three_public"] == [4]
    assert d.table("three_public").height > 0


def test_a_file_whose_every_page_is_refused_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = _seven_pages(tmp_path)
    # every page object refused: PDFium loads none, pdfminer sees none
    data, n = re.subn(rb"/Type /Page(?!s)", b"/Type /Pagx", path.read_bytes())
    assert n == 7
    path.write_bytes(data)
    out = tmp_path / "out.json"
    result = _run("export", str(path), "--no-cache", "-o", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("budget-tui: seven.pdf: "), result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_truncated_cross_reference_is_read_or_refused_in_one_line(tmp_path: Path) -> None:
    """The cross-reference table and trailer cut off (the end-of-file marker kept): PDFium
    rebuilds the table from the objects, so every page still reads."""
    path = _seven_pages(tmp_path)
    data = path.read_bytes()
    cut = data.rindex(b"xref")
    path.write_bytes(data[:cut] + b"startxref\n0\n%%EOF\n")
    out = tmp_path / "out.json"
    result = _run("export", str(path), "--no-cache", "-o", str(out))
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    exported = json.loads(out.read_text())
    assert len(exported["tables"]["expenditure"]) == 22
    assert exported["tables"]["three_public"]


# -- a figure beyond what money can be --------------------------------------------------------


def test_the_figure_bound_fits_the_model_decimal() -> None:
    """Every figure that is read fits the model's decimal, with room for sums of a
    thousand: the bound is the one parse_amount keeps."""
    assert MONEY.precision - MONEY.scale >= FIGURE_DIGITS + 3
    largest = "9" * FIGURE_DIGITS + ".99"
    assert parse_amount(largest).value == D(largest)
    assert parse_amount("371,514,655.00").value == D("371514655.00")  # the largest real one
    for text in ("1" + "0" * FIGURE_DIGITS, FORTY, FORTY + ".00", "1E5", "Infinity"):
        amount = parse_amount(text)
        assert amount.value is None, text
    assert parse_amount(FORTY).out_of_range and parse_amount(FORTY).text == FORTY
    assert not parse_amount("1E5").out_of_range  # not a figure at all: plain text


@pytest.fixture(scope="module")
def forty_digits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 支出总表 with 2040220's 合计 printed as a 40-digit figure."""
    description = V.corrupt_page()
    description.corrupt_pages = []
    (row,) = [r for r in description.parts[0].body if r[1].text == "2040220"]
    assert row[3].text == "1715.52"
    row[3].text = FORTY
    return render(description, tmp_path_factory.mktemp("forty") / "forty.pdf")


def test_a_forty_digit_figure_is_text_named_where_it_is_printed(forty_digits: Path) -> None:
    d = parse_pdf(forty_digits, workers=1)
    row = d.table("expenditure").filter(code="2040220").row(0, named=True)
    assert row["total"] is None
    assert (row["basic"], row["project"]) == (D("399.71"), D("1315.81"))
    cov = d.coverage["expenditure"]
    assert [n.text for n in cov.unplaced] == [FORTY]
    assert cov.unplaced[0].page in (1, 2, 3)
    assert "expenditure" in d.incomplete_tables()


def test_a_forty_digit_figure_exports_and_checks_without_a_traceback(
    forty_digits: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    result = _run("export", str(forty_digits), "--no-cache", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "BindingsError" not in result.stderr
    exported = json.loads(out.read_text())
    (row,) = [r for r in exported["tables"]["expenditure"] if r["code"] == "2040220"]
    assert row["total"] is None and str(row["basic"]) == "399.71"
    check = _run("check", str(forty_digits), "--no-cache")
    assert check.returncode == 0, check.stdout + check.stderr
    page = parse_pdf(forty_digits, workers=1).coverage["expenditure"].unplaced[0].page
    assert page in (1, 2, 3)
    assert f"{FORTY} 第{page}页 (" in check.stdout, check.stdout
    assert "[未读全] 读取：支出总表未读全：印出的" in check.stdout


def test_the_overview_says_which_pages_were_lost_and_the_tables_beside_them_are_parse(
    refused: Path,
) -> None:
    from core.rules.reconcile import reconcile
    from tui.package.overview import overview_text

    d = parse_pdf(refused, workers=1)
    # the tables on the pages before and after the lost one may have gone on over it
    assert d.incomplete_tables() == {"expenditure", "gpb_basic_expenditure"}
    result = reconcile(d)
    lines = overview_text(d, result).plain.splitlines()
    assert lines[3] == "只读出一部分：7 页中 1 页无法读取（第 4 页），这些页上的核对未进行"
    whole = parse_pdf(_seven_pages(refused.parent / "whole"), workers=1)
    assert (
        whole.unreadable == {}
        and "只读出一部分" not in overview_text(whole, reconcile(whole)).plain
    )
    assert result.errors == 0
    assert sorted(result.findings.filter(severity="parse")["location"].to_list()) == ["p.4"]


def test_a_long_run_of_digits_held_as_text_is_placed() -> None:
    """Digits beyond money held by a text column as printed (a long numeric code) are read;
    held nowhere, they are named."""
    import polars as pl

    from core.tables.coverage import PrintedNumber, unplaced

    frame = pl.DataFrame({"code": [FORTY], "total": [D("1.00")]})
    printed = [PrintedNumber(FORTY, 2), PrintedNumber("1.00", 2)]
    assert unplaced(printed, [frame]) == []
    assert [n.text for n in unplaced(printed, [frame.with_columns(code=pl.lit("x"))])] == [FORTY]
