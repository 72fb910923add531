"""Replies under load, the bot here and the patients' sandbox in a process of their own
(``bench.crowd``), with Telegram's flood control on:

- 200 patients doing the whole intake at once: messages a second as a share of the 30/s
  limit, and reply latency against the floor the limit itself sets (every patient waiting
  for a reply, each reply queued behind the others: patients x messages per reply / rate);
- a 1,000-patient broadcast while 20 others send /next every 2 to 4 s: their reply
  latency, and the broadcast's rate while they chat and after.

``python -m bench.load [--quick] [--postgres URL]``; "database is locked" is counted in the
bot's log.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from mesobot.app import build_application, polling
from mesobot.clock import Clock, ManualClock, SystemClock
from mesobot.config import load_settings
from mesobot.db import create_engine
from mesobot.migrate import upgrade
from mesobot.sandbox import DEFAULT_TOKEN

from .common import START, add_patients, add_plans, fresh_database

RATE = 30.0


class Troubles(logging.Handler):
    """Counts the bot's warnings, and those that say the database was locked."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[str] = []
        self.locked = 0

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage() + (str(record.exc_info[1]) if record.exc_info else "")
        self.warnings.append(text[:200])
        self.locked += "locked" in text.lower()


async def empty_postgres(url: str) -> str:
    """The PostgreSQL database emptied and migrated."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        await connection.execute(sa.text("CREATE SCHEMA public"))
    await upgrade(engine)
    await engine.dispose()
    return url


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run_crowd(
    url: str, scenario: list[str], seed: Any = None, clock: Clock | None = None
) -> tuple[dict[str, Any], Troubles]:
    """Start the crowd, seed the database for its users, run the bot until the crowd is done."""
    crowd = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.crowd",
        *scenario,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        limit=2**26,
    )
    assert crowd.stdin is not None and crowd.stdout is not None
    ready = json.loads(await crowd.stdout.readline())
    if seed is not None:
        await seed(ready["users"])
    troubles = Troubles()
    logging.getLogger().addHandler(troubles)
    try:
        settings = load_settings(token=DEFAULT_TOKEN, api_base_url=ready["url"], database_url=url)
        app = build_application(settings, clock=clock or ManualClock(START), max_rate=RATE)
        async with polling(app):
            crowd.stdin.write(b"go\n")
            await crowd.stdin.drain()
            result = json.loads(await crowd.stdout.readline())
    finally:
        logging.getLogger().removeHandler(troubles)
        crowd.stdin.write(b"done\n")  # the bot has stopped: the sandbox may go
        await crowd.stdin.drain()
        await crowd.wait()
    return result, troubles


async def intake(url: str, patients: int) -> dict[str, Any]:
    """Everyone through the intake at once."""
    result, troubles = await run_crowd(url, ["intake", str(patients)], clock=SystemClock())
    latencies = result["latencies"]
    per_reply = result["sent"] / len(latencies)
    floor = patients * per_reply / RATE
    return {
        "patients": patients,
        "messages_per_second": round(result["sent"] / result["seconds"], 1),
        "share_of_limit": round(result["sent"] / result["seconds"] / RATE, 3),
        "p50_s": round(statistics.median(latencies), 2),
        "p99_s": round(percentile(latencies, 0.99), 2),
        "floor_s": round(floor, 2),
        "p50_over_floor": round(statistics.median(latencies) / floor, 2),
        "p99_over_floor": round(percentile(latencies, 0.99) / floor, 2),
        "refused_429": result["refused_429"],
        "database_locked": troubles.locked,
        "warnings": troubles.warnings[:3],
    }


async def broadcast(url: str, bulk: int, chatters: int, seconds: float) -> dict[str, Any]:
    """A broadcast's worth of messages due while some patients keep asking /next."""

    async def seed(users: list[int]) -> None:
        await add_patients(url, users[:bulk], per_patient=1, due=START)
        await add_plans(url, users[bulk:], first_id=bulk + 1)

    result, troubles = await run_crowd(
        url, ["broadcast", str(bulk), str(chatters), str(seconds)], seed
    )
    latencies = result["latencies"]
    during = result["bulk_during"] / result["chatted_seconds"]
    after = result["bulk_after"] / max(result["after_seconds"], 1e-9)
    return {
        "bulk": bulk,
        "replies": len(latencies),
        "reply_p50_s": round(statistics.median(latencies), 2),
        "reply_p99_s": round(percentile(latencies, 0.99), 2),
        "bulk_share_while_chatting": round(during / RATE, 3),
        "bulk_share_after": round(after / RATE, 3),
        "delivered": result["delivered"],
        "database_locked": troubles.locked,
    }


async def main(quick: bool, postgres: str | None) -> None:
    """Both scenarios on SQLite, and on PostgreSQL when given."""
    patients, bulk, chatting = (50, 300, 5.0) if quick else (200, 1000, 15.0)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["sqlite"] + (["postgresql"] if postgres else []):

            async def fresh(file: str, name: str = name) -> str:
                if name == "sqlite":
                    return await fresh_database(Path(tmp) / file)
                assert postgres is not None
                return await empty_postgres(postgres)

            figures = await intake(await fresh("intake.db"), patients)
            print(f"{name}, {patients} patients through intake at once: {figures}")
            print(
                f"  share of the limit = {figures['share_of_limit']}  (target >= 0.9); "
                f"latency / floor: p50 {figures['p50_over_floor']}, "
                f"p99 {figures['p99_over_floor']}; database locked: "
                f"{figures['database_locked']}  (target 0)"
            )
            mixed = await broadcast(await fresh("broadcast.db"), bulk, 20, chatting)
            print(f"{name}, {bulk}-patient broadcast while 20 patients ask /next: {mixed}")
            print(
                f"  reply p99 = {mixed['reply_p99_s']} s  (target <= 1.5); broadcast share "
                f"while they chat = {mixed['bulk_share_while_chatting']}  (target >= 0.6), "
                f"after = {mixed['bulk_share_after']}  (target about 1)"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller crowds, for a smoke run")
    parser.add_argument("--postgres", help="a PostgreSQL URL to run on as well (it is emptied)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)  # counted by Troubles, shown from ERROR
    logging.getLogger().handlers[0].setLevel(logging.ERROR)
    asyncio.run(main(args.quick, args.postgres))
