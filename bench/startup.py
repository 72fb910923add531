"""Start-up time and memory with many pending messages: the outbox, and one job per reminder.

Run as a child process (``python -m bench.startup MODE URL``) so each measurement has a fresh
interpreter; it prints one JSON line.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import resource
import sys
import time

import sqlalchemy as sa

from mesobot.app import build_application, polling
from mesobot.clock import ManualClock
from mesobot.config import load_settings
from mesobot.db import create_engine
from mesobot.sandbox import Sandbox

from .common import OUTBOX, START


def _current_rss_kib() -> int:
    # Resident memory now, not the peak: the peak is set by loading the city list at start.
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def _noop(_: object) -> None:
    """A scheduled reminder that does nothing when it fires (it never fires here)."""


async def measure(mode: str, url: str) -> dict[str, float | int]:
    """Start the bot on ``url``; ``naive`` also loads every pending reminder as a job."""
    async with Sandbox(flood_control=False) as sandbox:
        settings = load_settings(token=sandbox.token, api_base_url=sandbox.url, database_url=url)
        started = time.perf_counter()
        app = build_application(settings, clock=ManualClock(START), sweep_seconds=3600)
        async with polling(app):
            await app.bot_data.dispatcher.run_due()  # the start-up sweep, done
            jobs = 0
            if mode == "naive":
                jobs = await _one_job_per_reminder(app.job_queue, url)
            seconds = time.perf_counter() - started
            rss_kib = _current_rss_kib()
    return {"seconds": round(seconds, 3), "rss_mib": round(rss_kib / 1024, 1), "jobs": jobs}


async def _one_job_per_reminder(job_queue: object, url: str) -> int:
    # The common design: read every pending reminder and keep one scheduler job for each.
    engine = create_engine(url)
    async with engine.connect() as connection:
        rows = await connection.execute(
            sa.select(OUTBOX.c.id, OUTBOX.c.due_at).where(OUTBOX.c.status == "pending")
        )
        count = 0
        for row_id, due_at in rows:
            when = due_at.replace(tzinfo=dt.UTC)
            job_queue.run_once(_noop, when=when, name=f"reminder-{row_id}")  # type: ignore[attr-defined]
            count += 1
    await engine.dispose()
    return count


if __name__ == "__main__":
    print(json.dumps(asyncio.run(measure(sys.argv[1], sys.argv[2]))))
