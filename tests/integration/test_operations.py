"""What an operator watches: /healthz and /metrics on the bot's own HTTP server, in polling
and webhook mode, through a database outage; and log lines that carry ids, never health text.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import select

from mesobot import logs
from mesobot.app import Listen, MesoApp, build_application, running
from mesobot.clock import ManualClock
from mesobot.config import load_settings
from mesobot.models import Patient
from mesobot.sandbox import Sandbox
from mesobot.services.faq import FaqMatcher
from mesobot.services.timezones import TimezoneDirectory

from ..conftest import free_port, local_webhook
from .conftest import Outage
from .patient_steps import all_handled, say, with_plan


@asynccontextmanager
async def served(
    sandbox: Sandbox,
    url: str,
    clock: ManualClock,
    zones: TimezoneDirectory,
    matcher: FaqMatcher,
    *,
    webhook: bool = False,
) -> AsyncIterator[tuple[MesoApp, httpx.AsyncClient]]:
    """The bot with its HTTP server (polling with a port, or a webhook), and a client for it."""
    settings = load_settings(token=sandbox.token, api_base_url=sandbox.url, database_url=url)
    app = build_application(
        settings, clock=clock, zones=zones, matcher=matcher, chat_rate=0, retry=(0.05, 0.4)
    )
    hook = local_webhook() if webhook else None
    listen = None if hook else Listen(free_port())
    port = hook.port if hook else listen.port  # type: ignore[union-attr]
    async with (
        running(app, webhook=hook, listen=listen),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client,
    ):
        yield app, client


def metric(text: str, name: str, **labels: str) -> float | None:
    """One sample's value from Prometheus' text format, or None when it is not there."""
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return float(sample.value)
    return None


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_health_and_metrics_answer_in_both_modes(
    sandbox: Sandbox,
    migrated_url: str,
    clock: ManualClock,
    zones: TimezoneDirectory,
    faq_matcher: FaqMatcher,
    webhook: bool,
) -> None:
    async with served(sandbox, migrated_url, clock, zones, faq_matcher, webhook=webhook) as (
        app,
        client,
    ):
        # On PostgreSQL the advisory lock may still be held a moment by the bot of the test
        # before (its connection closing): the standby check takes it over within seconds. On
        # a machine busy with other work, a first check may also find the database slower
        # than the check's two seconds: it reports that, and the next one is healthy.
        for _ in range(300):
            health = await client.get("/healthz")
            if health.status_code == 200 and health.json().get("dispatcher") == "leader":
                break
            await asyncio.sleep(0.1)
        assert health.status_code == 200
        assert health.json() == {
            "database": "ok",
            "dispatcher": "leader",
            "oldest_due_seconds": 0.0,
        }
        ida = sandbox.phone("Ida")
        await with_plan(ida, day="3 Dec", at="10:00")
        assert "session 1 of 10" in ((await say(ida, "/next")).text or "")
        assert "hurt" in ((await say(ida, "does the mesotherapy hurt much?")).text or "").lower()
        text = (await client.get("/metrics")).text
        assert metric(text, "mesobot_updates_total", kind="command")
        assert metric(text, "mesobot_updates_total", kind="button")
        assert metric(text, "mesobot_update_seconds_count")
        assert metric(text, "mesobot_dispatcher_leader") == 1
        assert metric(text, "mesobot_database_up") == 1
        # The course's reminders wait in the outbox; none is due yet.
        assert (metric(text, "mesobot_outbox_pending", kind="reminder_eve") or 0) >= 1
        assert metric(text, "mesobot_outbox_oldest_due_seconds") == 0
        assert metric(text, "mesobot_faq_answers_total", outcome="answered") == 1
        # The evening reminder falls due and is sent: counted by its kind.
        clock.set(dt.datetime(2026, 12, 2, 19, 30, tzinfo=dt.UTC))
        await app.bot_data.dispatcher.run_due()
        text = (await client.get("/metrics")).text
        assert metric(text, "mesobot_messages_sent_total", kind="reminder_eve") == 1


async def test_health_turns_503_while_the_database_is_away_and_back_after(
    sandbox: Sandbox,
    outage: Outage,
    clock: ManualClock,
    zones: TimezoneDirectory,
    faq_matcher: FaqMatcher,
) -> None:
    cable, url = outage
    async with served(sandbox, url, clock, zones, faq_matcher) as (_, client):
        assert (await client.get("/healthz")).status_code == 200
        cable.cut()
        down = await client.get("/healthz")
        assert down.status_code == 503
        assert down.json()["database"] == "unreachable"
        assert down.json()["problems"][0].startswith("the database cannot be reached")
        assert metric((await client.get("/metrics")).text, "mesobot_database_up") == 0
        cable.restore()
        assert (await client.get("/healthz")).status_code == 200
        assert metric((await client.get("/metrics")).text, "mesobot_database_up") == 1


async def test_a_warning_sign_is_counted_and_logged_without_its_words(
    sandbox: Sandbox,
    migrated_url: str,
    clock: ManualClock,
    zones: TimezoneDirectory,
    faq_matcher: FaqMatcher,
) -> None:
    async with served(sandbox, migrated_url, clock, zones, faq_matcher) as (app, client):
        ida = sandbox.phone("Ida Quintero")
        await with_plan(ida, day="3 Dec", at="10:00")
        await all_handled(ida)
        with captured_json_logs() as output:
            urgent = await say(ida, "I have a fever of 39.4 and yellow pus coming from my scalp")
            await all_handled(ida)
        assert "urgent" in (urgent.text or "").lower() or "doctor" in (urgent.text or "")
        text = (await client.get("/metrics")).text
        assert metric(text, "mesobot_triage_escalations_total", kind="sign") == 1
        async with app.bot_data.services.sessions() as session:
            patient = (await session.exec(select(Patient))).one()
    lines = [json.loads(line) for line in output.getvalue().splitlines()]
    for word in ("fever", "39.4", "pus", "yellow", "scalp", "Ida", "Quintero"):
        assert word not in output.getvalue()
    # One line for the message (the updates before and after it have their own).
    [done] = [line for line in lines if line["message"] == "update done" and line["kind"] == "text"]
    assert (done["patient"], done["handler"], done["outcome"]) == (patient.id, "text", "handled")
    assert isinstance(done["update_id"], int) and done["duration_ms"] >= 0


@contextmanager
def captured_json_logs() -> Iterator[io.StringIO]:
    """What the bot logs at INFO, as ``MESOBOT_LOG_FORMAT=json`` would write it."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(logs.JsonFormatter())
    ours = [logging.getLogger(name) for name in ("mesobot", "handlers")]
    levels = [logger.level for logger in ours]
    for logger in ours:
        logger.setLevel(logging.INFO)
        logger.addHandler(handler)
    try:
        yield output
    finally:
        for logger, level in zip(ours, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
