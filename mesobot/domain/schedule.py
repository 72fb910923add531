"""Which messages a course implies and when, kept out of the patient's quiet hours."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from mesobot.domain.plan import local_date, to_utc

# Only these can still happen, so only these are worth reminding about.
UPCOMING_STATUSES = frozenset({"planned", "confirmed"})
# A course counts as complete when its last session is expected to happen or has happened.
COMPLETING_STATUSES = frozenset({"planned", "confirmed", "done"})

MORNING = dt.time(10, 0)
CHECK_AFTER = dt.timedelta(hours=2)
# The last progress check-in, this many days after the last session.
PROGRESS_AFTER_LAST = 7
# "Did session k happen?", unanswered, asked again the next morning.
CHECK_AGAIN = "session_check_again"
CHECK_VALID_FOR = dt.timedelta(days=3)
MILESTONE_VALID_FOR = dt.timedelta(days=7)
AFTERCARE_AFTER = dt.timedelta(minutes=30)
CHECKIN_VALID_FOR = dt.timedelta(days=1)
BRUISING_AFTER_DAYS = 6
BRUISING_VALID_FOR = dt.timedelta(days=2)
EARLY_MILESTONE_SESSION = 4
EARLY_MILESTONE_MIN_TOTAL = 5


@dataclass(frozen=True)
class Preferences:
    """A patient's timing choices: the evening reminder, the short-notice one, quiet hours."""

    evening_time: dt.time = dt.time(19, 0)
    soon_hours: int = 3
    evening_on: bool = True
    soon_on: bool = True
    # Local wall times; a start later than the end wraps past midnight, equal means none.
    quiet_start: dt.time = dt.time(21, 0)
    quiet_end: dt.time = dt.time(8, 0)


@dataclass(frozen=True)
class SessionSlot:
    """One session of a plan as the scheduler sees it."""

    session_id: int
    number: int
    start: dt.datetime
    status: str


@dataclass(frozen=True)
class PlannedMessage:
    """A message the plan implies, ready to be written to the outbox."""

    kind: str
    due_at: dt.datetime
    expires_at: dt.datetime | None
    dedupe_key: str
    content_key: str
    session_id: int | None
    params: dict[str, int | str]
    urgent: bool = False


