"""PostgreSQL going away while patients chat and reminders fall due.

The bot reaches PostgreSQL through a TCP relay the test can cut, as a server restart or a
network fault would: every connection drops and new ones are refused until it is restored.
The bot keeps running, tells a patient to send again, and sends what fell due once the
database is back, with no restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url

from mesobot.app import build_application, polling
from mesobot.clock import ManualClock
from mesobot.config import load_settings
from mesobot.sandbox import Sandbox
from mesobot.services.faq import FaqMatcher
from mesobot.services.timezones import TimezoneDirectory

from .patient_steps import say, with_plan

UNAVAILABLE = (
    "Sorry, I can't reach my records just now, so I couldn't take that in. "
    "Please send it again in a minute."
)


class Relay:
    """A TCP relay to the database that can be cut and restored."""

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._open: set[asyncio.StreamWriter] = set()
        self.down = False
        self.port = 0

    async def __aenter__(self) -> Relay:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        self.cut()
        self._server.close()
        await self._server.wait_closed()

    def cut(self) -> None:
        """Drop every connection and refuse new ones."""
        self.down = True
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()

    def restore(self) -> None:
        self.down = False

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.down:
            writer.transport.abort()
            return
        upstream_reader, upstream_writer = await asyncio.open_connection(*self._target)
        self._open |= {writer, upstream_writer}
        await asyncio.gather(
            self._pump(reader, upstream_writer), self._pump(upstream_reader, writer)
        )

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.transport.abort()
        self._open.discard(writer)


@pytest.fixture
async def relay(migrated_url: str) -> AsyncIterator[tuple[Relay, str]]:
    url = make_url(migrated_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("a PostgreSQL outage (SQLite is a file beside the bot)")
    async with Relay(url.host or "127.0.0.1", url.port or 5432) as relay:
        relayed = url.set(host="127.0.0.1", port=relay.port)
        yield relay, relayed.render_as_string(hide_password=False)


async def test_the_bot_rides_out_a_database_outage(
    sandbox: Sandbox,
    clock: ManualClock,
    relay: tuple[Relay, str],
    zones: TimezoneDirectory,
    faq_matcher: FaqMatcher,
) -> None:
    cable, url = relay
    settings = load_settings(token=sandbox.token, api_base_url=sandbox.url, database_url=url)
    app = build_application(settings, clock=clock, zones=zones, matcher=faq_matcher)
    async with polling(app):
        ida = sandbox.phone("Ida")
        await with_plan(ida, day="3 Dec", at="10:00")
        cable.cut()
        # A message the bot cannot store gets a clear reply; the bot carries on.
        assert (await say(ida, "/next")).text == UNAVAILABLE
        assert (await say(ida, "does it hurt?")).text == UNAVAILABLE
        # The evening reminder falls due while the database is away: nothing is sent yet.
        clock.set(dt.datetime(2026, 12, 2, 19, 30, tzinfo=dt.UTC))
        assert await app.bot_data.dispatcher.run_due() == 0
        assert ida.unread() == []
        cable.restore()
        # Back: the sweep sends what fell due, and the patient is answered again.
        assert await app.bot_data.dispatcher.run_due() == 1
        reminder = await ida.next_message()
        assert "session 1 of 10" in (reminder.text or "")
        answer = await say(ida, "/next")
        assert "session 1 of 10" in (answer.text or "")
