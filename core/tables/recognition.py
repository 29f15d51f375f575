"""Which part of the disclosure a table is, and the stitching of tables over pages.

Parts are recognised by what they contain: a title from the catalogue below (kept as data,
matched by the longest pattern, so 财政拨款收支总表 wins over 收支总表), else the header
cells. Tables that run over pages are joined: repeated headers and 栏次 rows are dropped,
a continuation page without a header still joins when its columns line up, and a row that
a page break cut in two is merged back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from core.reading.pages import Fragment, PageContent
from core.tables.cells import (
    clean_label,
    clean_text,
    digits,
    looks_like_amount,
    without_folio_lines,
)
from core.tables.coverage import PrintedNumber, looks_like_figure, numbers_in_cell


@dataclass(frozen=True)
class Family:
    table_id: str
    titles: tuple[str, ...]  # substrings of a title with spaces and quotes removed
    header_keywords: tuple[str, ...] = ()  # all present in the header: recognised without title


# The title catalogue. Order does not matter: the longest matching title wins.
CATALOGUE: tuple[Family, ...] = (
    Family(
        "summary",
        ("收支总表", "收支预算总表", "部门收支总表", "财务收支预算总表", "收支预算表"),
        ("收入", "支出", "预算数"),
    ),
    Family(
        "income",
        ("收入总表", "收入预算总表", "部门收入预算表", "收入预算表"),
        ("本年收入", "上年结转"),
    ),
    Family(
        "expenditure",
        ("支出总表", "支出预算总表", "部门支出预算表", "支出预算表"),
        ("基本支出", "项目支出", "经营支出"),
    ),
    Family(
        "fiscal_summary",
        ("财政拨款收支总表", "财政拨款收支预算总表", "财政拨款收支预算表"),
        ("财政拨款", "收入", "支出", "政府性基金"),
    ),
    Family(
        "gpb_expenditure",
        (
            "一般公共预算财政拨款支出表",
            "一般公共预算支出表",
            "一般公共预算支出预算表",
            "一般公共预算支出功能分类预算表",
            "一般公共预算财政拨款支出预算表",
        ),
    ),
    Family(
        "gpb_basic_expenditure",
        (
            "基本支出表",
            "基本支出预算表",
            "一般公共预算财政拨款基本支出表",
            "基本支出部门预算经济分类预算表",
            "一般公共预算基本支出预算表",
        ),
        ("人员经费", "公用经费"),
    ),
    Family("fiscal_basic_expenditure", ("财政拨款基本支出预算表",)),
    Family("fiscal_expenditure", ("财政拨款支出预算表",)),
    Family("operating_costs", ("机关运行经费支出预算表", "机关运行经费预算表")),
    Family(
        "gov_fund_expenditure",
        (
            "政府性基金预算财政拨款支出表",
            "政府性基金预算支出表",
            "政府性基金预算支出预算表",
            "政府性基金支出预算表",
            "政府性基金预算财政拨款支出预算表",
            "财政拨款政府性基金支出预算表",
            "政府性基金预算支出功能分类预算表",
        ),
    ),
    Family(
        "state_capital_expenditure",
        (
            "国有资本经营预算财政拨款支出表",
            "国有资本经营预算支出表",
            "国有资本经营预算支出预算表",
            "国有资本经营预算支出功能分类预算表",
        ),
    ),
    Family(
        "three_public",
        (
            "三公经费支出表",
            "三公经费支出预算表",
            "三公经费预算表",
            "三公经费和机关运行经费预算表",
            "三公经费、会议费、培训费支出预算表",
        ),
        ("因公出国", "公务接待"),
    ),
    Family(
        "procurement",
        ("政府采购预算", "政府采购预算表", "部门政府采购预算", "政府采购支出预算表"),
        ("采购",),
    ),
    Family("fixed_assets", ("固定资产占用情况表", "固定资产占用"), ("资产总额",)),
    Family("organizations", ("部门机构设置情况", "机构设置情况"), ("单位名称", "单位性质")),
    Family("project_table", (), ("项目", "绩效目标")),
)
PROJECT_TABLE = "project_table"  # projects listed in a table, not one card each

# A title names a family, but some families come in two shapes: (family, what the header
# lacks) -> the family the table really is. Jiangsu's 收入预算总表 lists income by source,
# not by functional code.
REFINEMENTS: dict[str, tuple[tuple[str, ...], str]] = {
    "income": (("编码", "代码"), "income_sources"),
}


# Income kinds as column headers: a 收入总表 whose columns are the kinds lists units (or one
# row), not sources, and is read as an income table whatever its codes.
_INCOME_COLUMNS = (
    "财政拨款",
    "一般公共预算",
    "事业收入",
    "经营收入",
    "其他收入",
    "结转",
    "财政专户",
)


def refine_family(family: str | None, labels: list[str]) -> str | None:
    if family in REFINEMENTS:
        needed, other = REFINEMENTS[family]
        kinds = sum(any(w in label for w in _INCOME_COLUMNS) for label in labels)
        if kinds < 3 and not any(word in label for label in labels for word in needed):
            return other
    return family


PROJECT_CARD = "project_card"
_TITLE_NOISE = re.compile(r"[\s“”\"'‘’「」]")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[、.]|（[一二三四五六七八九十]+）)")
_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
_TAG = re.compile(r"公开\d+表|表\d+")


def normalise_title(line: str) -> str:
    text = _TITLE_NOISE.sub("", clean_text(line))
    text = _TAG.sub("", _YEAR.sub("", text))
    return _ORDINAL.sub("", text)


OTHER = "other"  # a table a title names that is not one of the standard ones: kept raw

# What a title says, read word by word rather than matched whole, so titles never seen
# before ("收支总体情况表", "财政拨款支出表（功能科目）", "表5：…一般公共预算支出预算表") still
# name their table. Order matters: the first rule whose words all appear decides.
TITLE_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    # (words all present, words none present, table id)
    (("三公",), (), "three_public"),
    (("政府采购",), (), "procurement"),
    (("固定资产",), (), "fixed_assets"),
    (("资产占用",), (), "fixed_assets"),
    (("机构设置",), (), "organizations"),
    (("项目", "绩效"), ("整体",), "project_table"),
    (("整体", "绩效"), (), OTHER),  # 部门整体支出绩效目标表: the department's goals
    (("政府购买服务",), (), OTHER),
    (("转移支付",), (), OTHER),
    (("机关运行经费",), (), "operating_costs"),
    # a final account's fund tables print their income beside their spending
    # (政府性基金预算财政拨款收入支出决算表): the fund's table, not the 财政拨款 summary
    (("政府性基金", "收支", "决算"), (), "gov_fund_expenditure"),
    (("国有资本", "收支", "决算"), (), "state_capital_expenditure"),
    # tables a package prints beside the standard ones (Xi'an: 政府性基金收支表, 专项业务经费
    # 支出表, 财政拨款上年结转资金支出表): kept raw, not read as 收支总表 or 支出总表
    (("政府性基金", "收支"), (), OTHER),
    (("专项业务",), ("基本支出",), OTHER),
    (("结转资金",), (), OTHER),
    (("财政拨款", "收支"), (), "fiscal_summary"),
    (("收支",), (), "summary"),
    (("收入",), (), "income"),
    (("项目支出",), ("基本支出",), OTHER),
    (("政府性基金", "支出"), (), "gov_fund_expenditure"),
    (("国有资本", "支出"), (), "state_capital_expenditure"),
    # 基本支出 by function (Xi'an: 基本支出明细表（按功能科目分）) beside the standard one by
    # economic code: no standard table, kept raw rather than merged into the next one
    (("基本支出", "功能"), ("经济",), OTHER),
    (("一般公共预算", "基本支出"), (), "gpb_basic_expenditure"),
    (("财政拨款", "基本支出"), (), "fiscal_basic_expenditure"),
    (("基本支出",), (), "gpb_basic_expenditure"),
    (("经济",), ("功能",), OTHER),  # all expenditure by economic code: no standard table
    (("一般公共预算", "支出"), (), "gpb_expenditure"),
    (("财政拨款", "支出"), (), "fiscal_expenditure"),
    (("支出",), (), "expenditure"),
)
_PARENTHESES = re.compile(r"[（(][^）)]*[）)]$")
_TITLE_END = re.compile(r"(?:表|情况|采购预算)(?:[（(][^）)]*[）)])?(?:（续）|\(续\))?$")


def classify_title(line: str) -> str | None:
    """The table a title line names, or None when the line is not a table's title."""
    norm = normalise_title(line)
    norm = re.sub(r"^[^：:]{0,12}[：:]", "", norm)  # "表5：…", "预算05表 …" tags
    norm = norm.replace("收入支出", "收支")  # a final account's 收入支出决算总表 is its 收支总表
    if not norm or len(norm) > 40 or not _TITLE_END.search(norm):
        return None
    for present, absent, table_id in TITLE_RULES:
        if all(w in norm for w in present) and not any(w in norm for w in absent):
            return table_id
    return None


