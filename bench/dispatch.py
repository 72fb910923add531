"""Dispatch throughput: the bot here, the sandbox in its own process (as Telegram would be)."""

from __future__ import annotations

import asyncio
import socket
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from mesobot.app import build_application, polling
from mesobot.clock import ManualClock
from mesobot.config import load_settings
from mesobot.sandbox import DEFAULT_TOKEN

from .common import START, add_patients, count_sent, deliveries, fresh_database

FIRST_USER = 1001


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def start_sandbox(users: int, rate: float | None) -> tuple[asyncio.subprocess.Process, str]:
    """The sandbox in a process of its own with ``users`` phones: its process and URL."""
    port = _free_port()
    command = ["-m", "mesobot.sandbox", "--port", str(port), "--users", str(users)]
    command += ["--global-rate", str(rate)] if rate else ["--no-flood-control"]
    process = await asyncio.create_subprocess_exec(
        sys.executable, *command, stdout=asyncio.subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient() as client:
        for _ in range(200):
            try:
                await client.get(f"{url}/sandbox/stats")
                return process, url
            except httpx.HTTPError:
                await asyncio.sleep(0.05)
    process.kill()
    raise RuntimeError("the sandbox did not start")


async def dispatch(workdir: Path, *, messages: int, rate: float | None) -> dict[str, Any]:
    """Send ``messages`` due messages (one per patient) and count what arrives."""
    url = await fresh_database(workdir / "dispatch.db")
    process, api = await start_sandbox(messages, rate)
    try:
        settings = load_settings(token=DEFAULT_TOKEN, api_base_url=api, database_url=url)
        app = build_application(
            settings, clock=ManualClock(START), max_rate=rate or 0, sweep_seconds=3600
        )
        async with polling(app):
            # Queued after start-up, so the timed run below is the one that sends them.
            await app.bot_data.dispatcher.run_due()
            users = list(range(FIRST_USER, FIRST_USER + messages))
            await add_patients(url, users, per_patient=1, due=START)
            started = time.perf_counter()
            await app.bot_data.dispatcher.run_due()
            elapsed = time.perf_counter() - started
        async with httpx.AsyncClient() as client:
            stats = (await client.get(f"{api}/sandbox/stats")).json()
    finally:
        process.terminate()
        await process.wait()
    return {
        "messages": messages,
        "seconds": round(elapsed, 2),
        "per_second": round(stats["sent"] / elapsed, 1),
        "sent_rows": await count_sent(url),
        "delivered": stats["sent"],
        **deliveries(stats),
        "refused_429": stats["refused_429"],
    }