def _wall(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    # A naive datetime would be read as the server's local time: refuse it rather than guess.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("quiet hours need a timezone-aware moment")
    return moment.astimezone(tz)


def _naive(at: dt.time) -> dt.time:
    return at.replace(tzinfo=None, fold=0)


def in_quiet_hours(moment: dt.datetime, *, tz: ZoneInfo, prefs: Preferences) -> bool:
    """Return whether ``moment`` falls inside the patient's local quiet window."""
    start, end = _naive(prefs.quiet_start), _naive(prefs.quiet_end)
    if start == end:
        return False
    wall = _naive(_wall(moment, tz).time())
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


def after_quiet_hours(moment: dt.datetime, *, tz: ZoneInfo, prefs: Preferences) -> dt.datetime:
    """Return the end of the quiet window ``moment`` falls in, or ``moment`` if it is outside."""
    if not in_quiet_hours(moment, tz=tz, prefs=prefs):
        return moment
    local = _wall(moment, tz)
    end = _naive(prefs.quiet_end)
    day = local.date()
    # Past the start of a wrapping window, the window ends tomorrow morning.
    if _naive(prefs.quiet_start) > end and _naive(local.time()) >= _naive(prefs.quiet_start):
        day += dt.timedelta(days=1)
    result = to_utc(day, end, tz)
    if result <= moment:
        # Only when the window ends inside a repeated autumn hour and ``moment`` is already on
        # its second pass: the first occurrence has gone, so the window ends at the second.
        second = dt.datetime.combine(day, end.replace(fold=1), tzinfo=tz).astimezone(dt.UTC)
        result = max(second, moment)
    return result


def _add_months(day: dt.date, months: int) -> dt.date:
    # Calendar months, clamped: 30 November plus three months is the last day of February.
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _morning_after(day: dt.date, *, days: int, tz: ZoneInfo, prefs: Preferences) -> dt.datetime:
    return after_quiet_hours(to_utc(day + dt.timedelta(days=days), MORNING, tz), tz=tz, prefs=prefs)


def _session_messages(
    slot: SessionSlot, *, total: int, tz: ZoneInfo, prefs: Preferences
) -> list[PlannedMessage]:
    start = slot.start
    params: dict[str, int | str] = {"number": slot.number, "total": total}

    def message(
        kind: str, due_at: dt.datetime, expires_at: dt.datetime, content_key: str | None = None
    ) -> PlannedMessage:
        # Keyed by the start, not the due time: a new evening time reschedules the same
        # reminder, while a moved session is news worth telling again.
        return PlannedMessage(
            kind=kind,
            due_at=due_at,
            expires_at=expires_at,
            dedupe_key=f"s{slot.session_id}:{kind}:{start.astimezone(dt.UTC):%Y%m%dT%H%M}",
            content_key=content_key or kind,
            session_id=slot.session_id,
            params=dict(params),
        )

    messages: list[PlannedMessage] = []
    # The patient picked the evening time, so quiet hours do not move it.
    eve = to_utc(local_date(start, tz) - dt.timedelta(days=1), prefs.evening_time, tz)
    if prefs.evening_on and eve < start:
        messages.append(message("reminder_eve", eve, start))
    soon = after_quiet_hours(start - dt.timedelta(hours=prefs.soon_hours), tz=tz, prefs=prefs)
    if prefs.soon_on and soon < start:
        messages.append(message("reminder_soon", soon, start))
    check = after_quiet_hours(start + CHECK_AFTER, tz=tz, prefs=prefs)
    # Asked once more the next morning; an answer to the first settles the session, and
    # the second is cancelled with it. The first is stale once the second is due: a bot
    # that was down overnight asks once, not twice in a row.
    again = _morning_after(local_date(start, tz), days=1, tz=tz, prefs=prefs)
    if again > check:
        messages.append(message("session_check", check, again))
        messages.append(message(CHECK_AGAIN, again, again + CHECK_VALID_FOR, "session_check"))
    else:
        messages.append(message("session_check", check, start + CHECK_VALID_FOR))
    return messages


def _progress_checkins(
    plan_id: int, sessions: Sequence[SessionSlot], *, tz: ZoneInfo, prefs: Preferences
) -> list[PlannedMessage]:
    """A progress check-in a month after the first session and every month while the course
    lasts, and one a week after the last session."""
    held = [slot for slot in sessions if slot.status not in ("cancelled",)]
    if not held:
        return []
    first = local_date(min(held, key=lambda s: s.number).start, tz)
    last = local_date(max(held, key=lambda s: s.number).start, tz)
    days = [_add_months(first, months) for months in range(1, 25)]
    days = [day for day in days if day < last] + [last + dt.timedelta(days=PROGRESS_AFTER_LAST)]
    return [
        _plan_message(
            "progress_checkin",
            plan_id=plan_id,
            due_at=_morning_after(day, days=0, tz=tz, prefs=prefs),
            params={},
        )
        for day in days
    ]


def _plan_message(
    kind: str, *, plan_id: int, due_at: dt.datetime, params: dict[str, int | str]
) -> PlannedMessage:
    return PlannedMessage(
        kind=kind,
        due_at=due_at,
        expires_at=due_at + MILESTONE_VALID_FOR,
        dedupe_key=f"p{plan_id}:{kind}:{due_at.astimezone(dt.UTC):%Y%m%d}",
        content_key=kind,
        session_id=None,
        params=params,
    )


def _uncancelled(sessions: Sequence[SessionSlot], number: int) -> SessionSlot | None:
    # A skipped session still holds its place in the course's timeline; a cancelled one does not.
    for slot in sessions:
        if slot.number == number and slot.status != "cancelled":
            return slot
    return None


def plan_messages(
    *,
    plan_id: int,
    sessions: Sequence[SessionSlot],
    total: int,
    tz: ZoneInfo,
    prefs: Preferences,
    now: dt.datetime,
) -> list[PlannedMessage]:
    """Return every message the plan implies from ``now`` on, sorted by due time."""
    messages: list[PlannedMessage] = []
    for slot in sessions:
        if slot.status in UPCOMING_STATUSES and slot.start > now:
            messages.extend(_session_messages(slot, total=total, tz=tz, prefs=prefs))

    milestones: list[PlannedMessage] = []
    fourth = _uncancelled(sessions, EARLY_MILESTONE_SESSION)
    if total >= EARLY_MILESTONE_MIN_TOTAL and fourth is not None:
        due = _morning_after(local_date(fourth.start, tz), days=1, tz=tz, prefs=prefs)
        milestones.append(_plan_message("milestone_early", plan_id=plan_id, due_at=due, params={}))
    first = _uncancelled(sessions, 1)
    if first is not None:
        first_day = local_date(first.start, tz)
        for kind, months in (("milestone_3m", 3), ("milestone_6m", 6)):
            due = _morning_after(_add_months(first_day, months), days=0, tz=tz, prefs=prefs)
            milestones.append(_plan_message(kind, plan_id=plan_id, due_at=due, params={}))
    if sessions:
        last = max(sessions, key=lambda slot: slot.number)
        if last.status in COMPLETING_STATUSES:
            due = _morning_after(local_date(last.start, tz), days=1, tz=tz, prefs=prefs)
            milestones.append(
                _plan_message(
                    "course_complete", plan_id=plan_id, due_at=due, params={"total": total}
                )
            )
    milestones.extend(_progress_checkins(plan_id, sessions, tz=tz, prefs=prefs))
    # Plan-wide messages celebrate a date; once it has passed there is nothing to catch up on.
    messages.extend(m for m in milestones if m.due_at > now)

    # The key breaks ties so the order never depends on the order the sessions came in.
    return sorted(messages, key=lambda m: (m.due_at, m.dedupe_key))


def aftercare_messages(
    *,
    session_id: int,
    number: int,
    done_at: dt.datetime,
    tz: ZoneInfo,
    prefs: Preferences,
    grace: dt.timedelta,
) -> list[PlannedMessage]:
    """Return the aftercare note and next-morning check-in for a session just marked done."""
    aftercare = after_quiet_hours(done_at + AFTERCARE_AFTER, tz=tz, prefs=prefs)
    checkin = _morning_after(local_date(done_at, tz), days=1, tz=tz, prefs=prefs)
    # One of each per session, ever: marking a session done twice must not repeat them.
    return [
        PlannedMessage(
            kind="aftercare",
            due_at=aftercare,
            expires_at=aftercare + grace,
            dedupe_key=f"s{session_id}:aftercare",
            content_key="aftercare",
            session_id=session_id,
            params={"number": number},
        ),
        PlannedMessage(
            kind="checkin",
            due_at=checkin,
            expires_at=checkin + CHECKIN_VALID_FOR,
            dedupe_key=f"s{session_id}:checkin",
            content_key="checkin",
            session_id=session_id,
            params={"number": number},
        ),
    ]


# "Remind me later": how many hours later a patient may ask for.
LATER_HOURS = (1, 3)


def reminder_later(
    *,
    session_id: int,
    number: int,
    total: int,
    start: dt.datetime,
    now: dt.datetime,
    hours: int,
    tz: ZoneInfo,
    prefs: Preferences,
) -> PlannedMessage | None:
    """The reminder again ``hours`` from now, held past quiet hours (it is not urgent);
    None when that would be at or after the session's start."""
    due = after_quiet_hours(now + dt.timedelta(hours=hours), tz=tz, prefs=prefs)
    if due >= start:
        return None
    return PlannedMessage(
        kind="reminder_later",
        due_at=due,
        expires_at=start,
        dedupe_key=f"s{session_id}:later:{due.astimezone(dt.UTC):%Y%m%dT%H%M}",
        content_key="reminder_later",
        session_id=session_id,
        params={"number": number, "total": total},
    )


def bruising_followup(
    *,
    session_id: int,
    number: int,
    reported_at: dt.datetime,
    tz: ZoneInfo,
    prefs: Preferences,
) -> PlannedMessage:
    """Return the follow-up on reported bruising, about a week after the session."""
    due = _morning_after(local_date(reported_at, tz), days=BRUISING_AFTER_DAYS, tz=tz, prefs=prefs)
    return PlannedMessage(
        kind="bruising_followup",
        due_at=due,
        expires_at=due + BRUISING_VALID_FOR,
        dedupe_key=f"s{session_id}:bruising_followup",
        content_key="bruising_followup",
        session_id=session_id,
        params={"number": number},
    )
