"""The rules, as data: what each identity says, over which tables and in which scope, and
where its tolerance comes from. The code of each family is in the module named after it."""

from __future__ import annotations

from dataclasses import dataclass

from core.model import ECONOMIC_TABLES, EXTRA_FUNCTIONAL_TABLES, FUNCTIONAL_TABLES

# Where a tolerance comes from: never a constant of ours, always what the page prints.
PRINTED = "half the last printed digit of each figure taking part (XBRL round-to-nearest)"
PROSE = "half the prose's last printed digit (万元 prose against 元 tables: × 10000)"
CLAIM = (
    "interval arithmetic: each figure ± half its last printed digit, the percentage ± half "
    "its last printed digit (a percentage cut off, not rounded, is noted, not failed)"
)
WORDS = "none: the words as printed"
PRODUCT = "a product of rounded figures: 数量 × ½ of the unit price's last digit"


@dataclass(frozen=True)
class Rule:
    id: str
    zh: str
    en: str
    tables: tuple[str, ...]
    # within one table, across tables of one funding scope, or across scopes (then ≤)
    scope: str
    tolerance: str
    module: str  # core.rules.<module> holds its code


_FUNCTIONAL = FUNCTIONAL_TABLES + EXTRA_FUNCTIONAL_TABLES + ECONOMIC_TABLES

