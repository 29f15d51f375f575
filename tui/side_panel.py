"""The side panel: every value of the selected row, its share, pages and identities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import polars as pl
from rich.text import Text
from textual.widgets import Static

from core.cells import normalise_display

from .budget_tree import MARK, STYLE, RowRef, money

SKIP = {"page", "redacted", "classified", "level", "code", "name"}


class SidePanel(Static):
    """Explains one row: values across the document and whether they reconcile."""

    def show(
        self, ref: RowRef | None, identities: pl.DataFrame, grand_total: Decimal | None
    ) -> None:
        if ref is None:
            self.update("")
            return
        row = ref.row
        text = Text()
        title = f"{row.get('code') or ''} {row.get('name') or row.get('item') or ref.key}".strip()
        text.append(normalise_display(title) + "\n", style="bold")
        text.append(f"{ref.table} · page {row.get('page')}\n\n", style="dim")
        for name, value in row.items():
            if name in SKIP or (value is None and name not in (row.get("classified") or [])):
                continue
            if isinstance(value, Decimal) or name in (row.get("classified") or []):
                text.append(
                    f"{name:<22}{money(value, name in (row.get('classified') or [])):>16}\n"
                )
            elif isinstance(value, str) and len(value) < 60:
                text.append(f"{name:<22}{normalise_display(value)}\n")
        total = row.get("total") or row.get("amount") or row.get("budget")
        if isinstance(total, Decimal) and grand_total:
            text.append(f"\nshare of total        {total / grand_total:>15.1%}\n")
        mine = identities.filter(
            pl.col("contributors")
            .list.eval(
                (pl.element().struct.field("table") == ref.table)
                & (pl.element().struct.field("key") == ref.key)
            )
            .list.any()
        )
        text.append(f"\nidentities: {mine.height}\n", style="bold")
        for ident in mine.iter_rows(named=True):
            status = ident["status"]
            text.append(f"{MARK[status]} ", style=STYLE[status])
            text.append(normalise_display(_line(ident)) + "\n")
        self.update(text)


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
