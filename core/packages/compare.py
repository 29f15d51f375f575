"""One department over several years, or several departments of one year, side by side.

Each tree the app shows (功能分类, 经济分类, “三公”, 收支总表, 项目, 政府采购) becomes one
frame: a row per code (or item, project, procurement line), one column per package, then —
over years — Δ and Δ% of the latest year against the one before. Codes are matched by code,
so a code renamed between years is one row and the rename is shown; a code that appears or
disappears is marked. Amounts stay exact Decimals; Δ% is rounded half-up to two decimals
(``PERCENT_PLACES``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import polars as pl

from core.model import MONEY, Disclosure
from core.packages.grouping import Opened, department_key

PERCENT_PLACES = 2
_PERCENT_QUANTUM = Decimal(1).scaleb(-PERCENT_PLACES)


@dataclass(frozen=True)
class Family:
    """A tree: where its rows come from (the first table of these that prints them), its key
    and the amount columns compared."""

    id: str
    zh: str
    tables: tuple[str, ...]
    key: str  # "code", "item", "project" or "procurement" (how _keyed_rows keys a row)
    measures: tuple[str, ...]
    # rows printed twice under one key: the first kept, or (procurement lines of one
    # catalogue code bought for two purposes) added up
    sums_repeats: bool = False


FAMILIES = (
    Family(
        "functional",
        "功能分类",
        ("expenditure", "fiscal_expenditure", "gpb_expenditure"),
        "code",
        ("total", "basic", "project"),
    ),
    Family(
        "economic",
        "经济分类",
        ("gpb_basic_expenditure", "fiscal_basic_expenditure", "operating_costs"),
        "code",
        ("total", "personnel", "public"),
    ),
    Family("three_public", "“三公”经费", ("three_public",), "item", ("total",)),
    Family("summary", "收支总表", ("summary",), "item", ("amount",)),
    Family(
        "projects", "项目预算", ("projects",), "project", ("budget", "fiscal_funds", "other_funds")
    ),
    Family(
        "procurement", "政府采购", ("procurement",), "procurement", ("amount",), sums_repeats=True
    ),
)
FAMILY_BY_ID = {f.id: f for f in FAMILIES}
# marks of a row across the packages
ADDED, REMOVED, RENAMED, SAME = "added", "removed", "renamed", ""


@dataclass(frozen=True)
class Period:
    """One package in the comparison: its column label and where it comes from."""

    label: str  # "2018" over years, the department's name side by side
    department: str | None
    year: int | None
    source: str


@dataclass
class Comparison:
    kind: str  # "years", "departments" or "mixed" (core.packages.grouping.Opened.kind)
    periods: list[Period]
    # family id -> frame: key, name, level, measure, one column per period label, the
    # name each period prints (name@label), source table and page per period, then
    # delta, delta_pct, change, and whether a period's figure is ** (hidden@label)
    frames: dict[str, pl.DataFrame]

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.periods]

    @property
    def has_delta(self) -> bool:
        return self.kind in ("years", "actuals") and len(self.periods) >= 2

    @property
    def has_rate(self) -> bool:
        """Budget against actual: 执行率 (决算 ÷ 预算) beside Δ."""
        return self.kind == "actuals"


def periods_of(opened: Opened) -> list[Period]:
    out: list[Period] = []
    for d in opened.packages:
        m = d.meta
        if opened.kind == "years":
            label = str(m.year)
        elif opened.kind == "actuals":
            label = f"{m.year} {'决算' if m.kind == 'final' else '预算'}"
        elif opened.kind == "departments":
            label = m.department or m.source
        else:
            label = f"{m.department or m.source} {m.year or ''}".strip()
        out.append(Period(label, m.department, m.year, m.source))
    seen: dict[str, int] = {}
    for i, p in enumerate(out):  # two packages under one label: number them
        n = seen[p.label] = seen.get(p.label, 0) + 1
        if n > 1:
            out[i] = Period(f"{p.label} ({n})", p.department, p.year, p.source)
    return out


def _source_table(family: Family, packages: list[Disclosure]) -> list[str | None]:
    """The table each package's rows come from: the first of the family's tables that every
    package prints, else each package's first."""

    def prints(d: Disclosure, table: str) -> bool:
        frame = d.table(table)
        if family.key == "code":
            frame = frame.filter(pl.col("level") >= 1)
        return frame.height > 0

    common = next((t for t in family.tables if all(prints(d, t) for d in packages)), None)
    return [common or next((t for t in family.tables if prints(d, t)), None) for d in packages]


