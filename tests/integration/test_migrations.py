"""Migrations produce exactly the models' schema, and run up, down and up again."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from mesobot.db import create_engine
from mesobot.migrate import (
    HEAD,
    alembic_config,
    current_revision,
    downgrade,
    is_up_to_date,
    upgrade,
)
from mesobot.models import metadata


def test_head_is_the_newest_revision() -> None:
    """After adding a migration, set ``HEAD`` in mesobot/migrate.py to its revision."""
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def _differences(connection: sa.Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


def _tables(connection: sa.Connection) -> set[str]:
    return set(sa.inspect(connection).get_table_names()) - {"alembic_version"}


async def test_migrated_schema_is_exactly_the_models(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        assert not await is_up_to_date(engine)
        await upgrade(engine)
        assert await is_up_to_date(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
            assert await connection.run_sync(_tables) == set(metadata.tables)
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        await downgrade(engine, "base")
        assert await current_revision(engine) is None
        async with engine.connect() as connection:
            assert await connection.run_sync(_tables) == set()
        await upgrade(engine)
        assert await current_revision(engine) == HEAD
        async with engine.connect() as connection:
            alembic_says = await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
        assert alembic_says == HEAD
        async with engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
    finally:
        await engine.dispose()


async def test_upgrading_keeps_existing_patients(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0001")
        async with engine.begin() as connection:
            await connection.execute(
                sa.text(
                    "INSERT INTO patient (telegram_user_id, chat_id, first_name, consent_version,"
                    " consented_at, status, created_at) VALUES (7, 7, 'Ada', '2026-11',"
                    " '2026-11-01 10:00:00', 'active', '2026-11-01 10:00:00')"
                )
            )
        await upgrade(engine)
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    sa.text("SELECT first_name, evening_time, quiet_start, quiet_end FROM patient")
                )
            ).one()
    finally:
        await engine.dispose()
    assert row[0] == "Ada"
    assert [str(value)[:5] for value in row[1:]] == ["19:00", "21:00", "08:00"]


async def test_upgrading_keeps_plans_and_everything_that_refers_to_a_patient(
    database_url: str,
) -> None:
    # Regression: adding a foreign key to `patient` makes SQLite rebuild the table, and the
    # drop of the old one cascaded into plans, sessions and screening answers.
    engine = create_engine(database_url)
    moment = "'2026-11-01 10:00:00'"
    rows = [
        "INSERT INTO patient (id, telegram_user_id, chat_id, first_name, consent_version,"
        f" consented_at, status, evening_time, quiet_start, quiet_end, created_at) VALUES (1,"
        f" 7, 7, 'Ada', '2026-11', {moment}, 'active', '19:00:00', '21:00:00', '08:00:00',"
        f" {moment})",
        "INSERT INTO treatment_plan (id, patient_id, hair_loss_type, setting, interval_days,"
        " sessions_count, preferred_time, timezone, status, version, created_at, updated_at)"
        f" VALUES (1, 1, 'androgenetic', 'clinic', 14, 6, '10:00:00', 'Europe/London',"
        f" 'active', 1, {moment}, {moment})",
        "INSERT INTO treatment_session (id, plan_id, number, planned_start, status) VALUES"
        f" (1, 1, 1, {moment}, 'planned')",
        "INSERT INTO screening_answer (patient_id, question, answer, answered_at) VALUES"
        f" (1, 'pregnancy', false, {moment})",
    ]
    counted = ("patient", "treatment_plan", "treatment_session", "screening_answer")
    try:
        await upgrade(engine, "0003")
        async with engine.begin() as connection:
            for row in rows:
                await connection.execute(sa.text(row))
        await upgrade(engine)
        await downgrade(engine, "0003")
        async with engine.connect() as connection:
            counts = [
                (await connection.execute(sa.text(f"SELECT count(*) FROM {table}"))).scalar()
                for table in counted
            ]
            enforced = (
                (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar()
                if (connection.dialect.name == "sqlite")
                else 1
            )
    finally:
        await engine.dispose()
    assert counts == [1, 1, 1, 1]
    assert enforced == 1  # and the engine's connections enforce foreign keys again


async def test_upgrading_reads_why_old_messages_failed_from_their_error_text(
    database_url: str,
) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine, "0005")
        async with engine.begin() as connection:
            await connection.execute(
                sa.text(
                    "INSERT INTO patient (telegram_user_id, chat_id, first_name, consent_version,"
                    " consented_at, status, created_at, evening_time, quiet_start, quiet_end)"
                    " VALUES (7, 7, 'Ada', '2026-11', '2026-11-01 10:00:00', 'active',"
                    " '2026-11-01 10:00:00', '19:00', '21:00', '08:00')"
                )
            )
            for n, (status, error) in enumerate(
                [
                    ("failed", "blocked: Forbidden: bot was blocked by the user"),
                    ("failed", "rejected: Bad Request: message is too long"),
                    ("failed", "Bad Gateway"),
                    ("sent", None),
                ]
            ):
                await connection.execute(
                    sa.text(
                        "INSERT INTO outbox (patient_id, kind, content_key, params, dedupe_key,"
                        " due_at, urgent, status, attempts, last_error, created_at) VALUES"
                        " (1, 'broadcast', 'broadcast_message', '{}', :key,"
                        " '2026-11-02 10:00:00', false, :status, 1, :error, '2026-11-01 10:00:00')"
                    ),
                    {"key": f"k{n}", "status": status, "error": error},
                )
        await upgrade(engine)
        async with engine.connect() as connection:
            found = (
                await connection.execute(sa.text("SELECT failure FROM outbox ORDER BY dedupe_key"))
            ).scalars()
            failures = list(found)
    finally:
        await engine.dispose()
    assert failures == ["blocked", "rejected", "gave_up", None]
