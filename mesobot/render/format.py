"""How dates, times and the doctor pointer read, wherever they are shown."""

from __future__ import annotations

import re

from mesobot.content import Catalogue

# Rows of buttons, each a (label, callback data) pair: the chat turns them into a keyboard.
Rows = list[list[tuple[str, str]]]


def strip_tags(text: str) -> str:
    """Plain text for places that take no HTML (button answers)."""
    return re.sub(r"<[^>]+>", "", text)


def doctor_pointer(
    catalogue: Catalogue, clinic: str | None = None, contact: str | None = None
) -> str:
    """The closing pointer to the patient's doctor, or to their clinic (name and contact)
    when they joined one."""
    if clinic:
        line = f"{clinic}, {contact}" if contact else clinic
        return catalogue.text("doctor_pointer_clinic", clinic=line)
    return catalogue.text("doctor_pointer")
