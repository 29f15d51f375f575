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
    stage: str = "reading"


@dataclass
class DisclosureLoaded(Message):
    """The disclosure as parsed so far (``partial``: more pages still to come), or whole."""

    disclosure: Disclosure
    reconciliation: Reconciliation
    partial: bool = False


@dataclass
class LoadFailed(Message):
    error: str


@dataclass
class DepartmentChosen(Message):
    """Enter on a department of a dataset: open its disclosure (rebuilt from the dataset)."""

    sha256: str
    path: str
