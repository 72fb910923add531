"""Which language the bot writes in to each person: stored for patients and staff."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.models import Clinic, Patient, StaffMember


class LanguageService:
    """The language stored for a Telegram account, and changing it."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def stored(self, *, telegram_user_id: int) -> str | None:
        """The patient's language; for staff who are not patients, their own or else their
        clinic's; None for someone the bot has stored nothing about."""
        async with self._sessions() as session:
            patient = await session.exec(
                select(Patient.language).where(Patient.telegram_user_id == telegram_user_id)
            )
            found = patient.first()
            if found:
                return found
            staff = await session.exec(
                select(StaffMember.language, Clinic.language)
                .join(Clinic, col(Clinic.id) == StaffMember.clinic_id)
                .where(StaffMember.telegram_user_id == telegram_user_id)
            )
            row = staff.first()
            return (row[0] or row[1]) if row else None

    async def choose(self, *, telegram_user_id: int, language: str) -> bool:
        """Write to this person in ``language`` from now on, as a patient and as staff; False
        when there is no one to store it for (before consent)."""
        async with self._sessions() as session:
            changed = 0
            for table in (Patient, StaffMember):
                result = await session.exec(
                    sa.update(table)
                    .where(col(table.telegram_user_id) == telegram_user_id)
                    .values(language=language)
                )
                changed += result.rowcount
            await session.commit()
            return changed > 0
