"""Every claim the prose makes, recomputed from the figures it names.

Within one document: a share (“基本支出28016.26万元，占本年支出预算63.43%”), a change
(“44169.36万元，比2025年年初预算数44021.20万元增加148.16万元，增长0.34%”), a 其中 that
cannot exceed its whole (“8台，其中15台”), and a project's amount restated in the prose
against its row in the project table. Across years: a change the later year claims against
the figure the earlier year's document prints.

Tolerance is interval arithmetic over what is printed: a figure printed with d decimals stands
for v ± ½·10⁻ᵈ, a percentage likewise; a claim holds when the printed percentage's interval
meets the interval of the ratio the printed figures allow. Never a constant of ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from core.i18n import _
from core.model import Disclosure, ProsePage
from core.rules.arithmetic import ZERO, Result, Term, check_sum, term_of
from core.tables.cells import without_folio_lines
from core.tables.narrative import prose_stream

HUNDRED = Decimal(100)
# a figure as printed (thousands separators allowed), captured without its sign
_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WAN = r"万(?:[-—]\d{1,3}[-—])?元"  # a page footer may split 万元 over the break
_PCT = r"(\d+(?:\.\d+)?)%"

# "X万元，占<whole>的Y%": the whole named after 占 (maybe nothing: the 合计 before 其中)
_SHARE = re.compile(rf"{_NUM}{_WAN}[，,]?占([^\d%，。；]{{0,12}}?)的?{_PCT}")
# "…增加Δ万元，增长Y%" / "…减少Δ万元，下降Y%"
# (增幅 / 降幅 / 减幅 say the same: "减少Δ万元，降幅Y%")
# ("减少了1237.7万元，减少13.22%": the rate said with the amount's own word)
_CHANGE = re.compile(
    rf"(增加|减少)了?{_NUM}{_WAN}[，,]?(增长|下降|增幅|降幅|减幅|减少|增加)了?(?:幅度)?(?:为|是)?{_PCT}"
)
_FALLING = ("下降", "降幅", "减幅", "减少")
# the phrase that says what a change is against: 比上年 / 较2025年年初预算数 / 与上年相比 /
# 比上年执行数 (last year's outturn, not its budget)
_AGAINST = re.compile(r"(?:与|比|较)(上年|\d{4}年)(年初)?(预算|执行)?数?(?:相比)?")
_FIGURE = re.compile(rf"{_NUM}{_WAN}")
# "N台，其中M台": a part never more than its whole (the same unit, the 其中 right after it)
_OF_WHICH = re.compile(
    rf"{_NUM}(万元|台|辆|人|套|个|家)[，,]?其中[：:，,]?([^\d。；]{{0,30}}?){_NUM}\2"
)
_TOTAL_WORDS = ("合计", "总计", "总额")


def claim_stream(pages: list[ProsePage]) -> tuple[str, list[int]]:
    """The prose as one string (core.tables.narrative.prose_stream), without the page-number line
    at the top or bottom of each page."""
    cleaned = []
    for page in pages:
        # read into the prose, a page's number would glue itself to the figure beside it
        lines = without_folio_lines(page.text)
        cleaned.append(ProsePage(page.page, "\n".join(lines)))
    return prose_stream(cleaned)


def half_unit(printed: str) -> Decimal:
    """Half a unit of the last printed digit: "0.34" → 0.005, "75" → 0.5."""
    exponent = int(Decimal(printed.replace(",", "")).as_tuple().exponent)
    return Decimal(5).scaleb(exponent - 1)


def number(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def ratio_bounds(
    part: Decimal, part_half: Decimal, whole: Decimal, whole_half: Decimal
) -> tuple[Decimal, Decimal] | None:
    """The interval of part ÷ whole × 100 that printed figures ± their half-units allow;
    None when the whole may be zero (no share of nothing)."""
    low_whole, high_whole = whole - whole_half, whole + whole_half
    if low_whole <= 0 <= high_whole:
        return None
    corners = [
        (p / w) * HUNDRED
        for p in (part - part_half, part + part_half)
        for w in (low_whole, high_whole)
    ]
    return min(corners), max(corners)


def percent_result(
    rule: str,
    location: str,
    printed_pct: str,
    bounds: tuple[Decimal, Decimal],
    exact: Decimal,
    what: str,
    terms: list[tuple[str, Term]],
    severity_if_broken: str = "broken",
) -> Result:
    """A printed percentage against the interval its figures allow."""
    pct = number(printed_pct)
    half = half_unit(printed_pct)
    low, high = bounds
    places = Decimal(1).scaleb(Decimal(printed_pct).as_tuple().exponent)  # type: ignore[arg-type]
    rounded = exact.quantize(places, rounding=ROUND_HALF_UP)
    tolerance = half + max(exact - low, high - exact)
    truncated = exact.quantize(places, rounding=ROUND_DOWN) == pct
    if rounded == pct:
        status = "ok"
    elif pct + half >= low and pct - half <= high:
        status = "rounding"
    elif truncated:
        # cut off rather than rounded: a convention of the producer, not a wrong claim
        status = "rounding"
    else:
        status = severity_if_broken
    shown = exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    verb = {"ok": _("成立"), "rounding": _("在舍入范围内成立")}.get(status, _("不成立"))
    if truncated and rounded != pct:
        verb = _("成立（截尾而非四舍五入）")
    message = _("{what}{verb}：按所列数字计算为 {computed}%，文中为 {printed}%").format(
        what=what, verb=verb, computed=shown, printed=printed_pct
    )
    return Result(
        rule,
        "narrative_figures",
        location,
        status,
        exact,
        pct,
        pct - exact,
        tolerance,
        message,
        terms,
    )


@dataclass(frozen=True)
class Figure:
    value: Decimal
    printed: str
    start: int
    end: int


def _figures(text: str) -> list[Figure]:
    return [
        Figure(number(m.group(1)), m.group(1), m.start(), m.end()) for m in _FIGURE.finditer(text)
    ]


def _preceding(figures: list[Figure], position: int) -> Figure | None:
    before = [f for f in figures if f.end <= position]
    return before[-1] if before else None


def _whole_named(
    words: str, named: dict[str, tuple[Decimal, str, int]]
) -> tuple[Decimal, str, int] | None:
    """The whole a share names after 占, among the totals the prose quotes."""
    if "三公" in words:
        return named.get("three_public_total")
    if "支出" in words:
        return named.get("expenditure_total")
    if "收入" in words:
        return named.get("income_total")
    return None


def _named_totals(text: str, owner: list[int]) -> dict[str, tuple[Decimal, str, int]]:
    """The totals shares are taken of, as the prose prints them: (value, printed, page)."""
    patterns = {
        "expenditure_total": r"(?:本年)?支出预算(?:合计|总计)?(?:数)?(?:为)?",
        "income_total": r"(?:本年)?收入预算(?:合计|总计)?(?:数)?(?:为)?",
        "three_public_total": r"三公经费(?:支出)?预算(?:数)?(?:为|共计|共)?",
    }
    out: dict[str, tuple[Decimal, str, int]] = {}
    for key, words in patterns.items():
        # not a part's: 基本支出预算, 项目支出预算, 财政拨款支出预算, “三公”经费支出预算
        m = re.search(rf"(?<!基本)(?<!项目)(?<!拨款)(?<!经费){words}{_NUM}{_WAN}", text)
        if m:
            out[key] = (number(m.group(1)), m.group(1), owner[m.start(1)])
    return out


def _prose_term(key: str, value: Decimal, page: int | None) -> Term:
    return Term("narrative_figures", key, "value", value, False, page)


def share_claims(text: str, owner: list[int]) -> list[Result]:
    """Each “占 Y%” against part ÷ whole of the figures it names."""
    results: list[Result] = []
    named = _named_totals(text, owner)
    shares_of: dict[str, list[tuple[Result, str]]] = {}  # the whole as printed -> its shares
    for m in _SHARE.finditer(text):
        part_printed, words, pct = m.group(1), m.group(2), m.group(3)
        whole = _whole_named(words, named)
        if whole is None and not words.strip("的"):
            # "合计X万元，其中：A万元，占Y%": the whole is the 合计 the 其中 opens
            opening = text.rfind("其中", max(0, m.start() - 400), m.start())
            if opening < 0:
                continue
            head = re.search(rf"({'|'.join(_TOTAL_WORDS)}){_NUM}{_WAN}[，,]?$", text[:opening])
            if head is None:
                continue
            whole = (number(head.group(2)), head.group(2), owner[head.start(2)])
        if whole is None:
            continue
        whole_value, whole_printed, whole_page = whole
        part = number(part_printed)
        bounds = ratio_bounds(part, half_unit(part_printed), whole_value, half_unit(whole_printed))
        if bounds is None:
            continue
        page = owner[m.start()]
        location = f"{part_printed}万元 ÷ {whole_printed}万元"
        what = _("占比 {part} ÷ {whole} = {pct}%").format(
            part=part_printed, whole=whole_printed, pct=pct
        )
        results.append(
            percent_result(
                "prose_share",
                location,
                pct,
                bounds,
                part / whole_value * HUNDRED,
                what,
                [
                    ("part", _prose_term(location, part, page)),
                    ("total", _prose_term(location, whole_value, whole_page)),
                ],
            )
        )
        shares_of.setdefault(whole_printed, []).append((results[-1], pct))
    for shares in shares_of.values():
        balancing_remainder(shares)
    return results


def balancing_remainder(shares: list[tuple[Result, str]]) -> None:
    """Shares of one whole printed to add up to exactly 100%, one of them off by more than
    rounding: that one is the balancing remainder (100 − the others), a convention of
    the producer so that the shares add up, not a wrong claim (info)."""
    if len(shares) < 2:
        return
    printed = [number(pct) for _, pct in shares]
    if sum(printed) != HUNDRED:
        return
    broken = [r for r, _ in shares if r.status == "broken"]
    if len(broken) != 1:
        return
    r = broken[0]
    r.status = "rounding"
    r.message = _("{message}（各项占比合计恰为 100%，此项为 100% 减其余各项的余数）").format(
        message=r.message
    )


@dataclass(frozen=True)
class ChangeClaim:
    """“C万元，比上年（P万元）增加Δ万元，增长Y%” as printed."""

    current: Figure | None
    previous: Figure | None
    delta: Decimal  # signed
    delta_printed: str
    pct: str
    basis: str  # "budget", "execution" or "" (比上年: not said)
    start: int
    page: int
    current_page: int | None


def change_claims(text: str, owner: list[int]) -> list[ChangeClaim]:
    """Each 增加Δ万元，增长Y% with the figure it is a change of (the one printed just before
    its 比上年 phrase) and last year's figure where printed after that phrase."""
    figures = _figures(text)
    claims: list[ChangeClaim] = []
    for m in _CHANGE.finditer(text):
        if (m.group(1) == "减少") != (m.group(3) in _FALLING):
            continue  # 增加…下降: not one claim
        sign = -1 if m.group(1) == "减少" else 1
        window_start = max(0, m.start() - 150)
        phrases = list(_AGAINST.finditer(text, window_start, m.start()))
        current = previous = None
        basis = ""
        if phrases:
            a = phrases[-1]
            basis = {"执行": "execution", "预算": "budget"}.get(a.group(3) or "", "")
            if a.group(2) and basis == "":
                basis = "budget"  # 年初 (预算) is the budget as passed
            after = [f for f in figures if a.end() <= f.start and f.end <= m.start()]
            tail = text[after[-1].end if after else a.end() : m.start()]
            if len(after) <= 1 and len(tail) <= 25:
                previous = after[0] if after else None
                before = _preceding(figures, a.start())
                gap = text[before.end : a.start()] if before else ""
                changes_itself = before is not None and re.search(
                    r"(增加|减少|增长|下降|相比)$", text[max(0, before.start - 2) : before.start]
                )
                if (
                    before is not None
                    and len(gap) <= 40
                    and not changes_itself
                    and not re.search(r"(增加|减少|增长|下降|占)", gap)
                ):
                    current = before
                if previous is None and current is not None:
                    # the figure nearest the 较 phrase may be a sub-item's ("研究调研活动
                    # 166.02万元，主要包括：…培训49.72万元…。较上年增加28.46万元，增幅20.7%"):
                    # of the figures before it, the rate chooses the one it is a change of
                    current = _changed_figure(
                        [f for f in figures if window_start <= f.start and f.end <= a.start()],
                        current,
                        sign * number(m.group(2)),
                        m.group(4),
                    )
        claims.append(
            ChangeClaim(
                current,
                previous,
                sign * number(m.group(2)),
                m.group(2),
                m.group(4),
                basis,
                m.start(),
                owner[m.start()],
                owner[current.start] if current is not None else None,
            )
        )
    return claims