def match_title(text: str) -> tuple[str, str] | None:
    """The table the title in ``text`` names, and the title; the title nearest the table
    (the last one) wins. A title Word wrapped over two lines is read joined."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    found: tuple[str, str] | None = None
    i = 0
    while i < len(lines):
        joined = None
        if (
            i + 1 < len(lines)
            and len(lines[i]) <= 30
            and not lines[i].endswith(("。", "；", ";", "，", ",", "：", ":"))
        ):
            joined = lines[i] + lines[i + 1]  # a title Word wrapped: its halves, not prose
        if (table_id := classify_title(lines[i])) is not None:
            found = (table_id, lines[i])
        elif joined is not None and (table_id := classify_title(joined)) is not None:
            found = (table_id, joined)
            i += 1  # the title's second line ("费支出表") is no title of its own
        i += 1
    return found


def _row_text(row: list[str | None]) -> list[str]:
    return [clean_label(c) for c in row if c]


def is_lanci(row: list[str | None]) -> bool:
    """The row of column numbers under a header: 栏次 | 1 | 2 | 3 …, or the numbers alone
    after a mark (** | 1 | 2 …, 甲 | 乙 | 1 | 2 …)."""
    cells = _row_text(row)
    if cells and cells[0].startswith("栏次"):
        return True
    numbers = [c for c in cells if c.isdigit()]
    others = [c for c in cells if not c.isdigit()]
    marked = bool(others) and all(c in _COLUMN_MARKS for c in others)
    return (
        len(numbers) >= (1 if marked else 3)
        and numbers == [str(k) for k in range(int(numbers[0]), int(numbers[0]) + len(numbers))]
        and int(numbers[0]) <= 2
        and all(len(c) <= 2 for c in others)
    )


# what a column-number row prints over its label columns
_COLUMN_MARKS = {"**", "*", "甲", "乙", "丙", "栏次"}


def header_size(rows: list[list[str | None]]) -> int:
    """How many leading rows are column headers (through the 栏次 row when there is one)."""
    for i, r in enumerate(rows[:8]):
        if is_lanci(r):
            return i + 1
    n = 0
    for r in rows[:8]:
        cells = [c for c in r if c]
        if any(looks_like_amount(c) for c in cells):
            break
        if any(len(digits(c)) >= 3 and digits(c) == clean_label(c) for c in cells):
            break
        if (
            cells
            and ("合计" in clean_label(cells[0]) or "总计" in clean_label(cells[0]))
            and not any(clean_label(c) and not looks_like_amount(c) for c in cells[1:])
        ):
            break  # the 合计 row; a header row starting 合计 names other columns beside it
        n += 1
    return n


def column_labels(frag: Fragment, n_header: int) -> list[str]:
    """Each column's header, the levels of merged header cells joined with "/"."""
    labels: list[list[str]] = [[] for _ in frag.columns]
    for r in range(n_header):
        if is_lanci(frag.rows[r]):
            continue
        for c, box in enumerate(frag.boxes[r]):
            text = clean_label(frag.rows[r][c])
            if box is None or not text:
                continue
            for j, (x0, x1) in enumerate(frag.columns):
                # a header cell labels the grid columns it covers (mostly: Word's header
                # cells are a hair narrower than the cells below them)
                overlap = min(x1, box[2]) - max(x0, box[0])
                if overlap >= 0.5 * (x1 - x0) and text not in labels[j]:
                    labels[j].append(text)
    return ["/".join(parts) for parts in labels]


