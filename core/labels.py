"""What the reader sees in place of an id: the one map from export-schema ids (tables, columns,
narrative keys, roles) to the document's own Chinese terms, translated through the catalogue.

The ids stay the export's contract (docs/export-schema.md); only the screen and the text
report speak in labels. A column a layout printed beyond the standard ones is already kept
under its printed header, which is its own label.
"""

from __future__ import annotations

import re

from core.i18n import N_, _

# each table's Chinese title, by table id (light: the app's first frame needs it, not polars)
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

# export-schema column id -> the header the tables print for it
COLUMN_LABELS: dict[str, str] = {
    "total": N_("合计"),
    "current_year": N_("本年收入"),
    "fiscal_appropriation": N_("财政拨款"),
    "special_account": N_("财政专户管理资金"),
    "business": N_("事业收入"),
    "operating": N_("经营收入"),
    "superior_subsidy": N_("上级补助收入"),
    "affiliate_remittance": N_("附属单位上缴收入"),
    "other": N_("其他收入"),
    "carryover": N_("上年结转"),
    "basic": N_("基本支出"),
    "project": N_("项目支出"),
    "remit_to_superior": N_("上缴上级支出"),
    "subsidy_to_affiliates": N_("对附属单位补助支出"),
    "general_public_budget": N_("一般公共预算"),
    "government_fund": N_("政府性基金预算"),
    "state_capital": N_("国有资本经营预算"),
    "personnel": N_("人员经费"),
    "public": N_("公用经费"),
    "reserve": N_("预留机动经费"),
    "carry_forward": N_("结转下年"),
    "non_fiscal_balance": N_("使用非财政拨款结余"),
    "nature": N_("机构性质"),
    "rank": N_("级别"),
    "funding": N_("经费形式"),
    "project_code": N_("项目编码"),
    "budget": N_("预算数"),
    "fiscal_funds": N_("财政资金"),
    "other_funds": N_("其他资金"),
    "purpose": N_("项目概述"),
    "plan_q1": N_("一季度"),
    "plan_q2": N_("二季度"),
    "plan_q3": N_("三季度"),
    "plan_q4": N_("四季度"),
    "plan": N_("支出计划"),
    "level1": N_("一级指标"),
    "level2": N_("二级指标"),
    "level3": N_("三级指标"),
    "description": N_("指标内容"),
    "target": N_("指标值"),
    "basis": N_("指标值设定依据"),
    "row_kind": N_("行次"),
    "unit": N_("单位"),
    "source_project": N_("项目名称"),
    "source_budget": N_("预算资金"),
    "item": N_("项目"),
    "catalog_code": N_("品目编码"),
    "measure_unit": N_("计量单位"),
    "quantity": N_("数量"),
    "unit_price": N_("单价"),
    "amount": N_("金额"),
    "unit_funds": N_("单位自筹"),
    "sme_reserved": N_("面向中小企业预留"),
    "funds": N_("资金来源"),
    "parent": N_("所属"),
    "quantity_unit": N_("计量单位"),
    "value": N_("价值"),
    "key": N_("指标"),
    "label": N_("名称"),
    "group": N_("类别"),
    "class_name": N_("类名称"),
    "item_name": N_("项名称"),
    "previous": N_("上年数"),
    "change": N_("增减"),
    "side": N_("收支"),
    "seq": N_("序号"),
    "code": N_("科目编码"),
    "name": N_("科目名称"),
    "level": N_("级次"),
}
# where one id names different headers in different tables
TABLE_COLUMN_LABELS: dict[tuple[str, str], str] = {
    ("expenditure", "operating"): N_("经营支出"),
    ("income", "total"): N_("收入合计"),
    ("narrative_figures", "value"): N_("数值"),
    ("narrative_items", "amount"): N_("预算数"),
    ("projects", "name"): N_("项目名称"),
    ("organizations", "name"): N_("单位名称"),
}

# the figures the 情况说明 quotes (narrative_figures.key)
NARRATIVE_LABELS: dict[str, str] = {
    "income_total": N_("收入合计"),
    "income_general_public_budget": N_("一般公共预算收入"),
    "income_government_fund": N_("政府性基金预算收入"),
    "income_state_capital": N_("国有资本经营预算收入"),
    "income_special_account": N_("财政专户管理资金收入"),
    "income_unit_funds": N_("单位资金收入"),
    "income_carryover": N_("上年结转"),
    "expenditure_total": N_("支出合计"),
    "expenditure_basic": N_("基本支出"),
    "expenditure_gpb_basic": N_("一般公共预算基本支出"),
    "expenditure_personnel": N_("人员经费"),
    "expenditure_public": N_("公用经费"),
    "expenditure_project": N_("项目支出"),
    "change_total": N_("支出比上年增减"),
    "change_basic": N_("基本支出比上年增减"),
    "change_project": N_("项目支出比上年增减"),
    "operating_costs": N_("机关运行经费"),
    "three_public_total": N_("“三公”经费合计"),
    "three_public_abroad": N_("因公出国（境）费"),
    "three_public_vehicles": N_("公务用车购置及运行费"),
    "three_public_vehicle_purchase": N_("公务用车购置费"),
    "three_public_vehicle_operation": N_("公务用车运行费"),
    "three_public_reception": N_("公务接待费"),
    "three_public_change": N_("“三公”经费比上年增减"),
    "fixed_assets_total": N_("固定资产合计"),
    "fixed_assets_planned_purchase": N_("拟购置资产"),
    "final_total": N_("收入支出总计"),
    "final_fiscal_total": N_("财政拨款收入支出总计"),
    "final_income": N_("本年收入合计"),
    "final_expenditure": N_("本年支出合计"),
}

