"""Proof before blame, tested by injecting faults into the bundled example's reading.

A reading fault (a column read blank, a line read twice, a column read one row off) must never
be the document's ``error``: each break it causes is ``parse``, saying which pattern. A
document fault (one printed figure changed) must always be an ``error`` at its place.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import polars as pl
import pytest

from core.model import Disclosure
from core.rules.reconcile import reconcile


def _with(seed: Disclosure, table: str, frame: pl.DataFrame) -> Disclosure:
    return replace(seed, tables={**seed.tables, table: frame})


def _by_severity(d: Disclosure, severity: str) -> list[dict]:
    findings = reconcile(d).findings
    return findings.filter(pl.col("severity") == severity).to_dicts()


def test_the_seed_itself_has_no_error_and_no_doubt(seed: Disclosure) -> None:
    assert _by_severity(seed, "error") == []
    assert _by_severity(seed, "parse") == []


# -- reading faults: parse, never error --------------------------------------------------------


def test_parts_read_blank_are_the_readings_doubt(seed: Disclosure) -> None:
    frame = seed.tables["gpb_expenditure"]
    blank = pl.lit(None, dtype=frame.schema["basic"])
    d = _with(
        seed, "gpb_expenditure", frame.with_columns(blank.alias("basic"), blank.alias("project"))
    )
    assert _by_severity(d, "error") == []
    doubts = {(f["rule"], f["location"]): f for f in _by_severity(d, "parse")}
    total = doubts[("row_arithmetic", "合计/total")]
    assert total["table"] == "gpb_expenditure" and total["difference"] == D("11745.92")
    assert "各分项读入为空或零，合计却不为零" in total["message"]
    assert total["pages"] == [20]  # shown on the page the table is printed on


def test_a_line_read_twice_is_the_readings_doubt(seed: Disclosure) -> None:
    frame = seed.tables["expenditure"]
    i = frame.with_row_index().filter(pl.col("code") == "2040220")["index"][0]
    twice = pl.concat([frame[: i + 1], frame[i : i + 1], frame[i + 1 :]])
    d = _with(seed, "expenditure", twice)
    assert _by_severity(d, "error") == []
    doubts = [(f["location"], f["difference"]) for f in _by_severity(d, "parse")]
    # 2040220 执法办案 1,715.52 = 399.71 + 1,315.81, each counted twice under 20402
    assert doubts == [
        ("20402/total", D("-1715.52")),
        ("20402/basic", D("-399.71")),
        ("20402/project", D("-1315.81")),
    ]
    assert all("差额等于同式中的" in f["message"] for f in _by_severity(d, "parse"))


@pytest.mark.parametrize("offset", [1, -1])
def test_a_column_read_one_row_off_is_the_readings_doubt(seed: Disclosure, offset: int) -> None:
    frame = seed.tables["gpb_basic_expenditure"]
    d = _with(seed, "gpb_basic_expenditure", frame.with_columns(pl.col("personnel").shift(offset)))
    assert _by_severity(d, "error") == []
    doubts = _by_severity(d, "parse")
    assert len(doubts) >= 10
    mine = [f for f in doubts if f["table"] == "gpb_basic_expenditure"]
    assert mine and all("「人员经费」列错一行读时本表恒等式成立" in f["message"] for f in mine)


# -- document faults: always error, at the place ----------------------------------------------


@pytest.mark.parametrize("delta", [D("0.37"), D("-1.00"), D("250.00")])
def test_one_edited_figure_is_the_documents_error(seed: Disclosure, delta: D) -> None:
    frame = seed.tables["expenditure"]
    edited = frame.with_columns(
        pl.when(pl.col("code") == "2040220")
        .then(pl.col("total") + delta)
        .otherwise(pl.col("total"))
        .alias("total")
    )
    errors = _by_severity(_with(seed, "expenditure", edited), "error")
    assert {(e["rule"], e["table"], e["location"], e["difference"]) for e in errors} == {
        ("hierarchy_sum", "expenditure", "20402/total", -delta),
        ("row_arithmetic", "expenditure", "2040220/total", delta),
        ("cross_table", "gpb_expenditure", "2040220/total", -delta),
    }
    assert all(e["pages"] for e in errors)


def test_an_edited_column_figure_is_the_documents_error(seed: Disclosure) -> None:
    frame = seed.tables["gpb_basic_expenditure"]
    edited = frame.with_columns(
        pl.when(pl.col("code") == "30101")
        .then(pl.col("personnel") + D("1.00"))
        .otherwise(pl.col("personnel"))
        .alias("personnel")
    )
    errors = _by_severity(_with(seed, "gpb_basic_expenditure", edited), "error")
    located = {(e["table"], e["location"]) for e in errors}
    assert ("gpb_basic_expenditure", "30101/total") in located
    assert ("gpb_basic_expenditure", "301/personnel") in located
    assert _by_severity(_with(seed, "gpb_basic_expenditure", edited), "parse") == []


# -- the user sees the proof --------------------------------------------------------------------


def test_every_table_of_the_seed_is_vouched_for(seed: Disclosure) -> None:
    proofs = reconcile(seed).proofs
    assert proofs.height == 11 and proofs["vouched"].all()
    assert proofs.filter(pl.col("table") == "gpb_expenditure")["held"].item() == 100


def test_a_doubted_table_says_why_in_the_overview(seed: Disclosure) -> None:
    from tui.package.overview import proof_text

    frame = seed.tables["gpb_expenditure"]
    blank = pl.lit(None, dtype=frame.schema["basic"])
    d = _with(
        seed, "gpb_expenditure", frame.with_columns(blank.alias("basic"), blank.alias("project"))
    )
    r = reconcile(d)
    doubted = r.proofs.filter(~pl.col("vouched")).to_dicts()
    # the 基本支出表's 合计 is compared with the blank 基本支出 column: in doubt with it
    assert [p["table"] for p in doubted] == ["gpb_basic_expenditure", "gpb_expenditure"]
    gpb = doubted[1]
    assert gpb["why"] == f"{gpb['doubted']} 处读取存疑" and gpb["doubted"] > 10
    shown = proof_text(r).plain
    assert "读取担保：9/11 张表读全且经本表恒等式印证" in shown
    assert f"! 一般公共预算支出表：{gpb['doubted']} 处读取存疑" in shown