def _rate_holds(current: Decimal, delta: Decimal, pct: str) -> bool:
    previous = current - delta
    if previous <= 0:
        return False
    return abs(abs(delta) / previous * HUNDRED - number(pct)) <= half_unit(pct)


def _changed_figure(candidates: list[Figure], nearest: Figure, delta: Decimal, pct: str) -> Figure:
    """The nearest figure, unless the rate does not hold for it and holds for exactly one
    other figure before the phrase: the document's arithmetic reads the sentence."""
    if _rate_holds(nearest.value, delta, pct):
        return nearest
    holding = [f for f in candidates if f is not nearest and _rate_holds(f.value, delta, pct)]
    return holding[0] if len(holding) == 1 else nearest


def check_change(claim: ChangeClaim) -> list[Result]:
    """A change claim against its own figures: C − P = Δ where P is printed, and Y% = Δ ÷ P."""
    if claim.current is None:
        return []
    c = claim.current
    results: list[Result] = []
    sign = "-" if claim.delta < 0 else "+"
    location = f"{c.printed}万元 {sign}{claim.delta_printed}万元"
    cur = _prose_term(location, c.value, claim.current_page)
    delta = Term("narrative_figures", location, "change", claim.delta, False, claim.page)
    if claim.previous is not None:
        p = claim.previous
        prev = Term("narrative_figures", location, "previous", p.value, False, claim.page)
        results.append(
            check_sum(
                "prose_change",
                "narrative_figures",
                location,
                cur,
                [prev, delta],
                _("本年 = 上年 + 增减额"),
                tolerance=half_unit(c.printed)
                + half_unit(p.printed)
                + half_unit(claim.delta_printed),
            )
        )
        base, base_half = p.value, half_unit(p.printed)
    else:
        base = c.value - claim.delta
        base_half = half_unit(c.printed) + half_unit(claim.delta_printed)
    bounds = ratio_bounds(abs(claim.delta), half_unit(claim.delta_printed), base, base_half)
    if bounds is None or base <= 0:
        return results
    what = _("增减率 {delta} ÷ {base} = {pct}%").format(
        delta=claim.delta_printed, base=base, pct=claim.pct
    )
    results.append(
        percent_result(
            "prose_change",
            location,
            claim.pct,
            bounds,
            abs(claim.delta) / base * HUNDRED,
            what,
            [("total", cur), ("part", delta)],
        )
    )
    return results


