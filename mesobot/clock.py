"""Clocks: the system clock in production, a manual one in tests and the sandbox."""

from __future__ import annotations

import datetime as dt
import re
from typing import Protocol


class Clock(Protocol):
    """Anything that can tell the current UTC time."""

    def now(self) -> dt.datetime:
        """Return the current time as a UTC-aware datetime."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> dt.datetime:
        """Return the current UTC time."""
        return dt.datetime.now(dt.UTC)


class ManualClock:
    """A clock that moves only when told to, so tests never sleep."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        start = start or dt.datetime.now(dt.UTC)
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start time")
        self._now = start.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        """Return the clock's current time."""
        return self._now

    def advance(self, delta: dt.timedelta) -> dt.datetime:
        """Move the clock forward by ``delta`` and return the new time."""
        if delta < dt.timedelta(0):
            raise ValueError("a clock cannot go backwards")
        self._now += delta
        return self._now

    def set(self, when: dt.datetime) -> None:
        """Jump to ``when`` (forward only)."""
        self.advance(when.astimezone(dt.UTC) - self._now)


class OffsetClock:
    """The real time, moved forward on request (the sandbox's ``:advance``)."""

    def __init__(self) -> None:
        self._offset = dt.timedelta(0)

    def now(self) -> dt.datetime:
        """Return the real UTC time plus the offset."""
        return dt.datetime.now(dt.UTC) + self._offset

    def advance(self, delta: dt.timedelta) -> dt.datetime:
        """Move forward by ``delta`` and return the new time."""
        if delta < dt.timedelta(0):
            raise ValueError("a clock cannot go backwards")
        self._offset += delta
        return self.now()


def parse_duration(text: str) -> dt.timedelta | None:
    """``2d``, ``3h``, ``30m``, ``1w`` or combinations such as ``1d12h``; None if unreadable."""
    units = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
    parts = re.findall(r"(\d{1,4})\s*([wdhm])", text.strip().lower())
    if not parts or re.sub(r"[\d\s]+[wdhm]", "", text.strip().lower()):
        return None
    return sum(
        (dt.timedelta(**{units[unit]: int(count)}) for count, unit in parts), dt.timedelta(0)
    )