_NUMBERING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*)+")
_ITEM_NOISE = re.compile(r"[\s“”\"‘’、，,：:（）()]+")


def _item_key(side: str | None, item: str) -> str:
    """An item's name without its numbering (一、 / 1. / （二）), 其中 and punctuation, and its
    side: “1.一般公共预算” of one year is “一般公共预算” of the next."""
    key = _ITEM_NOISE.sub("", _NUMBERING.sub("", item).replace("其中", ""))
    return f"{side}:{key}" if side else key


# what one unit of each is in 元: packages printed in different units meet in the finest
# (multiplying keeps every figure exact; dividing 元 into 万元 would not)
_IN_YUAN = {"元": 1, "千元": 1000, "万元": 10000}


def common_unit(units: list[str | None]) -> str:
    known = [u for u in units if u in _IN_YUAN]
    return min(known, key=lambda u: _IN_YUAN[u]) if known else "万元"


def _part(text: str | None) -> str:
    """A piece of a path key: an item's key without the separator."""
    return _item_key(None, text or "").replace("/", "／")


def _procurement_keys(rows: list[dict[str, Any]]) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
    """(key, name, level, row) of each procurement row. 合计 is 合计; a unit's 小计 or a
    category (Jiangsu) is its name, a unit under a category category/unit; a line is its
    group/catalogue code (its item where no code is printed, its source project's, with **,
    where the line is classified); a code row (Shandong, by functional code) is its code."""
    group = ""
    for r in rows:
        kind = r.get("row_kind")
        if kind == "total":
            yield "合计", "合计", 0, r
        elif kind == "code":
            yield r.get("code") or "", r.get("item") or "", r.get("level") or 0, r
        elif kind in ("subtotal", "category"):
            name = r.get("unit") or r.get("category") or ""
            above = r.get("category") if kind == "subtotal" and r.get("unit") else None
            group = "/".join(_part(p) for p in (above, name) if p)
            yield group, name, 0, r
        elif kind == "project":  # Jiangsu: a project's economic item, its lines below
            name = " · ".join(p for p in (r.get("source_project"), r.get("economic_item")) if p)
            yield f"{group}/{_part(name)}".lstrip("/"), name, 1, r
        else:
            item = r.get("item")
            if item or r.get("catalog_code"):
                what, name = r.get("catalog_code") or _part(item), item or r["catalog_code"]
            else:  # no item: its source project's line (** where the line is classified)
                mark = "**" if r.get("redacted") else None
                name = " ".join(p for p in (r.get("source_project"), mark) if p)
                what = _part(name)
            yield f"{group}/{what}".lstrip("/"), name, 1, r


def _keyed_rows(
    family: Family, d: Disclosure, table: str
) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
    """(key, name, level, row) of each row of ``table`` the family compares."""
    rows = d.table(table).to_dicts()
    if family.key == "procurement":
        yield from _procurement_keys(rows)
        return
    for r in rows:
        if family.key == "code":
            yield r.get("code") or "", r.get("name") or "合计", r.get("level") or 0, r
        elif family.key == "project":  # by its code where printed: names change more
            name = r.get("name") or r.get("project_code") or ""
            if name:
                yield r.get("project_code") or _part(name), name, 0, r
        else:
            item = r.get("item") or ""
            if not item or r.get("unit"):  # a unit's own rows of a 三公 table: not the total
                continue
            level = 1 if item.lstrip().startswith("其中") else 0
            yield _item_key(r.get("side"), item), item, level, r