def recognise_by_header(labels: list[str]) -> str | None:
    joined = "|".join(labels)
    best: tuple[int, str] | None = None
    for family in CATALOGUE:
        if family.header_keywords and all(k in joined for k in family.header_keywords):
            score = sum(len(k) for k in family.header_keywords)
            if best is None or score > best[0]:
                best = (score, family.table_id)
    return best[1] if best else None


@dataclass
class Part:
    """One recognised (or raw) table of the disclosure, stitched over its pages."""

    family: str | None  # a table id, PROJECT_CARD, or None when not recognised
    title: str | None
    labels: list[str]
    header: list[list[str | None]]
    body: list[tuple[int, list[str | None]]] = field(default_factory=list)  # (page, cells)
    pages: list[int] = field(default_factory=list)
    note: str | None = None
    text_above: str = ""
    width: int = 0
    columns: list[tuple[float, float]] = field(default_factory=list)
    unit: str | None = None  # 单位：… printed above the table
    numbers: list[PrintedNumber] = field(default_factory=list)  # printed in its region

    def raw_rows(self) -> list[list[str]]:
        return [[clean_text(c) for c in r] for r in self.header] + [
            [clean_text(c) for c in r] for _, r in self.body
        ]


def fragment_numbers(
    frag: Fragment,
    body_from: int,
    skip: list[tuple[float, float]] = (),  # type: ignore[assignment]
) -> list[PrintedNumber]:
    """The numbers ``frag`` prints from row ``body_from`` on, its words outside every cell,
    and any money figure among the rows before (a body row taken for header). Cells whose
    centre lies in a ``skip`` x-range (a 序号 column) are not counted."""
    out: list[PrintedNumber] = []
    for r, (cells, boxes) in enumerate(zip(frag.rows, frag.boxes, strict=False)):
        for text, box in zip(cells, boxes, strict=False):
            if box and any(x0 <= (box[0] + box[2]) / 2 <= x1 for x0, x1 in skip):
                continue
            for number in numbers_in_cell(text):
                if r >= body_from or looks_like_figure(number):
                    x, y = (box[0], box[1]) if box else (None, None)
                    out.append(PrintedNumber(number, frag.page, x, y))
    for word, box in frag.strays:
        for number in numbers_in_cell(word):
            out.append(PrintedNumber(number, frag.page, box[0], box[1]))
    return out


