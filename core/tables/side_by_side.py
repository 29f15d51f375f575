"""收支总表 and 财政拨款收支总表: income lines beside expenditure lines on one row.

Expenditure may come twice: by function (一、一般公共服务支出 …) and by use (一、基本支出 …,
Jiangsu's 支出用途 group); use lines get side ``expenditure_use``. The totals rows (小计,
合计, 总计, 结转) stay on ``expenditure`` whichever group prints them.

Cells are read by header column where the producer kept to the header's grid (the seed);
a row whose amounts sit off that grid (Word exports) is read by content: each amount
belongs to the item text left of it.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from core.model import FUND_BUDGETS
from core.tables.cells import clean_label, clean_text, digits, looks_like_amount, spilled_name
from core.tables.columns import RowValues, cell, to_frame
from core.tables.recognition import Part

_AMOUNT_FIELDS = [
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本", "state_capital"),
    ("合计", "total"),
    ("总计", "total"),
    ("预算数", "total"),
    ("决算数", "total"),
    ("金额", "total"),
    ("小计", "total"),
]
# Columns some summaries print beside an expenditure line's amount (Shanghai's municipal
# units split it into 基本支出 — 人员经费, 公用经费 — and 项目支出). Kept as extra columns.
SPLIT_FIELDS = [
    ("人员经费", "personnel"),
    ("公用经费", "public"),
    ("项目支出", "project"),
    ("基本支出", "basic"),
]
_TOTAL_WORDS = ("小计", "合计", "总计", "结转")
# the sides of a summary's lines; the expenditure printed again by use or by economic class
# has its own side, its totals rows staying on ``expenditure``
REGROUPED_SIDES = ("expenditure_use", "expenditure_economic", "expenditure_gov_economic")
SIDES = ("income", "expenditure", *REGROUPED_SIDES)
_HEADER_WORDS = {"项目名称", "项目", "功能科目名称", "收入", "支出", "金额", "功能分类", "支出用途"}


def _is_wrapped_tail(item: str) -> bool:
    return len(item) <= 3 and "、" not in item and not any(w in item for w in _TOTAL_WORDS)


def _side_of(label: str, previous: str) -> str:
    head = label.split("/")[0]
    if "用途" in label:
        return "expenditure_use"
    # 功能 | 部门经济 | 政府经济 blocks side by side (Xi'an): each economic block is the
    # same spending again, by another classification, and adds up on its own
    # (the second economic block is the government's: its header may be cut mid-word,
    # 预算数政 | 府预算支出经济科目, so its place tells it, not its name)
    if "经济" in label.split("/")[-1] and ("科目" in label or "分类" in label):
        if "政府" in label or previous == "expenditure_economic":
            return "expenditure_gov_economic"
        return "expenditure_economic"
    if "收入" in head or head == "收":
        return "income"
    if "支出" in head:
        # an amount column under the same 支出 heading belongs to the block on its left
        leaf = label.split("/")[-1]
        if previous in REGROUPED_SIDES and not any(w in leaf for w in ("科目", "项目", "用途")):
            return previous
        return "expenditure"
    return previous


def _column_sides(labels: list[str]) -> list[str]:
    sides: list[str] = []
    side = "income"
    for label in labels:
        side = _side_of(label, side) if label else side
        sides.append(side)
    return sides


def _side_columns(labels: list[str]) -> dict[str, dict[str, int]]:
    sides: dict[str, dict[str, int]] = {side: {} for side in SIDES}
    for index, (label, side) in enumerate(zip(labels, _column_sides(labels), strict=True)):
        if "序号" in label or "行次" in label or not label:
            continue
        leaf = label.split("/")[-1]
        split = next((name for word, name in SPLIT_FIELDS if word in leaf), None)
        if split and "total" in sides[side]:
            sides[side].setdefault(split, index)
            continue
        if (
            (leaf.startswith("项目") and "项目支出" not in leaf)
            or "科目名称" in leaf
            or ("科目" in leaf and "编码" not in leaf and "/" in label)  # 支出功能分类科目
            or leaf
            in {
                "收入",
                "支出",
            }
        ):
            sides[side].setdefault("item", index)
            continue
        for keyword, name in _AMOUNT_FIELDS:
            if keyword in leaf:
                sides[side].setdefault(name, index)
                break
    return {side: columns for side, columns in sides.items() if "item" in columns}


def _side_for(item: str, side: str) -> str:
    if side in REGROUPED_SIDES and any(w in item for w in _TOTAL_WORDS):
        return "expenditure"
    return side


def _joined_to_previous(records: list[dict[str, Any]], pair: tuple[str, str, str | None]) -> bool:
    """A name Word wrapped onto a row of its own (二、财政专户管理资 / 金) joins the item above
    it on the same side; returns whether it did."""
    side, item, amount = pair
    if looks_like_amount(amount) or not _is_wrapped_tail(item):
        return False
    previous = next((r for r in reversed(records) if r["_column_side"] == side), None)
    if previous is None:
        return False
    previous["item"] += item
    return True


def _by_content(
    row: list[str | None], sides: list[str]
) -> tuple[list[tuple[str, str, str | None]], dict[str, str]]:
    """(side, item, amount) pairs of an off-grid row, each amount after the item of its own
    side; and the amounts whose item sits on an earlier row (a wrapped name), by side."""
    pairs: list[list[Any]] = []
    dangling: dict[str, str] = {}
    for index, text in enumerate(row):
        clean = clean_text(text).replace(" ", "")
        side = sides[index] if index < len(sides) else sides[-1]
        if not clean or clean_label(clean) in _HEADER_WORDS:
            continue
        if looks_like_amount(clean):
            open_item = next((p for p in reversed(pairs) if p[2] is None), None)
            if open_item is not None and open_item[0] == side:
                open_item[2] = text
            elif (
                open_item is not None
                and any(w in open_item[1] for w in _TOTAL_WORDS)
                and not any(p[0] == side for p in pairs)
            ):
                open_item[2] = text  # a totals row whose item spans into this group
            elif text is not None:
                dangling.setdefault(side, text)
            continue
        pairs.append([side, clean, None])
    return [(s, i, a) for s, i, a in pairs], dangling


# the ordinal apart from the name, the marks after it: "一 一般公共预算资金 ( )", "一 本年收入 、"
_ORDINAL_AFTER = re.compile(r"^([一二三四五六七八九十]+)\s+(.+?)\s*(\(\s*\)|（\s*）|、)$")


def ordinal_first(item: str) -> str:
    """A line's ordinal whose marks the text layer put after its name (Chongqing: "一 一般公共
    预算资金" over "( )" reads 一一般公共预算资金()): （一）一般公共预算资金, 一、本年收入."""
    m = _ORDINAL_AFTER.match(item)
    if m is None:
        return item
    number, name, mark = m.groups()
    return f"{number}、{name}" if mark == "、" else f"（{number}）{name}"


