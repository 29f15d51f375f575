"""Messages the app's worker and widgets exchange."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from core.model import Disclosure
from core.reconcile import Reconciliation


@dataclass
class ParseProgress(Message):
    page: int
    total: int


@dataclass
class DisclosureLoaded(Message):
    disclosure: Disclosure
    reconciliation: Reconciliation


@dataclass
class LoadFailed(Message):
    error: str
