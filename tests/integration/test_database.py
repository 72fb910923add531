"""Each configured database answers (CI sets MESOBOT_TEST_DATABASE_URL: unreachable fails)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from mesobot.db import create_engine


async def test_database_answers_and_keeps_utc_times(database_url: str) -> None:
    engine = create_engine(database_url)
    table = sa.Table(
        "probe_times",
        sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True)),
    )
    when = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(table.drop, checkfirst=True)
            await connection.run_sync(table.create)
            await connection.execute(table.insert().values(id=1, at=when))
            stored = (await connection.execute(sa.select(table.c.at))).scalar_one()
            await connection.run_sync(table.drop)
    finally:
        await engine.dispose()
    # Whatever the backend keeps, the moment in time must be the same one.
    assert stored.replace(tzinfo=stored.tzinfo or dt.UTC) == when
