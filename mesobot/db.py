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


def one_line(error: BaseException) -> str:
    """An error's message on one line, for logs and the terminal: the driver's own words,
    without the statement, its parameters (a patient's text) or SQLAlchemy's links."""
    text = str(getattr(error, "orig", None) or error) or type(error).__name__
    return " ".join(text.split("(Background on this error")[0].split("[SQL:")[0].split())


async def ping(engine: AsyncEngine) -> None:
    """Raise unless the database takes a write now: a write that changes nothing, rolled
    back (the file may be read-only, another process may hold SQLite's lock, a PostgreSQL
    server may be a read-only replica)."""
    async with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            await connection.exec_driver_sql("BEGIN IMMEDIATE")
        await connection.exec_driver_sql("UPDATE alembic_version SET version_num = version_num")
        await connection.rollback()


def create_engine(url: str, *, lock_wait: float = 30.0, **options: Any) -> AsyncEngine:
    """An async engine for ``url``; SQLite gets foreign keys, WAL and a busy timeout
    (``lock_wait`` seconds)."""
    if not url.startswith("sqlite"):
        # Checked before use, so connections a restart broke are replaced; a server that does
        # not answer fails in 10 s rather than holding up every update.
        connect = {"timeout": 10, **options.pop("connect_args", {})}
        return create_async_engine(url, pool_pre_ping=True, connect_args=connect, **options)
    # How long a write waits for another writer's lock before failing (then it is retried,
    # as an outage); ``?timeout=`` in the URL sets it.
    wait = {} if "timeout=" in url else {"timeout": lock_wait}
    engine = create_async_engine(url, connect_args=wait, **options)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if ":memory:" not in url:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    return engine


# Set in a session's info once it has written something in the current transaction.
WROTE = "mesobot_wrote"


def session_maker(
    engine: AsyncEngine,
    *,
    before_commit: Callable[[Session], None] | None = None,
    after_commit: Callable[[Session], None] | None = None,
    after_rollback: Callable[[Session], None] | None = None,
) -> async_sessionmaker[AsyncSession]:
    """A session factory whose objects stay readable after commit, with optional hooks.

    ``before_commit`` finds ``session.info[WROTE]`` set when the transaction wrote anything
    (objects flushed or about to be, or an INSERT, UPDATE or DELETE statement).
    """

    class AppSession(Session):
        """This factory's own session class, so its hooks touch no other factory."""

    @event.listens_for(AppSession, "after_flush")
    def _flushed(session: Session, _context: Any) -> None:
        session.info[WROTE] = True

    @event.listens_for(AppSession, "do_orm_execute")
    def _statement(state: Any) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            state.session.info[WROTE] = True

    @event.listens_for(AppSession, "before_commit")
    def _committing(session: Session) -> None:
        if session.new or session.dirty or session.deleted:
            session.info[WROTE] = True
        if before_commit is not None:
            before_commit(session)
        session.info.pop(WROTE, None)

    if after_commit is not None:
        event.listen(AppSession, "after_commit", after_commit)

    @event.listens_for(AppSession, "after_rollback")
    def _rolled_back(session: Session) -> None:
        session.info.pop(WROTE, None)
        if after_rollback is not None:
            after_rollback(session)

    return async_sessionmaker(
        engine, class_=AsyncSession, sync_session_class=AppSession, expire_on_commit=False
    )
