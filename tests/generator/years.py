"""A department over two years: the seed (平乡县公安局 2024) and its 2025 successor.

2025 spends 402.43 万元 more on 2040201 行政运行 (基本支出), so 20402, 204 and 合计 grow by as
much; its 三公 table is unchanged. Its 说明 claims the changes against 2024: the totals' are
true, and one is wrong — 三公经费 "比2024年预算数增加 5.00万元，增长 20.00%", which holds
within the sentence (5.00 ÷ 25.00) but not against the 2024 document (30.00 both years).
"""

from __future__ import annotations

from dataclasses import replace

from .seed import seed_disclosure
from .spec import Disclosure, ProsePart
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


def year_2024() -> Disclosure:
    """The seed's summary, spending and 三公 tables: the earlier year, tables only."""
    return keep_parts(seed_disclosure(), *TABLES)


def year_2025() -> Disclosure:
    doc = seed_disclosure()
    spending = part(doc, "部门预算支出总表")
    for first, (total, basic) in CHANGED_2025.items():
        set_cell(spending, first, 3, total)
        set_cell(spending, first, 4, basic)
    kept = keep_parts(doc, "部门预算支出总表", "三公")
    return replace(kept, year=2025, parts=[*kept.parts, ProsePart(list(PROSE_2025))])
