"""The 情况说明: figures quoted in the prose, and the 机构设置 table."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import polars as pl

from core.model import ProsePage
from core.tables.cells import clean_text, fits, fold_radicals
from core.tables.columns import cell, map_columns, to_frame
from core.tables.recognition import Part

# a figure, with its thousands separators where it has them (9,483.72 or 9483.72)
_N = r"(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
# 万元, which a page's footer (-3-, —28—) may split when the sentence runs over the break
_W = r"万(?:[-—]\d{1,3}[-—])?元"
_CHANGE = r"(增加|减少|增长|下降)"
# compared with last year's budget (not with its 执行数, which is another figure):
# 比上年 / 较2025年年初预算 / 比2025年年初预算数44021.20万元 (last year's figure skipped)
_AGAINST = rf"((?:比|较)(?:上年|\d{{4}}年)(?:年初)?(?:预算)?数?)(?:{_N[1:-1]}{_W})?"
# the total income or spending (not 一般公共预算收入, 财政拨款收入预算, 三公经费支出预算 …)
_TOTAL = (
    r"(?:(?<![款算金营户业他转余政助缴])收入预算|(?<!公共)(?<!基金)(?<!经营)预算收入"
    r"|(?<!拨款)收支总预算|(?<!拨款)收支预算|预算收支安排|部门预算支出"
    r"|(?<![本目款费])支出预算)"
)
# this year's 三公 total: 三公经费预算(数为|共|安排) / 安排（的）三公经费(支出预算) /
# 三公经费支出预算; not last year's (上年三公经费预算)
_THREE_PUBLIC = (
    r"(?<!上年)(?<!去年)(?:安排的?三公经费(?:支出预算)?"
    r"|三公经费(?:支出)?预算(?:数)?(?:安排)?(?:支出)?(?:为|共计|共)?)"
)
# each of the 三公, this year's: 因公出国（境）费用。2026年预算数 / 公务接待费预算支出 /
# 公务用车购置费2026年预算数
_THIS_YEAR = r"(?:。?\d{4}年)?(?:预算数?)?(?:安排)?(?:支出)?(?:为)?"
# a total's label, then the year it is of (收入预算为 / 收入预算：2026年年初预算数)
_OF_YEAR = r"(?:[：:]?\d{4}年(?:年初)?预算数?)?(?:为|是|共计)?"
# key -> pattern; the value is the last group, a direction word (增加/减少) before it gives
# its sign, and the groups before the value make the label.
# Patterns run over the prose with spaces, line breaks and quotes removed.
FIGURE_PATTERNS: dict[str, str] = {
    # 预算收入 / 收入预算 / 收支总预算, but not 一般公共预算收入 / 基金预算收入 / 财政拨款收支总预算
    "income_total": (
        rf"((?<!公共)(?<!基金)(?<!经营)预算收入|收入预算(?:总计|合计|总额)"
        rf"|(?<![款算金营户业他转余政助缴])收入预算|(?<!拨款)收支总预算){_OF_YEAR}{_N}{_W}"
    ),
    "income_general_public_budget": rf"(一般公共预算(?:拨款)?收入(?:预算)?){_N}{_W}",
    "income_government_fund": rf"((?:政府性)?基金预算(?:拨款)?收入){_N}{_W}",
    "income_state_capital": rf"(国有资本经营预算(?:拨款)?收入){_N}{_W}",
    "income_special_account": rf"(财政专户(?:核拨|管理资金)?收入){_N}{_W}",
    "income_unit_funds": rf"(单位资金收入){_N}{_W}",
    "income_carryover": rf"(上年结转(?:结余)?(?:收入)?){_N}{_W}",
    "expenditure_total": (
        rf"((?<!基本)(?<!项目)支出预算(?:总计|合计)?|部门预算支出){_OF_YEAR}{_N}{_W}"
    ),
    # 基本支出(预算), not that of 一般公共预算 or of 财政拨款 alone
    "expenditure_basic": rf"((?<!公共预算)(?<!拨款)基本支出(?:预算数?)?){_N}{_W}",
    # the 一般公共预算 scope's 基本支出 (its own table, 一般公共预算基本支出表)
    "expenditure_gpb_basic": rf"(一般公共预算基本支出){_N}{_W}",
    "expenditure_personnel": rf"((?<!增加)(?<!减少)人员经费){_N}{_W}",
    "expenditure_public": rf"((?:日常)?公用经费){_N}{_W}",
    # 专项业务经费支出: Xi'an's name for the project spending
    "expenditure_project": rf"((?<!拨款)项目支出(?:预算)?|专项业务经费支出){_N}{_W}",
    # 较2023年预算增加 / 与上年相比收、支预算总计各增加, or the change said right after the total:
    # 收入预算44169.36万元，比2025年年初预算数44021.20万元增加148.16万元
    "change_total": (
        rf"(较\d{{4}}年预算|(?:与上年相比)?收、?支预算总计各){_CHANGE}{_N}{_W}"
        rf"|{_TOTAL}{_N[1:-1]}{_W}[，,]?{_AGAINST}{_CHANGE}{_N}{_W}"
    ),
    "change_basic": rf"(基本支出){_CHANGE}{_N}{_W}",
    "change_project": rf"(项目支出){_CHANGE}{_N}{_W}",
    "operating_costs": (
        rf"(机关运行经费(?:共计)?(?:安排)?(?:财政拨款)?(?:预算)?(?:安排)?(?:支出)?(?:为)?"
        # 机关运行经费。2026年一般公共预算财政拨款运行经费5,590.43万元
        rf"|机关运行经费[。．.]?\d{{4}}年(?:一般公共预算)?(?:财政拨款)?(?:机关)?运行经费)"
        rf"{_N}{_W}"
    ),
    "three_public_total": rf"({_THREE_PUBLIC}){_N}{_W}",
    "three_public_abroad": rf"(因公出国（境）(?:经)?费(?:用)?{_THIS_YEAR}){_N}{_W}",
    "three_public_vehicles": (
        rf"(公务用车购置(?:及|和)运(?:行)?(?:维(?:护)?)?费(?:用)?{_THIS_YEAR}){_N}{_W}"
    ),
    "three_public_vehicle_purchase": rf"(公务用车购置费{_THIS_YEAR}){_N}{_W}",
    "three_public_vehicle_operation": rf"(公务用车运(?:行)?维(?:护)?费{_THIS_YEAR}){_N}{_W}",
    "three_public_reception": rf"(公务接待费{_THIS_YEAR}){_N}{_W}",
    # 与2023年相比增加 / 比2025年财政拨款三公经费年初预算减少, or the change said right
    # after the 三公 total (三公经费预算数为81.60万元，比2025年预算增加61.00万元)
    "three_public_change": (
        rf"(与\d{{4}}年相比|比\d{{4}}年(?:财政拨款)?三公经费(?:年初)?预算数?){_CHANGE}{_N}{_W}"
        rf"|{_THREE_PUBLIC}{_N[1:-1]}{_W}[，,]?{_AGAINST}{_CHANGE}{_N}{_W}"
    ),
    "fixed_assets_total": rf"(固定资产金额(?:为)?){_N}{_W}",
    "fixed_assets_planned_purchase": rf"(拟购置固定资产总额(?:为)?){_N}{_W}",
}
# the totals a final account's 说明 quotes (决算: what was received and spent), read only
# in a final account, whose summaries print them
FINAL_PATTERNS: dict[str, str] = {
    "final_total": rf"((?<!拨款)(?:收入支出|收、?支)总计)(?:为)?{_N}{_W}",
    "final_fiscal_total": (rf"(财政拨款(?:收入支出总计|收、?支总计|收支总决算))(?:为)?{_N}{_W}"),
    "final_income": rf"(本年收入合计)(?:为)?{_N}{_W}",
    "final_expenditure": rf"(本年支出合计)(?:为)?{_N}{_W}",
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


def narrative_figures(
    pages: list[ProsePage], final: bool = False
) -> tuple[pl.DataFrame, dict[str, int]]:
    """The figures the prose quotes, and the decimals each was printed with (the prose
    rounds as it likes: "17192万元" stands for anything from 17191.5 to 17192.5). ``final``:
    a final account's, whose 说明 quotes its totals too (FINAL_PATTERNS)."""
    text, owner = prose_stream(pages)
    records: list[dict[str, Any]] = []
    decimals: dict[str, int] = {}
    patterns = {**FIGURE_PATTERNS, **FINAL_PATTERNS} if final else FIGURE_PATTERNS
    for key, pattern in patterns.items():
        match = re.search(pattern, text)
        if not match:
            continue
        groups = [g for g in match.groups() if g is not None]  # the alternative that matched
        value = Decimal(groups[-1].replace(",", ""))
        if not fits(value):
            continue  # digits beyond what money can be: not a figure the prose quotes
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
        if not fits(Decimal(m.group(4).replace(",", ""))):
            continue
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
