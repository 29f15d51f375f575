"""Tables by functional code (收入总表, 支出总表, 一般公共预算 / 基金 / 国资 支出表) and the
basic-expenditure table by economic code: one row per code, its level from the code."""

from __future__ import annotations

from typing import Any

import polars as pl

from .cells import clean_text, digits
from .columns import RowValues, cell, map_columns, to_frame
from .recognition import Part

_HEAD = [("序号", "seq"), ("编码", "code"), ("代码", "code"), ("名称", "name")]
VALUE_RULES: dict[str, list[tuple[str, str]]] = {
    "income": [
        ("小计", "current_year"),
        ("合计", "total"),
        ("财政拨款", "fiscal_appropriation"),
        ("一般公共预算", "fiscal_appropriation"),
        ("财政专户", "special_account"),
        ("事业收入", "business"),
        ("经营收入", "operating"),
        ("上级补助", "superior_subsidy"),
        ("附属单位", "affiliate_remittance"),
        ("其他收入", "other"),
        ("上年结转", "carryover"),
        ("结转", "carryover"),
    ],
    "expenditure": [
        ("合计", "total"),
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("经营支出", "operating"),
        ("上解上级", "remit_to_superior"),
        ("附属单位", "subsidy_to_affiliates"),
    ],
    "gpb_expenditure": [("合计", "total"), ("基本支出", "basic"), ("项目支出", "project")],
    "gpb_basic_expenditure": [("人员经费", "personnel"), ("公用经费", "public"), ("合计", "total")],
}
VALUE_RULES["gov_fund_expenditure"] = VALUE_RULES["gpb_expenditure"]
VALUE_RULES["state_capital_expenditure"] = VALUE_RULES["gpb_expenditure"]


def code_level(code: str | None, economic: bool = False) -> int | None:
    """合计 is 0; functional 类/款/项 have 3/5/7 digits, economic 类/款 3/5."""
    if not code:
        return 0
    lengths = {3: 1, 5: 2} if economic else {3: 1, 5: 2, 7: 3}
    return lengths.get(len(code))


def parse_functional(part: Part, table_id: str) -> pl.DataFrame:
    rules = _HEAD + VALUE_RULES[table_id]
    mapped, _extra = map_columns(part.labels, rules)
    value_fields = [name for _, name in VALUE_RULES[table_id] if name in mapped]
    economic = table_id == "gpb_basic_expenditure"
    records: list[dict[str, Any]] = []
    for page, row in part.body:
        code_cell = cell(row, mapped.get("code"))
        name_cell = cell(row, mapped.get("name"))
        code = digits(code_cell)
        name = clean_text(name_cell)
        label = clean_text(code_cell) if not code else ""
        if not code and not name and label:
            name = label  # 合计 spans the code and name columns
        if not code and not name:
            continue
        if not code and "合计" not in name.replace(" ", ""):
            continue  # a stray text row, not a code line
        values = RowValues()
        for field in value_fields:
            values.amount(field, cell(row, mapped[field]))
        records.append(
            values.record(
                page,
                code=code or None,
                name=name.replace(" ", "") if not code else name,
                level=code_level(code, economic),
            )
        )
    return to_frame(table_id, records)
