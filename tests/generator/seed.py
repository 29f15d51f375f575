"""The seed disclosure (平乡县公安局, 2024) as a structured description.

Every figure here is transcribed from ``shared/seed/000_365c8d074fbd9767.txt``. The page
breaks follow the seed's pages, including the rows a break cuts in two.

    python -m tests.generator.seed examples/pingxiang_police_2024.pdf
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .render import render
from .spec import Cell, Disclosure, ProsePart, Row, TablePart, row

HERE = Path(__file__).parent
EXAMPLE = HERE.parent.parent / "examples" / "pingxiang_police_2024.pdf"

CLASSES = [
    "一般公共服务支出",
    "外交支出",
    "国防支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "社会保障和就业支出",
    "社会保险基金支出",
    "卫生健康支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "资源勘探工业信息等支出",
    "商业服务业等支出",
    "金融支出",
    "援助其他地区支出",
    "自然资源海洋气象等支出",
    "住房保障支出",
    "粮油物资储备支出",
    "国有资本经营预算支出",
    "灾害防治及应急管理支出",
    "预备费",
    "其他支出",
    "转移性支出",
    "债务还本支出",
    "债务付息支出",
    "债务发行费用支出",
    "抗疫特别国债安排的支出",
    "人行科目",
]
ORDINALS = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
    "二十五",
    "二十六",
    "二十七",
    "二十八",
    "二十九",
    "三十",
    "三十一",
]
CLASS_AMOUNTS = {
    "公共安全支出": "10571.02",
    "社会保障和就业支出": "521.00",
    "卫生健康支出": "279.90",
    "住房保障支出": "374.00",
}

# 收支总表 income lines: (item, amount)
SUMMARY_INCOME = [
    ("一、一般公共预算拨款收入", "11624.03"),
    ("二、政府性基金预算拨款收入", ""),
    ("三、国有资本经营预算拨款收入", ""),
    ("四、财政专户管理资金收入", ""),
    ("五、单位资金", ""),
]
SUMMARY_TOTALS = [
    ("本年收入合计", "11624.03", "本年支出合计", "11745.92"),
    ("上年结转结余", "121.89", "年终结转结余", ""),
    ("收入总计", "11745.92", "支出总计", "11745.92"),
]

# (code, name, total, current_year_subtotal, fiscal_appropriation, carryover)
INCOME = [
    ("", "合计", "11745.92", "11624.03", "11624.03", "121.89"),
    ("204", "公共安全支出", "10571.02", "10449.13", "10449.13", "121.89"),
    ("20401", "武装警察部队", "25.00", "25.00", "25.00", ""),
    ("2040101", "武装警察部队", "25.00", "25.00", "25.00", ""),
    ("20402", "公安", "10546.02", "10424.13", "10424.13", "121.89"),
    ("2040201", "行政运行", "5522.96", "5522.96", "5522.96", ""),
    ("2040202", "一般行政管理事务", "77.76", "77.76", "77.76", ""),
    ("2040203", "机关服务", "1400.00", "1400.00", "1400.00", ""),
    ("2040219", "信息化建设", "980.00", "880.00", "880.00", "100.00"),
    ("2040220", "执法办案", "1715.52", "1715.52", "1715.52", ""),
    ("2040299", "其他公安支出", "849.78", "827.89", "827.89", "21.89"),
    ("208", "社会保障和就业支出", "521.00", "521.00", "521.00", ""),
    ("20805", "行政事业单位养老支出", "521.00", "521.00", "521.00", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "465.00", "465.00", "465.00", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "56.00", "56.00", "56.00", ""),
    ("210", "卫生健康支出", "279.90", "279.90", "279.90", ""),
    ("21011", "行政事业单位医疗", "279.90", "279.90", "279.90", ""),
    ("2101101", "行政单位医疗", "221.00", "221.00", "221.00", ""),
    ("2101103", "公务员医疗补助", "58.90", "58.90", "58.90", ""),
    ("221", "住房保障支出", "374.00", "374.00", "374.00", ""),
    ("22102", "住房改革支出", "374.00", "374.00", "374.00", ""),
    ("2210201", "住房公积金", "374.00", "374.00", "374.00", ""),
]

# (code, name, total, basic, project): 支出总表 and 一般公共预算财政拨款支出表 agree in the seed.
EXPENDITURE = [
    ("", "合计", "11745.92", "7097.57", "4648.35"),
    ("204", "公共安全支出", "10571.02", "5922.67", "4648.35"),
    ("20401", "武装警察部队", "25.00", "", "25.00"),
    ("2040101", "武装警察部队", "25.00", "", "25.00"),
    ("20402", "公安", "10546.02", "5922.67", "4623.35"),
    ("2040201", "行政运行", "5522.96", "5522.96", ""),
    ("2040202", "一般行政管理事务", "77.76", "", "77.76"),
    ("2040203", "机关服务", "1400.00", "", "1400.00"),
    ("2040219", "信息化建设", "980.00", "", "980.00"),
    ("2040220", "执法办案", "1715.52", "399.71", "1315.81"),
    ("2040299", "其他公安支出", "849.78", "", "849.78"),
    ("208", "社会保障和就业支出", "521.00", "521.00", ""),
    ("20805", "行政事业单位养老支出", "521.00", "521.00", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "465.00", "465.00", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "56.00", "56.00", ""),
    ("210", "卫生健康支出", "279.90", "279.90", ""),
    ("21011", "行政事业单位医疗", "279.90", "279.90", ""),
    ("2101101", "行政单位医疗", "221.00", "221.00", ""),
    ("2101103", "公务员医疗补助", "58.90", "58.90", ""),
    ("221", "住房保障支出", "374.00", "374.00", ""),
    ("22102", "住房改革支出", "374.00", "374.00", ""),
    ("2210201", "住房公积金", "374.00", "374.00", ""),
]

# (code, name, total, personnel, public): 基本支出表 by economic code.
BASIC = [
    ("", "合计", "7097.57", "6232.27", "865.30"),
    ("301", "工资福利支出", "6126.97", "6126.97", ""),
    ("30101", "基本工资", "1856.53", "1856.53", ""),
    ("30102", "津贴补贴", "728.68", "728.68", ""),
    ("30103", "奖金", "377.40", "377.40", ""),
    ("30107", "绩效工资", "454.79", "454.79", ""),
    ("30108", "机关事业单位基本养老保险缴费", "465.00", "465.00", ""),
    ("30109", "职业年金缴费", "56.00", "56.00", ""),
    ("30110", "职工基本医疗保险缴费", "221.00", "221.00", ""),
    ("30111", "公务员医疗补助缴费", "58.90", "58.90", ""),
    ("30112", "其他社会保障缴费", "15.40", "15.40", ""),
    ("30113", "住房公积金", "374.00", "374.00", ""),
    ("30199", "其他工资福利支出", "1519.27", "1519.27", ""),
    ("302", "商品和服务支出", "845.30", "", "845.30"),
    ("30201", "办公费", "95.00", "", "95.00"),
    ("30202", "印刷费", "35.00", "", "35.00"),
    ("30203", "咨询费", "1.50", "", "1.50"),
    ("30205", "水费", "12.00", "", "12.00"),
    ("30206", "电费", "89.00", "", "89.00"),
    ("30207", "邮电费", "21.20", "", "21.20"),
    ("30208", "取暖费", "39.00", "", "39.00"),
    ("30209", "物业管理费", "49.00", "", "49.00"),
    ("30211", "差旅费", "38.40", "", "38.40"),
    ("30213", "维修(护)费", "30.00", "", "30.00"),
    ("30214", "租赁费", "2.00", "", "2.00"),
    ("30218", "专用材料费", "5.00", "", "5.00"),
    ("30224", "被装购置费", "30.00", "", "30.00"),
    ("30227", "委托业务费", "30.00", "", "30.00"),
    ("30228", "工会经费", "56.60", "", "56.60"),
    ("30229", "福利费", "65.00", "", "65.00"),
    ("30231", "公务用车运行维护费", "30.00", "", "30.00"),
    ("30239", "其他交通费用", "209.50", "", "209.50"),
    ("30299", "其他商品和服务支出", "7.10", "", "7.10"),
    ("303", "对个人和家庭的补助", "105.30", "105.30", ""),
    ("30302", "退休费", "89.60", "89.60", ""),
    ("30305", "生活补助", "15.70", "15.70", ""),
    ("310", "资本性支出", "20.00", "", "20.00"),
    ("31002", "办公设备购置", "20.00", "", "20.00"),
]

# (item, total, general_public_budget)
THREE_PUBLIC = [
    ("合计", "30.00", "30.00"),
    ("“三公”经费小计", "30.00", "30.00"),
    ("一、因公出国（境）费", "", ""),
    ("其中：教学科研人员因公出国（境）费", "", ""),
    ("其他因公出国（境）费", "", ""),
    ("二、公务用车购置及运维费", "30.00", "30.00"),
    ("其中：公务用车购置费", "", ""),
    ("公务用车运行维护费", "30.00", "30.00"),
    ("三、公务接待费", "", ""),
    ("四、会议费", "", ""),
    ("其他会议费", "", ""),
    ("五、培训费", "", ""),
]

ORGANIZATIONS = [
    ("平乡县公安局本级", "行政", "正科级", "财政拨款"),
    ("平乡县看守所", "行政", "股级", "财政拨款"),
    ("平乡县公安局交通警察大队", "行政", "正科级", "财政拨款"),
]

# Procurement: ("total"|"subtotal", label, amount) or
# ("line", source_project, source_budget, item, catalog, measure, qty, price, amount)
# A line whose source budget is "**" is classified in every printed cell.
_JG = "交管业务费（运转保障项目）"
PROCUREMENT = [
    ("total", "合计", "996.60"),
    ("subtotal", "平乡县公安局本级小计", "694.00"),
    ("line", "公安业务费", "331.00", "执法记录仪", "A02020600", "万元", "1", "87.00", "87.00"),
    (
        "line",
        "公安业务费",
        "331.00",
        "警察业务用房施工",
        "B01020100",
        "万元",
        "1",
        "30.00",
        "30.00",
    ),
    ("line", "56 号", "**"),
    ("line", "56 号", "**"),
    ("line", "50 号", "**"),
    ("line", "50 号", "**"),
    (
        "line",
        "平乡县网络运营维护项目",
        "880.00",
        "基础环境运维服务",
        "C16070100",
        "年",
        "1",
        "300.00",
        "300.00",
    ),
    ("subtotal", "平乡县公安局交通警察大队小计", "302.60"),
    ("line", "49 号", "**"),
    ("line", "49 号", "**"),
    ("line", "49 号", "**"),
    ("line", "49 号", "**"),
    ("line", _JG, "270.00", "墙", "A01022500", "处", "1", "72.60", "72.60"),
    ("line", _JG, "270.00", "交通管理设备", "A02370200", "批", "1", "41.61", "41.61"),
    ("line", _JG, "270.00", "其他社会服务", "C05990000", "年", "1", "2.00", "2.00"),
    ("line", _JG, "270.00", "其他运行维护服务", "C16079900", "年", "1", "78.39", "78.39"),
    ("line", _JG, "270.00", "法律鉴证服务", "C20020300", "年", "1", "3.00", "3.00"),
    ("line", _JG, "270.00", "房屋租赁服务", "C21020000", "年", "1", "22.00", "22.00"),
    ("line", _JG, "270.00", "车辆加油、添加燃料服务", "C23120302", "年", "1", "9.00", "9.00"),
    ("line", _JG, "270.00", "其他维修和保养服务", "C23129900", "年", "1", "33.00", "33.00"),
]
PROCUREMENT_NOTE = (
    "注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。"
    "涉密采购事项按照相关规定执行。"
)

# (label as printed, quantity, value)
FIXED_ASSETS = [
    ("资产总额", "", "11766.50"),
    ("1、房屋（平方米）", "31001.01", "2954.96"),
    ("其中：办公用房（平方米）", "8390", "880.41"),
    ("2、车辆（台、辆）", "54", "615.08"),
    ("3、单价在 20 万元以上的设备", "104", "3848.32"),
    ("4、其他固定资产", "3192", "4348.15"),
]


@dataclass
class Card:
    seq: int
    title: str
    project_code: str
    name: str
    budget: str
    fiscal: str
    other: str
    purpose: str
    plan: list[str]
    goal: str
    indicators: list[tuple[str, str, str, str, str, str]]


def load_cards() -> list[Card]:
    cards: list[Card] = []
    for line in (HERE / "seed_cards.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("@ "):
            f = line[2:].split("|")
            clean = ["" if x == "-" else x for x in f]
            cards.append(
                Card(
                    int(f[0]),
                    f[1],
                    f[2],
                    f[3],
                    clean[4],
                    clean[5],
                    clean[6],
                    f[7],
                    ["" if x == "-" else x for x in f[8].split(",")],
                    f[9].replace("\\n", "\n"),
                    [],
                )
            )
        else:
            parts = tuple("" if x == "-" else x for x in line.split("|"))
            assert len(parts) == 6, line
            cards[-1].indicators.append(parts)  # type: ignore[arg-type]
    return cards


def load_prose() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in (HERE / "seed_prose.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:]
            sections[current] = []
        else:
            sections[current].append(line)
    return sections


# -- table layouts -----------------------------------------------------------------------


def C(text: str | None, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan, rowspan)


def lanci(n_values: int) -> Row:
    """The 栏次 row: column numbers under the headers."""
    return [C("栏次")] + [C(str(i + 1)) for i in range(n_values)]


def functional_head(value_headers: list[str]) -> list[Row]:
    return [
        [C("序号", 1, 2), C("功能分类科目", 2)] + [C(h, 1, 2) for h in value_headers],
        [C("科目编码"), C("科目名称")],
        lanci(len(value_headers) + 1),
    ]


def summary_part(unit: str = "万元", title: str = "部门预算收支总表") -> TablePart:
    body: list[Row] = []
    for i, cls in enumerate(CLASSES):
        inc_item, inc_amt = SUMMARY_INCOME[i] if i < len(SUMMARY_INCOME) else ("", "")
        body.append(
            row(str(i + 1), inc_item, inc_amt, f"{ORDINALS[i]}、{cls}", CLASS_AMOUNTS.get(cls, ""))
        )
    for j, (a, b, c, d) in enumerate(SUMMARY_TOTALS):
        body.append(row(str(len(CLASSES) + j + 1), a, b, c, d))
    head = [
        [C("序号", 1, 2), C("收入", 2), C("支出", 2)],
        [C("项 目"), C("预算数"), C("项 目"), C("预算数")],
        lanci(4),
    ]
    return TablePart(title, [28, 82, 70, 82, 70], head, body, breaks={10: 1, 21: 0, 33: 0})


def income_part(title: str = "部门预算收入总表") -> TablePart:
    head = [
        [
            C("序号", 1, 2),
            C("功能分类科目", 2),
            C("合计", 1, 2),
            C("本年收入", 8),
            C("上年结转", 1, 2),
        ],
        [
            C("科目编码"),
            C("科目名称"),
            C("小计"),
            C("财政拨款收入"),
            C("财政专户收入"),
            C("事业收入"),
            C("经营收入"),
            C("上级补助收入"),
            C("附属单位上缴收入"),
            C("其他收入"),
        ],
        lanci(12),
    ]
    body = [
        row(str(i + 1), code, name, total, sub, fiscal, "", "", "", "", "", "", carry)
        for i, (code, name, total, sub, fiscal, carry) in enumerate(INCOME)
    ]
    body[0] = [C("1"), C("合计", 2), *body[0][3:]]
    return TablePart(
        title, [20, 22, 22] + [22] * 10, head, body, breaks={6: 1, 12: 0, 14: 5, 19: 2}
    )


def expenditure_part(title: str = "部门预算支出总表") -> TablePart:
    head = functional_head(
        ["合计", "基本支出", "项目支出", "经营支出", "上解上级支出", "对附属单位补助支出"]
    )
    head[0][1:] = [C("功能分类科目", 2)] + [
        C(h, 1, 2)
        for h in ["合计", "基本支出", "项目支出", "经营支出", "上解上级支出", "对附属单位补助支出"]
    ]
    body = [
        row(str(i + 1), code, name, total, basic, project, "", "", "")
        for i, (code, name, total, basic, project) in enumerate(EXPENDITURE)
    ]
    body[0] = [C("1"), C("合计", 2), *body[0][3:]]
    return TablePart(title, [22, 33, 40, 33, 33, 33, 33, 40, 40], head, body, breaks={10: 1, 17: 1})


def fiscal_summary_part(title: str = "部门预算财政拨款收支总表") -> TablePart:
    income = [
        ("一、一般公共预算拨款", "11624.03"),
        ("二、政府性基金预算拨款", ""),
        ("三、国有资本经营预算拨款", ""),
    ]
    body: list[Row] = []
    for i, cls in enumerate(CLASSES):
        item, amt = income[i] if i < len(income) else ("", "")
        v = CLASS_AMOUNTS.get(cls, "")
        body.append(row(str(i + 1), item, amt, f"{ORDINALS[i]}、{cls}", v, v, "", ""))
    body += [
        row("32", "本年收入合计", "11624.03", "本年支出合计", "11745.92", "11745.92", "", ""),
        row("33", "年初财政拨款结转和结余", "121.89", "年末财政拨款结转和结余", "", "", "", ""),
        row("34", "一、一般公共预算拨款", "121.89", "", "", "", "", ""),
        row("35", "二、政府性基金预算拨款", "", "", "", "", "", ""),
        row("36", "三、国有资本经营预算拨款", "", "", "", "", "", ""),
        row("37", "收入总计", "11745.92", "支出总计", "11745.92", "11745.92", "", ""),
    ]
    head = [
        [C("序号", 1, 2), C("收入", 2), C("支出", 5)],
        [
            C("项 目"),
            C("金额"),
            C("项 目"),
            C("合计"),
            C("一般公共预算财政拨款"),
            C("政府性基金预算财政拨款"),
            C("国有资本经营预算财政拨款"),
        ],
        lanci(7),
    ]
    return TablePart(
        title,
        [22, 40, 40, 40, 40, 40, 40, 40],
        head,
        body,
        breaks={6: 0, 11: 2, 17: 2, 22: 2, 28: 2, 34: 2},
    )


def gpb_part(
    title: str,
    rows: list[tuple[str, str, str, str, str]],
    note: str | None = None,
    breaks: dict[int, int] | None = None,
) -> TablePart:
    head = functional_head(["合计", "基本支出", "项目支出"])
    body = [
        row(str(i + 1), code, name, total, basic, project)
        for i, (code, name, total, basic, project) in enumerate(rows)
    ]
    if body:
        body[0] = [C("1"), C("合计", 2), *body[0][3:]]
    return TablePart(title, [28, 60, 58, 70, 70, 70], head, body, note=note, breaks=breaks or {})


def basic_part(title: str = "部门预算一般公共预算财政拨款基本支出表") -> TablePart:
    head = [
        [C("序号", 1, 2), C("支出部门经济分类科目", 2), C("一般公共预算基本支出", 3)],
        [C("科目编码"), C("科目名称"), C("合计"), C("人员经费"), C("公用经费")],
        lanci(5),
    ]
    body = [
        row(str(i + 1), code, name, total, personnel, public)
        for i, (code, name, total, personnel, public) in enumerate(BASIC)
    ]
    body[0] = [C("1"), C("合计", 2), *body[0][3:]]
    return TablePart(title, [28, 60, 58, 70, 70, 70], head, body, breaks={12: 1, 29: 0})


def three_public_part(title: str = "部门预算财政拨款“三公”经费支出表") -> TablePart:
    head = [
        [
            C("序号"),
            C("项 目 / 资 金 性 质"),
            C("合计"),
            C("一般公共预算财政拨款"),
            C("政府性基金预算拨款"),
            C("国有资本经营预算财政拨款"),
        ],
        lanci(5),
    ]
    body = [
        row(str(i + 1), item, total, gpb, "", "")
        for i, (item, total, gpb) in enumerate(THREE_PUBLIC)
    ]
    return TablePart(title, [28, 58, 60, 60, 60, 60], head, body, breaks={7: 0})


def organizations_table() -> TablePart:
    head = [[C("单位名称"), C("单位性质"), C("单位规格"), C("经费保障形式")]]
    body = [row(*r) for r in ORGANIZATIONS]
    return TablePart(
        "部门机构设置情况", [160, 80, 80, 120], head, body, header_line=None, new_page=False
    )


def card_part(card: Card, intro: list[str]) -> TablePart:
    widths = [52, 62, 70, 130, 70, 86]  # 一级, 二级, 三级, 描述, 指标值, 依据
    plan = [C(v) for v in card.plan]
    top: list[Row] = [
        [C("项目编码"), C(card.project_code, 2), C("项目名称"), C(card.name, 2)],
        [
            C("预算规模及资金用途", 1, 2),
            C("预算数"),
            C(card.budget),
            C("其中：财政资金"),
            C(card.fiscal),
            C("其他资金 " + card.other if card.other else "其他资金"),
        ],
        [C(card.purpose, 5)],
        [C("资金支出计划（%）", 1, 2), C("3月底"), C("6月底"), C("10月底"), C("12月底", 2)],
        [*plan[:3], Cell(plan[3].text, 2)],
        [C("绩效目标"), C(card.goal, 5)],
    ]
    indicator_head = [
        C("一级指标"),
        C("二级指标"),
        C("三级指标"),
        C("绩效指标描述"),
        C("指标值"),
        C("指标值确定依据"),
    ]
    body: list[Row] = []
    previous = None
    for ind in card.indicators:
        level1 = None if ind[0] == previous else ind[0]  # a merged 一级指标 cell
        previous = ind[0]
        body.append([Cell(level1)] + [C(x) for x in ind[1:]])
    return TablePart(
        f"{card.seq}、{card.title}",
        widths,
        [*top, indicator_head],
        body,
        repeat_head=[indicator_head],
        header_line=None,
        subtitle="单位：万元",
        intro=intro,
        title_align="l",
    )


def procurement_part(entries: list[tuple[str, ...]] | None = None) -> TablePart:
    """The 政府采购 table of ``entries`` (``PROCUREMENT``'s shape; the seed's by default)."""
    head = [
        [
            C("政府采购项目来源", 2),
            C("采购物品名称", 1, 2),
            C("政府采购目录序号", 1, 2),
            C("计量单位", 1, 2),
            C("数量", 1, 2),
            C("单价", 1, 2),
            C("政府采购金额（当年部门预算安排资金）", 7),
            C("2024年预留中小微企业份额", 1, 2),
        ],
        [
            C("项目名称"),
            C("预算资金"),
            C("合计"),
            C("一般公共预算拨款"),
            C("基金预算拨款"),
            C("国有资本经营预算拨款"),
            C("财政专户核拨"),
            C("单位资金"),
            C("上年结转结余"),
        ],
    ]
    body: list[Row] = []
    for entry in PROCUREMENT if entries is None else entries:
        kind = entry[0]
        if kind in ("total", "subtotal"):
            amt = entry[2]
            body.append([C(entry[1], 7), C(amt), C(amt)] + [C("")] * 5 + [C(amt)])
        elif entry[2] == "**":
            body.append([C(entry[1])] + [C("**")] * 8 + [C("")] * 5 + [C("**")])
        else:
            _, src, budget, item, cat, unit, qty, price, amt = entry
            body.append(
                row(src, budget, item, cat, unit, qty, price, amt, amt, "", "", "", "", "", amt)
            )
    return TablePart(
        "部门政府采购预算",
        [30, 34, 34, 40, 26, 22, 34, 36, 34, 30, 34, 30, 26, 30, 30],
        head,
        body,
        landscape=True,
        header_line="{code} {name}|单位：{unit}",
        intro=["八、政府采购预算情况"],
        note=PROCUREMENT_NOTE,
        font_size=8,
    )


def fixed_assets_part(intro: list[str]) -> TablePart:
    head = [[C("项 目"), C("数量"), C("价值（金额单位：万元）")]]
    body = [row(label, qty, value) for label, qty, value in FIXED_ASSETS]
    return TablePart(
        "部门固定资产占用情况表",
        [240, 110, 150],
        head,
        body,
        intro=intro,
        header_line="{code} {name}|截止时间：2023-12-31",
        breaks={4: 0},
    )


def seed_disclosure() -> Disclosure:
    prose = load_prose()
    cards = load_cards()
    parts: list[TablePart | ProsePart] = [
        summary_part(),
        income_part(),
        expenditure_part(),
        fiscal_summary_part(),
        gpb_part("部门预算一般公共预算财政拨款支出表", EXPENDITURE, breaks={13: 1}),
        basic_part(),
        gpb_part(
            "部门预算政府性基金预算财政拨款支出表",
            [],
            note="注：无政府基金预算财政拨款预算，空表列示。",
        ),
        gpb_part(
            "部门预算国有资本经营预算财政拨款支出表",
            [],
            note="注：无国有资本经营预算财政拨款预算，空表列示。",
        ),
        three_public_part(),
        ProsePart(
            [
                "第一部分 平乡县公安局 2024 年部门预算信息公开情况说明",
                *prose["narrative_head"],
                organizations_table(),
                *prose["narrative_tail"],
            ]
        ),
    ]
    for card in cards:
        intro = ["七、部门项目预算安排情况及绩效目标"] if card.seq == 1 else []
        parts.append(card_part(card, intro))
    parts.append(procurement_part())
    parts.append(fixed_assets_part(prose["assets_intro"]))
    parts.append(ProsePart(prose["glossary"]))
    return Disclosure("312", "平乡县公安局", 2024, "万元", parts)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLE
    print(render(seed_disclosure(), out))