def _sum(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None and b is None else (a or Decimal(0)) + (b or Decimal(0))


def _rows(family: Family, d: Disclosure, table: str | None, unit: str) -> list[dict[str, Any]]:
    """One record per row and measure of one package: key, name, level, page, measure,
    value (in ``unit``) and whether it is classified (``**``: not a number, not zero)."""
    if table is None:
        return []
    by_key: dict[str, list[dict[str, Any]]] = {}
    printed = d.unit_of(table)
    scale = Decimal(_IN_YUAN[printed] // _IN_YUAN[unit]) if printed in _IN_YUAN else Decimal(1)
    for key, name, level, r in _keyed_rows(family, d, table):
        classified = set(r.get("classified") or [])
        printed_values: list[Decimal | None] = [r.get(m) for m in family.measures]
        figures = [
            (m, value * scale if value is not None else None, m in classified)
            for m, value in zip(family.measures, printed_values, strict=True)
        ]
        if key in by_key:
            if family.sums_repeats:
                for record, (_m, value, hidden) in zip(by_key[key], figures, strict=True):
                    record["value"] = _sum(record["value"], value)
                    record["hidden"] = record["hidden"] or hidden
            continue
        by_key[key] = [
            {
                "key": key,
                "name": name,
                "level": level,
                "page": r["page"],
                "measure": m,
                "value": value,
                "hidden": hidden,
            }
            for m, value, hidden in figures
        ]
    return [record for records in by_key.values() for record in records]


def _same_name(a: str | None, b: str | None) -> bool:
    def norm(s: str | None) -> str:
        return re.sub(r"[\s（）()]", "", (s or "").replace("（", "(").replace("）", ")"))

    return norm(a) == norm(b)


def _delta_pct(before: Decimal | None, delta: Decimal | None) -> Decimal | None:
    if before is None or delta is None or before == 0:
        return None
    return (delta / before * 100).quantize(_PERCENT_QUANTUM, rounding=ROUND_HALF_UP)


def _rate(budget: Decimal | None, delta: Decimal | None) -> Decimal | None:
    """执行率: the actual as a percentage of the budget (决算 ÷ 预算 × 100), half-up."""
    if budget is None or delta is None or budget == 0:
        return None
    return ((budget + delta) / budget * 100).quantize(_PERCENT_QUANTUM, rounding=ROUND_HALF_UP)


def compare_family(
    family: Family,
    packages: list[Disclosure],
    periods: list[Period],
    with_delta: bool,
    with_rate: bool = False,
) -> pl.DataFrame:
    tables = _source_table(family, packages)
    unit = common_unit([d.unit_of(t) for d, t in zip(packages, tables, strict=True) if t])
    schema: dict[str, Any] = {
        "key": pl.String,
        "name": pl.String,
        "level": pl.Int64,
        "page": pl.Int64,
        "measure": pl.String,
        "value": MONEY,
        "hidden": pl.Boolean,
        "period": pl.String,
        "_order": pl.Int64,
    }
    records = [
        {**r, "period": period.label, "_order": i}
        for i, (d, table, period) in enumerate(zip(packages, tables, periods, strict=True))
        for r in _rows(family, d, table, unit)
    ]
    if not records:
        return pl.DataFrame()
    long = pl.DataFrame(records, schema=schema)
    labels = [p.label for p in periods]
    values = long.pivot(on="period", index=["key", "measure"], values="value")
    hidden = long.pivot(on="period", index=["key", "measure"], values="hidden")
    first = long.filter(pl.col("measure") == family.measures[0])
    names = first.pivot(on="period", index="key", values="name")
    pages = first.pivot(on="period", index="key", values="page")
    meta = (
        long.sort("_order", descending=True, maintain_order=True)
        .group_by("key", maintain_order=True)
        .agg(pl.col("name").first(), pl.col("level").first(), pl.col("_order").min())
    )

    def renamed_cols(frame: pl.DataFrame, prefix: str) -> pl.DataFrame:
        return frame.rename({lab: f"{prefix}@{lab}" for lab in labels if lab in frame.columns})

    frame = (
        meta.join(values, on="key", how="left")
        .join(renamed_cols(hidden, "hidden"), on=["key", "measure"], how="left")
        .join(renamed_cols(names, "name"), on="key", how="left")
        .join(renamed_cols(pages, "page"), on="key", how="left")
    )
    for lab in labels:  # a package that prints no such table still gets its columns
        for col, dtype in (
            (lab, MONEY),
            (f"name@{lab}", pl.String),
            (f"page@{lab}", pl.Int64),
            (f"hidden@{lab}", pl.Boolean),
        ):
            if col not in frame.columns:
                frame = frame.with_columns(pl.lit(None, dtype).alias(col))
    present = [pl.col(f"name@{lab}").is_not_null() for lab in labels]
    if with_delta and len(labels) >= 2:
        before, after = labels[-2], labels[-1]
        # a code absent or a cell left blank is nothing spent; a ** leaves Δ unknown, and so
        # does a column neither year prints
        unknown = pl.col(f"hidden@{before}").fill_null(False) | pl.col(f"hidden@{after}").fill_null(
            False
        )
        frame = frame.with_columns(
            pl.when(unknown | (pl.col(after).is_null() & pl.col(before).is_null()))
            .then(None)
            .otherwise(pl.col(after).fill_null(0) - pl.col(before).fill_null(0))
            .cast(MONEY)
            .alias("delta")
        )
        frame = frame.with_columns(
            pl.struct(before, "delta")
            .map_elements(
                lambda s: _delta_pct(s[before], s["delta"]),
                return_dtype=pl.Decimal(20, PERCENT_PLACES),
            )
            .alias("delta_pct")
        )
        if with_rate:
            frame = frame.with_columns(
                pl.struct(before, "delta")
                .map_elements(
                    lambda s: _rate(s[before], s["delta"]),
                    return_dtype=pl.Decimal(20, PERCENT_PLACES),
                )
                .alias("rate")
            )
    change = (
        pl.when(present[-1] & ~pl.any_horizontal(present[:-1]))
        .then(pl.lit(ADDED))
        .when(~present[-1])
        .then(pl.lit(REMOVED))
        .otherwise(pl.lit(SAME))
    )
    frame = frame.with_columns(change.alias("change"))
    renamed = [
        key
        for key, *names_ in frame.select("key", *[f"name@{lab}" for lab in labels]).iter_rows()
        if len({n for n in names_ if n is not None}) > 1
        and not all(_same_name(n, names_[-1]) for n in names_ if n is not None)
    ]
    frame = frame.with_columns(
        pl.when(pl.col("key").is_in(renamed) & (pl.col("change") == SAME))
        .then(pl.lit(RENAMED))
        .otherwise(pl.col("change"))
        .alias("change"),
        pl.lit(family.id).alias("family"),
        pl.lit(unit).alias("unit"),
    )
    measure_order = {m: i for i, m in enumerate(family.measures)}
    frame = frame.with_columns(
        pl.col("measure").replace_strict(measure_order, return_dtype=pl.Int64).alias("_m")
    )
    frame = (
        frame.sort("key", "_m")
        if family.key == "code"
        else frame.sort("_order", "_m", maintain_order=True)
    )
    head = ["family", "key", "name", "level", "measure", "unit", *labels]
    tail = ["delta", "delta_pct"] if "delta" in frame.columns else []
    tail += ["rate"] if "rate" in frame.columns else []
    per_period = [f"{col}@{lab}" for col in ("name", "page", "hidden") for lab in labels]
    return frame.select(*head, *tail, "change", *per_period)


def compare(opened: Opened) -> Comparison:
    """Every family of the packages side by side (over years, with Δ and Δ%)."""
    periods = periods_of(opened)
    with_delta = opened.kind in ("years", "actuals")
    frames = {}
    for family in FAMILIES:
        frame = compare_family(
            family, opened.packages, periods, with_delta, opened.kind == "actuals"
        )
        if frame.height:
            frames[family.id] = frame
    return Comparison(opened.kind, periods, frames)


def renames(frame: pl.DataFrame, labels: list[str]) -> dict[str, list[str]]:
    """key -> the names a renamed code was printed under, oldest first."""
    out: dict[str, list[str]] = {}
    for row in frame.filter(pl.col("change") == RENAMED).iter_rows(named=True):
        names = [row[f"name@{lab}"] for lab in labels if row[f"name@{lab}"] is not None]
        out[row["key"]] = list(dict.fromkeys(names))
    return out


def series(frame: pl.DataFrame, key: str, labels: list[str]) -> dict[str, list[Decimal | None]]:
    """measure -> the code's value in each period."""
    rows = frame.filter(pl.col("key") == key)
    return {r["measure"]: [r[lab] for lab in labels] for r in rows.iter_rows(named=True)}


def long_frame(comparison: Comparison) -> pl.DataFrame:
    """Every family in one frame, for export: the period columns as they are named."""
    frames = list(comparison.frames.values())
    return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()


__all__ = ["FAMILIES", "Comparison", "compare", "department_key", "renames", "series"]


# -- the claims across years, and writing a comparison out -----------------------------------


def year_over_year_findings(opened: Opened) -> pl.DataFrame:
    """The later years' 比上年 claims against the earlier years' documents, as identities
    (the reconciliation's schema); each figure names its file and page. Budget against
    actual: the final accounts' 预算数 against the budget package's own figures."""
    from core.rules.arithmetic import PRECISION
    from core.rules.claims import year_over_year
    from core.rules.reconcile import RESULT_SCHEMA, _record

    records: list[dict[str, Any]] = []
    if opened.kind == "actuals":
        from core.rules.claims import budget_basis

        budget, final = opened.packages
        token = PRECISION.set({**budget.precision, **final.precision})
        try:
            records += [_record(r) for r in budget_basis(budget, final)]
        finally:
            PRECISION.reset(token)
    if opened.kind == "years":
        for earlier, later in itertools.pairwise(opened.packages):
            token = PRECISION.set({**earlier.precision, **later.precision})
            try:
                records += [_record(r) for r in year_over_year(later, earlier)]
            finally:
                PRECISION.reset(token)
    return pl.DataFrame(records, schema=RESULT_SCHEMA)


def export_comparison(comparison: Comparison, findings: pl.DataFrame, fmt: str, out: Path) -> Path:
    """Write a comparison: JSON (one file), XLSX (a sheet per tree), CSV or Parquet (a folder:
    one file per tree, periods.*, findings.*). Written beside the target and renamed into
    place, like core.export."""
    from core.export import _atomic_file, json_value, write_frames

    periods = pl.DataFrame(
        [
            {"label": p.label, "department": p.department, "year": p.year, "source": p.source}
            for p in comparison.periods
        ],
        schema={"label": pl.String, "department": pl.String, "year": pl.Int64, "source": pl.String},
    )
    frames = {
        "periods": periods,
        **comparison.frames,
        "findings": findings.drop(
            [c for c in findings.columns if isinstance(findings.schema[c], pl.Object)]
        ),
    }
    if fmt == "json":
        body = {
            "kind": comparison.kind,
            "percent_places": PERCENT_PLACES,
            "periods": periods.to_dicts(),
            "trees": {k: f.to_dicts() for k, f in comparison.frames.items()},
            "findings": findings.to_dicts(),
        }
        text = json_value(body) + "\n"
        _atomic_file(out, lambda p: p.write_text(text, encoding="utf-8"))
    elif fmt in ("xlsx", "csv", "parquet"):
        write_frames(frames, fmt, out)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return out
