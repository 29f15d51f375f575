"""The hand-read disclosures of ../shared/real/: one tests/real/<stem>.json per PDF.

Each JSON holds only what people read off the printed pages (the hand-read ground truth
of /work/handread), addressed the way the parser's frames are: a table id, the page a row
starts on, a row key and a column id. The parser was used only to learn how to address a
row; every value is the hand-read one, so a figure the parser reads differently fails here.

A JSON file holds:

- ``file``, ``department``, ``year``, ``unit``, ``kind`` (full / tables_only / narrative_only);
- ``tables``: the standard tables the document prints, with the page each starts on;
- ``figures``: ``{table, page, key, column, value, printed}``; ``key`` is a functional or
  economic code, ``合计`` for the level-0 row (the ``total`` row of a procurement table), or
  the text of the row (``item`` of summary tables, a unit's or a 项's ``name``, a procurement
  ``category`` or ``unit``, a narrative ``key``). Optional qualifiers pick among rows with
  that key on the page: ``side``, ``unit``, ``row_kind`` (column equals the value; ``null``
  matches a blank) and ``nth`` (the nth such row in printed order). ``value`` is the printed
  figure to two decimals (frames hold 2), ``printed`` the figure as printed;
- ``errors``: the document's own errors, as ``(table, location)`` of the error finding
  ``reconcile`` should report; ``errors_not_tested`` lists what the hand-readers noted that
  is not an error finding (rounding tails, a blank cell, a discrepancy with another file);
- ``incomplete``: tables whose reading may be incomplete, with why (none listed so far);
- ``misread``: figures, in the shape of ``figures`` with a ``why``, that the parser reads
  wrong today in a table it believes read: the gap measured, not hidden. Each must still
  be misread (the test fails once it is read right: move it back to ``figures``).

The PDFs are not copied into the repository; without the folder these tests skip.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from core.model import TABLE_COLUMNS, Disclosure
from core.parse import parse_pdf
from core.rules.reconcile import Reconciliation, reconcile
from tests.conftest import SHARED_REAL

REAL = Path(__file__).resolve().parent / "real"
CASES = sorted(REAL.glob("*.json"))
KINDS = {"full", "tables_only", "narrative_only"}
QUALIFIERS = ("side", "unit", "row_kind")
# columns a row key may name, when it is not a code or 合计
KEY_COLUMNS = ("item", "name", "category", "source_project", "key", "unit")

Case = dict[str, Any]
Parsed = tuple[Case, Disclosure, Reconciliation]


def _load(path: Path) -> Case:
    case: Case = json.loads(path.read_text("utf-8"))
    return case


@pytest.fixture(scope="session")
def parsed_files() -> dict[str, tuple[Disclosure, Reconciliation]]:
    """Each PDF parsed once per session, whichever test asks first."""
    return {}


@pytest.fixture(params=CASES, ids=[p.stem for p in CASES])
def real(
    request: pytest.FixtureRequest, parsed_files: dict[str, tuple[Disclosure, Reconciliation]]
) -> Parsed:
    case = _load(request.param)
    if not SHARED_REAL.is_dir():
        pytest.skip(f"{SHARED_REAL} is absent: the published PDFs live beside the clone")
    path = SHARED_REAL / case["file"]
    if not path.exists():
        pytest.skip(f"{path} is absent")
    if case["file"] not in parsed_files:
        disclosure = parse_pdf(path, workers=1)
        parsed_files[case["file"]] = (disclosure, reconcile(disclosure))
    disclosure, check = parsed_files[case["file"]]
    return case, disclosure, check


def _rows(frame: pl.DataFrame, figure: Case, *, on_page: bool = True) -> list[dict[str, Any]]:
    """The rows a figure addresses: its key on its page, narrowed by its qualifiers."""
    key, columns = figure["key"], frame.columns
    if key == "合计" and "level" in columns:
        match = pl.col("level") == 0
    elif key == "合计" and "row_kind" in columns:
        match = pl.col("row_kind") == "total"
    elif key.isdigit() and "code" in columns:
        match = pl.col("code") == key
    else:
        match = pl.lit(False)
        for column in KEY_COLUMNS:
            if column in columns:
                match = match | (pl.col(column) == key).fill_null(False)
    for name in QUALIFIERS:
        if name in figure:
            wanted = figure[name]
            if name not in columns:
                return []
            same = pl.col(name).is_null() if wanted is None else pl.col(name) == wanted
            match = match & same.fill_null(False)
    if on_page:
        match = match & (pl.col("page") == figure["page"])
    rows = frame.filter(match).to_dicts()
    if "nth" in figure:
        return rows[figure["nth"] - 1 : figure["nth"]]
    return rows


def _misread(d: Disclosure, figure: Case) -> str | None:
    """Why the frame does not hold the figure as printed, or None when it does."""
    where = f"{figure['table']} p.{figure['page']} {figure['key']!r} {figure['column']}"
    frame = d.tables.get(figure["table"])
    if frame is None or not frame.height:
        return f"{where}: no {figure['table']} table"
    if figure["column"] not in frame.columns:
        return f"{where}: no column {figure['column']!r} (has {frame.columns})"
    rows = _rows(frame, figure)
    if not rows:
        pages = sorted({r["page"] for r in _rows(frame, figure, on_page=False)})
        elsewhere = f" (the key is on p.{pages})" if pages else ""
        return f"{where}: no such row{elsewhere}"
    if len(rows) > 1:
        return f"{where}: {len(rows)} rows match, expected one"
    held = rows[0][figure["column"]]
    if held != Decimal(figure["value"]):
        return f"{where}: holds {held}, printed {figure['printed']}"
    return None


# -- the JSON files themselves (no PDF needed) ------------------------------------------------


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case_file_is_well_formed(path: Path) -> None:
    case = _load(path)
    assert case["file"] == f"{path.stem}.pdf"
    assert case["kind"] in KINDS and case["unit"] in {"元", "万元"}
    assert set(case["tables"]) <= set(TABLE_COLUMNS)
    figures = case["figures"]
    assert len(figures) >= (12 if case["tables"] else 1), "too few hand-read figures"
    for figure in figures:
        assert {"table", "page", "key", "column", "value", "printed"} <= set(figure), figure
        assert figure["table"] in TABLE_COLUMNS, figure
        assert Decimal(figure["value"]).as_tuple().exponent == -2, figure
    for error in case["errors"]:
        assert set(error) >= {"table", "location", "page", "why"}, error
    for table, why in case.get("incomplete", {}).items():
        assert table in TABLE_COLUMNS and why, table
    for figure in case.get("misread", []):
        assert {"table", "page", "key", "column", "value", "printed", "why"} <= set(figure)


# -- the parsed PDFs --------------------------------------------------------------------------


def test_department_year_and_unit(real: Parsed) -> None:
    case, d, _ = real
    got = (d.meta.department, d.meta.year, d.meta.unit)
    assert got == (case["department"], case["year"], case["unit"])


def test_printed_tables_are_found_where_they_start(real: Parsed) -> None:
    case, d, _ = real
    wrong = {
        table: d.part_pages.get(table, [None])[0]
        for table, page in case["tables"].items()
        if d.part_pages.get(table, [None])[0] != page
    }
    assert not wrong, f"table -> first page found (None: not found), expected {case['tables']}"


def test_hand_read_figures(real: Parsed) -> None:
    case, d, _ = real
    figures = [f for f in case["figures"] if "unread" not in f]
    misread = [m for m in (_misread(d, f) for f in figures) if m]
    assert not misread, f"{len(misread)} of {len(figures)} figures:\n" + "\n".join(misread)


def test_known_reading_gaps_are_reported_as_such(real: Parsed) -> None:
    """A figure marked ``unread`` is one the parser cannot read yet (the JSON says why):
    it must be missing from the frames and its table reported as read incompletely, never
    read wrong in silence. Once the parser reads it, this fails: move it back to figures."""
    case, d, _ = real
    gaps = [f for f in case["figures"] if "unread" in f]
    for figure in gaps:
        assert _misread(d, figure), f"now read: drop 'unread' from {figure}"
        assert figure["table"] in d.incomplete_tables(), figure
    # and no other table is read incompletely: a file without gaps reads every table whole
    declared = set(case.get("incomplete", {}))
    assert {f["table"] for f in gaps} <= declared
    assert d.incomplete_tables() == declared


def test_known_misreadings_are_still_misread(real: Parsed) -> None:
    case, d, _ = real
    for figure in case.get("misread", []):
        assert figure.get("why"), figure
        assert _misread(d, figure), f"now read right: move back to figures: {figure}"


def test_error_findings_are_the_document_errors(real: Parsed) -> None:
    case, _, check = real
    errors = check.findings.filter(pl.col("severity") == "error")
    found = {(r["table"], r["location"]): r["message"] for r in errors.to_dicts()}
    expected = {(e["table"], e["location"]) for e in case["errors"]}
    unexpected = [f"{t} {loc}: {m}" for (t, loc), m in found.items() if (t, loc) not in expected]
    missed = [f"{t} {loc}" for t, loc in sorted(expected - set(found))]
    assert not unexpected and not missed, (
        "unexpected error findings:\n"
        + "\n".join(unexpected)
        + "\ndocument errors not reported:\n"
        + "\n".join(missed)
    )


def test_every_table_is_read_completely(real: Parsed) -> None:
    case, d, _ = real
    allowed = case.get("incomplete", {})
    incomplete = {
        table: [n.text + " " + n.where() for n in coverage.unplaced]
        for table, coverage in d.coverage.items()
        if coverage.unplaced and table not in allowed
    }
    assert not incomplete, f"printed numbers the frames do not hold: {incomplete}"


def test_package_kind_is_told(real: Parsed) -> None:
    """A package published in two files (说明 / 报表) is told apart from missing tables."""
    case, d, _ = real
    assert d.package_kind() == case["kind"]


def test_the_overview_says_a_narrative_package_has_its_tables_elsewhere(
    parsed_files: dict[str, tuple[Disclosure, Reconciliation]],
) -> None:
    from tui.package.overview import overview_text

    if not SHARED_REAL.is_dir():
        pytest.skip(f"{SHARED_REAL} is absent")
    name = "bj_2026_budget_caizhengju_shuoming.pdf"
    if name not in parsed_files:
        d = parse_pdf(SHARED_REAL / name, workers=1)
        parsed_files[name] = (d, reconcile(d))
    d, check = parsed_files[name]
    text = overview_text(d, check).plain
    assert "本文件只有情况说明，报表另册公开" in text
    assert check.findings.filter(pl.col("severity") == "error").height == 0
