"""The side panel: every value of the selected row, its share, pages and identities."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Static

from core.i18n import _
from core.labels import (
    column_label,
    key_label,
    location_label,
    role_label,
    row_kind_label,
    severity_label,
    table_title,
)
from core.tables.cells import normalise_display
from tui.widgets.budget_tree import MARK, STYLE, RowRef, fit, money

if TYPE_CHECKING:
    import polars as pl


# (table, row key) -> the identities the row takes part in, as (position, identity)
IdentityIndex = dict[tuple[str, str], list[tuple[int, dict[str, Any]]]]


def index_identities(identities: pl.DataFrame) -> IdentityIndex:
    """Built once per disclosure, so a key press does not scan every identity."""
    index: IdentityIndex = {}
    for position, ident in enumerate(identities.iter_rows(named=True)):
        for c in ident["contributors"]:
            index.setdefault((c["table"], c["key"]), []).append((position, ident))
    return index


SKIP = {"page", "redacted", "classified", "level", "code", "name"}
LABEL_WIDTH = 20  # display cells of a value's label (Project expenditure fits)


def _label(column: str, table: str, width: int = LABEL_WIDTH) -> str:
    return fit(column_label(column, table), width)


class SidePanel(Static):
    """Explains one row: values across the document and whether they reconcile."""

    def show(
        self,
        ref: RowRef | None,
        identities: IdentityIndex,
        grand_total: Decimal | None,
        parent_total: Decimal | None = None,
        unvouched: dict[str, str] | None = None,
    ) -> None:
        """``unvouched``: table -> why its reading is not vouched for (Reconciliation.proofs)."""
        if ref is None:
            self.update("")
            return
        row = ref.row
        text = Text()
        name = row.get("name") or row.get("item") or key_label(ref.key, ref.table)
        title = f"{row.get('code') or ''} {name}".strip()
        text.append(normalise_display(title) + "\n", style="bold")
        source = table_title(ref.table)
        page = _("第 {page} 页").format(page=row.get("page"))
        text.append(f"{source} · {page}\n", style="dim")
        why = (unvouched or {}).get(ref.table)
        if why:
            text.append(
                _("! 本表读取未获担保：{why}（请对照原文第 {page} 页）").format(
                    why=why, page=row.get("page")
                )
                + "\n",
                style="magenta",
            )
        text.append("\n")
        for name, value in row.items():
            if name in SKIP or (value is None and name not in (row.get("classified") or [])):
                continue
            if isinstance(value, Decimal) or name in (row.get("classified") or []):
                shown = money(value, name in (row.get("classified") or []))
                text.append(f"{_label(name, ref.table)}{shown:>14}\n")
            elif name == "row_kind":
                text.append(f"{_label(name, ref.table)}{row_kind_label(value)}\n")
            elif isinstance(value, str) and len(value) < 60:
                text.append(f"{_label(name, ref.table)}{normalise_display(value)}\n")
        for table, other in ref.others:
            text.append(f"\n{table_title(table)}", style="bold")
            page = _("第 {page} 页").format(page=other.get("page"))
            text.append(f" · {page}\n", style="dim")
            for name, value in other.items():
                classified = name in (other.get("classified") or [])
                if name not in SKIP and (isinstance(value, Decimal) or classified):
                    label = _label(name, table, LABEL_WIDTH - 2)
                    text.append(f"  {label}{money(value, classified):>14}\n")
        total = row.get("total") or row.get("amount") or row.get("budget")
        if isinstance(total, Decimal) and parent_total:
            label = fit(_("占上级"), LABEL_WIDTH)
            text.append(f"\n{label}{total / parent_total:>14.1%}\n")
        if isinstance(total, Decimal) and grand_total:
            label = fit(_("占支出合计"), LABEL_WIDTH)
            text.append(f"{label}{total / grand_total:>14.1%}\n")
        keys = [(ref.table, ref.key)] + [
            (table, other.get("code") or "合计") for table, other in ref.others
        ]
        found: dict[int, dict[str, Any]] = {}
        for key in keys:
            found.update(identities.get(key, []))
        mine = [found[i] for i in sorted(found)]  # in the order the rules ran
        text.append(_("\n恒等式：{n}\n").format(n=len(mine)), style="bold")
        for ident in mine:
            status = ident["status"]
            text.append(f"{MARK[status]} ", style=STYLE[status])
            text.append(normalise_display(_line(ident)) + "\n")
        self.update(text)


def finding_text(finding: dict[str, Any]) -> Text:
    """A finding in full: its rule, status, figures and every figure taking part."""
    text = Text()
    status = finding["status"]
    table = finding["table"]
    text.append(f"{MARK[status]} {severity_label(finding['severity'])}\n", style=STYLE[status])
    where = f"{table_title(table) if table else ''} {location_label(finding['location'], table)}"
    text.append(normalise_display(where.strip()) + "\n", style="bold")
    text.append(normalise_display(finding["message"]) + "\n\n")
    for name, label in (("expected", _("应为")), ("actual", _("实为")), ("difference", _("差"))):
        text.append(f"{fit(label, LABEL_WIDTH)}{money(finding[name]):>14}\n")
    label = fit(_("容差"), LABEL_WIDTH)
    text.append(f"{label}{finding['tolerance']!s:>14}\n")
    pages = ", ".join(map(str, finding["pages"]))
    label = fit(_("页"), LABEL_WIDTH)
    text.append(f"{label}{pages:>14}\n\n")
    for c in finding["contributors"]:
        value = money(c["value"], c["classified"]) or _("（空）")
        parts = [
            fit(role_label(c["role"]), 6),
            # the finding's own table is named above: a figure names only another table
            table_title(c["table"]) if c["table"] and c["table"] != table else "",
            key_label(c["key"], c["table"]),
            column_label(c["column"], c["table"]) if c["column"] else "",
        ]
        text.append(normalise_display(" ".join(p for p in parts if p)))
        page = _("第 {page} 页").format(page=c["page"])
        if c.get("source"):  # a package in two files: which file
            page = f"{c['source']} {page}"
        text.append(f"  {value}  {page}\n")
    text.append(_("\nEnter：转到此行"), style="dim")
    return text


def _line(ident: dict[str, Any]) -> str:
    # empty cells are exact zeros: leave them out of the equation
    parts = [p for p in ident["contributors"] if p["role"] == "part" and not p["missing"]]
    total = next((p for p in ident["contributors"] if p["role"] == "total"), None)
    if total is not None and len(parts) <= 4:
        shown = " + ".join(money(p["value"], p["classified"]) for p in parts) or "0"
        head = _("{location}：{total} = {parts}").format(
            location=location_label(ident["location"], ident["table"]),
            total=money(total["value"], total["classified"]),
            parts=shown,
        )
    else:  # the message names the identity itself
        head = ident["message"]
    if ident["status"] == "broken":
        head += _("（应为 {expected}，实为 {actual}，差 {difference}，容差 {tolerance}）").format(
            expected=money(ident["expected"]),
            actual=money(ident["actual"]),
            difference=money(ident["difference"]),
            tolerance=ident["tolerance"],
        )
    return head
