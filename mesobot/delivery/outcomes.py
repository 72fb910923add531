"""How a send can fail, in terms the dispatcher acts on (the sender translates Bot API errors)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any


class SendFailure(Exception):
    """A message could not be sent."""


class Blocked(SendFailure):
    """The patient blocked the bot or the chat is gone: stop writing to them."""


class RetryLater(SendFailure):
    """Flood control: try again after ``seconds``; nothing is lost."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:g}s")
        self.seconds = seconds


class Transient(SendFailure):
    """A network error or a server error: retry with backoff, up to a limit."""


class Rejected(SendFailure):
    """The message itself was refused (a bad request): retrying will not help."""


@dataclass(frozen=True)
class Delivery:
    """One claimed message, with what the sender needs to render and address it."""

    id: int
    patient_id: int
    chat_id: int
    session_id: int | None
    kind: str
    content_key: str
    params: dict[str, Any]
    # The session and plan as they are now, not as they were when the row was written.
    session_start: dt.datetime | None = None
    setting: str | None = None
    timezone: str | None = None
    plan_version: int | None = None
    # Set when the message goes to the clinic's staff rather than to the patient.
    to_staff: bool = False
    # Urgent messages go out with replies, ahead of bulk sends.
    urgent: bool = False
    # The patient's clinic, for the doctor pointer, if they joined one.
    clinic: str | None = None
    clinic_contact: str | None = None
    # The recipient's language as it is now: the patient's, or the staff member's own (else
    # their clinic's) for notes to staff. None: the default language.
    language: str | None = None


# Renders and sends one message; returns the Telegram message id.
Sender = Callable[[Delivery], Awaitable[int]]
