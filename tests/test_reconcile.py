"""Reconciliation: the seed reconciles, injected defects are caught at their exact place,
tolerance is derived from the number of rounded figures, classified values are intervals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.model import Disclosure, Meta
from core.parse import parse_pdf
from core.rules.reconcile import Reconciliation, Term, check_sum, reconcile, reconcile_hierarchy
from core.tables.columns import to_frame
from tests.generator import variants as V


def test_seed_has_no_error_and_hundreds_of_identities(seed_check: Reconciliation) -> None:
    assert seed_check.errors == 0
    tested = int(seed_check.counts["tested"].sum())
    assert tested >= 400


def test_seed_fixed_assets_gap_is_info(seed_check: Reconciliation) -> None:
    f = seed_check.findings.filter(pl.col("table") == "fixed_assets").to_dicts()
    assert len(f) == 1
    assert (
        f[0]["severity"],
        f[0]["location"],
        f[0]["expected"],
        f[0]["actual"],
        f[0]["difference"],
        f[0]["tolerance"],
    ) == ("info", "资产总额/value", D("11766.50"), D("11766.51"), D("-0.01"), D("0.025"))


def test_seed_implied_classified_project_total(seed_check: Reconciliation) -> None:
    f = seed_check.findings.filter(pl.col("rule") == "project_total").to_dicts()
    assert len(f) == 1
    assert f[0]["severity"] == "info"
    assert f[0]["difference"] == D("849.78")
    assert "849.78" in f[0]["message"] and "3,798.57" in f[0]["message"]


def test_seed_redaction_recovered_from_spending_plan(seed_check: Reconciliation) -> None:
    """49 号's budget is ** but its four quarters (109.75 each) are printed."""
    f = seed_check.findings.filter(pl.col("location") == "13053224P00272610564P/plan").to_dicts()
    assert f[0]["severity"] == "info" and f[0]["expected"] == D("439.00")


def test_seed_cumulative_plan_passes(seed_check: Reconciliation) -> None:
    ids = seed_check.identities.filter(pl.col("location") == "13053224P002735125073/plan")
    assert ids["status"].to_list() == ["ok"]  # 81 / 162 / 243 / 270 ends at 270.00


def test_cell_status_marks_broken_and_ok(seed_check: Reconciliation) -> None:
    cells = seed_check.cell_status
    row = cells.filter(
        (pl.col("table") == "expenditure")
        & (pl.col("key") == "2040220")
        & (pl.col("column") == "total")
    )
    assert row["status"].to_list() == ["ok"]
    assets = cells.filter((pl.col("table") == "fixed_assets") & (pl.col("key") == "资产总额"))
    assert assets["status"].to_list() == ["rounding"]


# -- tolerance -------------------------------------------------------------------------------


def _t(value: str | None, classified: bool = False, key: str = "x") -> Term:
    return Term("t", key, "c", None if value is None else D(value), classified, 1)


def test_tolerance_boundary_passes_then_one_cent_more_fails() -> None:
    parts = [_t("1.00"), _t("2.00"), _t("3.00"), _t("4.00")]  # 4 addends + total: 0.025
    at = check_sum("r", "t", "l", _t("10.02"), parts, "sum")
    assert (at.status, at.tolerance) == ("rounding", D("0.025"))
    beyond = check_sum("r", "t", "l", _t("10.03"), parts, "sum")
    assert beyond.status == "broken"
    exact = check_sum("r", "t", "l", _t("10.00"), parts, "sum")
    assert exact.status == "ok"


def test_empty_cells_add_no_tolerance() -> None:
    r = check_sum("r", "t", "l", _t("5.00"), [_t("5.00"), _t(None), _t(None)], "sum")
    assert r.tolerance == D("0.010")


def test_classified_part_is_bounded_not_zero() -> None:
    ok = check_sum("r", "t", "l", _t("100.00"), [_t("60.00"), _t(None, True, "secret")], "s")
    assert ok.status == "classified" and ok.difference == D("40.00")
    assert "涉密的 secret c 可推得为 40.00" in ok.message
    too_much = check_sum("r", "t", "l", _t("100.00"), [_t("160.00"), _t(None, True)], "s")
    assert too_much.status == "broken"
    open_ = check_sum("r", "t", "l", _t(None, True), [_t("1.00"), _t(None, True)], "s")
    assert open_.status == "unverifiable" and open_.severity == "warning"


# -- injected defects ----------------------------------------------------------------------


def _errors(path: Path) -> list[dict]:
    return reconcile(parse_pdf(path)).findings.filter(pl.col("severity") == "error").to_dicts()


Rendered = Callable[..., Path]


def test_defect_xiang_off_by_one(rendered: Rendered) -> None:
    errors = _errors(rendered(V.defect_xiang_off_by_one(), "xiang"))
    hit = [
        e
        for e in errors
        if e["rule"] == "hierarchy_sum"
        and e["table"] == "expenditure"
        and e["location"] == "20402/total"
    ]
    assert len(hit) == 1
    assert (hit[0]["expected"], hit[0]["actual"], hit[0]["difference"]) == (
        D("10546.02"),
        D("10547.02"),
        D("-1.00"),
    )
    assert hit[0]["pages"] == [1]  # the rendered defect holds only 支出总表


