"""收入预算总表 by source (Jiangsu): 收入总计, each source's 小计, and its detail lines.

收入总计                      24,458.43     level 0
一般公共预算资金 | 小计        24,458.43     level 1, item = the source
               | 公共财政拨款  24,458.43     level 2, group = the source
"""

from __future__ import annotations

from typing import Any

import polars as pl

from core.tables.cells import clean_text, looks_like_amount
from core.tables.columns import RowValues, to_frame
from core.tables.recognition import Part


def parse_income_sources(part: Part) -> pl.DataFrame:
    records: list[dict[str, Any]] = []
    group: str | None = None
    for page, row in part.body:
        texts = [clean_text(c) for c in row]
        amount_at = max((i for i, c in enumerate(row) if looks_like_amount(c)), default=None)
        value_index = amount_at if amount_at is not None else len(row) - 1
        labels = [t for t in texts[:value_index] if t]
        if not labels:
            continue
        values = RowValues()
        values.amount("amount", row[value_index])
        first = clean_text(row[0]) if row else ""
        if "总计" in labels[0] or "合计" in labels[0]:
            records.append(values.record(page, group=None, item=labels[0], level=0))
        elif first and (len(labels) == 1 or "小计" in labels[-1]):
            group = first
            records.append(values.record(page, group=None, item=first, level=1))
        else:
            records.append(values.record(page, group=group, item=labels[-1], level=2))
    return to_frame("income_sources", records)
