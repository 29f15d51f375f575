"""Variants of the seed the parser must survive, and the seed with one injected defect."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from .seed import CLASSES, EXPENDITURE, C, gpb_part, seed_disclosure
from .spec import Cell, Disclosure, ProsePart, Row, TablePart, row

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


# -- layout classes of published files -------------------------------------------------------
# One variant per layout seen in real packages; tests/test_layout_variants.py says what the
# parser must read from each.

GPB_TITLE = "部门预算一般公共预算财政拨款支出表"
BASIC_TITLE = "部门预算一般公共预算财政拨款基本支出表"
THREE_PUBLIC_TITLE = "部门预算财政拨款“三公”经费支出表"


def _only(doc: Disclosure, *titles: str) -> list[TablePart]:
    """The parts titled exactly ``titles``, in that order."""
    by_title = {p.title: p for p in doc.parts if isinstance(p, TablePart)}
    return [by_title[t] for t in titles]


def title_in_grid() -> Disclosure:
    """The title drawn inside the ruled grid as its first row, under an empty row, and the
    编制单位 / 金额单位：万元 captions in the next grid row; nothing printed above the grid."""
    doc = seed_disclosure()
    (table,) = _only(doc, GPB_TITLE)
    n = len(table.col_widths)
    half = n // 2
    table.repeat_head = list(table.head)  # continuation pages repeat the column headers
    table.head = [
        [Cell("", n)],
        [Cell(GPB_TITLE, n, size=14)],
        [
            Cell(f"编制单位：{doc.department}", half, align="l"),
            Cell("金额单位：万元", n - half, align="r"),
        ],
        *table.head,
    ]
    table.title = None
    table.header_line = None
    return Disclosure(doc.department_code, doc.department, doc.year, doc.unit, [table])


def wrapped_titles() -> Disclosure:
    """Titles Word wrapped over two lines above the table."""
    doc = seed_disclosure()
    basic, three = _only(doc, BASIC_TITLE, THREE_PUBLIC_TITLE)
    basic.title = "部门预算一般公共预算财政拨款基本支\n出表"
    three.title = "部门预算财政拨款“三公”经\n费支出表"
    return Disclosure(doc.department_code, doc.department, doc.year, doc.unit, [basic, three])


def repeated_title_and_header() -> Disclosure:
    """Continuation pages print the table's title again above the repeated header (and a
    page break still cuts a row in two)."""
    doc = seed_disclosure()
    parts = _only(doc, "部门预算支出总表", BASIC_TITLE)
    for p in parts:
        p.repeat_title = True
    return Disclosure(doc.department_code, doc.department, doc.year, doc.unit, list(parts))


def _doubled(table: TablePart) -> TablePart:
    """A copy of ``table`` whose figures are all different (twice the printed ones)."""
    body = [
        [
            Cell(
                f"{Decimal(c.text) * 2:.2f}"
                if c.text and _NUMBER.match(c.text) and "." in c.text
                else c.text,
                c.colspan,
                c.rowspan,
                c.align,
            )
            for c in r
        ]
        for r in table.body
    ]
    return replace(table, body=body, breaks={})


def outside_page_box() -> Disclosure:
    """Content outside the page box: a hidden copy of the "三公" table (other figures) far
    below its page's MediaBox, and a landscape page whose MediaBox origin is negative
    ([-12 -12 829.89 583.28]), its content shifted along."""
    doc = seed_disclosure()
    gpb, three = _only(doc, GPB_TITLE, THREE_PUBLIC_TITLE)
    gpb.landscape = True
    gpb.media_origin = (-12.0, -12.0)
    gpb.breaks = {}
    ghost = replace(_doubled(three), new_page=False, offset=(0.0, -1600.0))
    return Disclosure(doc.department_code, doc.department, doc.year, doc.unit, [gpb, three, ghost])


def _yuan(value: Decimal) -> str:
    return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}" if value else ""


def _rounded_yuan_rows(
    exact: dict[str, tuple[Decimal, Decimal]],
) -> list[tuple[str, str, str, str, str]]:
    """The seed's functional rows in 元 from exact (basic, project) amounts of the 项, each
    parent the exact sum of its 项 and every figure printed rounded to the 元."""
    names = {code: name for code, name, *_ in EXPENDITURE}
    leaves = [code for code in names if len(code) == 7]
    rows = []
    for code, name, *_ in EXPENDITURE:
        under = [leaf for leaf in leaves if leaf.startswith(code)]
        basic = sum((exact[leaf][0] for leaf in under), Decimal(0))
        project = sum((exact[leaf][1] for leaf in under), Decimal(0))
        rows.append((code, name, _yuan(basic + project), _yuan(basic), _yuan(project)))
    return rows


# the seed's 项 in 元, where 行政单位医疗 and 公务员医疗补助 carry fractions of a 元 that the
# print rounds away: 21011 (2,799,000.70) prints 2,799,001 over children printing 2,210,000 and
# 589,000, one 元 more than they add up to
_YUAN_LEAVES = {
    code: (Decimal(basic or 0) * 10000, Decimal(project or 0) * 10000)
    for code, _, _, basic, project in EXPENDITURE
    if len(code) == 7
}
_YUAN_LEAVES["2101101"] = (Decimal("2210000.40"), Decimal(0))
_YUAN_LEAVES["2101103"] = (Decimal("589000.30"), Decimal(0))


def whole_yuan() -> Disclosure:
    """单位：元, whole 元 with thousands separators and no decimals; 21011 is 1 元 off its
    rounded children (rounding, not an error: each figure stands for ±0.5 元)."""
    table = gpb_part(GPB_TITLE, _rounded_yuan_rows(_YUAN_LEAVES))
    return Disclosure("312", "平乡县公安局", 2024, "元", [table])


def defect_whole_yuan() -> Disclosure:
    """As :func:`whole_yuan`, 行政单位医疗 printed 2,209,999: 21011 is now 2 元 off (more than
    its three figures' ±1.5 元)."""
    doc = whole_yuan()
    table = doc.parts[0]
    assert isinstance(table, TablePart)
    set_cell(table, ("2101101",), 3, "2,209,999")
    set_cell(table, ("2101101",), 4, "2,209,999")
    return doc


def split_code_levels() -> Disclosure:
    """The code split over 类 / 款 / 项 columns, each row printing only its own level (the
    款 row shows "02" in the 款 column alone, the 项 row "01" in the 项 column)."""
    head = [
        [
            C("科目编码", 3),
            C("科目名称", 1, 2),
            C("合计", 1, 2),
            C("基本支出", 1, 2),
            C("项目支出", 1, 2),
        ],
        [C("类"), C("款"), C("项")],
    ]
    body: list[Row] = []
    for code, name, total, basic, project in EXPENDITURE:
        if not code:
            body.append([C("合计", 4), *row(total, basic, project)])
            continue
        pieces = ["", "", ""]
        level = {3: 0, 5: 1, 7: 2}[len(code)]
        pieces[level] = code[:3] if level == 0 else code[-2:]
        body.append(row(*pieces, name, total, basic, project))
    table = TablePart(GPB_TITLE, [26, 20, 20, 110, 70, 70, 70], head, body, breaks={13: 1})
    return Disclosure("312", "平乡县公安局", 2024, "万元", [table])


# 基本支出 split into 人员经费 and 公用经费 per functional row (all of 公用经费 is 行政运行's)
_PUBLIC = {"": "865.30", "204": "865.30", "20402": "865.30", "2040201": "865.30"}


def grouped_basic_header() -> Disclosure:
    """A header over three rows: 基本支出 over 人员经费 | 公用经费 with no 小计, then 项目支出;
    基本支出 is no column of its own."""
    head = [
        [C("功能分类科目", 2), C("一般公共预算支出", 4)],
        [
            C("科目编码", 1, 2),
            C("科目名称", 1, 2),
            C("合计", 1, 2),
            C("基本支出", 2),
            C("项目支出", 1, 2),
        ],
        [C("人员经费"), C("公用经费")],
    ]
    body: list[Row] = []
    for code, name, total, basic, project in EXPENDITURE:
        public = _PUBLIC.get(code, "")
        personnel = f"{Decimal(basic) - Decimal(public or 0):.2f}" if basic else ""
        body.append(row(code, name, total, personnel, public, project))
    body[0] = [C("合计", 2), *body[0][2:]]
    table = TablePart(GPB_TITLE, [50, 120, 70, 70, 70, 70], head, body)
    return Disclosure("312", "平乡县公安局", 2024, "万元", [table])


def star_column_numbers() -> Disclosure:
    """The column-number row printed "** | ** | ** | 1 | 2 | 3" instead of 栏次, on every
    page of the 基本支出表."""
    doc = seed_disclosure()
    (table,) = _only(doc, BASIC_TITLE)
    table.head[-1] = [C("**"), C("**"), C("**"), C("1"), C("2"), C("3")]
    return Disclosure(doc.department_code, doc.department, doc.year, doc.unit, [table])


def code_in_name() -> Disclosure:
    """No code column: the code leads the name, "2040201-行政运行" in the 支出总表 (under a
    功能分类科目 header) and "[2040201]行政运行" in the 一般公共预算支出表 (under 科目名称)."""
    tables = []
    for title, style, label in (
        ("部门预算支出总表", "{code}-{name}", "功能分类科目"),
        (GPB_TITLE, "[{code}]{name}", "科目名称"),
    ):
        head = [[C(label), C("合计"), C("基本支出"), C("项目支出")]]
        body = [
            row(style.format(code=code, name=name) if code else name, total, basic, project)
            for code, name, total, basic, project in EXPENDITURE
        ]
        tables.append(TablePart(title, [170, 80, 80, 80], head, body))
    return Disclosure("312", "平乡县公安局", 2024, "万元", tables)


# (unit, general public budget, government fund, business, other, carry-over)
INCOME_UNITS = [
    ("平乡县公安局本级", "9024.03", "150.00", "", "20.50", "121.89"),
    ("平乡县看守所", "1100.00", "", "35.00", "", ""),
    ("平乡县公安局交通警察大队", "1500.00", "", "", "12.00", ""),
]


def income_by_unit() -> Disclosure:
    """The 收入总表 by 预算单位: unit names as rows (no functional codes), columns 合计 |
    本年收入 (一般公共预算 | 政府性基金 | 事业收入 | 其他收入) | 上年结转."""
    head = [
        [C("预算单位", 1, 2), C("合计", 1, 2), C("本年收入", 4), C("上年结转", 1, 2)],
        [C("一般公共预算"), C("政府性基金"), C("事业收入"), C("其他收入")],
    ]

    def total(values: tuple[str, ...]) -> Decimal:
        return sum((Decimal(v) for v in values if v), Decimal(0))

    columns = list(zip(*(u[1:] for u in INCOME_UNITS), strict=True))
    sums = [f"{total(c):.2f}" if total(c) else "" for c in columns]
    body = [row("合计", f"{total(tuple(sums)):.2f}", *sums)]
    body += [row(u[0], f"{total(u[1:]):.2f}", *u[1:]) for u in INCOME_UNITS]
    table = TablePart("部门收入总表", [150, 70, 60, 60, 60, 60, 60], head, body)
    return Disclosure("312", "平乡县公安局", 2024, "万元", [table])


# the "三公" items as columns: (合计, 因公出国, 用车小计, 购置, 运行维护, 公务接待) per year
THREE_PUBLIC_2025 = ("32.50", "0.00", "28.00", "0.00", "28.00", "4.50")
THREE_PUBLIC_2026 = ("30.00", "0.00", "25.00", "0.00", "25.00", "5.00")


def three_public_two_years(
    this_year: tuple[str, ...] = THREE_PUBLIC_2026,
) -> Disclosure:
    """The "三公" table with last year's block beside this year's (2025年预算数 | 2026年预算数),
    each 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 (小计 | 购置费 | 运行维护费) |
    公务接待费."""
    block = [
        C("合计", 1, 2),
        C("因公出国（境）费", 1, 2),
        C("公务用车购置及运行维护费", 3),
        C("公务接待费", 1, 2),
    ]
    head = [
        [C("2025年预算数", 6), C("2026年预算数", 6)],
        [*block, *(Cell(c.text, c.colspan, c.rowspan) for c in block)],
        [C("小计"), C("购置费"), C("运行维护费")] * 2,
    ]
    body = [row(*THREE_PUBLIC_2025, *this_year)]
    table = TablePart("2026年部门“三公”经费支出预算表", [60] * 12, head, body, landscape=True)
    return Disclosure("312", "平乡县公安局", 2026, "万元", [table])


def defect_three_public_two_years() -> Disclosure:
    """2026's 公务用车运行维护费 printed 26.00 under a 小计 of 25.00."""
    return three_public_two_years(("30.00", "0.00", "25.00", "0.00", "26.00", "5.00"))


def one_path_grid() -> Disclosure:
    """Every page's grid drawn as one path object of many moveTo/lineTo segments."""
    doc = seed_disclosure()
    parts = _only(doc, GPB_TITLE, THREE_PUBLIC_TITLE)
    for p in parts:
        p.borders = "path"
    return Disclosure(doc.department_code, doc.department, doc.year, doc.unit, list(parts))


def folio_under_note(style: str = "spaced") -> Disclosure:
    """Every page numbered at its foot, the digits drawn apart ("1 0"), right under the 注 of
    the empty fund tables: the number is the page's, not a word of the note."""
    doc = seed_disclosure()
    doc.folio = style
    return doc


def missing_ruling() -> Disclosure:
    """The right border of 一般行政管理事务's 项目支出 cell is not drawn: its 77.76 stands in the
    table's box but in no cell."""
    doc = seed_disclosure()
    (table,) = _only(doc, GPB_TITLE)
    for body_row in table.body:
        if body_row[1].text == "2040202":
            body_row[-1].unruled = "r"
    return Disclosure(doc.department_code, doc.department, doc.year, doc.unit, [table])


def corrupt_page() -> Disclosure:
    """The 支出总表 (pages 1–3), the "三公" table (page 4) whose content stream is damaged, and
    the 基本支出表 (pages 5–7)."""
    doc = seed_disclosure()
    parts = _only(doc, "部门预算支出总表", THREE_PUBLIC_TITLE, BASIC_TITLE)
    parts[1].breaks = {}  # the "三公" table on one page
    return Disclosure(
        doc.department_code, doc.department, doc.year, doc.unit, list(parts), corrupt_pages=[4]
    )


# -- layout classes of published files, second set --------------------------------------------
# tests/test_layout_variants_2.py says what the parser must read from each.

# (name cell as printed, budget, fiscal funds, other funds, goal, indicators as
# (一级指标, 二级指标, 三级指标, 指标值))
PERFORMANCE_PROJECTS = [
    (
        "11000022T000000455794-评审工作经费",
        "120.00",
        "100.00",
        "20.00",
        "完成年度评审任务",
        [
            ("产出指标", "数量指标", "评审项目数", "≥60个"),
            ("产出指标", "质量指标", "评审报告合格率", "100%"),
            ("效益指标", "社会效益指标", "评审意见采纳率", "≥90%"),
        ],
    ),
    (
        "11000022T000000461203-信息系统运维",
        "85.50",
        "85.50",
        "0.00",
        "保障系统稳定运行",
        [
            ("产出指标", "时效指标", "故障响应时间", "≤2小时"),
            ("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥95%"),
        ],
    ),
    (
        "档案数字化",
        "40.00",
        "30.00",
        "10.00",
        "完成馆藏档案数字化",
        [
            ("产出指标", "数量指标", "数字化页数", "≥20万页"),
            ("成本指标", "经济成本指标", "每页成本", "≤2元"),
        ],
    ),
]


def project_performance_table() -> Disclosure:
    """Beijing's 项目支出绩效目标表: one block of indicator rows per project, the project's
    name, figures and goal in cells merged down the block; the name may lead with the
    project's 21-character code."""
    head = [
        [
            C("项目名称"),
            C("项目总额"),
            C("财政资金"),
            C("其他资金"),
            C("绩效目标"),
            C("一级指标"),
            C("二级指标"),
            C("三级指标"),
            C("指标值"),
        ]
    ]
    body: list[Row] = []
    for name, budget, fiscal, other, goal, indicators in PERFORMANCE_PROJECTS:
        n = len(indicators)
        for i, indicator in enumerate(indicators):
            merged = (
                [Cell(t, 1, n) for t in (name, budget, fiscal, other, goal)]
                if i == 0
                else [Cell(None) for _ in range(5)]
            )
            body.append([*merged, *row(*indicator)])
    table = TablePart(
        "项目支出绩效目标表",
        [150, 50, 50, 50, 80, 55, 70, 80, 55],
        head,
        body,
        landscape=True,
    )
    return Disclosure("312", "平乡县公安局", 2024, "万元", [table])


# (unit, project, amount, goal): two units with a project of the same name
PROJECTS_BY_UNIT = [
    ("平乡县公安局本级", "办案业务经费", "300.00", "保障案件办理"),
    ("平乡县公安局本级", "信息化建设", "180.00", "完成系统升级"),
    ("平乡县看守所", "办案业务经费", "45.00", "保障监管场所运转"),
]


def projects_by_unit() -> Disclosure:
    """Projects listed by 单位名称 | 项目名称 | 金额 | 绩效目标, two units each with a
    project named 办案业务经费."""
    head = [[C("单位名称"), C("项目名称"), C("金额"), C("绩效目标")]]
    body = [row(*p) for p in PROJECTS_BY_UNIT]
    table = TablePart("项目支出绩效目标表", [150, 120, 70, 180], head, body)
    return Disclosure("312", "平乡县公安局", 2024, "万元", [table])


# (name, total, fiscal, other, goal, indicators)
LABELLED_CARDS = [
    (
        "基层执法装备购置",
        "25.00",
        "25.00",
        "0.00",
        "配齐基层所队执法装备",
        [
            ("产出指标", "数量指标", "购置装备数量", "≥100套"),
            ("效益指标", "社会效益指标", "执法规范化水平", "明显提升"),
        ],
    ),
    (
        "警务培训",
        "18.60",
        "15.00",
        "3.60",
        "提升民警业务能力",
        [
            ("产出指标", "数量指标", "培训人次", "≥300人次"),
            ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"),
        ],
    ),
]


def labelled_project_cards() -> Disclosure:
    """Shandong's 政策和项目预算绩效目标表: one card a page under the title repeated, drawn
    as label | value rows (项目名称 | …, 项目资金（万元） | 年度预算资金总额： | 25.00 …)."""
    parts: list[TablePart | ProsePart] = []
    for name, total, fiscal, other, goal, indicators in LABELLED_CARDS:
        body: list[Row] = [
            [C("项目名称"), C(name, 3)],
            [C("项目资金（万元）"), C("年度预算资金总额：", 2), C(total)],
            [Cell(None), C("其中：财政拨款", 2), C(fiscal)],
            [Cell(None), C("其他资金", 2), C(other)],
            [C("总体目标"), C(goal, 3)],
            row("一级指标", "二级指标", "三级指标", "指标值"),
            *(row(*indicator) for indicator in indicators),
        ]
        parts.append(TablePart("政策和项目预算绩效目标表", [110, 110, 130, 110], [], body))
    return Disclosure("312", "平乡县公安局", 2024, "万元", parts)


# (code, name, total, general public budget)
PROCUREMENT_BY_CODE = [
    ("", "合计", "86.00", "86.00"),
    ("201", "一般公共服务支出", "36.00", "36.00"),
    ("20105", "统计信息事务", "36.00", "36.00"),
    ("2010501", "行政运行", "12.00", "12.00"),
    ("2010505", "专项统计业务", "24.00", "24.00"),
    ("204", "公共安全支出", "50.00", "50.00"),
    ("20402", "公安", "50.00", "50.00"),
    ("2040201", "行政运行", "50.00", "50.00"),
]


def procurement_by_code() -> Disclosure:
    """Shandong's 政府采购预算表 by functional code over 类 | 款 | 项 columns, each row
    printing only its own level, and 合计 in the 科目名称 column over empty code cells."""
    head = [
        [
            C("科目编码", 3),
            C("科目名称", 1, 2),
            C("合计", 1, 2),
            C("一般公共预算", 1, 2),
        ],
        [C("类"), C("款"), C("项")],
    ]
    body: list[Row] = []
    for code, name, total, gpb in PROCUREMENT_BY_CODE:
        pieces = ["", "", ""]
        if code:
            level = {3: 0, 5: 1, 7: 2}[len(code)]
            pieces[level] = code[:3] if level == 0 else code[-2:]
        body.append(row(*pieces, name, total, gpb))  # 合计 in the 科目名称 column
    table = TablePart("政府采购预算表", [26, 20, 20, 140, 80, 80], head, body)
    return Disclosure("312", "平乡县公安局", 2024, "万元", [table])


# the expenditure side by name alone: (name, amount), classes, their 款 and 项
SUMMARY_BY_NAME = [
    ("一般公共服务支出", "150.00"),
    ("人大事务", "150.00"),
    ("行政运行", "150.00"),
    ("社会保障和就业支出", "80.00"),
    ("社会工作事务", "80.00"),
    ("其他社会工作事务支出", "80.00"),
    ("住房保障支出", "20.00"),
    ("住房改革支出", "20.00"),
    ("住房公积金", "20.00"),
]


def summary_names_only(defect: bool = False) -> Disclosure:
    """A 收支总表 whose spending side lists 类, 款 and 项 by name only, no ordinals; with
    ``defect`` the 社会保障和就业支出 class line is printed 50.00 too low."""
    spending = list(SUMMARY_BY_NAME)
    if defect:
        spending[3] = ("社会保障和就业支出", "30.00")
    income = [("一般公共预算拨款收入", "250.00"), ("政府性基金预算拨款收入", "")]
    lines = max(len(spending), len(income))
    body: list[Row] = []
    for i in range(lines):
        left = income[i] if i < len(income) else ("", "")
        right = spending[i] if i < len(spending) else ("", "")
        body.append(row(*left, *right))
    body += [
        row("本年收入合计", "250.00", "本年支出合计", "250.00"),
        row("上年结转结余", "", "年终结转结余", ""),
        row("收入总计", "250.00", "支出总计", "250.00"),
    ]
    head = [
        [C("收入", 2), C("支出", 2)],
        [C("项 目"), C("预算数"), C("项 目"), C("预算数")],
    ]
    table = TablePart("部门收支总表", [120, 70, 140, 70], head, body)
    return Disclosure("312", "平乡县公安局", 2024, "万元", [table])


# rows per year: (label, then per kind 一般公共预算 | 政府性基金预算 | 国有资本经营预算 for
# 合计, 因公出国（境）费, 公务用车购置及运行维护费, 公务接待费)
THREE_PUBLIC_BY_YEAR = [
    ("2025年", ("32.50", "", ""), ("0.00", "", ""), ("28.00", "", ""), ("4.50", "", "")),
    ("2026年", ("28.00", "2.00", ""), ("0.00", "", ""), ("23.00", "2.00", ""), ("5.00", "", "")),
    (
        "增减变化金额",
        ("-4.50", "2.00", ""),
        ("0.00", "", ""),
        ("-5.00", "2.00", ""),
        ("0.50", "", ""),
    ),
]


def three_public_rows_by_year() -> Disclosure:
    """Shenzhen's "三公" table: a row per year (2025年 | 2026年 | 增减变化金额), each kind
    split into 一般公共预算 | 政府性基金预算 | 国有资本经营预算 columns."""
    kinds = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"]
    funds = ["一般公共预算", "政府性基金预算", "国有资本经营预算"]
    head = [
        [C("年度", 1, 2), *(C(k, 3) for k in kinds)],  # the year column headed 年度
        [C(f) for _ in kinds for f in funds],
    ]
    body = [
        row(label, *(v for kind in values for v in kind)) for label, *values in THREE_PUBLIC_BY_YEAR
    ]
    table = TablePart(
        "2026年部门“三公”经费预算表", [60] + [56] * 12, head, body, landscape=True, font_size=8.0
    )
    return Disclosure("312", "平乡县公安局", 2026, "万元", [table])


# -- Xi'an: blocks side by side, a unit-keyed 支出总表, 专项业务经费, names that spill ---------


XIAN_FUNCTION = [  # (class line, amount) of 支出功能分类科目（按大类）
    ("1、一般公共服务支出", "1035.19"),
    ("2、外交支出", ""),
    ("3、教育支出", "54.66"),
    ("4、社会保障和就业支出", "114.70"),
]
XIAN_DEPARTMENT_ECONOMIC = [  # 部门预算支出经济分类科目（按大类）: 1、 lines over (n) lines
    ("1、人员经费和公用经费支出", "791.08"),
    ("(1)工资福利支出", "705.38"),
    ("(2)商品和服务支出", "70.72"),
    ("(3)对个人和家庭的补助", "14.98"),
    ("2、专项业务经费支出", "413.47"),
    ("(1)商品和服务支出", "413.47"),
]
XIAN_GOVERNMENT_ECONOMIC = [  # 政府预算支出经济分类科目（按大类）
    ("1、机关工资福利支出", "705.38"),
    ("2、机关商品和服务支出", "484.19"),
    ("3、对个人和家庭的补助", "14.98"),
]
XIAN_TOTAL = "1204.55"


def xian_fiscal_summary(government: list[tuple[str, str]] | None = None) -> TablePart:
    """财政拨款收支总表 with the spending printed three times side by side — by function, by
    the department's economic class, by the government's — each block headed by 一、财政拨款
    (the total again) and closing on its own 本年支出合计."""
    blocks = [XIAN_FUNCTION, XIAN_DEPARTMENT_ECONOMIC, government or XIAN_GOVERNMENT_ECONOMIC]
    income = [("1、一般公共预算拨款", XIAN_TOTAL), ("2、政府性基金拨款", "")]
    height = max(len(b) for b in blocks)
    body = [row("一、财政拨款", XIAN_TOTAL, *(["一、财政拨款", XIAN_TOTAL] * 3))]
    for i in range(height):
        cells = list(income[i]) if i < len(income) else ["", ""]
        for block in blocks:
            cells += list(block[i]) if i < len(block) else ["", ""]
        body.append(row(*cells))
    body.append(row("本年收入合计", XIAN_TOTAL, *(["本年支出合计", XIAN_TOTAL] * 3)))
    body.append(row("收入总计", XIAN_TOTAL, *(["支出总计", XIAN_TOTAL] * 3)))
    head = [
        [C("收入", 2), C("支出", 6)],
        [
            C("项目"),
            C("预算数"),
            C("支出功能分类科目（按大类）"),
            C("预算数"),
            C("部门预算支出经济分类科目（按大类）"),
            C("预算数"),
            C("政府预算支出经济分类科目（按大类）"),
            C("预算数"),
        ],
    ]
    return TablePart(
        "部门综合预算财政拨款收支总表", [70, 45, 80, 45, 90, 45, 90, 45], head, body, landscape=True
    )


def xian_blocks(government: list[tuple[str, str]] | None = None) -> Disclosure:
    """Xi'an's layouts: the three-block 财政拨款收支总表; a 支出总表 by unit (116 西安市…, no
    function classes); a 一般公共预算支出表 of 人员经费 | 公用经费 | 专项业务经费 whose long
    names run on into the 合计 cell ("出 10.22"); and a 基本支出 table by function beside
    the standard one, kept raw."""
    expenditure = TablePart(
        "部门综合预算支出总表",
        [60, 110, 70, 70],
        [[C("单位编码"), C("单位名称"), C("合计"), C("一般公共预算拨款")]],
        [
            row("", "合计", XIAN_TOTAL, XIAN_TOTAL),
            row("116", "西安市某局", XIAN_TOTAL, XIAN_TOTAL),
            row("116001", "西安市某局本级", "1100.00", "1100.00"),
            row("116003", "西安市某中心", "104.55", "104.55"),
        ],
    )
    head = [
        [
            C("功能科目编码"),
            C("功能科目名称"),
            C("合计"),
            C("人员经费支出"),
            C("公用经费支出"),
            C("专项业务经费支出"),
        ]
    ]
    gpb = TablePart(
        "部门综合预算一般公共预算支出明细表（按支出功能分类科目）",
        [55, 80, 60, 60, 60, 60],
        head,
        [
            row("", "合计", XIAN_TOTAL, "720.36", "70.72", "413.47"),
            row("201", "一般公共服务支出", "1035.19", "551.00", "70.72", "413.47"),
            row("20106", "财政事务", "1035.19", "551.00", "70.72", "413.47"),
            row("2010601", "行政运行", "621.72", "551.00", "70.72", ""),
            row("2010602", "一般行政管理事务", "413.47", "", "", "413.47"),
            row("205", "教育支出", "54.66", "54.66", "", ""),
            row("20508", "进修及培训", "54.66", "54.66", "", ""),
            row("2050803", "培训支出", "54.66", "54.66", "", ""),
            row("208", "社会保障和就业支出", "114.70", "114.70", "", ""),
            row("20805", "行政事业单位养老支出", "104.48", "104.48", "", ""),
            # the name runs on into the 合计 cell, as the text layer gives it
            row("2080506", "机关事业单位职业年金", "缴费支出104.48", "104.48", "", ""),
            row("20899", "其他社会保障和就业支", "出 10.22", "10.22", "", ""),
            row("2089999", "其他社会保障和就业支", "出 10.22", "10.22", "", ""),
        ],
    )
    by_function = TablePart(
        "部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
        [55, 80, 60, 60, 60],
        [[C("功能科目编码"), C("功能科目名称"), C("合计"), C("人员经费支出"), C("公用经费支出")]],
        [
            row("", "合计", "791.08", "720.36", "70.72"),
            row("201", "一般公共服务支出", "621.72", "551.00", "70.72"),
            row("205", "教育支出", "54.66", "54.66", ""),
            row("208", "社会保障和就业支出", "114.70", "114.70", ""),
        ],
    )
    parts: list[TablePart | ProsePart] = [
        expenditure,
        xian_fiscal_summary(government),
        gpb,
        by_function,
    ]
    return Disclosure("116", "西安市某局", 2026, "万元", parts)


def defect_xian_blocks() -> Disclosure:
    """The government's block prints 2、机关商品和服务支出 484.91 for 484.19."""
    government = [(item, "484.91" if "商品" in item else v) for item, v in XIAN_GOVERNMENT_ECONOMIC]
    return xian_blocks(government)


def three_public_by_period() -> Disclosure:
    """Xi'an's "三公" table: 上年 | 当年 | 增减变化情况 blocks, each 合计 | “三公” 小计 · 因公出国
    · 公务接待 · 公务用车 (小计 | 购置 | 运行维护) | 会议费 | 培训费, named by period, not
    by year."""
    block = [
        C("合计", 1, 3),
        C("“三公”经费", 6),
        C("会议费", 1, 3),
        C("培训费", 1, 3),
    ]
    kinds = [
        C("小计", 1, 2),
        C("因公出国（境）费用", 1, 2),
        C("公务接待费", 1, 2),
        C("公务用车购置及运行维护费", 3),
    ]
    head = [
        [C("上年", 9), C("当年", 9), C("增减变化情况", 9)],
        [*block, *(Cell(c.text, c.colspan, c.rowspan) for c in block)]
        + [Cell(c.text, c.colspan, c.rowspan) for c in block],
        kinds * 3,
        [C("小计"), C("公务用车购置费"), C("公务用车运行维护费")] * 3,
    ]
    last = ["248.00", "26.50", "0.00", "9.00", "17.50", "17.50", "0.00", "17.50", "50.68", "170.82"]
    this = ["208.34", "21.90", "0.00", "8.00", "13.90", "13.90", "0.00", "13.90", "46.18", "140.26"]
    change = [
        f"{Decimal(now) - Decimal(before):.2f}" for now, before in zip(this, last, strict=True)
    ]

    def cells(values: list[str]) -> list[str]:
        return [
            values[0],
            values[1],
            values[2],
            values[3],
            values[5],
            values[6],
            values[7],
            values[8],
            values[9],
        ]

    body = [row(*cells(last), *cells(this), *cells(change))]
    table = TablePart(
        "部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表",
        [30] * 27,
        head,
        body,
        landscape=True,
        font_size=6.0,
    )
    return Disclosure("116", "西安市某局", 2026, "万元", [table])


def three_public_one_column() -> Disclosure:
    """Fuzhou's "三公" table: 项目 | 预算数, one line per kind, 其中：（1）… under 公务用车."""
    head = [[C("项目"), C("预算数")]]
    body = [
        row("合计", "25.05"),
        row("1、因公出国（境）费用", "7.05"),
        row("2、公务接待费", "8.00"),
        row("3、公务用车购置及运行费", "10.00"),
        row("其中：（1）公务用车购置费", "0.00"),
        row("（2）公务用车运行费", "10.00"),
    ]
    table = TablePart("2026年度一般公共预算“三公”经费支出预算表", [180, 80], head, body)
    return Disclosure("312", "福州市某局", 2026, "万元", [table])


# -- the checks of the words (core.rules.words) -------------------------------------------

SEED_TITLES = (
    "部门预算收支总表",
    "部门预算收入总表",
    "部门预算支出总表",
    "部门预算财政拨款收支总表",
    "部门预算一般公共预算财政拨款支出表",
    "部门预算一般公共预算财政拨款基本支出表",
    "部门预算政府性基金预算财政拨款支出表",
    "部门预算国有资本经营预算财政拨款支出表",
    "部门预算财政拨款“三公”经费支出表",
)
_ORDINALS = "一二三四五六七八九十"


def _edit_prose(doc: Disclosure, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in the one prose paragraph (or a table's intro) holding it."""
    hits = 0
    for p in doc.parts:
        blocks: list = p.blocks if isinstance(p, ProsePart) else p.intro  # type: ignore[type-arg]
        for i, b in enumerate(blocks):
            if isinstance(b, str) and old in b:
                blocks[i] = b.replace(old, new)
                hits += 1
    assert hits == 1, (old, hits)


def with_contents(titles: tuple[str, ...] = SEED_TITLES) -> Disclosure:
    """The seed with a contents page (目录) before its tables, listing ``titles``."""
    doc = seed_disclosure()
    lines = ["目 录", "第一部分 平乡县公安局 2024 年部门预算表"]
    lines += [
        f"{_ORDINALS[i]}、{title} .................... {i + 2}" for i, title in enumerate(titles)
    ]
    doc.parts.insert(0, ProsePart(lines))
    return doc


def words_placeholder() -> Disclosure:
    """The 情况说明 leaves a placeholder of its template in: 现将XX县XX局."""
    doc = with_contents()
    _edit_prose(doc, "现将平乡县公安局", "现将XX县XX局")
    return doc


def words_wrong_year() -> Disclosure:
    """The 情况说明's heading names last year's package (2023), and its assets stand at a
    date three years back (截至2021年12月31日), both in a 2024 budget that compares with 2023
    in its sentences, as budgets do."""
    doc = with_contents()
    _edit_prose(
        doc,
        "第一部分 平乡县公安局 2024 年部门预算信息公开情况说明",
        "第一部分 平乡县公安局 2023 年部门预算信息公开情况说明",
    )
    _edit_prose(
        doc,
        "平乡县公安局（含所属单位）上年末固定资产金额为",
        "截至2021年12月31日，平乡县公安局（含所属单位）固定资产金额为",
    )
    return doc


def words_missing_table() -> Disclosure:
    """The contents list the 国有资本经营预算 table, which the package does not print; the
    政府性基金 table is printed as a page with its title over 本表无数据, which is printed."""
    doc = with_contents()
    doc.parts = [
        p
        for p in doc.parts
        if not (isinstance(p, TablePart) and p.title and "国有资本经营" in p.title)
    ]
    for i, p in enumerate(doc.parts):
        if isinstance(p, TablePart) and p.title and "政府性基金" in p.title:
            doc.parts[i] = ProsePart([p.title, "本表无数据"])
    return doc


def words_doubled_punctuation() -> Disclosure:
    """A sentence of the 情况说明 ends twice: 。。"""
    doc = with_contents()
    _edit_prose(doc, "全部收入和支出都反映在预算中。", "全部收入和支出都反映在预算中。。")
    return doc


def execution_claims() -> Disclosure:
    """The 说明 compares 决算 with 预算 as a final account's does: one sentence with a 大于
    where the figures say 小于 (11000.00 of 11624.03), one with a rate of 96.63% where
    3000.00 ÷ 3200.00 is 93.75%, and one that holds (98.20%, 小于)."""
    doc = with_contents()
    _edit_prose(
        doc,
        "全部收入和支出都反映在预算中。",
        "全部收入和支出都反映在预算中。一般公共预算财政拨款支出年初预算为11624.03万元，"
        "支出决算为11000.00万元，完成年初预算的94.63%。决算数大于预算数的主要原因：项目调减。"
        "基本支出年初预算为3200.00万元，支出决算为3000.00万元，完成年初预算的96.63%。"
        "项目支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。"
        "决算数小于预算数的主要原因：个别项目调减。",
    )
    return doc


# -- budget against actual: one department's budget and final accounts of one year -------

# the final accounts' gaps against the budget: (code, column, amount spent less than budgeted)
ACTUAL_GAPS = (("2040219", "project", Decimal("80.00")), ("2040201", "basic", Decimal("22.96")))
# the 三公 kinds the final accounts print: (item, 预算数 as it restates it, 决算数); the
# budget printed 30.00 for each, the final accounts restate 28.00 (a known misstatement)
ACTUAL_THREE_PUBLIC = (
    ("合计", "28.00", "25.50"),
    ("“三公”经费小计", "28.00", "25.50"),
    ("二、公务用车购置及运维费", "28.00", "25.50"),
    ("公务用车运行维护费", "28.00", "25.50"),
)


def _spent(rows: list[tuple[str, str, str, str, str]]) -> list[tuple[str, str, str, str, str]]:
    """The budget's rows less the gaps, each code's parents (and 合计) less them too."""
    index = {"total": 2, "basic": 3, "project": 4}
    out = [list(r) for r in rows]
    for code, column, gap in ACTUAL_GAPS:
        for r in out:
            if code.startswith(r[0]):  # the 合计 row's code "" heads every code
                for i in (index["total"], index[column]):
                    r[i] = f"{Decimal(r[i] or 0) - gap:.2f}"
    return [(a, b, c, d, e) for a, b, c, d, e in out]


def pair_budget() -> Disclosure:
    """The budget of the budget-against-actual pair: the seed's 一般公共预算支出表 and “三公”."""
    return keep_parts(seed_disclosure(), "一般公共预算财政拨款支出表", "三公")


def pair_final() -> Disclosure:
    """The final accounts of the same department and year as ``pair_budget``: 信息化建设
    80.00 and 行政运行 22.96 under budget, “三公” 25.50 of 30.00, its 预算数 restated as 28.00."""
    budget = pair_budget()
    table = gpb_part("一般公共预算财政拨款支出决算表", _spent(EXPENDITURE))
    head = [[C("序号"), C("项 目"), C("预算数"), C("决算数")]]
    body = [
        row(str(i + 1), item, planned, spent)
        for i, (item, planned, spent) in enumerate(ACTUAL_THREE_PUBLIC)
    ]
    three = TablePart("财政拨款“三公”经费支出决算表", [28, 150, 70, 70], head, body)
    return Disclosure(
        budget.department_code, budget.department, budget.year, budget.unit, [table, three]
    )


# -- Changsha: runs drawn boxed, a spanning header over its "of which", 类 | 款 | 项 | 功能科目 --

BOXED_CONTENTS = [
    "目 录",
    "第一部分 2024 年部门预算说明",
    "一、部门基本概况",
    "二、部门预算单位构成",
    "三、部门收支总体情况",
    "第二部分 2024 年部门预算表",
    "1、部门收支总表",
    "2、部门收入总表",
    "3、部门支出总表",
    "4、财政拨款收支总表",
    "5、一般公共预算支出表",
    "6、一般公共预算基本支出表",
]
BOXED_NARRATIVE = [
    "三、部门收支总体情况",
    "（一）收入预算：2024 年本单位收入预算 1935.36 万元，其中，一般公共预算拨款 1935.36"
    " 万元，上年结转 0.00 万元。",
    "（二）支出预算：2024 年本单位支出预算 1935.36 万元，其中：一般公共服务支出 1935.36 万元。",
    "四、一般公共预算拨款支出",
    "（一）基本支出：2024 年本单位基本支出预算数 1517.95 万元，主要是为保障部门正常运转、"
    "完成日常工作任务而发生的各项支出。",
    "（二）项目支出：2024 年本单位项目支出预算 417.41 万元，主要用于信访业务工作专项。",
    "六、其他重要事项的情况说明",
    "（一）机关运行经费：2024 年本单位机关运行经费 122.98 万元。",
    "（四）政府采购情况：2024 年|本单位|政府采购预算总额",
    "为 43.90 万元，其中，货物类采购预算 25.40 万元；服务类采购预算 18.50 万元。",
]
# (income item, amount, spending item, amount) of the Changsha 收支总体情况表
BOXED_SUMMARY = [
    ("一、本级财政拨款收入", "1,935.36", "一、基本支出", "1,517.95"),
    ("二、财政专户管理事业收入", "", "二、项目支出", "417.41"),
    ("三、上级补助收入", "", "三、上缴上级支出", ""),
    ("本 年 收 入 合 计", "1,935.36", "本 年 支 出 合 计", "1,935.36"),
    ("四、上年结转", "", "四、结转下年", ""),
    ("收 入 总 计", "1,935.36", "支 出 总 计", "1,935.36"),
]


def _changsha_summary() -> TablePart:
    head = [
        [C("收 入", 2), C("支 出", 2)],
        [C("项 目"), C("本年预算"), C("项 目"), C("本年预算")],
    ]
    body = [row(*line) for line in BOXED_SUMMARY]
    return TablePart("2024年部门收支总体情况表", [140, 80, 140, 80], head, body)


def boxed_prose() -> Disclosure:
    """A package whose prose is drawn run by run over boxes one line high (Word's shaded
    runs; a figure's integer part and decimals in two: "1935." | "36"): its 目录 lists the
    tables ("1、部门收支总表") each line boxed whole, the 情况说明 boxes its lines but the
    first run, and it quotes a 政府采购 total though it prints no procurement table."""
    return Disclosure(
        "126",
        "长沙市信访局",
        2024,
        "万元",
        [
            ProsePart(BOXED_CONTENTS, boxed="all", font_size=12),
            ProsePart(BOXED_NARRATIVE, boxed="after_first", font_size=12),
            _changsha_summary(),
        ],
    )


# (code, name, 本级财政拨款 金额, 其中：经费拨款; 基本支出, 项目支出)
OF_WHICH_ROWS = [
    ("", "合计", "1,935.36", "1,835.36", "1,517.95", "417.41"),
    ("201", "一般公共服务支出", "1,935.36", "1,835.36", "1,517.95", "417.41"),
    ("20140", "信访事务", "1,935.36", "1,835.36", "1,517.95", "417.41"),
    ("2014001", "行政运行", "1,517.95", "1,517.95", "1,517.95", ""),
    ("2014004", "信访业务", "417.41", "317.41", "", "417.41"),
]


def _split_code(code: str) -> tuple[str, str, str]:
    """The 类 | 款 | 项 cells as Changsha prints them: a 款 row shows its 款 alone."""
    if len(code) == 5:
        return "", code[3:], ""
    return code[:3], code[3:5], code[5:]


def income_of_which() -> Disclosure:
    """The 收入总表 with its code over 类 | 款 | 项, names under 功能科目 and 本级财政拨款
    spanning 金额 | 其中：经费拨款 (the appropriation and the part of it that is 经费); the
    一般公共预算支出表 with 科目编码 over 类 | 款 | 项 beside 功能科目."""
    income_head = [
        [
            C("类", 1, 2),
            C("款", 1, 2),
            C("项", 1, 2),
            C("功能科目", 1, 2),
            C("合计", 1, 2),
            C("本级财政拨款", 2),
            C("财政专户管理事业收入", 1, 2),
            C("上级补助收入", 1, 2),
            C("其它收入", 1, 2),
            C("上年结转", 1, 2),
        ],
        [C("金额"), C("其中:经费拨款")],
        row("**", "**", "**", "**", *[str(k) for k in range(1, 8)]),
    ]
    income_body = [
        row(*_split_code(code), name, whole, whole, of_which, "", "", "", "")
        if code
        else [C("合计", 4), *row(whole, whole, of_which, "", "", "", "")]
        for code, name, whole, of_which, _, _ in OF_WHICH_ROWS
    ]
    income = TablePart(
        "2024年部门收入总体情况表",
        [22, 22, 22, 100, 60, 60, 60, 50, 50, 50, 50],
        income_head,
        income_body,
        landscape=True,
    )
    gpb_head = [
        [
            C("科目编码", 3),
            C("功能科目", 1, 2),
            C("总 计", 1, 2),
            C("基本支出", 1, 2),
            C("项目支出", 1, 2),
        ],
        [C("类"), C("款"), C("项")],
        row("**", "**", "**", "**", "1", "2", "3"),
    ]
    gpb_body = []
    for code, name, whole, _, basic, project in OF_WHICH_ROWS:
        if code:
            gpb_body.append(row(*_split_code(code), name, whole, basic, project))
        else:
            gpb_body.append([C("合计", 4), *row(whole, basic, project)])
    gpb = TablePart(
        "2024年一般公共预算支出情况表", [26, 26, 26, 130, 70, 70, 70], gpb_head, gpb_body
    )
    return Disclosure("126", "长沙市信访局", 2024, "万元", [income, gpb])


# (code, name, 总计, 人员类, 公用经费)
BASIC_BY_CLASS = [
    ("", "合计", "1,517.95", "1,394.97", "122.98"),
    ("301", "工资福利支出", "1,212.01", "1,212.01", ""),
    ("30101", "基本工资", "1,212.01", "1,212.01", ""),
    ("302", "商品和服务支出", "171.78", "48.80", "122.98"),
    ("30201", "办公费", "33.00", "", "33.00"),
    ("30299", "其他商品和服务支出", "138.78", "48.80", "89.98"),
    ("303", "对个人和家庭的补助", "134.16", "134.16", ""),
    ("30302", "退休费", "134.16", "134.16", ""),
]


def basic_by_class() -> Disclosure:
    """The 基本支出表 headed 总计 | 人员类 | 公用经费 (not 合计 | 人员经费 | 公用经费)."""
    head = [
        row("经济科目编码", "经济科目名称", "总计", "人员类", "公用经费"),
        row("**", "**", "1", "2", "3"),
    ]
    body = [
        row(code, name, total, personnel, public)
        if code
        else [C("合计", 2), *row(total, personnel, public)]
        for code, name, total, personnel, public in BASIC_BY_CLASS
    ]
    table = TablePart("2024年一般公共预算基本支出情况表", [70, 170, 80, 80, 80], head, body)
    return Disclosure("126", "长沙市信访局", 2024, "万元", [table])


def contents_table() -> Disclosure:
    """A 目录 whose list of tables is a ruled table (序号 | 表名 | 页码) under the prose
    contents ("三、部门收支总体情况" is the line above it): no table of the package."""
    listing = TablePart(
        None,
        [40, 260, 60],
        [row("序号", "表 名", "页码")],
        [row(str(k), name, str(k + 2)) for k, name in enumerate(BOXED_CONTENTS[6:], start=1)],
    )
    return Disclosure(
        "126",
        "长沙市信访局",
        2024,
        "万元",
        [ProsePart([*BOXED_CONTENTS[:6], listing]), _changsha_summary()],
    )
