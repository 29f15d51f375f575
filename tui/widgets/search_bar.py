"""``/``: incremental search of the current tree by code or name; n / N for the next match."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from core.i18n import N_, _


class SearchBar(Input):
    """Docked under the views; the app searches as the query changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("关闭查找"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__(placeholder=_("查找代码或名称（Enter 停在匹配处，Esc 关闭）"), id="search")

    can_focus = False  # until / opens it

    def open(self) -> None:
        self.value = ""
        self.add_class("open")
        self.can_focus = True
        # now, not on the next idle (Widget.focus): keys typed right after / must land here
        self.screen.set_focus(self)

    def close(self) -> None:
        """Hide the bar and take it out of the focus chain."""
        self.remove_class("open")
        self.can_focus = False

    def action_close(self) -> None:
        self.close()
        self.post_message(self.Submitted(self, self.value, None))
