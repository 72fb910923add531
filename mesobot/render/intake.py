"""How the intake asks: one question per step, in one table, with its buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from mesobot.content import Catalogue
from mesobot.domain import intake as flow
from mesobot.domain import plan as rules
from mesobot.domain.intake import IntakeState

from .calendar import month_rows
from .callbacks import Choice, IntakeMonth, YearMonth
from .format import Rows

TIMES = ("08:00", "09:00", "10:00", "11:00", "12:00", "14:00", "16:00", "18:00")
INTERVALS = (7, 10, 14, 21, 28)
SESSION_COUNTS = (6, 8, 10, 12, 15)


@dataclass(frozen=True)
class Question:
    """What a step asks, its buttons, and whether the chat offers to share a location."""

    text: str
    rows: Rows
    share_location: bool = False


def choice(state: IntakeState, value: str | int) -> str:
    """Callback data for an answer at the state's step, tied to this draft."""
    return Choice(state.draft_id, state.step, str(value)).pack()


def calendar(state: IntakeState, catalogue: Catalogue, *, month: dt.date, today: dt.date) -> Rows:
    """The calendar for the first-session step."""
    return month_rows(
        catalogue,
        month=month,
        today=today,
        pick=lambda day: choice(state, day.isoformat()),
        turn=lambda shown: IntakeMonth(state.draft_id, YearMonth(shown)).pack(),
    )


def summary(state: IntakeState, catalogue: Catalogue) -> str:
    """The whole plan, every session in local time."""
    zone = state.zone
    assert zone is not None
    lines = [
        catalogue.text("summary_line", number=n, when=catalogue.when(start, zone))
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


def summary_rows(state: IntakeState, catalogue: Catalogue) -> Rows:
    """Save or change."""
    return [
        [(catalogue.text("btn_confirm"), choice(state, "confirm"))],
        [(catalogue.text("btn_change"), choice(state, "change"))],
    ]


def change_rows(state: IntakeState, catalogue: Catalogue) -> Rows:
    """Which part of the plan to change."""
    sections = [s for s in flow.CHANGEABLE if s != "setting" or "setting" in state.answers]
    rows = [[(catalogue.text(f"change_{s}"), choice(state, f"change_{s}"))] for s in sections]
    rows.append([(catalogue.text("btn_back"), choice(state, "back"))])
    return rows


def _options(state: IntakeState, catalogue: Catalogue, kinds: tuple[str, ...], label: str) -> Rows:
    return [[(catalogue.text(f"{label}_{kind}"), choice(state, kind))] for kind in kinds]


def _hair(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    return Question(catalogue.text("ask_hair"), _options(state, catalogue, flow.HAIR_TYPES, "hair"))


def _screening(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    text = catalogue.text
    yes_no = [[(text("btn_yes"), choice(state, "yes")), (text("btn_no"), choice(state, "no"))]]
    return Question(text(f"ask_{state.step}"), yes_no)


def _hold(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    reason = catalogue.text(f"hold_{flow.held_question(state.answers)}")
    cleared = [[(catalogue.text("btn_cleared"), choice(state, "cleared"))]]
    return Question(catalogue.compose("hold", reason=reason), cleared)


def _setting(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    rows = _options(state, catalogue, flow.SETTINGS, "setting")
    return Question(catalogue.text("ask_setting"), rows)


def _timezone(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    return Question(catalogue.text("ask_timezone"), [], share_location=True)


def _date(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    assert state.zone is not None
    today = rules.local_date(now, state.zone)
    example = (today + dt.timedelta(days=7)).isoformat()
    month = calendar(state, catalogue, month=today, today=today)
    return Question(catalogue.text("ask_date", example=example), month)


def _time(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    rows = [[(t, choice(state, t)) for t in TIMES[i : i + 4]] for i in (0, 4)]
    day = dt.date.fromisoformat(state.answers["date"])
    return Question(catalogue.text("ask_time", date=catalogue.day(day)), rows)


def _spacing(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    rows = [[(catalogue.text(f"preset_{p.key}"), choice(state, p.key))] for p in rules.PRESETS]
    rows.append([(catalogue.text("btn_custom"), choice(state, "custom"))])
    return Question(catalogue.text("ask_spacing"), rows)


def _interval(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    low, high = rules.MIN_INTERVAL_DAYS, rules.MAX_INTERVAL_DAYS
    row = [(str(n), choice(state, n)) for n in INTERVALS]
    return Question(catalogue.text("ask_interval", low=low, high=high), [row])


def _sessions(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    low, high = rules.MIN_SESSIONS, rules.MAX_SESSIONS
    row = [(str(n), choice(state, n)) for n in SESSION_COUNTS]
    return Question(catalogue.text("ask_sessions", low=low, high=high), [row])


def _summary(state: IntakeState, catalogue: Catalogue, now: dt.datetime) -> Question:
    return Question(summary(state, catalogue), summary_rows(state, catalogue))


QUESTIONS: dict[str, Callable[[IntakeState, Catalogue, dt.datetime], Question]] = {
    "hair": _hair,
    **{flow.screening_step(q): _screening for q in flow.SCREENING},
    "hold": _hold,
    "setting": _setting,
    "timezone": _timezone,
    "date": _date,
    "time": _time,
    "spacing": _spacing,
    "interval": _interval,
    "sessions": _sessions,
    "summary": _summary,
}


def question(state: IntakeState, catalogue: Catalogue, *, now: dt.datetime) -> Question:
    """What to ask at the state's current step."""
    return QUESTIONS[state.step](state, catalogue, now)
