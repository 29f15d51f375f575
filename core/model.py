"""The data model: every table id, its columns and types, and the parsed disclosure.

This is the one place that says what a parsed disclosure holds. ``export`` writes these
frames out as they are (see docs/export-schema.md); the TUI reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from core.errors import BudgetInputError
from core.labels import TABLE_TITLES_ZH as TABLE_TITLES_ZH

__all__ = ["BudgetInputError"]  # defined apart so page workers need not import polars

from core.versions import PARSER_VERSION as PARSER_VERSION
from core.versions import SCHEMA_VERSION as SCHEMA_VERSION


@dataclass(frozen=True)
class PrintedNumber:
    """One number printed in a table's region, with where it stands on the page."""

    text: str
    page: int
    x: float | None = None  # left of its cell or word, in points from the page's left
    y: float | None = None  # top of its cell or word, in points from the page's top

    def where(self) -> str:
        if self.x is None or self.y is None:
            return f"p.{self.page}"
        return f"p.{self.page} ({self.x:.0f}, {self.y:.0f})"


@dataclass
class TableCoverage:
    """How much of what a table prints its frame holds."""

    table: str
    pages: list[int]
    printed: int  # numbers printed in the table's region
    unplaced: list[PrintedNumber] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.unplaced

    @property
    def placed(self) -> int:
        return self.printed - len(self.unplaced)


# Amounts as printed: two decimals, exact. Quantities (㎡, 台) use the same type.
MONEY = pl.Decimal(20, 2)
TEXT = pl.String()
INT = pl.Int64()
BOOL = pl.Boolean()

_FUNCTIONAL_HEAD = {"code": TEXT, "name": TEXT, "level": INT}

# Column groups that tables and identities share. 本年收入 is the sum of its income kinds.
INCOME_KINDS = (
    "fiscal_appropriation",
    "special_account",
    "business",
    "operating",
    "superior_subsidy",
    "affiliate_remittance",
    "other",
)
# The three appropriation budgets that 财政拨款 tables split a total into.
FUND_BUDGETS = ("general_public_budget", "government_fund", "state_capital")
# Where a procurement amount comes from.
PROCUREMENT_FUNDS = (*FUND_BUDGETS, "special_account", "unit_funds", "carryover")

# Column order and types of every table the export contract names. Every row also has
# `page` (1-based, where the row starts) and `redacted` (a `**` cell in the row).
TABLE_COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "summary": {"side": TEXT, "seq": INT, "item": TEXT, "amount": MONEY},
    "income": {
        **_FUNCTIONAL_HEAD,
        "total": MONEY,
        "current_year": MONEY,
        **dict.fromkeys(INCOME_KINDS, MONEY),
        "carryover": MONEY,
    },
    "expenditure": {
        **_FUNCTIONAL_HEAD,
        "total": MONEY,
        "basic": MONEY,
        "project": MONEY,
        "operating": MONEY,
        "remit_to_superior": MONEY,
        "subsidy_to_affiliates": MONEY,
    },
    "fiscal_summary": {
        "side": TEXT,
        "seq": INT,
        "item": TEXT,
        "total": MONEY,
        **dict.fromkeys(FUND_BUDGETS, MONEY),
    },
    "gpb_expenditure": {**_FUNCTIONAL_HEAD, "total": MONEY, "basic": MONEY, "project": MONEY},
    "gpb_basic_expenditure": {
        **_FUNCTIONAL_HEAD,
        "total": MONEY,
        "personnel": MONEY,
        "public": MONEY,
    },
    "gov_fund_expenditure": {**_FUNCTIONAL_HEAD, "total": MONEY, "basic": MONEY, "project": MONEY},
    "state_capital_expenditure": {
        **_FUNCTIONAL_HEAD,
        "total": MONEY,
        "basic": MONEY,
        "project": MONEY,
    },
    "three_public": {
        "seq": INT,
        "item": TEXT,
        "total": MONEY,
        **dict.fromkeys(FUND_BUDGETS, MONEY),
    },
    "organizations": {"name": TEXT, "nature": TEXT, "rank": TEXT, "funding": TEXT},
    "projects": {
        "seq": INT,
        "project_code": TEXT,
        "name": TEXT,
        "budget": MONEY,
        "fiscal_funds": MONEY,
        "other_funds": MONEY,
        "purpose": TEXT,
        "plan_q1": MONEY,
        "plan_q2": MONEY,
        "plan_q3": MONEY,
        "plan_q4": MONEY,
    },
    "project_indicators": {
        "project_code": TEXT,
        "level1": TEXT,
        "level2": TEXT,
        "level3": TEXT,
        "description": TEXT,
        "target": TEXT,
        "basis": TEXT,
    },
    "procurement": {
        "row_kind": TEXT,
        "unit": TEXT,
        "source_project": TEXT,
        "source_budget": MONEY,
        "item": TEXT,
        "catalog_code": TEXT,
        "measure_unit": TEXT,
        "quantity": MONEY,
        "unit_price": MONEY,
        "amount": MONEY,
        **dict.fromkeys(PROCUREMENT_FUNDS, MONEY),
        "sme_reserved": MONEY,
    },
    "fixed_assets": {
        "item": TEXT,
        "parent": TEXT,
        "quantity": MONEY,
        "quantity_unit": TEXT,
        "value": MONEY,
    },
    "narrative_figures": {"key": TEXT, "label": TEXT, "value": MONEY},
    # Tables of other provinces' packages (issue 4). Present in an export only when the
    # document prints them, so a disclosure without them exports exactly as before.
    "fiscal_expenditure": {**_FUNCTIONAL_HEAD, "total": MONEY, "basic": MONEY, "project": MONEY},
    "fiscal_basic_expenditure": {
        **_FUNCTIONAL_HEAD,
        "total": MONEY,
        "personnel": MONEY,
        "public": MONEY,
    },
    "operating_costs": {**_FUNCTIONAL_HEAD, "total": MONEY},
    "income_sources": {"group": TEXT, "item": TEXT, "level": INT, "amount": MONEY},
    "narrative_items": {
        "code": TEXT,
        "class_name": TEXT,
        "item_name": TEXT,
        "name": TEXT,
        "amount": MONEY,
        "previous": MONEY,
        "change": MONEY,
    },
}

