"""Reference data: the 类 (classes) of the functional classification of government
expenditure (政府收支分类科目, 支出功能分类), by code, with the names earlier years used.

Some producers print their functional tables and summaries by name only (Zhejiang lists 类,
款 and 项 by name and indentation): a class line is then known by its name.
"""

from __future__ import annotations

import re

FUNCTIONAL_CLASSES: dict[str, tuple[str, ...]] = {
    "201": ("一般公共服务支出",),
    "202": ("外交支出",),
    "203": ("国防支出",),
    "204": ("公共安全支出",),
    "205": ("教育支出",),
    "206": ("科学技术支出",),
    "207": ("文化旅游体育与传媒支出", "文化体育与传媒支出"),
    "208": ("社会保障和就业支出",),
    "209": ("社会保险基金支出",),
    "210": ("卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出"),
    "211": ("节能环保支出",),
    "212": ("城乡社区支出", "城乡社区事务"),
    "213": ("农林水支出", "农林水事务"),
    "214": ("交通运输支出",),
    "215": ("资源勘探工业信息等支出", "资源勘探信息等支出"),
    "216": ("商业服务业等支出",),
    "217": ("金融支出",),
    "219": ("援助其他地区支出",),
    "220": ("自然资源海洋气象等支出", "国土海洋气象等支出"),
    "221": ("住房保障支出",),
    "222": ("粮油物资储备支出",),
    "223": ("国有资本经营预算支出",),
    "224": ("灾害防治及应急管理支出",),
    "227": ("预备费",),
    "229": ("其他支出",),
    "230": ("转移性支出",),
    "231": ("债务还本支出",),
    "232": ("债务付息支出",),
    "233": ("债务发行费用支出",),
    "234": ("抗疫特别国债安排的支出",),
}
_BY_NAME = {name: code for code, names in FUNCTIONAL_CLASSES.items() for name in names}
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def class_code(name: str | None) -> str | None:
    """The code of the class a name (perhaps after an ordinal: 一、…) names, else None."""
    if not name:
        return None
    return _BY_NAME.get(_ORDINAL.sub("", name.replace(" ", "")))


def class_lines(names: list[str | None]) -> list[int]:
    """Which of a list of names, printed in order, are class lines: a class name, the first
    of a run (其他支出 is also the name of the 款 and 项 under 229 that follow it)."""
    found = []
    for i, name in enumerate(names):
        if class_code(name) and (i == 0 or names[i - 1] != name):
            found.append(i)
    return found