_NOTE = re.compile(r"注[：:].*")


def _note(text: str) -> str | None:
    m = _NOTE.search("".join(without_folio_lines(text)))
    return m.group(0).strip() if m else None


def _is_cut_row(row: list[str | None], keys: list[int]) -> bool:
    """A row that a page break cut off its top half: its key cells (序号, or every cell of
    the code) are empty, others are not."""
    if not keys or any(k >= len(row) or row[k] is None for k in keys):
        return False
    if any(clean_text(row[k]) for k in keys):
        return False
    return any(clean_text(c) for c in row if c is not None)


def _merge_into(target: list[str | None], tail: list[str | None]) -> None:
    for i, text in enumerate(tail):
        if i < len(target) and text:
            target[i] = (target[i] or "") + "\n" + text


def _merge_cut_row(part: Part, tail: list[str | None], page: int) -> None:
    """Join a row's two halves ("77.7" / "6" is 77.76), and count the joined numbers in
    place of the halves the part had counted."""
    last = part.body[-1][1]
    before = list(last)
    _merge_into(last, tail)
    for i, text in enumerate(last):
        if i >= len(before) or text == before[i]:
            continue
        for half in numbers_in_cell(before[i]):
            for k in range(len(part.numbers) - 1, -1, -1):
                if part.numbers[k].text == half:
                    del part.numbers[k]
                    break
        part.numbers += [PrintedNumber(n, page) for n in numbers_in_cell(text)]


def _label_columns(part: Part) -> list[tuple[float, float]]:
    """The x-ranges of a part's 序号 columns (and a final account's 行次): ordinals, not
    figures."""
    return [
        part.columns[i] for i, label in enumerate(part.labels) if "序号" in label or "行次" in label
    ]


def _key_columns(part: Part) -> list[int]:
    """The cells a row is never printed without: its 序号, or its code (all of 类 / 款 / 项
    where the code is split; one of them alone is blank on most rows)."""
    for i, label in enumerate(part.labels):
        if "序号" in label:
            return [i]
    if part.family == PROJECT_CARD:
        return [1]  # 二级指标 is never empty in an indicator row
    split = [i for i, label in enumerate(part.labels) if label.split("/")[-1] in ("类", "款", "项")]
    if split:
        return split
    for i, label in enumerate(part.labels):
        if "编码" in label or "代码" in label:
            return [i]
    return []


def _strip_repeated_header(part: Part, frag: Fragment) -> int:
    header_texts = [_row_text(r) for r in part.header]
    n = 0
    for r in frag.rows:
        if is_lanci(r) or (_row_text(r) and _row_text(r) in header_texts):
            n += 1
            continue
        break
    return n


