"""``budget-tui scan``: a folder of disclosures into one dataset, locally or on Dask.

A small folder: three published packages (one printed in 元, two in 万元, one of them with
errors of its own), a PDF that is not a budget, a file that is not a PDF at all, and a note
that is not named .pdf (not read). Values checked are hand-read (tests/real/*.json) or the
parser's own figures × 10000 for a 万元 package.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from core.dataset.region import detect_region, places_in_name
from core.dataset.scan import scan
from core.dataset.store import (
    FILES,
    ROWS,
    committed,
    department_list,
    load_disclosure,
)
from core.parse import parse_pdf
from tests.conftest import ROOT, SHARED_REAL

PACKAGES = (
    "shcity_2026_unitbudget_fucai_center.pdf",  # 元, 16 pages
    "jiangsu_party_office_2017_budget_tables.pdf",  # 万元, tables only
    "zj_huzhou_2026_budget_jiaotongyunshu.pdf",  # 万元, two errors of the document's own
)
FUCAI = "shcity_2026_unitbudget_fucai_center.pdf"
JIANGSU = "jiangsu_party_office_2017_budget_tables.pdf"
HUZHOU = "zj_huzhou_2026_budget_jiaotongyunshu.pdf"


def make_folder(folder: Path) -> Path:
    """The scan's input: three packages, a PDF that is no budget, a file that is no PDF."""
    if not SHARED_REAL.is_dir():
        pytest.skip(f"{SHARED_REAL} is absent: the published PDFs live beside the clone")
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True, exist_ok=True)
    nested = folder / "zhejiang"
    nested.mkdir(exist_ok=True)
    for name in PACKAGES:
        shutil.copy(SHARED_REAL / name, (nested if name == HUZHOU else folder) / name)
    page = canvas.Canvas(str(folder / "minutes.pdf"))
    page.drawString(100, 700, "Minutes of the meeting")
    page.save()
    (folder / "broken.pdf").write_text("not a pdf at all\n")
    (folder / "notes.txt").write_text("not named .pdf: not read\n")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("scan") / "in")


@pytest.fixture(scope="module")
def local(folder: Path) -> Path:
    dataset = folder.parent / "local"
    summary = scan([folder], dataset, workers=2)
    assert (summary.found, summary.read, summary.skipped) == (5, 5, 0)
    return dataset


def by_name(dataset: Path) -> dict[str, dict]:
    return {Path(r["path"]).name: r for r in pl.read_parquet(dataset / FILES).to_dicts()}


def test_one_row_per_file_and_refused_files_are_rows(local: Path) -> None:
    rows = by_name(local)
    assert sorted(rows) == sorted([*PACKAGES, "minutes.pdf", "broken.pdf"])
    assert rows["broken.pdf"]["status"] == "failed"
    assert rows["broken.pdf"]["message"] == "broken.pdf: not a PDF file"
    assert rows["minutes.pdf"]["status"] == "failed"
    assert rows["minutes.pdf"]["message"] == (
        "minutes.pdf: no budget table found; is this a 部门预算 disclosure?"
    )
    fucai = rows[FUCAI]
    assert (fucai["department"], fucai["year"], fucai["unit"], fucai["pages"]) == (
        "上海市福利彩票发行中心",
        2026,
        "元",
        16,
    )
    assert (fucai["status"], fucai["errors"], fucai["region"]) == ("ok", 0, "上海市")
    jiangsu = rows[JIANGSU]
    assert (jiangsu["department"], jiangsu["year"], jiangsu["region"]) == (
        "中国共产党江苏省委员会办公厅",
        2017,
        "江苏省",
    )
    huzhou = rows[HUZHOU]
    assert (huzhou["status"], huzhou["errors"], huzhou["region"]) == ("errors", 2, "湖州市")
    assert huzhou["province"] is None  # the pages never print 浙江省 before its name


def test_amounts_are_in_yuan_with_the_printed_unit(local: Path) -> None:
    expenditure = pl.scan_parquet(
        local / "expenditure" / "**" / "*.parquet", hive_partitioning=True
    ).collect()
    top = expenditure.filter(pl.col("level") == 0)
    fucai = top.filter(pl.col("department") == "上海市福利彩票发行中心").row(0, named=True)
    # hand-read, p.9: 216,801,570 元 and 基本支出 20,862,863 元
    assert fucai["total"] == Decimal("216801570.00")
    assert fucai["basic"] == Decimal("20862863.00")
    assert (fucai["unit_printed"], fucai["year"]) == ("元", 2026)
    # hand-read, p.3: 基本支出 9,964.07 万元
    jiangsu = top.filter(pl.col("department") == "中国共产党江苏省委员会办公厅").row(0, named=True)
    assert jiangsu["basic"] == Decimal("99640700.00")
    assert jiangsu["unit_printed"] == "万元"
    fiscal = pl.read_parquet(
        next((local / "fiscal_expenditure").glob("year=2017/*.parquet"))
    ).filter(pl.col("level") == 0)
    assert fiscal["total"].to_list() == [Decimal("207022500.00")]  # 20,702.25 万元, p.5
    # every row of every 万元 table is its parsed figure × 10000, exactly
    parsed = parse_pdf(SHARED_REAL / JIANGSU, workers=1)
    printed = parsed.table("gpb_basic_expenditure")["total"].to_list()
    stored = pl.read_parquet(next((local / "gpb_basic_expenditure").glob("year=2017/*")))
    assert stored["total"].to_list() == [v * 10000 if v is not None else None for v in printed]


