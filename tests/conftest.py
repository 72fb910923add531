"""Shared fixtures: a sandbox, a raw Bot API client, and the real bot running against it."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from mesobot.app import Listen, MesoApp, Webhook, build_application, running
from mesobot.clock import ManualClock
from mesobot.config import load_settings
from mesobot.content import Catalogues, load_catalogue, load_catalogues
from mesobot.db import create_engine
from mesobot.migrate import upgrade
from mesobot.sandbox import Sandbox
from mesobot.services.faq import FaqMatcher, build_matcher
from mesobot.services.timezones import TimezoneDirectory

PG_URL_VARIABLE = "MESOBOT_TEST_DATABASE_URL"


def free_port() -> int:
    """A local port nothing listens on just now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def local_webhook(secret: str | None = None) -> Webhook:
    """The bot's webhook server on a free local port."""
    port = free_port()
    return Webhook(
        url=f"http://127.0.0.1:{port}/hook", port=port, secret=secret, listen="127.0.0.1"
    )


def database_backends() -> list[Any]:
    """SQLite always; PostgreSQL too when MESOBOT_TEST_DATABASE_URL is set."""
    backends = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get(PG_URL_VARIABLE):
        backends.append(pytest.param("postgresql", id="postgresql"))
    return backends


@pytest.fixture(params=database_backends())
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database for one test: a fresh SQLite file, or the emptied CI PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    url = os.environ[PG_URL_VARIABLE]
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            await connection.execute(sa.text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()
    return url


@pytest.fixture
async def migrated_url(database_url: str) -> str:
    """The test's database, migrated to the newest revision."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    return database_url


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """A sandbox with flood control off (tests that need it build their own)."""
    async with Sandbox(flood_control=False) as sb:
        yield sb


class BotApi:
    """A raw HTTP client for the sandbox, to test its contract without any bot library."""

    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client
        self.token = token

    async def call(self, method: str, token: str | None = None, **kwargs: Any) -> httpx.Response:
        """POST one method; kwargs go to httpx (data=, json=, files=)."""
        return await self.client.post(f"/bot{token or self.token}/{method}", **kwargs)

    async def ok(self, method: str, **kwargs: Any) -> Any:
        """Call a method that must succeed and return its result."""
        response = await self.call(method, **kwargs)
        body = response.json()
        assert response.status_code == 200 and body["ok"] is True, body
        return body["result"]


@pytest.fixture
async def api(sandbox: Sandbox) -> AsyncIterator[BotApi]:
    """A raw client bound to the ``sandbox`` fixture."""
    async with httpx.AsyncClient(base_url=sandbox.url, timeout=30) as client:
        yield BotApi(client, sandbox.token)


@pytest.fixture
def clock() -> ManualClock:
    """A manual clock; tests move it, nothing sleeps."""
    import datetime as dt

    return ManualClock(dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC))


BotFactory = Callable[..., AbstractAsyncContextManager[MesoApp]]


@pytest.fixture(scope="session")
def zones() -> TimezoneDirectory:
    """One time zone directory for the whole run (it takes a moment to build)."""
    return TimezoneDirectory()


@pytest.fixture(scope="session")
def catalogues() -> Catalogues:
    """Every language's texts, loaded once for the whole run (each bot would otherwise load
    them again, parsing every Fluent file, while the tests run)."""
    return load_catalogues()


@pytest.fixture(scope="session")
def faq_matcher() -> FaqMatcher:
    """One trained FAQ matcher for the whole run (training takes a moment)."""
    return build_matcher(load_catalogue())


@pytest.fixture
def running_bot(
    sandbox: Sandbox,
    clock: ManualClock,
    migrated_url: str,
    zones: TimezoneDirectory,
    faq_matcher: FaqMatcher,
    catalogues: Catalogues,
) -> BotFactory:
    """Start the real mesobot Application polling the sandbox, on the test's database.

    Each call builds a new Application on the same database: a restart. Keyword arguments
    go to ``build_application`` (``max_rate=...``, say); ``http=True`` serves the bot's HTTP
    server on a free local port, which is its public URL too.
    """

    @asynccontextmanager
    async def start(*, http: bool = False, **options: Any) -> AsyncIterator[MesoApp]:
        listen = Listen(free_port()) if http else None
        settings = load_settings(
            token=sandbox.token,
            api_base_url=sandbox.url,
            database_url=migrated_url,
            public_url=f"http://127.0.0.1:{listen.port}" if listen else None,
        )
        # The sandbox here has no flood control: no chat needs pacing unless a test says so.
        options.setdefault("chat_rate", 0)
        options.setdefault("catalogues", catalogues)
        app = build_application(settings, clock=clock, zones=zones, matcher=faq_matcher, **options)
        async with running(app, listen=listen):
            yield app

    return start
