"""The "三公" table: 合计, "三公" 小计 and its kinds, with 会议费 and 培训费.

Two layouts: kinds as rows (the seed: 序号 | 项目 | 合计 | 一般公共预算 …), or kinds as
columns over a single row of amounts (Shanghai, Jiangsu), where each column's header path
names the item (“三公”经费/公务用车购置及运行费/购置费 is 公务用车购置费).
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from core.model import FUND_BUDGETS, MONEY
from core.tables.cells import clean_label, clean_text, digits, looks_like_amount, parse_amount
from core.tables.columns import RowValues, cell, map_columns, to_frame
from core.tables.recognition import Part

RULES = [
    ("序号", "seq"),
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本", "state_capital"),
    ("合计", "total"),
    ("预算数", "total"),  # 项目 | 预算数: one column of amounts (Fuzhou)
    ("金额", "total"),
    ("项目", "item"),
]
_NOISE = re.compile(r"(?:19|20)\d{2}年度?|预算数|预算|决算数|^(?:上年|当年|本年)$")
_OF_WHICH = re.compile(r"^其中[：:]")  # 其中：公务用车购置 is the 购置 part of 公务用车
_TRAILING_NOTE = re.compile(r"[（(][^）)]*[）)]$")


def _label_parts(label: str) -> list[str]:
    """A header path with the words Word wrapped over two header rows joined again:
    因公出国 / （境）费 is 因公出国（境）费. Every item name ends in 费, 计 or 数."""
    parts = [_OF_WHICH.sub("", _NOISE.sub("", clean_label(p))) for p in label.split("/")]
    merged: list[str] = []
    for part in (p for p in parts if p):
        # a heading closed by its own note (三公经费预（决）算数（财政拨款）) is whole
        if merged and not _TRAILING_NOTE.sub("", merged[-1]).endswith(("费", "计", "数")):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def wide_item(label: str) -> str:
    """The item a column of the wide layout stands for, from its header path."""
    parts = _label_parts(label)
    if not parts:
        return ""
    leaf, parent = parts[-1], (parts[-2] if len(parts) > 1 else "")
    if "三公" in leaf and leaf.endswith(("合计", "小计")):
        return "“三公”经费小计"  # “三公”经费合计: the three kinds' sum, not the table's
    if leaf in ("小计", "合计"):
        if "三公" in parent:
            return "“三公”经费小计"
        return parent or leaf
    if parent.startswith("公务用车") and not leaf.startswith("公务用车"):
        return "公务用车" + leaf
    if leaf.startswith("公务用车") and not leaf.endswith("费"):
        return leaf + "费"  # 其中：公务用车购置 names 公务用车购置费
    return leaf


_FUNDS = (
    ("一般公共预算", "general_public_budget"),
    ("政府性基金", "government_fund"),
    ("国有资本", "state_capital"),
)


def _fund_of(label: str) -> tuple[str, str]:
    """A column under a kind may be one budget's share of it (因公出国(境)费 / 一般公共预算):
    (the label without the budget, the field it fills)."""
    parts = label.split("/")
    for word, field in _FUNDS:
        if len(parts) > 1 and word in parts[-1]:
            return "/".join(parts[:-1]), field
    return label, "total"


def _row_label(row: list[str | None]) -> str:
    return "".join(clean_text(c) for c in row if c and not looks_like_amount(c)).replace(" ", "")


def _parse_wide(part: Part) -> pl.DataFrame:
    """Kinds as columns (perhaps split by budget) over rows of amounts: one row, or one per
    unit (单位名称 | 合计 | 因公出国 …), or one per year (2025年 | 2026年 | 增减变化金额).
    The department's own rows (the 合计 row, the budget year's, or the only one) carry no
    ``unit``; every other row's items carry its label there, so each adds up on its own."""
    records: list[dict[str, Any]] = []
    amount_rows = [r for _, r in part.body if sum(looks_like_amount(c) for c in r) >= 2]
    labelled = len(amount_rows) > 1
    row_years = [_year_of(_row_label(r)) for r in amount_rows]
    budget_year = max((y for y in row_years if y), default=None)
    # last year's figures printed beside this year's (2025年预算数 | 2026年预算数): the
    # latest year is the budget's, the earlier one goes to ``previous``
    years = [_period_of(label) for label in part.labels]
    latest = max((y for y in years if y), default=None)
    compared = len({y for y in years if y}) > 1
    columns = [_fund_of(label) for label in part.labels]
    # a final account prints each kind's 预算数 beside its 决算数: the 决算数 is the figure
    # (total …), the 预算数 goes to ``budget``
    budgeted = ["预算数" in label and "决算" not in label for label in part.labels]
    final = any(budgeted) and any("决算数" in label for label in part.labels)
    # a label column (单位名称, 年度) holds no amount on any row: it names no item
    figures = {i for _, r in part.body for i, c in enumerate(r) if looks_like_amount(c)}
    paths = ["/".join(_label_parts(label)) for label, _ in columns]
    for page, row in part.body:
        if sum(looks_like_amount(c) for c in row) < 2:
            continue
        label = _row_label(row)
        own = (
            not labelled
            or "合计" in label
            or (budget_year is not None and _year_of(label) == budget_year)
        )
        unit = None if own else (label or None)
        seen: dict[str, RowValues] = {}
        earlier: dict[str, str | None] = {}
        planned: dict[str, str | None] = {}
        for index, (path, field) in enumerate(columns):
            item = wide_item(path)
            item = "合计" if item == "总计" else item
            if not item or index >= len(row) or row[index] is None or index not in figures:
                continue
            if not clean_text(row[index]) and any(p.startswith(paths[index] + "/") for p in paths):
                continue  # a group header over its own 小计 and kinds, with no cell of its own
            if compared and _is_change(part.labels[index]):
                continue  # 增减变化情况: the difference of the two years, no year's figure
            if compared and years[index] != latest:
                earlier.setdefault(item, row[index])
                continue
            if final and budgeted[index]:
                planned.setdefault(item, row[index])
                seen.setdefault(item, RowValues())
                continue
            values = seen.setdefault(item, RowValues())
            if field not in values.values:
                values.amount(field, row[index])
        for item, values in seen.items():
            record = values.record(page, seq=None, item=item) | {"unit": unit}
            if compared:
                record["previous"] = parse_amount(earlier.get(item)).value
            if final:
                record["budget"] = parse_amount(planned.get(item)).value
            records.append(record)
    extras: dict[str, pl.DataType] = {"unit": pl.String()} if labelled else {}
    if compared:
        extras["previous"] = MONEY
    if final:
        extras["budget"] = MONEY
    return to_frame("three_public", records, extras)