# Families whose rows are read by content (a code, a name, amounts), so a continuation
# drawn on another grid still joins them.
CODED_FAMILIES = (
    "income",
    "expenditure",
    "gpb_expenditure",
    "gov_fund_expenditure",
    "state_capital_expenditure",
    "fiscal_expenditure",
    "gpb_basic_expenditure",
    "fiscal_basic_expenditure",
    "operating_costs",
)


# Families read cell by cell under their header: a continuation on another grid is moved
# onto the part's grid by position.
CONTENT_FAMILIES = ("procurement",)


def _repeats(
    part: Part | None, titled: tuple[str, str], frag: Fragment, first_on_page: bool
) -> bool:
    """A continuation page that prints its table's title again (and mostly its header):
    the same table carrying on, not a second one."""
    if part is None or not first_on_page or not part.pages or frag.page != part.pages[-1] + 1:
        return False
    same_title = part.title is not None and normalise_title(part.title) == normalise_title(
        titled[1]
    )
    # two tables kept raw (表6 …按经济分类, 表7 …按功能分类) are one only by their title
    if part.family in (None, OTHER):
        return same_title
    return titled[0] == part.family


def _continuation(
    part: Part | None, frag: Fragment, first_on_page: bool, titled: bool = False
) -> tuple[list[list[str | None]], bool] | None:
    """If ``frag`` carries on ``part`` over a page break: its rows on the part's grid, and
    whether the two pages share that grid (only then can a row cut in two be merged).
    ``titled``: the page repeats the part's title, so it carries on whatever its grid."""
    if part is None or not first_on_page:
        return None
    if frag.width == part.width:
        return frag.rows, True
    grid = _regrid(frag, part.columns)
    if grid is not None:
        return grid, True
    if titled:
        return _regrid_nearest(frag, part.columns), False
    first = clean_label(next((c for c in frag.rows[0] if c and c.strip()), ""))
    if part.family in CODED_FAMILIES and first.isdigit() and len(first) in (3, 5, 7):
        return frag.rows, False  # read by content: a code, a name, amounts
    # a page that opens on rows (no title, no header) carries on the table before it
    if (
        part.family in CONTENT_FAMILIES
        and not frag.text_above.strip()
        and header_size(frag.rows) == 0
        and frag.bbox[2] - frag.bbox[0] > 0.6 * (part.columns[-1][1] - part.columns[0][0])
    ):
        return _regrid_nearest(frag, part.columns), False
    return None


def _regrid_nearest(frag: Fragment, columns: list[tuple[float, float]]) -> list[list[str | None]]:
    """A continuation drawn on another grid, its cells moved onto the part's grid column
    under each cell's centre, so a row reads the same wherever its page put the rulings."""
    centres = [(x0 + x1) / 2 for x0, x1 in columns]
    rows: list[list[str | None]] = []
    for cells, boxes in zip(frag.rows, frag.boxes, strict=False):
        row: list[str | None] = [None] * len(columns)
        for text, box in zip(cells, boxes, strict=False):
            if box is None or not text or not text.strip():
                continue
            mid = (box[0] + box[2]) / 2
            inside = [j for j, (x0, x1) in enumerate(columns) if x0 <= mid <= x1]
            j = (
                inside[0]
                if inside
                else min(range(len(columns)), key=lambda k: abs(centres[k] - mid))
            )
            row[j] = text if row[j] is None else f"{row[j]}\n{text}"
        rows.append(row)
    return rows


_CODE_LINE = re.compile(r"^\s*(\d{3}(?:\d{2}){0,2})\s+(\S.*?)\s+(-?[\d,]+\.\d+)\s*$")


def _rows_above_ruling(text: str) -> list[list[str | None]]:
    """Code lines a page break left above the first ruling of a continuation page (Word
    draws the first row's top border on the previous page): "2210201 住房公积金 1,029.15"."""
    rows: list[list[str | None]] = []
    for line in text.splitlines():
        m = _CODE_LINE.match(line)
        if m:
            rows.append([m.group(1), m.group(2), m.group(3)])
    return rows


_EDGE = 2.0  # points: the same ruling line drawn on two pages


