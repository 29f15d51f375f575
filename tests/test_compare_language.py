"""The compare view speaks the reader's language too: driven through each of its tabs with a
row selected, no column id reaches the screen (file names aside)."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_REAL
from tests.test_tui_language import COLUMN_ID, screen_text
from tui.compare.compare_app import CompareApp

JS = [
    SHARED_REAL / "jiangsu_party_office_2017_budget_tables.pdf",
    SHARED_REAL / "jiangsu_party_office_2018_budget_tables.pdf",
]
NAMES = " ".join(p.name for p in JS)


def without_file_names(text: str) -> str:
    """The text with each word that is (a wrapped piece of) an opened file's name removed."""
    return " ".join(w for w in text.split() if len(w) < 4 or w not in NAMES)


@pytest.mark.real
@pytest.mark.asyncio
@pytest.mark.skipif(not JS[0].exists(), reason="the real PDFs are not beside the repo")
async def test_no_column_id_in_any_compare_tab() -> None:
    app = CompareApp(JS)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.view is not None and app.view.is_mounted:
                break
        await pilot.pause(0.2)
        texts = []
        for tab in "12345":
            await pilot.press(tab, "down", "down")
            await pilot.pause(0.2)
            texts.append(screen_text(app))  # type: ignore[arg-type]
        assert "2017" in texts[0] and "Δ%" in texts[0]
        for text in texts:
            shown = without_file_names(text)
            assert not COLUMN_ID.search(shown), COLUMN_ID.findall(shown)
