"""Shared fixtures: the bundled example parsed once, and rendered variants."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from core.model import Disclosure
from core.parse import parse_pdf
from core.reconcile import Reconciliation, reconcile
from tests.generator.render import render
from tests.generator.spec import Disclosure as Description

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingxiang_police_2024.pdf"
SHARED_REAL = ROOT.parent / "shared" / "real"


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
