"""What a patient's calendar file is made of, and the private links that serve it.

A link's token is 32 random bytes, shown to the patient once; only its SHA-256 is stored, so
a copy of the database opens no one's calendar. A patient has at most one working link:
asking for a new one revokes the old, and a revoked or unknown token finds nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.domain.schedule import Preferences
from mesobot.models import CalendarLink, Clinic, Patient, Setting

from . import patients
from .course import PlanView
from .outbox import preferences


@dataclass(frozen=True)
class CalendarSource:
    """Everything a patient's calendar file shows."""

    patient: Patient
    view: PlanView
    prefs: Preferences
    # The clinic's name and contact, for sessions at the clinic.
    location: str | None


@dataclass(frozen=True)
class Issued:
    """A patient's working link: its token when it was made just now (it is never shown
    again), None when it was made before."""

    token: str | None


def token_hash(token: str) -> str:
    """What is stored of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _working(patient_id: int | None) -> sa.ColumnElement[bool]:
    return sa.and_(
        col(CalendarLink.patient_id) == patient_id, col(CalendarLink.revoked_at).is_(None)
    )


class CalendarService:
    """A patient's calendar, by their Telegram id or by a link's token; making and revoking
    links."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def source(self, *, telegram_user_id: int) -> CalendarSource | None:
        """The patient's calendar; None without a patient or a plan."""
        async with self._sessions() as session:
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            return await self._source(session, patient)

    async def source_for(self, token: str) -> CalendarSource | None:
        """The calendar a link serves; None when the token is unknown or revoked."""
        query = (
            select(Patient)
            .join(CalendarLink, col(CalendarLink.patient_id) == Patient.id)
            .where(CalendarLink.token_hash == token_hash(token))
            .where(col(CalendarLink.revoked_at).is_(None))
        )
        async with self._sessions() as session:
            patient = (await session.exec(query)).first()
            return await self._source(session, patient)

    async def link(self, *, telegram_user_id: int, renew: bool = False) -> Issued | None:
        """The patient's working link: a new one if they have none (or ``renew``, which
        revokes the old); None if they are not a patient."""
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if patient is None or patient.id is None:
                return None
            working = (await session.exec(select(CalendarLink).where(_working(patient.id)))).all()
            if working and not renew:
                return Issued(None)
            await session.exec(
                sa.update(CalendarLink).where(_working(patient.id)).values(revoked_at=now)
            )
            token = secrets.token_urlsafe(32)
            session.add(
                CalendarLink(patient_id=patient.id, token_hash=token_hash(token), created_at=now)
            )
            return Issued(token)

    @staticmethod
    async def _source(session: AsyncSession, patient: Patient | None) -> CalendarSource | None:
        if patient is None or patient.id is None:
            return None
        view = await patients.active_plan(session, patient_id=patient.id)
        if view is None:
            return None
        clinic = await session.get(Clinic, patient.clinic_id) if patient.clinic_id else None
        at_clinic = clinic is not None and view.plan.setting == Setting.CLINIC
        location = f"{clinic.name}, {clinic.contact}" if clinic and at_clinic else None
        return CalendarSource(patient, view, preferences(patient), location)
