"""The patients' side of the load benchmarks: the sandbox (flood control on) and its phones,
in a process of their own so they take none of the bot's time.

``python -m bench.crowd intake N`` or ``python -m bench.crowd broadcast BULK CHATTERS
SECONDS``: prints one JSON line with the port and the user ids, waits for a line on standard
input (the bot is running), plays the scenario, and prints one JSON line of results.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import random
import sys
import time
from typing import Any

from mesobot.sandbox import Phone, Sandbox

# What a patient does from /start to a saved plan; "next" is the second message of one reply.
JOURNEY = [("say", "/start"), ("tap", "I agree"), ("tap", "Pattern hair loss (androgenetic)")]
JOURNEY += [("tap", "No")] * 5 + [("tap", "At a clinic (injections)"), ("say", "London")]
# The bot runs on the real clock here (a button answered late must be seen to be late).
FIRST_DAY = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=3)
JOURNEY += [("next", ""), ("say", FIRST_DAY.isoformat()), ("say", "10:00")]
JOURNEY += [("tap", "Every week, 10 sessions"), ("tap", "Save my plan")]
WAIT = 600.0


def telegram_like() -> Sandbox:
    """Telegram's limits: 30 messages a second overall, one a second in a chat after three."""
    return Sandbox(chat_rate=1.0, chat_burst=3, global_rate=30.0, global_burst=30)


async def _ready(sandbox: Sandbox, users: list[int]) -> None:
    print(json.dumps({"url": sandbox.url, "users": users}), flush=True)
    await _told()


async def _told() -> None:
    """Wait for a line from the benchmark."""
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


async def _journey(phone: Phone, latencies: list[float]) -> None:
    for action, text in JOURNEY:
        started = time.perf_counter()
        if action == "say":
            await phone.send(text)
        elif action == "tap":
            await phone.press(text)
        await phone.next_message(timeout=WAIT)
        if action != "next":
            latencies.append(time.perf_counter() - started)


async def _done(result: dict[str, Any]) -> None:
    """Report, then keep the sandbox up until the bot has stopped."""
    print(json.dumps(result), flush=True)
    await _told()


async def intake(patients: int) -> None:
    """Every patient goes through the whole intake at once."""
    async with telegram_like() as sandbox:
        phones = [sandbox.phone(f"P{n}") for n in range(patients)]
        await _ready(sandbox, [p.user_id for p in phones])
        latencies: list[float] = []
        started = time.perf_counter()
        await asyncio.gather(*(_journey(p, latencies) for p in phones))
        elapsed = time.perf_counter() - started
        stats = sandbox.stats()
        await _done(
            {
                "seconds": elapsed,
                "latencies": latencies,
                "sent": stats["sent"],
                "refused_429": stats["refused_429"],
            }
        )


async def broadcast(bulk: int, chatters: int, seconds: float) -> None:
    """``chatters`` patients send /next every 2 to 4 s for ``seconds`` while ``bulk`` others
    receive a message each; how fast the bulk arrives, during and after the chatting."""
    async with telegram_like() as sandbox:
        receivers = [sandbox.phone(f"B{n}", started=True) for n in range(bulk)]
        talkers = [sandbox.phone(f"C{n}", started=True) for n in range(chatters)]
        await _ready(sandbox, [p.user_id for p in receivers + talkers])
        started = time.perf_counter()
        latencies: list[float] = []
        seeds = random.Random(7)

        def delivered() -> int:
            return sum(len(p.received) for p in receivers)

        before = delivered()

        async def chat(phone: Phone) -> None:
            await asyncio.sleep(seeds.uniform(0, 2))
            while time.perf_counter() - started < seconds:
                sent = time.perf_counter()
                await phone.send("/next")
                await phone.next_message(timeout=WAIT)
                latencies.append(time.perf_counter() - sent)
                await asyncio.sleep(seeds.uniform(2, 4))

        await asyncio.gather(*(chat(p) for p in talkers))
        chatted = time.perf_counter() - started
        during = delivered() - before
        await receivers[0].wait_for(lambda: delivered() >= bulk, WAIT, "the whole broadcast")
        finished = time.perf_counter() - started
        await _done(
            {
                "latencies": latencies,
                "chatted_seconds": chatted,
                "bulk_during": during,
                "bulk_after": bulk - during - before,
                "after_seconds": finished - chatted,
                "delivered": delivered(),
            }
        )


if __name__ == "__main__":
    scenario, *numbers = sys.argv[1:]
    if scenario == "intake":
        asyncio.run(intake(int(numbers[0])))
    else:
        asyncio.run(broadcast(int(numbers[0]), int(numbers[1]), float(numbers[2])))
