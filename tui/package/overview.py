"""The overview: who, which year, the totals, where the money goes, and whether it adds up."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from core.i18n import _
from core.labels import column_label, partial_reading, table_title
from tui.package.trees import FUNCTIONAL_SOURCES, source_table
from tui.widgets.budget_tree import fit, money

if TYPE_CHECKING:
    from core.model import Disclosure
    from core.rules.reconcile import Reconciliation


BAR_WIDTH = 30


class Overview(Static):
    """A one-screen summary of the disclosure."""

    def show(self, d: Disclosure, r: Reconciliation) -> None:
        self.update(overview_text(d, r))


def overview_text(d: Disclosure, r: Reconciliation) -> Text:

    import polars as pl

    m = d.meta
    text = Text()
    # a department code is shown only where the document prints one
    code = f" ({m.department_code})" if m.department_code else ""
    year = _("{year}年").format(year=m.year) if m.year else ""
    text.append(f"{m.department or '?'}{code}  {year}\n", style="bold")
    units = "".join(
        _(" · {table} 单位：{unit}").format(table=table_title(t), unit=u)
        for t, u in m.table_units.items()
    )
    pages = _("{pages} 页").format(pages=m.pages)
    text.append(f"{m.source} · {pages} · " + _("单位：{unit}").format(unit=m.unit) + units + "\n\n")
    if d.unreadable:  # a package read in part never looks whole
        text.append(partial_reading(m.pages, sorted(d.unreadable)) + "\n\n", style="bold magenta")
    table = source_table(d, FUNCTIONAL_SOURCES)
    spending = d.table(table)
    total_row = (
        d.table("expenditure").filter(pl.col("level") == 0).to_dicts()
        or spending.filter(pl.col("level") == 0).to_dicts()
    )
    # the labels' width: 9 cells in Chinese, as wide as the longest in English
    labels = [_("收入合计"), _("支出合计"), *(column_label(c) for c in ("basic", "project"))]
    w = max(9, *(cell_len(x) + 1 for x in labels))
    income_row = d.table("income").filter(pl.col("level") == 0).to_dicts()
    if income_row:
        label = fit(_("收入合计"), w)
        text.append(f"{label}{money(income_row[0]['total']):>18}\n")
    if total_row:
        t = dict(total_row[0])
        if t.get("basic") is None and t.get("personnel") is not None:
            # 基本支出 printed only as its two columns (a group header over 人员 and 公用)
            t["basic"] = t["personnel"] + (t.get("public") or 0)
        label = fit(_("支出合计"), w)
        text.append(f"{label}{money(t['total']):>18}\n")
        shown = t.get("basic") is not None or t.get("project") is not None
        parts = ["basic", "project"] if shown else []
        parts += ["reserve"] if t.get("reserve") is not None else []
        parts += ["operating"] if t.get("operating") else []  # 事业单位经营支出, where spent
        for column in parts:
            label = fit(column_label(column, "expenditure"), w)
            text.append(f"  {label}{money(t.get(column)):>16}\n")
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
        text.append(_("本文件只有情况说明，报表另册公开（不查缺表）· 按 7 查看说明") + "\n")
    elif kind == "tables_only":
        text.append(_("本文件只有报表，情况说明另册公开") + "\n", style="dim")
    if d.table("income_sources").height:
        text.append(_("收入总表按收入来源列示（无功能科目）") + "\n", style="dim")
    c = r.counts
    errors = int(c["errors"].sum()) if c.height else 0
    text.append("\n" + _("核对") + "\n", style="bold")
    text.append(
        _("恒等式 {tested}  成立 {passed}  舍入 {info}  无法核对 {warnings}  ").format(
            tested=int(c["tested"].sum()) if c.height else 0,
            passed=int(c["passed"].sum()) if c.height else 0,
            info=int(c["info"].sum()) if c.height else 0,
            warnings=int(c["warnings"].sum()) if c.height else 0,
        )
    )
    text.append(_("错误 {errors}").format(errors=errors), style="bold red" if errors else "green")
    text.append(" ✗\n" if errors else " ✓\n")
    parse = int(c["parse"].sum()) if c.height and "parse" in c.columns else 0
    cov = [x for x in d.coverage.values() if x.printed]
    placed, printed = sum(x.placed for x in cov), sum(x.printed for x in cov)
    line = _("读取：印出的数字读入 {placed}/{printed}").format(placed=placed, printed=printed)
    if parse:
        text.append(line + _(" · {n} 处无法担保（!）").format(n=parse) + "\n", style="bold magenta")
    else:
        text.append(f"{line}\n", style="dim")
    text.append(proof_text(r))
    text.append(_("e：转到第一个错误 · 8：全部核对结果 · ?：全部按键") + "\n", style="dim")
    return text


def proof_text(r: Reconciliation) -> Text:
    """Per table, whether its reading is vouched for: a reader knows which tables to open
    in 原表 and look at before trusting a finding of theirs."""
    text = Text()
    proofs = r.proofs.to_dicts()
    if not proofs:
        return text
    vouched = [p for p in proofs if p["vouched"]]
    text.append(
        _("读取担保：{vouched}/{tables} 张表读全且经本表恒等式印证").format(
            vouched=len(vouched), tables=len(proofs)
        )
        + "\n",
        style="dim" if len(vouched) == len(proofs) else "magenta",
    )
    for p in proofs:
        if not p["vouched"]:
            text.append(f"  ! {table_title(p['table'])}：{p['why']}\n", style="magenta")
    return text
