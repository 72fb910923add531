"""What /next asks of the database, with 100,000 patients beside 1,000: the patient and their
plan with its sessions (``PatientService.course``), p50 and p99 over random patients.

``python -m bench.lookup [--quick]``; the ratio shows whether the lookups stay indexed.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from pathlib import Path

from mesobot.db import create_engine, session_maker
from mesobot.services.patients import PatientService

from .common import add_plans, fresh_database
from .load import percentile

FIRST_USER = 10_000_000


async def lookups(url: str, patients: int, asks: int) -> dict[str, float]:
    """Milliseconds per lookup of a random patient's course."""
    engine = create_engine(url)
    service = PatientService(session_maker(engine))
    chosen = random.Random(3)
    timings = []
    for _ in range(asks):
        user = FIRST_USER + chosen.randrange(patients)
        started = time.perf_counter()
        patient, view = await service.course(telegram_user_id=user)
        timings.append((time.perf_counter() - started) * 1000)
        assert patient is not None and view is not None and len(view.sessions) == 10
    await engine.dispose()
    return {
        "p50_ms": round(percentile(timings, 0.5), 2),
        "p99_ms": round(percentile(timings, 0.99), 2),
    }


async def main(quick: bool) -> None:
    """The same lookups on a small and a large database."""
    large = 20_000 if quick else 100_000
    asks = 500 if quick else 2_000
    with tempfile.TemporaryDirectory() as tmp:
        figures = {}
        for patients in (1_000, large):
            url = await fresh_database(Path(tmp) / f"p{patients}.db")
            await add_plans(url, list(range(FIRST_USER, FIRST_USER + patients)), first_id=1)
            await lookups(url, patients, 50)  # warm the cache and the statement cache
            figures[patients] = await lookups(url, patients, asks)
            print(f"/next lookup, {patients:,} patients with plans (SQLite): {figures[patients]}")
        ratio = figures[large]["p99_ms"] / figures[1_000]["p99_ms"]
        print(
            f"  p99 at {large:,} = {figures[large]['p99_ms']} ms  (target <= 10); "
            f"p99 ratio {large:,} / 1,000 = {ratio:.2f}  (about 1 when indexed)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.lookup", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20,000 patients, for a smoke run")
    asyncio.run(main(parser.parse_args().quick))
