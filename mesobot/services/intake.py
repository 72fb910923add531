"""The intake conversation's use cases: every answer is validated and stored as it is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.deferred import Deferred
from mesobot.domain import intake as flow
from mesobot.domain.intake import IntakeState, StaleChoice
from mesobot.domain.text import without_controls
from mesobot.models import (
    Clinic,
    IntakeDraft,
    Patient,
    PlanStatus,
    ScreeningAnswer,
    Setting,
    TreatmentPlan,
    TreatmentSession,
)
from mesobot.services.timezones import TimezoneDirectory, ZoneChoice, zone_at

from . import clinics, patients, requests
from . import intake_steps as steps
from .course import Course, PlanView

__all__ = ["IntakeService", "IntakeState", "Outcome", "Person", "StaleChoice", "Welcome"]


@dataclass(frozen=True)
class Outcome:
    """The state after an answer, and why the answer was refused, if it was."""

    state: IntakeState
    problem: str | None = None
    suggestions: tuple[ZoneChoice, ...] = field(default_factory=tuple)
    answered: str | None = None


@dataclass
class _Open:
    """One transaction's view of a patient's intake."""

    session: AsyncSession
    now: dt.datetime
    patient: Patient
    draft: IntakeDraft

    def state(self) -> IntakeState:
        return _state(self.draft, self.patient)


async def _draft(session: AsyncSession, patient: Patient) -> IntakeDraft | None:
    query = select(IntakeDraft).where(IntakeDraft.patient_id == patient.id)
    return (await session.exec(query)).first()


def _state(draft: IntakeDraft, patient: Patient) -> IntakeState:
    assert draft.id is not None
    return IntakeState(draft.id, draft.step, dict(draft.answers), patient.first_name)


def _save(draft: IntakeDraft, patient: Patient, answers: dict[str, Any], now: dt.datetime) -> None:
    draft.answers = answers  # a new dict, so the JSON column is marked as changed
    draft.step = flow.next_step(answers, clinic_linked=patient.clinic_id is not None)
    draft.updated_at = now


async def _begin(session: AsyncSession, patient: Patient, now: dt.datetime) -> IntakeState:
    draft = await _draft(session, patient)
    if draft is None:
        assert patient.id is not None
        draft = IntakeDraft(patient_id=patient.id, step="hair", answers={}, updated_at=now)
        _save(draft, patient, {}, now)
        session.add(draft)
        await session.flush()
    return _state(draft, patient)


async def _record_screening(it: _Open, before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
    """Keep the screening answers, and when a doctor cleared one, in their own table."""
    old, new = before.get("screening", {}), after.get("screening", {})
    answered = {q: a for q, a in new.items() if old.get(q) != a}  # new, or changed
    cleared = set(after.get("cleared", [])) - set(before.get("cleared", []))
    for question in answered.keys() | cleared:
        query = select(ScreeningAnswer).where(
            ScreeningAnswer.patient_id == it.patient.id, ScreeningAnswer.question == question
        )
        row = (await it.session.exec(query)).first()
        if question in answered:
            assert it.patient.id is not None
            row = row or ScreeningAnswer(
                patient_id=it.patient.id,
                question=question,
                answer=answered[question],
                answered_at=it.now,
            )
            row.answer, row.answered_at, row.cleared_at = answered[question], it.now, None
        elif row is not None:
            row.cleared_at = it.now
        if row is not None:
            it.session.add(row)


@dataclass(frozen=True)
class Person:
    """Who is talking to the bot, as Telegram tells us."""

    telegram_user_id: int
    chat_id: int
    first_name: str
    language: str | None = None


@dataclass(frozen=True)
class Welcome:
    """What /start finds: nobody yet, an intake to resume, or a plan in place."""

    patient: Patient | None
    state: IntakeState | None = None
    plan: PlanView | None = None


class IntakeService:
    """The intake use cases, each in its own transaction."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        zones: Deferred[TimezoneDirectory],
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._zones = zones
        self._clock = clock

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def _open(self, telegram_user_id: int) -> AsyncIterator[_Open]:
        """The patient's intake in progress; raises ``StaleChoice`` when there is none."""
        async with self._transaction() as session:
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            draft = await _draft(session, patient) if patient else None
            if patient is None or draft is None:
                raise StaleChoice
            yield _Open(session, self._clock.now(), patient, draft)

    async def welcome(self, *, telegram_user_id: int) -> Welcome:
        """Where the person stands, for /start."""
        async with self._transaction() as session:
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if patient is None:
                return Welcome(None)
            draft = await _draft(session, patient)
            if draft is not None:
                return Welcome(patient, state=_state(draft, patient))
            assert patient.id is not None
            plan = await patients.active_plan(session, patient_id=patient.id)
            if plan is not None:
                return Welcome(patient, plan=plan)
            return Welcome(patient, state=await _begin(session, patient, self._clock.now()))

    async def consent(self, person: Person, *, invite: str = "") -> IntakeState:
        """Record consent and open the intake (or continue the one already open).

        With a clinic's current invite code the patient joins that clinic.
        """
        now = self._clock.now()
        async with self._transaction() as session:
            clinic = await clinics.clinic_by_code(session, invite) if invite else None
            patient = await patients.register(
                session,
                telegram_user_id=person.telegram_user_id,
                chat_id=person.chat_id,
                first_name=person.first_name,
                language=person.language,
                now=now,
                clinic_id=clinic.id if clinic else None,
            )
            state = await _begin(session, patient, now)
            return await self._relinked(session, patient, now) or state

    async def join(self, *, telegram_user_id: int, invite: str) -> Clinic | None:
        """A known patient opened a clinic's invite link: they now belong to that clinic."""
        now = self._clock.now()
        async with self._transaction() as session:
            clinic = await clinics.clinic_by_code(session, invite)
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if clinic is None or patient is None:
                return clinic
            if patient.clinic_id not in (None, clinic.id) and patient.id is not None:
                # Moving to another clinic: the old one's open requests are no longer theirs.
                await requests.settle_all(session, patient_id=patient.id, now=now)
            patient.clinic_id = clinic.id
            session.add(patient)
            await self._relinked(session, patient, now)
            return clinic

    @staticmethod
    async def _relinked(
        session: AsyncSession, patient: Patient, now: dt.datetime
    ) -> IntakeState | None:
        # Joining a clinic settles the clinic-or-home question of an intake in progress.
        draft = await _draft(session, patient)
        if draft is None:
            return None
        _save(draft, patient, dict(draft.answers), now)
        session.add(draft)
        await session.flush()
        return _state(draft, patient)

    async def current(self, *, telegram_user_id: int) -> IntakeState | None:
        """The intake in progress, if any."""
        try:
            async with self._open(telegram_user_id) as it:
                return it.state()
        except StaleChoice:
            return None

    async def choose(
        self, *, telegram_user_id: int, draft_id: int, step: str, value: str
    ) -> Outcome:
        """A button pressed at the current step; raises ``StaleChoice`` for any other button."""
        async with self._open(telegram_user_id) as it:
            if it.draft.id != draft_id or it.draft.step != step:
                raise StaleChoice
            return await self._answer(it, value, typed=False)

    async def type(self, *, telegram_user_id: int, text: str) -> Outcome | None:
        """Typed text at the current step; None when no intake is in progress."""
        try:
            async with self._open(telegram_user_id) as it:
                return await self._answer(it, without_controls(text).strip(), typed=True)
        except StaleChoice:
            return None

    async def locate(
        self, *, telegram_user_id: int, latitude: float, longitude: float
    ) -> Outcome | None:
        """A shared location, meaningful at the time zone step; None with no intake."""
        try:
            async with self._open(telegram_user_id) as it:
                if it.draft.step != "timezone":
                    return Outcome(it.state(), problem="location_not_now")
                zone = zone_at(latitude, longitude)
                if zone is None:
                    return Outcome(it.state(), problem="location_unknown")
                return await self._keep(it, {**it.draft.answers, "timezone": zone})
        except StaleChoice:
            return None

    async def _answer(self, it: _Open, value: str, *, typed: bool) -> Outcome:
        # The city index is built when first needed (or from when the question is asked).
        at_zone = typed and it.draft.step == "timezone"
        zones = await self._zones.get() if at_zone else None
        language = it.patient.language or "en"
        answer = steps.Answer(value, typed, it.draft.answers, it.now, zones, language)
        result = steps.read(it.draft.step, answer)
        if isinstance(result, steps.Refused):
            return Outcome(it.state(), problem=result.problem, suggestions=result.suggestions)
        return await self._keep(it, result)

    @staticmethod
    async def _keep(it: _Open, answers: dict[str, Any]) -> Outcome:
        answered = it.draft.step
        await _record_screening(it, it.draft.answers, answers)
        _save(it.draft, it.patient, answers, it.now)
        it.session.add(it.draft)
        return Outcome(it.state(), answered=answered)

    async def confirm(self, *, telegram_user_id: int, draft_id: int) -> PlanView | IntakeState:
        """Store the plan and all its sessions in one transaction, and close the intake.

        If the first session passed while the summary waited, the date is asked again (the
        intake's state is returned). Raises ``StaleChoice`` if the summary is out of date.
        """
        async with self._open(telegram_user_id) as it:
            patient, draft = it.patient, it.draft
            if draft.id != draft_id or draft.step != "summary":
                raise StaleChoice
            starts = it.state().session_starts()
            if starts[0] <= it.now:
                # The first session slipped into the past while the summary waited.
                _save(draft, patient, flow.reopen(draft.answers, "date"), it.now)
                it.session.add(draft)
                return it.state()
            assert patient.id is not None
            answers = draft.answers
            plan = TreatmentPlan(
                patient_id=patient.id,
                hair_loss_type=answers["hair"],
                setting=Setting(answers.get("setting", "clinic")),
                interval_days=answers["interval"],
                sessions_count=answers["sessions"],
                preferred_time=dt.time.fromisoformat(answers["time"]),
                timezone=answers["timezone"],
                status=PlanStatus.ACTIVE,
                created_at=it.now,
                updated_at=it.now,
            )
            it.session.add(plan)
            await it.session.flush()
            assert plan.id is not None
            sessions = [
                TreatmentSession(plan_id=plan.id, number=n, planned_start=start)
                for n, start in enumerate(starts, start=1)
            ]
            it.session.add_all(sessions)
            patient.timezone = answers["timezone"]
            it.session.add(patient)
            await it.session.delete(draft)
            return await Course(it.session, patient, plan, sessions).settle(it.now)

    async def cancel(self, *, telegram_user_id: int) -> bool:
        """Drop the intake in progress; False if there was none."""
        try:
            async with self._open(telegram_user_id) as it:
                await it.session.delete(it.draft)
                return True
        except StaleChoice:
            return False

    async def start_over(self, *, telegram_user_id: int) -> IntakeState | None:
        """Cancel the current plan and open a new intake; None if there is no patient."""
        async with self._transaction() as session:
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if patient is None:
                return None
            assert patient.id is not None
            await patients.cancel_plans(session, patient_id=patient.id, now=self._clock.now())
            return await _begin(session, patient, self._clock.now())
