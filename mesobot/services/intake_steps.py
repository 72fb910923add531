"""Each intake step's reading of an answer, in one table: typed or pressed, kept or refused.

A step reads the answer against the answers so far and returns the answers it leads to, or
why it was refused. Nothing here touches the database: the intake service stores the result.
A button that cannot belong to the step raises ``StaleChoice``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from mesobot.domain import intake as flow
from mesobot.domain import plan as rules
from mesobot.domain.intake import StaleChoice

from .dates import parse_date, parse_time
from .timezones import TimezoneDirectory, ZoneChoice

Answers = dict[str, Any]


@dataclass(frozen=True)
class Answer:
    """One answer at the current step: a button's value, or what the patient typed."""

    value: str
    typed: bool
    answers: Mapping[str, Any]
    now: dt.datetime
    zones: TimezoneDirectory | None  # given for a typed answer at the time zone step
    language: str = "en"  # the patient's: how typed dates read

    @property
    def today(self) -> dt.date:
        """The patient's own date, once the time zone is known."""
        return rules.local_date(self.now, ZoneInfo(self.answers["timezone"]))

    def keep(self, **values: Any) -> Answers:
        """The answers so far with these added."""
        return {**self.answers, **values}


@dataclass(frozen=True)
class Refused:
    """Why an answer was not kept, and the time zones that might have been meant."""

    problem: str
    suggestions: tuple[ZoneChoice, ...] = field(default_factory=tuple)


Read = Callable[[Answer], Answers | Refused]
USE_BUTTONS = Refused("use_buttons")


def _pick(options: tuple[str, ...], key: str) -> Read:
    def read(answer: Answer) -> Answers | Refused:
        if answer.typed or answer.value not in options:
            return USE_BUTTONS
        return answer.keep(**{key: answer.value})

    return read


def _screening(question: str) -> Read:
    def read(answer: Answer) -> Answers | Refused:
        if answer.typed or answer.value not in ("yes", "no"):
            return USE_BUTTONS
        screening = {**answer.answers.get("screening", {}), question: answer.value == "yes"}
        cleared = [q for q in answer.answers.get("cleared", []) if q != question]
        return answer.keep(screening=screening, cleared=cleared)

    return read


def _hold(answer: Answer) -> Answers | Refused:
    question = flow.held_question(answer.answers)
    if answer.typed or answer.value != "cleared" or question is None:
        return USE_BUTTONS
    return answer.keep(cleared=[*answer.answers.get("cleared", []), question])


def _timezone(answer: Answer) -> Answers | Refused:
    if not answer.typed:
        if answer.value not in available_timezones():
            raise StaleChoice
        return answer.keep(timezone=answer.value)
    assert answer.zones is not None
    found = answer.zones.search(answer.value)
    if found.zone is not None:
        return answer.keep(timezone=found.zone)
    problem = "tz_suggest" if found.suggestions else "tz_unknown"
    return Refused(problem, suggestions=found.suggestions)


def _date(answer: Answer) -> Answers | Refused:
    today = answer.today
    if answer.typed:
        day = parse_date(answer.value, today=today, language=answer.language)
    else:
        try:
            day = dt.date.fromisoformat(answer.value)
        except ValueError:
            raise StaleChoice from None
    if day is None:
        return Refused("date_unreadable")
    problem = rules.check_first_day(day, today=today)
    if problem is not None:
        return Refused(f"date_{problem.value}")
    return answer.keep(date=day.isoformat())


def _time(answer: Answer) -> Answers | Refused:
    at = parse_time(answer.value)
    if at is None:
        return Refused("time_unreadable")
    day = dt.date.fromisoformat(answer.answers["date"])
    if rules.to_utc(day, at, ZoneInfo(answer.answers["timezone"])) <= answer.now:
        return Refused("time_passed")
    return answer.keep(time=at.strftime("%H:%M"))


def _spacing(answer: Answer) -> Answers | Refused:
    if answer.typed:
        return USE_BUTTONS
    if answer.value == "custom":
        return answer.keep(custom=True)
    chosen = rules.preset(answer.value)
    if chosen is None:
        raise StaleChoice
    return answer.keep(preset=chosen.key, interval=chosen.interval_days, sessions=chosen.sessions)


def _number(key: str, check: Callable[[int], rules.PlanProblem | None]) -> Read:
    def read(answer: Answer) -> Answers | Refused:
        value = answer.value
        number = int(value) if value.isascii() and value.isdigit() and len(value) < 4 else None
        if number is None or check(number) is not None:
            return Refused(f"{key}_range")
        return answer.keep(**{key: number})

    return read


def _summary(answer: Answer) -> Answers | Refused:
    if answer.typed:
        return USE_BUTTONS
    section = answer.value.removeprefix("change_")
    if section not in flow.CHANGEABLE:
        raise StaleChoice
    return flow.reopen(answer.answers, section)


STEPS: dict[str, Read] = {
    "hair": _pick(flow.HAIR_TYPES, "hair"),
    **{flow.screening_step(q): _screening(q) for q in flow.SCREENING},
    "hold": _hold,
    "setting": _pick(flow.SETTINGS, "setting"),
    "timezone": _timezone,
    "date": _date,
    "time": _time,
    "spacing": _spacing,
    "interval": _number("interval", rules.check_interval),
    "sessions": _number("sessions", rules.check_sessions),
    "summary": _summary,
}


def read(step: str, answer: Answer) -> Answers | Refused:
    """The answers after ``answer`` at ``step``; raises ``StaleChoice`` for a step now gone."""
    if step not in STEPS:
        raise StaleChoice
    return STEPS[step](answer)
