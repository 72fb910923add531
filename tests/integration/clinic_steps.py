"""Clinics, staff and many patients at once, for tests of what staff do."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from mesobot.app import MesoApp
from mesobot.domain import plan as rules
from mesobot.models import (
    Clinic,
    OutboxMessage,
    Patient,
    PlanStatus,
    Setting,
    StaffRole,
    TreatmentPlan,
    TreatmentSession,
)
from mesobot.sandbox import Phone, Sandbox
from mesobot.services import outbox


async def make_clinic(
    app: MesoApp,
    admin: Phone,
    *,
    name: str = "Hair Clinic London",
    timezone: str = "Europe/London",
    contact: str = "+44 20 7946 0000",
    staff: tuple[Phone, ...] = (),
) -> Clinic:
    """A clinic with ``admin`` as its admin and ``staff`` as plain staff."""
    clinics = app.bot_data.services.clinics
    clinic = await clinics.create(
        name=name, timezone=timezone, contact=contact, admin=admin.user_id
    )
    assert clinic.id is not None
    for member in staff:
        await clinics.add_staff(
            clinic_id=clinic.id, telegram_user_id=member.user_id, role=StaffRole.STAFF
        )
    return clinic


async def seed_patients(
    app: MesoApp,
    sandbox: Sandbox,
    clinic: Clinic | None,
    count: int,
    *,
    first_day: dt.date | None = None,
    at: dt.time = dt.time(10, 0),
    timezone: str = "Europe/London",
    interval: int = 14,
    sessions: int = 6,
    prefix: str = "Patient",
) -> list[Phone]:
    """``count`` consented patients of ``clinic``, each with a phone in the sandbox.

    With ``first_day`` each also gets a clinic plan starting that day (reminders queued, as
    intake would); patient ``i`` comes at ``at`` plus ``i`` times 10 minutes, within the day.
    """
    phones = [sandbox.phone(f"{prefix}{i}", started=True) for i in range(count)]
    services = app.bot_data.services
    now = services.clock.now()
    zone = ZoneInfo(timezone)
    async with services.sessions() as session, session.begin():
        for i, phone in enumerate(phones):
            patient = Patient(
                telegram_user_id=phone.user_id,
                chat_id=phone.user_id,
                first_name=phone.name,
                timezone=timezone,
                consent_version="test",
                consented_at=now,
                clinic_id=clinic.id if clinic else None,
                created_at=now,
            )
            session.add(patient)
            if first_day is None:
                continue
            await session.flush()
            assert patient.id is not None
            minutes = at.hour * 60 + at.minute + 10 * (i % 48)
            local = dt.time(minutes // 60, minutes % 60)
            plan = TreatmentPlan(
                patient_id=patient.id,
                hair_loss_type="androgenetic",
                setting=Setting.CLINIC,
                interval_days=interval,
                sessions_count=sessions,
                preferred_time=local,
                timezone=timezone,
                status=PlanStatus.ACTIVE,
                created_at=now,
                updated_at=now,
            )
            session.add(plan)
            await session.flush()
            assert plan.id is not None
            starts = rules.session_starts(
                first_day=first_day, at=local, interval_days=interval, sessions=sessions, tz=zone
            )
            items = [
                TreatmentSession(plan_id=plan.id, number=n, planned_start=start)
                for n, start in enumerate(starts, start=1)
            ]
            session.add_all(items)
            await session.flush()
            await outbox.rewrite_plan(session, patient=patient, plan=plan, sessions=items, now=now)
    return phones


async def sessions_of(app: MesoApp, phone: Phone) -> list[TreatmentSession]:
    """The phone's patient's sessions, in order."""
    async with app.bot_data.services.sessions() as session:
        found = await session.exec(
            select(TreatmentSession)
            .join(TreatmentPlan, col(TreatmentPlan.id) == TreatmentSession.plan_id)
            .join(Patient, col(Patient.id) == TreatmentPlan.patient_id)
            .where(Patient.telegram_user_id == phone.user_id)
            .order_by(col(TreatmentSession.number))
        )
        return list(found)


async def outbox_of(app: MesoApp, kind: str) -> list[OutboxMessage]:
    """Every outbox row of one kind."""
    async with app.bot_data.services.sessions() as session:
        found = await session.exec(
            select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(col(OutboxMessage.id))
        )
        return list(found)


async def send_all(app: MesoApp) -> None:
    """Let the dispatcher send everything due now (the test's clock does not move)."""
    while await app.bot_data.dispatcher.run_due():
        pass
