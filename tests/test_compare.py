"""Several files at once: the parts of one package merged, one department over the years
compared, the year-over-year claims checked across the two documents, and the headless
``budget-tui compare``. Figures were read by hand off the pages named."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import polars as pl
import pytest

from core.cache.store import open_disclosure
from core.packages.compare import (
    ADDED,
    REMOVED,
    RENAMED,
    compare,
    renames,
    series,
    year_over_year_findings,
)
from core.packages.grouping import department_key, group_files, place
from core.parse import parse_pdf
from core.rules.claims import SUBJECT_ZH
from core.rules.reconcile import reconcile
from tests.conftest import SHARED_REAL
from tests.generator import years
from tui.cli import main

BJ_NARRATIVE = SHARED_REAL / "bj_2026_budget_caizhengju_shuoming.pdf"
BJ_TABLES = SHARED_REAL / "bj_2026_budget_caizhengju_baobiao.pdf"
JS_2017 = SHARED_REAL / "jiangsu_party_office_2017_budget_tables.pdf"
JS_2018 = SHARED_REAL / "jiangsu_party_office_2018_budget_tables.pdf"
real = pytest.mark.skipif(not JS_2017.exists(), reason="the real PDFs are not beside the repo")


# -- the parts of one package ----------------------------------------------------------------


@pytest.fixture(scope="module")
def beijing() -> object:
    return group_files([open_disclosure(BJ_NARRATIVE), open_disclosure(BJ_TABLES)])


def _identity(r: pl.DataFrame, location: str) -> dict:  # type: ignore[type-arg]
    found = r.filter(
        (pl.col("rule") == "narrative_vs_table") & (pl.col("location") == location)
    ).to_dicts()
    assert len(found) == 1, location
    return found[0]


@real
def test_department_names_of_one_department_agree() -> None:
    assert department_key("中国共产党江苏省委员会办公厅") == department_key("中共江苏省委办公厅")
    assert department_key("2026年北京市财政局部门预算") == department_key("北京市财政局")
    assert department_key("北京市财政局") != department_key("北京市交通委员会")


@real
def test_beijing_halves_open_as_one_disclosure(beijing) -> None:  # type: ignore[no-untyped-def]
    assert beijing.kind == "single"
    (d,) = beijing.packages
    assert d.package_kind() == "full"
    assert d.meta.department == "北京市财政局" and d.meta.year == 2026
    assert d.sources["summary"] == BJ_TABLES.name
    assert d.sources["narrative_figures"] == BJ_NARRATIVE.name
    assert place(d, "narrative_figures", 6) == f"{BJ_NARRATIVE.name} p.6"
    assert place(d, "three_public", 14) == f"{BJ_TABLES.name} p.14"


@real
def test_beijing_narrative_reconciled_against_the_other_file(beijing) -> None:  # type: ignore[no-untyped-def]
    (d,) = beijing.packages
    identities = reconcile(d).identities
    # 说明 p.6 "2026年度收入预算44169.36万元" = 报表 p.2 收入总计 44169.36
    # 说明 p.7 "基本支出预算28016.26万元" = 报表 p.6 支出总表 合计 基本支出 28016.26
    # 说明 p.8 "因公出国（境）费用。2026年预算数127.74万元" = 报表 p.14 三公 127.737000
    for location, value, prose_page, table_page in (
        ("income_total", D("44169.36"), 6, 2),
        ("expenditure_basic", D("28016.26"), 7, 6),
        ("three_public_abroad", D("127.74"), 8, 14),
    ):
        found = _identity(identities, location)
        assert found["status"] == "ok", found["message"]
        places = {(c["source"], c["page"], c["value"]) for c in found["contributors"]}
        assert (BJ_NARRATIVE.name, prose_page, value) in places
        assert (BJ_TABLES.name, table_page, value) in places


@real
def test_beijing_narrative_fails_against_a_changed_table(beijing) -> None:  # type: ignore[no-untyped-def]
    """The same identity fails, at both files' pages, when the table's figure differs."""
    (d,) = beijing.packages
    summary = d.tables["summary"].with_columns(
        pl.when(pl.col("item") == "收入总计")
        .then(pl.lit(D("44169.46")))
        .otherwise(pl.col("amount"))
        .alias("amount")
    )
    broken = _identity(
        reconcile(replace(d, tables={**d.tables, "summary": summary})).identities, "income_total"
    )
    assert broken["status"] == "broken" and broken["severity"] == "error"
    assert broken["difference"] == D("-0.10")
    assert {(c["source"], c["page"]) for c in broken["contributors"]} == {
        (BJ_NARRATIVE.name, 6),
        (BJ_TABLES.name, 2),
    }


@real
def test_beijing_prose_claims_hold(beijing) -> None:  # type: ignore[no-untyped-def]
    """说明 p.7: 基本支出预算28016.26万元，占本年支出预算63.43%（28016.26 ÷ 44169.36 = 63.429%）;
    p.6: 比2025年年初预算数44021.20万元增加148.16万元，增长0.34%."""
    (d,) = beijing.packages
    identities = reconcile(d).identities
    share = identities.filter(
        (pl.col("rule") == "prose_share") & (pl.col("location") == "28016.26万元 ÷ 44169.36万元")
    ).row(0, named=True)
    assert share["status"] == "ok" and share["actual"] == D("63.43") and share["pages"] == [7]
    change = identities.filter(
        (pl.col("rule") == "prose_change") & (pl.col("location") == "44169.36万元 +148.16万元")
    )
    assert set(change["status"]) == {"ok"} and change.height == 4  # 收入 and 支出, Δ and %


# -- one department over the years -----------------------------------------------------------


@pytest.fixture(scope="module")
def jiangsu():  # type: ignore[no-untyped-def]
    opened = group_files([open_disclosure(JS_2018), open_disclosure(JS_2017)])
    return opened, compare(opened)


@real
def test_jiangsu_pair_is_one_department_over_two_years(jiangsu) -> None:  # type: ignore[no-untyped-def]
    opened, c = jiangsu
    assert opened.kind == "years" and c.labels == ["2017", "2018"]
    assert [p.source for p in c.periods] == [JS_2017.name, JS_2018.name]
    assert set(c.frames) == {"functional", "economic", "three_public", "summary", "procurement"}


@real
def test_jiangsu_procurement_lines_of_one_item_add_up(jiangsu) -> None:  # type: ignore[no-untyped-def]
    """政府采购 合计 1,774.70 (2017 p.12) → 1,449.50 (2018 p.14): Δ −325.20, −18.32%;
    物业管理服务 100.00 (2017 p.14) → 34.00 + 210.00 for two projects (2018 p.15) = 244.00."""
    _, c = jiangsu
    rows = {r["key"]: r for r in c.frames["procurement"].iter_rows(named=True)}
    total = rows["合计"]
    assert (total["2017"], total["2018"], total["page@2017"], total["page@2018"]) == (
        D("1774.70"),
        D("1449.50"),
        12,
        14,
    )
    assert (total["delta"], total["delta_pct"]) == (D("-325.20"), D("-18.32"))
    service = rows["服务C/物业管理服务"]
    assert (service["2017"], service["2018"], service["delta"], service["delta_pct"]) == (
        D("100.00"),
        D("244.00"),
        D("144.00"),
        D("144.00"),
    )
    assert (service["page@2017"], service["page@2018"]) == (14, 15)


@real
def test_jiangsu_code_row_has_both_years_delta_and_percent(jiangsu) -> None:  # type: ignore[no-untyped-def]
    """2210202 提租补贴: 1,235.41 (2017 p.5) → 2,299.88 (2018 p.7)."""
    _, c = jiangsu
    row = (
        c.frames["functional"]
        .filter((pl.col("key") == "2210202") & (pl.col("measure") == "total"))
        .row(0, named=True)
    )
    assert (row["2017"], row["2018"]) == (D("1235.41"), D("2299.88"))
    assert row["delta"] == D("1064.47") and row["delta_pct"] == D("86.16")
    assert (row["page@2017"], row["page@2018"]) == (5, 7)
    total = c.frames["functional"].filter((pl.col("key") == "") & (pl.col("measure") == "total"))
    assert total.row(0, named=True)["delta"] == D("3756.18")  # 24,458.43 − 20,702.25
    assert series(c.frames["functional"], "2210202", c.labels)["total"] == [
        D("1235.41"),
        D("2299.88"),
    ]


@real
def test_jiangsu_codes_that_appear_or_disappear_are_marked(jiangsu) -> None:  # type: ignore[no-untyped-def]
    _, c = jiangsu
    economic = c.frames["economic"].filter(pl.col("measure") == "total")
    change = dict(zip(economic["key"], economic["change"], strict=True))
    assert change["30108"] == ADDED  # 机关事业单位基本养老保险缴费 743.39, new in 2018
    assert change["30311"] == REMOVED  # 住房公积金 621.28 under 303 in 2017 only
    added = economic.filter(pl.col("key") == "30108").row(0, named=True)
    assert added["2017"] is None and added["delta"] == D("743.39") and added["delta_pct"] is None


def test_renamed_code_is_one_row_with_the_rename_shown(rendered) -> None:  # type: ignore[no-untyped-def]
    """A code printed under another name the next year (the harvested codes show 30213
    维修(护)费 / 维修（护）费 and 20805 行政事业单位离退休 / 行政事业单位养老支出)."""
    d2024 = parse_pdf(rendered(years.year_2024(), "rename_2024"))
    d2025 = parse_pdf(rendered(years.year_2025(), "rename_2025"))
    spending = d2025.tables["expenditure"].with_columns(
        pl.when(pl.col("code") == "20402")
        .then(pl.lit("公安机关"))
        .otherwise(pl.col("name"))
        .alias("name")
    )
    d2025 = replace(d2025, tables={**d2025.tables, "expenditure": spending})
    c = compare(group_files([d2024, d2025]))
    frame = c.frames["functional"]
    assert frame.filter(pl.col("key") == "20402")["change"].unique().to_list() == [RENAMED]
    assert renames(frame, c.labels) == {"20402": ["公安", "公安机关"]}
    # brackets of another width are the same name, not a rename
    assert frame.filter(pl.col("key") == "2040201")["change"].unique().to_list() == [""]


# -- the generated pair: true claims hold, the wrong one is caught at both places -----------


@pytest.fixture(scope="module")
def generated_pair(tmp_path_factory):  # type: ignore[no-untyped-def]
    from tests.generator.render import render

    folder = tmp_path_factory.mktemp("years")
    earlier = render(years.year_2024(), folder / "police_2024.pdf")
    later = render(years.year_2025(), folder / "police_2025.pdf")
    return earlier, later, group_files([parse_pdf(later), parse_pdf(earlier)])


def test_generated_pair_known_changes(generated_pair) -> None:  # type: ignore[no-untyped-def]
    _, _, opened = generated_pair
    c = compare(opened)
    frame = c.frames["functional"].filter(pl.col("measure") == "total")
    delta = dict(zip(frame["key"], frame["delta"], strict=True))
    assert delta["2040201"] == delta["20402"] == delta["204"] == delta[""] == D("402.43")
    assert delta["2040101"] == D("0.00")
    row = frame.filter(pl.col("key") == "").row(0, named=True)
    assert (row["2024"], row["2025"], row["delta_pct"]) == (D("11745.92"), D("12148.35"), D("3.43"))


def test_generated_pair_year_over_year_claims(generated_pair) -> None:  # type: ignore[no-untyped-def]
    earlier, later, opened = generated_pair
    findings = year_over_year_findings(opened)
    by_key = {
        key: findings.filter(pl.col("location") == f"{SUBJECT_ZH[key]} 2024→2025")
        for key in (*years.TRUE_CLAIMS, years.WRONG_CLAIM)
    }
    for key in years.TRUE_CLAIMS:
        assert by_key[key].height == 2 and set(by_key[key]["status"]) == {"ok"}, key
    wrong = by_key[years.WRONG_CLAIM]
    assert set(wrong["severity"]) == {"error"}
    amount = wrong.row(0, named=True)
    # 2025 says 30.00 = 2024 + 5.00; the 2024 document prints 30.00 (三公 table, p.8)
    assert (amount["expected"], amount["actual"], amount["difference"]) == (
        D("30.00"),
        D("35.00"),
        D("-5.00"),
    )
    assert {(c["source"], c["page"], c["value"]) for c in amount["contributors"]} == {
        (later.name, 6, D("30.00")),
        (earlier.name, 8, D("30.00")),
        (later.name, 6, D("5.00")),
    }
    rate = wrong.row(1, named=True)  # 5.00 ÷ 30.00 = 16.67%, printed 20.00%
    assert rate["actual"] == D("20.00") and rate["expected"] == D("16.67")
    # within its own sentence the wrong claim adds up (5.00 ÷ 25.00): only the earlier
    # document shows it wrong
    (d2025,) = [d for d in opened.packages if d.meta.year == 2025]
    assert reconcile(d2025).errors == 0


# -- headless ----------------------------------------------------------------------------------


@real
@pytest.mark.parametrize("fmt", ["json", "csv", "parquet", "xlsx"])
def test_headless_compare_writes_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / ("out." + fmt if fmt in ("json", "xlsx") else "out")
    assert main(["compare", str(JS_2017), str(JS_2018), "--format", fmt, "-o", str(out)]) == 0
    assert out.exists()
    if fmt == "json":
        body = json.loads(out.read_text(encoding="utf-8"))
        assert body["kind"] == "years" and [p["label"] for p in body["periods"]] == ["2017", "2018"]
        row = next(
            r
            for r in body["trees"]["functional"]
            if r["key"] == "2210202" and r["measure"] == "total"
        )
        assert (row["2017"], row["2018"], row["delta"], row["delta_pct"]) == (
            1235.41,
            2299.88,
            1064.47,
            86.16,
        )
    elif fmt == "csv":
        frame = pl.read_csv(out / "functional.csv", infer_schema=False)
        row = frame.filter((pl.col("key") == "2210202") & (pl.col("measure") == "total"))
        assert row.row(0, named=True)["delta"] == "1064.47"
        assert (out / "periods.csv").exists() and (out / "findings.csv").exists()
    elif fmt == "parquet":
        frame = pl.read_parquet(out / "economic.parquet")
        assert frame.filter(pl.col("key") == "30108")["change"].to_list()[0] == ADDED
    else:  # xlsx, read back
        from openpyxl import load_workbook

        book = load_workbook(out, read_only=True)
        assert book.sheetnames == [
            "periods",
            "functional",
            "economic",
            "three_public",
            "summary",
            "procurement",
            "findings",
        ]
        periods = list(book["periods"].iter_rows(values_only=True))
        assert [r[0] for r in periods[1:]] == ["2017", "2018"]
        rows = list(book["functional"].iter_rows(values_only=True))
        head = list(rows[0])
        row = next(
            dict(zip(head, r, strict=True))
            for r in rows[1:]
            if r[head.index("key")] == "2210202" and r[head.index("measure")] == "total"
        )
        assert (row["2017"], row["2018"], row["delta"], row["delta_pct"]) == (
            1235.41,
            2299.88,
            1064.47,
            86.16,
        )
        economic = list(book["economic"].iter_rows(values_only=True))
        change = economic[0].index("change")
        changes = [r[change] for r in economic[1:] if r[1] == "30108"]
        assert len(changes) == 3 and set(changes) == {ADDED}  # each measure of 30108
        book.close()


def test_headless_compare_bad_input_is_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "not.pdf"
    bogus.write_text("hello")
    out = tmp_path / "o.json"
    assert main(["compare", str(bogus), str(bogus), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("budget-tui: ")
    assert not out.exists()


@real
def test_departments_of_one_year_side_by_side_codes_aligned() -> None:
    """上海市审计局 and 上海市刑事科学技术研究院, 2026: one column each, no Δ, one row per code."""
    shenji = open_disclosure(SHARED_REAL / "shcity_2026_unitbudget_shenjiju.pdf")
    xingke = open_disclosure(SHARED_REAL / "shcity_2026_unitbudget_xingkeyuan.pdf")
    opened = group_files([xingke, shenji])
    assert opened.kind == "departments"
    c = compare(opened)
    assert not c.has_delta and set(c.labels) == {shenji.meta.department, xingke.meta.department}
    frame = c.frames["functional"].filter(pl.col("measure") == "total")
    assert "delta" not in frame.columns
    assert frame["key"].n_unique() == frame.height  # one row per code, both departments on it
    for d in (shenji, xingke):
        source = next(
            t
            for t in ("expenditure", "fiscal_expenditure", "gpb_expenditure")
            if d.table(t).filter(pl.col("level") >= 1).height
        )
        printed = {r["code"] or "": r["total"] for r in d.table(source).to_dicts()}
        shown = dict(zip(frame["key"], frame[d.meta.department], strict=True))
        assert {k: v for k, v in shown.items() if k in printed} == printed


def test_a_folder_stands_for_its_pdfs(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from core.packages.grouping import pdfs_of

    (tmp_path / "b.pdf").write_bytes(b"%PDF")
    (tmp_path / "a.PDF").write_bytes(b"%PDF")
    (tmp_path / "notes.txt").write_text("x")
    assert [p.name for p in pdfs_of([tmp_path])] == ["a.PDF", "b.pdf"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main([str(empty)]) == 2
    assert capsys.readouterr().err == f"budget-tui: {empty}: no PDF in this folder\n"


def test_generated_pair_item_change_against_the_earlier_row(generated_pair) -> None:  # type: ignore[no-untyped-def]
    """2025 说明: 行政运行（项）5925.39万元，与上年相比增加402.43万元 — 2024 p.5 prints 5522.96.
    The prose does not say against which of last year's figures: a mismatch only warns."""
    earlier, later, opened = generated_pair
    item = year_over_year_findings(opened).filter(
        pl.col("location") == "2040201 行政运行 2024→2025"
    )
    assert item.height == 1 and item["status"][0] == "ok"
    assert {(c["source"], c["page"], c["value"]) for c in item["contributors"][0]} == {
        (later.name, 6, D("5925.39")),
        (earlier.name, 5, D("5522.96")),
        (later.name, 6, D("402.43")),
    }
    d2024, d2025 = opened.packages
    items = d2025.tables["narrative_items"].with_columns(pl.lit(D("400.00")).alias("change"))
    altered = replace(d2025, tables={**d2025.tables, "narrative_items": items})
    again = year_over_year_findings(replace(opened, packages=[d2024, altered])).filter(
        pl.col("location") == "2040201 行政运行 2024→2025"
    )
    assert again["status"].to_list() == ["unverifiable"] and again["severity"][0] == "warning"


