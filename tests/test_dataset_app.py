"""``budget-tui DATASET/``: the department list, its sort and search, Enter opening a
department rebuilt from the dataset (its PDF gone), and the trees added up over departments —
in Pilot, and the real console script in tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from textual.widgets import DataTable, TabbedContent

from core.dataset.scan import scan
from core.dataset.store import (
    ECONOMIC_SOURCES,
    FUNCTIONAL_SOURCES,
    department_list,
    departments_behind,
)
from tests.test_scan import HUZHOU, JIANGSU, make_folder
from tests.test_tmux import _wait_for
from tui.dataset.aggregate_tree import AggregateTree
from tui.dataset.dataset_app import DatasetApp
from tui.dataset.dataset_screen import DatasetScreen


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_folder(tmp_path_factory.mktemp("app") / "in")
    out = folder.parent / "OUT"
    scan([folder], out, workers=2)
    # the app reads the dataset only: the PDFs may be gone
    shutil.rmtree(folder)
    return out


def _rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


@pytest.mark.asyncio
async def test_list_sort_search_and_enter(dataset: Path) -> None:
    app = DatasetApp(dataset)
    async with app.run_test(size=(150, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DatasetScreen)
        table = screen.query_one("#department-table", DataTable)
        headings = [str(c.label) for c in table.ordered_columns]
        assert headings == [
            "部门",
            "地区",
            "年度",
            "合计（元）",
            "基本支出",
            "项目支出",
            "错误",
            "状态",
        ]
        rows = _rows(table)
        assert len(rows) == 5
        by_department = {r[0]: r for r in rows}
        assert by_department["上海市福利彩票发行中心"][1:4] == ["上海市", "2026", "216,801,570.00"]
        assert by_department["湖州市交通运输局"][3] == "2,012,861,100.00"  # 201,286.11 万元, p.25
        assert by_department["湖州市交通运输局"][6:] == ["2", "有错误"]
        assert by_department["broken.pdf"][7] == "未能读取"
        assert not any("sha256" in cell or cell == "ok" for row in rows for cell in row)

        # s on the 合计 column: the largest first, a second s reverses, empty cells stay last
        table.move_cursor(column=3)
        await pilot.press("s")
        totals = [r[0] for r in _rows(table)][:3]
        # 2,012,861,100 > 216,801,570 > 207,022,500 (江苏: 20,702.25 万元, p.5)
        assert totals == [
            "湖州市交通运输局",
            "上海市福利彩票发行中心",
            "中国共产党江苏省委员会办公厅",
        ]
        await pilot.press("s")
        assert [r[0] for r in _rows(table)][:3] == [
            "中国共产党江苏省委员会办公厅",
            "上海市福利彩票发行中心",
            "湖州市交通运输局",
        ]
        assert [r[3] for r in _rows(table)][3:] == ["", ""]  # no 合计 printed: last

        # / narrows the list as typed; Enter keeps it
        await pilot.press("slash", *"江苏", "enter")
        assert [r[0] for r in _rows(table)] == ["中国共产党江苏省委员会办公厅"]

        # Enter opens the department from the dataset (its PDF is gone)
        table.focus()
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.disclosure is not None and not isinstance(app.screen, DatasetScreen):
                break
        assert app.disclosure is not None
        assert app.disclosure.meta.department == "中国共产党江苏省委员会办公厅"
        assert app.disclosure.meta.source == JIANGSU
        assert app.query_one(TabbedContent).active == "overview"
        assert app.sub_title == JIANGSU

        # Backspace: back to the list, as it was left
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, DatasetScreen)
        await pilot.press("escape")
        assert len(_rows(app.screen.query_one("#department-table", DataTable))) == 5


@pytest.mark.asyncio
async def test_enter_on_a_refused_file_says_why(dataset: Path) -> None:
    app = DatasetApp(dataset)
    async with app.run_test(size=(150, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#department-table", DataTable)
        row = next(i for i, r in enumerate(_rows(table)) if r[0] == "broken.pdf")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DatasetScreen)
        assert [n.message for n in app._notifications] == ["broken.pdf: not a PDF file"]


def _node_total(node) -> Decimal | None:  # type: ignore[no-untyped-def]
    return node.data["total"]


@pytest.mark.asyncio
async def test_the_trees_add_up_over_departments(dataset: Path) -> None:
    listing = department_list(dataset)
    app = DatasetApp(dataset)
    async with app.run_test(size=(150, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        tree = app.screen.query_one("#functional-tree", AggregateTree)
        # the root: the departments' 合计 (元) added up, as the list shows them
        with_totals = listing.filter(pl.col("total").is_not_null())
        assert _node_total(tree.root) == sum(with_totals["total"].to_list(), Decimal(0))
        assert tree.root.data["departments"] == with_totals.height == 3
        # each 类: the sum over the departments that print it, and how many they are —
        # computed here from the PDFs themselves, not from the dataset
        classes = {n.data["code"]: n for n in tree.root.children}
        expected = _class_totals(FUNCTIONAL_SOURCES)
        assert len(expected) == 9
        assert {c: _node_total(n) for c, n in classes.items()} == {
            c: total for c, (total, _n) in expected.items()
        }
        assert {c: n.data["departments"] for c, n in classes.items()} == {
            c: n for c, (_total, n) in expected.items()
        }
        # 201 一般公共服务支出: 湖州 0.64 万元 and 江苏 (财政拨款支出表, its only coded table)
        assert set(departments_behind(dataset, "functional", "201")["department"]) == {
            "湖州市交通运输局",
            "中国共产党江苏省委员会办公厅",
        }
        # Enter on a code: the department list shows only the departments behind it
        tree.focus()
        tree.move_cursor(classes["201"])
        await pilot.pause()
        panel = str(app.screen.query_one("#functional-behind").render())
        assert "湖州市交通运输局" in panel and "2 个部门" in panel
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "departments"
        table = app.screen.query_one("#department-table", DataTable)
        assert sorted(r[0] for r in _rows(table)) == [
            "中国共产党江苏省委员会办公厅",
            "湖州市交通运输局",
        ]
        # the economic tree too
        await pilot.press("3")
        economic = app.screen.query_one("#economic-tree", AggregateTree)
        expected = _class_totals(ECONOMIC_SOURCES)
        assert len(expected) >= 3
        assert {n.data["code"]: _node_total(n) for n in economic.root.children} == {
            c: total for c, (total, _n) in expected.items()
        }


def _class_totals(sources: tuple[str, ...]) -> dict[str, tuple[Decimal, int]]:
    """Per 类 (level 1), the sum in 元 over the packages of the scan, read from each PDF by
    parse_pdf (each package's first source table with coded rows), and how many print it."""
    from core.parse import parse_pdf
    from tests.conftest import SHARED_REAL
    from tests.test_scan import PACKAGES

    yuan = {"元": Decimal(1), "万元": Decimal(10000)}
    totals: dict[str, tuple[Decimal, int]] = {}
    for name in PACKAGES:
        d = parse_pdf(SHARED_REAL / name, workers=1)
        table = next((t for t in sources if d.table(t).filter(pl.col("level") >= 1).height), None)
        if table is None:
            continue
        rows = d.table(table).filter(pl.col("level") == 1).group_by("code").agg(pl.col("total"))
        for code, values in rows.iter_rows():
            amount = sum((v for v in values if v is not None), Decimal(0)) * yuan[d.unit_of(table)]
            before, count = totals.get(code, (Decimal(0), 0))
            totals[code] = (before + amount, count + 1)
    return totals


# -- the console script in a real terminal -------------------------------------------------


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_dataset_app_in_tmux(dataset: Path) -> None:
    script = Path(sys.executable).parent / "budget-tui"
    session = f"budget-tui-ds-{uuid.uuid4().hex[:8]}"
    command = f"{script} {dataset}/; echo EXITED $?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "150", "-y", "40", command],
        check=True,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    subprocess.run(["tmux", "set-option", "-t", session, "window-size", "manual"], check=False)
    subprocess.run(["tmux", "resize-window", "-t", session, "-x", "150", "-y", "40"], check=False)
    try:
        screen = _wait_for(session, "湖州市交通运输局")
        assert "上海市福利彩票发行中心" in screen and "216,801,570.00" in screen
        assert "5 / 5 个文件" in screen
        for key in "/湖州":
            subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
            time.sleep(0.05)
        _wait_for(session, "1 / 5 个文件")
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        time.sleep(0.3)
        subprocess.run(["tmux", "send-keys", "-t", session, "Enter"], check=True)
        screen = _wait_for(session, "恒等式 ")
        assert "湖州市交通运输局" in screen and HUZHOU in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "BSpace"], check=True)
        _wait_for(session, "1 / 5 个文件")
        subprocess.run(["tmux", "send-keys", "-t", session, "2"], check=True)
        screen = _wait_for(session, "全部部门")
        assert "201 一般公共服务支出" in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        _wait_for(session, "EXITED 0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