def _regrid(frag: Fragment, columns: list[tuple[float, float]]) -> list[list[str | None]] | None:
    """A continuation whose merged cells hide some rulings (a lone 合计 row spanning the
    code columns): its rows placed on the part's columns by position, or None when its
    edges are not the part's."""
    if not columns:
        return None
    starts = [x0 for x0, _ in columns]
    ends = [x1 for _, x1 in columns]

    def index_of(x: float, edges: list[float]) -> int | None:
        return next((i for i, e in enumerate(edges) if abs(e - x) <= _EDGE), None)

    if any(index_of(x0, starts) is None or index_of(x1, ends) is None for x0, x1 in frag.columns):
        return None
    rows: list[list[str | None]] = []
    for cells, boxes in zip(frag.rows, frag.boxes, strict=False):
        row: list[str | None] = [None] * len(columns)
        for text, box in zip(cells, boxes, strict=False):
            if box is None:
                continue
            i, j = index_of(box[0], starts), index_of(box[2], ends)
            if i is None or j is None:
                return None
            row[i] = text if text is not None else ""
        rows.append(row)
    return rows


_UNIT = re.compile(r"单位[：:]*(万元|千元|元)")
# at the start of a cell: 部门：…, 编制单位：…, 单位：万元, 金额单位：万元
_CAPTION = re.compile(r"(?:编制|预算)?(?:部门|单位)(?:名称)?[：:]|(?:金额)?单位[：:]")


def _peel_captions(frag: Fragment) -> Fragment:
    """Titles and 部门/单位 lines that a producer drew inside the table's first rows are
    moved above it, where the other layouts print them."""
    k = 0
    peeled: list[str] = []
    while k < min(5, len(frag.rows)):
        texts = [c for c in frag.rows[k] if c and c.strip()]
        if not texts:  # an empty row of the invisible grid a title is drawn in
            k += 1
            continue
        if len(texts) > 3 or any(looks_like_amount(t) for t in texts):
            break
        captions = all(_CAPTION.match(clean_label(t)) for t in texts)
        if not captions and match_title("\n".join(texts)) is None:
            break
        peeled.extend(texts)
        k += 1
    if not peeled:
        return frag
    above = "\n".join(p for p in [frag.text_above, *peeled] if p)
    return replace(frag, rows=frag.rows[k:], boxes=frag.boxes[k:], text_above=above)


_CONTENTS = re.compile(r"^\s*目\s*录\s*$", re.MULTILINE)


def is_contents(frag: Fragment) -> bool:
    """A 目录 drawn as a table (序号 | 表名 | 页码, or "1、部门收支总表" lines): most of its
    rows name one of the package's tables, and it prints no figure. It lists the tables;
    it is none of them, whatever the title-like lines of the contents above it say."""
    named = rows = 0
    for r in frag.rows:
        cells = [clean_label(c) for c in r if c and c.strip()]
        if not cells:
            continue
        if any(looks_like_figure(c) for c in cells):
            return False
        rows += 1
        words = "".join(c for c in cells if not c.isdigit())
        named += classify_title(words) is not None
    listed = named >= 2 or (named >= 1 and bool(_CONTENTS.search(frag.text_above)))
    return listed and 2 * named >= rows


def assemble(pages: Iterable[PageContent]) -> list[Part]:
    """Group the pages' table fragments into parts, in document order. A contents page's
    list of tables is no part."""
    parts: list[Part] = []
    current: Part | None = None
    for page in pages:
        for index, whole in enumerate(page.fragments):
            frag = _peel_captions(whole)
            if not frag.rows:
                continue
            if is_contents(frag):
                current = None
                continue
            first_row = " ".join(_row_text(frag.rows[0]))
            titled = match_title(frag.text_above)
            if "项目编码" in first_row:
                current = _start(PROJECT_CARD, _card_title(frag.text_above), frag)
                parts.append(current)
            elif titled is not None and not _repeats(current, titled, frag, index == 0):
                current = _start(titled[0], titled[1], frag)
                parts.append(current)
            elif (
                carried := _continuation(current, frag, index == 0, titled is not None)
            ) and current is not None:
                grid, aligned = carried
                skip = _strip_repeated_header(current, replace(frag, rows=grid))
                rows = grid[skip:]
                repeated: list[str | None] = []
                if rows and current.body and _repeats_total_row(rows[0], current.body[0][1]):
                    repeated = rows[0]  # the 合计 row printed again under the header
                    skip += 1
                    rows = rows[1:]
                above: list[list[str | None]] = []
                if current.family in CODED_FAMILIES:
                    above = _rows_above_ruling(frag.text_above)
                    current.numbers += [
                        PrintedNumber(n, frag.page) for r in above for n in numbers_in_cell(r[2])
                    ]
                merged = (
                    aligned
                    and not above
                    and bool(rows)
                    and bool(current.body)
                    and _is_cut_row(rows[0], _key_columns(current))
                )
                if merged:
                    _merge_cut_row(current, rows[0], frag.page)
                    rows = rows[1:]
                current.numbers += fragment_numbers(
                    frag, skip + int(merged), _label_columns(current)
                )
                for again in (t for c in repeated for t in numbers_in_cell(c)):
                    _drop_number(current.numbers, again, frag.page)  # read on its first page
                rows = above + rows
                current.body.extend((frag.page, list(r)) for r in rows)
                current.pages.append(frag.page)
                current.note = current.note or _note(frag.text_below)
            else:
                n = header_size(frag.rows)
                labels = column_labels(frag, n)
                family = recognise_by_header(labels)
                title = _last_line(frag.text_above)
                current = _start(family, title, frag)
                parts.append(current)
    return parts