@real
def test_check_takes_the_parts_of_one_package(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", str(BJ_NARRATIVE), str(BJ_TABLES)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"北京市财政局 (47) 2026 · {BJ_NARRATIVE.name} + {BJ_TABLES.name}")
    assert "说明中的数字                      23        23" in out
    assert main(["check", str(JS_2017), str(JS_2018)]) == 2
    assert "budget-tui compare" in capsys.readouterr().err


# -- the generated pair's projects and procurement (tests/generator/years.py) -----------------


def _by_key(frame: pl.DataFrame, measure: str) -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["key"]: r for r in frame.filter(pl.col("measure") == measure).iter_rows(named=True)}


def test_generated_pair_projects_by_code(generated_pair) -> None:  # type: ignore[no-untyped-def]
    """户籍业务工本费项目 (13053224P00273513024L) 10.00 → 12.00: Δ 2.00, 2.00 ÷ 10.00 = 20.00%;
    禁毒经费项目 8.00 only in 2024, 刑事技术经费项目 10.00 only in 2025; 55 号 ** both years."""
    _, _, opened = generated_pair
    c = compare(opened)
    projects = _by_key(c.frames["projects"], "budget")
    assert len(projects) == 5
    huji = projects["13053224P00273513024L"]
    assert huji["name"] == "户籍业务工本费项目" and huji["change"] == ""
    assert (huji["2024"], huji["2025"], huji["delta"], huji["delta_pct"]) == (
        D("10.00"),
        D("12.00"),
        D("2.00"),
        D("20.00"),
    )
    gone = projects["13053224P00273513021R"]
    assert gone["name"] == "禁毒经费项目" and gone["change"] == REMOVED
    assert (gone["2024"], gone["2025"], gone["delta"], gone["delta_pct"]) == (
        D("8.00"),
        None,
        D("-8.00"),
        D("-100.00"),
    )
    new = projects["13053224P00273513022D"]
    assert new["name"] == "刑事技术经费项目" and new["change"] == ADDED
    assert (new["2024"], new["2025"], new["delta"], new["delta_pct"]) == (
        None,
        D("10.00"),
        D("10.00"),
        None,
    )
    same = projects["13053224P002735130258"]  # 公安业务费 331.00 both years
    assert (same["2025"], same["delta"], same["delta_pct"]) == (D("331.00"), D("0.00"), D("0.00"))
    classified = projects["13053223P002726102774"]  # 55 号: ** is not zero, Δ unknown
    assert classified["name"] == "55 号"
    assert (classified["2024"], classified["2025"], classified["delta"]) == (None, None, None)
    assert classified["hidden@2024"] and classified["hidden@2025"] and not huji["hidden@2025"]
    fiscal = _by_key(c.frames["projects"], "fiscal_funds")["13053224P00273513024L"]
    assert (fiscal["2024"], fiscal["2025"], fiscal["delta"]) == (D("10.00"), D("12.00"), D("2.00"))


