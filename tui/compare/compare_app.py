"""``budget-tui A.pdf B.pdf …`` / ``budget-tui DIR/``: several files read in a worker and
grouped (core.packages.grouping). The parts of one package make one disclosure, handed back for the
explorer to open; other years or other departments open the compare view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.widgets import Footer, Header, Input, Label, ProgressBar, TabbedContent

from core.i18n import _
from core.model import BudgetInputError, Disclosure
from core.packages.compare import compare, year_over_year_findings
from core.packages.grouping import Opened, open_files
from tui.compare.compare_view import CompareView
from tui.messages import ComparisonLoaded, FileProgress, LoadFailed
from tui.widgets.help_screen import HelpScreen
from tui.widgets.search_bar import SearchBar


class CompareApp(App[Disclosure | None]):
    CSS_PATH = "compare.tcss"
    TITLE = "budget-tui"
    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(str(i), f"view({i})", _("第 {i} 页").format(i=i), show=False)
            for i in range(1, 10)
        ],
        Binding("slash", "search", _("搜索"), priority=True),  # the bar opens before the next key
        Binding("n", "search_next(1)", _("下一个"), show=False),
        Binding("N", "search_next(-1)", _("上一个"), show=False),
        Binding("question_mark", "help", _("帮助")),
        Binding("q", "quit", _("退出")),
    ]

    def __init__(
        self, files: list[Path], use_cache: bool = True, opened: Opened | None = None
    ) -> None:
        """Read ``files``; ``opened`` (tests) skips the reading."""
        super().__init__()
        self.files = files
        self.use_cache = use_cache
        self.preloaded = opened
        self.query_text = ""
        self.view: CompareView | None = None
        self._pending: list[Callable[[], None]] = []  # keys typed before the view is there
        self._running_pending = False
        self._search_queued = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Container(id="loading"):
            yield Label(_("读取中…"), id="loading-label")
            yield ProgressBar(id="loading-bar", show_eta=False)
        yield SearchBar()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = " · ".join(p.name for p in self.files)
        if self.preloaded is not None:
            self.show_opened(self.preloaded)
        else:
            self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        def on_file(index: int, total: int, name: str) -> None:
            self.post_message(FileProgress(index, total, name))

        try:
            opened = open_files(self.files, self.use_cache, on_file)
        except BudgetInputError as exc:
            self.post_message(LoadFailed(str(exc)))
            return
        self.call_from_thread(self.show_opened, opened)

    def show_opened(self, opened: Opened) -> None:
        if len(opened.packages) == 1:
            self.exit(opened.packages[0])  # the parts of one package: the explorer opens it
            return
        self.post_message(ComparisonLoaded(compare(opened), year_over_year_findings(opened)))

    @on(FileProgress)
    def show_progress(self, message: FileProgress) -> None:
        self.query_one("#loading-bar", ProgressBar).update(
            total=message.total, progress=message.index - 1
        )
        self.query_one("#loading-label", Label).update(
            f"{message.index}/{message.total} · {message.name}"
        )

    @on(LoadFailed)
    def show_failure(self, message: LoadFailed) -> None:
        self.exit(message=message.error, return_code=2)

    @on(ComparisonLoaded)
    def show_comparison(self, message: ComparisonLoaded) -> None:
        self.query_one("#loading").add_class("hidden")
        c = message.comparison
        first = c.periods[0]
        if c.kind in ("years", "actuals"):
            self.sub_title = f"{first.department or ''} · " + " / ".join(c.labels)
        else:
            self.sub_title = " / ".join(c.labels)
        self.view = CompareView(c, message.findings)
        self.mount(self.view, before=self.query_one(SearchBar))
        if not self.query_one(SearchBar).has_class("open"):  # keys typed there stay there
            self.call_after_refresh(self._focus_tree)
        self.call_after_refresh(self._run_pending)  # the keys typed while it loaded

    # -- keys typed ahead: queued until the comparison is shown, then run in order ------------
    def _view_ready(self) -> bool:
        return self.view is not None and self.view.ready

    def _later(self, call: Callable[[], None]) -> bool:
        """Queue ``call`` while the view is not shown yet (or earlier keys still wait)."""
        if self._running_pending or (self._view_ready() and not self._pending):
            return False
        self._pending.append(call)
        return True

    def _run_pending(self) -> None:
        if not self._view_ready():
            self.call_after_refresh(self._run_pending)  # its trees are being filled
            return
        self._running_pending = True
        try:
            while self._pending:
                self._pending.pop(0)()
        finally:
            self._running_pending = False

    def _focus_tree(self) -> None:
        """Focus what the active tab shows: a hidden widget keeping the focus would bring
        its tab back."""
        if self._later(self._focus_tree) or self.view is None:
            return
        tree = self.view.current_tree()
        if tree is not None:
            tree.focus()
        else:
            self.view.query_one("#claims-scroll").focus()

    def action_view(self, index: int) -> None:
        if self._later(lambda: self.action_view(index)) or self.view is None:
            return
        panes = [p.id for p in self.view.query("TabPane")]
        if 0 < index <= len(panes):
            self.view.query_one(TabbedContent).active = panes[index - 1] or ""
            self._focus_tree()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.BINDINGS))

    def action_search(self) -> None:
        self.query_one(SearchBar).open()  # at once: what is typed next lands in it
        self._in_tree_view()

    def _in_tree_view(self) -> None:
        if self._later(self._in_tree_view) or self.view is None:
            return
        if self.view.current_tree() is None:
            self.action_view(1)

    @on(Input.Changed, "#search")
    def search_as_typed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        if not self.query_text or self._search_queued:
            return  # a queued search looks for the query as typed by then
        if self._later(self._queued_search):
            self._search_queued = True
            return
        self._search(0)

    def _queued_search(self) -> None:
        self._search_queued = False
        if self.query_text:
            self._search(0)

    @on(Input.Submitted, "#search")
    def close_search(self) -> None:
        self.query_one(SearchBar).close()
        self._focus_tree()

    def action_search_next(self, step: int) -> None:
        if self._later(lambda: self.action_search_next(step)):
            return
        if not self.query_text:
            self.notify(_("按 / 搜索"))
            return
        self._search(step)

    def _search(self, step: int) -> None:
        """The next row (from the cursor; ``step`` 0 includes it) whose code starts with the
        query or whose name contains it."""
        if self.view is None:
            return
        query = self.query_text.casefold()
        # the tree shown first, then the other families' (a 302 code is 经济分类's)
        for tree in self.view.trees_from_current():
            nodes = list(tree.nodes())
            matches = [
                i
                for i, n in enumerate(nodes)
                if n.data is not None
                and (
                    n.data.key.casefold().startswith(query)
                    or query in (n.data.row.get("name") or "").casefold()
                )
            ]
            if matches:
                break
        else:
            self.notify(_("没有匹配：{query}").format(query=self.query_text), severity="warning")
            return
        if tree is not self.view.current_tree():
            self.view.show_tree(tree)
        here = nodes.index(tree.cursor_node) if tree.cursor_node in nodes else -1
        if step >= 0:
            start = here + (1 if step else 0)
            index = next((i for i in matches if i >= start), matches[0])
        else:
            index = next((i for i in reversed(matches) if i < here), matches[-1])
        tree.reveal(nodes[index])
        self.sub_title = f"/{self.query_text}: " + _("第 {n} 个，共 {total} 个").format(
            n=matches.index(index) + 1, total=len(matches)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # / on the help screen is not the views' search
        return not (action == "search" and len(self.screen_stack) > 1)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 120, "-narrow")
        self.set_class(self.size.height < 30, "-short")
