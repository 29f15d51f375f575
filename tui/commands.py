"""The command palette (Ctrl+P) offers every action of the app by name."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from core.i18n import _
from tui.bindings import describe


class ActionCommands(Provider):
    """One command per app binding: its description, with the key as help."""

    def _commands(self) -> list[tuple[str, str, str]]:
        out = []
        for binding in self.app.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                out.append((describe(binding), binding.action, binding.key))
        return out

    async def discover(self) -> Hits:
        for name, action, key in self._commands():
            yield DiscoveryHit(
                name, partial(self.app.run_action, action), help=_("按键 {key}").format(key=key)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, key in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.app.run_action, action),
                    help=_("按键 {key}").format(key=key),
                )
