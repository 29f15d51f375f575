"""Variants of the seed the parser must survive, and the seed with one injected defect."""

from __future__ import annotations

import re
from decimal import Decimal

from .seed import CLASSES, gpb_part, seed_disclosure
from .spec import Disclosure, ProsePart, TablePart

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def parts_titled(doc: Disclosure, *words: str) -> list[TablePart]:
    return [
        p
        for p in doc.parts
        if isinstance(p, TablePart) and p.title and any(w in p.title for w in words)
    ]


def part(doc: Disclosure, word: str) -> TablePart:
    found = parts_titled(doc, word)
    assert found, word
    return found[0]


def set_cell(table: TablePart, first_texts: tuple[str, ...], column: int, text: str) -> None:
    """Change the cell at ``column`` of the first body row containing all ``first_texts``."""
    for body_row in table.body:
        texts = [c.text or "" for c in body_row]
        if all(any(t == x for x in texts) for t in first_texts):
            col = 0
            for c in body_row:
                if col == column:
                    c.text = text
                    return
                col += c.colspan
    raise AssertionError(f"no row with {first_texts}")


def keep_parts(doc: Disclosure, *words: str, prose: bool = False) -> Disclosure:
    kept = [
        p
        for p in doc.parts
        if (isinstance(p, TablePart) and p.title and any(w in p.title for w in words))
        or (prose and isinstance(p, ProsePart))
    ]
    return Disclosure(doc.department_code, doc.department, doc.year, doc.unit, kept)


# -- variants -----------------------------------------------------------------------------


def renamed_titles() -> Disclosure:
    """Titles of other provinces and years, with a year, an ordinal and a 公开NN表 tag."""
    doc = seed_disclosure()
    renames = {
        "部门预算收支总表": "2024年部门收支预算总表",
        "部门预算收入总表": "公开02表 部门收入预算表",
        "部门预算支出总表": "三、部门支出预算表",
        "部门预算财政拨款收支总表": "四、财政拨款收支预算总表",
        "部门预算一般公共预算财政拨款支出表": "2024年一般公共预算支出功能分类预算表",
        "部门预算一般公共预算财政拨款基本支出表": "一般公共预算基本支出预算表（经济科目）",
    }
    for p in doc.parts:
        if isinstance(p, TablePart) and p.title in renames:
            p.title = renames[p.title]
    return doc


def _to_yuan(text: str | None) -> str | None:
    if not text or not _NUMBER.match(text):
        return text
    value = Decimal(text) * 10000
    return f"{value:,.2f}"


def in_yuan() -> Disclosure:
    """单位：元 with thousands separators in the functional and basic tables."""
    doc = seed_disclosure()
    doc.unit = "元"
    for p in parts_titled(doc, "收支总表", "收入总表", "支出总表", "支出表", "基本支出表"):
        p.col_widths = [w * (1.4 if i >= 3 else 1) for i, w in enumerate(p.col_widths)]
        for body_row in p.body:
            for c in body_row:
                if c.text and c.text.isdigit() and len(c.text) <= 2:
                    continue  # 序号
                if c.text and "." in c.text:
                    c.text = _to_yuan(c.text)
    return keep_parts(
        doc, "收支总表", "收入总表", "部门预算支出总表", "一般公共预算财政拨款支出表", "基本支出表"
    )


def no_repeated_header() -> Disclosure:
    """The 支出总表 continues on pages that repeat neither the headers nor the 栏次 row."""
    doc = seed_disclosure()
    part(doc, "部门预算支出总表").repeat_head = []
    part(doc, "部门预算一般公共预算财政拨款基本支出表").repeat_head = []
    return keep_parts(doc, "部门预算支出总表", "基本支出表")


