"""Filling the trees from core's frames: which rows go where, under which parent.

Nothing here parses: it reads the model's tables and the reconciliation's statuses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets.tree import TreeNode

from core.i18n import _
from core.labels import severity_label, table_title
from core.tables.cells import normalise_display
from tui.widgets.budget_tree import BudgetTree, RowRef, depth_of, fit, money

if TYPE_CHECKING:
    from core.model import Disclosure
    from core.rules.reconcile import Reconciliation


# Where the functional tree takes its rows: the first table that prints codes.
FUNCTIONAL_SOURCES = ("expenditure", "fiscal_expenditure", "gpb_expenditure")
ECONOMIC_SOURCES = ("gpb_basic_expenditure", "fiscal_basic_expenditure", "operating_costs")
# Other tables whose rows for the same code the side panel shows beside the source's.
FUNCTIONAL_OTHERS = (
    "income",
    "expenditure",
    "fiscal_expenditure",
    "gpb_expenditure",
    "gov_fund_expenditure",
    "state_capital_expenditure",
    "narrative_items",
)
ECONOMIC_OTHERS = ("gpb_basic_expenditure", "fiscal_basic_expenditure", "operating_costs")

# the amount columns each tree shows (their headers: core.labels)
SPENDING_COLUMNS = ["total", "basic", "project"]
INCOME_COLUMNS = ["total", "fiscal_appropriation", "business", "other", "carryover"]
ECONOMIC_COLUMNS = ["total", "personnel", "public"]


def source_table(d: Disclosure, candidates: tuple[str, ...]) -> str:

    import polars as pl

    for table in candidates:
        if d.table(table).filter(pl.col("level") >= 1).height:
            return table
    return candidates[0]


def _others(
    d: Disclosure, tables: tuple[str, ...], source: str
) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    by_code: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for table in tables:
        if table == source:
            continue
        for row in d.table(table).to_dicts():
            by_code.setdefault(row.get("code") or "", []).append((table, row))
    return by_code


def fill_code_tree(
    tree: BudgetTree,
    d: Disclosure,
    candidates: tuple[str, ...],
    other_tables: tuple[str, ...],
    columns: list[str],
    economic: bool = False,
    values_from: str | None = None,
) -> str:
    """合计 > 类 > 款 > 项 of the first candidate table that prints codes; each row also
    carries what the other tables say of its code. ``values_from`` shows another table's
    columns (the income columns) on the same tree. Returns the source table."""
    table = source_table(d, candidates)
    tree.clear()
    rows = d.table(table).to_dicts()
    others = _others(d, other_tables, table)
    nodes: dict[str, TreeNode[RowRef]] = {}
    broken = {
        (r.get("code") or "")
        for r in rows
        if tree.row_status(table, r.get("code") or "合计") == "broken"
    }
    for r in rows:
        code = r.get("code") or ""
        key = code or "合计"
        mine = tuple(others.get(code, []))
        shown = r
        if values_from is not None:
            shown = next((row for t, row in mine if t == values_from), {})
        parent: TreeNode[RowRef] = tree.root
        for length in (5, 3) if not economic else (3,):
            if len(code) > length and code[:length] in nodes:
                parent = nodes[code[:length]]
                break
        else:
            if code and "" in nodes:
                parent = nodes[""]
        ref = RowRef(table, key, r, mine)
        leaf = len(code) >= (5 if economic else 7)
        label = tree.line(
            f"{code} {r['name']}".strip(),
            [money(shown.get(c), c in (shown.get("classified") or [])) for c in columns],
            tree.row_status(table, key),
            subtree_broken=any(p.startswith(code) and p != code for p in broken),
            depth=depth_of(parent) + 1,
            leaf=leaf,
        )
        if leaf:
            node = parent.add_leaf(label, data=ref)
        else:
            node = parent.add(label, data=ref, expand=len(code) <= 3)
        nodes[code] = node
    tree.root.expand()
    return table


def fill_projects(tree: BudgetTree, d: Disclosure) -> None:
    """Cards by budget; each card's indicators as 一级 > 二级 › 三级: 指标值."""

    import polars as pl

    tree.clear()
    cards = d.table("projects").sort("budget", descending=True, nulls_last=True)
    indicators = d.table("project_indicators")
    for card in cards.iter_rows(named=True):
        key = card["project_code"] or str(card["seq"])
        name = card["name"] or ""
        if card["redacted"] and not card["budget"]:
            name += _("（涉密）")
        label = tree.line(
            name,
            [
                money(card["budget"], card["redacted"] and card["budget"] is None),
                money(card["fiscal_funds"], card["redacted"] and card["fiscal_funds"] is None),
                money(card["other_funds"]),
            ],
            tree.row_status("projects", key),
            leaf=False,
        )
        node = tree.root.add(label, data=RowRef("projects", key, card))
        level1: dict[str, TreeNode[RowRef]] = {}
        rows = indicators.filter(pl.col("project_code") == card["project_code"])
        for ind in rows.iter_rows(named=True):
            l1 = ind["level1"] or ""
            if l1 not in level1:
                level1[l1] = node.add(l1)
            target = ind["target"] or ("**" if ind["redacted"] else "")
            level1[l1].add_leaf(
                normalise_display(f"{ind['level2'] or '**'} › {ind['level3'] or '**'}: {target}"),
                data=RowRef("project_indicators", key, ind),
            )
    tree.root.expand()


