"""The reader's language: Chinese first (the message ids are the Chinese text), English from
the standard gettext catalogue ``core/locale/en/LC_MESSAGES/budget_tui.mo``.

Core builds finding messages and the app builds labels through ``_()``; the language is chosen
once per process (``--lang``, else ``BUDGET_TUI_LANG``, else the locale's LANGUAGE/LC_ALL/
LC_MESSAGES/LANG), before anything is translated. Catalogues are kept with Babel
(babel.cfg; ``N_`` marks a label translated where it is shown):

    pybabel extract -F babel.cfg -k N_ --sort-by-file -o core/locale/budget_tui.pot .
    pybabel update -i core/locale/budget_tui.pot -d core/locale -D budget_tui
    (translate the new entries of core/locale/en/LC_MESSAGES/budget_tui.po)
    pybabel compile -d core/locale -D budget_tui

and the .mo ships with the package (pyproject package-data). tests/test_i18n.py fails when
a msgid has no English or the .mo is older than the .po.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "budget_tui"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("zh", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "zh"


def _from_environment() -> str:
    for name in ("BUDGET_TUI_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "en" if value.split(":")[0].lower().startswith("en") else "zh"
    return "zh"


def set_language(language: str | None = None) -> str:
    """Choose the language for this process (``zh`` or ``en``; None: from the environment)."""
    global _translation, _language
    chosen = (language or _from_environment()).lower()
    chosen = "en" if chosen.startswith("en") else "zh"
    _language = chosen
    _translation = (
        gettext.translation(DOMAIN, LOCALE_DIR, languages=["en"], fallback=True)
        if chosen == "en"
        else gettext.NullTranslations()
    )
    return chosen


def language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` (a Chinese msgid) into the chosen language."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only: tables of labels are translated where shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)
