"""Project performance cards (项目绩效目标表): the card's figures and its indicator tree.

A card is a ruled table whose rows have different shapes, so it is read by its row labels
(项目编码, 预算数, 资金支出计划, 绩效目标, 一级指标) rather than by fixed columns.
"""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from core.tables.cells import clean_text, is_classified, looks_like_amount
from core.tables.columns import RowValues, cell, map_header_columns, to_frame
from core.tables.recognition import Part, is_labelled_card_row

_SEQ = re.compile(r"^\s*(\d+)[、.]")


def _cells(row: list[str | None]) -> list[str]:
    """The row's cells, merged positions dropped, empty ones kept."""
    return [clean_text(c) for c in row if c is not None]


def _after(cells: list[str], label: str) -> str:
    for i, text in enumerate(cells):
        if label in text.replace(" ", ""):
            rest = text.replace(" ", "").split(label, 1)[1]
            if rest:
                return rest
            return cells[i + 1] if i + 1 < len(cells) else ""
    return ""


def parse_card(part: Part) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    rows = [(page, row) for page, row in part.body]
    page0 = rows[0][0] if rows else (part.pages[0] if part.pages else 0)
    values = RowValues()
    fields: dict[str, Any] = {"project_code": None, "name": None, "purpose": None}
    indicators: list[dict[str, Any]] = []
    state = "top"
    plan_next = False
    budget_seen = False
    level1 = ""
    for page, row in rows:
        cells = _cells(row)
        flat = "".join(cells).replace(" ", "")
        if state == "top":
            if "项目编码" in flat:
                fields["project_code"] = _after(cells, "项目编码").replace(" ", "")
                fields["name"] = _after(cells, "项目名称")
            elif "预算数" in flat:
                values.amount("budget", _after(cells, "预算数"))
                fiscal = _after(cells, "财政资金")
                values.amount("fiscal_funds", "" if "其他资金" in fiscal else fiscal)
                values.amount("other_funds", _after(cells, "其他资金"))
                budget_seen = True
            elif "3月底" in flat or "12月底" in flat:
                plan_next = True
            elif plan_next:
                plan = [c for c in cells if "资金支出计划" not in c]
                plan += [""] * (4 - len(plan))
                for q, raw in zip(
                    ("plan_q1", "plan_q2", "plan_q3", "plan_q4"), plan[:4], strict=True
                ):
                    values.amount(q, raw)
                plan_next = False
            elif cells and cells[0].startswith("绩效目标"):
                pass  # the goal text: not a column of the export schema
            elif "一级指标" in flat:
                state = "indicators"
            elif budget_seen and fields["purpose"] is None:
                text = [c for c in cells if c and "预算规模" not in c]
                fields["purpose"] = text[0] if text else ""
            continue
        if "一级指标" in flat:
            continue  # the indicator header repeated on a continuation page
        grid = [clean_text(c) if c is not None else None for c in row]
        grid += [None] * (6 - len(grid))
        if grid[0]:
            level1 = grid[0]
        texts = [grid[i] or "" for i in range(1, 6)]
        if not any(texts):
            continue
        redacted = any(is_classified(t) for t in texts)
        level2, level3, description, target, basis = (
            None if is_classified(t) else t for t in texts
        )
        indicators.append(
            {
                "project_code": fields["project_code"],
                "level1": level1,
                "level2": level2,
                "level3": level3,
                "description": description,
                "target": target,
                "basis": basis,
                "page": page,
                "redacted": redacted,
                "classified": [
                    n
                    for n, t in zip(
                        ("level2", "level3", "description", "target", "basis"), texts, strict=True
                    )
                    if is_classified(t)
                ],
            }
        )
    seq_match = _SEQ.match(part.title or "")
    record = values.record(
        page0,
        seq=int(seq_match.group(1)) if seq_match else None,
        project_code=fields["project_code"],
        name=fields["name"],
        purpose=fields["purpose"],
    )
    return record, indicators


def parse_projects(parts: list[Part]) -> tuple[pl.DataFrame, pl.DataFrame]:
    cards, indicators = [], []
    for part in parts:
        card, rows = parse_card(part)
        cards.append(card)
        indicators.extend(rows)
    return to_frame("projects", cards), to_frame("project_indicators", indicators)


# Project performance tables (项目支出绩效目标表 of Beijing, 项目支出绩效表 of Zhejiang, 政策和项目
# 预算绩效目标表 of Shandong): one row per project — its name (perhaps led by its code), amount,
# goal — and, where printed, its indicator rows beside or under it.
TABLE_RULES = [
    ("项目编码", "project_code"),
    ("项目代码", "project_code"),
    ("单位名称", "unit"),
    ("项目名称", "name"),
    ("财政资金", "fiscal_funds"),
    ("财政拨款", "fiscal_funds"),
    ("其他资金", "other_funds"),
    ("项目总额", "budget"),
    ("预算数", "budget"),
    ("金额", "budget"),
    ("合计", "budget"),
    ("绩效目标", "purpose"),
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "level3"),
    ("指标性质", "nature"),
    ("指标值", "target"),
    ("度量单位", "measure_unit"),
    ("计量单位", "measure_unit"),
    ("项目", "name"),  # a column headed just 项目
]
_CODE_NAME = re.compile(r"^([0-9A-Z]{12,30})\s*[-—－]?\s*(.+)$")
PROJECT_EXTRAS: dict[str, pl.DataType] = {"unit": pl.String(), "continued": pl.Boolean()}
INDICATOR_EXTRAS: dict[str, pl.DataType] = {"nature": pl.String(), "measure_unit": pl.String()}


