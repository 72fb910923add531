"""Alembic environment: the models' metadata, an async engine, batch mode on SQLite."""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from mesobot.config import load_settings
from mesobot.db import create_engine
from mesobot.models import UTCDateTime, metadata

config = context.config


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or load_settings().database_url


def _render_item(kind: str, item: Any, autogen_context: Any) -> str | bool:
    # Migrations spell our UTC type as what it is in the database.
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(**options: Any) -> None:
    context.configure(
        target_metadata=metadata,
        render_item=_render_item,
        compare_type=True,
        **options,
    )


def _run(connection: Connection) -> None:
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine() -> None:
    engine = create_engine(_url(), poolclass=NullPool)
    async with engine.begin() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    _configure(url=_url(), literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
elif (connection := config.attributes.get("connection")) is not None:
    # Called from mesobot.migrate inside the application's event loop.
    _run(connection)
else:
    asyncio.run(_run_with_own_engine())
