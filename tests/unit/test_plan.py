"""Plan arithmetic: presets, bounds, and session times across DST changes."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest

from mesobot.domain.plan import (
    MAX_INTERVAL_DAYS,
    MAX_SESSIONS,
    MIN_INTERVAL_DAYS,
    MIN_SESSIONS,
    PRESETS,
    PlanProblem,
    Preset,
    check_first_day,
    check_spacing,
    days_until,
    latest_first_day,
    local_date,
    moved_by,
    preset,
    session_starts,
    to_utc,
)

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
KOLKATA = ZoneInfo("Asia/Kolkata")
TOKYO = ZoneInfo("Asia/Tokyo")


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


# --- constants and presets ---------------------------------------------------------------


def test_bounds() -> None:
    assert (MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS) == (7, 28)
    assert (MIN_SESSIONS, MAX_SESSIONS) == (4, 15)


def test_presets_values() -> None:
    assert isinstance(PRESETS, tuple)
    assert list(PRESETS) == [
        Preset(key="weekly", interval_days=7, sessions=10),
        Preset(key="fortnightly", interval_days=14, sessions=8),
        Preset(key="monthly", interval_days=28, sessions=6),
    ]


def test_preset_lookup() -> None:
    assert preset("weekly") == Preset(key="weekly", interval_days=7, sessions=10)
    assert preset("fortnightly") == Preset(key="fortnightly", interval_days=14, sessions=8)
    assert preset("monthly") == Preset(key="monthly", interval_days=28, sessions=6)
    assert preset("daily") is None
    assert preset("") is None


def test_presets_pass_spacing_check() -> None:
    for p in PRESETS:
        assert check_spacing(interval_days=p.interval_days, sessions=p.sessions) is None


def test_preset_is_frozen() -> None:
    with pytest.raises(AttributeError):
        PRESETS[0].sessions = 3  # type: ignore[misc]


# --- to_utc ----------------------------------------------------------------------------------


def test_to_utc_plain_time() -> None:
    result = to_utc(dt.date(2026, 7, 1), dt.time(10, 0), LONDON)
    assert result == utc(2026, 7, 1, 9, 0)
    assert result.tzinfo is dt.UTC


def test_to_utc_winter_time() -> None:
    assert to_utc(dt.date(2026, 12, 1), dt.time(10, 0), LONDON) == utc(2026, 12, 1, 10, 0)


def test_gap_time_moves_forward_london() -> None:
    # Clocks go 01:00 GMT -> 02:00 BST; 01:30 does not exist.
    result = to_utc(dt.date(2027, 3, 28), dt.time(1, 30), LONDON)
    assert result == utc(2027, 3, 28, 1, 30)
    local = result.astimezone(LONDON)
    assert (local.hour, local.minute) == (2, 30)
    assert local.utcoffset() == dt.timedelta(hours=1)


def test_gap_time_moves_forward_new_york() -> None:
    # Clocks go 02:00 EST -> 03:00 EDT; 02:30 does not exist.
    result = to_utc(dt.date(2027, 3, 14), dt.time(2, 30), NEW_YORK)
    assert result == utc(2027, 3, 14, 7, 30)
    local = result.astimezone(NEW_YORK)
    assert (local.hour, local.minute) == (3, 30)
    assert local.utcoffset() == dt.timedelta(hours=-4)


def test_gap_time_moves_forward_lord_howe_half_hour() -> None:
    # Clocks go 02:00 (+10:30) -> 02:30 (+11:00); 02:15 does not exist.
    result = to_utc(dt.date(2026, 10, 4), dt.time(2, 15), LORD_HOWE)
    assert result == utc(2026, 10, 3, 15, 45)
    local = result.astimezone(LORD_HOWE)
    assert (local.hour, local.minute) == (2, 45)
    assert local.utcoffset() == dt.timedelta(hours=11)


def test_ambiguous_time_takes_first_occurrence_london() -> None:
    # 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
    result = to_utc(dt.date(2026, 10, 25), dt.time(1, 30), LONDON)
    assert result == utc(2026, 10, 25, 0, 30)


def test_ambiguous_time_ignores_fold_of_input() -> None:
    # A time carrying fold=1 must not silently pick the second occurrence.
    result = to_utc(dt.date(2026, 10, 25), dt.time(1, 30, fold=1), LONDON)
    assert result == utc(2026, 10, 25, 0, 30)


def test_gap_time_ignores_fold_of_input() -> None:
    # With fold=1 zoneinfo would move a gap time backwards (to 01:45); we always go forward.
    result = to_utc(dt.date(2026, 10, 4), dt.time(2, 15, fold=1), LORD_HOWE)
    assert result == utc(2026, 10, 3, 15, 45)


def test_ambiguous_time_takes_first_occurrence_lord_howe() -> None:
    # Clocks go 02:00 (+11:00) -> 01:30 (+10:30); 01:45 happens twice.
    result = to_utc(dt.date(2027, 4, 4), dt.time(1, 45), LORD_HOWE)
    assert result == utc(2027, 4, 3, 14, 45)
    assert result.astimezone(LORD_HOWE).utcoffset() == dt.timedelta(hours=11)


def test_just_outside_ambiguous_window_lord_howe() -> None:
    # 01:29 is before the repeated half hour, 02:00 after it: both unambiguous.
    assert to_utc(dt.date(2027, 4, 4), dt.time(1, 29), LORD_HOWE) == utc(2027, 4, 3, 14, 29)
    assert to_utc(dt.date(2027, 4, 4), dt.time(2, 0), LORD_HOWE) == utc(2027, 4, 3, 15, 30)


# --- session_starts --------------------------------------------------------------------------


def _local_wall(starts: list[dt.datetime], tz: ZoneInfo) -> list[tuple[dt.date, dt.time]]:
    return [(s.astimezone(tz).date(), s.astimezone(tz).time()) for s in starts]


def test_weekly_london_across_october_change() -> None:
    starts = session_starts(
        first_day=dt.date(2026, 10, 11), at=dt.time(10, 0), interval_days=7, sessions=10, tz=LONDON
    )
    assert len(starts) == 10
    assert all(s.tzinfo is dt.UTC for s in starts)
    assert [d for d, _ in _local_wall(starts, LONDON)] == [
        dt.date(2026, 10, 11) + dt.timedelta(weeks=k) for k in range(10)
    ]
    assert all(t == dt.time(10, 0) for _, t in _local_wall(starts, LONDON))
    # BST until the clocks go back on Sunday 25 October; 10:00 that day is already GMT.
    assert starts[0] == utc(2026, 10, 11, 9, 0)
    assert starts[1] == utc(2026, 10, 18, 9, 0)
    assert starts[2] == utc(2026, 10, 25, 10, 0)
    assert starts[3] == utc(2026, 11, 1, 10, 0)
    assert [s.hour for s in starts] == [9, 9] + [10] * 8


def test_weekly_london_across_march_change() -> None:
    starts = session_starts(
        first_day=dt.date(2027, 3, 14), at=dt.time(10, 0), interval_days=7, sessions=10, tz=LONDON
    )
    assert all(t == dt.time(10, 0) for _, t in _local_wall(starts, LONDON))
    # GMT until the clocks go forward on Sunday 28 March; 10:00 that day is already BST.
    assert starts[0] == utc(2027, 3, 14, 10, 0)
    assert starts[1] == utc(2027, 3, 21, 10, 0)
    assert starts[2] == utc(2027, 3, 28, 9, 0)
    assert starts[9] == utc(2027, 5, 16, 9, 0)
    assert [s.hour for s in starts] == [10, 10] + [9] * 8


def test_weekly_lord_howe_across_half_hour_changes() -> None:
    starts = session_starts(
        first_day=dt.date(2026, 9, 27),
        at=dt.time(10, 0),
        interval_days=7,
        sessions=3,
        tz=LORD_HOWE,
    )
    assert all(t == dt.time(10, 0) for _, t in _local_wall(starts, LORD_HOWE))
    # +10:30 before 4 October, +11:00 from it on.
    assert starts == [utc(2026, 9, 26, 23, 30), utc(2026, 10, 3, 23, 0), utc(2026, 10, 10, 23, 0)]

    autumn = session_starts(
        first_day=dt.date(2027, 3, 28),
        at=dt.time(10, 0),
        interval_days=7,
        sessions=3,
        tz=LORD_HOWE,
    )
    assert all(t == dt.time(10, 0) for _, t in _local_wall(autumn, LORD_HOWE))
    # +11:00 before 4 April, +10:30 from it on.
    assert autumn == [utc(2027, 3, 27, 23, 0), utc(2027, 4, 3, 23, 30), utc(2027, 4, 10, 23, 30)]


def test_session_in_gap_moves_forward_but_later_sessions_keep_wall_time() -> None:
    starts = session_starts(
        first_day=dt.date(2027, 3, 21), at=dt.time(1, 30), interval_days=7, sessions=3, tz=LONDON
    )
    assert _local_wall(starts, LONDON) == [
        (dt.date(2027, 3, 21), dt.time(1, 30)),
        (dt.date(2027, 3, 28), dt.time(2, 30)),
        (dt.date(2027, 4, 4), dt.time(1, 30)),
    ]
    assert starts == [utc(2027, 3, 21, 1, 30), utc(2027, 3, 28, 1, 30), utc(2027, 4, 4, 0, 30)]


def test_no_dst_zone_has_constant_offset() -> None:
    # Span both London changes to show nothing moves in a zone without DST.
    starts = session_starts(
        first_day=dt.date(2026, 10, 4),
        at=dt.time(10, 0),
        interval_days=28,
        sessions=8,
        tz=KOLKATA,
    )
    assert starts[0] == utc(2026, 10, 4, 4, 30)
    assert starts[-1] == utc(2027, 4, 18, 4, 30)
    assert all((s.hour, s.minute) == (4, 30) for s in starts)
    assert all(b - a == dt.timedelta(days=28) for a, b in itertools.pairwise(starts))


def test_tokyo_morning_is_previous_utc_day() -> None:
    starts = session_starts(
        first_day=dt.date(2027, 1, 5), at=dt.time(8, 0), interval_days=14, sessions=4, tz=TOKYO
    )
    assert starts == [
        utc(2027, 1, 4, 23, 0),
        utc(2027, 1, 18, 23, 0),
        utc(2027, 2, 1, 23, 0),
        utc(2027, 2, 15, 23, 0),
    ]


def test_session_starts_fortnightly_over_year_end() -> None:
    starts = session_starts(
        first_day=dt.date(2026, 12, 20),
        at=dt.time(18, 15),
        interval_days=14,
        sessions=4,
        tz=LONDON,
    )
    assert starts == [
        utc(2026, 12, 20, 18, 15),
        utc(2027, 1, 3, 18, 15),
        utc(2027, 1, 17, 18, 15),
        utc(2027, 1, 31, 18, 15),
    ]


# --- first day ---------------------------------------------------------------------------


def test_check_first_day_today_is_fine() -> None:
    assert check_first_day(dt.date(2026, 5, 10), today=dt.date(2026, 5, 10)) is None


def test_check_first_day_yesterday_is_past() -> None:
    assert check_first_day(dt.date(2026, 5, 9), today=dt.date(2026, 5, 10)) is PlanProblem.PAST


def test_check_first_day_exactly_one_year_ahead_is_fine() -> None:
    assert check_first_day(dt.date(2027, 5, 10), today=dt.date(2026, 5, 10)) is None


def test_check_first_day_one_year_and_a_day_is_too_far() -> None:
    today = dt.date(2026, 5, 10)
    assert check_first_day(dt.date(2027, 5, 11), today=today) is PlanProblem.TOO_FAR


def test_latest_first_day() -> None:
    assert latest_first_day(dt.date(2026, 5, 10)) == dt.date(2027, 5, 10)
    assert latest_first_day(dt.date(2026, 12, 31)) == dt.date(2027, 12, 31)
    assert latest_first_day(dt.date(2027, 2, 28)) == dt.date(2028, 2, 28)


def test_latest_first_day_from_29_february() -> None:
    assert latest_first_day(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_check_first_day_from_29_february() -> None:
    today = dt.date(2028, 2, 29)
    assert check_first_day(dt.date(2029, 2, 28), today=today) is None
    assert check_first_day(dt.date(2029, 3, 1), today=today) is PlanProblem.TOO_FAR
    assert check_first_day(dt.date(2028, 2, 28), today=today) is PlanProblem.PAST
    assert check_first_day(today, today=today) is None


def test_plan_problem_values() -> None:
    assert [p.value for p in PlanProblem] == [
        "past",
        "too_far",
        "interval_out_of_range",
        "sessions_out_of_range",
    ]
    assert str(PlanProblem.TOO_FAR) == "too_far"


# --- spacing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interval_days", "expected"),
    [
        (6, PlanProblem.INTERVAL_OUT_OF_RANGE),
        (7, None),
        (28, None),
        (29, PlanProblem.INTERVAL_OUT_OF_RANGE),
        (0, PlanProblem.INTERVAL_OUT_OF_RANGE),
        (-7, PlanProblem.INTERVAL_OUT_OF_RANGE),
    ],
)
def test_check_spacing_interval_bounds(interval_days: int, expected: PlanProblem | None) -> None:
    assert check_spacing(interval_days=interval_days, sessions=10) is expected


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        (3, PlanProblem.SESSIONS_OUT_OF_RANGE),
        (4, None),
        (15, None),
        (16, PlanProblem.SESSIONS_OUT_OF_RANGE),
        (0, PlanProblem.SESSIONS_OUT_OF_RANGE),
    ],
)
def test_check_spacing_session_bounds(sessions: int, expected: PlanProblem | None) -> None:
    assert check_spacing(interval_days=7, sessions=sessions) is expected


def test_check_spacing_reports_interval_first() -> None:
    assert check_spacing(interval_days=6, sessions=16) is PlanProblem.INTERVAL_OUT_OF_RANGE


# --- local dates -------------------------------------------------------------------------


def test_local_date_differs_from_utc_date() -> None:
    moment = utc(2026, 6, 10, 23, 30)
    assert local_date(moment, LONDON) == dt.date(2026, 6, 11)
    assert local_date(moment, TOKYO) == dt.date(2026, 6, 11)
    assert local_date(moment, NEW_YORK) == dt.date(2026, 6, 10)


def test_local_date_rejects_naive() -> None:
    with pytest.raises(ValueError):
        local_date(dt.datetime(2026, 6, 10, 12, 0), LONDON)


def test_days_until_tomorrow_morning_from_late_evening() -> None:
    now = to_utc(dt.date(2026, 6, 10), dt.time(23, 0), LONDON)
    start = to_utc(dt.date(2026, 6, 11), dt.time(8, 0), LONDON)
    assert start - now == dt.timedelta(hours=9)
    assert days_until(start, now=now, tz=LONDON) == 1


def test_days_until_same_local_day() -> None:
    now = to_utc(dt.date(2026, 6, 11), dt.time(0, 5), LONDON)
    start = to_utc(dt.date(2026, 6, 11), dt.time(23, 55), LONDON)
    assert days_until(start, now=now, tz=LONDON) == 0


def test_days_until_uses_local_not_utc_midnight() -> None:
    # Different UTC dates, but both moments fall on 11 June in Tokyo.
    now = utc(2026, 6, 10, 23, 30)
    start = utc(2026, 6, 11, 0, 30)
    assert days_until(start, now=now, tz=TOKYO) == 0
    # The same UTC date, but London's midnight (23:00 UTC) lies between them.
    now = utc(2026, 6, 10, 22, 30)
    start = utc(2026, 6, 10, 23, 30)
    assert days_until(start, now=now, tz=LONDON) == 1


def test_days_until_across_spring_forward() -> None:
    # Only 21 hours apart, because 28 March 2027 is a 23-hour day in London.
    now = to_utc(dt.date(2027, 3, 27), dt.time(12, 0), LONDON)
    start = to_utc(dt.date(2027, 3, 28), dt.time(10, 0), LONDON)
    assert start - now == dt.timedelta(hours=21)
    assert days_until(start, now=now, tz=LONDON) == 1


def test_days_until_across_fall_back() -> None:
    # 25 October 2026 is a 25-hour day: 48 hours apart is only one calendar day on.
    now = to_utc(dt.date(2026, 10, 24), dt.time(0, 30), LONDON)
    start = to_utc(dt.date(2026, 10, 25), dt.time(23, 30), LONDON)
    assert start - now == dt.timedelta(hours=48)
    assert days_until(start, now=now, tz=LONDON) == 1
    later = to_utc(dt.date(2026, 10, 26), dt.time(0, 15), LONDON)
    assert later - now == dt.timedelta(hours=48, minutes=45)
    assert days_until(later, now=now, tz=LONDON) == 2


def test_days_until_past_is_negative() -> None:
    now = to_utc(dt.date(2026, 6, 11), dt.time(9, 0), LONDON)
    start = to_utc(dt.date(2026, 6, 8), dt.time(10, 0), LONDON)
    assert days_until(start, now=now, tz=LONDON) == -3


def test_days_until_accepts_local_aware_now() -> None:
    now = dt.datetime(2026, 6, 10, 23, 0, tzinfo=LONDON)
    start = utc(2026, 6, 11, 7, 0)
    assert days_until(start, now=now, tz=LONDON) == 1


def test_moved_by_keeps_the_local_time_across_the_march_change() -> None:
    london = ZoneInfo("Europe/London")
    before = dt.datetime(2027, 3, 25, 10, 0, tzinfo=dt.UTC)  # 10:00 GMT
    after = moved_by(before, days=7, tz=london)
    assert after == dt.datetime(2027, 4, 1, 9, 0, tzinfo=dt.UTC)  # 10:00 BST
    assert after.astimezone(london).time() == dt.time(10, 0)


def test_moved_by_keeps_a_sessions_own_hour_and_goes_back_too() -> None:
    madrid = ZoneInfo("Europe/Madrid")
    own = dt.datetime(2026, 12, 10, 14, 30, tzinfo=dt.UTC)  # 15:30 there, not the plan's hour
    assert moved_by(own, days=-3, tz=madrid) == dt.datetime(2026, 12, 7, 14, 30, tzinfo=dt.UTC)
    assert moved_by(own, days=0, tz=madrid) == own


def test_moved_by_counts_local_days_not_utc_days() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    # 08:00 in Tokyo is 23:00 the day before in UTC: a day's move is a Tokyo day.
    start = dt.datetime(2026, 12, 9, 23, 0, tzinfo=dt.UTC)
    moved = moved_by(start, days=1, tz=tokyo)
    assert moved.astimezone(tokyo) == dt.datetime(2026, 12, 11, 8, 0, tzinfo=tokyo)
