"""Who published the package, for which year, in which unit: read off the pages.

Producers print the unit's name in many places — a table header with its code
("312 平乡县公安局 预算年度：2024 单位：万元"), a caption ("部门名称：…", "编制单位：…",
"部门（单位）：…", "507-湖州市卫生健康委员会"), a cell of a table
("部门名称 | 首都绿化委员会办公室") or the cover ("2026年度苏州市审计局部门预算公开").
Each place is a vote; the name printed most often wins, so one odd line of prose does not
name the package.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from core.reading.pages import PageContent
from core.tables.cells import clean_label, clean_text

# a code, then the unit's name; digits followed by 年 are a year ("2026年…编制单位：")
_HEADER = re.compile(
    r"(\d{3,9})(?![\d年])\s*([^\s\d：:]{2,40}?)\s*(?:预算年度|单位[：:]|截止|$)", re.M
)
_YEAR = re.compile(r"预算年度[：:]?\s*((?:19|20)\d{2})")
_UNIT = re.compile(r"单位[：:]\s*(万元|千元|元)")
_ANY_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")

_NAME = r"([\u4e00-\u9fa5（）()]{3,40}?)"
# an organisation's name ends like one (局, 委员会, 中心, 街道办事处 …), perhaps with （本级）
_ORG_END = re.compile(
    r"(?:局|委员会|委|厅|院|办公室|办|中心|室|会|所|部|处|站|馆|队|校|社|政府|街道|镇|乡|团|司|庭|台|园|场)"
    r"(?:（本级）|\(本级\))?$"
)
_CAPTIONS = (
    re.compile(
        r"(?:编制部门|编制单位|部门名称|单位名称|预算单位|预算主管部门|部门（单位）|部门|单位)"
        rf"[：:]\s*{_NAME}(?=\s|单位|金额|$)",
        re.M,
    ),
    re.compile(rf"^\s*\d{{2,6}}[-－]{_NAME}(?=\s+(?:金额)?单位[：:])", re.M),  # 507-湖州市…
)
_COVER = re.compile(
    rf"(?:(?:19|20)\d{{2}}年度?)?{_NAME}(?:(?:19|20)\d{{2}}年度?)?(?:部门|单位)(?:预算|决算)"
)
_NAME_CELLS = {"部门名称", "单位名称", "预算单位", "部门（单位）名称", "单位"}


def _org(name: str) -> str | None:
    name = name.strip()
    return name if _ORG_END.search(name) and not name.startswith(("年", "本")) else None


def department_votes(pages: list[PageContent]) -> Counter[str]:
    votes: Counter[str] = Counter()
    for page in pages:
        texts = [page.header, *(f.text_above for f in page.fragments)]
        if not page.fragments:
            texts.append(page.prose[:600])
        for text in texts:
            for pattern in _CAPTIONS:
                for m in pattern.finditer(text or ""):
                    if name := _org(m.group(1)):
                        votes[name] += 2
        for frag in page.fragments:
            for row in frag.rows:
                cells = [clean_label(c) for c in row if c and c.strip()]
                for label, value in itertools.pairwise(cells):
                    if label in _NAME_CELLS and (name := _org(value)):
                        votes[name] += 3
    for page in pages[:2]:
        # without spaces and page numbers ("- 1 -"), wherever the text layer put them
        cover = re.sub(r"[-—]\d+[-—]", "", re.sub(r"\s+", "", page.prose or page.header))
        found = _COVER.search(cover)
        if found and (name := _org(found.group(1))):
            votes[name] += 1
    return votes


_OWN_NAME = re.compile(r"((?:19|20)\d{2})年度?(?:部门|单位)(?:综合)?(?:预算|决算)")


# a heading: a title line naming the 预算 or 决算 (a table's, a part's, the package's), no
# sentence and no comparison; the year it names is the package's
_HEADING_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
_HEADING_END = re.compile(r"(?:表|说明|公开|情况|目录|概况)(?:[（(][^）)]{0,12}[）)])?$")
_NOT_HEADING = re.compile(
    r"[。，；,;：:]|(?:比|较|与|和|及|至|、)(?:上年|(?:19|20)\d{2})|相比|执行|结转|同期|上年|以前"
)
_KIND = re.compile(r"(预算|决算)")


def headings(text: str) -> list[str]:
    """The heading lines of a page's text, without their spaces."""
    out = []
    for line in (text or "").splitlines():
        flat = re.sub(r"\s+", "", line)
        if (
            4 < len(flat) <= 45
            and _KIND.search(flat)
            and _HEADING_END.search(flat)
            and not _NOT_HEADING.search(flat)
        ):
            out.append(flat)
    return out


def heading_years(text: str) -> list[tuple[int, str]]:
    """Each year a heading of ``text`` names, with the heading."""
    return [
        (int(year), line)
        for line in headings(text)
        for year in dict.fromkeys(_HEADING_YEAR.findall(line))
    ]


def _budget_year(pages: list[PageContent]) -> int | None:
    """预算年度：2024 where printed; else the year the headings name most (a heading counts
    three times a mention), then the cover's and titles' mentions."""
    for page in pages:
        m = _YEAR.search((page.header or "").replace("\n", ""))
        if m:
            return int(m.group(1))
    # the package names itself on its first page: "重庆市科学技术局 2026 年部门预算情况说明"
    for page in pages[:2]:
        named = _OWN_NAME.search(re.sub(r"\s+", "", (page.header or "") + (page.prose or "")[:400]))
        if named:
            return int(named.group(1))
    votes: Counter[int] = Counter()
    for page in pages:
        texts = [page.header, *(f.text_above for f in page.fragments), page.prose[:300]]
        for text in texts:
            votes.update(int(y) for y in _ANY_YEAR.findall(text or ""))
        for text in (page.prose, *(f.text_above for f in page.fragments)):
            for year, _line in heading_years(text):
                votes[year] += 3
    return votes.most_common(1)[0][0] if votes else None


def package_kind(pages: list[PageContent]) -> str:
    """ "final" when the package's headings speak of its 决算 more than of a 预算 (a 部门决算
    prints 一般公共预算财政拨款支出决算表: such a title is a 决算's), else "budget"."""
    votes: Counter[str] = Counter()
    for page in pages:
        for text in (page.prose, page.header, *(f.text_above for f in page.fragments)):
            for line in headings(text):
                votes["final" if "决算" in line else "budget"] += 1
    return "final" if votes["final"] > votes["budget"] else "budget"


def meta_from_pages(
    pages: list[PageContent],
) -> tuple[str | None, str | None, int | None, str | None]:
    """(department code, department, budget year, unit) as the pages print them."""
    code = name = unit = None
    for page in pages:
        text = page.header or ""
        if code is None:
            for line in text.splitlines():
                m = _HEADER.search(line)
                if m and ("预算年度" in line or "单位" in line or "截止" in line):
                    named = _org(m.group(2).lstrip("-－ "))
                    if named:  # digits before a unit's name: its code (not a year, not a 科目)
                        code, name = m.group(1), named
                        break
        if unit is None:
            header = clean_text(text.replace("\n", " ")).replace(" ", "")
            m = _UNIT.search(header)
            if m:
                unit = m.group(1)
        if code and unit:
            break
    if name is None:
        votes = department_votes(pages)
        name = votes.most_common(1)[0][0] if votes else None
    if code is None:
        for page in pages:
            m = re.search(r"^\s*(\d{2,6})[-－]" + re.escape(name or "\0"), page.header or "", re.M)
            if m:
                code = m.group(1)
                break
    return code, name, _budget_year(pages), unit
