"""Message scheduling: reminders, checks, milestones and quiet hours across DST changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import pytest

from mesobot.domain.plan import session_starts
from mesobot.domain.schedule import (
    PlannedMessage,
    Preferences,
    SessionSlot,
    after_quiet_hours,
    aftercare_messages,
    bruising_followup,
    in_quiet_hours,
    plan_messages,
)

LONDON = ZoneInfo("Europe/London")
APIA = ZoneInfo("Pacific/Apia")
DEFAULT = Preferences()
PLAN_ID = 7
NOW = dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.UTC)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def course(
    first_day: dt.date = dt.date(2026, 10, 15),
    *,
    at: dt.time = dt.time(10, 0),
    sessions: int = 10,
    interval_days: int = 7,
    tz: ZoneInfo = LONDON,
) -> list[SessionSlot]:
    starts = session_starts(
        first_day=first_day, at=at, interval_days=interval_days, sessions=sessions, tz=tz
    )
    return [
        SessionSlot(session_id=100 + n, number=n, start=start, status="planned")
        for n, start in enumerate(starts, start=1)
    ]


def with_status(slots: Sequence[SessionSlot], **statuses: str) -> list[SessionSlot]:
    # Keyword names are "n<number>" so a test can say with_status(slots, n4="cancelled").
    return [
        dataclasses.replace(slot, status=statuses.get(f"n{slot.number}", slot.status))
        for slot in slots
    ]


def plan(
    slots: Sequence[SessionSlot],
    *,
    now: dt.datetime = NOW,
    prefs: Preferences = DEFAULT,
    total: int | None = None,
    tz: ZoneInfo = LONDON,
) -> list[PlannedMessage]:
    return plan_messages(
        plan_id=PLAN_ID,
        sessions=slots,
        total=len(slots) if total is None else total,
        tz=tz,
        prefs=prefs,
        now=now,
    )


def of_kind(messages: Sequence[PlannedMessage], kind: str) -> list[PlannedMessage]:
    return [m for m in messages if m.kind == kind]


def for_session(messages: Sequence[PlannedMessage], session_id: int) -> dict[str, PlannedMessage]:
    return {m.kind: m for m in messages if m.session_id == session_id}


# --- quiet hours ---------------------------------------------------------------------------


def test_wrapping_window_edges() -> None:
    # 2026-10-15 is BST, so local = UTC + 1.
    assert not in_quiet_hours(utc(2026, 10, 15, 19, 59), tz=LONDON, prefs=DEFAULT)
    assert in_quiet_hours(utc(2026, 10, 15, 20, 0), tz=LONDON, prefs=DEFAULT)  # 21:00 local
    assert in_quiet_hours(utc(2026, 10, 15, 23, 30), tz=LONDON, prefs=DEFAULT)  # 00:30 local
    assert in_quiet_hours(utc(2026, 10, 16, 6, 59), tz=LONDON, prefs=DEFAULT)  # 07:59 local
    assert not in_quiet_hours(utc(2026, 10, 16, 7, 0), tz=LONDON, prefs=DEFAULT)  # 08:00 local


def test_wrapping_window_before_midnight_ends_next_morning() -> None:
    # 22:40 BST on the 15th -> 08:00 BST on the 16th.
    moment = utc(2026, 10, 15, 21, 40)
    assert after_quiet_hours(moment, tz=LONDON, prefs=DEFAULT) == utc(2026, 10, 16, 7, 0)


def test_wrapping_window_after_midnight_ends_same_morning() -> None:
    # 02:00 BST on the 16th -> 08:00 BST on the 16th.
    moment = utc(2026, 10, 16, 1, 0)
    assert after_quiet_hours(moment, tz=LONDON, prefs=DEFAULT) == utc(2026, 10, 16, 7, 0)


def test_wrapping_window_across_the_autumn_change() -> None:
    # 22:00 BST on Saturday 24 Oct; the window ends 08:00 GMT on Sunday 25 Oct.
    moment = utc(2026, 10, 24, 21, 0)
    assert after_quiet_hours(moment, tz=LONDON, prefs=DEFAULT) == utc(2026, 10, 25, 8, 0)


def test_outside_the_window_is_unchanged() -> None:
    moment = utc(2026, 10, 15, 12, 34)
    assert after_quiet_hours(moment, tz=LONDON, prefs=DEFAULT) is moment


def test_window_that_does_not_wrap() -> None:
    lunch = Preferences(quiet_start=dt.time(13, 0), quiet_end=dt.time(14, 0))
    # Local times in BST: 12:59, 13:00, 13:59, 14:00, 23:00, 03:00.
    assert not in_quiet_hours(utc(2026, 10, 15, 11, 59), tz=LONDON, prefs=lunch)
    assert in_quiet_hours(utc(2026, 10, 15, 12, 0), tz=LONDON, prefs=lunch)
    assert in_quiet_hours(utc(2026, 10, 15, 12, 59), tz=LONDON, prefs=lunch)
    assert not in_quiet_hours(utc(2026, 10, 15, 13, 0), tz=LONDON, prefs=lunch)
    assert not in_quiet_hours(utc(2026, 10, 15, 22, 0), tz=LONDON, prefs=lunch)
    assert not in_quiet_hours(utc(2026, 10, 16, 2, 0), tz=LONDON, prefs=lunch)
    moved = after_quiet_hours(utc(2026, 10, 15, 12, 30), tz=LONDON, prefs=lunch)
    assert moved == utc(2026, 10, 15, 13, 0)


def test_equal_start_and_end_means_no_quiet_hours() -> None:
    never = Preferences(quiet_start=dt.time(8, 0), quiet_end=dt.time(8, 0))
    for hour in range(24):
        moment = utc(2026, 10, 15, hour, 0)
        assert not in_quiet_hours(moment, tz=LONDON, prefs=never)
        assert after_quiet_hours(moment, tz=LONDON, prefs=never) == moment


def test_window_ending_in_the_spring_gap_moves_forward() -> None:
    # London skips 01:00-02:00 on 29 Mar 2026; a 01:30 end lands at 02:30 BST = 01:30Z.
    prefs = Preferences(quiet_start=dt.time(21, 0), quiet_end=dt.time(1, 30))
    moment = utc(2026, 3, 28, 23, 0)
    assert after_quiet_hours(moment, tz=LONDON, prefs=prefs) == utc(2026, 3, 29, 1, 30)


def test_window_ending_in_the_repeated_autumn_hour() -> None:
    # 01:00-02:00 happens twice on 25 Oct 2026: first in BST (00:00Z-01:00Z), then in GMT.
    prefs = Preferences(quiet_start=dt.time(0, 0), quiet_end=dt.time(1, 30))
    first_pass = utc(2026, 10, 25, 0, 10)  # 01:10 BST
    assert after_quiet_hours(first_pass, tz=LONDON, prefs=prefs) == utc(2026, 10, 25, 0, 30)
    # On the second pass the first 01:30 has gone: the window ends at the second one.
    second_pass = utc(2026, 10, 25, 1, 10)  # 01:10 GMT
    assert after_quiet_hours(second_pass, tz=LONDON, prefs=prefs) == utc(2026, 10, 25, 1, 30)


def test_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError):
        in_quiet_hours(dt.datetime(2026, 10, 15, 12, 0), tz=LONDON, prefs=DEFAULT)


# --- the weekly London course ---------------------------------------------------------------


def test_weekly_course_session_starts_cross_the_autumn_change() -> None:
    slots = course()
    assert [slot.start for slot in slots[:3]] == [
        utc(2026, 10, 15, 9),
        utc(2026, 10, 22, 9),
        utc(2026, 10, 29, 10),
    ]


def test_weekly_course_message_count_and_order() -> None:
    messages = plan(course())
    # Four per session (reminders, the check and the check again), then early, 3-month and
    # 6-month milestones and completion, and three progress check-ins.
    assert len(messages) == 10 * 4 + 4 + 3
    dues = [m.due_at for m in messages]
    assert dues == sorted(dues)
    assert all(m.due_at.utcoffset() == dt.timedelta(0) for m in messages)


def test_weekly_course_evening_reminders_are_19_local() -> None:
    slots = course()
    eves = of_kind(plan(slots), "reminder_eve")
    assert len(eves) == 10
    assert all(m.due_at.astimezone(LONDON).time() == dt.time(19, 0) for m in eves)
    # BST before 25 Oct, GMT after it.
    assert [m.due_at for m in eves[:3]] == [
        utc(2026, 10, 14, 18),
        utc(2026, 10, 21, 18),
        utc(2026, 10, 28, 19),
    ]
    assert [m.expires_at for m in eves] == [slot.start for slot in slots]


def test_weekly_course_soon_reminders_move_to_08_local() -> None:
    # 10:00 - 3h = 07:00, inside 21:00-08:00, so each moves to 08:00.
    slots = course()
    soons = of_kind(plan(slots), "reminder_soon")
    assert len(soons) == 10
    assert all(m.due_at.astimezone(LONDON).time() == dt.time(8, 0) for m in soons)
    assert [m.due_at for m in soons[:3]] == [
        utc(2026, 10, 15, 7),
        utc(2026, 10, 22, 7),
        utc(2026, 10, 29, 8),
    ]
    assert [m.expires_at for m in soons] == [slot.start for slot in slots]


def test_weekly_course_session_checks_are_12_local() -> None:
    checks = of_kind(plan(course()), "session_check")
    assert len(checks) == 10
    assert [m.due_at for m in checks[:3]] == [
        utc(2026, 10, 15, 11),
        utc(2026, 10, 22, 11),
        utc(2026, 10, 29, 12),
    ]
    # Each is stale once it is asked again, the next morning: asked once, never twice.
    again = of_kind(plan(course()), "session_check_again")
    assert [m.expires_at for m in checks] == [m.due_at for m in again]
    assert checks[0].expires_at == utc(2026, 10, 16, 9)
    assert again[0].expires_at == utc(2026, 10, 19, 9)


def test_weekly_course_session_message_fields() -> None:
    first = for_session(plan(course()), 101)
    assert set(first) == {"reminder_eve", "reminder_soon", "session_check", "session_check_again"}
    for kind, message in first.items():
        assert message.content_key == kind.removesuffix("_again")
        assert message.params == {"number": 1, "total": 10}
        assert message.dedupe_key == f"s101:{kind}:20261015T0900"
        assert message.urgent is False
    third = for_session(plan(course()), 103)
    assert third["reminder_eve"].dedupe_key == "s103:reminder_eve:20261029T1000"
    assert third["reminder_eve"].params == {"number": 3, "total": 10}


def test_weekly_course_milestones_and_completion() -> None:
    messages = {m.kind: m for m in plan(course())}
    early = messages["milestone_early"]
    # Session 4 is Thu 5 Nov (GMT): the day after at 10:00.
    assert early.due_at == utc(2026, 11, 6, 10)
    assert early.expires_at == utc(2026, 11, 13, 10)
    assert early.dedupe_key == "p7:milestone_early:20261106"
    assert early.session_id is None
    three = messages["milestone_3m"]
    assert three.due_at == utc(2027, 1, 15, 10)
    assert three.dedupe_key == "p7:milestone_3m:20270115"
    six = messages["milestone_6m"]
    # 15 Apr 2027 is BST again.
    assert six.due_at == utc(2027, 4, 15, 9)
    assert six.expires_at == utc(2027, 4, 22, 9)
    assert six.dedupe_key == "p7:milestone_6m:20270415"
    done = messages["course_complete"]
    # The last session is Thu 17 Dec.
    assert done.due_at == utc(2026, 12, 18, 10)
    assert done.expires_at == utc(2026, 12, 25, 10)
    assert done.dedupe_key == "p7:course_complete:20261218"
    assert done.params == {"total": 10}
    assert done.content_key == "course_complete"
    assert done.session_id is None


def test_dedupe_keys_are_unique() -> None:
    keys = [m.dedupe_key for m in plan(course())]
    assert len(keys) == len(set(keys))


# --- which sessions get messages -------------------------------------------------------------


def test_past_and_closed_sessions_get_no_session_messages() -> None:
    slots = with_status(course(), n5="cancelled", n6="done", n7="skipped", n8="confirmed")
    # Between session 2 (22 Oct) and session 3 (29 Oct).
    messages = plan(slots, now=utc(2026, 10, 25, 12))
    with_messages = {m.session_id for m in messages if m.session_id is not None}
    assert with_messages == {103, 104, 108, 109, 110}
    assert len(for_session(messages, 108)) == 4


def test_session_starting_exactly_now_is_past() -> None:
    slots = course()
    messages = plan(slots, now=slots[0].start)
    assert for_session(messages, 101) == {}
    assert len(for_session(messages, 102)) == 4


def test_reminders_already_due_are_kept_for_the_outbox_to_judge() -> None:
    # At 08:30 local on session day both reminders are due, but the session is still ahead.
    slots = course()
    messages = for_session(plan(slots, now=utc(2026, 10, 15, 7, 30)), 101)
    assert set(messages) == {
        "reminder_eve",
        "reminder_soon",
        "session_check",
        "session_check_again",
    }
    assert messages["reminder_soon"].due_at == utc(2026, 10, 15, 7)


def test_early_session_drops_its_soon_reminder() -> None:
    # 07:30 - 3h = 04:30, moved to 08:00, which is after the start.
    slots = course(at=dt.time(7, 30))
    messages = for_session(plan(slots), 101)
    assert set(messages) == {"reminder_eve", "session_check", "session_check_again"}
    assert messages["session_check"].due_at == utc(2026, 10, 15, 8, 30)  # 09:30 BST


def test_non_wrapping_window_moves_reminder_and_check() -> None:
    lunch = Preferences(quiet_start=dt.time(13, 0), quiet_end=dt.time(14, 0))
    # 16:00 - 3h = 13:00 -> 14:00; 11:00 + 2h = 13:00 -> 14:00.
    afternoon = for_session(plan(course(at=dt.time(16, 0)), prefs=lunch), 101)
    assert afternoon["reminder_soon"].due_at == utc(2026, 10, 15, 13)
    morning = for_session(plan(course(at=dt.time(11, 0)), prefs=lunch), 101)
    assert morning["session_check"].due_at == utc(2026, 10, 15, 13)
    assert morning["reminder_soon"].due_at == utc(2026, 10, 15, 7)  # 08:00 BST, untouched


def test_no_quiet_hours_keeps_raw_times() -> None:
    never = Preferences(quiet_start=dt.time(0, 0), quiet_end=dt.time(0, 0))
    messages = for_session(plan(course(at=dt.time(7, 30)), prefs=never), 101)
    assert messages["reminder_soon"].due_at == utc(2026, 10, 15, 3, 30)  # 04:30 BST


def test_evening_reminder_is_not_moved_for_quiet_hours() -> None:
    late = Preferences(evening_time=dt.time(22, 30))
    eve = for_session(plan(course(), prefs=late), 101)["reminder_eve"]
    assert eve.due_at == utc(2026, 10, 14, 21, 30)


def test_evening_reminder_dropped_when_not_before_start() -> None:
    # Samoa skipped 30 Dec 2011; "19:00 the day before" a 00:30 session on the 31st comes
    # out after the session itself.
    slots = course(dt.date(2011, 12, 31), at=dt.time(0, 30), sessions=5, tz=APIA)
    messages = plan(slots, now=utc(2011, 12, 1, 0), tz=APIA)
    assert "reminder_eve" not in for_session(messages, 101)
    assert "reminder_eve" in for_session(messages, 102)


def test_custom_soon_hours() -> None:
    two = Preferences(soon_hours=2)
    soon = for_session(plan(course(at=dt.time(15, 0)), prefs=two), 101)["reminder_soon"]
    assert soon.due_at == utc(2026, 10, 15, 12)  # 13:00 BST


# --- milestones -------------------------------------------------------------------------------


def test_early_milestone_needs_five_sessions() -> None:
    assert of_kind(plan(course(sessions=4)), "milestone_early") == []
    assert len(of_kind(plan(course(sessions=5)), "milestone_early")) == 1


def test_early_milestone_follows_session_four_unless_cancelled() -> None:
    assert of_kind(plan(with_status(course(), n4="cancelled")), "milestone_early") == []
    skipped = of_kind(plan(with_status(course(), n4="skipped")), "milestone_early")
    assert [m.due_at for m in skipped] == [utc(2026, 11, 6, 10)]
    without_four = [slot for slot in course() if slot.number != 4]
    assert of_kind(plan(without_four, total=10), "milestone_early") == []


def test_milestones_emitted_after_session_one_has_passed() -> None:
    slots = with_status(course(), n1="done", n2="done")
    kinds = {m.kind for m in plan(slots, now=utc(2026, 11, 1, 12))}
    assert {"milestone_early", "milestone_3m", "milestone_6m", "course_complete"} <= kinds


def test_milestones_already_due_are_dropped() -> None:
    slots = with_status(course(), **{f"n{n}": "done" for n in range(1, 11)})
    kinds = [m.kind for m in plan(slots, now=utc(2027, 2, 1, 12))]
    assert kinds == ["milestone_6m"]


def test_three_month_milestone_clamps_to_end_of_february() -> None:
    plain = {m.kind: m for m in plan(course(dt.date(2026, 11, 30)))}
    assert plain["milestone_3m"].due_at == utc(2027, 2, 28, 10)
    assert plain["milestone_6m"].due_at == utc(2027, 5, 30, 9)  # BST
    leap = {m.kind: m for m in plan(course(dt.date(2027, 11, 30)), now=utc(2027, 11, 1, 0))}
    assert leap["milestone_3m"].due_at == utc(2028, 2, 29, 10)


def test_six_month_milestone_clamps_and_crosses_the_year() -> None:
    slots = course(dt.date(2026, 8, 31))
    messages = {m.kind: m for m in plan(slots, now=utc(2026, 8, 1, 0))}
    assert messages["milestone_3m"].due_at == utc(2026, 11, 30, 10)
    assert messages["milestone_6m"].due_at == utc(2027, 2, 28, 10)


def test_cancelled_first_session_has_no_month_milestones() -> None:
    kinds = {m.kind for m in plan(with_status(course(), n1="cancelled"))}
    assert "milestone_3m" not in kinds
    assert "milestone_6m" not in kinds


def test_milestones_are_moved_out_of_quiet_hours() -> None:
    mornings = Preferences(quiet_start=dt.time(21, 0), quiet_end=dt.time(11, 0))
    messages = {m.kind: m for m in plan(course(), prefs=mornings)}
    assert messages["milestone_early"].due_at == utc(2026, 11, 6, 11)
    assert messages["course_complete"].due_at == utc(2026, 12, 18, 11)


@pytest.mark.parametrize("status", ["planned", "confirmed", "done"])
def test_course_complete_when_last_session_counts(status: str) -> None:
    slots = with_status(course(), n10=status)
    assert len(of_kind(plan(slots), "course_complete")) == 1


@pytest.mark.parametrize("status", ["skipped", "cancelled"])
def test_no_course_complete_when_last_session_does_not_count(status: str) -> None:
    slots = with_status(course(), n10=status)
    assert of_kind(plan(slots), "course_complete") == []


def test_course_complete_follows_highest_number_not_list_order() -> None:
    slots = list(reversed(course()))
    done = of_kind(plan(slots), "course_complete")
    assert [m.due_at for m in done] == [utc(2026, 12, 18, 10)]


def test_empty_plan_has_no_messages() -> None:
    assert plan([], total=10) == []


# --- dedupe key stability --------------------------------------------------------------------


def test_dedupe_keys_stable_across_now() -> None:
    slots = course()
    first = plan(slots, now=utc(2026, 10, 1, 12))
    second = plan(slots, now=utc(2026, 10, 2, 18, 45))
    assert first == second
    assert [m.dedupe_key for m in first] == [m.dedupe_key for m in second]


def test_dedupe_keys_stable_when_evening_time_changes() -> None:
    slots = course()
    before = plan(slots)
    after = plan(slots, prefs=Preferences(evening_time=dt.time(18, 0)))
    assert {m.dedupe_key for m in before} == {m.dedupe_key for m in after}
    assert of_kind(before, "reminder_eve")[0].due_at != of_kind(after, "reminder_eve")[0].due_at


def test_dedupe_keys_change_only_for_a_moved_session() -> None:
    slots = course()
    moved = [
        dataclasses.replace(slot, start=slot.start + dt.timedelta(days=1))
        if slot.number == 3
        else slot
        for slot in slots
    ]
    before = {m.dedupe_key for m in plan(slots)}
    after = {m.dedupe_key for m in plan(moved)}
    assert before - after == {
        "s103:reminder_eve:20261029T1000",
        "s103:reminder_soon:20261029T1000",
        "s103:session_check:20261029T1000",
        "s103:session_check_again:20261029T1000",
    }
    assert after - before == {
        "s103:reminder_eve:20261030T1000",
        "s103:reminder_soon:20261030T1000",
        "s103:session_check:20261030T1000",
        "s103:session_check_again:20261030T1000",
    }


def test_moving_session_four_changes_the_early_milestone_key() -> None:
    slots = course()
    moved = [
        dataclasses.replace(slot, start=slot.start + dt.timedelta(days=2))
        if slot.number == 4
        else slot
        for slot in slots
    ]
    early = of_kind(plan(moved), "milestone_early")
    assert [m.dedupe_key for m in early] == ["p7:milestone_early:20261108"]


# --- aftercare and bruising -----------------------------------------------------------------


def test_aftercare_late_evening_moves_to_next_morning() -> None:
    # Done at 22:10 BST on 15 Oct: aftercare 22:40 -> 08:00 on the 16th; check-in 10:00.
    aftercare, checkin = aftercare_messages(
        session_id=101,
        number=1,
        done_at=utc(2026, 10, 15, 21, 10),
        tz=LONDON,
        prefs=DEFAULT,
        grace=dt.timedelta(hours=4),
    )
    assert aftercare == PlannedMessage(
        kind="aftercare",
        due_at=utc(2026, 10, 16, 7),
        expires_at=utc(2026, 10, 16, 11),
        dedupe_key="s101:aftercare",
        content_key="aftercare",
        session_id=101,
        params={"number": 1},
    )
    assert checkin == PlannedMessage(
        kind="checkin",
        due_at=utc(2026, 10, 16, 9),
        expires_at=utc(2026, 10, 17, 9),
        dedupe_key="s101:checkin",
        content_key="checkin",
        session_id=101,
        params={"number": 1},
    )


def test_aftercare_daytime_is_half_an_hour_later() -> None:
    aftercare, checkin = aftercare_messages(
        session_id=105,
        number=5,
        done_at=utc(2026, 11, 12, 11, 0),  # 11:00 GMT
        tz=LONDON,
        prefs=DEFAULT,
        grace=dt.timedelta(hours=2),
    )
    assert aftercare.due_at == utc(2026, 11, 12, 11, 30)
    assert aftercare.expires_at == utc(2026, 11, 12, 13, 30)
    assert checkin.due_at == utc(2026, 11, 13, 10)


def test_aftercare_keys_ignore_done_time() -> None:
    def keys(done_at: dt.datetime) -> list[str]:
        messages = aftercare_messages(
            session_id=101,
            number=1,
            done_at=done_at,
            tz=LONDON,
            prefs=DEFAULT,
            grace=dt.timedelta(hours=4),
        )
        return [m.dedupe_key for m in messages]

    assert keys(utc(2026, 10, 15, 10)) == keys(utc(2026, 10, 16, 15))


def test_bruising_followup_six_local_days_later() -> None:
    followup = bruising_followup(
        session_id=101,
        number=1,
        reported_at=utc(2026, 10, 16, 12),
        tz=LONDON,
        prefs=DEFAULT,
    )
    # 16 Oct + 6 days = 22 Oct, 10:00 BST.
    assert followup == PlannedMessage(
        kind="bruising_followup",
        due_at=utc(2026, 10, 22, 9),
        expires_at=utc(2026, 10, 24, 9),
        dedupe_key="s101:bruising_followup",
        content_key="bruising_followup",
        session_id=101,
        params={"number": 1},
    )


def test_bruising_followup_uses_the_local_date() -> None:
    # 23:30Z on 21 Oct is 00:30 BST on the 22nd; 22 Oct + 6 = 28 Oct, after the change (GMT).
    followup = bruising_followup(
        session_id=102,
        number=2,
        reported_at=utc(2026, 10, 21, 23, 30),
        tz=LONDON,
        prefs=DEFAULT,
    )
    assert followup.due_at == utc(2026, 10, 28, 10)


def test_progress_check_ins_come_monthly_and_a_week_after_the_last_session() -> None:
    # Weekly from Thursday 15 October 2026 to Thursday 17 December, London.
    checks = of_kind(plan(course()), "progress_checkin")
    assert [m.due_at for m in checks] == [
        utc(2026, 11, 15, 10),  # 10:00 GMT
        utc(2026, 12, 15, 10),
        utc(2026, 12, 24, 10),  # a week after the last
    ]
    assert all(m.content_key == "progress_checkin" and m.session_id is None for m in checks)