_A_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _year_of(label: str) -> int | None:
    m = _A_YEAR.search(label)
    return int(m.group(1)) if m else None


# blocks named by period rather than by year (Xi'an: 上年 | 当年 | 增减变化情况)
_PREVIOUS, _CURRENT = 1, 2


def _period_of(label: str) -> int | None:
    """The year a column's block is of, or its order where the block says 上年 / 当年."""
    year = _year_of(label)
    if year is not None:
        return year
    head = label.split("/")[0]
    if "上年" in head:
        return _PREVIOUS
    if "当年" in head or "本年" in head:
        return _CURRENT
    return None


def _is_change(label: str) -> bool:
    return any(w in label.split("/")[0] for w in ("增减", "变化", "比上年"))


def parse_three_public(part: Part) -> pl.DataFrame:
    mapped, _ = map_columns(part.labels, RULES)
    if "item" not in mapped:
        return _parse_wide(part)
    # a final account's kinds as rows: 项目 | 预算数 | 决算数 — the 决算数 is the figure
    final = next((i for i, label in enumerate(part.labels) if "决算数" in label), None)
    planned = next(
        (i for i, label in enumerate(part.labels) if "预算数" in label and "决算" not in label),
        None,
    )
    if final is not None and planned is not None:
        mapped["total"] = final
    records: list[dict[str, Any]] = []
    for page, row in part.body:
        item = clean_text(cell(row, mapped.get("item")))
        if not item:
            continue
        seq_text = digits(cell(row, mapped.get("seq")))
        values = RowValues()
        for name in ("total", *FUND_BUDGETS):
            values.amount(name, cell(row, mapped.get(name)))
        if final is not None and planned is not None:
            values.amount("budget", cell(row, planned))
        records.append(values.record(page, seq=int(seq_text) if seq_text else None, item=item))
    extras: dict[str, pl.DataType] = (
        {"budget": MONEY} if final is not None and planned is not None else {}
    )
    return to_frame("three_public", records, extras)
