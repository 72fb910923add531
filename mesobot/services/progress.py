"""Progress check-ins: the patient's answers about their hair, stored with the date."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.models import ProgressAnswer

from . import patients

SCALE = range(1, 6)


class ProgressService:
    """Record an answer; read them all back."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def record(self, *, telegram_user_id: int, shedding: int, rating: int) -> bool:
        """Store one check-in (both answers, 1 to 5); False if they are not a patient or an
        answer is off the scale."""
        if shedding not in SCALE or rating not in SCALE:
            return False
        async with self._sessions() as session, session.begin():
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if patient is None or patient.id is None:
                return False
            session.add(
                ProgressAnswer(
                    patient_id=patient.id,
                    shedding=shedding,
                    rating=rating,
                    answered_at=self._clock.now(),
                )
            )
            return True

    async def answers(self, *, telegram_user_id: int) -> list[ProgressAnswer]:
        """The patient's answers, oldest first."""
        async with self._sessions() as session:
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if patient is None:
                return []
            found = await session.exec(
                select(ProgressAnswer)
                .where(ProgressAnswer.patient_id == patient.id)
                .order_by(col(ProgressAnswer.answered_at))
            )
            return list(found)