def fill_procurement(tree: BudgetTree, d: Disclosure) -> None:
    """合计 > unit (小计) > source project > line; Jiangsu's 合计 > 品目 > 专项 > line."""
    tree.clear()
    parents: dict[str, TreeNode[RowRef]] = {}
    unit_node: TreeNode[RowRef] = tree.root
    for i, row in enumerate(d.table("procurement").iter_rows(named=True)):
        key = f"row {i + 1}"
        kind = row["row_kind"]
        name = (
            row["item"] or row.get("economic_item") or row.get("category") or row["unit"] or "合计"
        )
        if kind == "project":
            name = f"{row.get('source_project') or ''} · {row.get('economic_item') or ''}"
        if row["redacted"] and kind == "line" and not row["item"]:
            name = _("**（涉密）")
        extra = [money(row["quantity"]), money(row["unit_price"])] if "quantity" in row else []
        depth, leaf = {"total": (0, True), "subtotal": (0, False), "category": (0, False)}.get(
            kind, (1, False) if kind == "project" else (2, True)
        )
        label = tree.line(
            name,
            [*extra, money(row["amount"], "amount" in row["classified"])],
            tree.row_status("procurement", key),
            depth=depth,
            leaf=leaf,
        )
        ref = RowRef("procurement", key, row)
        if kind == "total":
            tree.root.add_leaf(label, data=ref)
        elif kind in ("subtotal", "category"):
            unit_node = tree.root.add(label, data=ref, expand=True)
            parents = {}
        elif kind == "project":
            parents = {"": unit_node.add(label, data=ref, expand=True)}
        else:
            src = "" if "" in parents else (row["source_project"] or "")
            if src not in parents:
                parents[src] = unit_node.add(
                    tree.line(
                        src, ["", "", money(row["source_budget"])], None, depth=1, leaf=False
                    ),
                    expand=True,
                )
            parents[src].add_leaf(label, data=ref)
    tree.root.expand()


def fill_assets(tree: BudgetTree, d: Disclosure) -> None:
    """The "三公" table (小计 > kinds > 购置 / 运行) and the fixed assets (其中 indented)."""
    tree.clear()
    three = d.table("three_public").to_dicts()
    if three:
        top = tree.root.add(Text(_("“三公”经费 · 会议费 · 培训费"), style="bold"), expand=True)
        vehicles: TreeNode[RowRef] | None = None
        for row in three:
            item = row["item"] or ""
            values = [money(row["total"], "total" in row["classified"])]
            state = tree.row_status("three_public", item)
            ref = RowRef("three_public", item, row)
            if vehicles is not None and is_vehicle_part(item):
                vehicles.add_leaf(tree.line(item, values, state, 40, depth=2), data=ref)
            elif "公务用车" in item and "及" in item:
                label = tree.line(item, values, state, 40, depth=1, leaf=False)
                vehicles = top.add(label, data=ref, expand=True)
            else:
                # the vehicle lines are contiguous: any other line is the heading's sibling
                vehicles = None
                top.add_leaf(tree.line(item, values, state, 40, depth=1), data=ref)
    assets = d.table("fixed_assets").to_dicts()
    if assets:
        top = tree.root.add(Text(_("固定资产占用"), style="bold"), expand=True)
        kinds: dict[str, TreeNode[RowRef]] = {}
        for row in assets:
            unit = f" ({row['quantity_unit']})" if row["quantity_unit"] else ""
            values = [money(row["quantity"]), money(row["value"])]
            state = tree.row_status("fixed_assets", row["item"])
            ref = RowRef("fixed_assets", row["item"], row)
            name = f"{row['item']}{unit}"
            if row["parent"] and row["parent"] in kinds:
                kinds[row["parent"]].add_leaf(tree.line(name, values, state, 40, depth=2), data=ref)
            else:
                label = tree.line(name, values, state, 40, depth=1, leaf=False)
                kinds[row["item"]] = top.add(label, data=ref, expand=True)
    tree.root.expand()


def is_vehicle_part(item: str) -> bool:
    """A line of 公务用车购置及运行费: its 购置费 or 运行(维护)费 — not 机关运行经费, which
    names 运行 too but is a sibling of the vehicles."""
    name = item.removeprefix("其中").lstrip("：:、 ")
    if "及" in name or not ("购置" in name or "运行" in name):
        return False
    return "公务用车" in name or name.startswith(("购置", "运行"))


def fill_findings(tree: BudgetTree, r: Reconciliation) -> None:
    tree.clear()
    order = {"error": 0, "parse": 1, "warning": 2, "info": 3}
    marks = {"error": "✗", "parse": "!", "warning": "?", "info": "≈"}
    for f in sorted(r.findings.to_dicts(), key=lambda f: order[f["severity"]]):
        style = {"error": "bold red", "parse": "bold magenta", "warning": "yellow", "info": "cyan"}[
            f["severity"]
        ]
        label = Text(f"{marks[f['severity']]} {fit(severity_label(f['severity']), 9)}", style=style)
        title = table_title(f["table"]) if f["table"] else _("读取")
        label.append(normalise_display(f"{title} {f['message']}"))
        tree.root.add_leaf(label, data=RowRef("finding", f["location"], f))
    tree.root.expand()
