"""``?``: every key the app answers to, gathered from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static, Tree

from .budget_tree import BudgetTree

# Keys Textual's Tree and the app's conventions add beyond the declared bindings.
EXTRA_KEYS = [
    ("↑ ↓ PgUp PgDn", "move the cursor"),
    ("Enter / Space", "expand or collapse; on a finding: jump to its row"),
    ("Tab / Shift+Tab", "move focus (tree, side panel, tab bar)"),
    ("Ctrl+P", "command palette: every action by name"),
    ("mouse", "click a tab, a row or a triangle; scroll with the wheel"),
]


def _describe(binding: BindingType) -> tuple[str, str]:
    if isinstance(binding, Binding):
        return binding.key, binding.description or binding.action
    key, action, *rest = binding
    return key, rest[0] if rest else action


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "close help"),
    ]

    def __init__(self, app_bindings: list[BindingType]) -> None:
        super().__init__()
        self.app_bindings = app_bindings

    def rows(self) -> list[tuple[str, str]]:
        """(key, what it does) for every binding of the app and its trees, then the rest."""
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        for binding in [*self.app_bindings, *BudgetTree.BINDINGS, *Tree.BINDINGS]:
            key, what = _describe(binding)
            if key in seen:
                continue
            seen.add(key)
            out.append((key.replace("question_mark", "?").replace("slash", "/"), what))
        return out + EXTRA_KEYS

    def compose(self) -> ComposeResult:
        table = Table(title="budget-tui keys", show_edge=False, expand=True)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("does")
        for key, what in self.rows():
            table.add_row(key, what)
        with VerticalScroll(id="help"):
            yield Static(table)
            yield Static("Esc, q or ? closes this screen.", classes="dim")