def _last_line(text: str) -> str | None:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else None


def _card_title(text: str) -> str | None:
    for line in reversed(text.splitlines()):
        if re.match(r"^\s*\d+[、.]", line):
            return line.strip()
    return _last_line(text)


_COLUMN_WORDS = ("金额", "预算", "总额", "绩效", "指标", "资金", "合计")


def is_labelled_card_row(row: list[str | None]) -> bool:
    """项目名称 | <a project's name>: the first row of a card drawn as label | value rows,
    not a header naming columns (项目名称 | 项目总额 | 绩效目标 …)."""
    cells = [clean_label(c) for c in row if c and c.strip()]
    return (
        len(cells) >= 2
        and cells[0] == "项目名称"
        and not any(w in c for c in cells[1:] for w in _COLUMN_WORDS)
    )


def _repeats_total_row(row: list[str | None], first: list[str | None]) -> bool:
    """A continuation page's first row that is the table's 合计 row again, word for word and
    figure for figure (the rows a producer repeats at the top of every page)."""
    texts = [clean_text(c).replace(" ", "") for c in row]
    return (
        texts == [clean_text(c).replace(" ", "") for c in first]
        and any("合计" in t for t in texts)
        and any(looks_like_amount(c) for c in row)
    )


def _drop_number(numbers: list[PrintedNumber], text: str, page: int) -> None:
    for k in range(len(numbers) - 1, -1, -1):
        if numbers[k].text == text and numbers[k].page == page:
            del numbers[k]
            return


_LEVEL_WORDS = ("类", "款", "项")


def _code_levels_in_first_row(part: Part) -> None:
    """A code split over columns whose 类 | 款 | 项 words share a row with the 合计 figures
    (a final account's 收入决算表: 类 | 款 | 项 | 合计 | 2,946.25 …): the words belong to
    the header, the rest of the row is the 合计 row."""
    if not part.body:
        return
    row = part.body[0][1]
    at = [i for i, c in enumerate(row) if clean_text(c).replace(" ", "") in _LEVEL_WORDS]
    words = [clean_text(row[i]).replace(" ", "") for i in at]
    if (
        len(at) < 2
        or words != list(_LEVEL_WORDS[: len(at)])
        or at != list(range(at[0], at[0] + len(at)))
        or not all(i < len(part.labels) and "编码" in part.labels[i] for i in at)
    ):
        return
    for i, word in zip(at, words, strict=True):
        part.labels[i] = f"{part.labels[i]}/{word}"
        row[i] = ""


def _start(family: str | None, title: str | None, frag: Fragment) -> Part:
    card = family == PROJECT_CARD or (
        family == PROJECT_TABLE and bool(frag.rows) and is_labelled_card_row(frag.rows[0])
    )
    n = 0 if card else header_size(frag.rows)
    if family == "organizations":
        n = 1
    labels = column_labels(frag, n)
    unit = _UNIT.search(clean_text(frag.text_above.replace("\n", " ")).replace(" ", ""))
    part = Part(
        refine_family(family, labels),
        title,
        labels,
        [list(r) for r in frag.rows[:n]],
        width=frag.width,
        text_above=frag.text_above,
        columns=list(frag.columns),
        unit=unit.group(1) if unit else None,
    )
    part.body = [(frag.page, list(r)) for r in frag.rows[n:]]
    _code_levels_in_first_row(part)
    part.numbers = fragment_numbers(frag, n, _label_columns(part))
    part.pages = [frag.page]
    part.note = _note(frag.text_below)
    return part
