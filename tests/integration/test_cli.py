"""The ``mesobot`` command as an operator or a newcomer runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_mesobot(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith("MESOBOT_") and k != "PORT"
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mesobot", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_run_without_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_mesobot("run", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("mesobot: MESOBOT_TOKEN is not set")
    assert "Traceback" not in result.stderr


def test_malformed_setting_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_mesobot("run", cwd=tmp_path, env={"MESOBOT_TOKEN": "1:x", "PORT": "http"})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "mesobot: PORT is not valid: "
        "Input should be a valid integer, unable to parse string as an integer"
    )


def test_sandbox_demo_prints_a_start_exchange(tmp_path: Path) -> None:
    result = run_mesobot(
        "sandbox",
        "--demo",
        "--database-url",
        f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Alex> /start"
    assert lines[1] == "bot> Hello, Alex! I'm Mesobot."
    assert "Alex> /dance" in lines
    assert "bot> I don't know the command /dance. Send /help to see the ones I know." in lines
    assert result.stderr == ""


def test_interactive_sandbox_chat_reads_typed_lines(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MESOBOT_")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mesobot",
            "sandbox",
            "--database-url",
            f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}",
        ],
        cwd=tmp_path,
        env=environment,
        input="/help\n:quit\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "bot> Here is what I can do:" in result.stdout
