"""``mesobot run`` as a separate process against the sandbox, to kill or stop it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from mesobot.sandbox import Sandbox


def bot_environment(sandbox: Sandbox, database_url: str) -> dict[str, str]:
    """The environment for ``mesobot run`` against ``sandbox``: this machine's, without any
    MESOBOT_ setting of its own."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MESOBOT_") and k not in ("PORT", "DATABASE_URL")
    }
    env.update(
        MESOBOT_TOKEN=sandbox.token,
        MESOBOT_API_BASE_URL=sandbox.url,
        MESOBOT_DATABASE_URL=database_url,
        MESOBOT_INSTANCE="one",
        MESOBOT_CHAT_RATE="0",
    )
    return env


@contextlib.asynccontextmanager
async def bot_process(env: dict[str, str], log: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """``mesobot run`` in its own process; killed with SIGKILL at the end if still running."""
    with log.open("a") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "mesobot",
            "run",
            env=env,
            stdout=out,
            stderr=out,
            stdin=asyncio.subprocess.DEVNULL,
        )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGKILL)
        await process.wait()
