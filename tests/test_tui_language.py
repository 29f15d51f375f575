"""The screen speaks the reader's language: every view, tree row, side panel, finding and the
help screen driven with Pilot, in Chinese by default with no column id anywhere, in English
with --lang en; and the fixes of the screen: 机关运行经费 beside the vehicles, a 说明 title
apart from its paragraph, nine tabs at 80 columns, no (—) for a missing department code."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import polars as pl
import pytest
from rich.console import Console

from core.i18n import language, set_language
from core.model import Disclosure, RawTable
from tests.conftest import EXAMPLE, SHARED_REAL
from tui.package.app import TREE_VIEWS, BudgetApp
from tui.package.narrative_view import _paragraphs
from tui.package.side_panel import SidePanel, finding_text
from tui.widgets.help_screen import HelpScreen


def label_ids() -> set[str]:
    """Every id core/labels.py gives a label for: tables, columns, narrative keys, sides,
    roles, severities, row kinds."""
    from core import labels as L

    return (
        set(L.TABLE_TITLES_ZH)
        | set(L.COLUMN_LABELS)
        | {part for key in L.TABLE_COLUMN_LABELS for part in key}
        | set(L.NARRATIVE_LABELS)
        | set(L.SIDE_LABELS)
        | set(L.ROLE_LABELS)
        | set(L.SEVERITY_LABELS)
        | set(L.ROW_KIND_LABELS)
    )


# an id on screen, whole (``total``, ``basic``, ``gpb_expenditure``), or any snake_case word
COLUMN_ID = re.compile(
    r"(?<![A-Za-z0-9_-])(?:"
    + "|".join(sorted(map(re.escape, label_ids()), key=len, reverse=True))
    + r"|[a-z]+_[a-z]+)(?![A-Za-z0-9_-])"
)
# each view with a row selected, then the help screen
VIEW_KEYS = [
    [],
    ["2", "down", "down", "down"],
    ["3", "down"],
    ["4", "down"],
    ["5", "down", "down"],
    ["6", "down", "down"],
    ["7"],
    ["8", "down"],
    ["9"],
]


def screen_text(app: BudgetApp) -> str:
    """What the terminal shows, as text (the compositor's frame, as in a screenshot)."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        record=True,
        color_system=None,
        legacy_windows=False,
    )
    console.print(
        app.screen._compositor.render_update(
            full=True, screen_stack=app._background_screens, simplify=True
        )
    )
    return console.export_text()


async def _loaded(pilot, app: BudgetApp) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        await pilot.pause(0.05)
        if app.result is not None:
            await pilot.pause(0.1)
            return
    raise AssertionError("the disclosure never loaded")


