"""The compare view's side panel: one code across the packages — its figures, Δ and Δ%, its
series as block bars (from zero, so a 5 % change looks like one), the rename if any, and the
page of each figure."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from core.i18n import _
from core.packages.compare import ADDED, REMOVED, RENAMED, Comparison
from tui.widgets.budget_tree import fit, money


def measure_label(measure: str) -> str:
    """The document's own word for a compared column."""
    return {
        "total": _("合计"),
        "basic": _("基本支出"),
        "project": _("项目支出"),
        "personnel": _("人员经费"),
        "public": _("公用经费"),
        "amount": _("金额"),
        "budget": _("预算数"),
        "fiscal_funds": _("财政资金"),
        "other_funds": _("其他资金"),
    }.get(measure, measure)


def change_label(change: str) -> str:
    return {ADDED: _("新增"), REMOVED: _("取消"), RENAMED: _("更名")}.get(change, "")


BLOCKS = " ▏▎▍▌▋▊▉█"
BAR_WIDTH = 24


def bars(labels: list[str], values: list[Decimal | None], width: int = BAR_WIDTH) -> Text:
    """One bar per package, in eighths of a cell, scaled to the largest value from zero."""
    top = max((v for v in values if v is not None and v > 0), default=None)
    text = Text()
    for label, value in zip(labels, values, strict=True):
        text.append(f"{fit(label, 6)}", style="dim")
        if top is None or value is None or value <= 0:
            text.append("\n")
            continue
        eighths = max(1, int(value / top * width * 8))
        full, rest = divmod(eighths, 8)
        text.append("█" * full + (BLOCKS[rest] if rest else ""), style="cyan")
        text.append("\n")
    return text


def percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:+.2f}%" if value else f"{value:.2f}%"


def signed(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:+,.2f}" if value else f"{value:,.2f}"


class SeriesPanel(VerticalScroll):
    """Beside the compare tree: the selected code over the packages."""

    def compose(self) -> ComposeResult:
        yield Static("", classes="series-title")
        yield Static("", classes="series-chart")
        yield Static("", classes="series-figures")

    def show(self, comparison: Comparison, rows: list[dict[str, Any]]) -> None:
        """``rows``: the code's rows of one family's frame, one per measure."""
        title, figures = (
            self.query_one(".series-title", Static),
            self.query_one(".series-figures", Static),
        )
        chart = self.query_one(".series-chart", Static)
        if not rows:
            title.update("")
            figures.update("")
            chart.update("")
            return
        labels = comparison.labels
        first = rows[0]
        head = Text()
        code = first["key"] if first["key"][:1].isdigit() else ""  # items have no code
        head.append(f"{code} {first['name']}".strip() + "\n", style="bold")
        mark = change_label(first["change"])
        if first["change"] == RENAMED:
            names = list(
                dict.fromkeys(first[f"name@{lab}"] for lab in labels if first[f"name@{lab}"])
            )
            head.append(_("更名：") + " → ".join(names) + "\n", style="yellow")
        elif mark:
            head.append(mark + "\n", style="yellow")
        series = [first[lab] for lab in labels]
        # the figures first: a short terminal shows them above the chart
        line = "  ".join(
            f"{lab} {money(first[lab], bool(first.get(f'hidden@{lab}'))) or '—'}" for lab in labels
        )
        if comparison.has_delta:
            line += f"  Δ {signed(first.get('delta'))}  {percent(first.get('delta_pct'))}"
        head.append(line + "\n")
        head.append(
            _("走势（{measure}）").format(measure=measure_label(first["measure"])), style="dim"
        )
        title.update(head)
        chart.update(bars(labels, series))
        text = Text()
        for row in rows:
            if all(row[lab] is None for lab in labels):
                continue  # a column no package prints
            text.append(f"\n{measure_label(row['measure'])}\n", style="bold")
            for lab in labels:
                text.append(f"  {fit(lab, 14)}{money(row[lab]):>16}\n")
            if comparison.has_delta:
                text.append(f"  {fit('Δ', 14)}{signed(row.get('delta')):>16}\n")
                text.append(f"  {fit('Δ%', 14)}{percent(row.get('delta_pct')):>16}\n")
        text.append("\n" + _("页码") + "\n", style="bold")
        for period in comparison.periods:
            page = first.get(f"page@{period.label}")
            where = f"p.{page}  {period.source}" if page is not None else _("（无此项）")
            text.append(f"  {fit(period.label, 6)}{where}\n", style="dim")
        figures.update(text)
