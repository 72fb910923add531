"""The database going away while patients chat and reminders fall due.

On PostgreSQL the bot reaches the server through a TCP relay the test can cut, as a server
restart or a network fault would: every connection drops and new ones are refused until it
is restored. On SQLite another process holds the write lock. Either way the bot keeps
running, tells the patient nothing is lost, and once the database is back answers what they
sent, once, and sends what fell due, with no restart.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from mesobot.app import MesoApp, build_application, polling, running
from mesobot.clock import ManualClock
from mesobot.config import load_settings
from mesobot.db import create_engine
from mesobot.sandbox import Sandbox
from mesobot.services.faq import FaqMatcher
from mesobot.services.timezones import TimezoneDirectory

from ..conftest import BotFactory, local_webhook
from .conftest import Outage
from .patient_steps import say, tap, with_plan
from .processes import bot_environment, bot_process

UNAVAILABLE = (
    "Sorry, I can't reach my records just now. Nothing you sent is lost: I'll answer as soon "
    "as they're back, so there's no need to send it again."
)


BotOn = Callable[[Sandbox], MesoApp]


@pytest.fixture
def bot_on(
    outage: Outage,
    clock: ManualClock,
    zones: TimezoneDirectory,
    faq_matcher: FaqMatcher,
) -> BotOn:
    """Builds the bot for a sandbox, on the database the outage takes away; it tries the
    database again after a short wait."""
    _, url = outage

    def build(sandbox: Sandbox) -> MesoApp:
        settings = load_settings(token=sandbox.token, api_base_url=sandbox.url, database_url=url)
        return build_application(
            settings, clock=clock, zones=zones, matcher=faq_matcher, retry=(0.05, 0.4)
        )

    return build


async def test_the_bot_rides_out_a_database_outage(
    sandbox: Sandbox,
    clock: ManualClock,
    outage: Outage,
    bot_on: BotOn,
) -> None:
    cable, _ = outage
    app = bot_on(sandbox)
    async with polling(app):
        ida = sandbox.phone("Ida")
        await with_plan(ida, day="3 Dec", at="10:00")
        cable.cut()
        # Messages the bot cannot store: each gets one clear reply, and stays with Telegram.
        assert (await say(ida, "/next")).text == UNAVAILABLE
        assert (await say(ida, "/plan")).text == UNAVAILABLE
        # The evening reminder falls due while the database is away: nothing is sent yet.
        clock.set(dt.datetime(2026, 12, 2, 19, 30, tzinfo=dt.UTC))
        assert await app.bot_data.dispatcher.run_due() == 0
        assert ida.unread() == []
        cable.restore()
        # Back: both messages are answered, in order, with no restart.
        assert "session 1 of 10" in ((await ida.next_message()).text or "")
        assert "Your course" in ((await ida.next_message()).text or "")
        # The sweep sends what fell due, once.
        assert await app.bot_data.dispatcher.run_due() == 1
        reminder = await ida.next_message()
        assert "session 1 of 10" in (reminder.text or "")
        assert await app.bot_data.dispatcher.run_due() == 0
        # Nothing was answered twice: the next reply is the answer to the next message.
        assert ((await say(ida, "/help")).text or "").startswith("Here is what I can do")
        assert ida.unread() == []


async def test_a_leader_whose_lock_connection_is_killed_steps_down(
    sandbox: Sandbox,
    clock: ManualClock,
    running_bot: BotFactory,
    migrated_url: str,
    zones: TimezoneDirectory,
    faq_matcher: FaqMatcher,
) -> None:
    if make_url(migrated_url).get_backend_name() != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's (SQLite has one writer)")
    phones = [sandbox.phone(name) for name in ("Ada", "Bo", "Cy")]
    async with running_bot():
        for phone in phones:
            await with_plan(phone, day="3 Dec", at="10:00")

    def instance(name: str) -> MesoApp:
        settings = load_settings(
            token=sandbox.token, api_base_url=sandbox.url, database_url=migrated_url, instance=name
        )
        return build_application(settings, clock=clock, zones=zones, matcher=faq_matcher)

    first, second = instance("first"), instance("second")
    async with first, second:
        a, b = first.bot_data.dispatcher, second.bot_data.dispatcher
        clock.set(dt.datetime(2026, 12, 2, 19, 30, tzinfo=dt.UTC))
        assert await a.run_due() == 3  # the evening reminders: the first instance leads
        assert await b.run_due() == 0
        # The leader's lock connection is killed, as a failover or an operator would.
        killer = create_engine(migrated_url)
        try:
            async with killer.begin() as connection:
                ended = await connection.execute(
                    sa.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_locks "
                        "WHERE locktype = 'advisory' AND granted"
                    )
                )
                assert ended.scalars().all() == [True]
        finally:
            await killer.dispose()
        # The other instance takes over; the old leader finds its lease gone and stands by.
        # (The killed backend lets go of the lock once it has exited, a moment later: the
        # other asks again, as its standby check would.)
        clock.set(dt.datetime(2026, 12, 3, 8, 30, tzinfo=dt.UTC))
        for _ in range(50):
            if taken := await b.run_due():
                break
            await asyncio.sleep(0.1)
        assert taken > 0
        clock.set(dt.datetime(2026, 12, 3, 13, 0, tzinfo=dt.UTC))
        assert await a.run_due() == 0
        assert await b.run_due() > 0
        assert await a.is_leader() is False
    # Every message went out once: no text twice in any chat.
    for phone in phones:
        texts = [m.text for m in phone.received]
        assert len(texts) == len(set(texts)), phone.name


async def test_mesobot_run_stops_cleanly_after_the_database_came_back(
    sandbox: Sandbox, outage: Outage, tmp_path: Path
) -> None:
    cable, url = outage
    log = tmp_path / "bot.log"
    async with bot_process(bot_environment(sandbox, url), log) as bot:
        eve = sandbox.phone("Eve")
        await eve.send("/start")
        assert "Is that all right with you?" in ((await eve.next_message(timeout=60)).text or "")
        # The database goes away (every connection with it, the outbox lock's too) and
        # comes back; the bot carries on, and SIGTERM then stops it with exit status 0.
        cable.cut()
        assert (await say(eve, "/help")).text == UNAVAILABLE
        cable.restore()
        assert ((await eve.next_message(timeout=30)).text or "").startswith("Here is what")
        bot.send_signal(signal.SIGTERM)
        assert await bot.wait() == 0, log.read_text()
    assert "Traceback" not in log.read_text()


async def test_over_a_webhook_telegram_hears_ok_only_once_an_update_is_stored(
    sandbox: Sandbox,
    outage: Outage,
    bot_on: BotOn,
) -> None:
    cable, _ = outage
    app = bot_on(sandbox)
    async with running(app, webhook=local_webhook("s3")):
        ida = sandbox.phone("Ida")
        assert "Is that all right with you?" in ((await say(ida, "/start")).text or "")
        cable.cut()
        assert (await say(ida, "/help")).text == UNAVAILABLE
        # Telegram got an error, so it keeps the update and delivers it again.
        feed = sandbox.core.feed
        assert feed.webhook is not None
        await ida.wait_for(lambda: "503" in (feed.webhook.last_error_message or ""), 10)  # type: ignore[union-attr]
        assert feed.pending_count == 1
        cable.restore()
        assert ((await ida.next_message(timeout=30)).text or "").startswith("Here is what")
        assert feed.pending_count == 0
        # Answered once: the next reply is the answer to the next message.
        assert (await say(ida, "/cancel")).text != UNAVAILABLE
        assert ida.unread() == []


async def test_a_button_pressed_in_an_outage_counts_once_it_is_over(
    clock: ManualClock, outage: Outage, bot_on: BotOn
) -> None:
    cable, _ = outage
    async with Sandbox(flood_control=False, clock=clock.now) as sandbox:
        app = bot_on(sandbox)
        async with polling(app):
            ida = sandbox.phone("Ida")
            assert "Is that all right with you?" in ((await say(ida, "/start")).text or "")
            cable.cut()
            assert (await tap(ida, "I agree")).text == UNAVAILABLE
            # A minute passes: Telegram no longer takes an answer to that press.
            clock.advance(dt.timedelta(minutes=1))
            cable.restore()
            agreed = await ida.next_message(timeout=30)
            assert (agreed.text or "").startswith("Thank you, Ida.")
        assert sandbox.stats()["bad_requests"] == {}
