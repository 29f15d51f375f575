"""A dataset of many disclosures: one Parquet folder that polars and DuckDB query directly.

Layout (see README, "The dataset")::

    DATASET/files.parquet                          one row per input file (FILE_SCHEMA)
    DATASET/<table id>/year=YYYY/<sha256>.parquet  the export's tables, amounts in 元
    DATASET/findings/year=YYYY/<sha256>.parquet    the reconciliation's findings, in 元
    DATASET/_files/<sha256>-p<parser>.parquet      each file's row: the record that it is done
    DATASET/_files/<sha256>-p<parser>.json         what else rebuilds the disclosure (prose…)

Amounts are exact decimals in 元 whatever the document printed: a 万元 figure × 10000, with
the printed unit kept in ``unit_printed``, so departments that print in 万元 and in 元 add up
in one query. Each file's output is written file by file, each to a temporary name renamed
into place, and the row file last: a file is in the dataset once its row file exists, and
``files.parquet`` is only ever rebuilt from the row files, so a crash at any moment loses
nothing that was finished and no file is ever half-written. A file cut short by a crash may
have some of its tables in place until the next run rewrites them; it is in no row file, so a
query joined on files.parquet never sees it.

:func:`read_one` is the per-file task (parse, reconcile, shape the frames); it runs in a
local process or on a Dask worker and returns plain data; :func:`commit` writes it. Reading a
dataset back (the department list, the aggregate trees, one department's disclosure) is here
too, so the app only shows frames.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

from core.cache.store import from_manifest, manifest_of
from core.dataset.region import detect_region, region_label
from core.errors import BudgetInputError
from core.model import (
    MONEY,
    PARSER_VERSION,
    ROW_TAIL,
    TABLE_COLUMNS,
    Disclosure,
    money_columns,
)

FILES = "files.parquet"
ROWS = "_files"
FINDINGS = "findings"
AMOUNT = pl.Decimal(38, 2)  # 元, exact; wide enough to add up a country
TOLERANCE = pl.Decimal(38, 3)
# What one printed unit is in 元. A unit outside this list leaves the figures as printed and
# `unit_printed` null: an amount of unknown unit is never silently taken for 元.
UNIT_FACTORS = {"元": 1, "千元": 1_000, "万元": 10_000, "百万元": 1_000_000, "亿元": 100_000_000}
NOT_MONEY = {"quantity"}  # quantities (㎡, 台, 辆) share the decimal type but are no amounts
STATUSES = ("ok", "errors", "failed")

FILE_SCHEMA: dict[str, pl.DataType] = {
    "path": pl.String(),
    "sha256": pl.String(),
    "department": pl.String(),
    "year": pl.Int64(),
    "region": pl.String(),
    "province": pl.String(),
    "city": pl.String(),
    "unit": pl.String(),
    "pages": pl.Int64(),
    "status": pl.String(),
    "errors": pl.Int64(),
    "warnings": pl.Int64(),
    "message": pl.String(),
    "parser_version": pl.String(),
    "seconds": pl.Float64(),
    # "budget" (部门预算) or "final" (部门决算): join a table's rows on sha256 to keep them apart
    "kind": pl.String(),
}
# Columns a layout prints beyond the standard ones ("reserve", a printed header…), one entry
# per non-empty cell, so that every file of a table has the same schema.
EXTRA = pl.List(pl.Struct({"name": pl.String(), "amount": AMOUNT, "text": pl.String()}))
DATASET_TAIL: dict[str, pl.DataType] = {
    "extra": EXTRA,
    "sha256": pl.String(),
    "department": pl.String(),
    "unit_printed": pl.String(),
}
FINDING_SCHEMA: dict[str, pl.DataType] = {
    "rule": pl.String(),
    "severity": pl.String(),
    "status": pl.String(),
    "table": pl.String(),
    "location": pl.String(),
    "expected": AMOUNT,
    "actual": AMOUNT,
    "difference": AMOUNT,
    "tolerance": TOLERANCE,
    "message": pl.String(),
    "pages": pl.List(pl.Int64()),
    "sha256": pl.String(),
    "department": pl.String(),
    "unit_printed": pl.String(),
}


def dataset_schema(table_id: str) -> dict[str, pl.DataType]:
    """Columns of a table in the dataset: the export's (amounts in 元), then the tail."""
    own = {
        name: (AMOUNT if dtype == MONEY and name not in NOT_MONEY else dtype)
        for name, dtype in TABLE_COLUMNS[table_id].items()
    }
    return {**own, **ROW_TAIL, **DATASET_TAIL}


