"""The reader's language: finding messages in Chinese in the document's terms, English from
the gettext catalogue, a catalogue that is complete and compiled, and the CLI's --lang and
--version."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal as D
from importlib.metadata import version
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from core.i18n import LOCALE_DIR, set_language
from core.labels import COLUMN_LABELS, column_label, location_label
from core.model import TABLE_COLUMNS
from core.rules.reconcile import reconcile_hierarchy
from core.tables.columns import to_frame
from tests.conftest import EXAMPLE
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "budget_tui.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def _extracted() -> set[str]:
    """Every msgid in the code, found by Babel's own extractor with the project's keywords."""
    keywords = {"_": None, "N_": None}
    ids: set[str] = set()
    for package in ("core", "tui"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, keywords=keywords
        ):
            ids.add(message if isinstance(message, str) else message[0])
    return ids


def _catalogue() -> dict[str, str]:
    with PO.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_every_message_in_the_code_has_an_english_translation() -> None:
    extracted = _extracted()
    catalogue = _catalogue()
    assert len(extracted) > 250
    missing = sorted(m for m in extracted if not catalogue.get(m))
    assert missing == [], f"msgids without English (run pybabel extract/update): {missing}"
    stale = sorted(set(catalogue) - extracted)
    assert stale == [], f"catalogue entries no code uses: {stale}"


def test_translations_keep_every_placeholder() -> None:
    for msgid, english in _catalogue().items():
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(english)), msgid


def test_the_compiled_catalogue_is_the_po() -> None:
    with MO.open("rb") as f:
        compiled = {m.id: m.string for m in read_mo(f) if m.id}
    assert compiled == _catalogue(), "run pybabel compile -d core/locale -D budget_tui"


def test_every_column_id_has_a_label() -> None:
    """No export column reaches the screen as its id: each has a printed label."""
    columns = {c for table in TABLE_COLUMNS.values() for c in table}
    assert columns <= set(COLUMN_LABELS)
    assert column_label("basic") == "基本支出"
    assert column_label("plan_q1", "projects") == "一季度"
    assert column_label("quantity×unit_price") == "数量×单价"
    set_language("en")
    assert column_label("basic") == "Basic expenditure"
    assert column_label("total") == "Total"


def test_locations_read_in_the_documents_terms() -> None:
    assert location_label("20402/basic", "expenditure") == "20402 基本支出"
    assert location_label("row 3/amount", "procurement") == "第3行 金额"
    assert location_label("income_total", "narrative_figures") == "收入合计"
    assert location_label("三公小计/general_public_budget") == "三公小计 一般公共预算"


def _broken_20805() -> str:
    """支出总表 where 20805 prints 521.00 over a single child of 56.00."""
    rows = [
        {"code": "208", "name": "社会保障和就业支出", "level": 1, "total": D("521.00")},
        {"code": "20805", "name": "行政事业单位养老支出", "level": 2, "total": D("521.00")},
        {"code": "2080505", "name": "基本养老保险缴费支出", "level": 3, "total": D("56.00")},
    ]
    rows = [{**row, "page": 3} for row in rows]
    results = reconcile_hierarchy("expenditure", to_frame("expenditure", rows))
    broken = [r for r in results if r.status == "broken"]
    assert [r.location for r in broken] == ["20805/total"]
    return broken[0].message


def test_a_broken_identity_speaks_chinese_in_the_documents_terms() -> None:
    assert _broken_20805() == "20805 合计 ≠ 下级之和：521.00 对 56.00，差 465.00，容差 0.01"


def test_the_same_finding_in_english() -> None:
    set_language("en")
    assert _broken_20805() == (
        "20805 Total ≠ sum of children: 521.00 against 56.00, difference 465.00, tolerance 0.01"
    )


def test_seed_findings_are_chinese_sentences(seed_check) -> None:  # type: ignore[no-untyped-def]
    messages = seed_check.findings["message"].to_list()
    assert (
        "无法核对 56 号：预算数 = 财政资金 + 其他资金：合计与 1 个分项涉密（**），已知分项 0.00"
        in (messages)
    )
    for message in seed_check.identities["message"]:
        assert not re.search(r"[a-z]+_[a-z]+|cannot|verify|classified|holds", message), message


def test_version_prints_the_installed_version() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--version"], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0
    assert run.stdout.strip() == f"budget-tui {version('budget-tui')}"


def test_check_speaks_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(EXAMPLE)]) == 0
    chinese = capsys.readouterr().out
    assert "核对恒等式：436  成立：413" in chinese
    assert "== 固定资产占用情况" in chinese
    assert not re.search(r"[a-z]+_[a-z]+", chinese.replace(EXAMPLE.name, ""))
    assert main(["check", "--lang", "en", str(EXAMPLE)]) == 0
    english = capsys.readouterr().out
    assert "identities tested: 436  passed: 413" in english
    assert "== Fixed assets held" in english
    assert "Total assets = sum of the kinds (within rounding): 11,766.50 against 11,766.51" in (
        english
    )


def test_the_locale_chooses_english(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("BUDGET_TUI_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    assert main(["check", str(EXAMPLE)]) == 0
    assert "identities tested: 436" in capsys.readouterr().out


def test_export_messages_are_chinese_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export is data: the same file on every machine. Its ids (rule, table, location,
    severity) are the contract; the message is Chinese, or English with --lang en."""
    monkeypatch.setenv("BUDGET_TUI_LANG", "en")  # the locale does not change the export
    out = tmp_path / "seed.json"
    assert main(["export", str(EXAMPLE), "-o", str(out)]) == 0
    findings = json.loads(out.read_text("utf-8"))["findings"]
    fixed = next(f for f in findings if f["table"] == "fixed_assets")
    assert fixed["rule"] == "fixed_assets_sum" and fixed["location"] == "资产总额/value"
    assert fixed["message"].startswith("资产总额 = 各类资产之和（舍入内）：11,766.50 对 11,766.51")
    english = tmp_path / "seed_en.json"
    assert main(["export", str(EXAMPLE), "--lang", "en", "-o", str(english)]) == 0
    fixed_en = next(
        f
        for f in json.loads(english.read_text("utf-8"))["findings"]
        if f["table"] == "fixed_assets"
    )
    assert fixed_en["location"] == fixed["location"] and fixed_en["rule"] == fixed["rule"]
    assert fixed_en["message"].startswith("Total assets = sum of the kinds (within rounding)")


def test_bad_language_is_one_line_and_exit_2() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli", "check", "--lang", "fr", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "--lang" in run.stderr and "Traceback" not in run.stderr
