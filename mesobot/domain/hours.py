"""A clinic's opening hours: the weekdays it opens and the hours sessions may start, and the
next open slot for a session that would land on a closed day or outside those hours."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from . import plan as rules

ENGLISH_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# How far the next open slot is looked for: a clinic open on no day in a year has no slot.
LOOK_AHEAD_DAYS = 366
_TIME = r"(\d{1,2})(?:[:.h](\d{2}))?"
_SPAN = re.compile(rf"^(?P<days>.+?)\s+{_TIME}\s*[-–—]\s*{_TIME}$")


class HoursProblem(ValueError):
    """Opening hours that cannot be read; the message says how to write them."""


@dataclass(frozen=True)
class OpeningHours:
    """The weekdays a clinic opens (Monday is 0) and when sessions may start on them: from
    ``opens`` up to, not including, ``closes``."""

    days: frozenset[int]
    opens: dt.time
    closes: dt.time

    def storage(self) -> str:
        """How the clinic's row keeps them: ``0-4 09:00-19:00``."""
        days = "".join(str(day) for day in sorted(self.days))
        return f"{days} {self.opens:%H:%M}-{self.closes:%H:%M}"

    @classmethod
    def stored(cls, value: str | None) -> OpeningHours | None:
        """Read back what ``storage`` wrote; None for a clinic without hours."""
        if not value:
            return None
        days, span = value.split()
        opens, closes = span.split("-")
        return cls(
            frozenset(int(day) for day in days),
            dt.time.fromisoformat(opens),
            dt.time.fromisoformat(closes),
        )

    def describe(self, weekdays: Sequence[str]) -> str:
        """``Mo–Fr 09:00–19:00`` with the language's weekday names (Monday first)."""
        runs: list[str] = []
        ordered = sorted(self.days)
        start = 0
        for i in range(1, len(ordered) + 1):
            if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
                first, last = ordered[start], ordered[i - 1]
                runs.append(
                    weekdays[first] if first == last else f"{weekdays[first]}–{weekdays[last]}"
                )
                start = i
        return f"{', '.join(runs)} {self.opens:%H:%M}–{self.closes:%H:%M}"


def parse_hours(text: str, weekdays: Sequence[str] = ()) -> OpeningHours:
    """Opening hours as staff write them: ``Mon-Fri 09:00-19:00``, ``mon,wed,sat 10-16``.
    Weekdays in English or by the names in ``weekdays`` (Monday first); raises
    ``HoursProblem``."""
    found = _SPAN.match(" ".join(text.split()).strip())
    if not found:
        raise HoursProblem("write the days and the hours, e.g. Mon-Fri 09:00-19:00")
    names = [*ENGLISH_DAYS, *(_plain(name) for name in weekdays)]
    days: set[int] = set()
    for part in re.split(r"\s*,\s*|\s+", _plain(found["days"])):
        ends = [end.strip().rstrip(".") for end in re.split(r"\s*[-–—]\s*", part) if end]
        if not ends or len(ends) > 2:
            raise HoursProblem(f"{part!r} is not a day or a range of days")
        numbers = [_day(end, names) for end in ends]
        first, last = numbers[0], numbers[-1]
        while True:
            days.add(first)
            if first == last:
                break
            first = (first + 1) % 7
    opens, closes = _time(found[2], found[3]), _time(found[4], found[5])
    if opens >= closes:
        raise HoursProblem("the clinic must open before it closes")
    return OpeningHours(frozenset(days), opens, closes)


def _plain(text: str) -> str:
    """Lowercase, without accents or a closing dot: "Sá." is "sa"."""
    decomposed = unicodedata.normalize("NFKD", text.lower().rstrip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _day(name: str, names: Sequence[str]) -> int:
    for i, known in enumerate(names):
        if known and (name == known or (len(name) >= 2 and known.startswith(name))):
            return i % 7
    raise HoursProblem(f"{name!r} is not a day of the week")


def _time(hour: str, minute: str | None) -> dt.time:
    h, m = int(hour), int(minute or 0)
    if h == 24 and m == 0:
        return dt.time(23, 59)
    if h > 23 or m > 59:
        raise HoursProblem(f"{hour}:{minute or '00'} is not a time of day")
    return dt.time(h, m)


def next_open(
    start: dt.datetime, *, hours: OpeningHours | None, closed: Collection[dt.date], tz: ZoneInfo
) -> dt.datetime:
    """The first moment from ``start`` on that the clinic takes a session: the same time on
    the next open day if that time is within its hours, else its opening time (that day if
    it is still to come, else the next open day). ``start`` itself when the clinic is open
    then, or when it opens on no day at all."""
    local = start.astimezone(tz)
    day, at = local.date(), local.time().replace(tzinfo=None)
    if hours is not None and at < hours.opens:
        at = hours.opens
    elif hours is not None and at >= hours.closes:
        day, at = day + dt.timedelta(days=1), hours.opens
    found = next_open_day(day, hours=hours, closed=closed)
    if found is None or (found == local.date() and at == local.time()):
        return start
    return rules.to_utc(found, at, tz)


def next_open_day(
    day: dt.date, *, hours: OpeningHours | None, closed: Collection[dt.date]
) -> dt.date | None:
    """The first day from ``day`` on that the clinic opens; None if it opens on none."""
    for _ in range(LOOK_AHEAD_DAYS):
        if day not in closed and (hours is None or day.weekday() in hours.days):
            return day
        day += dt.timedelta(days=1)
    return None
