"""Tables by functional code (收入总表, 支出总表, 一般公共预算 / 基金 / 国资 支出表) and the
tables by economic code (基本支出, 机关运行经费): one row per code, its level from the code.

Codes are printed whole (2040201) or split over 类 / 款 / 项 columns (204 · 02 · 01); WPS
drops a 款's leading zero (301 · 2 is 30102), so split parts are padded back to two digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import polars as pl

from core.model import ECONOMIC_TABLES, EXTRA_COLUMNS, MONEY, TABLE_COLUMNS
from core.tables.cells import (
    clean_label,
    clean_text,
    digits,
    looks_like_amount,
    parse_amount,
    spilled_name,
)
from core.tables.codes import class_code, class_lines
from core.tables.columns import RowValues, cell, map_header_columns, to_frame
from core.tables.recognition import Part

_HEAD = [("序号", "seq"), ("编码", "code"), ("代码", "code"), ("名称", "name")]
_FUNCTIONAL_VALUES = [
    ("合计", "total"),
    ("总计", "total"),
    ("金额", "total"),
    ("基本支出", "basic"),
    ("项目支出", "project"),
    ("专项业务经费", "project"),  # Xi'an: 人员经费 | 公用经费 | 专项业务经费 under 合计
    ("小计", "total"),  # 一般公共预算支出 / 小计: a 小计 no other rule names is the row's total
]
VALUE_RULES: dict[str, list[tuple[str, str]]] = {
    "income": [
        ("小计", "current_year"),
        ("本年收入", "current_year"),
        ("合计", "total"),
        ("总计", "total"),
        ("财政拨款", "fiscal_appropriation"),
        # 财政拨款 split by budget, beside its 小计 or with none: then the split is the kinds'
        ("一般公共预算", "general_public_budget"),
        ("政府性基金", "government_fund"),
        ("国有资本", "state_capital"),
        ("财政专户", "special_account"),
        ("事业收入", "business"),
        ("经营收入", "operating"),
        ("上级补助", "superior_subsidy"),
        ("附属单位", "affiliate_remittance"),
        ("经营服务收入", "operating"),  # 事业单位经营服务收入
        ("其他收入", "other"),
        ("其它收入", "other"),
        ("上年结转", "carryover"),
        ("结转", "carryover"),
    ],
    "expenditure": [
        ("合计", "total"),
        ("总计", "total"),
        ("基本支出", "basic"),
        ("项目支出", "project"),
        ("专项业务经费", "project"),
        ("经营支出", "operating"),
        ("上解上级", "remit_to_superior"),
        ("上缴上级", "remit_to_superior"),
        ("附属单位", "subsidy_to_affiliates"),
    ],
    "gpb_expenditure": _FUNCTIONAL_VALUES,
    "gov_fund_expenditure": _FUNCTIONAL_VALUES,
    "state_capital_expenditure": _FUNCTIONAL_VALUES,
    "fiscal_expenditure": _FUNCTIONAL_VALUES,
    "gpb_basic_expenditure": [
        ("人员经费", "personnel"),
        ("人员支出", "personnel"),
        ("人员类", "personnel"),
        ("公用经费", "public"),
        ("公用支出", "public"),
        ("公用类", "public"),
        ("合计", "total"),
        ("总计", "total"),
        ("金额", "total"),
        ("基本支出", "total"),  # 基本支出预算 / 小计 where no 合计 is printed
        ("决算数", "total"),  # a final account's 基本支出决算表
    ],
    "operating_costs": [("机关运行经费", "total"), ("合计", "total"), ("金额", "total")],
}
VALUE_RULES["fiscal_basic_expenditure"] = VALUE_RULES["gpb_basic_expenditure"]

# the split-code columns, by the leaf of their header
_SPLIT = {"类": 0, "款": 1, "项": 2}


def code_level(code: str | None, economic: bool = False) -> int | None:
    """合计 is 0; functional 类/款/项 have 3/5/7 digits, economic 类/款 3/5."""
    if not code:
        return 0
    lengths = {3: 1, 5: 2} if economic else {3: 1, 5: 2, 7: 3}
    return lengths.get(len(code))


def split_code_columns(labels: list[str]) -> list[int]:
    """The 类 / 款 / 项 columns of a split code, in order; empty when the code is whole.
    Where two codes are split side by side (the department's economic code, then the
    government's: 301 · 01 | 501 · 01), the first is the table's key."""
    found = [
        (i, _SPLIT[label.split("/")[-1]])
        for i, label in enumerate(labels)
        if label.split("/")[-1] in _SPLIT
        and ("编码" in label or "科目" in label or "/" not in label)
    ]
    first: list[tuple[int, int]] = []
    for index, level in found:
        if first and (level <= first[-1][1] or index != first[-1][0] + 1):
            break  # the next code's 类 starts again
        first.append((index, level))
    return [i for i, _ in first] if len(first) >= 2 else []


def joined_code(row: list[str | None], columns: list[int], above: list[str]) -> str:
    """The code a row's 类 / 款 / 项 cells spell. Some producers print only a row's own
    level (the 款 row shows "11" alone): the levels left blank come from the rows above
    (``above``: the last 类 and 款 seen, updated here)."""
    parts = [digits(cell(row, i)) for i in columns]
    deepest = max((k for k, p in enumerate(parts) if p), default=None)
    if deepest is None:
        return ""
    if not parts[0] and not all(above[:deepest]):
        return ""
    code = ""
    for k in range(deepest + 1):
        piece = parts[k] or above[k]
        code += piece if k == 0 else piece.zfill(2)
        if parts[k]:
            above[k] = piece if k == 0 else piece.zfill(2)
            above[k + 1 :] = [""] * (len(above) - k - 1)
    return code


def _is_code_column(label: str) -> bool:
    return label.split("/")[-1] in _SPLIT or "编码" in label or "代码" in label


def extra_columns(part: Part, mapped: dict[str, int], extra: dict[str, int]) -> dict[str, int]:
    """Amount columns beyond the model's, named by EXTRA_COLUMNS or by their printed header."""
    out: dict[str, int] = {}
    taken = set(mapped.values())
    for label, index in extra.items():
        known = next((n for word, n in EXTRA_COLUMNS if word in label), None)
        if index in taken or _is_code_column(label):
            continue  # a second code printed beside the key (政府经济分类 501 · 01)
        if known is None and not any(looks_like_amount(cell(r, index)) for _, r in part.body):
            continue  # a label column (说明, 备注), not an amount
        out.setdefault(known or clean_label(label.split("/")[-1]), index)
    return out


def unit_code_column(labels: list[str]) -> int | None:
    """A column of the unit's code (部门代码, 单位编码: 327001), not a functional code."""
    return next(
        (
            i
            for i, label in enumerate(labels)
            if any(
                w in label.split("/")[-1] for w in ("部门代码", "部门编码", "单位代码", "单位编码")
            )
        ),
        None,
    )


def columns_of(part: Part, table_id: str) -> tuple[dict[str, int], list[int], dict[str, int]]:
    """Where each model field sits, the split-code columns, and the extra amount columns."""
    split = split_code_columns(part.labels)
    unit_code = unit_code_column(part.labels)
    labels = [
        ("" if i in split or i == unit_code else label) for i, label in enumerate(part.labels)
    ]
    mapped, extra = map_header_columns(labels, _HEAD + VALUE_RULES[table_id])
    if split:
        mapped.pop("code", None)
        if "name" not in mapped and (name := _name_beside_code(part, split, mapped)) is not None:
            mapped["name"] = name
            extra = {label: i for label, i in extra.items() if i != name}
    mapped, extra = _roles_under_groups(part, table_id, labels, mapped, extra)
    if "total" not in mapped:
        # a table of one amount column headed just 预算 (Guangzhou's 基本支出表)
        lone = [i for label, i in extra.items() if label.split("/")[-1] in ("预算", "预算数")]
        if len(lone) == 1:
            mapped["total"] = lone[0]
            extra = {label: i for label, i in extra.items() if i != lone[0]}
    return mapped, split, extra_columns(part, mapped, extra)


def _name_beside_code(part: Part, split: list[int], mapped: dict[str, int]) -> int | None:
    """The name column of a split code headed by neither 名称 nor a known word (科目编码 /
    类 | 款 | 项 | 功能科目): the column right after 项, where its rows print text."""
    index = split[-1] + 1
    if index >= len(part.labels) or index in mapped.values():
        return None
    texts = [clean_text(cell(r, index)) for _, r in part.body]
    names = sum(1 for t in texts if t and not looks_like_amount(t))
    amounts = sum(1 for t in texts if looks_like_amount(t))
    return index if names > amounts else None


def _identity_parts(table_id: str, mapped: dict[str, int]) -> list[str]:
    """The columns a row's total is the sum of, among those mapped: the income's kinds (or
    its 本年收入 and 结转), the spending's kinds, 人员 and 公用."""
    values = {n for _, n in VALUE_RULES[table_id]} - {"total"}
    if table_id == "income" and "current_year" in mapped:
        return [f for f in ("current_year", "carryover") if f in mapped]
    return [f for f in mapped if f in values and f != "current_year"]


def _rows_holding(
    part: Part, table_id: str, mapped: dict[str, int], more: Iterable[int] = ()
) -> int:
    """How many rows' total is the sum of their parts, under the mapping ``mapped`` (and
    with the columns ``more`` among the parts)."""
    if "total" not in mapped:
        return 0
    columns = [mapped[f] for f in _identity_parts(table_id, mapped)] + list(more)
    held = 0
    for _, row in part.body:
        total = parse_amount(cell(row, mapped["total"])).value
        values = [parse_amount(cell(row, i)).value for i in columns]
        if total is None or all(v is None for v in values):
            continue
        held += total == sum((v for v in values if v is not None), Decimal(0))
    return held


def _roles_under_groups(
    part: Part,
    table_id: str,
    labels: list[str],
    mapped: dict[str, int],
    extra: dict[str, int],
) -> tuple[dict[str, int], dict[str, int]]:
    """A spanning header whose columns no rule names: either they are the group's parts
    and add up to it (基本支出 over 人员经费 | 公用经费), or one of them is the group's own
    figure and the others are parts of it (本级财政拨款 over 金额 | 其中：经费拨款). Each
    reading is tried, and a column takes the group's role only where the table's rows add
    up under it (total = Σ kinds) better than under the others; else they stay extra."""
    groups: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        if "/" in label:
            groups.setdefault(label.rsplit("/", 1)[0], []).append(index)
    for parent, children in groups.items():
        taken = set(mapped.values())
        free = [i for i in children if i not in taken]
        if len(children) < 2 or not free:
            continue
        head = parent.split("/")[-1]
        field = next(
            (n for word, n in VALUE_RULES[table_id] if word in head and n not in mapped), None
        )
        if field is None:
            continue
        # the readings to beat: the columns left extra, or summed into the group
        best: int | None = None
        best_held = max(
            _rows_holding(part, table_id, mapped), _rows_holding(part, table_id, mapped, free)
        )
        for index in free:
            held = _rows_holding(part, table_id, {**mapped, field: index})
            if held > best_held:
                best, best_held = index, held
        if best is not None:
            mapped = {**mapped, field: best}
            extra = {label: i for label, i in extra.items() if i != best}
    return mapped, extra


def printed_fields(part: Part, table_id: str) -> list[str]:
    blocks = economic_blocks(part) if table_id in ECONOMIC_TABLES else []
    if blocks:
        kinds = [kind for _, _, kind in blocks]
        return ["total", *dict.fromkeys(kinds)]
    mapped, _, extras = columns_of(part, table_id)
    values = [name for _, name in VALUE_RULES[table_id] if name in mapped]
    return list(dict.fromkeys(values)) + list(extras)


_BLOCK_KINDS = (("人员经费", "personnel"), ("公用经费", "public"))


def economic_blocks(part: Part) -> list[tuple[int, int, str]]:
    """The blocks of an economic table printed side by side — 人员经费 (301, 303) beside
    公用经费 (302, 310 …), each with its code, name and amount, and each closed by its own
    合计 (人员经费合计 | 公用经费合计), as final accounts print them: (first column, end, kind).
    Empty unless the table is so printed."""
    labels = part.labels
    names = [i for i, label in enumerate(labels) if label.split("/")[-1].endswith("名称")]
    if len(names) < 2:
        return []
    starts = []
    for n in names:
        start = n
        while start - 1 >= 0 and _is_code_column(labels[start - 1]) and start - 1 not in starts:
            start -= 1
        starts.append(start)
    if starts[0] != 0:
        return []
    ends = [*starts[1:], len(labels)]
    blocks: list[tuple[int, int, str]] = []
    for a, b in zip(starts, ends, strict=True):
        words = (
            " ".join(labels[a:b])
            + " "
            + " ".join(clean_text(c) for _, row in part.body for c in row[a:b] if c)
        )
        kind = next((k for word, k in _BLOCK_KINDS if word in words), None)
        if kind is None:
            return []
        blocks.append((a, b, kind))
    return blocks


def _parse_blocks(part: Part, table_id: str, blocks: list[tuple[int, int, str]]) -> pl.DataFrame:
    """Each block read as a table of its own, its rows' amounts its kind's (人员经费 or
    公用经费) too; one 合计 row carries each block's 合计 and, as the table prints no sum of
    the two, their sum as its total (基本支出 = 人员经费 + 公用经费)."""
    frames = []
    totals: dict[str, Any] = {}
    page = None
    for a, b, kind in blocks:
        sub = replace(
            part,
            labels=part.labels[a:b],
            body=[(pg, row[a:b]) for pg, row in part.body],
            columns=part.columns[a:b],
        )
        frame = parse_functional(sub, table_id)
        own = frame.filter((pl.col("level") != 0) & pl.col("code").is_not_null())
        frames.append(own.with_columns(pl.col("total").alias(kind)))
    # each block's 合计 (人员经费合计 2,152.26): the first amount right of its words, which
    # a merged cell may carry into the next block
    for pg, row in part.body:
        for i, text in enumerate(row):
            word = clean_text(text).replace(" ", "")
            closed = next((k for w, k in _BLOCK_KINDS if word == w + "合计"), None)
            if closed is None:
                continue
            page = page or pg
            for later in row[i + 1 :]:
                if looks_like_amount(later):
                    totals[closed] = parse_amount(later).value
                    break
                if clean_text(later) and not looks_like_amount(later):
                    break
    body = pl.concat(frames, how="diagonal_relaxed")
    head: dict[str, Any] = {"code": None, "name": "合计", "level": 0, "page": page}
    head |= totals
    if totals and all(v is not None for v in totals.values()):
        head["total"] = sum(v for v in totals.values() if v is not None)
    head |= {"redacted": False, "classified": []}
    first = pl.DataFrame([head], schema={c: body.schema[c] for c in head if c in body.schema})
    out = pl.concat([first, body], how="diagonal_relaxed")
    return out.select([c for c in out.columns])


_CODE_LENGTHS = {3, 5, 7}


def _loose_code(
    row: list[str | None], economic: bool = False, amount_columns: Iterable[int] = ()
) -> tuple[str, int | None, str]:
    """The first cell that is a code, whole or leading its name ("2130201-行政运行"),
    wherever the producer put it: (code, its cell, the name beside it). A row that lists
    the government's economic code beside the department's (50101 · 30101) is read by the
    department's, the one the economic tables are keyed by."""
    found: list[tuple[str, int, str]] = []
    for i, text in enumerate(row):
        clean = clean_text(text).replace(" ", "")
        if i in amount_columns:
            continue  # 791 under 合计 is a whole-yuan amount, not a code
        if clean.isdigit() and len(clean) in _CODE_LENGTHS:
            found.append((clean, i, ""))
        elif clean and not looks_like_amount(clean):
            code, name = _code_in_name(clean_text(text))
            if code:
                found.append((code, i, name))
    if economic:
        found.sort(key=lambda f: not f[0].startswith("3"))  # stable: first 3xx first
    return found[0] if found else ("", None, "")


def _loose_name(row: list[str | None], skip: set[int]) -> str:
    for i, text in enumerate(row):
        clean = clean_text(text)
        if i in skip or not clean or looks_like_amount(clean) or clean.isdigit():
            continue
        return clean
    return ""


def parse_functional(part: Part, table_id: str) -> pl.DataFrame:
    """One record per code row.

    Word exports often draw a row's cells off the header's grid (a code one column left of
    科目编码, an amount one column left of 金额); when the header's columns of a row are
    empty but the row has a code, a name or amounts elsewhere, those are taken by position:
    the first whole code, the first other text, and the amounts right-aligned onto the
    value columns.
    """
    blocks = economic_blocks(part) if table_id in ECONOMIC_TABLES else []
    if blocks:
        return _parse_blocks(part, table_id, blocks)
    mapped, split, extras = columns_of(part, table_id)
    unit_code = unit_code_column(part.labels)
    value_fields = list(dict.fromkeys(n for _, n in VALUE_RULES[table_id] if n in mapped))
    value_index = {mapped[f]: f for f in value_fields} | {i: f for f, i in extras.items()}
    value_order = [value_index[i] for i in sorted(value_index)]
    economic = table_id in ECONOMIC_TABLES
    no_labels = "code" not in mapped and not split and "name" not in mapped
    code_columns = frozenset(i for i, label in enumerate(part.labels) if _is_code_column(label))
    records: list[dict[str, Any]] = []
    pending: dict[str, Any] | None = None  # a 合计 whose amounts sit on the next line
    levels_above = [""] * len(split)  # the 类 (and 款) a split code's blank cells continue
    # a second code split beside the key: the government's economic class (501 · 01) that
    # Shandong prints next to the department's (301 · 01); kept as ``government_code``
    second_code = (
        [
            i
            for i, label in enumerate(part.labels)
            if label.split("/")[-1] in _SPLIT and i not in split
        ]
        if economic and split
        else []
    )
    second_above = [""] * len(second_code)
    for page, row in part.body:
        if split:
            code = joined_code(row, split, levels_above)
            code_cell = cell(row, split[0])
        else:
            code_cell = cell(row, mapped.get("code"))
            code = digits(code_cell) if len(digits(code_cell)) in _CODE_LENGTHS else ""
        name = clean_text(cell(row, mapped.get("name")))
        if looks_like_amount(name):
            name = ""  # an off-grid row put an amount under 名称
        label = clean_text(code_cell) if not code else ""
        if not code and not name and label:
            name = label  # 合计 spans the code and name columns
        if not code and not split:
            code, at, beside = _loose_code(row, economic, value_index)
            if code and not name:
                name = beside or _loose_name(row, {at} if at is not None else set())
        if name:
            # a code printed inside the name cell ("[2040201]行政运行", "2040201-行政运行")
            inner, rest = _code_in_name(name)
            if inner and (not code or inner == code):
                code, name = inner, rest
        loose = ""  # the text of a row with neither code nor name: 合计, or a unit's name
        if not code and not name and any(looks_like_amount(c) for c in row):
            loose = _loose_name(row, set())
            if "合计" in loose.replace(" ", ""):
                name, loose = loose, ""
        amounts = {f: cell(row, i) for i, f in value_index.items()}
        for f, text in amounts.items():
            spill = spilled_name(text) if name and not looks_like_amount(text) else None
            if spill is not None:  # the name ran on into the amount cell beside it
                name, amounts[f] = name + spill[0], spill[1]
                break
        if not any(looks_like_amount(v) for v in amounts.values()):
            amounts = (
                _amounts_by_position(
                    row, part.columns, value_index, code, code_columns | frozenset(split)
                )
                or amounts
            )
        lone_total = no_labels and not (code or name or loose)
        if lone_total and any(looks_like_amount(c) for c in row):
            name = "合计"  # a table of one totals row (Jiangsu 支出预算总表)
        name = name or loose
        if not code and not name:
            if pending is not None and any(looks_like_amount(v) for v in amounts.values()):
                _fill(pending, amounts)  # the amounts of a 合计 printed a line below it
            continue
        is_total = not code and "合计" in name.replace(" ", "")
        if not code and not is_total:
            if not any(looks_like_amount(v) for v in amounts.values()):
                continue  # a stray text row, not a code line
            # a line of a unit or a source (预算单位, 收入来源) rather than a code: kept, with
            # no level, so its figures are read but no hierarchy is asked of it
            values = RowValues()
            for field in value_order:
                values.amount(field, amounts.get(field))
            record = values.record(page, code=None, name=name, level=None)
            if unit_code is not None:
                record["unit_code"] = digits(cell(row, unit_code)) or None
            records.append(record)
            pending = None
            continue
        values = RowValues()
        for field in value_order:
            values.amount(field, amounts.get(field))
        record = values.record(
            page,
            code=code or None,
            name=name.replace(" ", "") if not code else name,
            level=code_level(code, economic),
        )
        if second_code:
            record["government_code"] = joined_code(row, second_code, second_above) or None
        records.append(record)
        pending = record if not code and not values.values_present() else None
    # fields a layout prints beyond the model's columns (the income's budget split)
    beyond = [f for f in value_fields if f not in TABLE_COLUMNS[table_id]]
    typed: dict[str, pl.DataType] = dict.fromkeys([*beyond, *extras], MONEY)
    if unit_code is not None:
        typed["unit_code"] = pl.String()
    if second_code:
        typed["government_code"] = pl.String()
    return to_frame(table_id, _classes_by_name(_unit_total(records), economic), typed)


def _classes_by_name(records: list[dict[str, Any]], economic: bool) -> list[dict[str, Any]]:
    """A functional table printed by name alone (Zhejiang: 类, 款 and 项 told apart only by
    indentation): its class lines are known by their names and get their codes, so 合计 = Σ 类
    and the summary's class lines can be checked; 款 and 项 stay without a level."""
    if economic or any(r["code"] for r in records):
        return records
    named = [r for r in records if r["level"] is None]
    for i in class_lines([r["name"] for r in named]):
        named[i]["code"], named[i]["level"] = class_code(named[i]["name"]), 1
    return records


def _unit_total(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A table with no 合计 whose one unit line comes first is that unit's total (Shenzhen
    prints the unit's name where others print 合计)."""
    units = [r for r in records if r["level"] is None]
    if (
        len(units) == 1
        and records
        and records[0] is units[0]
        and not any(r["level"] == 0 for r in records)
    ):
        units[0]["level"] = 0
    return records


_CODE_IN_NAME = re.compile(r"^[\[【［(（]?(\d{3}(?:\d{2}){0,2})[\]】］)）]?\s*[-—－:：]?\s*(\D.*)$")


def _code_in_name(name: str) -> tuple[str, str]:
    """A code printed inside the name cell: "[2010501]行政运行", "2010601-行政运行"."""
    m = _CODE_IN_NAME.match(name.strip())
    if m:
        return m.group(1), m.group(2).strip()
    return "", name


def _amounts_by_position(
    row: list[str | None],
    columns: list[tuple[float, float]],
    value_index: dict[int, str],
    code: str,
    code_columns: frozenset[int] = frozenset(),
) -> dict[str, str | None] | None:
    """Each amount of an off-grid row under the value column nearest to it; on a page drawn
    with another grid, the amounts right-aligned onto the value columns. A number under a
    code column (a split code's 类 301 | 款 01; 政府经济科目编码 50202 of a row whose amounts
    are blank) is a code, never an amount."""
    loose = [
        (i, c)
        for i, c in enumerate(row)
        if looks_like_amount(c)
        and i not in code_columns
        and not (code and clean_text(c).replace(" ", "") == code)
    ]
    if not loose or not value_index:
        return None
    order = [value_index[i] for i in sorted(value_index)]
    amounts: dict[str, str | None] = dict.fromkeys(order)
    if len(row) != len(columns):
        tail = [c for _, c in loose][-len(order) :]
        amounts.update(zip(order[-len(tail) :], tail, strict=True))
        return amounts
    centre = [(x0 + x1) / 2 for x0, x1 in columns]
    for i, text in loose:
        nearest = min(value_index, key=lambda j: (abs(centre[j] - centre[i]), -j))
        if amounts[value_index[nearest]] is None:
            amounts[value_index[nearest]] = text
    return amounts


def _fill(record: dict[str, Any], amounts: dict[str, str | None]) -> None:
    values = RowValues()
    for field, raw in amounts.items():
        values.amount(field, raw)
    record.update(values.values)
    record["classified"] = values.classified
    record["redacted"] = bool(values.classified)
