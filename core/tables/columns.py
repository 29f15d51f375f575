"""Mapping header labels to the model's column names, and rows to typed frames."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import polars as pl

from core.model import MONEY, ROW_TAIL, table_schema
from core.tables.cells import Amount, fits, parse_amount

Rules = Sequence[tuple[str, str]]


def map_columns(labels: list[str], rules: Rules) -> tuple[dict[str, int], dict[str, int]]:
    """Assign each column to the first field whose keyword its label contains.

    Returns the mapped fields and the extra columns (kept under their own label, never dropped).
    """
    mapped: dict[str, int] = {}
    extra: dict[str, int] = {}
    for index, label in enumerate(labels):
        for keyword, name in rules:
            if keyword in label and name not in mapped:
                mapped[name] = index
                break
        else:
            if label and "序号" not in label:
                extra[label] = index
    return mapped, extra


def _header_texts(label: str, labels: list[str]) -> list[str]:
    """What a column's header path says of it, most specific first. A 小计 or 合计 leaf is its
    group's total (上年结转/小计 is 上年结转); a group header names a column only when it
    heads no other (基本支出 over 人员经费 and 公用经费 is no column of its own)."""
    parts = label.split("/")
    leaf, parent = parts[-1], "/".join(parts[:-1])
    if parent and leaf in ("小计", "合计"):
        return [parent, leaf]
    texts = [leaf]
    if parent and sum(1 for other in labels if other.startswith(parent + "/")) == 1:
        texts.append(parent)
    return texts


def map_header_columns(labels: list[str], rules: Rules) -> tuple[dict[str, int], dict[str, int]]:
    """As :func:`map_columns`, reading a header of several rows level by level."""
    mapped: dict[str, int] = {}
    extra: dict[str, int] = {}
    for index, label in enumerate(labels):
        name = next(
            (
                n
                for text in _header_texts(label, labels)
                for keyword, n in rules
                if keyword in text and n not in mapped
            ),
            None,
        )
        if name is not None:
            mapped[name] = index
        elif label and "序号" not in label:
            extra[label] = index
    return mapped, extra


def cell(row: list[str | None], index: int | None) -> str | None:
    if index is None or index >= len(row):
        return None
    return row[index]


class RowValues:
    """Collects the amounts of one row and which of them were classified."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.classified: list[str] = []

    def amount(self, name: str, raw: str | None) -> Amount:
        parsed = parse_amount(raw)
        self.values[name] = parsed.value
        if parsed.classified:
            self.classified.append(name)
        return parsed

    def values_present(self) -> bool:
        return bool(self.classified) or any(v is not None for v in self.values.values())

    def record(self, page: int, **fields: Any) -> dict[str, Any]:
        return {
            **fields,
            **self.values,
            "page": page,
            "redacted": bool(self.classified),
            "classified": list(self.classified),
        }


def to_frame(
    table_id: str,
    records: list[dict[str, Any]],
    extras: Sequence[str] | dict[str, pl.DataType] = (),
) -> pl.DataFrame:
    """Rows in the model's column order; extra columns (amounts unless typed) go before
    the row tail."""
    schema = table_schema(table_id)
    own = {k: v for k, v in schema.items() if k not in ROW_TAIL}
    typed = extras if isinstance(extras, dict) else dict.fromkeys(extras, MONEY)
    schema = {**own, **typed, **ROW_TAIL}
    columns = {name: [r.get(name) for r in records] for name in schema}
    for name, dtype in schema.items():  # what no column can hold is not read, never a crash
        if isinstance(dtype, pl.Decimal) or dtype == pl.Int64:
            columns[name] = [_held(v) for v in columns[name]]
    return pl.DataFrame(columns, schema=schema)


_INT64 = 2**63


def _held(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value if fits(value) else None
    if isinstance(value, int) and not isinstance(value, bool):
        return value if -_INT64 <= value < _INT64 else None
    return value
