"""How things look in the chat: dates, keyboards, and the question for each intake step."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from mesobot.content import Catalogue
from mesobot.domain import intake as flow
from mesobot.domain import plan as rules
from mesobot.models import SessionStatus, TreatmentSession
from mesobot.services.intake import IntakeState
from mesobot.services.patients import PlanView

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup
NOOP = "noop"
TIMES = ("08:00", "09:00", "10:00", "11:00", "12:00", "14:00", "16:00", "18:00")
INTERVALS = (7, 10, 14, 21, 28)
SESSION_COUNTS = (6, 8, 10, 12, 15)


def strip_tags(text: str) -> str:
    """Plain text for places that take no HTML (button answers)."""
    return re.sub(r"<[^>]+>", "", text)


def day_label(day: dt.date) -> str:
    """A day as patients read it: Thu 3 Dec 2026."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def when(moment: dt.datetime, zone: ZoneInfo) -> str:
    """A UTC moment in the patient's local time: Thu 3 Dec 2026, 10:00."""
    local = moment.astimezone(zone)
    return f"{day_label(local.date())}, {local:%H:%M}"


def buttons(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, callback data)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def choice(state: IntakeState, value: str | int) -> str:
    """Callback data for an answer at the state's step, tied to this draft."""
    return f"in:{state.draft_id}:{state.step}:{value}"


def calendar_keyboard(
    catalogue: Catalogue,
    *,
    month: dt.date,
    today: dt.date,
    pick: Callable[[dt.date], str],
    turn: Callable[[dt.date], str],
) -> InlineKeyboardMarkup:
    """A month of days to pick from; days before today or past the limit are blank.

    ``pick`` gives the callback data for a day, ``turn`` for showing another month.
    """
    latest = rules.latest_first_day(today)
    first = month.replace(day=1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=31)).replace(day=1)
    blank = catalogue.text("calendar_blank")
    nav = [
        (catalogue.text("calendar_previous"), turn(previous))
        if previous >= today.replace(day=1)
        else (blank, NOOP),
        (f"{first:%B %Y}", NOOP),
        (catalogue.text("calendar_next"), turn(following))
        if following <= latest
        else (blank, NOOP),
    ]
    rows = [nav, [(name[:2], NOOP) for name in calendar.day_abbr]]
    for week in calendar.Calendar().monthdatescalendar(first.year, first.month):
        open_days = {d for d in week if d.month == first.month and today <= d <= latest}
        if open_days:  # weeks wholly in the past are left out
            rows.append([(str(d.day), pick(d)) if d in open_days else (blank, NOOP) for d in week])
    return buttons(rows)


def intake_calendar(
    state: IntakeState, catalogue: Catalogue, *, month: dt.date, today: dt.date
) -> InlineKeyboardMarkup:
    """The calendar for the intake's first-session step."""
    return calendar_keyboard(
        catalogue,
        month=month,
        today=today,
        pick=lambda day: choice(state, day.isoformat()),
        turn=lambda shown: f"cal:{state.draft_id}:{shown:%Y-%m}",
    )


def question(
    state: IntakeState, catalogue: Catalogue, *, now: dt.datetime
) -> tuple[str, Markup | None]:
    """The text and keyboard that ask for the state's current step."""
    text = catalogue.text
    step = state.step
    if step == "hair":
        rows = [[(text(f"hair_{kind}"), choice(state, kind))] for kind in flow.HAIR_TYPES]
        return text("ask_hair"), buttons(rows)
    if step.startswith("screen_"):
        yes_no = [[(text("btn_yes"), choice(state, "yes")), (text("btn_no"), choice(state, "no"))]]
        return text(f"ask_{step}"), buttons(yes_no)
    if step == "hold":
        reason = text(f"hold_{flow.held_question(state.answers)}")
        cleared = buttons([[(text("btn_cleared"), choice(state, "cleared"))]])
        return catalogue.compose("hold", reason=reason), cleared
    if step == "setting":
        rows = [[(text(f"setting_{kind}"), choice(state, kind))] for kind in flow.SETTINGS]
        return text("ask_setting"), buttons(rows)
    if step == "timezone":
        share = KeyboardButton(text("btn_share_location"), request_location=True)
        return text("ask_timezone"), ReplyKeyboardMarkup(
            [[share]], resize_keyboard=True, one_time_keyboard=True
        )
    if step == "date":
        assert state.zone is not None
        today = rules.local_date(now, state.zone)
        example = (today + dt.timedelta(days=7)).isoformat()
        keyboard = intake_calendar(state, catalogue, month=today, today=today)
        return text("ask_date", example=example), keyboard
    if step == "time":
        rows = [[(t, choice(state, t)) for t in TIMES[i : i + 4]] for i in (0, 4)]
        day = dt.date.fromisoformat(state.answers["date"])
        return text("ask_time", date=day_label(day)), buttons(rows)
    if step == "spacing":
        rows = [[(text(f"preset_{p.key}"), choice(state, p.key))] for p in rules.PRESETS]
        rows.append([(text("btn_custom"), choice(state, "custom"))])
        return text("ask_spacing"), buttons(rows)
    if step == "interval":
        low, high = rules.MIN_INTERVAL_DAYS, rules.MAX_INTERVAL_DAYS
        row = [(str(n), choice(state, n)) for n in INTERVALS]
        return text("ask_interval", low=low, high=high), buttons([row])
    if step == "sessions":
        low, high = rules.MIN_SESSIONS, rules.MAX_SESSIONS
        row = [(str(n), choice(state, n)) for n in SESSION_COUNTS]
        return text("ask_sessions", low=low, high=high), buttons([row])
    return summary(state, catalogue), summary_keyboard(state, catalogue)


