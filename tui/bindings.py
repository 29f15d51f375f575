"""Key bindings in the reader's language: descriptions are Chinese msgids (marked with N_),
translated when an app or screen is built, so ``--lang`` chosen after import still applies."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from core.i18n import N_, _

# Textual's own bindings shown on screen, in our words
TEXTUAL_DESCRIPTIONS = {"command_palette": N_("命令"), "app.command_palette": N_("命令")}


def describe(binding: Binding) -> str:
    """What a binding does, translated."""
    if binding.action in TEXTUAL_DESCRIPTIONS:
        return _(TEXTUAL_DESCRIPTIONS[binding.action])
    return _(binding.description) if binding.description else ""


def translate_bindings(node: DOMNode) -> None:
    """Replace each binding of ``node`` by one whose description is translated."""
    keys = node._bindings.key_to_bindings
    for key, bindings in keys.items():
        keys[key] = [replace(b, description=describe(b)) for b in bindings]
