"""收支总表 and 财政拨款收支总表: income lines beside expenditure lines on one row."""

from __future__ import annotations

from typing import Any

import polars as pl

from .cells import clean_text, digits
from .columns import RowValues, cell, to_frame
from .model import FUND_BUDGETS
from .recognition import Part

_AMOUNT_FIELDS = [
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本", "state_capital"),
    ("合计", "total"),
    ("预算数", "total"),
    ("金额", "total"),
    ("小计", "total"),
]


def _side_columns(labels: list[str]) -> dict[str, dict[str, int]]:
    sides: dict[str, dict[str, int]] = {"income": {}, "expenditure": {}}
    side = "income"
    for index, label in enumerate(labels):
        head = label.split("/")[0]
        if "收入" in head or head == "收":
            side = "income"
        elif "支出" in head:
            side = "expenditure"
        elif "序号" in label:
            continue
        leaf = label.split("/")[-1]
        if "项目" in leaf or leaf in {"收入", "支出"}:
            sides[side].setdefault("item", index)
            continue
        for keyword, name in _AMOUNT_FIELDS:
            if keyword in leaf:
                sides[side].setdefault(name, index)
                break
    return sides


def parse_side_by_side(part: Part, table_id: str) -> pl.DataFrame:
    sides = _side_columns(part.labels)
    seq_index = next((i for i, lab in enumerate(part.labels) if "序号" in lab), None)
    records: list[dict[str, Any]] = []
    for page, row in part.body:
        seq_text = digits(cell(row, seq_index))
        seq = int(seq_text) if seq_text else None
        for side, columns in sides.items():
            item = clean_text(cell(row, columns.get("item"))).replace(" ", "")
            if not item:
                continue
            values = RowValues()
            if table_id == "summary":
                values.amount("amount", cell(row, columns.get("total")))
            else:
                for name in ("total", *FUND_BUDGETS):
                    values.amount(name, cell(row, columns.get(name)))
            records.append(values.record(page, side=side, seq=seq, item=item))
    records.sort(key=lambda r: (r["side"] != "income", r["seq"] or 0))
    return to_frame(table_id, records)
