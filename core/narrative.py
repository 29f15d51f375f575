"""The 情况说明: figures quoted in the prose, and the 机构设置 table."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import polars as pl

from .cells import clean_text, fold_radicals
from .columns import cell, map_columns, to_frame
from .model import ProsePage
from .recognition import Part

_N = r"(-?[\d,]+(?:\.\d+)?)"
_CHANGE = r"(增加|减少|增长|下降)"
# key -> pattern; the first group (or the second, after a direction word) is the value.
# Patterns run over the prose with spaces, line breaks and quotes removed.
FIGURE_PATTERNS: dict[str, str] = {
    "income_total": rf"(预算收入|收入预算(?:总计|合计)){_N}万元",
    "income_general_public_budget": rf"(一般公共预算(?:拨款)?收入(?:预算)?){_N}万元",
    "income_government_fund": rf"((?:政府性)?基金预算(?:拨款)?收入){_N}万元",
    "income_state_capital": rf"(国有资本经营预算(?:拨款)?收入){_N}万元",
    "income_special_account": rf"(财政专户(?:核拨|管理资金)?收入){_N}万元",
    "income_unit_funds": rf"(单位资金收入){_N}万元",
    "income_carryover": rf"(上年结转(?:结余)?(?:收入)?){_N}万元",
    "expenditure_total": rf"((?<!基本)(?<!项目)支出预算(?:总计|合计)?){_N}万元",
    "expenditure_basic": rf"(基本支出){_N}万元",
    "expenditure_personnel": rf"((?<!增加)(?<!减少)人员经费){_N}万元",
    "expenditure_public": rf"((?:日常)?公用经费){_N}万元",
    "expenditure_project": rf"(项目支出){_N}万元",
    "change_total": rf"(较\d{{4}}年预算){_CHANGE}{_N}万元",
    "change_basic": rf"(基本支出){_CHANGE}{_N}万元",
    "change_project": rf"(项目支出){_CHANGE}{_N}万元",
    "operating_costs": rf"(机关运行经费(?:共计)?(?:安排)?(?:预算)?(?:为)?){_N}万元",
    "three_public_total": rf"(三公经费预算(?:安排)?(?:为)?){_N}万元",
    "three_public_abroad": rf"(因公出国（境）费(?:为)?){_N}万元",
    "three_public_vehicles": rf"(公务用车购置及运(?:行)?维(?:护)?费(?:为)?){_N}万元",
    "three_public_vehicle_purchase": rf"(公务用车购置费(?:为)?){_N}万元",
    "three_public_vehicle_operation": rf"(公务用车运(?:行)?维(?:护)?费(?:为)?){_N}万元",
    "three_public_reception": rf"(公务接待费(?:为)?){_N}万元",
    "three_public_change": rf"(与\d{{4}}年相比){_CHANGE}{_N}万元",
    "fixed_assets_total": rf"(固定资产金额(?:为)?){_N}万元",
    "fixed_assets_planned_purchase": rf"(拟购置固定资产总额(?:为)?){_N}万元",
}
_NOISE = re.compile(r"[\s“”\"]")


def prose_stream(pages: list[ProsePage]) -> tuple[str, list[int]]:
    """The prose as one string without spaces or breaks, with the page of every character."""
    chars: list[str] = []
    owner: list[int] = []
    for page in pages:
        text = _NOISE.sub("", fold_radicals(page.text))
        chars.append(text)
        owner.extend([page.page] * len(text))
    return "".join(chars), owner


def narrative_figures(pages: list[ProsePage]) -> pl.DataFrame:
    text, owner = prose_stream(pages)
    records: list[dict[str, Any]] = []
    for key, pattern in FIGURE_PATTERNS.items():
        match = re.search(pattern, text)
        if not match:
            continue
        groups = match.groups()
        value = Decimal(groups[-1].replace(",", ""))
        if len(groups) == 3 and groups[1] in ("减少", "下降"):
            value = -value
        label = "".join(g for g in groups[:-1])
        records.append(
            {
                "key": key,
                "label": label,
                "value": value,
                "page": owner[match.start()],
                "redacted": False,
                "classified": [],
            }
        )
    return to_frame("narrative_figures", records)


ORG_RULES = [
    ("单位名称", "name"),
    ("性质", "nature"),
    ("规格", "rank"),
    ("级别", "rank"),
    ("经费", "funding"),
]


def parse_organizations(part: Part) -> pl.DataFrame:
    mapped, _ = map_columns(part.labels, ORG_RULES)
    records = []
    for page, row in part.body:
        name = clean_text(cell(row, mapped.get("name", 0)))
        if not name:
            continue
        records.append(
            {
                "name": name,
                "nature": clean_text(cell(row, mapped.get("nature"))) or None,
                "rank": clean_text(cell(row, mapped.get("rank"))) or None,
                "funding": clean_text(cell(row, mapped.get("funding"))) or None,
                "page": page,
                "redacted": False,
                "classified": [],
            }
        )
    return to_frame("organizations", records)
