"""Bad input gets one clear line on stderr, exit code 2, no traceback, no output file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from tests.conftest import EXAMPLE
from tests.generator.render import FONT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parent.parent,
    )


def _make(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.pdf"
    if kind == "not_a_pdf":
        path.write_text("just some text, not a PDF")
    elif kind == "truncated":
        path.write_bytes(EXAMPLE.read_bytes()[:40_000])
    elif kind == "encrypted":
        c = Canvas(str(path), encrypt="secret")
        c.drawString(50, 700, "x")
        c.save()
    elif kind == "scanned":
        c = Canvas(str(path))
        c.rect(50, 50, 400, 600, fill=1)  # an image-like page: no text layer
        c.save()
    elif kind == "not_a_budget":
        c = Canvas(str(path))
        c.setFont(FONT, 12)
        c.drawString(50, 700, "这是一封普通的信，没有预算表。")
        c.save()
    elif kind == "empty_file":
        path.write_bytes(b"")
    return path


EXPECTED = {
    "not_a_pdf": "not a PDF file",
    "truncated": "truncated or corrupt",
    "encrypted": "encrypted",
    "scanned": "no text layer",
    "not_a_budget": "no budget table found",
    "empty_file": "not a PDF file",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["check", "export"])
def test_bad_input_one_line_exit_2(kind: str, command: str, tmp_path: Path) -> None:
    path = _make(kind, tmp_path)
    out = tmp_path / "out.json"
    args = [command, str(path)] + (["-o", str(out)] if command == "export" else [])
    result = _run(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("budget-tui: ") and EXPECTED[kind] in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [path]  # nothing half-written beside it


def test_missing_file(tmp_path: Path) -> None:
    result = _run("check", str(tmp_path / "nope.pdf"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"budget-tui: {tmp_path / 'nope.pdf'}: no such file"