async def every_text(app: BudgetApp, pilot) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(where, text) for each view as shown, every tree row, the side panel of every row,
    every finding in full and the help screen."""
    out: list[tuple[str, str]] = []
    for keys in VIEW_KEYS:
        await pilot.press(*keys)
        await pilot.pause(0.1)
        out.append((f"screen after {keys}", screen_text(app)))
    for view in TREE_VIEWS:
        tree = app.tree(view)
        panel = app.query_one(f"#{view}-panel", SidePanel)
        for node in tree.nodes():
            out.append((f"{view} row", str(node.label)))
            if node.data is None:
                continue
            if view == "findings":
                out.append((f"finding {node.data.key}", str(finding_text(node.data.row))))
                continue
            parent = node.parent.data if node.parent is not None else None
            parent_total = parent.row.get("total") if parent is not None else None
            panel.show(node.data, app.identity_index, app.grand_total, parent_total)
            out.append((f"{view} panel {node.data.key}", str(panel.render())))
    await pilot.press("question_mark")
    await pilot.pause(0.2)
    assert isinstance(app.screen, HelpScreen)
    out.append(("help", screen_text(app)))
    out.append(("help rows", " ".join(f"{k} {w}" for k, w in app.screen.rows())))
    await pilot.press("escape")
    return out


def _with_raw_table(seed: Disclosure) -> Disclosure:
    raw = RawTable("部门预算项目支出表（未识别）", [60], [["项目", "金额"], ["某项目", "12.00"]])
    return dataclasses.replace(seed, raw_tables=[raw])


def test_the_column_id_detector_matches_every_id_in_the_labels() -> None:
    ids = label_ids()
    assert {"total", "basic", "amount", "code", "gpb_expenditure", "error", "income"} <= ids
    for column_id in ids:
        assert COLUMN_ID.search(f"合计 {column_id} 1.00"), column_id
        assert COLUMN_ID.search(f"合计{column_id}"), column_id
    for shown in ("合计 1,715.52", "基本支出", "2040220 执法办案", "FILE · 59 页", "totally"):
        assert not COLUMN_ID.search(shown), shown


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=["80x24", "200x60"])
async def test_no_column_id_reaches_the_screen(seed: Disclosure, size: tuple[int, int]) -> None:
    set_language("zh")
    app = BudgetApp(EXAMPLE, _with_raw_table(seed))
    async with app.run_test(size=size) as pilot:
        await _loaded(pilot, app)
        texts = await every_text(app, pilot)
    assert len(texts) > 500  # every row of every tree, and its panel
    found = [
        (where, m.group(0))
        for where, text in texts
        for m in COLUMN_ID.finditer(text.replace(EXAMPLE.name, "FILE"))
    ]
    assert found == []
    shown = "\n".join(text for _, text in texts)
    for term in ("合计", "基本支出", "项目支出", "财政拨款", "上年结转", "人员经费", "公用经费"):
        assert term in shown, term
    assert "预算数" in shown and "一季度" in shown  # a project card's columns
    assert "部门预算项目支出表（未识别）（第 60 页）" in shown
    # the findings read as sentences of the document's terms
    assert "无法核对 56 号：预算数 = 财政资金 + 其他资金：合计与 1 个分项涉密（**）" in shown


@pytest.mark.asyncio
async def test_english_labels_with_lang_en(seed: Disclosure) -> None:
    set_language("en")
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(200, 60)) as pilot:
        await _loaded(pilot, app)
        overview = screen_text(app)
        texts = await every_text(app, pilot)
    assert "1 Overview" in overview and "9 Raw" in overview
    assert "Total expenditure" in overview and "Basic expenditure" in overview
    assert "search" in overview and "next error" in overview  # the footer
    shown = "\n".join(text for _, text in texts)
    for label in ("Total", "Basic expenditure", "Project expenditure", "Personnel", "Q1"):
        assert label in shown, label
    assert "cannot verify 56 号: budget = fiscal funds + other funds" in shown
    # no Chinese word of ours is left: what remains Chinese is the document's own text
    for ours in ("查找", "下一个错误", "恒等式", "第 10 页", "应为", "涉密", "无法核对"):
        assert ours not in shown, ours


def test_lang_option_is_applied_before_the_app_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.cli import main

    chosen: list[str] = []
    monkeypatch.setattr(BudgetApp, "run", lambda self: chosen.append(language()))
    assert main(["--lang", "en", str(EXAMPLE)]) == 0
    assert main([str(EXAMPLE)]) == 0  # BUDGET_TUI_LANG=zh (conftest)
    assert chosen == ["en", "zh"]


@pytest.mark.asyncio
@pytest.mark.parametrize("lang,last", [("zh", "9 原表"), ("en", "9 Raw")])
async def test_the_ninth_tab_is_on_screen_at_80_columns(
    seed: Disclosure, lang: str, last: str
) -> None:
    set_language(lang)
    app = BudgetApp(EXAMPLE, seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot, app)
        if lang == "zh":  # all nine fit at once
            assert last in screen_text(app).splitlines()[1]
        await pilot.press("9")
        await pilot.pause(0.3)  # the tab bar scrolls to the active tab where they do not fit
        assert last in screen_text(app).splitlines()[1]


def _three_public_with_operating_costs(seed: Disclosure, after: str) -> Disclosure:
    frame = seed.table("three_public")
    rows = frame.to_dicts()
    at = next(i for i, r in enumerate(rows) if r["item"] == after) + 1
    running = {**rows[at - 1], "item": "机关运行经费", "total": rows[0]["total"], "seq": None}
    rows.insert(at, running)
    return dataclasses.replace(
        seed, tables={**seed.tables, "three_public": pl.DataFrame(rows, schema=frame.schema)}
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("after", ["公务用车运行维护费", "五、培训费"])
async def test_operating_costs_are_the_vehicles_sibling(seed: Disclosure, after: str) -> None:
    app = BudgetApp(EXAMPLE, _three_public_with_operating_costs(seed, after))
    async with app.run_test(size=(120, 40)) as pilot:
        await _loaded(pilot, app)
        nodes = {n.data.key: n for n in app.tree("assets").nodes() if n.data is not None}
        vehicles = nodes["二、公务用车购置及运维费"]
        assert nodes["机关运行经费"].parent is vehicles.parent
        children = [c.data.key for c in vehicles.children if c.data is not None]
        assert children == ["其中：公务用车购置费", "公务用车运行维护费"]


@pytest.mark.asyncio
async def test_no_department_code_shows_nothing(seed: Disclosure) -> None:
    meta = dataclasses.replace(seed.meta, department_code=None)
    app = BudgetApp(EXAMPLE, dataclasses.replace(seed, meta=meta))
    async with app.run_test(size=(120, 40)) as pilot:
        await _loaded(pilot, app)
        first = screen_text(app).splitlines()[3]
    assert first.strip() == "平乡县公安局  2024年"


def test_a_title_stays_apart_from_its_paragraph() -> None:
    page = (
        "上海市普陀区司法局主要职能\n"
        "上海市普陀区司法局是主管全区司法行政工作的区政府工作部门，负责法治宣传、人民调解、社区矫\n"
        "正和法律援助等工作。\n"
        "主要职能包括：\n"
        "1、贯彻执行"
    )
    assert _paragraphs(page) == (
        "上海市普陀区司法局主要职能\n"
        "上海市普陀区司法局是主管全区司法行政工作的区政府工作部门，负责法治宣传、人民调解、社区矫"
        "正和法律援助等工作。\n"
        "主要职能包括：\n"
        "1、贯彻执行"
    )
    # a line the PDF wrapped is still joined, and a short last line still ends its paragraph
    assert _paragraphs("一二三四五六七八九十一二三四五六七八九十\n续完\n下一段") == (
        "一二三四五六七八九十一二三四五六七八九十续完\n下一段"
    )


@pytest.mark.skipif(
    not list(SHARED_REAL.glob("putuo_commerce_*.pdf")), reason="the real files are not here"
)
def test_real_putuo_title_and_paragraph_are_apart() -> None:
    from core.parse import parse_pdf
    from tui.package.narrative_view import narrative_text

    path: Path = next(SHARED_REAL.glob("putuo_commerce_*.pdf"))
    text = str(narrative_text(parse_pdf(path), {}))
    assert "上海市普陀区商务委员会主要职能\n上海市普陀区商务委员会是主管全区产业经济" in text
    assert "主要职能上海市" not in text


def test_a_sentence_cut_by_a_lone_comma_goes_on() -> None:
    """The seed's p.29 prints a line's final ， on a line of its own: the sentence goes on."""
    page = (
        "（二）掌握影响稳定、危害国内安全和社会治安的情况，分析形势，制定对策，及时向上级公安机关\n"
        "，\n"
        "并监督落实。\n"
        "（三）预防"
    )
    assert _paragraphs(page) == (
        "（二）掌握影响稳定、危害国内安全和社会治安的情况，分析形势，制定对策，及时向上级公安机关"
        "，并监督落实。\n（三）预防"
    )


def test_the_seeds_titles_stand_apart(seed: Disclosure) -> None:
    """The generator's prose (tests/generator/seed_prose.txt) prints titles on lines of their
    own above full-width paragraphs: each title stays a line, each paragraph is one line."""
    from tui.package.narrative_view import narrative_text

    text = str(narrative_text(seed, {}))
    assert "信息公开情况说明\n按照《中华人民共和国预算法》" in text
    assert "\n一、部门职责及机构设置情况\n部门职责：\n（一）贯彻落实" in text
    assert "研究、制定具体的方案和措施，领导、监督检查全县公安工作。\n" in text
