"""A department over two years: the seed (平乡县公安局 2024) and its 2025 successor.

2025 spends 402.43 万元 more on 2040201 行政运行 (基本支出), so 20402, 204 and 合计 grow by as
much; its 三公 table is unchanged. Its 说明 claims the changes against 2024: the totals' are
true, and one is wrong — 三公经费 "比2024年预算数增加 5.00万元，增长 20.00%", which holds
within the sentence (5.00 ÷ 25.00) but not against the 2024 document (30.00 both years).

Both years also print four project cards and the 政府采购 table (after the tables and the
说明, so those keep their pages): 2025 gives 户籍业务工本费项目 12.00 (10.00 in 2024), drops
禁毒经费项目 (8.00) and adds 刑事技术经费项目 (10.00); 55 号 is classified both years. Its
执法记录仪 costs 96.00 (87.00), so 本级小计 is 703.00 and 合计 1005.60; 交通警察大队 drops
法律鉴证服务 (3.00) for 便携式计算机 (3.00).
"""

from __future__ import annotations

from dataclasses import replace

from .seed import PROCUREMENT, card_part, load_cards, procurement_part, seed_disclosure
from .spec import Disclosure, ProsePart, TablePart
from .variants import keep_parts, part, set_cell

TABLES = ("部门预算收支总表", "部门预算支出总表", "三公")
# code -> (合计, 基本支出) in 2025; 项目支出 unchanged
CHANGED_2025 = {
    ("合计",): ("12148.35", "7500.00"),
    ("204",): ("10973.45", "6325.10"),
    ("20402",): ("10948.45", "6325.10"),
    ("2040201",): ("5925.39", "5925.39"),
}
PROSE_2025 = [
    "第一部分 平乡县公安局 2025 年部门预算信息公开情况说明",
    "一、收支预算情况",
    "2025年支出预算 12148.35万元，比2024年预算数增加 402.43万元，增长 3.43%。"
    "其中基本支出 7500.00万元，比2024年预算数增加 402.43万元，增长 5.67%；"
    "项目支出 4648.35万元，与上年持平。",
    "（一）公共安全支出（类）公安（款）行政运行（项）5925.39万元，与上年相比增加402.43万元，"
    "主要用于新增劳务派遣人员待遇。",
    "二、财政拨款“三公”经费预算情况",
    "2025年，我部门财政拨款“三公”经费预算安排 30.00万元，比2024年预算数增加 5.00万元，"
    "增长 20.00%，主要原因是公务用车运维费增加。",
]
TRUE_CLAIMS = ("expenditure_total", "expenditure_basic")
WRONG_CLAIM = "three_public_total"

# the seed's project cards each year prints (by 序号); 2025's changed budgets and plans
CARDS = {2024: (2, 5, 6, 10), 2025: (2, 5, 6, 15)}
CARD_CHANGES_2025 = {5: ("12.00", ["3.00", "3.00", "3.00", "3.00"])}
# 2025's 政府采购: the seed's rows with these replaced (by item, or label), dropped, added
PROCUREMENT_2025 = {
    "合计": ("total", "合计", "1005.60"),
    "平乡县公安局本级小计": ("subtotal", "平乡县公安局本级小计", "703.00"),
    "执法记录仪": (
        "line",
        "公安业务费",
        "331.00",
        "执法记录仪",
        "A02020600",
        "万元",
        "1",
        "96.00",
        "96.00",
    ),
}
PROCUREMENT_DROPPED_2025 = "法律鉴证服务"
PROCUREMENT_ADDED_2025 = (
    "line",
    "交管业务费（运转保障项目）",
    "270.00",
    "便携式计算机",
    "A02010105",
    "台",
    "1",
    "3.00",
    "3.00",
)


def _cards(year: int) -> list[TablePart]:
    out = []
    for card in load_cards():
        if card.seq not in CARDS[year]:
            continue
        if year == 2025 and card.seq in CARD_CHANGES_2025:
            budget, plan = CARD_CHANGES_2025[card.seq]
            card = replace(card, budget=budget, fiscal=budget, plan=plan)
        intro = ["七、部门项目预算安排情况及绩效目标"] if not out else []
        out.append(card_part(card, intro))
    return out


def _procurement_2025() -> TablePart:
    rows = []
    for entry in PROCUREMENT:
        label = entry[3] if entry[0] == "line" and len(entry) > 3 else entry[1]
        if label == PROCUREMENT_DROPPED_2025:
            continue
        rows.append(PROCUREMENT_2025.get(label, entry))
        if label == "交通管理设备":
            rows.append(PROCUREMENT_ADDED_2025)
    return procurement_part(rows)


def year_2024() -> Disclosure:
    """The seed's summary, spending and 三公 tables, four project cards and the 政府采购
    table: the earlier year, tables only."""
    doc = keep_parts(seed_disclosure(), *TABLES)
    return replace(doc, parts=[*doc.parts, *_cards(2024), procurement_part()])


def year_2025() -> Disclosure:
    doc = seed_disclosure()
    spending = part(doc, "部门预算支出总表")
    for first, (total, basic) in CHANGED_2025.items():
        set_cell(spending, first, 3, total)
        set_cell(spending, first, 4, basic)
    kept = keep_parts(doc, "部门预算支出总表", "三公")
    return replace(
        kept,
        year=2025,
        parts=[*kept.parts, ProsePart(list(PROSE_2025)), *_cards(2025), _procurement_2025()],
    )