def big_department(n_classes: int = 20, n_kuan: int = 4, n_xiang: int = 4) -> Disclosure:
    """A department with hundreds of functional rows over many pages, all consistent."""
    rows: list[tuple[str, str, str, str, str]] = []
    grand = [Decimal(0), Decimal(0), Decimal(0)]
    blocks = []
    for c in range(n_classes):
        cls = f"2{c + 1:02d}"
        cls_sum = [Decimal(0)] * 3
        kuans = []
        for k in range(n_kuan):
            kuan = f"{cls}{k + 1:02d}"
            kuan_sum = [Decimal(0)] * 3
            xiangs = []
            for x in range(n_xiang):
                basic = Decimal((c * 37 + k * 11 + x * 7) % 500) + Decimal("0.25") * x
                project = Decimal((c * 13 + k * 17 + x * 5) % 300) + Decimal("0.10") * k
                total = basic + project
                xiangs.append(
                    (f"{kuan}{x + 1:02d}", f"项目{c + 1}-{k + 1}-{x + 1}", total, basic, project)
                )
                kuan_sum = [a + b for a, b in zip(kuan_sum, (total, basic, project), strict=True)]
            kuans.append((kuan, f"款{c + 1}-{k + 1}", *kuan_sum, xiangs))
            cls_sum = [a + b for a, b in zip(cls_sum, kuan_sum, strict=True)]
        blocks.append((cls, CLASSES[c % len(CLASSES)] + f"{c + 1}", *cls_sum, kuans))
        grand = [a + b for a, b in zip(grand, cls_sum, strict=True)]

    def s(v: Decimal) -> str:
        return f"{v:.2f}" if v else ""

    rows.append(("", "合计", s(grand[0]), s(grand[1]), s(grand[2])))
    for cls, name, t, b, p, kuans in blocks:
        rows.append((cls, name, s(t), s(b), s(p)))
        for kuan, kname, kt, kb, kp, xiangs in kuans:
            rows.append((kuan, kname, s(kt), s(kb), s(kp)))
            for code, xname, xt, xb, xp in xiangs:
                rows.append((code, xname, s(xt), s(xb), s(xp)))
    table = gpb_part("部门预算一般公共预算财政拨款支出表", rows)
    return Disclosure("901", "大型综合部门", 2024, "万元", [table])


# -- injected defects ------------------------------------------------------------------------


def defect_xiang_off_by_one() -> Disclosure:
    """2040201 行政运行 printed 1.00 too high in 支出总表: 20402 ≠ Σ its 项."""
    doc = seed_disclosure()
    set_cell(part(doc, "部门预算支出总表"), ("2040201",), 3, "5523.96")
    set_cell(part(doc, "部门预算支出总表"), ("2040201",), 4, "5523.96")
    return keep_parts(doc, "部门预算支出总表")


def defect_expenditure_total() -> Disclosure:
    """支出总表 合计 differs from 收支总表 本年支出合计."""
    doc = seed_disclosure()
    table = part(doc, "部门预算支出总表")
    table.body[0][2].text = "11746.92"  # body[0] is [序号, 合计 (spans 2), total, ...]
    return keep_parts(doc, "部门预算收支总表", "部门预算支出总表")


def defect_narrative() -> Disclosure:
    """The narrative says 基本支出 7097.75 where the tables say 7097.57."""
    doc = seed_disclosure()
    for p in doc.parts:
        if isinstance(p, ProsePart):
            p.blocks = [
                b.replace("其中基本支出 7097.57万元", "其中基本支出 7097.75万元")
                if isinstance(b, str)
                else b
                for b in p.blocks
            ]
    return keep_parts(doc, "部门预算支出总表", "基本支出表", prose=True)


def defect_quantity_price() -> Disclosure:
    """执法记录仪: 2 × 87.00 printed as an amount of 87.00."""
    doc = seed_disclosure()
    set_cell(part(doc, "部门政府采购预算"), ("执法记录仪",), 5, "2")
    return keep_parts(doc, "部门政府采购预算")


def defect_personnel_public() -> Disclosure:
    """基本支出表 合计: 人员经费 + 公用经费 ≠ 合计 (6232.27 printed as 6232.72)."""
    doc = seed_disclosure()
    table = part(doc, "基本支出表")
    table.body[0][3].text = "6232.72"  # [序号, 合计 (2 cols), total, personnel, public]
    return keep_parts(doc, "基本支出表")


def defect_three_public() -> Disclosure:
    """ "三公"经费小计 printed 31.00 where its kinds add up to 30.00."""
    doc = seed_disclosure()
    table = part(doc, "三公")
    set_cell(table, ("“三公”经费小计",), 2, "31.00")
    set_cell(table, ("“三公”经费小计",), 3, "31.00")
    set_cell(table, ("合计",), 2, "31.00")
    set_cell(table, ("合计",), 3, "31.00")
    return keep_parts(doc, "三公")
