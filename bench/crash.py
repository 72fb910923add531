"""``kill -9`` in the middle of a broadcast, then a restart: what is sent twice, and how long
the rest waits.

The real ``mesobot run`` in a child process sends 500 due messages (one per patient, as a
clinic broadcast does) to the sandbox in a process of its own, at Telegram's pace of 30 a
second; it is killed with SIGKILL once 250 have arrived, then started again. Run it alone
with ``python -m bench.crash``; ``python -m bench`` includes it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from mesobot.db import create_engine
from mesobot.sandbox import DEFAULT_TOKEN

from .common import OUTBOX, START, add_patients, deliveries, fresh_database
from .dispatch import FIRST_USER, start_sandbox

CLAIM_EXPIRY = 300.0  # what a restart waited for rows left "sending", before


async def _stats(api: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        return dict((await client.get(f"{api}/sandbox/stats")).json())


async def _until(api: str, done: Any, limit: float) -> float:
    """Poll the sandbox until ``done(stats)``; the seconds it took."""
    started = time.perf_counter()
    while not done(await _stats(api)):
        if time.perf_counter() - started > limit:
            raise RuntimeError("the bot did not get there in time")
        await asyncio.sleep(0.02)
    return time.perf_counter() - started


async def _bot(api: str, url: str, workdir: Path) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESOBOT_")}
    env |= {"MESOBOT_TOKEN": DEFAULT_TOKEN, "MESOBOT_API_BASE_URL": api}
    env |= {"MESOBOT_DATABASE_URL": url}
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "mesobot", "run", cwd=workdir, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def _sending(url: str) -> int:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            query = sa.select(sa.func.count()).where(OUTBOX.c.status == "sending")
            return int((await connection.execute(query)).scalar_one())
    finally:
        await engine.dispose()


async def crash(workdir: Path, *, messages: int = 500, kill_at: int = 250) -> dict[str, Any]:
    """Kill the sending bot with SIGKILL after ``kill_at`` arrivals; start it again."""
    url = await fresh_database(workdir / "crash.db")
    await add_patients(url, list(range(FIRST_USER, FIRST_USER + messages)), per_patient=1,
                       due=START)  # fmt: skip
    process, api = await start_sandbox(messages, 30.0)
    try:
        bot = await _bot(api, url, workdir)
        await _until(api, lambda s: s["sent"] >= kill_at, 120)
        bot.send_signal(signal.SIGKILL)
        await bot.wait()
        arrived, left_sending = (await _stats(api))["sent"], await _sending(url)
        bot = await _bot(api, url, workdir)
        # Everyone has the message (duplicates aside): nobody waits for a claim to expire.
        took = await _until(api, lambda s: s["chats_by_received"].get("0", 0) == 0, 120)
        bot.terminate()
        await bot.wait()
        stats = await _stats(api)
    finally:
        process.terminate()
        await process.wait()
    return {
        "messages": messages,
        "arrived_before_the_kill": arrived,
        "left_sending": left_sending,
        **deliveries(stats),
        "restart_to_all_delivered_s": round(took, 2),
    }


def main() -> None:
    """Print the figures against the targets (at most 5 duplicates, nobody waiting)."""
    with tempfile.TemporaryDirectory() as tmp:
        figures = asyncio.run(crash(Path(tmp)))
    print(f"kill -9 mid-broadcast, then restart: {figures}")
    print(
        f"  duplicates {figures['duplicates']} (target <= 5); the rest delivered "
        f"{figures['restart_to_all_delivered_s']} s after the restart, "
        f"{figures['restart_to_all_delivered_s'] / CLAIM_EXPIRY:.3f} of the old 300 s wait"
    )


if __name__ == "__main__":
    main()