def test_findings_are_in_the_dataset(local: Path) -> None:
    findings = pl.scan_parquet(
        local / "findings" / "**" / "*.parquet", hive_partitioning=True
    ).collect()
    errors = findings.filter(pl.col("severity") == "error")
    assert errors["department"].unique().to_list() == ["湖州市交通运输局"]
    assert errors.height == 2
    assert set(errors["unit_printed"]) == {"万元"}


def test_the_disclosure_rebuilt_from_the_dataset_is_the_parsed_one(local: Path) -> None:
    for name in PACKAGES:
        parsed = parse_pdf(SHARED_REAL / name, workers=1)
        rebuilt = load_disclosure(local, parsed.meta.sha256)
        assert rebuilt.meta == parsed.meta
        assert sorted(rebuilt.tables) == sorted(parsed.tables)
        for table_id, frame in parsed.tables.items():
            assert_frame_equal(rebuilt.tables[table_id], frame)
        assert rebuilt.prose == parsed.prose
        assert rebuilt.precision == parsed.precision


def test_a_second_run_skips_every_file(folder: Path, local: Path) -> None:
    rows_before = {p.name: p.stat().st_mtime_ns for p in (local / ROWS).iterdir()}
    events = []
    summary = scan([folder], local, workers=2, on_event=events.append)
    assert (summary.read, summary.skipped) == (0, 5)
    assert all(e.skipped for e in events) and len(events) == 5
    # nothing was read again, nothing rewritten
    assert {p.name: p.stat().st_mtime_ns for p in (local / ROWS).iterdir()} == rows_before
    assert summary.files.height == 5


def _dataset_frames(dataset: Path) -> dict[str, pl.DataFrame]:
    """Every Parquet file of a dataset, by its place; `seconds` (wall time) left out."""
    frames = {}
    for path in sorted(dataset.rglob("*.parquet")):
        frame = pl.read_parquet(path)
        frames[str(path.relative_to(dataset))] = frame.drop("seconds", strict=False)
    return frames


def _same_dataset(a: Path, b: Path) -> None:
    left, right = _dataset_frames(a), _dataset_frames(b)
    assert sorted(left) == sorted(right)
    for name, frame in left.items():
        assert_frame_equal(frame, right[name], check_row_order=True)
    for manifest in sorted((a / ROWS).glob("*.json")):
        assert json.loads(manifest.read_text("utf-8")) == json.loads(
            (b / ROWS / manifest.name).read_text("utf-8")
        )


def test_dask_local_cluster_writes_the_same_dataset(folder: Path, local: Path) -> None:
    from distributed import LocalCluster

    dataset = folder.parent / "dask"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        summary = scan([folder], dataset, dask_address=cluster.scheduler_address)
    assert (summary.read, summary.skipped) == (5, 0)
    _same_dataset(local, dataset)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui.cli", *args]


