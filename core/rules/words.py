"""The checks of the words, on budgets and final accounts alike: what a reader sees at once
and no arithmetic catches.

- a placeholder left in (XX, ××, 某某, 〇〇): an error, with its page and words;
- doubled punctuation (。。，，): a warning;
- a year in a heading, or in a 截至 date, that is not the package's: an error. Only headings
  (a title line naming the 预算 or 决算, no sentence) and 截至 dates are held to the year,
  never the prose, which rightly speaks of the year before;
- a table the contents (目录) list that the package does not print: an error. A page that
  prints the title over "本表无数据" prints the table. A package whose tables are published
  as another file (``narrative_only``) is not held to its contents' tables.

Each finding is the document's: what the pages print, quoted with the page.
"""

from __future__ import annotations

import re

from core.i18n import _
from core.model import Disclosure
from core.rules.arithmetic import ZERO, Result, Term
from core.tables.cells import fold_radicals
from core.tables.meta import heading_years
from core.tables.recognition import match_title

TABLE = "words"

# XX / ×× / ＸＸ (not a code such as X101 or a Latin word), 某某, 〇〇 (not in a year
# written 二〇〇八)
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9])(?:[XＸ×]\s?){2,}(?![A-Za-z0-9])|某某|(?<![一二三四五六七八九〇零])〇〇(?![一二三四五六七八九〇零年])"
)
# the same full-width mark twice, or two marks that end a clause in a row (。，); adjacent
# only: a text layer that interleaves columns puts spaces between every character
_DOUBLED = re.compile(r"([。，、；：！？])\1|[。，；：][。，、；：]|、[。，；：]")
# 截至2025年12月31日 / 截止2021年底
_AS_OF = re.compile(r"(截至|截止)((?:19|20)\d{2})年[^，。；,]{0,8}")
_CONTENTS = re.compile(r"目\s*录")
_ORDINAL = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．]|附表\d+|表\d+)"
)
# a line of the contents: its title, then the dot leaders and the page number
_LEADERS = re.compile(r"[.．…·\s]{2,}\d*$|\d+$")
# a heading that names the whole group of tables, not one table
_GROUP = re.compile(r"^(?:预算单位|部门|单位)?(?:预算|决算)?(?:公开)?(?:报)?表$")
_FOLD = re.compile(r"[\s“”\"‘’'、,，.．·…—\-（）()：:]")


def _normal(text: str) -> str:
    return _FOLD.sub("", fold_radicals(text))


def _page_term(page: int) -> Term:
    return Term(TABLE, f"p.{page}", "", None, False, page)


def _finding(rule: str, page: int, status: str, message: str) -> Result:
    return Result(
        rule,
        TABLE,
        f"p.{page}",
        status,
        None,
        None,
        None,
        ZERO,
        message,
        [("page", _page_term(page))],
    )


def _excerpt(text: str, start: int, end: int, width: int = 8) -> str:
    return re.sub(r"\s+", " ", text[max(0, start - width) : end + width]).strip()


def _placeholders(d: Disclosure) -> list[Result]:
    results = []
    for page in d.prose:
        found = list(_PLACEHOLDER.finditer(page.text))
        if not found:
            continue
        shown = "、".join(f"“{_excerpt(page.text, m.start(), m.end())}”" for m in found[:5])
        more = _(" 等（共 {n} 处）").format(n=len(found)) if len(found) > 5 else ""
        results.append(
            _finding(
                "words_placeholder",
                page.page,
                "broken",
                _("第{page}页留有占位符：{words}{more}").format(
                    page=page.page, words=shown, more=more
                ),
            )
        )
    return results


def _doubled_punctuation(d: Disclosure) -> list[Result]:
    results = []
    for page in d.prose:
        found = list(_DOUBLED.finditer(page.text))
        if not found:
            continue
        shown = "、".join(f"“{_excerpt(page.text, m.start(), m.end())}”" for m in found[:5])
        results.append(
            _finding(
                "words_punctuation",
                page.page,
                "unverifiable",
                _("第{page}页标点重复：{words}").format(page=page.page, words=shown),
            )
        )
    return results


def _as_of_years(d: Disclosure, year: int) -> set[int]:
    """The years a 截至 date may name: a budget's assets stand at the end of the year before
    (or early in its own year); a final account's at the end of its own year."""
    if d.meta.kind == "final":
        return {year, year + 1}
    return {year - 1, year}


def _wrong_years(d: Disclosure) -> list[Result]:
    year = d.meta.year
    if year is None:
        return []
    results = []
    allowed = _as_of_years(d, year)
    for page in d.prose:
        for said, line in heading_years(page.text):
            if said != year:
                results.append(
                    _finding(
                        "words_year",
                        page.page,
                        "broken",
                        _(
                            "第{page}页标题的年度 {said} 不是本套公开的年度 {year}：“{words}”"
                        ).format(page=page.page, said=said, year=year, words=line),
                    )
                )
        flat = re.sub(r"\s+", "", fold_radicals(page.text))
        for m in _AS_OF.finditer(flat):
            said = int(m.group(2))
            if said not in allowed:
                results.append(
                    _finding(
                        "words_year",
                        page.page,
                        "broken",
                        _(
                            "第{page}页{word}日期的年度 {said} 不合本套的年度 {year}：“{words}”"
                        ).format(
                            page=page.page, word=m.group(1), said=said, year=year, words=m.group(0)
                        ),
                    )
                )
    return results


def contents_entries(text: str) -> list[str]:
    """The tables a contents page lists, as printed (less ordinals, leaders, page numbers)."""
    entries = []
    for line in text.splitlines():
        flat = _LEADERS.sub("", re.sub(r"\s+", "", line))
        flat = _LEADERS.sub("", flat)
        ordinal = _ORDINAL.match(flat)
        if not ordinal or "部分" in flat:
            continue
        name = flat[ordinal.end() :]
        if re.sub(r"[（(][^）)]*[）)]$", "", name).endswith("表"):
            entries.append(name)
    return entries


def _missing_tables(d: Disclosure) -> list[Result]:
    if d.package_kind() == "narrative_only":
        return []  # its tables are another file's
    contents = [p for p in d.prose if _CONTENTS.search(p.text[:200])]
    if not contents:
        return []
    recognised = {t for t, pages in d.part_pages.items() if pages}
    department = _normal(d.meta.department or "") or "\0"
    results = []
    for listing in contents:
        printed = "".join(_normal(p.text) for p in d.prose if p.page != listing.page)
        printed += "".join(
            _normal(r.title or "") + "".join(_normal(c or "") for row in r.rows[:3] for c in row)
            for r in d.raw_tables
        )
        printed += "".join(_normal(title) for title in d.titles.values())
        for entry in contents_entries(listing.text):
            name = re.sub(r"^(?:19|20)\d{2}年度?", "", _normal(entry)).replace(department, "")
            name = re.sub(r"^(?:19|20)\d{2}年度?", "", name)
            if not name or _GROUP.match(name) or name in printed:
                continue
            titled = match_title(entry)
            if titled and titled[0] in recognised:
                continue  # its title printed in the grid, where the prose does not reach
            results.append(
                _finding(
                    "words_contents",
                    listing.page,
                    "broken",
                    _("第{page}页目录列出的“{title}”未见印出").format(
                        page=listing.page, title=entry
                    ),
                )
            )
    return results


def reconcile_words(d: Disclosure) -> list[Result]:
    return _placeholders(d) + _doubled_punctuation(d) + _wrong_years(d) + _missing_tables(d)