def _unspilled(row: list[str | None]) -> list[str | None]:
    """A line's name that ran on into its amount cell ("5、对事业单位经常性补" |
    "助1839311.66") goes back to the name; the cell keeps the amount."""
    out = list(row)
    for i in range(1, len(out)):
        spill = spilled_name(out[i]) if not looks_like_amount(out[i]) else None
        if spill is not None and clean_text(out[i - 1]) and not looks_like_amount(out[i - 1]):
            out[i - 1] = clean_text(out[i - 1]) + spill[0]
            out[i] = spill[1]
    return out


def parse_side_by_side(part: Part, table_id: str) -> pl.DataFrame:
    sides = _side_columns(part.labels)
    column_sides = _column_sides(part.labels)
    seq_index = next((i for i, lab in enumerate(part.labels) if "序号" in lab), None)
    # a final account's 行次 (row numbers, one column per side): not amounts
    line_numbers = {i for i, lab in enumerate(part.labels) if "行次" in lab}
    records: list[dict[str, Any]] = []
    value_field = "amount" if table_id == "summary" else "total"
    order = 0
    for page, printed in part.body:
        row = _unspilled(printed)
        seq_text = digits(cell(row, seq_index))
        seq = int(seq_text) if seq_text else None
        if line_numbers:
            row = [None if i in line_numbers else c for i, c in enumerate(row)]
        on_grid = []
        for side, columns in sides.items():
            raw = (cell(row, columns.get("item")) or "").replace("\n", " ")
            item = clean_text(ordinal_first(raw.strip())).replace(" ", "")
            if item:
                on_grid.append((side, item, columns))
        on_grid = [g for g in on_grid if clean_label(g[1]) not in _HEADER_WORDS]
        amounts_on_grid = sum(
            looks_like_amount(cell(row, i))
            for _, _, columns in on_grid
            for name, i in columns.items()
            if name != "item"
        )
        row_amounts = sum(looks_like_amount(c) for i, c in enumerate(row) if i != seq_index)
        texts = sum(
            bool(clean_label(c))
            and not looks_like_amount(c)
            and clean_label(c) not in _HEADER_WORDS
            for i, c in enumerate(row)
            if i != seq_index
        )
        if on_grid and amounts_on_grid == row_amounts and texts == len(on_grid):
            for side, item, columns in on_grid:
                if _joined_to_previous(records, (side, item, cell(row, columns.get("total")))):
                    continue
                values = RowValues()
                if table_id == "summary":
                    values.amount("amount", cell(row, columns.get("total")))
                    for _, name in SPLIT_FIELDS:
                        if name in columns:
                            values.amount(name, cell(row, columns[name]))
                else:
                    for name in ("total", *FUND_BUDGETS):
                        values.amount(name, cell(row, columns.get(name)))
                records.append(
                    values.record(page, side=_side_for(item, side), seq=seq, item=item)
                    | {"_order": order, "_column_side": side}
                )
                order += 1
            continue
        pairs, dangling = _by_content(row, column_sides)
        pairs = [p for p in pairs if not _joined_to_previous(records, p)]
        for side, amount in dangling.items():
            earlier = next((r for r in reversed(records) if r["_column_side"] == side), None)
            if earlier is not None and earlier[value_field] is None:
                parsed = RowValues()
                parsed.amount(value_field, amount)
                earlier[value_field] = parsed.values[value_field]
        for side, item, item_amount in pairs:
            values = RowValues()
            values.amount(value_field, item_amount)
            records.append(
                values.record(page, side=_side_for(item, side), seq=seq, item=item)
                | {"_order": order, "_column_side": side}
            )
            order += 1
    side_rank = {side: rank for rank, side in enumerate(SIDES)}
    records.sort(key=lambda r: (side_rank[r["side"]], r["seq"] or 0, r["_order"]))
    printed_fields = {name for columns in sides.values() for name in columns}
    extras = (
        [name for _, name in SPLIT_FIELDS if name in printed_fields]
        if table_id == "summary"
        else []
    )
    return to_frame(table_id, records, extras)