def test_generated_pair_procurement_by_unit_and_catalogue_code(generated_pair) -> None:  # type: ignore[no-untyped-def]
    """执法记录仪 A02020600 87.00 → 96.00: Δ 9.00, 9 ÷ 87 = 10.34%; 本级小计 694.00 → 703.00
    (1.30%), 合计 996.60 → 1005.60 (0.90%); 交通警察大队 drops 法律鉴证服务 C20020300 3.00
    and adds 便携式计算机 A02010105 3.00, its 小计 302.60 unchanged."""
    _, _, opened = generated_pair
    c = compare(opened)
    rows = _by_key(c.frames["procurement"], "amount")
    benji, jiaojing = "平乡县公安局本级", "平乡县公安局交通警察大队"
    recorder = rows[f"{benji}/A02020600"]
    assert recorder["name"] == "执法记录仪" and recorder["change"] == ""
    assert (recorder["2024"], recorder["2025"], recorder["delta"], recorder["delta_pct"]) == (
        D("87.00"),
        D("96.00"),
        D("9.00"),
        D("10.34"),
    )
    for key, before, after, pct in (
        ("合计", "996.60", "1005.60", "0.90"),
        (benji, "694.00", "703.00", "1.30"),
        (jiaojing, "302.60", "302.60", "0.00"),
    ):
        row = rows[key]
        assert (row["2024"], row["2025"], row["delta_pct"]) == (D(before), D(after), D(pct)), key
        assert row["delta"] == D(after) - D(before), key
    dropped = rows[f"{jiaojing}/C20020300"]
    assert dropped["name"] == "法律鉴证服务" and dropped["change"] == REMOVED
    assert (dropped["2025"], dropped["delta"], dropped["delta_pct"]) == (
        None,
        D("-3.00"),
        D("-100.00"),
    )
    added = rows[f"{jiaojing}/A02010105"]
    assert added["name"] == "便携式计算机" and added["change"] == ADDED
    assert (added["2024"], added["delta"], added["delta_pct"]) == (None, D("3.00"), None)
    # two classified lines of 56 号 are one row, its amount ** both years: Δ unknown
    hidden = rows[f"{benji}/56号**"]
    assert hidden["name"] == "56 号 **" and hidden["change"] == ""
    assert (hidden["2024"], hidden["2025"], hidden["delta"]) == (None, None, None)
    # 合计, two 小计; 本级: 3 lines, 56 号 and 50 号 (two ** lines each) one row each;
    # 交通警察大队: 8 lines of 2024, 便携式计算机, 49 号 (four ** lines) one row
    assert len(rows) == 1 + 2 + (3 + 2) + (8 + 1 + 1)


