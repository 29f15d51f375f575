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
    # 预算收入 but not 一般公共预算收入 / 基金预算收入 / 资本经营预算收入
    "income_total": rf"((?<!公共)(?<!基金)(?<!经营)预算收入|收入预算(?:总计|合计)){_N}万元",
    "income_general_public_budget": rf"(一般公共预算(?:拨款)?收入(?:预算)?){_N}万元",
    "income_government_fund": rf"((?:政府性)?基金预算(?:拨款)?收入){_N}万元",
    "income_state_capital": rf"(国有资本经营预算(?:拨款)?收入){_N}万元",
    "income_special_account": rf"(财政专户(?:核拨|管理资金)?收入){_N}万元",
    "income_unit_funds": rf"(单位资金收入){_N}万元",
    "income_carryover": rf"(上年结转(?:结余)?(?:收入)?){_N}万元",
    "expenditure_total": rf"((?<!基本)(?<!项目)支出预算(?:总计|合计)?){_N}万元",
    "expenditure_basic": rf"((?<!公共预算)基本支出){_N}万元",
    # the 一般公共预算 scope's 基本支出 (its own table, 一般公共预算基本支出表)
    "expenditure_gpb_basic": rf"(一般公共预算基本支出){_N}万元",
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


def narrative_figures(pages: list[ProsePage]) -> tuple[pl.DataFrame, dict[str, int]]:
    """The figures the prose quotes, and the decimals each was printed with (the prose
    rounds as it likes: "17192万元" stands for anything from 17191.5 to 17192.5)."""
    text, owner = prose_stream(pages)
    records: list[dict[str, Any]] = []
    decimals: dict[str, int] = {}
    for key, pattern in FIGURE_PATTERNS.items():
        match = re.search(pattern, text)
        if not match:
            continue
        groups = match.groups()
        value = Decimal(groups[-1].replace(",", ""))
        decimals[key] = max(0, -int(value.as_tuple().exponent))
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
    return to_frame("narrative_figures", records), decimals


_CJK = r"[\u4e00-\u9fa5]"
_CLASS = re.compile(rf"({_CJK}{{2,20}}?)[（(]类[）)]")
_ITEM = re.compile(
    rf"(?:({_CJK}{{2,20}}?)[（(]类[）)])?({_CJK}{{2,20}}?)[（(]款[）)]({_CJK}{{2,30}}?)[（(]项[）)]"
    rf"(?:支出|预算)?(?:为)?{_N}万元"
)
_PREVIOUS = re.compile(rf"(?:预算执行数|上年预算数|上年执行数)为{_N}万元")
_ITEM_CHANGE = re.compile(rf"(?:与上年相比|比上年){_CHANGE}{_N}万元")


def narrative_items(pages: list[ProsePage]) -> pl.DataFrame:
    """Each 类/款/项 the 情况说明 lists with its amount (Shanghai and Jiangsu explain every
    项 of the 财政拨款 spending):
    “城乡社区支出（类）城乡社区管理事务（款）行政运行（项）”1660.32万元.
    The class may be a heading above a run of items ((一)公共安全（类）). Codes are filled in
    by the parser from the functional tables."""
    text, owner = prose_stream(pages)
    text = text.replace("’", "").replace("‘", "")
    records: list[dict[str, Any]] = []
    matches = list(_ITEM.finditer(text))
    for i, m in enumerate(matches):
        heading = None
        for c in _CLASS.finditer(text, 0, m.start()):
            heading = c.group(1)
        window = text[m.end() : matches[i + 1].start() if i + 1 < len(matches) else m.end() + 200]
        previous = _PREVIOUS.search(window)
        change = _ITEM_CHANGE.search(window)
        delta = None
        if change:
            delta = Decimal(change.group(2).replace(",", ""))
            delta = -delta if change.group(1) in ("减少", "下降") else delta
        records.append(
            {
                "code": None,
                "class_name": m.group(1) or heading,
                "item_name": m.group(2),
                "name": m.group(3),
                "amount": Decimal(m.group(4).replace(",", "")),
                "previous": Decimal(previous.group(1).replace(",", "")) if previous else None,
                "change": delta,
                "page": owner[m.start()],
                "redacted": False,
                "classified": [],
            }
        )
    return to_frame("narrative_items", records)


def _names_agree(table_name: str, said: str) -> bool:
    a, b = re.sub(r"\W", "", table_name), re.sub(r"\W", "", said)
    return a == b or a.startswith(b) or b.startswith(a)


def attach_codes(items: pl.DataFrame, functional: pl.DataFrame) -> pl.DataFrame:
    """The code of each narrated 项, found by its class, 款 and 项 names in a table."""
    if items.height == 0 or functional.height == 0:
        return items
    rows = functional.to_dicts()
    by_level = {lv: [r for r in rows if r["level"] == lv] for lv in (1, 2, 3)}

    def same(a: str | None, b: str | None) -> bool:
        return bool(a and b) and re.sub(r"\W", "", a or "") == re.sub(r"\W", "", b or "")

    codes: list[str | None] = []
    for item in items.to_dicts():
        found = None
        for kuan in by_level[2]:
            if not same(kuan["name"], item["item_name"]):
                continue
            cls = next((r for r in by_level[1] if kuan["code"].startswith(r["code"])), None)
            if item["class_name"] and cls and not _names_agree(cls["name"], item["class_name"]):
                continue  # a heading may drop the 支出 of the class name (公共安全（类）)
            xiang = next(
                (
                    r
                    for r in by_level[3]
                    if r["code"].startswith(kuan["code"]) and same(r["name"], item["name"])
                ),
                None,
            )
            if xiang:
                found = xiang["code"]
                break
        codes.append(found)
    return items.with_columns(pl.Series("code", codes, dtype=pl.String))


ORG_RULES = [
    ("单位名称", "name"),
    ("性质", "nature"),
    ("规格", "rank"),
    ("级别", "rank"),
    ("经费", "funding"),
]


def parse_organizations(part: Part) -> pl.DataFrame:
    mapped, _ = map_columns(part.labels, ORG_RULES)
    records: list[dict[str, Any]] = []
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
