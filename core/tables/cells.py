"""Reading one cell: its text joined across wrapped lines, and its amount."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# CJK Radicals Supplement / Kangxi radicals that producers emit for ordinary characters;
# NFKC folds the Kangxi block but not the supplement (field notes).
_RADICALS = str.maketrans(
    {
        "⻔": "门",
        "⻋": "车",
        "⻓": "长",
        "⻛": "风",
        "⻜": "飞",
        "⻢": "马",
        "⻅": "见",
        "⻉": "贝",
        "⻄": "西",
        "⻘": "青",
        "⻝": "食",
        "⻚": "页",
        "⻣": "骨",
        "⻤": "鬼",
        "⻥": "鱼",
        "⻦": "鸟",
        "⺠": "民",
        "⻩": "黄",
        "⻬": "齐",
        "⻮": "齿",
        "⻰": "龙",
        "⻳": "龟",
    }
)
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# Justified cells arrive spaced out ("因 公 出 国"): drop a space between two CJK characters.
_SPACED = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])")
_AMOUNT = re.compile(r"^[-−]?\d[\d,]*(\.\d+)?$")
# The most digits a printed figure has before its point: 10^15 元 is a thousand times the
# state's whole budget, and the largest figure of the published packages read so far is
# 371,514,655.00 元 (nine digits). The model's decimal (core.model.MONEY: 20 digits, 2 after
# the point) holds such a figure with three digits to spare, for sums of a thousand of them.
# A longer run of digits is no money: it is read as text and named where it is printed.
FIGURE_DIGITS = 15
_CLASSIFIED = re.compile(r"^\*{2,}$")


def _fold_char(ch: str) -> str:
    # Kangxi radicals and CJK compatibility ideographs only: NFKC on the whole text would also
    # turn the full-width punctuation of these documents （：，） into ASCII.
    if "\u2f00" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff":
        return unicodedata.normalize("NFKC", ch)
    return ch


def fold_radicals(text: str) -> str:
    text = text.translate(_RADICALS)
    if any("\u2f00" <= ch <= "\u2fdf" or "\uf900" <= ch <= "\ufaff" for ch in text):
        text = "".join(_fold_char(ch) for ch in text)
    return text


def clean_text(raw: str | None) -> str:
    """A cell's text as one string: wrapped lines joined without spaces."""
    if not raw:
        return ""
    text = fold_radicals(raw).replace("\n", "")
    text = _SPACED.sub("", text)
    return text.strip()


def clean_label(raw: str | None) -> str:
    """A header or title: also drop every space (``项 目`` is 项目)."""
    return re.sub(r"\s+", "", clean_text(raw))


@dataclass(frozen=True)
class Amount:
    """What a value cell says: a number, nothing, or classified (``**``)."""

    value: Decimal | None
    classified: bool = False
    text: str = ""
    # printed as a figure but beyond what money can be (more than FIGURE_DIGITS digits
    # before the point): kept as text, never a value
    out_of_range: bool = False

    @property
    def empty(self) -> bool:
        return self.value is None and not self.classified


# a page's number on a line of its own ("4", "-4-", "— 4 —", "第4页", and "1 0" where the
# producer spaced its digits): text read below a table or above the prose that is the
# page's folio, not a word of the note or a digit of the figure beside it
PAGE_FOLIO_LINE = re.compile(r"^\s*(?:第\s*)?[-—–]?\s*\d(?:\s?\d){0,2}\s*[-—–]?\s*(?:页)?\s*$")


def without_folio_lines(text: str) -> list[str]:
    """The lines of ``text`` less the page-number lines at its top and bottom."""
    lines = text.splitlines()
    while lines and PAGE_FOLIO_LINE.match(lines[0]):
        lines = lines[1:]
    while lines and PAGE_FOLIO_LINE.match(lines[-1]):
        lines = lines[:-1]
    return lines


def is_classified(text: str) -> bool:
    return bool(_CLASSIFIED.match(text.replace(" ", "")))


def parse_amount(raw: str | None) -> Amount:
    """Parse a value cell: "1174\\n5.92" → 11745.92; "**" → classified; "" → empty."""
    text = clean_text(raw).replace(" ", "")
    if not text or text in {"-", "—", "/"}:
        return Amount(None, False, text)
    if _CLASSIFIED.match(text):
        return Amount(None, True, text)
    text = text.replace("−", "-")
    if _AMOUNT.match(text):
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only decimals
            return Amount(None, False, text)
        if not fits(value):
            return Amount(None, False, text, out_of_range=True)
        return Amount(value, False, text)
    return Amount(None, False, text)


def fits(value: Decimal) -> bool:
    """Whether ``value`` can be money: finite, at most FIGURE_DIGITS digits before the point."""
    return value.is_finite() and (value.is_zero() or value.adjusted() < FIGURE_DIGITS)


def looks_like_amount(raw: str | None) -> bool:
    a = parse_amount(raw)
    return a.value is not None or a.classified


_SPILLED = re.compile(rf"^([{_CJK}（）()]+)\s*([-−]?\d[\d,]*(?:\.\d+)?)$")


def spilled_name(raw: str | None) -> tuple[str, str] | None:
    """A long name overflowing into the amount cell beside it ("缴费支出43608.96",
    "出 1090.22"): the name's tail and the amount, or None where the cell is no such spill."""
    m = _SPILLED.match(clean_text(raw).strip())
    return (m.group(1), m.group(2)) if m else None


def digits(raw: str | None) -> str:
    """Only the digits of a cell: functional codes wrap too ("2040" / "201")."""
    return re.sub(r"\D", "", clean_text(raw))


def normalise_display(text: str) -> str:
    """Replace East-Asian ambiguous-width punctuation that terminals disagree on."""
    return (
        text.replace("“", '"')
        .replace("”", '"')
        .replace("‘", "'")
        .replace("’", "'")
        .replace("…", "...")
        .replace("—", "-")
        .replace("·", ".")
    )
