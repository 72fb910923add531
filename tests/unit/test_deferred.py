"""Building once, off the event loop, whoever asks first."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

import pytest

from mesobot.deferred import Deferred


async def test_built_once_in_a_worker_thread_however_many_ask() -> None:
    builds: list[str] = []

    def build() -> str:
        time.sleep(0.05)
        builds.append(threading.current_thread().name)
        return "index"

    deferred = Deferred(build)
    deferred.warm()
    deferred.warm()
    values = await asyncio.gather(*(deferred.get() for _ in range(5)))
    assert values == ["index"] * 5
    assert len(builds) == 1
    assert builds[0] != threading.main_thread().name


async def test_the_loop_keeps_running_while_it_builds() -> None:
    deferred = Deferred(lambda: time.sleep(0.2) or "index")
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticking = asyncio.create_task(tick())
    assert await deferred.get() == "index"
    ticking.cancel()
    assert ticks >= 10


def fails_once() -> Callable[[], int]:
    """A build that fails the first time, then returns how many times it was called."""
    attempts: list[int] = []

    def build() -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("not yet")
        return len(attempts)

    return build


async def test_a_failed_build_is_tried_again() -> None:
    build = fails_once()
    deferred = Deferred(build)
    with pytest.raises(OSError, match="not yet"):
        await deferred.get()
    assert await deferred.get() == 2


async def test_a_failed_warm_up_is_logged_and_tried_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    build = fails_once()
    deferred = Deferred(build)
    deferred.warm()
    for _ in range(500):
        if "building in advance failed" in caplog.text:
            break
        await asyncio.sleep(0.01)
    assert "building in advance failed" in caplog.text
    assert await deferred.get() == 2


async def test_one_already_built() -> None:
    assert await Deferred.ready("index").get() == "index"
