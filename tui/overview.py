"""The overview: who, which year, the totals, where the money goes, and whether it adds up."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
from rich.text import Text
from textual.widgets import Static

from core.model import Disclosure
from core.reconcile import Reconciliation

from .budget_tree import fit, money
from .trees import FUNCTIONAL_SOURCES, source_table

BAR_WIDTH = 30


class Overview(Static):
    """A one-screen summary of the disclosure."""

    def show(self, d: Disclosure, r: Reconciliation) -> None:
        self.update(overview_text(d, r))


def overview_text(d: Disclosure, r: Reconciliation) -> Text:
    m = d.meta
    text = Text()
    text.append(
        f"{m.department or '?'} ({m.department_code or '—'})  {m.year or '?'}年\n", style="bold"
    )
    units = "".join(f" · {t} 单位：{u}" for t, u in m.table_units.items())
    text.append(f"{m.source} · {m.pages} pages · 单位：{m.unit}{units}\n\n")
    table = source_table(d, FUNCTIONAL_SOURCES)
    spending = d.table(table)
    total_row = (
        d.table("expenditure").filter(pl.col("level") == 0).to_dicts()
        or spending.filter(pl.col("level") == 0).to_dicts()
    )
    income_row = d.table("income").filter(pl.col("level") == 0).to_dicts()
    if income_row:
        text.append(f"收入合计 {money(income_row[0]['total']):>18}\n")
    if total_row:
        t = total_row[0]
        text.append(f"支出合计 {money(t['total']):>18}\n")
        if t.get("basic") is not None or t.get("project") is not None:
            text.append(f"  基本支出 {money(t.get('basic')):>16}\n")
            text.append(f"  项目支出 {money(t.get('project')):>16}\n")
        if t.get("reserve") is not None:
            text.append(f"  预留机动 {money(t.get('reserve')):>16}\n")
        text.append("\n")
        grand = t["total"] or Decimal(1)
        for row in spending.filter(pl.col("level") == 1).iter_rows(named=True):
            share = float((row["total"] or 0) / grand)
            text.append(fit(f"{row['code']} {row['name']}", 24))
            text.append(f"{money(row['total']):>16} ")
            text.append("█" * max(1, round(share * BAR_WIDTH)), style="cyan")
            text.append(f" {share:.1%}\n")
    kind = d.package_kind()
    if kind == "narrative_only":
        text.append("本文件只有情况说明，报表另册公开（不查缺表）· 按 7 查看说明\n")
    elif kind == "tables_only":
        text.append("本文件只有报表，情况说明另册公开\n", style="dim")
    if d.table("income_sources").height:
        text.append("收入总表按收入来源列示（无功能科目）\n", style="dim")
    c = r.counts
    errors = int(c["errors"].sum()) if c.height else 0
    text.append("\n核对 reconciliation\n", style="bold")
    text.append(
        f"identities tested {int(c['tested'].sum()) if c.height else 0}  "
        f"passed {int(c['passed'].sum()) if c.height else 0}  "
        f"info {int(c['info'].sum()) if c.height else 0}  "
        f"warnings {int(c['warnings'].sum()) if c.height else 0}  "
    )
    text.append(f"errors {errors}", style="bold red" if errors else "green")
    text.append(" ✗\n" if errors else " ✓\n")
    parse = int(c["parse"].sum()) if c.height and "parse" in c.columns else 0
    cov = [x for x in d.coverage.values() if x.printed]
    placed, printed = sum(x.placed for x in cov), sum(x.printed for x in cov)
    line = f"读取 reading: {placed}/{printed} printed numbers placed"
    if parse:
        text.append(f"{line} · {parse} not vouched for (!)\n", style="bold magenta")
    else:
        text.append(f"{line}\n", style="dim")
    text.append("e: jump to the first error · 8: every finding · ?: all keys\n", style="dim")
    return text
