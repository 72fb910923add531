"""Log lines (text and JSON) and the Sentry scrubber: ids and outcomes, never a patient's words."""

from __future__ import annotations

import json
import logging

from mesobot import logs
from mesobot.sentry import scrub


def record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    made = logging.makeLogRecord({"name": "mesobot.test", "levelname": "INFO", "msg": message})
    made.args = args
    made.__dict__.update(extra)
    return made


def test_a_json_line_carries_the_update_fields_and_the_extras_but_not_the_hidden_user() -> None:
    with logs.scope(update_id=7, kind="text", _user=12345):
        logs.note(patient=3)
        line = json.loads(logs.JsonFormatter().format(record("update %s", "done", duration_ms=1.5)))
    assert {k: line[k] for k in ("level", "logger", "message")} == {
        "level": "info",
        "logger": "mesobot.test",
        "message": "update done",
    }
    assert (line["update_id"], line["kind"], line["patient"], line["duration_ms"]) == (
        7,
        "text",
        3,
        1.5,
    )
    assert "_user" not in line and "12345" not in json.dumps(line)


def test_outside_an_update_a_line_has_no_fields_and_note_changes_nothing() -> None:
    logs.note(patient=3)
    line = json.loads(logs.JsonFormatter().format(record("started")))
    assert set(line) == {"time", "level", "logger", "message"}


def test_the_text_format_puts_the_fields_after_the_message() -> None:
    formatter = logs.TextFormatter(logs.TEXT_FORMAT)
    with logs.scope(update_id=7):
        assert (
            formatter.format(record("update done"))
            == "INFO mesobot.test: update done [update_id=7]"
        )
    assert formatter.format(record("started")) == "INFO mesobot.test: started"


def test_sentry_events_keep_where_it_failed_and_drop_what_was_said() -> None:
    event = {
        "event_id": "abc",
        "level": "error",
        "user": {"id": "1001", "username": "ida"},
        "request": {"data": "I have a fever"},
        "extra": {"text": "pus on my scalp"},
        "breadcrumbs": {"values": [{"message": "Ida wrote: I feel faint"}]},
        "logentry": {"message": "could not send %s", "params": ["I feel faint"]},
        "exception": {
            "values": [
                {
                    "type": "IntegrityError",
                    "value": "[parameters: ('I have a fever',)]",
                    "stacktrace": {
                        "frames": [
                            {
                                "filename": "mesobot/services/questions.py",
                                "function": "record_warning",
                                "lineno": 50,
                                "vars": {"text": "I have a fever"},
                                "context_line": "text = 'I have a fever'",
                            }
                        ]
                    },
                }
            ]
        },
    }
    scrubbed = scrub(event)
    dumped = json.dumps(scrubbed)
    for words in ("fever", "pus", "faint", "ida", "1001"):
        assert words not in dumped.lower()
    frame = scrubbed["exception"]["values"][0]["stacktrace"]["frames"][0]
    assert frame == {
        "filename": "mesobot/services/questions.py",
        "function": "record_warning",
        "lineno": 50,
    }
    assert scrubbed["logentry"] == {"message": "could not send %s"}
    assert scrubbed["exception"]["values"][0]["type"] == "IntegrityError"
