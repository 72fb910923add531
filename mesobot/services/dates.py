"""Reading the dates and times patients type in free text during intake."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# Anything longer is a message, not a date; it also keeps dateparser's work bounded.
MAX_INPUT_LENGTH = 64

# "in 3 months" or "December" name no particular day, so the bot asks again rather than guess.
_ACCEPTED_PERIODS = frozenset({"day", "week", "time"})

_WEEKDAYS = re.compile(
    r"\b(?:(?P<mon>mon(?:day)?)|(?P<tue>tue(?:s(?:day)?)?)|(?P<wed>wed(?:nesday)?)"
    r"|(?P<thu>thu(?:r(?:s(?:day)?)?)?)|(?P<fri>fri(?:day)?)|(?P<sat>sat(?:urday)?)"
    r"|(?P<sun>sun(?:day)?))\b",
    re.IGNORECASE,
)
_WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

_TIME = re.compile(
    r"(?P<hour>\d{1,2})"
    r"(?:\s*[:.h]\s*(?P<minute>\d{2})|h)?"
    r"\s*(?:(?P<am>a\.?\s*m\.?)|(?P<pm>p\.?\s*m\.?))?",
    re.IGNORECASE,
)
_NAMED_TIMES = {"noon": dt.time(12, 0), "midday": dt.time(12, 0), "midnight": dt.time(0, 0)}


def parse_date(text: str, *, today: dt.date) -> dt.date | None:
    """Read the date a patient typed, relative to ``today``; None if it is not one day.

    A day and month without a year is the next occurrence on or after ``today``. A bare
    weekday ("friday", "next friday") is the next one strictly after ``today``, so on a
    Friday it means a week later; "this friday" on a Friday is today. Past and far-future
    dates are returned as read: judging them is the caller's business.
    """
    text = text.strip()
    if not text or len(text) > MAX_INPUT_LENGTH:
        return None
    try:
        return _parse_date(text, today)
    except Exception:
        # dateparser is a large heuristic library; a patient's typo must not crash intake.
        return None


def parse_time(text: str) -> dt.time | None:
    """Read a time of day such as ``9:30``, ``14h30``, ``2pm`` or ``noon``; None otherwise."""
    text = text.strip().lower()
    if text in _NAMED_TIMES:
        return _NAMED_TIMES[text]
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    if minute > 59:
        return None
    if match["am"] or match["pm"]:
        if not 1 <= hour <= 12:
            return None
        # 12am is midnight and 12pm is noon, so the 12-hour clock wraps before adding.
        hour = hour % 12 + (12 if match["pm"] else 0)
    elif hour > 23:
        return None
    return dt.time(hour, minute)


def _parse_date(text: str, today: dt.date) -> dt.date | None:
    # Requiring a day and a month stops "3", "December", "2026" and "10:00" from becoming
    # some day chosen by dateparser; relative phrases ("tomorrow", "in 2 weeks") are exempt.
    found = _read(text, today, require_day_and_month=True)
    if found is not None:
        return _on_or_after_today(text, found, today)
    return _weekday(text, today)


def _weekday(text: str, today: dt.date) -> dt.date | None:
    # Weekday names carry no month, so they need the lenient parser; because that parser
    # also turns "sunday at 10" into the 10th, the answer must be the named day, close by.
    named = {_WEEKDAY_INDEX[name] for m in _WEEKDAYS.finditer(text) for name in _groups(m)}
    if not named:
        return None
    found = _read(text, today, require_day_and_month=False)
    if found is None or found.weekday() not in named:
        return None
    return found if abs((found - today).days) <= 7 else None


def _on_or_after_today(text: str, found: dt.date, today: dt.date) -> dt.date:
    # With future preference dateparser reads a year-less "21 Nov" on 21 Nov as next year;
    # reading again from yesterday tells that apart from an explicit "21 Nov 2027".
    same_day_next_year = (found.month, found.day) == (today.month, today.day)
    if not same_day_next_year or found.year != today.year + 1:
        return found
    yesterday = today - dt.timedelta(days=1)
    again = _read(text, yesterday, require_day_and_month=True)
    return today if again == today else found


def _read(text: str, base: dt.date, *, require_day_and_month: bool) -> dt.date | None:
    settings: dict[str, Any] = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "RETURN_TIME_AS_PERIOD": True,
    }
    if require_day_and_month:
        settings["REQUIRE_PARTS"] = ["day", "month"]
    from dateparser.date import DateDataParser  # a large library: loaded for the first date

    parser = DateDataParser(languages=["en"], settings=settings)
    data = parser.get_date_data(text)
    if data.date_obj is None or data.period not in _ACCEPTED_PERIODS:
        return None
    found: dt.date = data.date_obj.date()
    return found


def _groups(match: re.Match[str]) -> list[str]:
    return [name for name, value in match.groupdict().items() if value]


_YEAR = re.compile(r"\b\d{4}\b")
_RANGE = re.compile(r"\s+(?:to|until|till|through|-|\u2013|\u2014)\s+", re.IGNORECASE)


def parse_range(text: str, *, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """Read "14 Dec to 20 Dec" (or one day) as a first and last day; None if unreadable."""
    parts = _RANGE.split(text.strip(), maxsplit=1)
    first = parse_date(parts[0], today=today)
    # The second day is read from the first: "28 Dec to 3 Jan" crosses into the new year.
    # But "14 Dec to 13 Dec" is a slip, not a range of a year: without a year typed, a second
    # day more than half a year on is read back from today (and so comes before the first).
    last = parse_date(parts[1], today=first) if len(parts) == 2 and first else first
    if first and last and (last - first).days > 183 and not _YEAR.search(parts[1]):
        last = parse_date(parts[1], today=today)
    if first is None or last is None:
        return None
    return first, last
