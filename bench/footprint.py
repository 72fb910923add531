"""Footprint: launch to first reply, resident memory after start and installed size, for
mesobot beside a minimal python-telegram-bot + SQLModel bot (``bench/minimal_bot.py``).

Each bot runs as a child process against the sandbox (here, in this process), with a
/start already waiting: launch time runs from starting the process to the reply arriving,
and memory is the child's VmRSS at that moment and again once it has settled (what mesobot
builds after it starts answering is built by then). mesobot is then asked a question, the
first one needing the FAQ matcher, and taken through intake to type a city at once when asked
for a time zone: the first answer needing the city index, which is built from when the
question is asked. Each figure is the median of several launches.
Installed size is that of a fresh virtual environment with ``pip install .`` (no extras),
beside one with only what the minimal bot needs. ``python -m bench.footprint [--quick]
[--no-install]``; ``python -m bench`` includes it (``--quick`` leaves out the installs).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mesobot.sandbox import Sandbox

from .common import fresh_database

ROOT = Path(__file__).resolve().parents[1]
TARGET_INSTALL_MB = 250
TARGET_RSS_MIB = 150
TARGET_LAUNCH_RATIO = 2.0
MINIMAL_REQUIREMENTS = [
    "python-telegram-bot[job-queue,rate-limiter]",
    "sqlmodel",
    "aiosqlite",
]
# What a copy of the source for ``pip install .`` leaves out.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "*.db*"
)


# With a typo: the word-frequency table is read too.
QUESTION = "Does mesoterapy hurt?"
# Consent, hair-loss type, No to each screening question, a clinic: the time zone question.
TO_TIMEZONE = (
    "I agree",
    "Pattern hair loss (androgenetic)",
    *["No"] * 5,
    "At a clinic (injections)",
)


def _cpu_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # user and system time


async def _settled(pid: int, limit: float = 20.0) -> None:
    """Wait until the process has used no CPU for half a second."""
    deadline = time.perf_counter() + limit
    before = _cpu_ticks(pid)
    while time.perf_counter() < deadline:
        await asyncio.sleep(0.5)
        if (now := _cpu_ticks(pid)) == before:
            return
        before = now
    raise RuntimeError("the bot kept busy")


def _rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc")


async def _launch(bot: str, workdir: Path, run: int) -> dict[str, float]:
    """Start ``bot`` ("minimal" or "mesobot") once: seconds to the reply to /start, and RSS."""
    database = workdir / f"{bot}-{run}.db"
    if bot == "mesobot":
        url = await fresh_database(database)  # `mesobot run` refuses an unmigrated database
    else:
        url = f"sqlite+aiosqlite:///{database}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MESOBOT_")}
    log = workdir / f"{bot}-{run}.log"
    async with Sandbox(flood_control=False) as sandbox:
        if bot == "mesobot":
            env |= {"MESOBOT_TOKEN": sandbox.token, "MESOBOT_API_BASE_URL": sandbox.url}
            # No pause between messages to one chat (about one a second, as Telegram wants):
            # the pace would be timed, not the bot.
            env |= {"MESOBOT_DATABASE_URL": url, "MESOBOT_CHAT_RATE": "0"}
            command = ["-m", "mesobot", "run"]
        else:
            command = ["-m", "bench.minimal_bot", sandbox.token, sandbox.url, url]
        phone = sandbox.phone("Alex")
        await phone.send("/start")
        with log.open("w") as out:
            started = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                sys.executable, *command, cwd=ROOT, env=env, stdout=out, stderr=out,
                stdin=asyncio.subprocess.DEVNULL,
            )  # fmt: skip
        try:
            await phone.next_message(timeout=120)
            found = {"launch_s": time.perf_counter() - started, "rss_mib": _rss_mib(process.pid)}
            if bot == "mesobot":
                asked = time.perf_counter()
                await phone.send(QUESTION)
                await phone.next_message(timeout=60)
                found["question_s"] = time.perf_counter() - asked
            await _settled(process.pid)
            found["settled_rss_mib"] = _rss_mib(process.pid)
            if bot == "mesobot":
                for label in TO_TIMEZONE:
                    await phone.press(label)
                    await phone.next_message(timeout=60)
                typed = time.perf_counter()
                await phone.send("London")
                await phone.next_message(timeout=60)
                found["city_s"] = time.perf_counter() - typed
                await _settled(process.pid)
                found["with_cities_rss_mib"] = _rss_mib(process.pid)
        except TimeoutError:
            raise RuntimeError(f"{bot} did not reply:\n{log.read_text()[-2000:]}") from None
        finally:
            process.terminate()
            await process.wait()
    return found


async def launches(runs: int) -> dict[str, dict[str, float]]:
    """Median launch time and memory of each bot over ``runs`` launches, taken in turn."""
    found: dict[str, list[dict[str, float]]] = {"minimal": [], "mesobot": []}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            for bot, results in found.items():
                results.append(await _launch(bot, Path(tmp), run))
    return {
        bot: {
            key: round(statistics.median(r[key] for r in results), 3 if key.endswith("_s") else 1)
            for key in results[0]
        }
        for bot, results in found.items()
    }


def _size_mb(folder: Path) -> float:
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return round(sum(path.stat().st_size for path in files) / 1e6, 1)


def installed_mb(requirements: list[str]) -> float:
    """The size of a fresh virtual environment after ``pip install`` of ``requirements``."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-cache-dir"]
        subprocess.run([*pip, *requirements], check=True, cwd=tmp, capture_output=True)
        return _size_mb(venv)


def installs() -> dict[str, float]:
    """Installed size of mesobot (``pip install .`` of a copy of this source) and of the
    minimal bot's requirements."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "mesobot"
        shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
        mesobot = installed_mb([str(source)])
    return {"minimal": installed_mb(MINIMAL_REQUIREMENTS), "mesobot": mesobot}


def report(quick: bool = False, *, install: bool = True) -> None:
    """Print each bot's figures, the ratios to the minimal bot and the targets."""
    figures = asyncio.run(launches(3 if quick else 7))
    minimal, ours = figures["minimal"], figures["mesobot"]
    print(f"footprint, minimal PTB + SQLModel bot: {minimal}")
    print(f"footprint, mesobot: {ours}")
    print(
        f"  launch to first reply: {ours['launch_s'] / minimal['launch_s']:.2f}x the minimal "
        f"bot's (target <= {TARGET_LAUNCH_RATIO:g}x); the first question answered in "
        f"{ours['question_s']} s"
    )
    print(
        f"  resident memory at the first reply {ours['rss_mib']} MiB, settled "
        f"{ours['settled_rss_mib']} MiB (target <= {TARGET_RSS_MIB}), "
        f"{ours['settled_rss_mib'] / minimal['settled_rss_mib']:.2f}x the minimal bot's; "
        f"{ours['with_cities_rss_mib']} MiB once the city index is built (the first city "
        f"typed is answered in {ours['city_s']} s)"
    )
    if not install:
        print("  installed size: left out (python -m bench.footprint measures it)")
        return
    sizes = installs()
    print(f"installed size of a fresh venv, MB: {sizes}")
    print(
        f"  mesobot {sizes['mesobot']} MB (target <= {TARGET_INSTALL_MB}), "
        f"{sizes['mesobot'] / sizes['minimal']:.2f}x the minimal bot's"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.footprint", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer launches")
    parser.add_argument("--no-install", action="store_true", help="leave out installed sizes")
    arguments = parser.parse_args()
    report(arguments.quick, install=not arguments.no_install)
