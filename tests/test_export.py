"""`budget-tui export` in every format, exactly as docs/export-schema.md says."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from core.export import export, to_json_text
from core.model import OPTIONAL_TABLES, TABLE_COLUMNS
from core.rules.reconcile import reconcile
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def document(seed) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(to_json_text(seed, reconcile(seed).findings), parse_float=Decimal)


def test_json_shape(document: dict) -> None:
    assert document["schema_version"] == 1
    assert set(document["meta"]) >= {
        "source",
        "sha256",
        "department_code",
        "department",
        "year",
        "unit",
        "pages",
        "parser_version",
    }
    # the optional tables of other provinces' layouts appear only where printed
    assert set(document["tables"]) == set(TABLE_COLUMNS) - set(OPTIONAL_TABLES)
    for table_id, rows in document["tables"].items():
        for row in rows:
            assert set(TABLE_COLUMNS[table_id]) | {"page"} <= set(row), table_id


def test_json_amounts_are_exact_numbers_with_printed_precision(document: dict) -> None:
    total = document["tables"]["expenditure"][0]
    assert total["total"] == Decimal("11745.92") and str(total["total"]) == "11745.92"
    assert total["code"] is None and total["level"] == 0
    assert document["tables"]["expenditure"][1]["code"] == "204"
    houses = document["tables"]["fixed_assets"][2]
    assert str(houses["quantity"]) == "8390" and str(houses["value"]) == "880.41"


def test_json_raw_text_has_no_float_noise(seed) -> None:  # type: ignore[no-untyped-def]
    text = to_json_text(seed)
    assert '"total": 11745.92,' in text
    assert "11745.920" not in text and "e+" not in text


def test_json_classified_rows(document: dict) -> None:
    card = next(r for r in document["tables"]["projects"] if r["name"] == "55 号")
    assert card["redacted"] is True and card["budget"] is None
    line = next(r for r in document["tables"]["procurement"] if r["source_project"] == "56 号")
    assert line["redacted"] is True and line["amount"] is None


def test_json_findings_in_schema_shape(document: dict) -> None:
    finding = next(f for f in document["findings"] if f["table"] == "fixed_assets")
    assert finding == {
        "rule": "fixed_assets_sum",
        "severity": "info",
        "table": "fixed_assets",
        "location": "资产总额/value",
        "expected": Decimal("11766.50"),
        "actual": Decimal("11766.51"),
        "difference": Decimal("-0.01"),
        "tolerance": Decimal("0.025"),
        "message": finding["message"],
        "pages": [57, 58],
    }


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_other_formats(seed, fmt: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"out_{fmt}"
    export(seed, fmt, out, reconcile(seed).findings)
    if fmt == "xlsx":  # the workbook read back: its sheets, a table's figures, the findings
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(out.read_bytes()), read_only=True)
        assert set(TABLE_COLUMNS) - set(OPTIONAL_TABLES) | {"meta", "findings"} <= set(
            book.sheetnames
        )
        rows = list(book["expenditure"].iter_rows(values_only=True))
        head = list(rows[0])
        by_code = {r[head.index("code")]: dict(zip(head, r, strict=True)) for r in rows[1:]}
        assert len(rows) - 1 == seed.table("expenditure").height
        assert by_code[None]["name"] == "合计" and by_code[None]["total"] == 11745.92
        assert (by_code["2040220"]["total"], by_code["2040220"]["basic"]) == (1715.52, 399.71)
        findings = list(book["findings"].iter_rows(values_only=True))
        assert len(findings) - 1 == reconcile(seed).findings.height
        first = dict(zip(findings[0], findings[1], strict=True))
        assert json.loads(first["pages"]) == [38]  # lists as JSON, not a Series' repr
        assert json.loads(first["contributors"])[0]["role"] == "total"
        book.close()
        assert [p.name for p in tmp_path.iterdir()] == [out.name]
        return
    files = {p.stem for p in out.iterdir()}
    assert set(TABLE_COLUMNS) - set(OPTIONAL_TABLES) | {"meta", "findings"} <= files
    if fmt == "parquet":
        frame = pl.read_parquet(out / "expenditure.parquet")
        assert frame["total"].dtype == pl.Decimal(20, 2)
        assert frame["total"][0] == Decimal("11745.92")
    else:
        frame = pl.read_csv(out / "income.csv", infer_schema=False)
        assert frame["total"][0] == "11745.92" and frame["carryover"][0] == "121.89"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temp leftovers


def test_cli_export_json(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "export",
            str(EXAMPLE),
            "--format",
            "json",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["meta"]["department"] == "平乡县公安局"
    assert len(data["tables"]["projects"]) == 22


def test_cli_check_exit_codes(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "tui.cli", "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert ok.returncode == 0
    assert "核对恒等式：436  成立：413" in ok.stdout.splitlines()[1]
    assert "错误：0" in ok.stdout
    assert "849.78" in ok.stdout
    js = subprocess.run(
        [sys.executable, "-m", "tui.cli", "check", "--json", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    findings = json.loads(js.stdout)
    assert {f["severity"] for f in findings} == {"info", "warning"}


def test_seed_export_is_unchanged(document: dict) -> None:
    """Support for other provinces grows the schema; the seed's export stays byte-for-byte
    the same (tests/golden/seed_export.json, parser_version aside)."""
    golden = json.loads(
        (Path(__file__).parent / "golden" / "seed_export.json").read_text("utf-8"),
        parse_float=Decimal,
    )
    meta = {k: v for k, v in document["meta"].items() if k != "parser_version"}
    assert meta == golden["meta"]
    assert document["tables"].keys() == golden["tables"].keys()
    for table_id, rows in golden["tables"].items():
        assert document["tables"][table_id] == rows, table_id
    assert document["findings"] == golden["findings"]
    assert document["notes"] == golden["notes"]
