"""Keeping the outbox in step with plans: in the same transaction as the change itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.domain import schedule
from mesobot.models import (
    OutboxMessage,
    OutboxStatus,
    Patient,
    PlanStatus,
    TreatmentPlan,
    TreatmentSession,
)

# Set on a database session that queued messages, so the dispatcher's alarm is re-armed.
CHANGED = "outbox_changed"
# A reminder sent again when the patient asked for it later.
LATER = "reminder_later"
PLAN_KINDS = frozenset(
    {
        "reminder_eve",
        "reminder_soon",
        "session_check",
        "session_check_again",
        "progress_checkin",
        "milestone_early",
        "milestone_3m",
        "milestone_6m",
        "course_complete",
    }
)


def preferences(patient: Patient) -> schedule.Preferences:
    """The patient's reminder preferences."""
    return schedule.Preferences(
        evening_time=patient.evening_time,
        evening_on=patient.evening_on,
        soon_on=patient.soon_on,
        soon_hours=patient.soon_hours,
        quiet_start=patient.quiet_start,
        quiet_end=patient.quiet_end,
    )


def slots(sessions: Iterable[TreatmentSession]) -> list[schedule.SessionSlot]:
    """Sessions as the schedule rules see them."""
    return [
        schedule.SessionSlot(s.id or 0, s.number, s.planned_start, str(s.status)) for s in sessions
    ]


async def rewrite_plan(
    session: AsyncSession,
    *,
    patient: Patient,
    plan: TreatmentPlan,
    sessions: Sequence[TreatmentSession],
    now: dt.datetime,
) -> None:
    """Make the plan's pending messages what the plan implies now: cancel the rest, add the new."""
    wanted: dict[str, schedule.PlannedMessage] = {}
    if plan.status == PlanStatus.ACTIVE:
        planned = schedule.plan_messages(
            plan_id=plan.id or 0,
            sessions=slots(sessions),
            total=plan.sessions_count,
            tz=ZoneInfo(plan.timezone),
            prefs=preferences(patient),
            now=now,
        )
        wanted = {m.dedupe_key: m for m in planned}
    pending = await session.exec(
        select(OutboxMessage).where(
            OutboxMessage.patient_id == patient.id,
            OutboxMessage.status == OutboxStatus.PENDING,
            col(OutboxMessage.kind).in_([*PLAN_KINDS, LATER]),
        )
    )
    current = {s.id: s for s in sessions}
    for row in pending:
        if row.kind == LATER:
            # "Remind me later" stands while its session is still to come at the same time.
            item = current.get(row.session_id)
            meant = (
                plan.status == PlanStatus.ACTIVE
                and item is not None
                and str(item.status) in schedule.UPCOMING_STATUSES
                and row.expires_at == item.planned_start
            )
            if not meant:
                row.status = OutboxStatus.CANCELLED
                session.add(row)
        elif row.dedupe_key not in wanted and not _still_meant(row, plan, current, now):
            row.status = OutboxStatus.CANCELLED
            session.add(row)
    await add(
        session, patient=patient, messages=wanted.values(), plan_version=plan.version, now=now
    )


def _still_meant(
    row: OutboxMessage,
    plan: TreatmentPlan,
    sessions: dict[int | None, TreatmentSession],
    now: dt.datetime,
) -> bool:
    # The rules only list what is still to come; a row already due but not yet sent stays,
    # as long as its plan is active and its session has not moved or been settled.
    if row.due_at > now or plan.status != PlanStatus.ACTIVE:
        return False
    if row.session_id is None:
        return True
    item = sessions.get(row.session_id)
    return (
        item is not None
        and str(item.status) in schedule.UPCOMING_STATUSES
        and row.dedupe_key.endswith(f":{item.planned_start:%Y%m%dT%H%M}")
    )


async def add(
    session: AsyncSession,
    *,
    patient: Patient,
    messages: Iterable[schedule.PlannedMessage],
    plan_version: int | None,
    now: dt.datetime,
) -> None:
    """Queue messages; one already queued or sent under the same key is not queued again."""
    by_key = {m.dedupe_key: m for m in messages}
    if not by_key:
        return
    session.info[CHANGED] = True  # revived or re-timed rows wake the alarm too
    existing = await session.exec(
        select(OutboxMessage).where(col(OutboxMessage.dedupe_key).in_(list(by_key)))
    )
    for row in existing:
        message = by_key.pop(row.dedupe_key)
        # Still waiting: follow any new time (the patient changed the evening time).
        # Cancelled and wanted again (a pause and resume the same day): revive it.
        # Sent, failed or expired: leave it, so nothing goes out twice.
        if row.status in (OutboxStatus.PENDING, OutboxStatus.CANCELLED):
            row.status, row.plan_version = OutboxStatus.PENDING, plan_version
            row.due_at, row.expires_at = message.due_at, message.expires_at
            session.add(row)
    assert patient.id is not None
    enqueue(
        session,
        [
            OutboxMessage(
                patient_id=patient.id,
                session_id=message.session_id,
                kind=message.kind,
                content_key=message.content_key,
                params=dict(message.params),
                dedupe_key=message.dedupe_key,
                due_at=message.due_at,
                expires_at=message.expires_at,
                urgent=message.urgent,
                plan_version=plan_version,
                created_at=now,
            )
            for message in by_key.values()
        ],
    )
    await session.flush()


def enqueue(session: AsyncSession, rows: Iterable[OutboxMessage]) -> None:
    """Queue outbox rows (the only place they are created), and have the dispatcher's alarm
    re-armed once the transaction commits."""
    session.add_all(list(rows))
    session.info[CHANGED] = True


async def enqueue_many(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Queue many rows at once, given as column values (a broadcast to every patient)."""
    if rows:
        connection = await session.connection()
        await connection.execute(sa.insert(OutboxMessage), list(rows))
        session.info[CHANGED] = True
