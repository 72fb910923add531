"""Patients: consent, lookup, the current plan, and erasing everything on request."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.models import (
    CalendarLink,
    CheckinAnswer,
    ClinicRequest,
    FaqQuestion,
    InboxUpdate,
    IntakeDraft,
    OutboxMessage,
    OutboxStatus,
    Patient,
    PatientStatus,
    PlanStatus,
    ProgressAnswer,
    ScreeningAnswer,
    SessionStatus,
    TreatmentPlan,
    TreatmentSession,
    TriageEvent,
)

from .course import Course, PlanView

CONSENT_VERSION = "2026-11"


async def find_patient(session: AsyncSession, *, telegram_user_id: int) -> Patient | None:
    """The patient with this Telegram id, if they ever consented."""
    query = select(Patient).where(Patient.telegram_user_id == telegram_user_id)
    return (await session.exec(query)).first()


async def register(
    session: AsyncSession,
    *,
    telegram_user_id: int,
    chat_id: int,
    first_name: str,
    language: str | None,
    now: dt.datetime,
    clinic_id: int | None = None,
) -> Patient:
    """Record consent, creating the patient (or refreshing an existing one's consent)."""
    patient = await find_patient(session, telegram_user_id=telegram_user_id)
    if patient is None:
        patient = Patient(
            telegram_user_id=telegram_user_id,
            chat_id=chat_id,
            first_name=first_name[:128],
            language=(language or None) and language[:16],
            consent_version=CONSENT_VERSION,
            consented_at=now,
            created_at=now,
        )
    else:
        patient.consent_version, patient.consented_at = CONSENT_VERSION, now
        patient.language = (language or None) and language[:16]
    if clinic_id is not None:
        patient.clinic_id = clinic_id
    session.add(patient)
    await session.flush()
    return patient


# A patient's current plan: active or paused, the newest if (by a fault) there are several.
CURRENT = col(TreatmentPlan.status).in_([PlanStatus.ACTIVE, PlanStatus.PAUSED])
NEWEST_FIRST = col(TreatmentPlan.id).desc()


async def active_plan(session: AsyncSession, *, patient_id: int) -> PlanView | None:
    """The patient's current (active or paused) plan with its sessions."""
    query = (
        select(TreatmentPlan)
        .where(TreatmentPlan.patient_id == patient_id)
        .where(CURRENT)
        .order_by(NEWEST_FIRST)
    )
    return await _with_sessions(session, (await session.exec(query)).first())


async def _with_sessions(session: AsyncSession, plan: TreatmentPlan | None) -> PlanView | None:
    if plan is None:
        return None
    sessions = await session.exec(
        select(TreatmentSession)
        .where(TreatmentSession.plan_id == plan.id)
        .order_by(col(TreatmentSession.number))
    )
    return PlanView(plan, list(sessions))


async def cancel_plans(session: AsyncSession, *, patient_id: int, now: dt.datetime) -> None:
    """Cancel the patient's current plans and their sessions still to come."""
    patient = await session.get(Patient, patient_id)
    view = await active_plan(session, patient_id=patient_id)
    while view is not None and patient is not None:
        view.plan.status = PlanStatus.CANCELLED
        for item in view.sessions:
            if item.status in (SessionStatus.PLANNED, SessionStatus.CONFIRMED):
                item.status = SessionStatus.CANCELLED
                session.add(item)
        await Course(session, patient, view.plan, view.sessions).save(now)
        view = await active_plan(session, patient_id=patient_id)


def owned(patient: Patient) -> list[tuple[type[SQLModel], sa.ColumnElement[bool]]]:
    """Every table that holds rows about the patient, with which rows: children first, the
    order erasing needs (SQLite only cascades with foreign keys on). Erasing and exporting
    both read this list, so neither can leave a table out that the other takes."""
    plan_ids = select(TreatmentPlan.id).where(TreatmentPlan.patient_id == patient.id)
    return [
        (OutboxMessage, col(OutboxMessage.patient_id) == patient.id),
        (CheckinAnswer, col(CheckinAnswer.patient_id) == patient.id),
        (ProgressAnswer, col(ProgressAnswer.patient_id) == patient.id),
        (CalendarLink, col(CalendarLink.patient_id) == patient.id),
        (FaqQuestion, col(FaqQuestion.patient_id) == patient.id),
        (TriageEvent, col(TriageEvent.patient_id) == patient.id),
        (ClinicRequest, col(ClinicRequest.patient_id) == patient.id),
        (TreatmentSession, col(TreatmentSession.plan_id).in_(plan_ids)),
        (TreatmentPlan, col(TreatmentPlan.patient_id) == patient.id),
        (ScreeningAnswer, col(ScreeningAnswer.patient_id) == patient.id),
        (IntakeDraft, col(IntakeDraft.patient_id) == patient.id),
        # The messages received from them, handled or waiting (a later one is not handled).
        (InboxUpdate, col(InboxUpdate.chat_id) == patient.chat_id),
        (Patient, col(Patient.id) == patient.id),
    ]


async def erase(session: AsyncSession, *, telegram_user_id: int) -> bool:
    """Delete the patient and everything stored about them; False if there was nothing."""
    patient = await find_patient(session, telegram_user_id=telegram_user_id)
    if patient is None:
        return False
    for table, rows in owned(patient):
        await session.exec(sa.delete(table).where(rows))
    return True


# Stored rows by table name, each a JSON-ready dict.
Rows = dict[str, list[dict[str, Any]]]


async def export(session: AsyncSession, *, telegram_user_id: int) -> Rows:
    """Everything stored about the patient, table by table, as JSON-ready rows; empty if
    nothing is."""
    patient = await find_patient(session, telegram_user_id=telegram_user_id)
    if patient is None:
        return {}
    found: Rows = {}
    for table, rows in reversed(owned(patient)):
        records = (await session.exec(select(table).where(rows))).all()
        name = str(table.__tablename__)
        found[name] = [json.loads(record.model_dump_json()) for record in records]
    return found


class PatientService:
    """Read the course, and erase a patient, each in its own transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def course(self, *, telegram_user_id: int) -> tuple[Patient | None, PlanView | None]:
        """The patient and their current plan (either may be missing)."""
        # The patient and the plan in one query: /next and /plan ask this on every call.
        query = (
            select(Patient, TreatmentPlan)
            .outerjoin(TreatmentPlan, sa.and_(col(TreatmentPlan.patient_id) == Patient.id, CURRENT))
            .where(Patient.telegram_user_id == telegram_user_id)
            .order_by(NEWEST_FIRST)
            .limit(1)
        )
        async with self._sessions() as session:
            found = (await session.exec(query)).first()
            if found is None:
                return None, None
            patient, plan = found
            return patient, await _with_sessions(session, plan)

    async def set_reachable(
        self, *, telegram_user_id: int, reachable: bool, now: dt.datetime
    ) -> bool:
        """The person blocked the bot (their queue is cancelled) or unblocked it (their plan's
        reminders come back); False if they are not a patient or nothing changed."""
        async with self._sessions() as session, session.begin():
            patient = await find_patient(session, telegram_user_id=telegram_user_id)
            status = PatientStatus.ACTIVE if reachable else PatientStatus.INACTIVE
            if patient is None or patient.id is None or patient.status == status:
                return False
            patient.status = status
            session.add(patient)
            view = await active_plan(session, patient_id=patient.id)
            if reachable and view is not None:
                await Course(session, patient, view.plan, view.sessions).follow(now)
            elif not reachable:
                await session.exec(
                    sa.update(OutboxMessage)
                    .where(col(OutboxMessage.patient_id) == patient.id)
                    .where(col(OutboxMessage.status) == OutboxStatus.PENDING)
                    .where(col(OutboxMessage.recipient_chat_id).is_(None))
                    .values(status=OutboxStatus.CANCELLED)
                )
            return True

    async def export(self, *, telegram_user_id: int) -> Rows:
        """Everything stored about the person, table by table (empty if nothing is)."""
        async with self._sessions() as session:
            return await export(session, telegram_user_id=telegram_user_id)

    async def erase(self, *, telegram_user_id: int) -> bool:
        """Erase everything stored about the person; False if nothing was stored."""
        async with self._sessions() as session, session.begin():
            return await erase(session, telegram_user_id=telegram_user_id)
