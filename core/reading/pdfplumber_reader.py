"""The reference page reader: pdfplumber (pdfminer) interprets each page's content stream.
Slower than PDFium by an order of magnitude, kept behind ``--reader pdfplumber`` as the
reading the PDFium reader is checked against (tests/test_reader_differential.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.errors import BudgetInputError
from core.reading.layout import layout_page
from core.reading.pages import PAGE_DAMAGED, PAGE_OBJECTS, PageContent, PageObjects, PageReader


class _DamageLog(logging.Handler):
    """pdfminer logs, rather than raises, when a page's content stream is damaged (it reads
    up to the damage: "Data-loss while decompressing corrupted data"). Those messages are
    how a page that was read only in part is told from a whole one."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.damage: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "data-loss" in message.lower() or "corrupt" in message.lower():
            self.damage.append(message)


# pdfminer's messages never reach the user (they get our one-line verdict instead); the
# damage ones are kept for the page being read.
_DAMAGE = _DamageLog()
_PDFMINER = logging.getLogger("pdfminer")
_PDFMINER.setLevel(logging.WARNING)
_PDFMINER.propagate = False
_PDFMINER.addHandler(_DAMAGE)


def _open(path: Path) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree to be read
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise BudgetInputError(f"{path.name}: the PDF is encrypted; decrypt it first") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise BudgetInputError(f"{path.name}: the PDF is truncated or corrupt ({exc})") from exc
    except Exception as exc:  # pdfminer raises a wide variety on damaged files
        # pdfplumber wraps pdfminer's errors in PdfminerException(original)
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError) or any(
            w in repr(inner).lower() for w in ("encrypt", "password")
        ):
            raise BudgetInputError(f"{path.name}: the PDF is encrypted; decrypt it first") from exc
        if isinstance(inner, PDFSyntaxError | PSException):
            raise BudgetInputError(
                f"{path.name}: the PDF is truncated or corrupt ({inner!r})"
            ) from exc
        raise BudgetInputError(f"{path.name}: the PDF cannot be read ({inner!r})") from exc
    if pdf.doc.encryption is not None:
        pdf.close()
        raise BudgetInputError(f"{path.name}: the PDF is encrypted; decrypt it first")
    if not pdf.pages:
        pdf.close()
        raise BudgetInputError(f"{path.name}: the PDF has no pages")
    return pdf


class PdfplumberReader:
    """Pages of one PDF read through pdfplumber."""

    name = "pdfplumber"

    def __init__(self, path: Path, surveyor: Callable[[Path], PageReader] | None = None) -> None:
        self.path = path
        self.pdf = _open(path)
        self.total = len(self.pdf.pages)
        self._open_surveyor = surveyor  # PDFium, for the prose pages
        self._surveyor: Any = None

    def __len__(self) -> int:
        return self.total

    def close(self) -> None:
        self.pdf.close()
        if self._surveyor:
            self._surveyor.close()

    def survey(self, number: int) -> PageContent | None:
        """Pages without rulings are surveyed by PDFium here too (the reference reading
        is of the tables); every page is read whole if PDFium cannot open the file."""
        if self._surveyor is None:
            try:
                self._surveyor = self._open_surveyor(self.path) if self._open_surveyor else False
            except Exception:
                self._surveyor = False
            if self._surveyor and self._surveyor.total != self.total:
                self._surveyor.close()  # a damaged page tree: its page N is another page
                self._surveyor = False
        if not self._surveyor:
            return None
        try:
            content: PageContent | None = self._surveyor.survey(number)
        except Exception:
            return None
        return content

    def stand_in(self, number: int, total: int) -> PageContent | None:
        """Page ``number`` of a reader that counts ``total`` pages: every leaf of the page
        tree, where pdfminer skips a leaf that is no page (a damaged page object), so its
        page N may be another reader's page N+1. None where the two cannot be matched, or
        the page is one pdfminer does not see."""
        if total == self.total:
            return self.read(number)
        leaves = self._leaves()
        if len(leaves) != total or leaves[number - 1] is None:
            return None
        ids = [page.page_obj.pageid for page in self.pdf.pages]
        if leaves[number - 1] not in ids:
            return None
        content = self.read(ids.index(leaves[number - 1]) + 1)
        content.page, content.total = number, total
        for fragment in content.fragments:
            fragment.page = number
        return content

    def _leaves(self) -> list[int | None]:
        """The object number of each leaf of the page tree, in order; None for a leaf that
        is no page."""
        from pdfminer.pdftypes import PDFObjRef, resolve1
        from pdfminer.psparser import LIT

        leaves: list[int | None] = []
        seen: set[int] = set()

        def walk(node: object) -> None:
            objid = node.objid if isinstance(node, PDFObjRef) else None
            if objid is not None and objid in seen:
                return
            if objid is not None:
                seen.add(objid)
            try:
                value = resolve1(node)
            except Exception:
                value = None
            kind = value.get("Type") if isinstance(value, dict) else None
            if isinstance(value, dict) and kind is LIT("Pages") and "Kids" in value:
                for child in resolve1(value["Kids"]) or []:
                    walk(child)
            else:
                leaves.append(objid if kind is LIT("Page") else None)

        try:
            walk(self.pdf.doc.catalog["Pages"])
        except Exception:
            return []
        return leaves

    def read(self, number: int) -> PageContent:
        _DAMAGE.damage.clear()
        try:
            page = self.pdf.pages[number - 1]
        except Exception:  # pdfminer cannot make the page: it is this page's
            return PageContent(number, self.total, error=PAGE_OBJECTS)
        try:
            # Only what lies wholly on the page counts: some producers leave hidden copies of
            # a table far outside the page box.
            on_page = page.within_bbox(page.bbox)
            objects = PageObjects(chars=on_page.chars, edges=on_page.edges, bbox=page.bbox)
            content = layout_page(objects, number, self.total)
            if _DAMAGE.damage:
                content.error = PAGE_DAMAGED
            return content
        except BudgetInputError:
            raise
        except Exception:  # a damaged content stream: name the page, read the others
            return PageContent(number, self.total, error=PAGE_OBJECTS)
        finally:
            page.close()  # pdfplumber caches per page (#1339)
