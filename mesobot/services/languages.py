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

    async def stored(self, *, telegram_user_id: int, telegram: str | None = None) -> str | None:
        """The patient's language; for staff who are not patients, their own or else their
        clinic's; None for someone the bot has stored nothing about.

        A staff member with no language of their own is given ``telegram`` (the language
        their app suggests), when known, so that what the bot sends them later without a
        message of theirs to go by (reports, notes) is in it too."""
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
            if row is None:
                return None
            own, clinic = row
            if own is None and telegram is not None:
                await session.exec(
                    sa.update(StaffMember)
                    .where(col(StaffMember.telegram_user_id) == telegram_user_id)
                    .values(language=telegram)
                )
                await session.commit()
                return telegram
            return own or clinic

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
