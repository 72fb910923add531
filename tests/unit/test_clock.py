"""The manual clock tests use instead of sleeping."""

from __future__ import annotations

import datetime as dt

import pytest

from mesobot.clock import ManualClock, SystemClock


def test_manual_clock_moves_only_when_told() -> None:
    start = dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)
    clock = ManualClock(start)
    assert clock.now() == start
    clock.advance(dt.timedelta(hours=2))
    assert clock.now() == start + dt.timedelta(hours=2)
    with pytest.raises(ValueError):
        clock.advance(dt.timedelta(seconds=-1))


def test_manual_clock_needs_aware_time() -> None:
    with pytest.raises(ValueError):
        ManualClock(dt.datetime(2026, 1, 1))


def test_system_clock_is_utc_aware() -> None:
    assert SystemClock().now().tzinfo is dt.UTC
