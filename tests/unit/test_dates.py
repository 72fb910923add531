"""Reading the first-session date and time that patients type during intake."""

from __future__ import annotations

import datetime as dt

import pytest

from mesobot.services.dates import parse_date, parse_range, parse_time

# A Saturday, late in the year, so that year-less dates can roll over into the next one.
TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", dt.date(2026, 12, 3)),
        ("3 Dec", dt.date(2026, 12, 3)),
        ("3 December", dt.date(2026, 12, 3)),
        ("Dec 3", dt.date(2026, 12, 3)),
        ("3rd of December", dt.date(2026, 12, 3)),
        ("3 Dec 2026", dt.date(2026, 12, 3)),
        ("  3 dec  ", dt.date(2026, 12, 3)),
        ("Thursday 3 December", dt.date(2026, 12, 3)),
        ("03/12/2026", dt.date(2026, 12, 3)),
        ("3.12.2026", dt.date(2026, 12, 3)),
        ("03-12-2026", dt.date(2026, 12, 3)),
        ("3/12", dt.date(2026, 12, 3)),
        ("today", TODAY),
        ("Today", TODAY),
        ("tomorrow", dt.date(2026, 11, 22)),
        ("day after tomorrow", dt.date(2026, 11, 23)),
        ("the day after tomorrow", dt.date(2026, 11, 23)),
        ("in 2 days", dt.date(2026, 11, 23)),
        ("in 2 weeks", dt.date(2026, 12, 5)),
        ("in two weeks", dt.date(2026, 12, 5)),
        ("next monday", dt.date(2026, 11, 23)),
        ("monday", dt.date(2026, 11, 23)),
        ("friday", dt.date(2026, 11, 27)),
        ("Fri", dt.date(2026, 11, 27)),
        ("next friday", dt.date(2026, 11, 27)),
        ("3 Dec 10:00", dt.date(2026, 12, 3)),
        ("tomorrow 10am", dt.date(2026, 11, 22)),
    ],
)
def test_parse_date_reads_what_patients_type(text: str, expected: dt.date) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_a_bare_weekday_is_strictly_in_the_future() -> None:
    # TODAY is a Saturday: "saturday" means a week later, "this saturday" means today.
    assert parse_date("saturday", today=TODAY) == dt.date(2026, 11, 28)
    assert parse_date("next saturday", today=TODAY) == dt.date(2026, 11, 28)
    assert parse_date("this saturday", today=TODAY) == TODAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 Dec", dt.date(2026, 12, 3)),
        ("1 Jan", dt.date(2027, 1, 1)),
        ("20 Nov", dt.date(2027, 11, 20)),
        ("21 Nov", TODAY),
        ("22 Nov", dt.date(2026, 11, 22)),
        ("21/11", TODAY),
    ],
)
def test_a_date_without_a_year_is_the_next_one_on_or_after_today(
    text: str, expected: dt.date
) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_an_explicit_year_is_kept() -> None:
    assert parse_date("21 Nov 2027", today=TODAY) == dt.date(2027, 11, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 Dec 2025", dt.date(2025, 12, 3)),
        ("yesterday", dt.date(2026, 11, 20)),
        ("3 Dec 2031", dt.date(2031, 12, 3)),
    ],
)
def test_past_and_far_future_dates_are_left_to_the_caller(text: str, expected: dt.date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "yes",
        "hello",
        "asap",
        "10:00",
        "2pm",
        "x" * 500,
        "3 Dec " + "x" * 500,
        "99/99/2026",
        "31/02/2026",
        "3",
        "3rd",
        "2026",
        "December",
        "in 2 months",
        "sunday at 10",
    ],
)
def test_parse_date_returns_none_for_what_is_not_one_day(text: str) -> None:
    assert parse_date(text, today=TODAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00", dt.time(10, 0)),
        ("9:30", dt.time(9, 30)),
        ("09.30", dt.time(9, 30)),
        ("14h30", dt.time(14, 30)),
        ("9h", dt.time(9, 0)),
        ("9", dt.time(9, 0)),
        ("9am", dt.time(9, 0)),
        ("9 am", dt.time(9, 0)),
        ("9 a.m.", dt.time(9, 0)),
        ("2pm", dt.time(14, 0)),
        ("2 PM", dt.time(14, 0)),
        ("2:30 pm", dt.time(14, 30)),
        ("12pm", dt.time(12, 0)),
        ("12am", dt.time(0, 0)),
        ("noon", dt.time(12, 0)),
        ("midnight", dt.time(0, 0)),
        ("00:00", dt.time(0, 0)),
        ("23:59", dt.time(23, 59)),
        (" 10:00 ", dt.time(10, 0)),
    ],
)
def test_parse_time_reads_what_patients_type(text: str, expected: dt.time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "25:00", "24:00", "9:75", "9:60", "9:5", "13pm", "0am", "nine", "hello", "10:00:00"],
)
def test_parse_time_rejects_what_is_not_a_time(text: str) -> None:
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 Dec", (dt.date(2026, 12, 14), dt.date(2026, 12, 14))),
        ("14 Dec to 20 Dec", (dt.date(2026, 12, 14), dt.date(2026, 12, 20))),
        ("28 Dec - 3 Jan", (dt.date(2026, 12, 28), dt.date(2027, 1, 3))),
        ("2026-12-14 until 2026-12-16", (dt.date(2026, 12, 14), dt.date(2026, 12, 16))),
        # A slip, not a year-long range: the second day comes out before the first.
        ("14 Dec to 13 Dec", (dt.date(2026, 12, 14), dt.date(2026, 12, 13))),
        ("14 Dec 2026 to 13 Dec 2027", (dt.date(2026, 12, 14), dt.date(2027, 12, 13))),
        ("someday to never", None),
        ("14 Dec to whenever", None),
    ],
)
def test_parse_range_reads_one_day_or_two(
    text: str, expected: tuple[dt.date, dt.date] | None
) -> None:
    assert parse_range(text, today=dt.date(2026, 11, 21)) == expected
