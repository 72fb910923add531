"""The intake conversation's order: the next step is the first one not yet answered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from . import plan as rules

HAIR_TYPES = ("androgenetic", "telogen", "circulation", "unsure")
SCREENING = ("pregnancy", "anticoagulants", "keloid", "allergy", "other_condition")
SETTINGS = ("clinic", "home")
# What "Change something" can reopen, and the answers each one clears.
CHANGEABLE: dict[str, tuple[str, ...]] = {
    "hair": ("hair",),
    "setting": ("setting",),
    "timezone": ("timezone",),
    "date": ("date",),
    "time": ("time",),
    "spacing": ("preset", "custom", "interval", "sessions"),
}


class StaleChoice(Exception):
    """A button from an earlier step, an older intake, or someone else."""


@dataclass(frozen=True)
class IntakeState:
    """Where a patient's intake stands, for rendering the next question."""

    draft_id: int
    step: str
    answers: dict[str, Any]
    first_name: str

    @property
    def zone(self) -> ZoneInfo | None:
        """The patient's chosen time zone, once known."""
        name = self.answers.get("timezone")
        return ZoneInfo(name) if name else None

    def session_starts(self) -> list[dt.datetime]:
        """Every session's UTC start, once date, time and spacing are known."""
        zone = self.zone
        assert zone is not None
        return rules.session_starts(
            first_day=dt.date.fromisoformat(self.answers["date"]),
            at=dt.time.fromisoformat(self.answers["time"]),
            interval_days=self.answers["interval"],
            sessions=self.answers["sessions"],
            tz=zone,
        )


def screening_step(question: str) -> str:
    """The step name of a screening question."""
    return f"screen_{question}"


def next_step(answers: Mapping[str, Any], *, clinic_linked: bool = False) -> str:
    """The first unanswered step, or ``hold`` while a contraindication is not cleared."""
    if "hair" not in answers:
        return "hair"
    screening: Mapping[str, bool] = answers.get("screening", {})
    cleared = answers.get("cleared", [])
    for question in SCREENING:
        if question not in screening:
            return screening_step(question)
        if screening[question] and question not in cleared:
            return "hold"
    if "setting" not in answers and not clinic_linked:
        return "setting"
    # The time zone comes before the date: "today" and "tomorrow" are the patient's own.
    for step in ("timezone", "date", "time"):
        if step not in answers:
            return step
    if "interval" not in answers:
        return "interval" if answers.get("custom") else "spacing"
    if "sessions" not in answers:
        return "sessions"
    return "summary"


def held_question(answers: Mapping[str, Any]) -> str | None:
    """The contraindication that stops the plan, if one does."""
    screening: Mapping[str, bool] = answers.get("screening", {})
    cleared = answers.get("cleared", [])
    return next((q for q in SCREENING if screening.get(q) and q not in cleared), None)


def reopen(answers: Mapping[str, Any], section: str) -> dict[str, Any]:
    """The answers with one section cleared, so intake asks it again."""
    keep = dict(answers)
    for key in CHANGEABLE[section]:
        keep.pop(key, None)
    return keep
