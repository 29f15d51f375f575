"""``?``: every key the app answers to, gathered from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from core.i18n import N_, _
from tui.bindings import describe, translate_bindings
from tui.widgets.budget_tree import BudgetTree

# Keys Textual's Tree and the app's conventions add beyond the declared bindings.
EXTRA_KEYS = [
    ("↑ ↓ PgUp PgDn", N_("移动光标")),
    ("Enter / Space", N_("展开或收起；在核对结果上：转到它的行")),
    ("Shift+←", N_("转到上级")),
    ("Tab / Shift+Tab", N_("移动焦点（树、侧栏、标签栏）")),
    ("Ctrl+P", N_("命令面板：按名称执行任一操作")),
    (N_("鼠标"), N_("点击标签、行或三角；滚轮滚动")),
]
# how a key is printed: Textual's key names are ids
KEY_NAMES = {"question_mark": "?", "slash": "/", "escape": "Esc"}


def _describe(binding: BindingType) -> tuple[str, str]:
    if isinstance(binding, Binding):
        return binding.key, describe(binding) or binding.action
    key, action, *rest = binding
    return key, _(rest[0]) if rest else action


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", N_("关闭帮助")),
    ]

    def __init__(self, app_bindings: list[BindingType]) -> None:
        super().__init__()
        translate_bindings(self)
        self.app_bindings = app_bindings

    def rows(self) -> list[tuple[str, str]]:
        """(key, what it does) for every binding of the app and its trees, then the rest."""
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        # Textual's own Tree keys are described in EXTRA_KEYS, in the reader's language
        for binding in [*self.app_bindings, *BudgetTree.BINDINGS]:
            key, what = _describe(binding)
            if key in seen:
                continue
            seen.add(key)
            shown = ",".join(KEY_NAMES.get(k, k) for k in key.split(","))
            out.append((shown, what))
        return out + [(_(key), _(what)) for key, what in EXTRA_KEYS]

    def compose(self) -> ComposeResult:
        table = Table(title=_("budget-tui 按键"), show_edge=False, expand=True)
        table.add_column(_("按键"), style="bold", no_wrap=True)
        table.add_column(_("作用"))
        for key, what in self.rows():
            table.add_row(key, what)
        with VerticalScroll(id="help"):
            yield Static(table)
            yield Static(_("Esc、q 或 ? 关闭此屏。"), classes="dim")