def test_defect_expenditure_total_against_summary(rendered: Rendered) -> None:
    errors = _errors(rendered(V.defect_expenditure_total(), "total"))
    hit = [e for e in errors if e["rule"] == "cross_table" and e["location"] == "本年支出合计"]
    assert len(hit) == 1 and hit[0]["difference"] == D("-1.00")
    assert any(e["rule"] == "hierarchy_sum" and e["location"] == "合计/total" for e in errors)


def test_defect_narrative_figure(rendered: Rendered) -> None:
    errors = _errors(rendered(V.defect_narrative(), "narrative"))
    hit = [e for e in errors if e["rule"] == "narrative_vs_table"]
    assert [(e["location"], e["expected"], e["actual"]) for e in hit] == [
        ("expenditure_basic", D("7097.75"), D("7097.57"))
    ]


def test_defect_quantity_times_price(rendered: Rendered) -> None:
    errors = _errors(rendered(V.defect_quantity_price(), "qty"))
    hit = [e for e in errors if e["rule"] == "procurement_line"]
    assert [(e["location"], e["expected"], e["actual"]) for e in hit] == [
        ("row 3/amount", D("87.00"), D("174.00"))
    ]


def test_defect_personnel_plus_public(rendered: Rendered) -> None:
    errors = _errors(rendered(V.defect_personnel_public(), "personnel"))
    hit = [e for e in errors if e["rule"] == "row_arithmetic"]
    assert [(e["table"], e["location"], e["difference"]) for e in hit] == [
        ("gpb_basic_expenditure", "合计/total", D("-0.45"))
    ]


def test_defect_three_public_subtotal(rendered: Rendered) -> None:
    errors = _errors(rendered(V.defect_three_public(), "sangong"))
    locations = {e["location"] for e in errors if e["rule"] == "three_public_sum"}
    assert locations == {"三公小计/total", "三公小计/general_public_budget"}


@pytest.mark.parametrize("make", [V.renamed_titles, V.no_repeated_header, V.in_yuan])
def test_sound_variants_have_no_error(rendered: Rendered, make: Callable) -> None:
    assert _errors(rendered(make(), make.__name__)) == []


# -- property: random consistent hierarchies, rounded as a printer would -----------------


def _disclosure(frame: pl.DataFrame) -> Disclosure:
    meta = Meta("x.pdf", "0" * 64, "1", "t", 2024, "万元", 1)
    return Disclosure(meta, {"expenditure": frame})


def _round(v: D) -> D:
    return v.quantize(D("0.01"), rounding="ROUND_HALF_UP")


@st.composite
def hierarchies(draw: st.DrawFn) -> list[dict]:
    cents = st.integers(min_value=0, max_value=10_000_000)  # exact values in 1/10000
    rows: list[dict] = []
    classes = []
    for c in range(draw(st.integers(1, 3))):
        kuans = []
        for k in range(draw(st.integers(1, 3))):
            leaves = [D(draw(cents)) / 10000 for _ in range(draw(st.integers(1, 4)))]
            kuans.append((f"2{c:02d}{k:02d}", leaves))
        classes.append((f"2{c:02d}", kuans))
    total = sum((sum(leaves, D(0)) for _, ks in classes for _, leaves in ks), D(0))
    rows.append({"code": None, "name": "合计", "level": 0, "total": _round(total)})
    for code, kuans in classes:
        rows.append(
            {
                "code": code,
                "name": code,
                "level": 1,
                "total": _round(sum((sum(leaves, D(0)) for _, leaves in kuans), D(0))),
            }
        )
        for kcode, leaves in kuans:
            rows.append(
                {"code": kcode, "name": kcode, "level": 2, "total": _round(sum(leaves, D(0)))}
            )
            for i, leaf in enumerate(leaves):
                rows.append(
                    {"code": f"{kcode}{i:02d}", "name": "x", "level": 3, "total": _round(leaf)}
                )
    for r in rows:
        r.update(page=1, redacted=False, classified=[])
    return rows


@settings(max_examples=60, deadline=None)
@given(hierarchies(), st.data())
def test_rounded_hierarchies_never_error_and_a_break_is_found(
    rows: list[dict], data: st.DataObject
) -> None:
    frame = to_frame("expenditure", rows)
    results = reconcile_hierarchy("expenditure", frame)
    assert [r for r in results if r.status == "broken"] == []
    leaves = [i for i, r in enumerate(rows) if r["level"] == 3]
    index = data.draw(st.sampled_from(leaves))
    # larger than twice the widest tolerance (4 leaves + total: 0.025), so no rounding hides it
    delta = data.draw(st.sampled_from([D("0.10"), D("-0.10"), D("1.00"), D("123.45")]))
    broken_rows = [dict(r) for r in rows]
    broken_rows[index]["total"] += delta
    parent = broken_rows[index]["code"][:5]
    results = reconcile_hierarchy("expenditure", to_frame("expenditure", broken_rows))
    broken = [r for r in results if r.status == "broken"]
    assert [r.location for r in broken] == [f"{parent}/total"]
    # the gap is the perturbation plus whatever rounding gap was already there
    assert broken[0].difference is not None
    assert abs(broken[0].difference + delta) <= broken[0].tolerance
