"""部门政府采购预算: 合计, a 小计 per budget unit, and the lines under it."""

from __future__ import annotations

from typing import Any

import polars as pl

from .cells import clean_text, is_classified
from .columns import RowValues, cell, map_columns, to_frame
from .model import money_columns
from .recognition import Part

RULES = [
    ("物品名称", "item"),
    ("品目", "item"),
    ("目录", "catalog_code"),
    ("计量单位", "measure_unit"),
    ("数量", "quantity"),
    ("单价", "unit_price"),
    ("中小", "sme_reserved"),
    ("一般公共预算", "general_public_budget"),
    ("基金", "government_fund"),
    ("国有资本", "state_capital"),
    ("财政专户", "special_account"),
    ("单位资金", "unit_funds"),
    ("上年结转", "carryover"),
    ("项目名称", "source_project"),
    ("预算资金", "source_budget"),
    ("合计", "amount"),
    ("金额", "amount"),
]
AMOUNTS = tuple(money_columns("procurement"))
TEXTS = ("source_project", "item", "catalog_code", "measure_unit")


def parse_procurement(part: Part) -> pl.DataFrame:
    mapped, _ = map_columns(part.labels, RULES)
    records: list[dict[str, Any]] = []
    unit: str | None = None
    for page, row in part.body:
        first = clean_text(next((c for c in row if c), "")).replace(" ", "")
        if not first:
            continue
        values = RowValues()
        if first.endswith("合计") or first in {"合计", "总计"}:
            kind = "total"
        elif "小计" in first:
            kind = "subtotal"
            unit = first.replace("小计", "") or unit
        else:
            kind = "line"
        texts: dict[str, str | None] = {name: None for name in TEXTS}
        if kind == "line":
            for name in TEXTS:
                raw = clean_text(cell(row, mapped.get(name)))
                if is_classified(raw):
                    values.classified.append(name)
                    texts[name] = None
                else:
                    texts[name] = raw or None
            if texts["catalog_code"]:
                texts["catalog_code"] = texts["catalog_code"].replace(" ", "")
        for name in AMOUNTS:
            if kind != "line" and name in ("source_budget", "quantity", "unit_price"):
                continue
            values.amount(name, cell(row, mapped.get(name)))
        records.append(
            values.record(page, row_kind=kind, unit=unit if kind != "total" else None, **texts)
        )
    return to_frame("procurement", records)
