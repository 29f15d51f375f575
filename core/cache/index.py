"""Where the parse cache lives and how an entry is named, and a cached package's meta read
from its manifest alone: no polars, so the app can name the department in its first frames
(the frames themselves are read by core.cache.store)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from core.reading.pages import sha256_of
from core.versions import PARSER_VERSION, SCHEMA_VERSION

MANIFEST = "manifest.json"
DEFAULT_CAP_MB = 512


def cache_dir() -> Path:
    """``$BUDGET_TUI_CACHE_DIR``, else platformdirs' user cache dir for budget-tui."""
    override = os.environ.get("BUDGET_TUI_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("budget-tui", appauthor=False))


def cap_bytes() -> int:
    try:
        return int(float(os.environ.get("BUDGET_TUI_CACHE_MAX_MB", DEFAULT_CAP_MB)) * 2**20)
    except ValueError:
        return DEFAULT_CAP_MB * 2**20


def entry_name(sha256: str) -> str:
    return f"{sha256}-p{PARSER_VERSION}-s{SCHEMA_VERSION}"


def cached_meta(path: Path) -> dict[str, object] | None:
    """The department, year and unit of a cached disclosure, from its manifest alone (no
    frame read): what an app can show in its first frames while the rest loads. None when
    the file is not cached (or not under this parser version)."""
    try:
        sha256 = sha256_of(path)
        manifest = json.loads((cache_dir() / entry_name(sha256) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    meta = manifest.get("meta") if isinstance(manifest, dict) else None
    return meta if isinstance(meta, dict) else None