def is_dataset(folder: Path) -> bool:
    return folder.is_dir() and (folder / FILES).is_file()


# -- the per-file task -----------------------------------------------------------------------


@dataclass
class FileOutput:
    """What reading one file yields: its files.parquet row, its dataset files (table id or
    "findings" -> Parquet bytes) and the JSON manifest that rebuilds the disclosure (None when
    refused). Serialised where the file was read, so the one process that commits only
    writes bytes (20 ms a file when it wrote the frames itself; a cluster's ceiling)."""

    record: dict[str, Any]
    parquet: dict[str, bytes] = field(default_factory=dict)
    manifest: str | None = None


def failed_output(path: str, sha256: str, message: str, seconds: float = 0.0) -> FileOutput:
    record: dict[str, Any] = dict.fromkeys(FILE_SCHEMA)
    record.update(
        path=path,
        sha256=sha256,
        status="failed",
        errors=0,
        warnings=0,
        message=message,
        parser_version=PARSER_VERSION,
        seconds=seconds,
    )
    return FileOutput(record)


def read_one(path: str, sha256: str) -> FileOutput:
    """Parse and reconcile one file into its dataset rows. Never raises: a refused or
    crashing file is a ``failed`` output with its one-line message."""
    from core.parse import parse_pdf
    from core.rules.reconcile import reconcile

    start = time.perf_counter()
    try:
        disclosure = parse_pdf(path, workers=1, sha256=sha256)
        result = reconcile(disclosure)
    except BudgetInputError as exc:
        return failed_output(path, sha256, str(exc), time.perf_counter() - start)
    except Exception as exc:  # a reader's crash ends this file, not the scan
        first = str(exc).splitlines()[0] if str(exc) else ""
        message = f"{Path(path).name}: the reader failed ({type(exc).__name__}: {first})"
        return failed_output(path, sha256, message, time.perf_counter() - start)
    output = dataset_output(path, disclosure, result.findings)
    output.record["seconds"] = time.perf_counter() - start
    return output


def dataset_output(path: str, d: Disclosure, findings: pl.DataFrame) -> FileOutput:
    meta = d.meta
    province, city = detect_region(meta.department, (p.text for p in d.prose))
    errors = int((findings["severity"] == "error").sum()) if findings.height else 0
    warnings = int((findings["severity"] == "warning").sum()) if findings.height else 0
    record = {
        "path": path,
        "sha256": meta.sha256,
        "department": meta.department,
        "year": meta.year,
        "region": region_label(province, city),
        "province": province,
        "city": city,
        "unit": meta.unit,
        "pages": meta.pages,
        "status": "errors" if errors else "ok",
        "errors": errors,
        "warnings": warnings,
        "message": None,
        "parser_version": PARSER_VERSION,
        "seconds": 0.0,
        "kind": meta.kind,
    }
    frames: dict[str, pl.DataFrame] = {}
    columns: dict[str, list[str]] = {}
    extra_kinds: dict[str, dict[str, str]] = {}
    for table_id, frame in d.tables.items():
        columns[table_id] = frame.columns
        extra_kinds[table_id] = {
            c: _kind(frame.schema[c])
            for c in frame.columns
            if c not in TABLE_COLUMNS[table_id] and c not in ROW_TAIL
        }
        if frame.height:
            frames[table_id] = to_dataset_frame(table_id, frame, d)
    if findings.height:
        frames[FINDINGS] = _findings_frame(findings, d)
    manifest = manifest_of(d)
    manifest.pop("written", None)  # the same file read twice gives the same dataset
    manifest["dataset"] = {"columns": columns, "extra": extra_kinds}
    return FileOutput(
        record,
        {name: _parquet_bytes(frame) for name, frame in frames.items()},
        json.dumps(manifest, ensure_ascii=False, default=str),
    )


