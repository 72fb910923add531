"""How things look in the chat: dates, keyboards, and the question for each intake step."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from telegram import (
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from mesobot.content import Catalogue
from mesobot.delivery.telegram import keyboard
from mesobot.domain import intake as flow
from mesobot.domain import plan as rules
from mesobot.render.callbacks import Blank, Choice, IntakeMonth, YearMonth
from mesobot.render.course import summary
from mesobot.render.format import day_label
from mesobot.services.intake import IntakeState

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup
NOOP = Blank().pack()
TIMES = ("08:00", "09:00", "10:00", "11:00", "12:00", "14:00", "16:00", "18:00")
INTERVALS = (7, 10, 14, 21, 28)
SESSION_COUNTS = (6, 8, 10, 12, 15)


def choice(state: IntakeState, value: str | int) -> str:
    """Callback data for an answer at the state's step, tied to this draft."""
    return Choice(state.draft_id, state.step, str(value)).pack()


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
    return keyboard(rows)


def intake_calendar(
    state: IntakeState, catalogue: Catalogue, *, month: dt.date, today: dt.date
) -> InlineKeyboardMarkup:
    """The calendar for the intake's first-session step."""
    return calendar_keyboard(
        catalogue,
        month=month,
        today=today,
        pick=lambda day: choice(state, day.isoformat()),
        turn=lambda shown: IntakeMonth(state.draft_id, YearMonth(shown)).pack(),
    )


def question(
    state: IntakeState, catalogue: Catalogue, *, now: dt.datetime
) -> tuple[str, Markup | None]:
    """The text and keyboard that ask for the state's current step."""
    text = catalogue.text
    step = state.step
    if step == "hair":
        rows = [[(text(f"hair_{kind}"), choice(state, kind))] for kind in flow.HAIR_TYPES]
        return text("ask_hair"), keyboard(rows)
    if step.startswith("screen_"):
        yes_no = [[(text("btn_yes"), choice(state, "yes")), (text("btn_no"), choice(state, "no"))]]
        return text(f"ask_{step}"), keyboard(yes_no)
    if step == "hold":
        reason = text(f"hold_{flow.held_question(state.answers)}")
        cleared = keyboard([[(text("btn_cleared"), choice(state, "cleared"))]])
        return catalogue.compose("hold", reason=reason), cleared
    if step == "setting":
        rows = [[(text(f"setting_{kind}"), choice(state, kind))] for kind in flow.SETTINGS]
        return text("ask_setting"), keyboard(rows)
    if step == "timezone":
        share = KeyboardButton(text("btn_share_location"), request_location=True)
        return text("ask_timezone"), ReplyKeyboardMarkup(
            [[share]], resize_keyboard=True, one_time_keyboard=True
        )
    if step == "date":
        assert state.zone is not None
        today = rules.local_date(now, state.zone)
        example = (today + dt.timedelta(days=7)).isoformat()
        month = intake_calendar(state, catalogue, month=today, today=today)
        return text("ask_date", example=example), month
    if step == "time":
        rows = [[(t, choice(state, t)) for t in TIMES[i : i + 4]] for i in (0, 4)]
        day = dt.date.fromisoformat(state.answers["date"])
        return text("ask_time", date=day_label(day)), keyboard(rows)
    if step == "spacing":
        rows = [[(text(f"preset_{p.key}"), choice(state, p.key))] for p in rules.PRESETS]
        rows.append([(text("btn_custom"), choice(state, "custom"))])
        return text("ask_spacing"), keyboard(rows)
    if step == "interval":
        low, high = rules.MIN_INTERVAL_DAYS, rules.MAX_INTERVAL_DAYS
        row = [(str(n), choice(state, n)) for n in INTERVALS]
        return text("ask_interval", low=low, high=high), keyboard([row])
    if step == "sessions":
        low, high = rules.MIN_SESSIONS, rules.MAX_SESSIONS
        row = [(str(n), choice(state, n)) for n in SESSION_COUNTS]
        return text("ask_sessions", low=low, high=high), keyboard([row])
    return summary(state, catalogue), summary_keyboard(state, catalogue)


def summary_keyboard(state: IntakeState, catalogue: Catalogue) -> InlineKeyboardMarkup:
    """Save or change."""
    return keyboard(
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
    return keyboard(rows)