def of_which_claims(text: str, owner: list[int]) -> list[Result]:
    """“N台，其中M台”: the part never more than its whole."""
    results: list[Result] = []
    for m in _OF_WHICH.finditer(text):
        whole_printed, unit, part_printed = m.group(1), m.group(2), m.group(4)
        before = text[max(0, m.start() - 2) : m.start()]
        if re.search(r"增加|减少|增长|下降|增|减", before + m.group(3)):
            continue  # a net change's 其中 may exceed it: the other parts can go the other way
        location = f"{whole_printed}{unit} ⊇ {part_printed}{unit}"
        whole = Term(
            "narrative_figures", location, "value", number(whole_printed), False, owner[m.start(1)]
        )
        part = Term(
            "narrative_figures", location, "part", number(part_printed), False, owner[m.start(4)]
        )
        results.append(
            check_sum(
                "prose_of_which",
                "narrative_figures",
                location,
                whole,
                [part],
                _("其中 ≤ 总数（{unit}）").format(unit=unit),
                inequality=True,
                tolerance=half_unit(whole_printed) + half_unit(part_printed),
            )
        )
    return results


def restated_projects(d: Disclosure, text: str, owner: list[int]) -> list[Result]:
    """A project the prose names with its amount, against its row of the project table."""
    results: list[Result] = []
    rows = [r for r in d.table("projects").to_dicts() if r.get("name") and r.get("budget")]
    scale = Decimal(10000) if d.unit_of("projects") == "元" else Decimal(1)
    for row in rows:
        name = re.sub(r"\s", "", row["name"])
        if len(name) < 4:
            continue
        # the name as a list item (not the tail of a longer name), then its amount
        pattern = (
            r"(?<![\u4e00-\u9fa5])"
            + re.escape(name)
            + rf"(?:项目)?(?:预算|资金|经费)?(?:安排)?(?:为|：|:)?{_NUM}{_WAN}"
        )
        for m in re.finditer(pattern, text):
            said = number(m.group(1))
            half = half_unit(m.group(1))
            location = row.get("project_code") or name
            results.append(
                check_sum(
                    "prose_restated",
                    "projects",
                    location,
                    Term(
                        "narrative_figures", name, "value", said * scale, False, owner[m.start(1)]
                    ),
                    [term_of("projects", row, "budget", location)],
                    _("说明所列项目金额 = 项目表预算数"),
                    tolerance=half * scale + Decimal("0.005"),
                )
            )
    return results