def test_a_killed_scan_resumes_with_nothing_lost_or_doubled(folder: Path, local: Path) -> None:
    dataset = folder.parent / "killed"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(
        _cli("scan", str(folder), "-o", str(dataset), "--workers", "1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its pool's processes die with it
        env=env,
    )
    deadline = time.monotonic() + 120
    while not committed(dataset) and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.01)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    assert first.returncode == -signal.SIGKILL, "the scan ended before it could be killed"
    done_before = committed(dataset)
    assert 1 <= len(done_before) < 5
    second = subprocess.run(
        _cli("scan", str(folder), "-o", str(dataset), "--workers", "1"),
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert second.returncode == 0, second.stderr
    m = re.search(r"本次读取 (\d+) 个，已在数据集中跳过 (\d+) 个", second.stderr)
    assert m is not None, second.stderr
    assert (int(m[1]), int(m[2])) == (5 - len(done_before), len(done_before))
    files = pl.read_parquet(dataset / FILES)
    assert files.height == 5 and files["sha256"].n_unique() == 5
    _same_dataset(local, dataset)  # each file exactly once, every table whole


def test_ctrl_c_stops_the_scan_at_once_and_keeps_what_is_done(folder: Path) -> None:
    dataset = folder.parent / "interrupted"
    scan_ = subprocess.Popen(
        _cli("scan", str(folder), "-o", str(dataset), "--workers", "2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.monotonic() + 120
    while not committed(dataset) and time.monotonic() < deadline and scan_.poll() is None:
        time.sleep(0.01)
    os.killpg(scan_.pid, signal.SIGINT)  # what Ctrl+C sends: the whole process group
    _, stderr = scan_.communicate(timeout=20)
    assert scan_.returncode == 130, stderr
    assert "Traceback" not in stderr
    done = committed(dataset)
    # files.parquet was rebuilt on the way out: every finished file, and only those
    assert set(pl.read_parquet(dataset / FILES)["sha256"]) == done
    assert 1 <= len(done) < 5


README = ROOT / "docs" / "dataset.md"  # the README links the dataset page


def readme_queries() -> list[str]:
    text = README.read_text("utf-8")
    block = text.split("<!-- dataset queries -->")[1].split("<!-- /dataset queries -->")[0]
    return re.findall(r"```python\n(.*?)```", block, flags=re.S)


def test_the_readme_queries_run_verbatim(local: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = readme_queries()
    assert len(queries) == 3
    workdir = local.parent / "readme"
    workdir.mkdir(exist_ok=True)
    (workdir / "OUT").symlink_to(local)
    monkeypatch.chdir(workdir)
    names: dict = {}
    for query in queries:
        exec(compile(query, "docs/dataset.md", "exec"), names)
    totals = names["totals"]
    by_region = {r["region"]: r["total"] for r in totals.to_dicts()}
    assert by_region["上海市"] == Decimal("216801570.00")  # 元, hand-read p.9
    jiangsu = department_list(local).filter(pl.col("department") == "中国共产党江苏省委员会办公厅")
    assert by_region["江苏省"] == (
        pl.read_parquet(next((local / "expenditure").glob("year=2017/*")))
        .filter(pl.col("level") == 0)["total"]
        .item()
    )
    assert jiangsu.height == 1
    # hand-read, p.25: 支出总表 合计 201,286.11 万元
    assert by_region["湖州市"] == Decimal("2012861100.00")
    # 201 一般公共服务支出 is printed by 湖州 only: 0.64 万元
    assert names["general_services"].rows() == [
        ("湖州市交通运输局", 2026, "万元", Decimal("6400.00"))
    ]
    # p.28: 支出总计 printed 42,673.03 万元, its lines add up to 192,207.76 万元
    errors = names["errors"]
    assert sorted(zip(errors["table"], errors["location"], strict=True)) == [
        ("fiscal_summary", "一般公共预算拨款"),
        ("fiscal_summary", "支出总计"),
    ]
    total_error = errors.filter(pl.col("location") == "支出总计").row(0, named=True)
    assert total_error["difference"] == Decimal("-1495347300.00")
    assert total_error["department"] == "湖州市交通运输局"


def test_bad_paths_are_one_line_and_exit_2(tmp_path: Path) -> None:
    result = subprocess.run(
        _cli("scan", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")),
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"budget-tui: {tmp_path / 'nowhere'}: no such file or folder"
    ]
    assert not (tmp_path / "out" / FILES).exists()


@pytest.mark.parametrize(
    ("department", "texts", "expected"),
    [
        ("上海市普陀区人民政府办公室", [], ("上海市", "普陀区")),
        ("苏州市审计局", [], (None, "苏州市")),
        ("中国共产党江苏省委员会办公厅", [], ("江苏省", None)),
        ("北京市市场监督管理局", [], ("北京市", None)),  # 市场 is no place
        ("上海市城市管理行政执法局", [], ("上海市", None)),
        ("天津市河北区财政局", [], ("天津市", "河北区")),
        # the pages say what the name does not: only the words right before the name count
        ("深圳市财政局（本级）", ["2026年广东省深圳市财政局部门预算"], ("广东省", "深圳市")),
        ("平乡县公安局", ["河北省邢台市平乡县公安局是…"], ("河北省", "平乡县")),
        ("统计局", ["推进城市统计局工作，上海市在…"], (None, None)),
        ("首都绿化委员会办公室", [], (None, None)),
        (None, ["上海市"], (None, None)),
    ],
)
def test_region_is_what_the_document_says(
    department: str | None, texts: list[str], expected: tuple[str | None, str | None]
) -> None:
    assert detect_region(department, texts) == expected


def test_a_name_splits_into_its_places() -> None:
    assert places_in_name("上海市浦东新区财政局") == ("上海市", "浦东新区", "财政局")


def test_scan_writes_each_files_kind(tmp_path: Path) -> None:
    """files.parquet tells a final account (部门决算) from a budget; a table's rows join it on
    sha256, so a department's budgets and actuals can be put side by side."""
    final = SHARED_REAL.parent / "final" / "putuo_finance_2024_final_accounts.pdf"
    if not final.is_file():
        pytest.skip(f"{final} is absent")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(final, folder / final.name)
    shutil.copy(SHARED_REAL / FUCAI, folder / FUCAI)
    dataset = tmp_path / "dataset"
    scan([folder], dataset, workers=1)
    rows = by_name(dataset)
    assert (rows[final.name]["kind"], rows[final.name]["year"]) == ("final", 2024)
    assert rows[FUCAI]["kind"] == "budget"
    kinds = (
        pl.scan_parquet(dataset / "summary" / "**" / "*.parquet", hive_partitioning=True)
        .join(pl.scan_parquet(dataset / FILES).select("sha256", "kind"), on="sha256")
        .group_by("kind")
        .len()
        .collect()
    )
    assert set(kinds["kind"]) == {"final", "budget"}
