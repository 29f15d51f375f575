"""部门政府采购预算: 合计, a 小计 per budget unit, and the lines under it."""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from core.model import MONEY, TEXT, money_columns
from core.tables.cells import clean_label, clean_text, is_classified, looks_like_amount
from core.tables.columns import RowValues, cell, map_columns, map_header_columns, to_frame
from core.tables.functional import code_level, joined_code, split_code_columns
from core.tables.recognition import Part

RULES = [
    ("物品名称", "item"),
    ("品目", "item"),
    ("采购类别", "item"),  # Beijing's 政府采购预算明细表: one line per category (A-货物)
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


# Jiangsu's 政府采购预算表: 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 | 总计,
# a tree of 合计 → category (一、货物A) → project line (专项 + 经济科目) → goods lines.
BY_PROJECT_RULES = [
    ("品目大类", "category"),
    ("专项名称", "source_project"),
    ("经济科目", "economic_item"),
    ("物品名称", "item"),
    ("品目名称", "item"),
    ("组织形式", "method"),
    # 资金来源 split by source (Wuxi, Suzhou), beside the 总计
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本", "state_capital"),
    ("财政专户", "special_account"),
    ("其他资金", "unit_funds"),
    ("单位资金", "unit_funds"),
    ("结转", "carryover"),
    ("总计", "amount"),
    ("金额", "amount"),
    ("合计", "amount"),
]
_FUND_FIELDS = {"general_public_budget", "government_fund", "state_capital", "special_account"}
_FUND_FIELDS |= {"unit_funds", "carryover"}
# 一、货物A, 货物, 工程, 服务: the 品目大类 of a category row (else the cell names a unit)
_CATEGORY = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:货物|工程|服务)")
BY_PROJECT_EXTRAS: dict[str, pl.DataType] = {
    "category": TEXT,
    "economic_item": TEXT,
    "method": TEXT,
}


def _column_fields(part: Part) -> dict[int, str]:
    """Every grid column's field. Word starts a merged cell in the thin grid column left of
    its header (a cell box spans 136–200 pt, its header 142–195), so a column without a
    header of its own belongs to the next header to its right."""
    labelled: dict[int, str] = {}
    for i, label in enumerate(part.labels):
        # a source's column is named by its own header (资金来源 / 一般公共预算资金)
        texts = [label.split("/")[-1], label.replace("/", "")]
        field = next(
            (name for text in texts for word, name in BY_PROJECT_RULES if word in text), None
        )
        if field:
            labelled[i] = field
    fields: dict[int, str] = {}
    for i in range(part.width):
        right = [j for j in sorted(labelled) if j >= i]
        left = [j for j in sorted(labelled) if j < i]
        if right:
            fields[i] = labelled[right[0]]
        elif left:
            fields[i] = labelled[left[-1]]
    return fields


def _parse_by_project(part: Part) -> pl.DataFrame:
    fields = _column_fields(part)
    records: list[dict[str, Any]] = []
    category = project = None
    funds = sorted({f for f in fields.values() if f in _FUND_FIELDS})
    for page, row in part.body:
        found: dict[str, str] = {}
        for i, text in enumerate(row):
            clean = clean_text(text)
            if clean and i in fields:
                name = fields[i]
                if looks_like_amount(clean) and name not in _FUND_FIELDS:
                    name = "amount"
                found.setdefault(name, clean)
        if not found:
            continue
        first = clean_text(next((c for c in row if c and c.strip()), "")).replace(" ", "")
        values = RowValues()
        values.amount("amount", found.get("amount"))
        for fund in funds:
            values.amount(fund, found.get(fund))
        found = {k: v for k, v in found.items() if k not in _FUND_FIELDS}
        texts: dict[str, Any] = {
            "source_project": None,
            "item": None,
            "category": None,
            "economic_item": None,
            "method": None,
        }
        unit = None
        if first in {"合计", "总计"}:
            kind = "total"
        elif (
            "category" in found
            and len(found) <= 2
            and (category is None or _CATEGORY.match(found["category"]))
        ):
            kind, category, project = "category", found["category"], None
            texts["category"] = category
        elif "category" in found and len(found) <= 2:
            # a unit's name under its category (货物 → 苏州市审计局 → its lines)
            kind, unit, project = "subtotal", found["category"], None
            texts["category"] = category
        elif "item" in found or "method" in found:
            kind = "line"
            texts |= {"category": category, "source_project": project}
            texts |= {"item": found.get("item"), "method": found.get("method")}
        else:
            kind = "project"
            project = found.get("source_project", project)
            texts |= {"category": category, "source_project": project}
            texts["economic_item"] = found.get("economic_item")
        records.append(values.record(page, row_kind=kind, unit=unit, **texts))
    return to_frame("procurement", records, BY_PROJECT_EXTRAS)


# Shandong's 政府采购预算表 lists procurement by functional code (类 | 款 | 项 | 科目名称 |
# 合计 | 财政拨款 …): each code row is a ``row_kind`` "code" line with its code and level.
BY_CODE_EXTRAS: dict[str, pl.DataType] = {"code": TEXT, "level": pl.Int64()}


def _parse_by_code(part: Part, split: list[int]) -> pl.DataFrame:
    labels = ["" if i in split else label for i, label in enumerate(part.labels)]
    mapped, extra = map_header_columns(labels, [("名称", "item"), *RULES])
    amounts = {i: f for f, i in mapped.items() if f in AMOUNTS}
    extras = {
        clean_label(label.split("/")[-1]): i
        for label, i in extra.items()
        if i not in amounts.values() and any(looks_like_amount(cell(r, i)) for _, r in part.body)
    }
    above = [""] * len(split)
    records: list[dict[str, Any]] = []
    for page, row in part.body:
        code = joined_code(row, split, above)
        name = clean_text(cell(row, mapped.get("item"))).replace(" ", "")
        if not code and not name:  # 合计 merged over the code and name columns
            name = next(
                (
                    t
                    for c in row
                    if (t := clean_text(c).replace(" ", "")) and not looks_like_amount(t)
                ),
                "",
            )
        if not code and not name:
            continue
        values = RowValues()
        for index, field in amounts.items():
            values.amount(field, cell(row, index))
        for field, index in extras.items():
            values.amount(field, cell(row, index))
        kind = "code" if code else "total"
        records.append(
            values.record(page, row_kind=kind, unit=None, item=name or None)
            | {"code": code or None, "level": code_level(code)}
        )
    return to_frame("procurement", records, BY_CODE_EXTRAS | dict.fromkeys(extras, MONEY))


def parse_procurement(part: Part) -> pl.DataFrame:
    split = split_code_columns(part.labels)
    if split:
        return _parse_by_code(part, split)
    # Word wraps these headers over two rows (采购品目大 / 类): match them joined
    by_project, _ = map_columns([label.replace("/", "") for label in part.labels], BY_PROJECT_RULES)
    if "method" in by_project or "category" in by_project:
        return _parse_by_project(part)
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