def reconcile_claims(d: Disclosure) -> list[Result]:
    """The prose's own claims, recomputed (one document)."""
    if not d.prose:
        return []
    text, owner = claim_stream(d.prose)
    results = share_claims(text, owner)
    for claim in change_claims(text, owner):
        results += check_change(claim)
    results += of_which_claims(text, owner)
    results += restated_projects(d, text, owner)
    return results


# -- across years ----------------------------------------------------------------------------


def _earlier_figure(earlier: Disclosure, key: str) -> Term | None:
    """What the earlier year's document prints for a narrative figure: its table's figure
    where it prints tables, else its own prose's."""
    from core.rules.narrative import _narrative_counterparts  # the one map of prose keys to tables

    term = _narrative_counterparts(earlier).get(key)
    if term is not None and term.value is not None:
        return term
    rows = earlier.table("narrative_figures").filter(
        earlier.table("narrative_figures")["key"] == key
    )
    if rows.height:
        r = rows.row(0, named=True)
        return Term("narrative_figures", key, "value", r["value"], False, r["page"])
    return None


def _to_wan(term: Term, d: Disclosure) -> Decimal | None:
    if term.value is None:
        return None
    return term.value / Decimal(10000) if d.unit_of(term.table) == "元" else term.value


# what each narrative figure is, in the document's words (a finding's location)
SUBJECT_ZH = {
    "income_total": "收入预算",
    "income_general_public_budget": "一般公共预算收入",
    "expenditure_total": "支出预算",
    "expenditure_basic": "基本支出",
    "expenditure_project": "项目支出",
    "expenditure_personnel": "人员经费",
    "expenditure_public": "公用经费",
    "operating_costs": "机关运行经费",
    "three_public_total": "“三公”经费",
    "three_public_abroad": "因公出国（境）费",
    "three_public_vehicles": "公务用车购置及运行维护费",
    "three_public_vehicle_purchase": "公务用车购置费",
    "three_public_vehicle_operation": "公务用车运行维护费",
    "three_public_reception": "公务接待费",
}


