"""Questions in the patient's own words: warning signs first, then the vetted FAQ."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.deferred import Deferred
from mesobot.domain import triage
from mesobot.domain.text import without_controls
from mesobot.models import FaqQuestion, Patient, RequestKind, TriageEvent
from mesobot.services.faq_verdict import Match

from . import patients, requests

if TYPE_CHECKING:
    from mesobot.services.faq import FaqMatcher


class QuestionService:
    """Triage, matching and feedback, each write in its own transaction."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        clock: Clock,
        matchers: Mapping[str, Deferred[FaqMatcher]],
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._matchers = matchers

    async def match(self, text: str, language: str = "en") -> Match:
        """The FAQ entries ``text`` asks about in the patient's language (or English, where
        that language has no matcher yet), and how sure the match is."""
        matcher = self._matchers.get(language) or self._matchers["en"]
        return (await matcher.get()).match(text)

    @staticmethod
    def assess(text: str, language: str | None = None) -> triage.Assessment:
        """Warning signs in ``text`` (read in English, the patient's ``language`` and any
        other it is written in), or whether a symptom in it is unclear (nothing stored)."""
        # The classifiers (and NumPy) load with the first message read, not at start-up.
        from mesobot.services import triage_net

        return triage_net.assess(without_controls(text), language)

    async def record_warning(
        self, *, telegram_user_id: int, text: str, findings: Sequence[triage.Finding]
    ) -> None:
        """Record the warning signs a patient reported (strangers' words are not stored) and
        tell their clinic. Called after the urgent instruction has been sent."""
        text = without_controls(text)
        async with self._sessions() as session, session.begin():
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if patient is None or patient.id is None:
                return
            signs = ",".join(sorted({f.sign for f in findings}))
            now = self._clock.now()
            session.add(
                TriageEvent(patient_id=patient.id, signs=signs[:200], text=text[:1000], at=now)
            )
            # A patient of a clinic: its staff hear of it at once.
            await requests.raise_request(
                session,
                patient=patient,
                kind=RequestKind.URGENT,
                item=None,
                now=now,
                detail=text,
                signs=signs,
            )

    async def answered(self, *, telegram_user_id: int, entry: str) -> int | None:
        """Note that ``entry`` answered a patient's question; its id is for the feedback."""
        async with self._sessions() as session, session.begin():
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if patient is None or patient.id is None:
                return None
            question = FaqQuestion(patient_id=patient.id, entry=entry, asked_at=self._clock.now())
            session.add(question)
            await session.flush()
            return question.id

    async def feedback(self, *, telegram_user_id: int, question_id: int, helpful: bool) -> bool:
        """Store "did this answer your question?"; False if it is not this patient's question."""
        async with self._sessions() as session, session.begin():
            found = (
                await session.exec(
                    select(FaqQuestion)
                    .join(Patient, Patient.id == FaqQuestion.patient_id)  # type: ignore[arg-type]
                    .where(FaqQuestion.id == question_id)
                    .where(Patient.telegram_user_id == telegram_user_id)
                )
            ).first()
            if found is None:
                return False
            found.helpful = helpful
            session.add(found)
            return True