RULES: tuple[Rule, ...] = (
    Rule(
        "hierarchy_sum",
        "层级合计：合计 = Σ类，类 = Σ款，款 = Σ项",
        "each parent code equals the sum of its children, per value column",
        (*_FUNCTIONAL, "income_sources", "procurement"),
        "one table; a code printed once per unit is summed over the rows that follow it",
        PRINTED,
        "functional",
    ),
    Rule(
        "row_arithmetic",
        "行内勾稽：合计 = 各列之和",
        "a row's total equals the sum of its parts (本年 + 结转, 基本 + 项目, 人员 + 公用); "
        "tested only where the table prints the total and every part it needs",
        (*_FUNCTIONAL, "fiscal_summary", "three_public"),
        "one row",
        PRINTED,
        "functional",
    ),
    Rule(
        "summary_totals",
        "收支总表：收入合计 + 结转 = 总计 = 支出总计",
        "the summary's own totals and class lines add up; a final account's: 本年收入 + "
        "使用非财政拨款结余 + 年初结转和结余 = 总计 = 本年支出 + 结余分配 + 年末结转和结余",
        ("summary", "fiscal_summary"),
        "one table",
        PRINTED,
        "summary",
    ),
    Rule(
        "cross_table",
        "表间勾稽：各表同一数字相等",
        "the same figure agrees across tables: class lines by name, totals; 一般公共预算 "
        "tables against all-funds ones only where every yuan is appropriation",
        (
            "summary",
            "income",
            "expenditure",
            "fiscal_summary",
            "gpb_expenditure",
            "gpb_basic_expenditure",
        ),
        "tables of one funding scope; a class line printed blank or 0 asks for no row",
        PRINTED,
        "summary",
    ),
    Rule(
        "three_public_sum",
        "“三公”经费：小计 = 出国 + 用车 + 接待",
        "the 三公 subtotal and vehicle lines add up, for the department and each unit or year",
        ("three_public",),
        "one table, one row group",
        PRINTED,
        "three_public",
    ),
    Rule(
        "narrative_vs_table",
        "说明与表格一致",
        "figures quoted in the narrative match the tables; 机关运行经费 ≤ 公用经费 where no "
        "table prints it (it excludes 事业单位)",
        (
            "narrative_figures",
            "summary",
            "expenditure",
            "gpb_basic_expenditure",
            "three_public",
            "fixed_assets",
        ),
        "the figure's own scope (一般公共预算基本支出 against its own table)",
        PROSE,
        "narrative",
    ),
    Rule(
        "narrative_change",
        "增减额相加",
        "the year-on-year changes add up",
        ("narrative_figures",),
        "the narrative",
        PRINTED,
        "narrative",
    ),
    Rule(
        "narrative_items_sum",
        "说明逐项之和 = 一般公共预算拨款",
        "a package without tables: the 项 its prose explains add up to the appropriation",
        ("narrative_items", "narrative_figures"),
        "the narrative",
        PRINTED,
        "narrative",
    ),
    Rule(
        "prose_share",
        "说明中的占比：占 X% = 部分 ÷ 整体",
        "a share the prose states (占 X%) recomputed from the part and the whole it names",
        ("narrative_figures",),
        "the narrative",
        CLAIM,
        "claims",
    ),
    Rule(
        "prose_change",
        "说明中的增减：本年 − 上年 = 增减额，增减率 = 增减额 ÷ 上年",
        "a change the prose states (比上年增加 X 万元，增长 Y%) recomputed from its own figures",
        ("narrative_figures",),
        "the narrative",
        CLAIM,
        "claims",
    ),
    Rule(
        "prose_of_which",
        "其中 ≤ 总数（万元、台、辆、人）",
        "a 其中 the prose states never exceeds the whole it opens",
        ("narrative_figures",),
        "the narrative",
        PRINTED,
        "claims",
    ),
    Rule(
        "prose_restated",
        "说明所列项目金额 = 项目表",
        "a project's amount restated in the prose equals its row of the project table",
        ("narrative_figures", "projects"),
        "the project",
        PROSE,
        "claims",
    ),
    Rule(
        "year_over_year",
        "比上年增减 = 本年 − 上年文件所列",
        "a change the later year claims against the figure the earlier year's document prints "
        "(both files open); a claim against 上年执行数 is not checked, one of unstated basis "
        "only warns",
        ("narrative_figures",),
        "two documents of one department, consecutive years",
        CLAIM,
        "claims",
    ),
    Rule(
        "project_card",
        "项目卡：财政 + 其他 = 预算数；支出计划",
        "a card's funds add up to its budget and its spending plan ends at or sums to it",
        ("projects",),
        "one project",
        PRINTED,
        "projects",
    ),
    Rule(
        "project_total",
        "可见项目 + 涉密项目 = 项目支出",
        "visible card budgets plus classified cards equal 项目支出; a table listing (key) "
        "projects can only stay within it",
        ("projects", "expenditure"),
        "the department's 项目支出",
        PRINTED,
        "projects",
    ),
    Rule(
        "procurement_line",
        "采购：数量 × 单价 = 金额 = 各资金之和",
        "quantity × unit price equals the amount, which equals its funds",
        ("procurement",),
        "one line",
        PRODUCT,
        "procurement",
    ),
    Rule(
        "procurement_sum",
        "采购：明细 → 小计 → 合计；明细 ≤ 项目预算",
        "lines add up to 小计, 小计 to 合计; a source project's lines stay within its budget",
        ("procurement",),
        "one table",
        PRINTED,
        "procurement",
    ),
    Rule(
        "fixed_assets_sum",
        "资产：各类之和 = 资产总额；其中 ≤ 上级",
        "the asset kinds add up to 资产总额 and 其中 lines stay within their parent",
        ("fixed_assets",),
        "one table",
        PRINTED,
        "assets",
    ),
    Rule(
        "reading_complete",
        "读取完整：表内每个数字都已读入",
        "every number printed in a table's region was read into the table (else the "
        "identities over it are not the document's to fail: severity parse)",
        (),
        "one table, one page",
        "none: a count",
        "reading",
    ),
    Rule(
        "prose_execution",
        "决算说明：完成率 = 决算 ÷ 预算",
        "a 说明 sentence stating a 预算 and its 决算 with a rate (完成年初预算的 98.20%): the "
        "rate recomputed",
        ("narrative_figures",),
        "one sentence",
        CLAIM,
        "execution",
    ),
    Rule(
        "prose_execution_word",
        "决算说明：大于 / 小于 / 持平 与两数相符",
        "the word the next sentence says of the two (决算数小于预算数, 与预算持平, 比预算增加) "
        "against the two figures: a contradiction is an error",
        ("narrative_figures",),
        "one sentence",
        PRINTED,
        "execution",
    ),
    Rule(
        "final_budget_basis",
        "预算对决算：决算表的预算数 = 预算公开的数",
        "budget against actual: the 预算数 a final account prints beside its 决算数 (its “三公” "
        "table's) equals what the budget package of its department and year prints",
        ("three_public",),
        "two packages: one department's budget and final accounts of one year",
        PRINTED,
        "claims",
    ),
    Rule(
        "words_placeholder",
        "文字：未替换的占位符（XX、××、某某、〇〇）",
        "a placeholder of the template left in (XX, ××, 某某, 〇〇): an error, per page",
        (),
        "one page",
        WORDS,
        "words",
    ),
    Rule(
        "words_punctuation",
        "文字：标点重复（。。，，）",
        "the same full-width mark twice, or two clause-ending marks in a row: a warning",
        (),
        "one page",
        WORDS,
        "words",
    ),
    Rule(
        "words_year",
        "文字：标题或截至日期的年度与本套公开不符",
        "a heading names another year than the package's, or a 截至 date stands outside it "
        "(a budget: its year or the one before; a final account: its year or the one after)",
        (),
        "one page",
        WORDS,
        "words",
    ),
    Rule(
        "words_contents",
        "文字：目录列出而未印出的表",
        "a table the contents (目录) list that no page prints (a page of 本表无数据 prints it); "
        "a package whose tables are another file is not held to its contents",
        (),
        "the package",
        WORDS,
        "words",
    ),
)
RULE_BY_ID = {r.id: r for r in RULES}
