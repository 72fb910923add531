"""Opening hours: read as staff write them, and the next open slot for a session."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mesobot.domain.hours import HoursProblem, OpeningHours, next_open, parse_hours

LONDON = ZoneInfo("Europe/London")
WEEKDAYS = OpeningHours(frozenset(range(5)), dt.time(9), dt.time(19))
RUSSIAN = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"]
SPANISH = ["LU", "MA", "MI", "JU", "VI", "SA", "DO"]


def london(day: int, hour: int, minute: int = 0, month: int = 12) -> dt.datetime:
    year = 2026 if month == 12 else 2027
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON).astimezone(dt.UTC)


@pytest.mark.parametrize(
    ("typed", "names", "days", "opens", "closes"),
    [
        ("Mon-Fri 09:00-19:00", (), {0, 1, 2, 3, 4}, "09:00", "19:00"),
        ("mon,wed , sat 10-16", (), {0, 2, 5}, "10:00", "16:00"),
        ("Sat-Mon 10:30–16:30", (), {5, 6, 0}, "10:30", "16:30"),
        ("tues-thurs 8.30-12", (), {1, 2, 3}, "08:30", "12:00"),
        ("пн-пт 9-19", RUSSIAN, {0, 1, 2, 3, 4}, "09:00", "19:00"),
        ("lu,mi,sá 10h00-16h00", SPANISH, {0, 2, 5}, "10:00", "16:00"),
    ],
)
def test_hours_are_read_as_staff_write_them(
    typed: str, names: tuple[str, ...], days: set[int], opens: str, closes: str
) -> None:
    hours = parse_hours(typed, names)
    assert hours.days == days
    assert (f"{hours.opens:%H:%M}", f"{hours.closes:%H:%M}") == (opens, closes)
    assert OpeningHours.stored(hours.storage()) == hours


@pytest.mark.parametrize(
    "typed", ["", "Mon-Fri", "9-19", "Funday 9-17", "Mon-Fri 19-9", "Mon 25:00-26:00", "Mon 9-9"]
)
def test_hours_that_cannot_be_read_are_refused(typed: str) -> None:
    with pytest.raises(HoursProblem):
        parse_hours(typed)


def test_hours_are_shown_in_runs_of_days() -> None:
    names = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    assert WEEKDAYS.describe(names) == "Mo–Fr 09:00–19:00"
    assert parse_hours("mon,wed-fri,sun 9-13").describe(names) == "Mo, We–Fr, Su 09:00–13:00"


def test_a_session_in_hours_on_an_open_day_stays() -> None:
    start = london(3, 10)  # Thursday
    assert next_open(start, hours=WEEKDAYS, closed=set(), tz=LONDON) is start


def test_a_weekend_session_moves_to_monday_at_the_same_time() -> None:
    saturday = london(5, 11, 30)
    assert next_open(saturday, hours=WEEKDAYS, closed=set(), tz=LONDON) == london(7, 11, 30)


def test_a_closed_day_is_skipped_like_a_closed_weekday() -> None:
    closed = {dt.date(2026, 12, 7), dt.date(2026, 12, 8)}
    moved = next_open(london(5, 10), hours=WEEKDAYS, closed=closed, tz=LONDON)
    assert moved == london(9, 10)
    assert next_open(london(7, 10), hours=None, closed=closed, tz=LONDON) == london(9, 10)


def test_outside_hours_the_session_takes_the_next_opening() -> None:
    assert next_open(london(3, 7), hours=WEEKDAYS, closed=set(), tz=LONDON) == london(3, 9)
    assert next_open(london(3, 19), hours=WEEKDAYS, closed=set(), tz=LONDON) == london(4, 9)
    # Friday evening: the next opening is Monday morning.
    assert next_open(london(4, 20), hours=WEEKDAYS, closed=set(), tz=LONDON) == london(7, 9)


def test_the_wall_time_is_kept_across_the_clock_change() -> None:
    # Saturday 27 March 2027 10:00 GMT; the clocks go forward on Sunday.
    moved = next_open(london(27, 10, month=3), hours=WEEKDAYS, closed=set(), tz=LONDON)
    assert moved.astimezone(LONDON).strftime("%a %d %b %H:%M") == "Mon 29 Mar 10:00"
    assert moved.hour == 9  # 10:00 BST in UTC


def test_a_clinic_open_on_no_day_leaves_the_session_alone() -> None:
    start = london(3, 10)
    every_day = {dt.date(2026, 12, 3) + dt.timedelta(days=n) for n in range(400)}
    assert next_open(start, hours=None, closed=every_day, tz=LONDON) is start