def test_generated_pair_headless_compare_writes_the_new_trees(
    generated_pair, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    earlier, later, _ = generated_pair
    out = tmp_path / "out"
    args = ["compare", str(earlier), str(later), "--format", "csv", "-o", str(out), "--no-cache"]
    assert main(args) == 0
    procurement = pl.read_csv(out / "procurement.csv", infer_schema=False)
    row = procurement.filter(pl.col("key") == "平乡县公安局本级/A02020600").row(0, named=True)
    assert (row["2024"], row["2025"], row["delta"], row["delta_pct"]) == (
        "87.00",
        "96.00",
        "9.00",
        "10.34",
    )
    projects = pl.read_csv(out / "projects.csv", infer_schema=False)
    row = projects.filter(
        (pl.col("key") == "13053224P00273513022D") & (pl.col("measure") == "budget")
    ).row(0, named=True)
    assert (row["2024"], row["2025"], row["change"]) == (None, "10.00", ADDED)


@pytest.mark.asyncio
async def test_generated_pair_procurement_tab_nests_lines_under_their_unit(generated_pair) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Tab

    from tui.compare.compare_app import CompareApp

    earlier, later, opened = generated_pair
    app = CompareApp([earlier, later], opened=opened)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):
            await pilot.pause(0.05)
            if app.view is not None and app.view.is_mounted:
                break
        await pilot.pause(0.1)
        assert app.view is not None
        tabs = [tab.label_text for tab in app.view.query(Tab)]
        assert tabs[3:] == ["4 项目预算", "5 政府采购", "6 比上年核对"]
        tree = app.view.tree("procurement")
        top = {n.data.key: [c.data.key for c in n.children] for n in tree.root.children}
        assert top["合计"] == []
        assert top["平乡县公安局交通警察大队"][-1] == "平乡县公安局交通警察大队/A02010105"
        assert "平乡县公安局交通警察大队/C20020300" in top["平乡县公安局交通警察大队"]
        assert top["平乡县公安局本级"][0] == "平乡县公安局本级/A02020600"
