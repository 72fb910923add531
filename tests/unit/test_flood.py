"""Flood control buckets, driven by a fake time source (no sleeping)."""

from __future__ import annotations

import pytest

from mesobot.sandbox.errors import ApiError
from mesobot.sandbox.flood import FloodControl


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_one_per_second_per_chat() -> None:
    time = FakeTime()
    flood = FloodControl(chat_rate=1, chat_burst=3, time_source=time)
    for _ in range(3):
        flood.take(1)
    with pytest.raises(ApiError) as caught:
        flood.take(1)
    assert caught.value.status == 429
    assert caught.value.parameters == {"retry_after": 1}
    flood.take(2)  # another chat has its own bucket
    time.now += 1.0
    flood.take(1)
    assert flood.refused == 1


def test_retry_after_rounds_up_the_wait() -> None:
    time = FakeTime()
    flood = FloodControl(chat_rate=0.25, chat_burst=1, time_source=time)
    flood.take(1)
    with pytest.raises(ApiError) as caught:
        flood.take(1)
    assert caught.value.parameters == {"retry_after": 4}


def test_overall_limit_applies_across_chats() -> None:
    time = FakeTime()
    flood = FloodControl(
        chat_rate=10, chat_burst=10, global_rate=30, global_burst=30, time_source=time
    )
    for chat in range(30):
        flood.take(chat)
    with pytest.raises(ApiError):
        flood.take(99)
    time.now += 0.11  # a little over three more tokens at 30/s
    for chat in range(3):
        flood.take(100 + chat)
    with pytest.raises(ApiError):
        flood.take(200)


def test_a_refused_message_does_not_use_up_a_token() -> None:
    time = FakeTime()
    flood = FloodControl(chat_rate=1, chat_burst=1, time_source=time)
    flood.take(1)
    for _ in range(5):
        with pytest.raises(ApiError):
            flood.take(1)
    time.now += 1.0
    flood.take(1)


def test_off_switch() -> None:
    flood = FloodControl(enabled=False, chat_rate=1, chat_burst=1, time_source=FakeTime())
    for _ in range(1000):
        flood.take(1)
    assert flood.refused == 0


def test_limits_must_be_sensible() -> None:
    with pytest.raises(ValueError):
        FloodControl(chat_rate=0)
    with pytest.raises(ValueError):
        FloodControl(global_burst=0)
