"""The "三公" table: 合计, "三公" 小计 and its kinds, with 会议费 and 培训费."""

from __future__ import annotations

from typing import Any

import polars as pl

from .cells import clean_text, digits
from .columns import RowValues, cell, map_columns, to_frame
from .model import FUND_BUDGETS
from .recognition import Part

RULES = [
    ("序号", "seq"),
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本", "state_capital"),
    ("合计", "total"),
    ("项目", "item"),
]


def parse_three_public(part: Part) -> pl.DataFrame:
    mapped, _ = map_columns(part.labels, RULES)
    records: list[dict[str, Any]] = []
    for page, row in part.body:
        item = clean_text(cell(row, mapped.get("item")))
        if not item:
            continue
        seq_text = digits(cell(row, mapped.get("seq")))
        values = RowValues()
        for name in ("total", *FUND_BUDGETS):
            values.amount(name, cell(row, mapped.get(name)))
        records.append(values.record(page, seq=int(seq_text) if seq_text else None, item=item))
    return to_frame("three_public", records)