def summary(state: IntakeState, catalogue: Catalogue) -> str:
    """The whole plan, every session in local time."""
    zone = state.zone
    assert zone is not None
    lines = [
        catalogue.text("summary_line", number=n, when=when(start, zone))
        for n, start in enumerate(state.session_starts(), start=1)
    ]
    answers = state.answers
    return catalogue.compose(
        "summary",
        hair=catalogue.text(f"hair_{answers['hair']}"),
        setting=catalogue.text(f"setting_{answers.get('setting', 'clinic')}"),
        zone=answers["timezone"],
        interval=str(answers["interval"]),
        count=str(answers["sessions"]),
        sessions="\n".join(lines),
    )


def summary_keyboard(state: IntakeState, catalogue: Catalogue) -> InlineKeyboardMarkup:
    """Save or change."""
    return buttons(
        [
            [(catalogue.text("btn_confirm"), choice(state, "confirm"))],
            [(catalogue.text("btn_change"), choice(state, "change"))],
        ]
    )


def change_keyboard(state: IntakeState, catalogue: Catalogue) -> InlineKeyboardMarkup:
    """Which part of the plan to change."""
    sections = [s for s in flow.CHANGEABLE if s != "setting" or "setting" in state.answers]
    rows = [[(catalogue.text(f"change_{s}"), choice(state, f"change_{s}"))] for s in sections]
    rows.append([(catalogue.text("btn_back"), choice(state, "back"))])
    return buttons(rows)


def upcoming(view: PlanView, *, now: dt.datetime) -> list[TreatmentSession]:
    """The plan's sessions still to come, in order."""
    return [
        s
        for s in view.sessions
        if s.planned_start > now and s.status in (SessionStatus.PLANNED, SessionStatus.CONFIRMED)
    ]


def next_session(view: PlanView, catalogue: Catalogue, *, now: dt.datetime) -> str:
    """The sentence about the next session, or that the course is behind them."""
    zone = ZoneInfo(view.plan.timezone)
    ahead = upcoming(view, now=now)
    if not ahead:
        return catalogue.text("course_finished")
    item = ahead[0]
    days = rules.days_until(item.planned_start, now=now, tz=zone)
    phrase = (
        catalogue.text("days_today")
        if days == 0
        else catalogue.text("days_tomorrow")
        if days == 1
        else catalogue.text("days_in", count=days)
    )
    return catalogue.text(
        "next_session",
        number=item.number,
        total=view.plan.sessions_count,
        when=when(item.planned_start, zone),
        days=phrase,
    )


def plan_overview(view: PlanView, catalogue: Catalogue, *, now: dt.datetime) -> str:
    """Every session of the plan with its status, in local time."""
    zone = ZoneInfo(view.plan.timezone)
    header = catalogue.text(
        "plan_header",
        setting=catalogue.text(f"setting_{view.plan.setting}"),
        interval=view.plan.interval_days,
        zone=view.plan.timezone,
    )
    lines = []
    for item in view.sessions:
        status = str(item.status)
        if item.status == SessionStatus.PLANNED and item.planned_start <= now:
            status = "past"
        lines.append(
            catalogue.text(
                "plan_line",
                number=item.number,
                when=when(item.planned_start, zone),
                status=catalogue.text(f"status_{status}"),
            )
        )
    return "\n".join([header, "", *lines])
