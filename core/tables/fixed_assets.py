"""部门固定资产占用情况表: 资产总额, its kinds, and 其中 lines as children of their kind."""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from core.tables.cells import clean_text
from core.tables.columns import RowValues, cell, map_columns, to_frame
from core.tables.recognition import Part

RULES = [("项目", "item"), ("数量", "quantity"), ("价值", "value"), ("金额", "value")]
_ORDINAL = re.compile(r"^(?:\d+[、.]|[一二三四五六七八九十]+、)")
_UNIT = re.compile(r"[（(]([^（）()]*)[）)]$")


def parse_fixed_assets(part: Part) -> pl.DataFrame:
    mapped, _ = map_columns(part.labels, RULES)
    records: list[dict[str, Any]] = []
    parent: str | None = None
    for page, row in part.body:
        label = clean_text(cell(row, mapped.get("item", 0)))
        if not label:
            continue
        child = label.startswith("其中")
        label = re.sub(r"^其中[：:]", "", label)
        label = _ORDINAL.sub("", label).strip()
        unit_match = _UNIT.search(label)
        unit = unit_match.group(1) if unit_match else None
        item = _UNIT.sub("", label).strip()
        values = RowValues()
        values.amount("quantity", cell(row, mapped.get("quantity")))
        values.amount("value", cell(row, mapped.get("value")))
        record = values.record(
            page, item=item, parent=parent if child else None, quantity_unit=unit
        )
        records.append(record)
        if not child and "总额" not in item and "合计" not in item:
            parent = item
    return to_frame("fixed_assets", records)
