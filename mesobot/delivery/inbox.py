"""The inbox: every update from Telegram is stored here before Telegram is told it arrived,
and handled from here, so a crash or a database outage loses no patient's message."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import Session

from mesobot.clock import Clock
from mesobot.db import WROTE
from mesobot.models import InboxStatus, InboxUpdate

INBOX = InboxUpdate.__table__  # type: ignore[attr-defined]
# An update claimed this long ago and still not done was left by an instance that stopped.
STALE_AFTER = dt.timedelta(minutes=2)
# Done rows are kept this long: Telegram may deliver an update again within it.
KEEP_DONE = dt.timedelta(days=1)


@dataclass(frozen=True)
class Received:
    """An update as it arrived: its id, its chat (if any), its JSON and when it came."""

    update_id: int
    chat_id: int | None
    payload: str
    arrived: dt.datetime


@dataclass
class Handling:
    """The update whose handlers are running, and whether a transaction marked it done."""

    update_id: int
    marking: bool = False
    marked: bool = False


_HANDLING: ContextVar[Handling | None] = ContextVar("inbox_handling", default=None)


class Inbox:
    """Stores updates, hands out the ones to handle, and records them handled."""

    def __init__(self, engine: AsyncEngine, *, clock: Clock, owner: str) -> None:
        self._engine = engine
        self._clock = clock
        self.owner = owner

    async def store(self, updates: Sequence[Received]) -> list[int]:
        """Store ``updates`` in one transaction; returns the ids that are new (the others
        were delivered before). Raises if the database cannot be reached."""
        if not updates:
            return []
        now = self._clock.now()
        rows = [
            {
                "update_id": u.update_id,
                "chat_id": u.chat_id,
                "payload": u.payload,
                "received_at": u.arrived,
                "status": InboxStatus.PENDING,
                "owner": self.owner,
                "claimed_at": now,
                "attempts": 0,
            }
            for u in updates
        ]
        # INSERT ... ON CONFLICT of the database in use (PostgreSQL's or SQLite's), imported
        # only for it: PostgreSQL's dialect takes a tenth of a second to import.
        dialect = importlib.import_module(f"sqlalchemy.dialects.{self._engine.dialect.name}")
        insert = (
            dialect.insert(INBOX)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(INBOX.c.update_id)
        )
        async with self._engine.begin() as connection:
            new = {row[0] for row in await connection.execute(insert)}
        return [u.update_id for u in updates if u.update_id in new]

    async def waiting(self) -> list[tuple[int, str, dt.datetime]]:
        """Updates not yet handled that are this instance's to handle, oldest first: its own
        (left by a crash or an outage) and any another instance left stale: id, JSON and
        when it arrived."""
        query = (
            sa.select(INBOX.c.update_id, INBOX.c.payload, INBOX.c.received_at)
            .where(INBOX.c.status == InboxStatus.PENDING, self._mine())
            .order_by(INBOX.c.update_id)
        )
        async with self._engine.connect() as connection:
            return [(row[0], row[1], row[2]) for row in await connection.execute(query)]

    async def claim(self, update_id: int) -> bool:
        """Take ``update_id`` to handle it now; False when it is done or another has it."""
        now = self._clock.now()
        claim = (
            INBOX.update()
            .where(
                INBOX.c.update_id == update_id,
                INBOX.c.status == InboxStatus.PENDING,
                self._mine(),
            )
            .values(owner=self.owner, claimed_at=now, attempts=INBOX.c.attempts + 1)
        )
        async with self._engine.begin() as connection:
            return (await connection.execute(claim)).rowcount == 1

    async def done(self, update_id: int) -> None:
        """Record ``update_id`` handled, keeping only its id (its text is not needed again)."""
        async with self._engine.begin() as connection:
            await connection.execute(
                INBOX.update()
                .where(INBOX.c.update_id == update_id)
                .values(status=InboxStatus.DONE, payload="", handled_at=self._clock.now())
            )

    @contextmanager
    def handling(self, update_id: int) -> Iterator[Handling]:
        """While the handlers for ``update_id`` run: their first transaction that writes
        marks it done too (see ``mark_done_with``), so their effects happen once."""
        handling = Handling(update_id)
        token = _HANDLING.set(handling)
        try:
            yield handling
        finally:
            _HANDLING.reset(token)

    def mark_done_with(self, session: Session) -> None:
        """Before a session commits: if it writes while an update is handled, mark the
        update done in the same transaction."""
        handling = _HANDLING.get()
        if handling is None or handling.marked or not session.info.get(WROTE):
            return
        session.connection().execute(
            INBOX.update()
            .where(INBOX.c.update_id == handling.update_id)
            .values(status=InboxStatus.DONE, payload="", handled_at=self._clock.now())
        )
        handling.marking = True

    @staticmethod
    def committed(session: Session, *, ok: bool) -> None:
        """After a session's commit (or rollback): whether the mark took."""
        handling = _HANDLING.get()
        if handling is not None and handling.marking:
            handling.marking = False
            handling.marked = handling.marked or ok

    async def prune(self) -> int:
        """Forget updates handled more than a day ago; returns how many."""
        old = self._clock.now() - KEEP_DONE
        async with self._engine.begin() as connection:
            result = await connection.execute(
                INBOX.delete().where(INBOX.c.status == InboxStatus.DONE, INBOX.c.handled_at < old)
            )
        return int(result.rowcount)

    def _mine(self) -> sa.ColumnElement[bool]:
        stale = self._clock.now() - STALE_AFTER
        return sa.or_(
            INBOX.c.owner == self.owner, INBOX.c.owner.is_(None), INBOX.c.claimed_at < stale
        )