def year_over_year(later: Disclosure, earlier: Disclosure) -> list[Result]:
    """Each change the later year's prose claims (比上年增加 X 万元) for a figure whose
    earlier value the earlier year's document prints: X against the two figures. A claim
    against 上年执行数 is not the earlier budget's to check; one that does not say its basis
    (比上年) is held only as a warning, since the earlier budget may have been adjusted."""
    if not later.prose or (
        later.meta.year and earlier.meta.year and later.meta.year - earlier.meta.year != 1
    ):
        return []
    text, owner = claim_stream(later.prose)
    figures = {r["key"]: r for r in later.table("narrative_figures").to_dicts()}
    later_name = later.sources.get("prose") or later.meta.source
    earlier_name = earlier.meta.source
    results: list[Result] = []
    for claim in change_claims(text, owner):
        if claim.current is None or claim.basis == "execution":
            continue
        key = next(
            (
                k
                for k, f in figures.items()
                if f["value"] == claim.current.value
                and f["page"] == claim.current_page
                and not k.endswith("change")
            ),
            None,
        )
        if key is None:
            continue
        before = _earlier_figure(earlier, key)
        if before is None:
            continue
        before_wan = _to_wan(before, earlier)
        if before_wan is None:
            continue
        from core.rules.arithmetic import half_width

        scale_half = (
            half_width(before) / Decimal(10000)
            if earlier.unit_of(before.table) == "元"
            else half_width(before)
        )
        location = f"{SUBJECT_ZH.get(key, key)} {earlier.meta.year}→{later.meta.year}"
        now = Term(
            "narrative_figures",
            key,
            "value",
            claim.current.value,
            False,
            claim.current_page,
            later_name,
        )
        then = Term(
            before.table, before.key, before.column, before_wan, False, before.page, earlier_name
        )
        delta = Term("narrative_figures", key, "change", claim.delta, False, claim.page, later_name)
        tolerance = half_unit(claim.current.printed) + scale_half + half_unit(claim.delta_printed)
        result = check_sum(
            "year_over_year",
            "narrative_figures",
            location,
            now,
            [then, delta],
            _("比上年增减：{later}年 = {earlier}年 + 增减额").format(
                later=later.meta.year, earlier=earlier.meta.year
            ),
            tolerance=tolerance,
        )
        if result.status == "broken" and claim.basis != "budget":
            result.status = "unverifiable"  # 比上年 of an unstated basis: a warning
        results.append(result)
        if before_wan > 0:
            bounds = ratio_bounds(
                abs(claim.delta), half_unit(claim.delta_printed), before_wan, scale_half
            )
            if bounds is not None:
                pct = percent_result(
                    "year_over_year",
                    location,
                    claim.pct,
                    bounds,
                    abs(claim.delta) / before_wan * HUNDRED,
                    _("增减率 {delta} ÷ {base}（上年文件）= {pct}%").format(
                        delta=claim.delta_printed, base=before_wan, pct=claim.pct
                    ),
                    [("total", then), ("part", delta)],
                    "broken" if claim.basis == "budget" else "unverifiable",
                )
                results.append(pct)
    return results + items_year_over_year(later, earlier)


