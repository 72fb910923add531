"""Shared set-up for the benchmarks: a migrated database and patients with queued messages."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from mesobot.db import create_engine
from mesobot.migrate import upgrade
from mesobot.models import OutboxMessage, Patient, TreatmentPlan, TreatmentSession

OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]
PATIENT = Patient.__table__  # type: ignore[attr-defined]
PLAN = TreatmentPlan.__table__  # type: ignore[attr-defined]
SESSION = TreatmentSession.__table__  # type: ignore[attr-defined]
START = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


async def fresh_database(path: Path) -> str:
    """A new, migrated SQLite database file."""
    await asyncio.to_thread(path.unlink, missing_ok=True)
    url = f"sqlite+aiosqlite:///{path}"
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    return url


async def add_patients(
    url: str, user_ids: list[int], *, per_patient: int, due: dt.datetime, chunk: int = 20_000
) -> None:
    """Patients with ``per_patient`` milestone messages each, due at ``due``."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(PATIENT.insert(), _patients(user_ids, first_id=1))
    rows = (
        {
            "patient_id": n // per_patient + 1,
            "kind": "milestone_3m",
            "content_key": "milestone_3m",
            "params": {},
            "dedupe_key": f"bench:{n}",
            "due_at": due,
            "urgent": False,
            "status": "pending",
            "attempts": 0,
            "created_at": START,
        }
        for n in range(len(user_ids) * per_patient)
    )
    await _insert_all(engine, OUTBOX, rows, chunk)
    await engine.dispose()


def _patients(user_ids: list[int], *, first_id: int) -> list[dict[str, object]]:
    return [
        {
            "id": n + first_id,
            "telegram_user_id": uid,
            "chat_id": uid,
            "first_name": f"P{uid}",
            "consent_version": "2026-11",
            "consented_at": START,
            "created_at": START,
            "status": "active",
            "evening_time": dt.time(19),
            "quiet_start": dt.time(21),
            "quiet_end": dt.time(8),
        }
        for n, uid in enumerate(user_ids)
    ]


async def add_plans(
    url: str, user_ids: list[int], *, first_id: int, sessions: int = 10, chunk: int = 20_000
) -> None:
    """Patients (ids from ``first_id``) with an active weekly plan of ``sessions`` each,
    the first a day after ``START``."""
    engine = create_engine(url)
    for start in range(0, len(user_ids), chunk):
        some = user_ids[start : start + chunk]
        first = first_id + start
        async with engine.begin() as connection:
            await connection.execute(PATIENT.insert(), _patients(some, first_id=first))
            await connection.execute(PLAN.insert(), [_plan(first + n) for n in range(len(some))])
            await connection.execute(
                SESSION.insert(),
                [
                    {
                        "plan_id": first + n,
                        "number": k + 1,
                        "planned_start": START + dt.timedelta(days=1 + 7 * k),
                        "status": "planned",
                    }
                    for n in range(len(some))
                    for k in range(sessions)
                ],
            )
    await engine.dispose()


def _plan(patient_id: int) -> dict[str, object]:
    return {
        "id": patient_id,
        "patient_id": patient_id,
        "hair_loss_type": "androgenetic",
        "setting": "clinic",
        "interval_days": 7,
        "sessions_count": 10,
        "preferred_time": dt.time(9),
        "timezone": "Europe/London",
        "status": "active",
        "version": 1,
        "created_at": START,
        "updated_at": START,
    }


async def _insert_all(engine: AsyncEngine, table: sa.Table, rows: Any, chunk: int) -> None:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == chunk:
            async with engine.begin() as connection:
                await connection.execute(table.insert(), batch)
            batch = []
    if batch:
        async with engine.begin() as connection:
            await connection.execute(table.insert(), batch)


async def count_sent(url: str) -> int:
    """How many outbox rows are marked sent."""
    engine = create_engine(url)
    async with engine.connect() as connection:
        query = sa.select(sa.func.count()).where(OUTBOX.c.status == "sent")
        sent = int((await connection.execute(query)).scalar_one())
    await engine.dispose()
    return sent


def deliveries(stats: dict[str, Any]) -> dict[str, int]:
    """From the sandbox's stats: messages that arrived twice or more, and chats that got none."""
    by_received = {int(k): v for k, v in stats["chats_by_received"].items()}
    return {
        "duplicates": sum((k - 1) * v for k, v in by_received.items() if k > 1),
        "lost": by_received.get(0, 0),
    }
