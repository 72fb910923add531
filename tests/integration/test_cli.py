"""The ``mesobot`` command as an operator or a newcomer runs it."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from mesobot.migrate import HEAD
from mesobot.sandbox import Sandbox

from ..conftest import free_port
from .processes import bot_environment, bot_process


def run_mesobot(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MESOBOT_") and k not in ("PORT", "DATABASE_URL")
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


def test_sandbox_demo_walks_an_intake_to_next(tmp_path: Path) -> None:
    result = run_mesobot(
        "sandbox",
        "--demo",
        "--start",
        "2026-11-21T09:00Z",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # The clinic comes first; the patient joins through its invite link.
    assert lines[0].startswith('$ mesobot clinic add "Hair Clinic London"')
    link = next(line for line in lines if line.startswith("invite link: "))
    code = link.removeprefix("invite link: https://t.me/mesobot_sandbox_bot?start=")
    started = lines.index(f"Alex> /start {code}")
    assert lines[started + 1].startswith("bot> Hello, Alex! I'm Mesobot.")
    assert "You were invited by Hair Clinic London." in result.stdout
    assert "Alex pressed [I agree]" in lines
    assert "Alex pressed [Save my plan]" in lines
    assert any(line.startswith("bot> Your plan is saved: 8 sessions") for line in lines)
    assert any(line.startswith("bot> Your next session is session 1 of 8:") for line in lines)
    # Time moves on: the reminder, the session check, aftercare and the check-in arrive.
    assert any(line.startswith("bot> A reminder: session 1 of 8") for line in lines)
    assert any(line.startswith("bot> Did session 1") for line in lines)
    assert "bot> Looking after yourself after session 1" in lines
    assert any(line.startswith("bot> How are you feeling after session 1?") for line in lines)
    assert "1. " in result.stdout and "— done" in result.stdout
    # A question in everyday words gets its vetted answer; a warning sign, the urgent reply.
    asked = lines.index("Alex> how soon will I see hair?")
    assert lines[asked + 1].startswith("bot> When results may show")
    assert "bot> Did this answer your question?" in lines[asked:]
    warned = lines.index("Alex> the injection spot is oozing pus and I feel feverish")
    assert "emergency" in lines[warned + 1].lower()
    # Being a clinic's patient, the setting question never came, and the pointer names it.
    assert "At home (dermaroller kit)" not in result.stdout
    assert "contact your clinic (Hair Clinic London, +44 20 7946 0000)" in result.stdout
    # The staff view: the day, a closure with its report, a broadcast, the urgent note.
    assert "bot to Dr Ada> Sun 22 Nov 2026 at Hair Clinic London: 1 session" in lines
    closing = next(i for i, line in enumerate(lines) if line.startswith("Dr Ada> /closed"))
    assert "1 patient, 1 session will move to" in lines[closing + 2]
    assert result.stdout.count("Delivered: 1 of 1") == 2  # the closure notice, the broadcast
    # The calendar file, the export and, a month on, a progress check-in and its chart.
    assert any(line.startswith("bot> [file mesobot-course.ics") for line in lines)
    assert any(line.startswith("bot> [file mesobot-report.html") for line in lines)
    assert "Alex pressed [Less]" in lines
    assert any(line.startswith("bot> [file mesobot-progress.png") for line in lines)
    assert "bot> Message from Hair Clinic London" in lines
    assert any(line.startswith("bot to Dr Ada> ⚠️ Urgent: Alex (#1) wrote:") for line in lines)
    # The signs by their titles, in the staff member's language.
    assert "Warning signs: Fever; Pus, discharge or a hot, hard lump" in result.stdout
    assert result.stderr == ""
    # The demo ran on a database of its own: the try-it chat's file was never created.
    assert not (tmp_path / "mesobot-sandbox.db").exists()


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


def test_run_refuses_an_unmigrated_database_then_migrate_fixes_it(tmp_path: Path) -> None:
    env = {
        "MESOBOT_TOKEN": "123:abc",
        "MESOBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}",
        "MESOBOT_API_BASE_URL": "http://127.0.0.1:9",
    }
    refused = run_mesobot("run", cwd=tmp_path, env=env)
    assert refused.returncode == 2
    assert refused.stderr == "mesobot: the database is not migrated: run `mesobot migrate` first\n"
    migrated = run_mesobot("migrate", cwd=tmp_path, env=env)
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout.startswith(f"database at revision {HEAD}")
    again = run_mesobot("migrate", cwd=tmp_path, env=env)
    assert again.stdout.strip().endswith("(already up to date)")


def _migrated(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    assert run_mesobot("migrate", cwd=tmp_path, env={"MESOBOT_DATABASE_URL": url}).returncode == 0
    return url


@pytest.mark.parametrize(
    ("env", "line"),
    [
        (
            {"MESOBOT_DATABASE_URL": "garbage"},
            "mesobot: MESOBOT_DATABASE_URL is not valid: must be a database URL such as "
            "sqlite+aiosqlite:///mesobot.db or postgresql://user:password@host/db",
        ),
        (
            {"MESOBOT_DATABASE_URL": "mysql://me@db/bot"},
            "mesobot: MESOBOT_DATABASE_URL is not valid: mysql is not supported: "
            "use PostgreSQL or SQLite",
        ),
        # What hosting platforms set: read when MESOBOT_DATABASE_URL is not, and driven by asyncpg.
        (
            {"DATABASE_URL": "postgres://nobody@127.0.0.1:1/bot"},
            "mesobot: cannot reach the database: [Errno 111] Connect call failed ('127.0.0.1', 1)",
        ),
    ],
)
def test_a_bad_database_setting_is_one_line_and_exit_2(
    tmp_path: Path, env: dict[str, str], line: str
) -> None:
    result = run_mesobot("run", cwd=tmp_path, env={"MESOBOT_TOKEN": "1:x", **env})
    assert (result.returncode, result.stderr) == (2, line + "\n")


@pytest.mark.parametrize(
    ("api", "reason"),
    [
        ("http://127.0.0.1:9", "httpx.ConnectError: All connection attempts failed"),
        ("http://no-such-host.invalid", "httpx.ConnectError: [Errno -2] Name or service not known"),
    ],
)
def test_an_unreachable_bot_api_is_one_line_and_exit_2(
    tmp_path: Path, api: str, reason: str
) -> None:
    env = {"MESOBOT_TOKEN": "1:x", "MESOBOT_API_BASE_URL": api}
    result = run_mesobot(
        "run", cwd=tmp_path, env={"MESOBOT_DATABASE_URL": _migrated(tmp_path), **env}
    )
    assert (result.returncode, result.stderr) == (
        2,
        f"mesobot: cannot reach the Bot API at {api}: {reason}\n",
    )


def test_a_token_the_server_rejects_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mesobot.sandbox", "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout and server.stdout.readline().startswith("Bot API sandbox at")
        api = f"http://127.0.0.1:{port}"
        env = {"MESOBOT_TOKEN": "1:wrong", "MESOBOT_API_BASE_URL": api}
        result = run_mesobot(
            "run", cwd=tmp_path, env={"MESOBOT_DATABASE_URL": _migrated(tmp_path), **env}
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()
    assert result.returncode == 2
    assert result.stderr == (
        f"mesobot: the Bot API server ({api}) rejected the token: "
        "check MESOBOT_TOKEN against @BotFather\n"
    )


async def test_a_webhook_port_in_use_is_one_line_and_exit_2(
    sandbox: Sandbox, migrated_url: str, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = bot_environment(sandbox, migrated_url)
        env.update(MESOBOT_WEBHOOK_URL="https://bot.example.org/hook", PORT=str(port))
        log = tmp_path / "bot.log"
        async with bot_process(env, log) as bot:
            assert await bot.wait() == 2
    assert log.read_text() == f"mesobot: cannot listen on 0.0.0.0:{port}: Address already in use\n"


async def test_run_polling_with_a_port_serves_health_and_logs_json(
    sandbox: Sandbox, migrated_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = bot_environment(sandbox, migrated_url)
    env.update(PORT=str(port), MESOBOT_LOG_FORMAT="json")
    log = tmp_path / "bot.log"
    async with bot_process(env, log) as bot, httpx.AsyncClient() as client:
        phone = sandbox.phone("Ola")
        await phone.send("/start")
        assert "Is that all right with you?" in ((await phone.next_message(timeout=60)).text or "")
        health = await client.get(f"http://127.0.0.1:{port}/healthz")
        assert (health.status_code, health.json()["database"]) == (200, "ok")
        metrics = await client.get(f"http://127.0.0.1:{port}/metrics")
        assert 'mesobot_updates_total{kind="command"} 1.0' in metrics.text
        bot.send_signal(signal.SIGTERM)
        assert await bot.wait() == 0
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert any(line["message"] == "update done" and line["handler"] == "/start" for line in lines)


def test_a_database_locked_by_another_process_is_one_line_and_exit_2(tmp_path: Path) -> None:
    url = _migrated(tmp_path)
    holder = sqlite3.connect(tmp_path / "bot.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a long transaction, or a backup, elsewhere
    try:
        result = run_mesobot(
            "run", cwd=tmp_path, env={"MESOBOT_TOKEN": "1:x", "MESOBOT_DATABASE_URL": url}
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (result.returncode, result.stderr) == (
        2,
        "mesobot: cannot write to the database: database is locked\n",
    )


def test_a_read_only_database_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _migrated(tmp_path)
    read_only = f"sqlite+aiosqlite:///file:{tmp_path / 'bot.db'}?mode=ro&uri=true"
    result = run_mesobot(
        "run", cwd=tmp_path, env={"MESOBOT_TOKEN": "1:x", "MESOBOT_DATABASE_URL": read_only}
    )
    assert (result.returncode, result.stderr) == (
        2,
        "mesobot: cannot write to the database: attempt to write a readonly database\n",
    )


def test_refitting_without_the_dev_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from mesobot.cli import main
    from mesobot.services.faq_model import ARTEFACT

    before = ARTEFACT.read_bytes()
    for module in ("scipy", "scipy.sparse", "sklearn"):
        monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    assert main(["faq-model"]) == 2
    assert capsys.readouterr().err == (
        'mesobot faq-model: needs scipy, in the development extra: pip install -e ".[dev]"\n'
    )
    assert ARTEFACT.read_bytes() == before
