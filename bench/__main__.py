"""Run every benchmark and print its figures and ratios: ``python -m bench [--quick]``."""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import START, add_patients, fresh_database
from .crash import main as crash
from .dispatch import dispatch
from .footprint import report as footprint
from .understanding import main as understanding

LATER = START.replace(year=START.year + 1)


def _child(mode: str, url: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-m", "bench.startup", mode, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


async def _database(workdir: Path, name: str, rows: int) -> str:
    url = await fresh_database(workdir / name)
    if rows:
        patients = max(1, rows // 100)
        await add_patients(
            url, list(range(1, patients + 1)), per_patient=rows // patients, due=LATER
        )
    return url


async def engine(quick: bool) -> None:
    """Every figure the reminder engine promises, measured in this one run."""
    messages = 2_000 if quick else 10_000
    rate = 250.0
    pending = 100_000 if quick else 1_000_000
    naive_rows = 20_000 if quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        limited = await dispatch(workdir, messages=messages, rate=rate)
        print(f"dispatch at a {rate:g}/s limit: {limited}")
        print(f"  achieved rate / limit = {limited['per_second'] / rate:.3f}  (target >= 0.95)")
        unlimited = await dispatch(workdir, messages=messages, rate=None)
        print(f"dispatch with limits off: {unlimited}")
        print(f"  messages per second = {unlimited['per_second']}  (target >= 1000)")

        empty = await _database(workdir, "empty.db", 0)
        full = await _database(workdir, "full.db", pending)
        base, loaded = _child("outbox", empty), _child("outbox", full)
        print(f"start-up, empty outbox: {base}")
        print(f"start-up, {pending:,} pending: {loaded}")
        print(
            f"  time ratio = {loaded['seconds'] / base['seconds']:.2f}, "
            f"memory ratio = {loaded['rss_mib'] / base['rss_mib']:.2f}  (target: about 1)"
        )

        some = await _database(workdir, "naive.db", naive_rows)
        outbox, naive = _child("outbox", some), _child("naive", some)
        print(f"{naive_rows:,} reminders, outbox: {outbox}")
        print(f"{naive_rows:,} reminders, one job each: {naive}")
        print(
            f"  one-job-each / outbox: time {naive['seconds'] / outbox['seconds']:.2f}x, "
            f"memory {naive['rss_mib'] / outbox['rss_mib']:.2f}x"
        )


def main(quick: bool) -> None:
    """The reminder engine, reading messages, a crash mid-broadcast, and the footprint
    (installed sizes only without ``--quick``: they take a minute or two)."""
    asyncio.run(engine(quick))
    understanding(quick)
    crash()
    footprint(quick, install=not quick)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller numbers, for a smoke run")
    main(parser.parse_args().quick)
