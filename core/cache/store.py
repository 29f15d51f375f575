"""The parse cache: a parsed disclosure kept as Parquet frames plus a JSON manifest.

An entry lives in ``<user cache dir>/budget-tui/<sha256>-p<parser version>-s<schema version>``,
so a changed file or a new parser never meets an old entry. Entries are written into a temp
folder and renamed into place, so a reader sees a whole entry or none. Anything odd about an
entry (a garbage manifest, a truncated Parquet file, another version, a missing table) makes it
a miss: the file is parsed again and the entry rewritten. A cache that cannot be written (a
read-only folder, a full disk) only means the next open parses again.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import polars as pl

from core.cache.index import (
    DEFAULT_CAP_MB as DEFAULT_CAP_MB,
)
from core.cache.index import (
    MANIFEST,
    cache_dir,
    cap_bytes,
    entry_name,
    sha256_of,
)
from core.cache.index import cached_meta as cached_meta
from core.model import (
    OPTIONAL_TABLES,
    PARSER_VERSION,
    ROW_TAIL,
    SCHEMA_VERSION,
    TABLE_COLUMNS,
    Disclosure,
    Meta,
    ProsePage,
    RawTable,
)
from core.parse import Progress, parse_pdf
from core.reading.readers import DEFAULT_READER
from core.tables.coverage import PrintedNumber, TableCoverage

# -- reading ---------------------------------------------------------------------------------


def _valid_frame(table_id: str, frame: pl.DataFrame) -> bool:
    if table_id not in TABLE_COLUMNS:
        return False
    expected = {**TABLE_COLUMNS[table_id], **ROW_TAIL}
    return all(frame.schema.get(name) == dtype for name, dtype in expected.items())


def load(path: Path, sha256: str | None = None) -> Disclosure | None:
    """The cached disclosure of ``path``, or None when there is no whole, current entry."""
    sha256 = sha256 or sha256_of(path)
    entry = cache_dir() / entry_name(sha256)
    try:
        manifest = json.loads((entry / MANIFEST).read_text("utf-8"))
        if (
            manifest.get("parser_version") != PARSER_VERSION
            or manifest.get("schema_version") != SCHEMA_VERSION
            or manifest.get("sha256") != sha256
        ):
            return None
        tables: dict[str, pl.DataFrame] = {}
        for table_id in manifest["tables"]:
            frame = pl.read_parquet(entry / f"{table_id}.parquet")
            if not _valid_frame(table_id, frame):
                return None
            tables[table_id] = frame
        if any(t not in tables for t in TABLE_COLUMNS if t not in OPTIONAL_TABLES):
            return None
        disclosure = from_manifest(manifest, tables)
        disclosure.meta.source = path.name  # the same bytes may be opened under another name
    except Exception:
        return None
    with contextlib.suppress(OSError):  # a read-only cache still serves
        os.utime(entry / MANIFEST)  # most recently used: evicted last
    return disclosure


def from_manifest(manifest: dict[str, Any], tables: dict[str, pl.DataFrame]) -> Disclosure:
    """The disclosure a manifest (see :func:`manifest_of`) and its table frames describe."""
    return Disclosure(
        Meta(**manifest["meta"]),
        tables,
        [RawTable(r["title"], r["pages"], r["rows"]) for r in manifest["raw_tables"]],
        dict(manifest["notes"]),
        [ProsePage(p, text) for p, text in manifest["prose"]],
        {k: list(v) for k, v in manifest["part_pages"].items()},
        {k: list(v) for k, v in manifest["printed_columns"].items()},
        coverage={
            c["table"]: TableCoverage(
                c["table"],
                list(c["pages"]),
                int(c["printed"]),
                [PrintedNumber(*n) for n in c["unplaced"]],
            )
            for c in manifest["coverage"]
        },
        unreadable={int(k): str(v) for k, v in manifest["unreadable"].items()},
        precision={k: int(v) for k, v in manifest["precision"].items()},
        titles={k: str(v) for k, v in manifest.get("titles", {}).items()},
    )


# -- writing ---------------------------------------------------------------------------------


def manifest_of(d: Disclosure) -> dict[str, Any]:
    return {
        "parser_version": PARSER_VERSION,
        "schema_version": SCHEMA_VERSION,
        "sha256": d.meta.sha256,
        "written": time.time(),
        "meta": asdict(d.meta),
        "tables": sorted(d.tables),
        "raw_tables": [{"title": r.title, "pages": r.pages, "rows": r.rows} for r in d.raw_tables],
        "notes": d.notes,
        "prose": [[p.page, p.text] for p in d.prose],
        "part_pages": d.part_pages,
        "titles": d.titles,
        "printed_columns": d.printed_columns,
        "coverage": [
            {
                "table": c.table,
                "pages": c.pages,
                "printed": c.printed,
                "unplaced": [[n.text, n.page, n.x, n.y] for n in c.unplaced],
            }
            for c in d.coverage.values()
        ],
        "unreadable": {str(k): v for k, v in d.unreadable.items()},
        "precision": d.precision,
    }


def store(d: Disclosure) -> bool:
    """Write ``d`` into the cache; False when the cache cannot be written (no harm done)."""
    root = cache_dir()
    target = root / entry_name(d.meta.sha256)
    tmp: Path | None = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".partial-", dir=root))
        for table_id, frame in d.tables.items():
            frame.write_parquet(tmp / f"{table_id}.parquet")
        # the manifest last: an entry without one is never read
        (tmp / MANIFEST).write_text(json.dumps(manifest_of(d), ensure_ascii=False), "utf-8")
        try:
            os.rename(tmp, target)
        except OSError:
            if not (target / MANIFEST).exists():
                shutil.rmtree(target, ignore_errors=True)  # a damaged entry: replace it
                os.rename(tmp, target)
            # else another process stored the same file first: theirs is as good as ours
        evict(root, cap_bytes())
        return True
    except OSError:
        return False
    finally:
        if tmp is not None and tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.iterdir() if f.is_file())


@dataclass
class Entry:
    path: Path
    bytes: int
    used: float  # the manifest's mtime: written or last opened


def entries(root: Path | None = None) -> list[Entry]:
    root = root or cache_dir()
    if not root.is_dir():
        return []
    found: list[Entry] = []
    for folder in root.iterdir():
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        manifest = folder / MANIFEST
        used = manifest.stat().st_mtime if manifest.exists() else 0.0
        found.append(Entry(folder, _size(folder), used))
    return found


def evict(root: Path, cap: int) -> list[Path]:
    """Remove the least recently used entries until the cache fits ``cap`` bytes."""
    removed: list[Path] = []
    current = sorted(entries(root), key=lambda e: e.used)
    total = sum(e.bytes for e in current)
    for entry in current:
        if total <= cap:
            break
        shutil.rmtree(entry.path, ignore_errors=True)
        total -= entry.bytes
        removed.append(entry.path)
    return removed


def clear() -> int:
    """Remove every entry (and leftovers of interrupted writes); the number removed."""
    root = cache_dir()
    if not root.is_dir():
        return 0
    n = 0
    for folder in root.iterdir():
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            n += not folder.name.startswith(".")
    return n


# -- the one entry point the app and the commands use ---------------------------------------


def open_disclosure(
    path: Path,
    progress: Progress | None = None,
    use_cache: bool = True,
    on_partial: Callable[[Disclosure], None] | None = None,
    reader: str = DEFAULT_READER,
) -> Disclosure:
    """The parsed disclosure of ``path``: from the cache when a current entry exists, else
    parsed (and cached). Raises :class:`BudgetInputError` for bad input, as ``parse_pdf``.
    A reading by another reader than the default (the pdfplumber reference) is neither
    taken from the cache nor kept in it: the cache holds the default reader's readings."""
    path = Path(path)
    use_cache = use_cache and reader == DEFAULT_READER
    sha256 = None
    if use_cache and path.is_file():
        sha256 = sha256_of(path)
        cached = load(path, sha256)
        if cached is not None:
            return cached
        # an entry that would not load is damaged: make room for a whole one
        shutil.rmtree(cache_dir() / entry_name(sha256), ignore_errors=True)
    disclosure = parse_pdf(path, progress, on_partial=on_partial, sha256=sha256, reader=reader)
    if use_cache:
        store(disclosure)
    return disclosure
