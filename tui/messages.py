"""Messages the app's worker and widgets exchange."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # the app's first frame comes before polars is imported
    import polars as pl

    from core.model import Disclosure
    from core.packages.compare import Comparison
    from core.rules.reconcile import Reconciliation


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
class FileProgress(Message):
    """One more file of several opened (the compare view's loading line)."""

    index: int
    total: int
    name: str


@dataclass
class ComparisonLoaded(Message):
    """Several packages read, grouped and compared; ``findings`` are the year-over-year
    claims checked across them."""

    comparison: Comparison
    findings: pl.DataFrame


@dataclass
class DepartmentChosen(Message):
    """Enter on a department of a dataset: open its disclosure (rebuilt from the dataset)."""

    sha256: str
    path: str
