"""Unhandled errors reported to Sentry when ``SENTRY_DSN`` is set, with nothing a patient
wrote and nothing that names them: messages, user details, request bodies, local variables
and breadcrumbs are dropped before an event leaves the machine."""

from __future__ import annotations

from typing import Any

from mesobot.config import SettingsError

# What an event may carry about where and what failed; everything else is dropped.
_KEPT = (
    *("event_id", "timestamp", "platform", "level", "logger", "release", "environment"),
    *("server_name", "exception", "tags", "contexts", "sdk", "modules", "fingerprint"),
)


def scrub(event: dict[str, Any], _hint: object = None) -> dict[str, Any]:
    """The event without message text, names or variables: exception types, stack frames
    (file, function, line) and the log line's own template are all that is left."""
    kept = {key: event[key] for key in _KEPT if key in event}
    for exception in kept.get("exception", {}).get("values", []):
        exception["value"] = ""  # an error's message can quote a query's parameters
        for frame in exception.get("stacktrace", {}).get("frames", []):
            for key in ("vars", "context_line", "pre_context", "post_context"):
                frame.pop(key, None)
    entry = event.get("logentry") or {}
    if "message" in entry:
        kept["logentry"] = {"message": entry["message"]}  # the template, not its arguments
    return kept


def start(dsn: str) -> None:
    """Report unhandled errors to ``dsn``, scrubbed."""
    try:
        import sentry_sdk  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise SettingsError(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install 'mesobot[sentry]'"
        ) from None
    sentry_sdk.init(
        dsn=dsn,
        send_default_pii=False,
        include_local_variables=False,
        max_breadcrumbs=0,
        before_send=scrub,
    )