def _earlier_row(earlier: Disclosure, code: str) -> tuple[str, dict[str, Any]] | None:
    """The earlier year's row of a code, from the first table that prints codes."""
    for table in ("gpb_expenditure", "fiscal_expenditure", "expenditure"):
        for row in earlier.table(table).to_dicts():
            if row.get("code") == code and row.get("total") is not None:
                return table, row
    return None


def items_year_over_year(later: Disclosure, earlier: Disclosure) -> list[Result]:
    """Each 项 the later 说明 explains with its change (与上年相比增加X万元) against the earlier
    year's row of its code. The prose does not say against which figure of last year (budget,
    adjusted budget, outturn): a mismatch is a warning, never the document's error."""
    results: list[Result] = []
    later_name = later.sources.get("prose") or later.meta.source
    items = later.table("narrative_items")
    for item in items.filter(
        items["code"].is_not_null() & items["change"].is_not_null()
    ).to_dicts():
        found = _earlier_row(earlier, item["code"])
        if found is None:
            continue
        table, row = found
        before = term_of(table, row, "total", item["code"])
        before_wan = _to_wan(before, earlier)
        if before_wan is None:
            continue
        half = Decimal("0.005") if earlier.unit_of(table) != "元" else Decimal("0.00005")
        location = f"{item['code']} {item['name']} {earlier.meta.year}→{later.meta.year}"
        printed = [str(item["amount"]), str(abs(item["change"]))]
        result = check_sum(
            "year_over_year",
            "narrative_items",
            location,
            Term(
                "narrative_items",
                item["code"],
                "amount",
                item["amount"],
                False,
                item["page"],
                later_name,
            ),
            [
                Term(
                    table, before.key, "total", before_wan, False, before.page, earlier.meta.source
                ),
                Term(
                    "narrative_items",
                    item["code"],
                    "change",
                    item["change"],
                    False,
                    item["page"],
                    later_name,
                ),
            ],
            _("比上年增减：{later}年 = {earlier}年 + 增减额").format(
                later=later.meta.year, earlier=earlier.meta.year
            ),
            tolerance=sum((half_unit(p) for p in printed), half),
        )
        if result.status == "broken":
            result.status = "unverifiable"
        results.append(result)
    return results


__all__ = ["ZERO", "reconcile_claims", "year_over_year"]


# -- budget against actual ---------------------------------------------------------------------


def budget_basis(budget: Disclosure, final: Disclosure) -> list[Result]:
    """The 预算数 a final account prints beside its 决算数 (its “三公” table's) against the
    figure the budget package of its department and year prints for the same item: a final
    account that restates its budget otherwise than the budget printed it is in error."""
    results: list[Result] = []
    planned = {
        r["item"]: r
        for r in budget.table("three_public").to_dicts()
        if r.get("unit") is None and r.get("item")
    }
    rows = final.table("three_public").to_dicts()
    if "budget" not in final.table("three_public").columns:
        return results
    for r in rows:
        if r.get("unit") is not None or r.get("budget") is None:
            continue
        match = planned.get(r["item"])
        if match is None or match.get("total") is None:
            continue
        said = Term(
            "three_public", r["item"], "budget", r["budget"], False, r["page"], final.meta.source
        )
        printed = Term(
            "three_public",
            r["item"],
            "total",
            match["total"],
            False,
            match["page"],
            budget.meta.source,
        )
        results.append(
            check_sum(
                "final_budget_basis",
                "three_public",
                f"{r['item']}/budget",
                printed,
                [said],
                _("决算表 {item} 预算数 = 预算 {item}").format(item=r["item"]),
            )
        )
    return results
