"""Writing a parsed disclosure out: JSON, CSV, Parquet or XLSX, as docs/export-schema.md says.

Every write goes to a temporary name beside the target and is renamed into place, so a
failure never leaves a half-written file behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from core.model import SCHEMA_VERSION, Disclosure

FORMATS = ("json", "csv", "parquet", "xlsx")
_INTEGRAL_COLUMNS = {"quantity"}  # printed as whole numbers (8390 ㎡, 54 辆)


def json_value(value: Any, column: str = "") -> str:
    """JSON text of one value; decimals as numbers with their printed precision."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if column in _INTEGRAL_COLUMNS and value == value.to_integral_value():
            return str(value.quantize(Decimal(1)))
        return str(value)
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(json_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return _json_object(value)
    return json.dumps(str(value), ensure_ascii=False)


def _json_object(obj: dict[str, Any]) -> str:
    items = [f"{json.dumps(k, ensure_ascii=False)}: {json_value(v, k)}" for k, v in obj.items()]
    return "{" + ", ".join(items) + "}"


def findings_records(findings: pl.DataFrame | None) -> list[dict[str, Any]]:
    if findings is None or findings.height == 0:
        return []
    keep = [
        "rule",
        "severity",
        "table",
        "location",
        "expected",
        "actual",
        "difference",
        "tolerance",
        "message",
        "pages",
    ]
    return findings.select([c for c in keep if c in findings.columns]).to_dicts()


def meta_record(disclosure: Disclosure) -> dict[str, Any]:
    """The meta object; `table_units` only when some table has its own unit, `kind` only for
    final accounts ("final"): a budget's export is as it always was."""
    meta = asdict(disclosure.meta)
    if not meta["table_units"]:
        del meta["table_units"]
    if meta["kind"] == "budget":
        del meta["kind"]
    return meta


def to_json_text(disclosure: Disclosure, findings: pl.DataFrame | None = None) -> str:
    lines = ["{", f'  "schema_version": {SCHEMA_VERSION},']
    lines.append(f'  "meta": {_json_object(meta_record(disclosure))},')
    lines.append('  "tables": {')
    table_ids = disclosure.table_ids()
    for i, table_id in enumerate(table_ids):
        rows = disclosure.table(table_id).to_dicts()
        body = ",\n".join(f"      {_json_object(r)}" for r in rows)
        sep = "," if i < len(table_ids) - 1 else ""
        if rows:
            lines.append(f'    "{table_id}": [\n{body}\n    ]{sep}')
        else:
            lines.append(f'    "{table_id}": []{sep}')
    lines.append("  },")
    lines.append(f'  "notes": {_json_object(disclosure.notes)},')
    raw = [{"title": r.title, "pages": r.pages, "rows": r.rows} for r in disclosure.raw_tables]
    lines.append(f'  "unrecognised_tables": {json_value(raw)},')
    records = findings_records(findings)
    body = ",\n".join(f"    {_json_object(r)}" for r in records)
    lines.append('  "findings": [' + (f"\n{body}\n  ]" if records else "]"))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """CSV and XLSX hold no lists: join the classified column names."""
    if "classified" in frame.columns:
        return frame.with_columns(pl.col("classified").list.join(";"))
    return frame


def _atomic_file(target: Path, write: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _atomic_dir(target: Path, write: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        write(tmp)
        if target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _frames(disclosure: Disclosure, findings: pl.DataFrame | None) -> dict[str, pl.DataFrame]:
    frames = {tid: disclosure.table(tid) for tid in disclosure.table_ids()}
    meta = meta_record(disclosure)
    frames["meta"] = pl.DataFrame({"key": list(meta), "value": [str(v) for v in meta.values()]})
    if findings is not None:
        frames["findings"] = findings.drop(
            [c for c in findings.columns if findings[c].dtype == pl.Object]
        )
    return frames


def export(
    disclosure: Disclosure, fmt: str, out: Path, findings: pl.DataFrame | None = None
) -> Path:
    """Write ``disclosure`` to ``out`` in ``fmt``; CSV and Parquet make a folder of tables."""
    if fmt == "json":
        text = to_json_text(disclosure, findings)
        _atomic_file(out, lambda p: p.write_text(text, encoding="utf-8"))
    elif fmt in ("xlsx", "csv", "parquet"):
        write_frames(_frames(disclosure, findings), fmt, out)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return out


def write_frames(frames: dict[str, pl.DataFrame], fmt: str, out: Path) -> None:
    """Named frames as one XLSX book (a sheet each) or a CSV / Parquet folder (a file each),
    written beside ``out`` and renamed into place."""
    if fmt == "xlsx":

        def write_book(path: Path) -> None:
            import xlsxwriter

            with xlsxwriter.Workbook(str(path)) as book:
                for name, frame in frames.items():
                    _flat(_nested_free(frame)).write_excel(book, worksheet=name[:31])

        _atomic_file(out, write_book)
        return

    def write_dir(folder: Path) -> None:
        for name, frame in frames.items():
            if fmt == "csv":
                _flat(_nested_free(frame)).write_csv(folder / f"{name}.csv")
            else:
                frame.write_parquet(folder / f"{name}.parquet")

    _atomic_dir(out, write_dir)


def _nested_free(frame: pl.DataFrame) -> pl.DataFrame:
    """Struct and list columns other than `classified` become JSON text for flat formats."""
    out = frame
    for name, dtype in frame.schema.items():
        if name != "classified" and isinstance(dtype, pl.List | pl.Struct):
            # each value as Python data (map_elements would hand a list over as a Series)
            text = [
                None if v is None else json.dumps(v, default=str, ensure_ascii=False)
                for v in frame[name].to_list()
            ]
            out = out.with_columns(pl.Series(name, text, dtype=pl.String))
    return out
