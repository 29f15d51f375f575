"""Is a table's reading complete? The self-check behind every ✗.

Every number printed inside a table's region on the page must end up in the parsed frame
(a value, a code, a 序号, a quantity) or in the table's header. A number that did not — a
row the parser skipped, a column it could not name, characters outside every cell — makes
the table *read incompletely*: the identities over it say nothing about the document, so
they are reported as ``parse`` findings, never as errors (see ``core.rules.reconcile``).

The comparison is a multiset of values, so it does not depend on how a family parser walks
its cells: a number printed twice must be placed twice.
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

import polars as pl

from core.model import PrintedNumber as PrintedNumber
from core.model import TableCoverage as TableCoverage
from core.tables.cells import clean_text, is_classified, parse_amount

BBox = tuple[float, float, float, float]
CLASSIFIED = "**"
_CENT = Decimal("0.01")
_AS_TEXT = "\x00"  # the key of digits too long for money, held as text
# Columns a parser derives rather than reads off the page.
_DERIVED = {"page", "level", "redacted", "classified"}


def numbers_in_cell(raw: str | None) -> list[str]:
    """The numbers a cell prints: one, its wrapped lines joined ("1174" / "5.92"), or one per
    line where a merged cell stacks several amounts; none for a text cell."""
    if not raw or not raw.strip():
        return []
    joined = clean_text(raw).replace(" ", "")
    if is_classified(joined) or _figure(joined):
        return [joined]
    lines = [line.strip().replace(" ", "") for line in raw.splitlines() if line.strip()]
    if len(lines) > 1 and all(is_classified(line) or _figure(line) for line in lines):
        return lines
    return []


def _figure(text: str) -> bool:
    """Printed as a figure: an amount, or digits beyond what money can be (counted as
    printed, so that the table names them as not read)."""
    amount = parse_amount(text)
    return amount.value is not None or amount.out_of_range


def looks_like_figure(text: str) -> bool:
    """A money figure, as opposed to a column number or a year: a decimal point or a
    thousands separator. A header row holding one is a body row read as header."""
    return ("." in text or "," in text) and parse_amount(text).value is not None


def key_of(text: str) -> Decimal | str | None:
    """The value a printed number is compared by: classified marks alike, amounts at the
    frame's precision (a figure printed to 6 decimals is held to 2)."""
    if is_classified(text):
        return CLASSIFIED
    value = parse_amount(text).value
    if value is None:
        return None
    return _quantise(value)


def _quantise(value: Decimal) -> Decimal:
    try:
        return value.quantize(_CENT, rounding=ROUND_HALF_EVEN)
    except InvalidOperation:  # pragma: no cover - beyond Decimal's precision
        return value


def _code_pieces(code: str) -> list[str]:
    """A code is printed whole (2010101) or split over 类/款/项 columns (201 · 01 · 01)."""
    return [code, code[:3], code[3:5], code[5:7]]


def placed_keys(frames: list[pl.DataFrame]) -> Counter[Decimal | str]:
    """Every value the frames hold, as comparison keys."""
    keys: Counter[Decimal | str] = Counter()
    for frame in frames:
        for column in frame.columns:
            if column in _DERIVED:
                continue
            dtype = frame.schema[column]
            values = frame[column].drop_nulls().to_list()
            if isinstance(dtype, pl.Decimal):
                keys.update(_quantise(v) for v in values)
            elif dtype == pl.String:
                for text in values:
                    pieces = _code_pieces(text) if text.isdigit() and len(text) >= 3 else [text]
                    # every piece counts, twice if printed twice (2019999: 201 · 99 · 99)
                    for piece in (p for p in pieces if p):
                        key = key_of(piece)
                        if key is not None:
                            keys[key] += 1
                        elif parse_amount(piece).out_of_range:
                            keys[_AS_TEXT + piece] += 1  # a long run of digits kept as text
            elif dtype.is_integer():
                keys.update(_quantise(Decimal(v)) for v in values)
        if "classified" in frame.columns:
            keys[CLASSIFIED] += sum(len(c or []) for c in frame["classified"].to_list())
    return keys


def unplaced(printed: list[PrintedNumber], frames: list[pl.DataFrame]) -> list[PrintedNumber]:
    """The printed numbers the frames do not hold (each placed value absorbs one print)."""
    available = placed_keys(frames)
    missing: list[PrintedNumber] = []
    for number in printed:
        if parse_amount(number.text).out_of_range:
            # beyond money: placed only where a text column holds it as printed (a long
            # numeric code), else named where it is printed
            if available[_AS_TEXT + number.text] > 0:
                available[_AS_TEXT + number.text] -= 1
            else:
                missing.append(number)
            continue
        key = key_of(number.text)
        if key is None:
            continue
        if available[key] > 0:
            available[key] -= 1
        else:
            missing.append(number)
    return missing


def decimals_printed(printed: list[PrintedNumber]) -> int | None:
    """The most decimals any amount of the table prints: 0 for a whole-yuan table."""
    places = [
        len(n.text.split(".", 1)[1]) if "." in n.text else 0
        for n in printed
        if parse_amount(n.text).value is not None
    ]
    return max(places) if places else None
