"""The pacer: replies before bulk, bulk's guaranteed share, each chat's own pace, a 429 waited
out by everyone. Time is a fake that moves only when the pacer sleeps."""

from __future__ import annotations

import asyncio
import heapq
from typing import Any

import pytest
from telegram.error import RetryAfter

from mesobot.delivery.pacing import Pacer, Traffic


class FakeTime:
    """A clock that moves only when every task is asleep: to the earliest wake-up."""

    def __init__(self) -> None:
        self.now = 1000.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._count = 0
        self._ticking: asyncio.Task[None] | None = None

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        wake: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._count += 1
        heapq.heappush(self._sleepers, (self.now + seconds, self._count, wake))
        if self._ticking is None or self._ticking.done():
            self._ticking = asyncio.get_running_loop().create_task(self._tick())
        await wake

    async def _tick(self) -> None:
        while self._sleepers:
            for _ in range(50):  # let every task that can run, run
                await asyncio.sleep(0)
            deadline, _, wake = heapq.heappop(self._sleepers)
            self.now = max(self.now, deadline)
            wake.set_result(None)


def pacer(time: FakeTime, **options: Any) -> Pacer:
    return Pacer(time=time, sleep=time.sleep, **options)


async def send(
    limiter: Pacer, sent: list[tuple[str, float]], name: str, chat: int, traffic: Traffic | None
) -> None:
    time = limiter._time
    assert time is not None

    async def call() -> bool:
        sent.append((name, time()))
        return True

    await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": chat}, traffic)


async def test_replies_go_before_bulk_but_bulk_keeps_a_third() -> None:
    time = FakeTime()
    limiter = pacer(time, rate=10, chat_rate=0)
    sent: list[tuple[str, float]] = []
    bulk = [send(limiter, sent, f"b{n}", 100 + n, Traffic.BULK) for n in range(12)]
    replies = [send(limiter, sent, f"r{n}", 200 + n, None) for n in range(12)]
    await asyncio.gather(*bulk, *replies)
    order = "".join(name[0] for name, _ in sent)
    # Two replies to one bulk while both wait, then the rest of the bulk.
    assert order == "rrb" * 6 + "b" * 6
    assert [name for name, _ in sent if name[0] == "r"] == [f"r{n}" for n in range(12)]


async def test_bulk_alone_gets_the_whole_rate_in_tenth_of_a_second_slices() -> None:
    time = FakeTime()
    limiter = pacer(time, rate=30, chat_rate=0)
    sent: list[tuple[str, float]] = []
    start = time.now
    await asyncio.gather(*(send(limiter, sent, "b", 1000 + n, Traffic.BULK) for n in range(93)))
    elapsed = sent[-1][1] - start
    assert elapsed == pytest.approx(3.0, abs=0.05)  # 3 at once, then 30 a second
    for second in range(3):  # never more than a second's worth and the small burst
        assert sum(1 for _, at in sent if second <= at - start < second + 1 - 1e-9) <= 33


async def test_one_chat_gets_a_short_burst_then_one_a_second() -> None:
    time = FakeTime()
    limiter = pacer(time, rate=0, chat_rate=1, chat_burst=3)
    sent: list[tuple[str, float]] = []
    await asyncio.gather(*(send(limiter, sent, f"m{n}", 7, None) for n in range(6)))
    start = sent[0][1]
    # A tenth slower than the limit itself, so that network jitter cannot break it.
    assert [round(at - start, 3) for _, at in sent] == [0, 0, 0, 1.111, 2.222, 3.333]
    other: list[tuple[str, float]] = []
    await send(limiter, other, "x", 8, None)  # another chat has its own pace
    assert other[0][1] == time.now


async def test_edits_and_answers_are_not_paced() -> None:
    time = FakeTime()
    limiter = pacer(time, rate=1, chat_rate=1, chat_burst=1)
    calls: list[float] = []

    async def call() -> bool:
        calls.append(time())
        return True

    for _ in range(4):
        await limiter.process_request(call, (), {}, "editMessageText", {"chat_id": 5}, None)
    assert calls == [calls[0]] * 4


async def test_a_429_pauses_everyone_then_the_request_is_tried_again() -> None:
    time = FakeTime()
    limiter = pacer(time, rate=30, chat_rate=0, retries=2)
    attempts: list[float] = []

    async def flooded() -> bool:
        attempts.append(time())
        if len(attempts) == 1:
            raise RetryAfter(4)
        return True

    assert await limiter.process_request(flooded, (), {}, "sendMessage", {"chat_id": 1}, None)
    assert attempts[1] - attempts[0] >= 4


async def test_a_429_after_the_last_retry_reaches_the_caller() -> None:
    time = FakeTime()
    limiter = pacer(time, rate=30, chat_rate=0, retries=1)

    async def flooded() -> bool:
        raise RetryAfter(1)

    with pytest.raises(RetryAfter):
        await limiter.process_request(flooded, (), {}, "sendMessage", {"chat_id": 1}, None)