OPTIONAL_TABLES = (
    "fiscal_expenditure",
    "fiscal_basic_expenditure",
    "operating_costs",
    "income_sources",
    "narrative_items",
)

# Columns some layouts print beyond the standard ones. Known ones get a stable name; any
# other amount column is kept under its printed header. They appear only where printed.
EXTRA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("单位预留机动经费", "reserve"),
    ("预留机动", "reserve"),
    ("结转下年", "carry_forward"),
    ("非财政拨款结余", "non_fiscal_balance"),  # 使用非财政拨款结余: an income of its own
    # 基本支出 split into its two parts where a table prints no 基本支出 column of its own
    ("人员经费", "personnel"),
    ("人员支出", "personnel"),
    ("公用经费", "public"),
    ("公用支出", "public"),
)

# Columns every table carries after its own. `classified` names the `**` cells of a row,
# so a consumer can tell a classified null from an empty one.
ROW_TAIL: dict[str, pl.DataType] = {
    "page": INT,
    "redacted": BOOL,
    "classified": pl.List(pl.String),
}

# Functional tables share a shape and the hierarchy rules.
FUNCTIONAL_TABLES = (
    "income",
    "expenditure",
    "gpb_expenditure",
    "gov_fund_expenditure",
    "state_capital_expenditure",
)
ECONOMIC_TABLES = ("gpb_basic_expenditure", "fiscal_basic_expenditure", "operating_costs")
# Functional-code tables of other provinces, checked like the standard ones.
EXTRA_FUNCTIONAL_TABLES = ("fiscal_expenditure",)

NARRATIVE_KEYS = (
    "income_total",
    "income_general_public_budget",
    "income_government_fund",
    "income_state_capital",
    "income_special_account",
    "income_unit_funds",
    "income_carryover",
    "expenditure_total",
    "expenditure_basic",
    "expenditure_gpb_basic",
    "expenditure_personnel",
    "expenditure_public",
    "expenditure_project",
    "change_total",
    "change_basic",
    "change_project",
    "operating_costs",
    "three_public_total",
    "three_public_abroad",
    "three_public_vehicles",
    "three_public_vehicle_purchase",
    "three_public_vehicle_operation",
    "three_public_reception",
    "three_public_change",
    "fixed_assets_total",
    "fixed_assets_planned_purchase",
    # a final account's (core.tables.narrative.FINAL_PATTERNS)
    "final_total",
    "final_fiscal_total",
    "final_income",
    "final_expenditure",
)


