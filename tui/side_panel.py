"""The side panel: every value of the selected row, its share, pages and identities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import polars as pl
from rich.text import Text
from textual.widgets import Static

from core.cells import normalise_display
from core.model import TABLE_TITLES_ZH

from .budget_tree import MARK, STYLE, RowRef, money

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


class SidePanel(Static):
    """Explains one row: values across the document and whether they reconcile."""

    def show(
        self,
        ref: RowRef | None,
        identities: IdentityIndex,
        grand_total: Decimal | None,
        parent_total: Decimal | None = None,
    ) -> None:
        if ref is None:
            self.update("")
            return
        row = ref.row
        text = Text()
        title = f"{row.get('code') or ''} {row.get('name') or row.get('item') or ref.key}".strip()
        text.append(normalise_display(title) + "\n", style="bold")
        source = TABLE_TITLES_ZH.get(ref.table, ref.table)
        text.append(f"{source} · page {row.get('page')}\n\n", style="dim")
        for name, value in row.items():
            if name in SKIP or (value is None and name not in (row.get("classified") or [])):
                continue
            if isinstance(value, Decimal) or name in (row.get("classified") or []):
                text.append(
                    f"{name[:17]:<18}{money(value, name in (row.get('classified') or [])):>14}\n"
                )
            elif isinstance(value, str) and len(value) < 60:
                text.append(f"{name[:17]:<18}{normalise_display(value)}\n")
        for table, other in ref.others:
            text.append(f"\n{TABLE_TITLES_ZH.get(table, table)}", style="bold")
            text.append(f" · page {other.get('page')}\n", style="dim")
            for name, value in other.items():
                classified = name in (other.get("classified") or [])
                if name not in SKIP and (isinstance(value, Decimal) or classified):
                    text.append(f"  {name[:15]:<16}{money(value, classified):>14}\n")
        total = row.get("total") or row.get("amount") or row.get("budget")
        if isinstance(total, Decimal) and parent_total:
            text.append(f"\n{'share of parent':<18}{total / parent_total:>14.1%}\n")
        if isinstance(total, Decimal) and grand_total:
            text.append(f"{'share of total':<18}{total / grand_total:>14.1%}\n")
        keys = [(ref.table, ref.key)] + [
            (table, other.get("code") or "合计") for table, other in ref.others
        ]
        found: dict[int, dict[str, Any]] = {}
        for key in keys:
            found.update(identities.get(key, []))
        mine = [found[i] for i in sorted(found)]  # in the order the rules ran
        text.append(f"\nidentities: {len(mine)}\n", style="bold")
        for ident in mine:
            status = ident["status"]
            text.append(f"{MARK[status]} ", style=STYLE[status])
            text.append(normalise_display(_line(ident)) + "\n")
        self.update(text)


def finding_text(finding: dict[str, Any]) -> Text:
    """A finding in full: its rule, status, figures and every figure taking part."""
    text = Text()
    status = finding["status"]
    text.append(f"{MARK[status]} {finding['severity']}\n", style=STYLE[status])
    text.append(normalise_display(f"{finding['table']} {finding['location']}") + "\n", style="bold")
    text.append(normalise_display(finding["message"]) + "\n\n")
    for name in ("expected", "actual", "difference"):
        text.append(f"{name:<18}{money(finding[name]):>14}\n")
    text.append(f"{'tolerance':<18}{finding['tolerance']!s:>14}\n")
    text.append(f"{'pages':<18}{', '.join(map(str, finding['pages'])):>14}\n\n")
    for c in finding["contributors"]:
        value = money(c["value"], c["classified"]) or "(empty)"
        text.append(normalise_display(f"{c['role']:<6}{c['table']} {c['key']} {c['column']}"))
        where = f"{c['source']} p.{c['page']}" if c.get("source") else f"p.{c['page']}"
        text.append(f"  {value}  {where}\n")  # a package in two files: which file
    text.append("\nEnter: go to its row", style="dim")
    return text


def _line(ident: dict[str, Any]) -> str:
    # empty cells are exact zeros: leave them out of the equation
    parts = [p for p in ident["contributors"] if p["role"] == "part" and not p["missing"]]
    total = next((p for p in ident["contributors"] if p["role"] == "total"), None)
    head = f"{ident['location']}: "
    if total is not None and len(parts) <= 4:
        shown = " + ".join(money(p["value"], p["classified"]) for p in parts) or "0"
        head += f"{money(total['value'], total['classified'])} = {shown}"
    else:
        head += ident["message"]
    if ident["status"] == "broken":
        head += (
            f"  (expected {money(ident['expected'])}, actual {money(ident['actual'])}, "
            f"difference {money(ident['difference'])}, tolerance {ident['tolerance']})"
        )
    return head