# the sides of a 收支总表 line, and what a figure does in an identity
SIDE_LABELS: dict[str, str] = {
    "income": N_("收入"),
    "expenditure": N_("支出"),
    "expenditure_use": N_("支出用途"),
}
ROLE_LABELS: dict[str, str] = {
    "total": N_("合计"),
    "part": N_("分项"),
    "unplaced": N_("未读入"),
    "page": N_("页"),
}
SEVERITY_LABELS: dict[str, str] = {
    "error": N_("错误"),
    "parse": N_("未读全"),
    "warning": N_("警告"),
    "info": N_("提示"),
}


# findings that belong to no table: the checks of the words (core.rules.words)
FINDING_GROUPS_ZH: dict[str, str] = {"words": N_("文字")}


def table_title(table: str) -> str:
    """A table's printed title (收入总表…), in the chosen language."""
    if table in TABLE_TITLES_ZH:
        return _(TABLE_TITLES_ZH[table])
    return _(FINDING_GROUPS_ZH[table]) if table in FINDING_GROUPS_ZH else table


def column_label(column: str, table: str | None = None) -> str:
    """The header a table prints for a column id; a column kept under its printed header
    (not an id) is its own label."""
    for joint in ("×", "+"):  # a figure made of several columns: quantity×unit_price
        if joint in column:
            return joint.join(column_label(c, table) for c in column.split(joint))
    label = TABLE_COLUMN_LABELS.get((table or "", column)) or COLUMN_LABELS.get(column)
    return _(label) if label else column


def narrative_label(key: str) -> str:
    return _(NARRATIVE_LABELS[key]) if key in NARRATIVE_LABELS else key


def severity_label(severity: str) -> str:
    return _(SEVERITY_LABELS.get(severity, severity))


def role_label(role: str) -> str:
    return _(ROLE_LABELS.get(role, role))


_ROW = re.compile(r"^row (\d+)$")
_PAGE = re.compile(r"^p\.(\d+)$")


def key_label(key: str, table: str | None = None) -> str:
    """A row key as the reader names it: a code or a name stays; ``row 3`` is 第3行,
    ``income:本年收入合计`` is 收入：本年收入合计, a narrative key its figure's name."""
    if m := _ROW.match(key):
        return _("第{n}行").format(n=m.group(1))
    if m := _PAGE.match(key):
        return _("第{page}页").format(page=m.group(1))
    if key == "reading":
        return _("读取")
    if key == "合计":
        return _("合计")
    if key in NARRATIVE_LABELS:
        return narrative_label(key)
    side, sep, rest = key.partition(":")
    if sep and side in SIDE_LABELS:
        return f"{_(SIDE_LABELS[side])}：{rest}"
    return key


def location_label(location: str, table: str | None = None) -> str:
    """A finding's location (``20402/basic``, ``row 3/amount``, ``income_total``) in the
    reader's terms: ``20402 基本支出``, ``第3行 金额``, ``收入合计``."""
    parts = location.split("/")
    if len(parts) > 1 and (
        parts[-1] in COLUMN_LABELS or (table or "", parts[-1]) in TABLE_COLUMN_LABELS
    ):
        return " ".join(
            [*(key_label(p, table) for p in parts[:-1]), column_label(parts[-1], table)]
        )
    return " ".join(key_label(p, table) for p in parts)


ROW_KIND_LABELS: dict[str, str] = {
    "total": N_("合计"),
    "subtotal": N_("小计"),
    "line": N_("明细"),
    "category": N_("品目"),
    "project": N_("项目"),
}


def row_kind_label(kind: str) -> str:
    """What a procurement row is (procurement.row_kind), as the table prints it."""
    return _(ROW_KIND_LABELS.get(kind, kind))


def page_failure(page: int, reason: str) -> str:
    """A page that could not be read, named with its reason in words."""
    return _("第 {page} 页无法读取：{reason}").format(page=page, reason=_(reason))


def partial_reading(total: int, lost: list[int]) -> str:
    """A package read in part, as it says so first: how many pages were lost, and which."""
    return _(
        "只读出一部分：{total} 页中 {n} 页无法读取（第 {pages} 页），这些页上的核对未进行"
    ).format(total=total, n=len(lost), pages="、".join(map(str, sorted(lost))))