def money_columns(table_id: str, frame: pl.DataFrame | None = None) -> list[str]:
    """The amount columns of a table, in order; with ``frame``, its extra columns too."""
    own = [name for name, dtype in TABLE_COLUMNS[table_id].items() if dtype == MONEY]
    if frame is None:
        return own
    return own + [
        c
        for c in frame.columns
        if c not in TABLE_COLUMNS[table_id]
        and c not in ROW_TAIL
        and isinstance(frame.schema[c], pl.Decimal)
    ]


def table_schema(table_id: str) -> dict[str, pl.DataType]:
    """Full column schema of a table: its own columns then the row tail."""
    return {**TABLE_COLUMNS[table_id], **ROW_TAIL}


def empty_table(table_id: str) -> pl.DataFrame:
    return pl.DataFrame(schema=table_schema(table_id))


@dataclass
class Meta:
    source: str
    sha256: str
    department_code: str | None
    department: str | None
    year: int | None
    unit: str | None
    pages: int
    parser_version: str = PARSER_VERSION
    # a table printed in another unit than the document's (a 万元 "三公" table in a 元 package)
    table_units: dict[str, str] = field(default_factory=dict)
    # "budget" (部门预算) or "final" (部门决算: the year accounted for is ``year``)
    kind: str = "budget"


@dataclass
class RawTable:
    """A table that no family recognised: kept as printed so it can still be shown."""

    title: str | None
    pages: list[int]
    rows: list[list[str]]


@dataclass
class ProsePage:
    page: int
    text: str


@dataclass
class Disclosure:
    meta: Meta
    tables: dict[str, pl.DataFrame]
    raw_tables: list[RawTable] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # table id -> its 注 note
    prose: list[ProsePage] = field(default_factory=list)
    # where each recognised part was found: table id -> first page
    part_pages: dict[str, list[int]] = field(default_factory=dict)
    # the model columns each table's header prints; a column it does not print is not zero
    printed_columns: dict[str, list[str]] = field(default_factory=dict)
    # the reading's self-check per table: what it prints that the frame does not hold
    coverage: dict[str, TableCoverage] = field(default_factory=dict)
    # pages that could not be read, with why; the rest of the document still is
    unreadable: dict[int, str] = field(default_factory=dict)
    # decimals each table prints its amounts with (0: whole 元); tolerances come from it
    precision: dict[str, int] = field(default_factory=dict)
    # a package merged from its parts (core.packages.grouping): table id (and "prose") -> the file
    # it was read from, so a page names its file. Empty for a package read from one file.
    sources: dict[str, str] = field(default_factory=dict)
    # the title each recognised table prints (its words, where a grid holds them and the prose
    # does not): table id -> title
    titles: dict[str, str] = field(default_factory=dict)

    def package_kind(self) -> str:
        """ "full", "tables_only" (the 情况说明 published as another file) or "narrative_only"
        (the tables published as another file: Beijing's 附件1, Jiangsu's 政协 package).
        A part published elsewhere is not missing from this file."""
        printed = [
            t
            for t, frame in self.tables.items()
            if frame.height and t not in ("narrative_figures", "narrative_items")
        ]
        if not printed:
            return "narrative_only"
        if not self.table("narrative_figures").height:
            return "tables_only"
        return "full"

    def incomplete_tables(self) -> set[str]:
        """Tables the reading cannot vouch for: numbers left unplaced, or a page of theirs
        that could not be read (whole) — or the page after or before theirs, onto which
        they may have gone on."""
        damaged = set(self.unreadable)
        near = damaged | {p + 1 for p in damaged} | {p - 1 for p in damaged}
        return {t for t, c in self.coverage.items() if not c.complete or near & set(c.pages)}

    def table(self, table_id: str) -> pl.DataFrame:
        return self.tables.get(table_id, empty_table(table_id))

    def table_ids(self) -> list[str]:
        """The standard tables, then the optional ones this document prints."""
        return [
            t
            for t in TABLE_COLUMNS
            if t not in OPTIONAL_TABLES or (t in self.tables and self.tables[t].height)
        ]

    def unit_of(self, table_id: str) -> str | None:
        return self.meta.table_units.get(table_id, self.meta.unit)
