"""The database engine and sessions (SQLite by default, PostgreSQL in production)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import Session
from sqlmodel.ext.asyncio.session import AsyncSession


def is_outage(error: BaseException) -> bool:
    """Whether ``error`` means the database cannot be reached just now (a restart, a network
    fault), as opposed to a fault in a query."""
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, (OSError, InterfaceError, OperationalError, TimeoutError)) or (
        isinstance(error, DBAPIError) and isinstance(error.orig, (OSError, ConnectionError))
    )


def create_engine(url: str, **options: Any) -> AsyncEngine:
    """An async engine for ``url``; SQLite gets foreign keys, WAL and a busy timeout."""
    if not url.startswith("sqlite"):
        # Checked before use, so connections a restart broke are replaced; a server that does
        # not answer fails in 10 s rather than holding up every update.
        connect = {"timeout": 10, **options.pop("connect_args", {})}
        return create_async_engine(url, pool_pre_ping=True, connect_args=connect, **options)
    engine = create_async_engine(url, connect_args={"timeout": 30}, **options)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if ":memory:" not in url:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return engine


def session_maker(
    engine: AsyncEngine, *, after_commit: Callable[[Session], None] | None = None
) -> async_sessionmaker[AsyncSession]:
    """A session factory whose objects stay readable after commit, with an optional hook."""

    class AppSession(Session):
        """This factory's own session class, so its hook touches no other factory."""

    if after_commit is not None:
        event.listen(AppSession, "after_commit", after_commit)
    return async_sessionmaker(
        engine, class_=AsyncSession, sync_session_class=AppSession, expire_on_commit=False
    )
