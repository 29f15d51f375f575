"""``budget-tui DATASET/``: the app over a scanned dataset. It opens on the department list
(tui.dataset.dataset_screen); Enter shows that department in the one-file explorer (BudgetApp's
views), its disclosure rebuilt from the dataset, with no PDF and no parse; Backspace goes back
to the list."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.binding import Binding, BindingType

from core.dataset.store import load_disclosure
from core.i18n import _
from core.model import BudgetInputError
from core.rules.reconcile import reconcile
from tui.dataset.dataset_screen import DatasetScreen
from tui.messages import DepartmentChosen, DisclosureLoaded, LoadFailed
from tui.package.app import BudgetApp
from tui.widgets.help_screen import HelpScreen

DEPARTMENTS = "departments"


class DatasetApp(BudgetApp):
    FIRST_FRAME_FIRST = False  # its departments open from the list: every view is built
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("backspace", "departments", _("部门列表")),
    ]

    def __init__(self, dataset: Path) -> None:
        super().__init__(dataset)
        self.dataset = dataset

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # not BudgetApp's: there is no one PDF to read
        self.title = "budget-tui"
        self.sub_title = str(self.dataset)
        self.install_screen(DatasetScreen(self.dataset), name=DEPARTMENTS)
        self.push_screen(DEPARTMENTS)

    @on(DepartmentChosen)
    def open_department(self, message: DepartmentChosen) -> None:
        self.path = Path(message.path)  # the sub-title names the file; it need not exist
        self.data_ready = False  # keys typed now wait for this department, not the last one
        self.load_department(message.sha256)

    @work(thread=True, exclusive=True, group="department")
    def load_department(self, sha256: str) -> None:
        try:
            disclosure = load_disclosure(self.dataset, sha256)
        except BudgetInputError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.post_message(DisclosureLoaded(disclosure, reconcile(disclosure)))
        self.call_from_thread(self._show_department)

    def _show_department(self) -> None:
        if isinstance(self.screen, DatasetScreen):
            self.pop_screen()
        self.action_view("overview")

    def action_departments(self) -> None:
        if not isinstance(self.screen, DatasetScreen):
            self.sub_title = str(self.dataset)
            self.push_screen(DEPARTMENTS)

    def action_help(self) -> None:
        if isinstance(self.screen, DatasetScreen):  # the list's own keys first
            self.push_screen(HelpScreen([*DatasetScreen.BINDINGS, *self.BINDINGS]))
        else:
            super().action_help()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # over the list, the one-disclosure keys (next error, income columns…) have nothing
        # to act on: hidden from the footer and inert
        if isinstance(self.screen, DatasetScreen):
            return action in ("quit", "command_palette", "help")
        return super().check_action(action, parameters)

    @on(LoadFailed)
    def show_failure(self, message: LoadFailed) -> None:
        self.notify(message.error, severity="error")
