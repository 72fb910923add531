"""Logging: text for a terminal, or one JSON object per line for a log collector.

While an update is handled, what is learnt about it (the patient's database id, say) is noted
with ``note`` and carried by every line logged until it is done. Lines never carry what a
patient wrote, their name or anything about their health: only ids, kinds and outcomes.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import logging
from collections.abc import Iterator
from typing import Any

from sqlalchemy import event

from mesobot.models import Patient

_FIELDS: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "mesobot_log_fields", default=None
)
# Attributes every LogRecord has: anything else on a record was passed as ``extra``.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}
TEXT_FORMAT = "%(levelname)s %(name)s: %(message)s"


@contextlib.contextmanager
def scope(**fields: Any) -> Iterator[dict[str, Any]]:
    """Fields for every line logged inside (and noted later with ``note``)."""
    noted = dict(fields)
    token = _FIELDS.set(noted)
    try:
        yield noted
    finally:
        _FIELDS.reset(token)


def note(**fields: Any) -> None:
    """Add fields to the lines of the update being handled (nothing outside a scope)."""
    noted = _FIELDS.get()
    if noted is not None:
        noted.update(fields)


@event.listens_for(Patient, "load")
def _patient_loaded(patient: Patient, _: object) -> None:
    # The patient whose update this is (``_user``, never logged), by their database id.
    noted = _FIELDS.get()
    if noted is not None and noted.get("_user") == patient.telegram_user_id:
        noted["patient"] = patient.id


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    fields = {k: v for k, v in (_FIELDS.get() or {}).items() if not k.startswith("_")}
    fields.update((k, v) for k, v in record.__dict__.items() if k not in _STANDARD)
    return fields


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, then the fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(_fields(record))
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """The plain format, with the fields after the message as key=value."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if fields := _fields(record):
            first, _, rest = text.partition("\n")
            pairs = " ".join(f"{k}={v}" for k, v in fields.items())
            text = f"{first} [{pairs}]" + (f"\n{rest}" if rest else "")
        return text


def configure(*, json_lines: bool, level: str) -> None:
    """Log to standard error: the bot's own lines at ``level``, libraries' at WARNING (httpx
    would log every Bot API address, token included, at INFO)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    for name in ("mesobot", "handlers"):
        logging.getLogger(name).setLevel(level.upper())
