"""Each table's Chinese title, by table id: kept apart from the model (no polars) so that
labels and the app's first frame need nothing heavy."""

from __future__ import annotations

from .i18n import N_

TABLE_TITLES_ZH: dict[str, str] = {
    "summary": N_("收支总表"),
    "income": N_("收入总表"),
    "expenditure": N_("支出总表"),
    "fiscal_summary": N_("财政拨款收支总表"),
    "gpb_expenditure": N_("一般公共预算支出表"),
    "gpb_basic_expenditure": N_("一般公共预算基本支出表"),
    "gov_fund_expenditure": N_("政府性基金预算支出表"),
    "state_capital_expenditure": N_("国有资本经营预算支出表"),
    "three_public": N_("“三公”经费支出表"),
    "organizations": N_("机构设置"),
    "projects": N_("项目绩效目标表"),
    "project_indicators": N_("项目绩效指标"),
    "procurement": N_("政府采购预算"),
    "fixed_assets": N_("固定资产占用情况"),
    "narrative_figures": N_("说明中的数字"),
    "fiscal_expenditure": N_("财政拨款支出预算表"),
    "fiscal_basic_expenditure": N_("财政拨款基本支出预算表"),
    "operating_costs": N_("机关运行经费支出预算表"),
    "income_sources": N_("收入预算总表（按来源）"),
    "narrative_items": N_("说明中逐项列示的支出"),
}
