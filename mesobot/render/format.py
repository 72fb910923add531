"""How dates, times and the doctor pointer read, wherever they are shown."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from mesobot.content import Catalogue

# Rows of buttons, each a (label, callback data) pair: the chat turns them into a keyboard.
Rows = list[list[tuple[str, str]]]


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


def doctor_pointer(
    catalogue: Catalogue, clinic: str | None = None, contact: str | None = None
) -> str:
    """The closing pointer to the patient's doctor, or to their clinic (name and contact)
    when they joined one."""
    if clinic:
        line = f"{clinic}, {contact}" if contact else clinic
        return catalogue.text("doctor_pointer_clinic", clinic=line)
    return catalogue.text("doctor_pointer")
