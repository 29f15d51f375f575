"""The real console script in a real terminal: tmux runs ``budget-tui`` on the example,
keys go in with send-keys and the screen comes back with capture-pane."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _screen(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
    ).stdout


def _wait_for(session: str, text: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _screen(session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


def test_console_script_in_tmux(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "budget-tui"
    assert script.exists(), "the console script is installed with the package"
    session = f"budget-tui-{uuid.uuid4().hex[:8]}"
    env = f"BUDGET_TUI_CACHE_DIR={tmp_path / 'cache'} BUDGET_TUI_LANG=zh"
    command = f"{env} {script} {EXAMPLE}; echo EXITED $?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
        check=True,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    # another tmux client may have set the server's window size: make this one 120×40
    subprocess.run(["tmux", "set-option", "-t", session, "window-size", "manual"], check=False)
    subprocess.run(["tmux", "resize-window", "-t", session, "-x", "120", "-y", "40"], check=False)
    try:
        overview = _wait_for(session, "恒等式 ")
        deadline = time.monotonic() + 120
        while "读取中" in overview and time.monotonic() < deadline:  # a partial screen first
            time.sleep(0.2)
            overview = _screen(session)
        assert "平乡县公安局 (312)  2024年" in overview
        assert "支出合计          11,745.92" in overview
        subprocess.run(["tmux", "send-keys", "-t", session, "/"], check=True)
        _wait_for(session, "查找代码或名称")
        for key in "2040220":  # at typing speed: keys pasted in one read race the focus change
            subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
            time.sleep(0.05)
        screen = _wait_for(session, "/2040220: 第 1 个，共 1 个")
        deadline = time.monotonic() + 10
        while screen.count("2040220 执法办案") < 2 and time.monotonic() < deadline:
            time.sleep(0.2)  # the tree row, then the side panel's title
            screen = _screen(session)
        assert screen.count("2040220 执法办案") >= 2, screen
        assert "1,715.52" in screen and "399.71" in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "Escape"], check=True)
        time.sleep(0.5)
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        _wait_for(session, "EXITED 0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


def test_compare_session_in_tmux(tmp_path: Path) -> None:
    """Two years of one department (the real Jiangsu tables): the compare view opens, / finds
    a code, its row shows both years, Δ and Δ%, and the side panel charts its series."""
    from tests.conftest import SHARED_REAL

    pair = [
        SHARED_REAL / "jiangsu_party_office_2017_budget_tables.pdf",
        SHARED_REAL / "jiangsu_party_office_2018_budget_tables.pdf",
    ]
    if not pair[0].exists():
        pytest.skip("the real PDFs are not beside the repo")
    script = Path(sys.executable).parent / "budget-tui"
    session = f"budget-tui-{uuid.uuid4().hex[:8]}"
    env = f"BUDGET_TUI_CACHE_DIR={tmp_path / 'cache'}"
    command = f"{env} {script} {pair[0]} {pair[1]}; echo EXITED $?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", command],
        check=True,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    subprocess.run(["tmux", "set-option", "-t", session, "window-size", "manual"], check=False)
    subprocess.run(["tmux", "resize-window", "-t", session, "-x", "120", "-y", "40"], check=False)
    try:
        screen = _wait_for(session, "比上年核对", timeout=180)  # both files parsed, uncached
        assert "2017" in screen and "2018" in screen and "Δ%" in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "/"], check=True)
        _wait_for(session, "查找代码或名称")
        for key in "2210202":
            subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
            time.sleep(0.05)
        screen = _wait_for(session, "/2210202: 第 1 个，共 1 个")
        deadline = time.monotonic() + 10
        while screen.count("2210202 提租补贴") < 2 and time.monotonic() < deadline:
            time.sleep(0.2)  # the tree row, then the side panel's title
            screen = _screen(session)
        # the tree's row (the panel, on the right, repeats the code in its title)
        row = next(line for line in screen.splitlines() if 0 <= line.find("2210202 提租") < 40)
        for figure in ("1,235.41", "2,299.88", "+1,064.47", "+86.16%"):
            assert figure in row, screen
        assert "走势（合计）" in screen and "2017  ████████████▉" in screen  # the series chart
        subprocess.run(["tmux", "send-keys", "-t", session, "Escape"], check=True)
        time.sleep(0.5)
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        _wait_for(session, "EXITED 0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)


TYPE_AHEAD_TRIES = 10


def test_typing_ahead_on_a_warm_open_finds_the_row_every_time(tmp_path: Path) -> None:
    """The moment the cached department shows (the first frame, from the manifest), type
    ``/2040220`` Enter at once: the keys wait for the views and the data, then the row is
    selected with its figures in the side panel — every time, never a traceback (issue 20)."""
    from core.cache.store import open_disclosure

    cache = tmp_path / "cache"
    os.environ["BUDGET_TUI_CACHE_DIR"] = str(cache)
    try:
        open_disclosure(EXAMPLE)  # warm
    finally:
        del os.environ["BUDGET_TUI_CACHE_DIR"]
    script = Path(sys.executable).parent / "budget-tui"
    found = []
    for attempt in range(TYPE_AHEAD_TRIES):
        session = f"budget-tui-ahead-{uuid.uuid4().hex[:8]}"
        # (Textual draws on stderr: a traceback would be on the screen after the exit)
        command = (
            f"BUDGET_TUI_CACHE_DIR={cache} BUDGET_TUI_LANG=zh {script} {EXAMPLE}; "
            "echo EXITED $?; sleep 30"
        )
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "45", command],
            check=True,
            env={**os.environ, "TERM": "xterm-256color"},
        )
        subprocess.run(["tmux", "set-option", "-t", session, "window-size", "manual"], check=False)
        subprocess.run(["tmux", "resize-window", "-t", session, "-x", "160", "-y", "45"])
        try:
            _wait_for(session, "平乡县公安局")  # the first frame names the department
            if attempt % 2:  # pasted in one read, or key by key
                subprocess.run(
                    ["tmux", "send-keys", "-t", session, "/2040220", "Enter"], check=True
                )
            else:
                for key in [*"/2040220", "Enter"]:
                    subprocess.run(["tmux", "send-keys", "-t", session, key], check=True)
            screen = _wait_for(session, "1,715.52 = 399.71 + 1,315.81", timeout=60)
            assert "没有匹配" not in screen and "Traceback" not in screen
            subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
            after = _wait_for(session, "EXITED ")
            assert "EXITED 0" in after and "Traceback" not in after, after
            found.append(attempt)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    assert found == list(range(TYPE_AHEAD_TRIES))
