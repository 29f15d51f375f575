"""Shared fixtures: the bundled example parsed once, and rendered variants."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.i18n import set_language
from core.model import Disclosure
from core.parse import parse_pdf
from core.rules.reconcile import Reconciliation, reconcile
from tests.generator.render import render
from tests.generator.spec import Disclosure as Description

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingxiang_police_2024.pdf"
SHARED_REAL = ROOT.parent / "shared" / "real"


@pytest.fixture(autouse=True)
def chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in the default language, Chinese, whatever the machine's locale
    (and a test that chose English leaves no trace); subprocesses inherit BUDGET_TUI_LANG."""
    monkeypatch.setenv("BUDGET_TUI_LANG", "zh")
    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture(scope="session")
def seed() -> Disclosure:
    return parse_pdf(EXAMPLE)


@pytest.fixture(scope="session")
def seed_check(seed: Disclosure) -> Reconciliation:
    return reconcile(seed)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Description, str], Path]:
    folder = tmp_path_factory.mktemp("pdfs")

    def make(description: Description, name: str) -> Path:
        return render(description, folder / f"{name}.pdf")

    return make
