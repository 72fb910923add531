"""Course planning rules: presets, bounds, and session times kept in the patient's wall time."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from zoneinfo import ZoneInfo

MIN_INTERVAL_DAYS = 7
MAX_INTERVAL_DAYS = 28
MIN_SESSIONS = 4
MAX_SESSIONS = 15


class PlanProblem(enum.StrEnum):
    """Why a proposed plan cannot be accepted."""

    PAST = "past"
    TOO_FAR = "too_far"
    INTERVAL_OUT_OF_RANGE = "interval_out_of_range"
    SESSIONS_OUT_OF_RANGE = "sessions_out_of_range"


@dataclass(frozen=True)
class Preset:
    """A ready-made course: a session every ``interval_days`` days, ``sessions`` times."""

    key: str
    interval_days: int
    sessions: int


PRESETS: tuple[Preset, ...] = (
    Preset(key="weekly", interval_days=7, sessions=10),
    Preset(key="fortnightly", interval_days=14, sessions=8),
    Preset(key="monthly", interval_days=28, sessions=6),
)


def preset(key: str) -> Preset | None:
    """Return the preset called ``key``, or None if there is none."""
    for candidate in PRESETS:
        if candidate.key == key:
            return candidate
    return None


# How far ahead anything may be booked: a first session, a closure, a proposed new time.
BOOKABLE_AHEAD = dt.timedelta(days=366)


def to_utc(day: dt.date, at: dt.time, tz: ZoneInfo) -> dt.datetime:
    """Turn a local wall time on ``day`` in ``tz`` into a UTC-aware datetime."""
    # fold=0 gives the first occurrence of an ambiguous time, and for a time in a
    # spring-forward gap it applies the pre-transition offset, which lands the moment
    # exactly one gap-length later on the wall clock (01:30 -> 02:30 in London).
    local = dt.datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=tz)
    return local.astimezone(dt.UTC)


def moved_by(start: dt.datetime, *, days: int, tz: ZoneInfo) -> dt.datetime:
    """``start`` moved by ``days`` calendar days in ``tz``, keeping its own local wall time.

    The one rule for shifting a session (a move, a closed day, a pause): 10:00 stays 10:00
    on the new day, across a DST change too, and a session at its own hour (a time the
    clinic proposed) keeps that hour.
    """
    local = start.astimezone(tz)
    return to_utc(local.date() + dt.timedelta(days=days), local.time(), tz)


def session_starts(
    *, first_day: dt.date, at: dt.time, interval_days: int, sessions: int, tz: ZoneInfo
) -> list[dt.datetime]:
    """Return the UTC start of every session, each at the same local wall time."""
    # Step in calendar days, not in UTC hours, so a weekly 10:00 stays 10:00 locally
    # across a DST change instead of drifting by the offset difference.
    return [
        to_utc(first_day + dt.timedelta(days=k * interval_days), at, tz) for k in range(sessions)
    ]


def latest_first_day(today: dt.date) -> dt.date:
    """Return the last date a course may start on: the same calendar day next year."""
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        # 29 February has no twin next year; the last day of February stands in.
        return dt.date(today.year + 1, 2, 28)


def check_first_day(day: dt.date, *, today: dt.date) -> PlanProblem | None:
    """Return why ``day`` cannot be a course's first session date, or None if it can."""
    if day < today:
        return PlanProblem.PAST
    if day > latest_first_day(today):
        return PlanProblem.TOO_FAR
    return None


def check_interval(days: int) -> PlanProblem | None:
    """Return why sessions ``days`` apart are unacceptable, or None if that is fine."""
    if not MIN_INTERVAL_DAYS <= days <= MAX_INTERVAL_DAYS:
        return PlanProblem.INTERVAL_OUT_OF_RANGE
    return None


def check_sessions(count: int) -> PlanProblem | None:
    """Return why a course of ``count`` sessions is unacceptable, or None if that is fine."""
    if not MIN_SESSIONS <= count <= MAX_SESSIONS:
        return PlanProblem.SESSIONS_OUT_OF_RANGE
    return None


def check_spacing(*, interval_days: int, sessions: int) -> PlanProblem | None:
    """Return why an interval and session count are unacceptable, or None if they are fine."""
    return check_interval(interval_days) or check_sessions(sessions)


def local_date(moment: dt.datetime, tz: ZoneInfo) -> dt.date:
    """Return the calendar date in ``tz`` of an aware moment."""
    # A naive datetime would be read as the server's local time: refuse it rather than guess.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("local_date needs a timezone-aware moment")
    return moment.astimezone(tz).date()


def days_until(start: dt.datetime, *, now: dt.datetime, tz: ZoneInfo) -> int:
    """Return how many local calendar days lie between ``now`` and ``start``."""
    # Patients think in dates, not in 24-hour blocks: 08:00 tomorrow is "1 day" away
    # even at 23:00 today, and a DST change must not shave a day off.
    return (local_date(start, tz) - local_date(now, tz)).days
