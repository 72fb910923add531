"""What the bot counts, for Prometheus (``GET /metrics``). One registry per application, so
two bots in one process (tests, benchmarks) never mix their figures. No label ever carries
patient data: kinds, reasons and outcomes come from fixed sets."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from telegram import Update

__all__ = ["CONTENT_TYPE", "Metrics", "update_kind"]

# A "_created" timestamp beside every counter doubles the page for nothing a dashboard uses.
disable_created_metrics()  # type: ignore[no-untyped-call]


class Metrics:
    """The counters, gauges and histogram the bot keeps while it runs."""

    def __init__(self) -> None:
        self.registry = registry = CollectorRegistry()
        self.updates = Counter(
            "mesobot_updates", "Updates handled, by kind", ["kind"], registry=registry
        )
        self.update_seconds = Histogram(
            "mesobot_update_seconds",
            "Time to handle one update, from its turn to its last reply",
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=registry,
        )
        self.outbox_pending = Gauge(
            "mesobot_outbox_pending", "Messages waiting in the outbox, by kind", ["kind"],
            registry=registry,
        )  # fmt: skip
        self.outbox_oldest_due = Gauge(
            "mesobot_outbox_oldest_due_seconds",
            "How long the oldest message that is due has waited (0 when none is late)",
            registry=registry,
        )
        self.sent = Counter(
            "mesobot_messages_sent", "Outbox messages delivered, by kind", ["kind"],
            registry=registry,
        )  # fmt: skip
        self.failed = Counter(
            "mesobot_messages_failed",
            "Outbox messages not delivered, by reason (blocked, rejected, gave_up, expired)",
            ["reason"],
            registry=registry,
        )
        self.flood_waits = Counter(
            "mesobot_flood_waits", "Times Telegram asked the bot to wait (429)", registry=registry
        )
        self.leader = Gauge(
            "mesobot_dispatcher_leader",
            "1 when this instance sends the outbox, 0 when it stands by",
            registry=registry,
        )
        self.database_up = Gauge(
            "mesobot_database_up",
            "1 when the database answered at the last scrape, 0 when it could not be reached",
            registry=registry,
        )
        self.escalations = Counter(
            "mesobot_triage_escalations",
            "Messages answered with the urgent instruction (sign) or the checklist (unclear)",
            ["kind"],
            registry=registry,
        )
        self.faq_answers = Counter(
            "mesobot_faq_answers",
            "Questions by outcome (answered, offered, unknown)",
            ["outcome"],
            registry=registry,
        )

    def render(self) -> bytes:
        """Everything, in Prometheus' text format."""
        return generate_latest(self.registry)


def update_kind(update: object) -> str:
    """What an update is, in a word (a label value)."""
    if not isinstance(update, Update):
        return "other"
    if update.callback_query is not None:
        return "button"
    message = update.effective_message
    if message is None:
        return "other"
    if message.text is not None:
        return "command" if message.text.startswith("/") else "text"
    return "location" if message.location is not None else "other"
