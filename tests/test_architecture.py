"""core/ never imports the UI and reads in stages (import-linter's contracts in pyproject.toml:
dataset | packages > cache > parse | export > rules > tables > reading > model > labels |
errors | versions > i18n), with no circle between its modules and at most 8 at its top."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_core_does_not_import_textual() -> None:
    beside = Path(sys.executable).parent / "lint-imports"
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert exe, "import-linter is a test dependency"
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_no_circle_between_core_modules() -> None:
    """No two core modules import each other, however indirectly (a reader hands a page to
    the reference through the registry, not by importing it)."""
    import grimp

    graph = grimp.build_graph("core")
    modules = sorted(graph.modules)
    circles = [
        (a, b)
        for a in modules
        for b in graph.find_modules_directly_imported_by(a)
        if graph.chain_exists(importer=b, imported=a)
    ]
    assert len(modules) > 50
    assert circles == []


def test_core_top_holds_what_every_stage_shares() -> None:
    top = sorted(p.name for p in (ROOT / "core").glob("*.py"))
    assert len(top) <= 8, top
    stages = sorted(p.name for p in (ROOT / "core").iterdir() if (p / "__init__.py").exists())
    assert stages == ["cache", "dataset", "packages", "reading", "rules", "tables"]


def test_core_is_mypy_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "core"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_lint_and_format_clean() -> None:
    for args in (
        ["check", "core", "tui", "tests", "benchmarks"],
        ["format", "--check", "core", "tui", "tests", "benchmarks"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_app_paints_before_polars_and_the_readers_are_imported() -> None:
    """The first frame of a warm open comes before the heavy imports: tui.package.app and the
    command line import neither polars nor a PDF library (the load worker does)."""
    code = (
        "import sys, tui.cli, tui.package.app; "
        "print(sorted(m for m in ('polars', 'pdfplumber', 'pypdfium2', 'core.model') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
