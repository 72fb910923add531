"""Integration fixtures: a database that can be taken away and brought back."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url


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


class WriteLock:
    """Another process holding SQLite's write lock, as a long transaction or a backup would."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._holder: sqlite3.Connection | None = None

    def cut(self) -> None:
        self._holder = sqlite3.connect(self._path, isolation_level=None)
        self._holder.execute("BEGIN IMMEDIATE")

    def restore(self) -> None:
        assert self._holder is not None
        self._holder.execute("ROLLBACK")
        self._holder.close()


@pytest.fixture
async def outage(migrated_url: str) -> AsyncIterator[Outage]:
    """A way to take the database away and bring it back, and the URL the bot uses."""
    url = make_url(migrated_url)
    if url.get_backend_name() == "sqlite":
        assert url.database
        # A write waits a moment for the lock, not half a minute.
        yield WriteLock(url.database), f"{migrated_url}?timeout=0.3"
        return
    async with Relay(url.host or "127.0.0.1", url.port or 5432) as relay:
        relayed = url.set(host="127.0.0.1", port=relay.port)
        yield relay, relayed.render_as_string(hide_password=False)


# A way to take the database away and bring it back, and the URL the bot uses.
Outage = tuple[Relay | WriteLock, str]
