"""/reminders: one message with the patient's reminder settings and buttons to change them."""

from __future__ import annotations

import datetime as dt

from mesobot.content import Catalogue
from mesobot.models import Patient

from .callbacks import ReminderSetting
from .format import Rows

EVENING_TIMES = ("18:00", "19:00", "20:00", "21:00")
HOURS_BEFORE = ("1", "2", "3", "4", "5", "6")
# Quiet hours to choose from ("none": reminders at any hour).
QUIET_HOURS = ("21:00-08:00", "22:00-07:00", "23:00-09:00", "none")
CHOSEN = "✓ "


def _clock(at: dt.time) -> str:
    return f"{at:%H:%M}"


def settings(patient: Patient, catalogue: Catalogue) -> tuple[str, Rows]:
    """The settings as they are, and the buttons that change them."""
    text = catalogue.text
    off = text("reminders_off")
    evening = text("reminders_at", time=_clock(patient.evening_time)) if patient.evening_on else off
    soon = text("reminders_before", hours=patient.soon_hours) if patient.soon_on else off
    quiet_now = f"{_clock(patient.quiet_start)}-{_clock(patient.quiet_end)}"
    quiet = (
        text("reminders_quiet_none")
        if patient.quiet_start == patient.quiet_end
        else text(
            "reminders_quiet", start=_clock(patient.quiet_start), end=_clock(patient.quiet_end)
        )
    )
    body = text("reminders_settings", evening=evening, soon=soon, quiet=quiet)

    def mark(label: str, chosen: bool) -> str:
        return f"{CHOSEN}{label}" if chosen else label

    toggle_eve = "off" if patient.evening_on else "on"
    toggle_soon = "off" if patient.soon_on else "on"
    rows: Rows = [
        [(text(f"btn_evening_{toggle_eve}"), ReminderSetting("evening", toggle_eve).pack())],
    ]
    if patient.evening_on:
        rows.append(
            [
                (
                    mark(at, at == _clock(patient.evening_time)),
                    ReminderSetting("at", at.replace(":", "")).pack(),
                )
                for at in EVENING_TIMES
            ]
        )
    rows.append([(text(f"btn_soon_{toggle_soon}"), ReminderSetting("soon", toggle_soon).pack())])
    if patient.soon_on:
        rows.append(
            [
                (mark(h, int(h) == patient.soon_hours), ReminderSetting("hours", h).pack())
                for h in HOURS_BEFORE
            ]
        )
    quiet_rows = []
    for span in QUIET_HOURS:
        chosen = (span == "none" and patient.quiet_start == patient.quiet_end) or span == quiet_now
        label = text("reminders_quiet_none") if span == "none" else span
        quiet_rows.append(
            (mark(label, chosen), ReminderSetting("quiet", span.replace(":", "")).pack())
        )
    rows += [quiet_rows[:2], quiet_rows[2:]]
    return body, rows
