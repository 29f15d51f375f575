"""The parse cache (core.cache.store) and the parallel page readers: a second open skips pdfplumber,
a damaged or foreign entry is rebuilt, an unwritable cache only costs speed, and the
parallel parse is the serial parse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.cache import store as cache
from core.export import to_json_text
from core.model import Disclosure
from core.parse import parse_pdf
from tests.conftest import EXAMPLE, ROOT
from tests.generator import variants as V
from tests.generator.seed import seed_disclosure


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("BUDGET_TUI_CACHE_DIR", str(root))
    return root


@pytest.fixture
def counted_parse(monkeypatch: pytest.MonkeyPatch, seed: Disclosure) -> list[Path]:
    """Replace pdfplumber's work by the session's parsed seed, counting the calls."""
    calls: list[Path] = []

    def fake_parse(path: Path, progress=None, **_: object) -> Disclosure:  # type: ignore[no-untyped-def]
        calls.append(path)
        return seed

    monkeypatch.setattr(cache, "parse_pdf", fake_parse)
    return calls


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.generator.render import render

    doc = V.keep_parts(seed_disclosure(), "收支总表", "支出总表", "基本支出")
    return render(doc, tmp_path_factory.mktemp("small") / "small.pdf")


def _entry(root: Path) -> Path:
    (entry,) = [p for p in root.iterdir() if not p.name.startswith(".")]
    return entry


def test_second_open_skips_pdfplumber(cache_root: Path, counted_parse: list[Path]) -> None:
    first = cache.open_disclosure(EXAMPLE)
    second = cache.open_disclosure(EXAMPLE)
    assert len(counted_parse) == 1
    assert to_json_text(second) == to_json_text(first)
    entry = _entry(cache_root)
    assert entry.name == cache.entry_name(first.meta.sha256)
    assert (entry / "manifest.json").exists() and (entry / "expenditure.parquet").exists()


def test_round_trip_is_exact(cache_root: Path, seed: Disclosure) -> None:
    assert cache.store(seed)
    loaded = cache.load(EXAMPLE)
    assert loaded is not None
    assert to_json_text(loaded) == to_json_text(seed)
    assert loaded.raw_tables == seed.raw_tables and loaded.prose == seed.prose
    assert loaded.printed_columns == seed.printed_columns


@pytest.mark.parametrize("damage", ["truncated_parquet", "garbage_manifest", "missing_table"])
def test_a_damaged_entry_is_rebuilt(
    cache_root: Path, counted_parse: list[Path], seed: Disclosure, damage: str
) -> None:
    cache.store(seed)
    entry = _entry(cache_root)
    if damage == "truncated_parquet":
        data = (entry / "expenditure.parquet").read_bytes()
        (entry / "expenditure.parquet").write_bytes(data[: len(data) // 2])
    elif damage == "garbage_manifest":
        (entry / "manifest.json").write_text("{not json", "utf-8")
    else:
        (entry / "income.parquet").unlink()
    assert cache.load(EXAMPLE) is None
    d = cache.open_disclosure(EXAMPLE)
    assert len(counted_parse) == 1  # parsed again, never trusted
    assert to_json_text(d) == to_json_text(seed)
    assert cache.load(EXAMPLE) is not None  # and the entry rewritten whole


def test_another_parser_version_is_a_miss(
    cache_root: Path, seed: Disclosure, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.store(seed)
    entry = _entry(cache_root)
    manifest = json.loads((entry / "manifest.json").read_text("utf-8"))
    manifest["parser_version"] = "0.0.1"  # an entry left by an older parser in this folder
    (entry / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert cache.load(EXAMPLE) is None
    cache.store(seed)
    monkeypatch.setattr(cache, "PARSER_VERSION", "99.0")  # a newer parser looks elsewhere
    assert cache.load(EXAMPLE) is None


def test_an_unwritable_cache_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted_parse: list[Path]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BUDGET_TUI_CACHE_DIR", str(blocker / "cache"))
    assert cache.open_disclosure(EXAMPLE).meta.pages == 59
    assert cache.open_disclosure(EXAMPLE).meta.pages == 59
    assert len(counted_parse) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder(
    cache_root: Path, counted_parse: list[Path], seed: Disclosure
) -> None:
    cache_root.mkdir()
    cache_root.chmod(0o500)
    try:
        assert cache.store(seed) is False
        assert cache.open_disclosure(EXAMPLE).meta.pages == 59
    finally:
        cache_root.chmod(0o700)


def test_eviction_keeps_the_cache_under_its_cap(
    cache_root: Path, seed: Disclosure, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.store(seed)
    size = sum(e.bytes for e in cache.entries())
    old = _entry(cache_root)
    os.utime(old / "manifest.json", (1, 1))  # opened long ago
    newer = Disclosure(**{**seed.__dict__, "meta": type(seed.meta)(**{**seed.meta.__dict__})})
    newer.meta.sha256 = "f" * 64
    monkeypatch.setenv("BUDGET_TUI_CACHE_MAX_MB", str(1.5 * size / 2**20))
    cache.store(newer)
    names = [e.path.name for e in cache.entries()]
    assert names == [cache.entry_name("f" * 64)]  # the least recently used went


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT
    )


def test_two_processes_open_the_same_new_file_at_once(cache_root: Path, small_pdf: Path) -> None:
    env = {**os.environ, "BUDGET_TUI_CACHE_DIR": str(cache_root)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "check", str(small_pdf)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert outputs[0][0] == outputs[1][0]
    assert len(cache.entries(cache_root)) == 1
    assert not [p for p in cache_root.iterdir() if p.name.startswith(".partial")]
    assert cache.load(small_pdf) is not None
    again = _cli("check", str(small_pdf), env=env)
    assert again.stdout == outputs[0][0]


def test_cache_commands_and_no_cache(cache_root: Path, small_pdf: Path) -> None:
    env = {**os.environ, "BUDGET_TUI_CACHE_DIR": str(cache_root)}
    assert _cli("check", "--no-cache", str(small_pdf), env=env).returncode == 0
    assert cache.entries(cache_root) == []  # --no-cache neither reads nor writes
    _cli("check", str(small_pdf), env=env)
    info = _cli("cache", "info", env=env)
    assert info.returncode == 0 and "条目      1" in info.stdout and str(cache_root) in info.stdout
    cleared = _cli("cache", "clear", env=env)
    assert "删除 1 份缓存" in cleared.stdout
    assert cache.entries(cache_root) == []


def test_parallel_parse_is_the_serial_parse(small_pdf: Path, seed: Disclosure) -> None:
    """Worker processes deal pages round-robin; the result must not depend on it."""
    serial = parse_pdf(EXAMPLE, workers=1)
    assert to_json_text(serial) == to_json_text(seed)  # the session's seed used the default
    assert to_json_text(parse_pdf(small_pdf, workers=1)) == to_json_text(
        parse_pdf(small_pdf, workers=2)
    )


def test_partial_disclosures_arrive_before_the_whole(small_pdf: Path) -> None:
    partial: list[Disclosure] = []
    whole = parse_pdf(EXAMPLE, workers=2, on_partial=partial.append)
    assert 1 <= len(partial) <= 2
    assert partial[0].table("summary").height == whole.table("summary").height
    assert partial[0].table("projects").height < whole.table("projects").height