def parse_project_table(part: Part) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Projects and their indicators from a table listing them. A project printed again at
    the top of a continuation page (its merged cells cut by the page break) is kept as a
    ``continued`` row, so its figures are read but counted once."""
    if is_labelled_card(part):
        return parse_labelled_cards(part)
    mapped, _ = map_header_columns(part.labels, TABLE_RULES)
    projects: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    level1 = ""
    for page, row in part.body:

        def text(field: str, row: list[str | None] = row) -> str:
            return clean_text(cell(row, mapped.get(field)))

        name, code = text("name"), text("project_code")
        if name and not code and (m := _CODE_NAME.match(name.replace(" ", ""))):
            code, name = m.group(1), m.group(2)
        amounts = any(
            looks_like_amount(cell(row, mapped.get(f)))
            for f in ("budget", "fiscal_funds", "other_funds")
        )
        if amounts and not (name or code):
            # amounts under no name: a unit's 小计 (under its own unit's name), the project
            # above carried onto this page (its name cell merged over the break), or,
            # before any project, the table's 合计
            if current is None:
                name = "合计"
            elif text("unit") and text("unit") != current["unit"]:
                name = "小计"
            else:
                name, code = current["name"], current["_code"]
        if name or code:
            unit = text("unit") or (current["unit"] if current and not text("unit") else None)
            same = current is not None and (name, code, unit) == (
                current["name"],
                current["_code"],
                current["unit"],
            )
            values = RowValues()
            for field in ("budget", "fiscal_funds", "other_funds"):
                values.amount(field, cell(row, mapped.get(field)))
            record = values.record(
                page,
                seq=None,
                project_code=code or None,
                name=name or None,
                purpose=text("purpose") or None,
            )
            record |= {"unit": text("unit") or None, "continued": same, "_code": code}
            if name in ("合计", "小计") or ("合计" in name.replace(" ", "") and not code):
                record["name"], record["continued"] = name.replace(" ", ""), False
            projects.append(record)
            if not same and record["name"] != "小计":
                current = record
            level1 = ""
        if any(text(f) for f in ("level1", "level2", "level3", "target")):
            level1 = text("level1") or level1
            texts = {f: text(f) for f in ("level2", "level3", "nature", "target", "measure_unit")}
            key = current["project_code"] or current["name"] if current else None
            indicators.append(
                {
                    "project_code": key,
                    "level1": level1 or None,
                    "level2": texts["level2"] or None,
                    "level3": texts["level3"] or None,
                    "description": None,
                    "target": None if is_classified(texts["target"]) else texts["target"] or None,
                    "basis": None,
                    "nature": texts["nature"] or None,
                    "measure_unit": texts["measure_unit"] or None,
                    "page": page,
                    "redacted": is_classified(texts["target"]),
                    "classified": ["target"] if is_classified(texts["target"]) else [],
                }
            )
    for record in projects:
        record.pop("_code", None)
    return (
        to_frame("projects", projects, PROJECT_EXTRAS),
        to_frame("project_indicators", indicators, INDICATOR_EXTRAS),
    )


# Cards drawn as label | value rows (Shandong's 政策和项目预算绩效目标表, one card a page
# under a repeated title): 项目名称 | …, 年度预算资金总额： | 25.00, 其中：财政拨款 | 25.00,
# 其他资金 | 0.00, 总体目标 | …, then 一级指标 | 二级指标 | 三级指标 | 指标值 rows.
_CARD_LABELS = (
    ("资金总额", "budget"),
    ("预算数", "budget"),
    ("财政拨款", "fiscal_funds"),
    ("财政资金", "fiscal_funds"),
    ("其他资金", "other_funds"),
)


def is_labelled_card(part: Part) -> bool:
    rows = part.header or [r for _, r in part.body[:1]]
    return bool(rows) and is_labelled_card_row(rows[0])


def parse_labelled_cards(part: Part) -> tuple[pl.DataFrame, pl.DataFrame]:
    rows = [(part.pages[0], r) for r in part.header] + list(part.body)
    projects: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    card: dict[str, Any] | None = None
    values = RowValues()
    in_indicators = False
    for page, row in rows:
        cells = [clean_text(c) for c in row if c is not None]
        texts = [c.replace(" ", "") for c in cells]
        if texts and texts[0] == "项目名称":
            if card is not None:
                projects.append(card | values.record(card["page"]))
            values = RowValues()
            name = next((c for c in cells[1:] if c), None)
            card = {"seq": None, "project_code": None, "name": name, "purpose": None, "page": page}
            in_indicators = False
            continue
        if card is None:
            continue
        if any("一级指标" in t for t in texts):
            in_indicators = True
            continue
        if in_indicators:
            grid = [c for c in cells if c != "绩效指标"]
            if len(grid) >= 4:
                target = grid[3]
                indicators.append(
                    {
                        "project_code": card["name"],
                        "level1": grid[0] or None,
                        "level2": grid[1] or None,
                        "level3": grid[2] or None,
                        "description": None,
                        "target": None if is_classified(target) else target or None,
                        "basis": None,
                        "page": page,
                        "redacted": is_classified(target),
                        "classified": ["target"] if is_classified(target) else [],
                    }
                )
            continue
        for label, field in _CARD_LABELS:
            at = next((i for i, t in enumerate(texts) if label in t), None)
            if at is not None and field not in values.values:
                values.amount(field, next((c for c in cells[at + 1 :] if c), None))
                break
        if texts and texts[0] in ("总体目标", "绩效目标", "年度目标"):
            card["purpose"] = next((c for c in cells[1:] if c), None)
    if card is not None:
        projects.append(card | values.record(card["page"]))
    return to_frame("projects", projects), to_frame("project_indicators", indicators)