def _parquet_bytes(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


def _kind(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.Decimal):
        return "money"
    if dtype.is_integer():
        return "int"
    if dtype == pl.Boolean:
        return "bool"
    return "text"


def unit_factor(unit: str | None) -> int | None:
    return UNIT_FACTORS.get(unit) if unit else None


def to_dataset_frame(table_id: str, frame: pl.DataFrame, d: Disclosure) -> pl.DataFrame:
    """A parsed table in the dataset's shape: amounts in 元, extras in `extra`, the tail."""
    unit = d.unit_of(table_id)
    factor = unit_factor(unit)
    scale = factor or 1
    extras = [c for c in frame.columns if c not in TABLE_COLUMNS[table_id] and c not in ROW_TAIL]
    extra_values = (
        [
            [
                {
                    "name": name,
                    "amount": value * scale if isinstance(value, Decimal) else None,
                    "text": None if isinstance(value, Decimal) else str(value),
                }
                for name, value in row.items()
                if value is not None
            ]
            for row in frame.select(extras).iter_rows(named=True)
        ]
        if extras
        else [[] for _ in range(frame.height)]
    )
    amounts = [c for c in money_columns(table_id) if c not in NOT_MONEY]
    out = frame.select(*TABLE_COLUMNS[table_id], *ROW_TAIL).with_columns(
        *(pl.col(c).cast(AMOUNT) * scale for c in amounts),
        pl.Series("extra", extra_values, dtype=EXTRA),
        pl.lit(d.meta.sha256, pl.String()).alias("sha256"),
        pl.lit(d.meta.department, pl.String()).alias("department"),
        pl.lit(unit if factor else None, pl.String()).alias("unit_printed"),
    )
    return out.cast(dataset_schema(table_id))  # type: ignore[arg-type]


def _findings_frame(findings: pl.DataFrame, d: Disclosure) -> pl.DataFrame:
    rows = []
    for f in findings.iter_rows(named=True):
        unit = d.unit_of(f["table"]) if f["table"] in TABLE_COLUMNS else d.meta.unit
        factor = unit_factor(unit)
        row: dict[str, Any] = {k: f.get(k) for k in FINDING_SCHEMA}
        for k in ("expected", "actual", "difference", "tolerance"):
            if isinstance(row[k], Decimal):
                row[k] = row[k] * (factor or 1)
        row.update(sha256=d.meta.sha256, department=d.meta.department)
        row["unit_printed"] = unit if factor else None
        rows.append(row)
    return pl.DataFrame(rows, schema=FINDING_SCHEMA)


# -- writing ---------------------------------------------------------------------------------


def _atomic(target: Path, data: bytes) -> None:
    """Write through a temporary name in the same folder, then rename: a reader (or a crash)
    sees the whole file or none."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _partition(year: int | None) -> str:
    # the Hive name of a null partition: polars and DuckDB read `year` as null
    return f"year={year if year is not None else '__HIVE_DEFAULT_PARTITION__'}"


def row_file(dataset: Path, sha256: str) -> Path:
    return dataset / ROWS / f"{sha256}-p{PARSER_VERSION}.parquet"


def committed(dataset: Path) -> set[str]:
    """The sha256 of every file already in the dataset, read by this parser version."""
    folder = dataset / ROWS
    if not folder.is_dir():
        return set()
    suffix = f"-p{PARSER_VERSION}.parquet"
    return {n.name.removesuffix(suffix) for n in folder.iterdir() if n.name.endswith(suffix)}


def _remove_outputs(dataset: Path, sha256: str) -> None:
    """Whatever an earlier, unfinished or older reading of this file left: rewritten whole."""
    for row in (dataset / ROWS).glob(f"{sha256}-p*"):
        row.unlink(missing_ok=True)
    for table in dataset.iterdir():
        if table.is_dir() and table.name != ROWS:
            for year in table.glob("year=*"):
                (year / f"{sha256}.parquet").unlink(missing_ok=True)


def commit(dataset: Path, output: FileOutput) -> None:
    """Write one file's output into ``dataset``; its row file last, as the commit record."""
    sha256 = output.record["sha256"]
    dataset.mkdir(parents=True, exist_ok=True)
    _remove_outputs(dataset, sha256)
    partition = _partition(output.record["year"])
    for name, data in output.parquet.items():
        _atomic(dataset / name / partition / f"{sha256}.parquet", data)
    row = row_file(dataset, sha256)
    if output.manifest is not None:
        _atomic(row.with_suffix(".json"), output.manifest.encode("utf-8"))
    _atomic(row, _parquet_bytes(pl.DataFrame([output.record], schema=FILE_SCHEMA)))


def remove_leftovers(dataset: Path) -> int:
    """Temporary files of writes a crash interrupted: never read (their names do not end in
    .parquet), removed so they do not pile up."""
    n = 0
    if dataset.is_dir():
        for leftover in dataset.rglob(".*.*.*"):
            if leftover.is_file():
                leftover.unlink(missing_ok=True)
                n += 1
    return n


def rebuild_files(dataset: Path) -> pl.DataFrame:
    """files.parquet made again from the row files, and written atomically."""
    folder = dataset / ROWS
    if folder.is_dir() and any(folder.glob("*.parquet")):
        # one glob: read in parallel; an older parser's row lacks the later columns (kind)
        frame = pl.read_parquet(folder / "*.parquet", missing_columns="insert")
    else:
        frame = pl.DataFrame(schema=FILE_SCHEMA)
    # an older parser's row of a file read again since is superseded by the current one
    frame = (
        frame.with_columns((pl.col("parser_version") == PARSER_VERSION).alias("_current"))
        .sort("_current", descending=True)
        .unique("sha256", keep="first", maintain_order=True)
        .drop("_current")
        .sort("path")
    )
    _atomic(dataset / FILES, _parquet_bytes(frame))
    return frame


def find_pdfs(paths: Iterable[str | Path]) -> list[Path]:
    """Every PDF under ``paths`` (recursively, by name); a file named directly is taken
    whatever its name. A path that does not exist is bad input."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() == ".pdf" and not p.name.startswith(".")
            )
        elif path.is_file():
            found.append(path)
        else:
            raise BudgetInputError(f"{path}: no such file or folder")
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())


def path_key(path: Path) -> str:
    """The key of a file that cannot even be read (so it has no sha256): its path's hash."""
    return hashlib.sha256(f"unreadable:{path.resolve()}".encode()).hexdigest()


# -- reading a dataset back ------------------------------------------------------------------


def files(dataset: Path) -> pl.DataFrame:
    return pl.read_parquet(dataset / FILES)


def scan_table(dataset: Path, table_id: str) -> pl.LazyFrame | None:
    """Every file's rows of a table (with `year` from the partition), or None when no file
    printed it."""
    folder = dataset / table_id
    if not any(folder.glob("year=*/*.parquet")):
        return None
    return pl.scan_parquet(folder / "**" / "*.parquet", hive_partitioning=True)


# Which table carries a department's totals, and its tree: the first one it prints.
FUNCTIONAL_SOURCES = ("expenditure", "fiscal_expenditure", "gpb_expenditure")
ECONOMIC_SOURCES = ("gpb_basic_expenditure", "fiscal_basic_expenditure", "operating_costs")
TREE_COLUMNS = {
    "functional": ("total", "basic", "project"),
    "economic": ("total", "personnel", "public"),
}


def _source_rows(dataset: Path, kind: str) -> pl.DataFrame:
    """Each department's rows of its own source table for a tree (the first of the sources it
    prints with coded rows), amounts in 元; rows of an unknown unit are left out."""
    sources = FUNCTIONAL_SOURCES if kind == "functional" else ECONOMIC_SOURCES
    wanted = ["sha256", "department", "code", "name", "level", *TREE_COLUMNS[kind]]
    frames = []
    for rank, table_id in enumerate(sources):
        lazy = scan_table(dataset, table_id)
        if lazy is None:
            continue
        schema = dataset_schema(table_id)
        frames.append(
            lazy.filter(pl.col("unit_printed").is_not_null())
            .select(
                # 机关运行经费 prints a total only: its other columns are not zero, but null
                pl.col(c) if c in schema else pl.lit(None, AMOUNT).alias(c)
                for c in wanted
            )
            .with_columns(pl.lit(rank).alias("rank"), pl.lit(table_id).alias("source"))
            .collect()
        )
    if not frames:
        schema = {c: dataset_schema(sources[0]).get(c, pl.String()) for c in wanted}
        return pl.DataFrame(schema={**schema, "rank": pl.Int32(), "source": pl.String()})
    rows = pl.concat(frames, how="vertical")
    coded = rows.filter(pl.col("level") >= 1).group_by("sha256").agg(pl.col("rank").min())
    return rows.join(coded, on=["sha256", "rank"], how="semi")


def department_list(dataset: Path) -> pl.DataFrame:
    """One row per file: files.parquet with its 合计 / 基本支出 / 项目支出 in 元 (from the
    level-0 row of its functional table; null when it prints none)."""
    listing = files(dataset)
    rows = _source_rows(dataset, "functional")
    totals = (
        rows.filter(pl.col("level") == 0)
        .group_by("sha256", maintain_order=True)
        .agg(pl.col("total", "basic", "project").first())
    )
    return listing.join(totals, on="sha256", how="left")


def _sum(column: str) -> pl.Expr:
    """A sum that stays null when every figure is (a column nobody printed is not zero)."""
    return pl.when(pl.col(column).is_not_null().any()).then(pl.col(column).sum()).alias(column)


def aggregate(dataset: Path, kind: str) -> pl.DataFrame:
    """The functional (or economic) codes over all departments: per code, its most printed
    name, level, the sums in 元, the number of departments, and its share of the sum of the
    departments' totals."""
    rows = _source_rows(dataset, kind)
    columns = TREE_COLUMNS[kind]
    coded = rows.filter(pl.col("level") >= 1)
    grand = rows.filter(pl.col("level") == 0)["total"].sum()
    return (
        coded.group_by("code")
        .agg(
            pl.col("name").mode().sort().first(),
            pl.col("level").min(),
            *(_sum(c) for c in columns),
            pl.col("sha256").n_unique().alias("departments"),
        )
        .with_columns(
            (pl.col("total").cast(pl.Float64) / float(grand) if grand else pl.lit(None))
            .cast(pl.Float64)
            .alias("share")
        )
        .sort("code")
    )


def tree_root(dataset: Path, kind: str) -> tuple[Decimal | None, int]:
    """(the sum of the departments' totals in 元, how many departments) under a tree's root:
    the 合计 rows of the same tables the tree adds up."""
    rows = _source_rows(dataset, kind).filter(pl.col("level") == 0)
    summed = rows["total"].sum() if rows["total"].is_not_null().any() else None
    return (summed if isinstance(summed, Decimal) else None), rows["sha256"].n_unique()


def departments_behind(dataset: Path, kind: str, code: str) -> pl.DataFrame:
    """The departments whose tree has ``code``, with their amounts for it, largest first."""
    columns = TREE_COLUMNS[kind]
    return (
        _source_rows(dataset, kind)
        .filter(pl.col("code") == code)
        .group_by("sha256", "department", maintain_order=True)
        .agg(*(_sum(c) for c in columns))
        .sort("total", descending=True, nulls_last=True)
    )


def load_disclosure(dataset: Path, sha256: str) -> Disclosure:
    """One department's disclosure rebuilt from the dataset alone (no PDF, no parse): its
    tables back in the unit it printed, the rest from its manifest."""
    manifest_path = row_file(dataset, sha256).with_suffix(".json")
    try:
        manifest = json.loads(manifest_path.read_text("utf-8"))
    except OSError as exc:
        raise BudgetInputError(f"{sha256[:12]}: not in this dataset (no manifest)") from exc
    partition = _partition(manifest["meta"]["year"])
    layout = manifest["dataset"]
    tables: dict[str, pl.DataFrame] = {}
    for table_id in manifest["tables"]:
        path = dataset / table_id / partition / f"{sha256}.parquet"
        kinds: dict[str, str] = layout["extra"].get(table_id, {})
        frame = pl.read_parquet(path) if path.is_file() else None
        tables[table_id] = _from_dataset_frame(
            table_id, frame, layout["columns"][table_id], kinds, manifest
        )
    return from_manifest(manifest, tables)


_KIND_DTYPES: dict[str, pl.DataType] = {
    "money": MONEY,
    "int": pl.Int64(),
    "bool": pl.Boolean(),
    "text": pl.String(),
}


def _from_dataset_frame(
    table_id: str,
    frame: pl.DataFrame | None,
    columns: list[str],
    kinds: dict[str, str],
    manifest: dict[str, Any],
) -> pl.DataFrame:
    schema = {**TABLE_COLUMNS[table_id], **ROW_TAIL}
    schema.update({name: _KIND_DTYPES[kind] for name, kind in kinds.items()})
    if frame is None or frame.height == 0:
        return pl.DataFrame(schema={c: schema[c] for c in columns})
    unit = manifest["meta"]["table_units"].get(table_id, manifest["meta"]["unit"])
    scale = unit_factor(unit) or 1
    amounts = [c for c in money_columns(table_id) if c not in NOT_MONEY]
    extras: dict[str, list[Any]] = {name: [] for name in kinds}
    for cells in frame["extra"].to_list():
        by_name = {cell["name"]: cell for cell in cells}
        for name, kind in kinds.items():
            cell = by_name.get(name)
            if cell is None:
                extras[name].append(None)
            elif kind == "money":
                extras[name].append(cell["amount"] / scale)
            elif kind == "int":
                extras[name].append(int(cell["text"]))
            elif kind == "bool":
                extras[name].append(cell["text"] == "True")
            else:
                extras[name].append(cell["text"])
    rebuilt = frame.with_columns(
        *(pl.col(c) / scale for c in amounts),
        *(
            pl.Series(name, values, dtype=_KIND_DTYPES[kinds[name]])
            for name, values in extras.items()
        ),
    )
    return rebuilt.select(columns).cast({c: schema[c] for c in columns})  # type: ignore[arg-type]
