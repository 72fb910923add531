"""The intake conversation's use cases: every answer is validated and stored as it is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.domain import intake as flow
from mesobot.domain import plan as rules
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
from mesobot.services.dates import parse_date, parse_time
from mesobot.services.timezones import TimezoneDirectory, ZoneChoice

from . import clinics, patients, requests
from .course import Course, PlanView


@dataclass(frozen=True)
class IntakeState:
    """Where a patient's intake stands, for rendering the next question."""

    draft_id: int
    step: str
    answers: dict[str, Any]
    first_name: str

    @property
    def zone(self) -> ZoneInfo | None:
        """The patient's chosen time zone, once known."""
        name = self.answers.get("timezone")
        return ZoneInfo(name) if name else None

    def session_starts(self) -> list[dt.datetime]:
        """Every session's UTC start, once date, time and spacing are known."""
        zone = self.zone
        assert zone is not None
        return rules.session_starts(
            first_day=dt.date.fromisoformat(self.answers["date"]),
            at=dt.time.fromisoformat(self.answers["time"]),
            interval_days=self.answers["interval"],
            sessions=self.answers["sessions"],
            tz=zone,
        )


@dataclass(frozen=True)
class Outcome:
    """The state after an answer, and why the answer was refused, if it was."""

    state: IntakeState
    problem: str | None = None
    suggestions: tuple[ZoneChoice, ...] = field(default_factory=tuple)
    answered: str | None = None


# One intake step: reads the answer (typed, or from a button) and stores it or says why not.
Step = Callable[[Patient, IntakeDraft, str, bool], Awaitable["Outcome"]]


class StaleChoice(Exception):
    """A button from an earlier step, an older intake, or someone else."""


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


async def begin(session: AsyncSession, *, patient: Patient, now: dt.datetime) -> IntakeState:
    """Start (or continue) the patient's intake."""
    draft = await _draft(session, patient)
    if draft is None:
        assert patient.id is not None
        draft = IntakeDraft(patient_id=patient.id, step="hair", answers={}, updated_at=now)
        _save(draft, patient, {}, now)
        session.add(draft)
        await session.flush()
    return _state(draft, patient)


async def current(session: AsyncSession, *, telegram_user_id: int) -> IntakeState | None:
    """The patient's intake in progress, if any."""
    patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
    draft = await _draft(session, patient) if patient else None
    return _state(draft, patient) if draft and patient else None


async def cancel(session: AsyncSession, *, telegram_user_id: int) -> bool:
    """Drop the intake in progress; False if there was none."""
    patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
    draft = await _draft(session, patient) if patient else None
    if draft is None:
        return False
    await session.delete(draft)
    return True


class Intake:
    """Applies one answer to the draft, given the time and the time zone directory."""

    def __init__(self, session: AsyncSession, *, zones: TimezoneDirectory, now: dt.datetime):
        self.session = session
        self.zones = zones
        self.now = now

    async def _load(self, telegram_user_id: int) -> tuple[Patient, IntakeDraft]:
        patient = await patients.find_patient(self.session, telegram_user_id=telegram_user_id)
        draft = await _draft(self.session, patient) if patient else None
        if patient is None or draft is None:
            raise StaleChoice
        return patient, draft

    async def choose(
        self, *, telegram_user_id: int, draft_id: int, step: str, value: str
    ) -> Outcome:
        """A button press: only valid for the current step of the current draft."""
        patient, draft = await self._load(telegram_user_id)
        if draft.id != draft_id or draft.step != step:
            raise StaleChoice
        return await self._apply(patient, draft, value, typed=False)

    async def type(self, *, telegram_user_id: int, text: str) -> Outcome | None:
        """Typed text at the current step (None when no intake is in progress)."""
        try:
            patient, draft = await self._load(telegram_user_id)
        except StaleChoice:
            return None
        return await self._apply(patient, draft, text.strip(), typed=True)

    async def locate(
        self, *, telegram_user_id: int, latitude: float, longitude: float
    ) -> Outcome | None:
        """A shared location, meaningful at the time zone step."""
        try:
            patient, draft = await self._load(telegram_user_id)
        except StaleChoice:
            return None
        if draft.step != "timezone":
            return Outcome(_state(draft, patient), problem="location_not_now")
        zone = self.zones.zone_at(latitude, longitude)
        if zone is None:
            return Outcome(_state(draft, patient), problem="location_unknown")
        return self._store(patient, draft, timezone=zone)

    def _store(self, patient: Patient, draft: IntakeDraft, **values: Any) -> Outcome:
        answered = draft.step
        answers = {**draft.answers, **values}
        _save(draft, patient, answers, self.now)
        self.session.add(draft)
        return Outcome(_state(draft, patient), answered=answered)

    def _refuse(self, patient: Patient, draft: IntakeDraft, problem: str, **extra: Any) -> Outcome:
        return Outcome(_state(draft, patient), problem=problem, **extra)

    async def _apply(
        self, patient: Patient, draft: IntakeDraft, value: str, *, typed: bool
    ) -> Outcome:
        step = draft.step
        if step.startswith("screen_"):
            return await self._screen(patient, draft, step.removeprefix("screen_"), value, typed)
        steps: dict[str, Step] = {
            "hair": self._step_hair,
            "hold": self._step_hold,
            "setting": self._step_setting,
            "timezone": self._step_timezone,
            "date": self._step_date,
            "time": self._step_time,
            "spacing": self._step_spacing,
            "interval": self._step_interval,
            "sessions": self._step_sessions,
            "summary": self._step_summary,
        }
        if step not in steps:
            raise StaleChoice  # a step this version no longer has
        return await steps[step](patient, draft, value, typed)

    async def _pick(
        self, patient: Patient, draft: IntakeDraft, value: str, options: tuple[str, ...], key: str
    ) -> Outcome:
        if value not in options:
            return self._refuse(patient, draft, "use_buttons")
        return self._store(patient, draft, **{key: value})

    async def _step_hair(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        return await self._pick(patient, draft, "" if typed else value, flow.HAIR_TYPES, "hair")

    async def _step_setting(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        return await self._pick(patient, draft, "" if typed else value, flow.SETTINGS, "setting")

    async def _screen(
        self, patient: Patient, draft: IntakeDraft, question: str, value: str, typed: bool
    ) -> Outcome:
        if typed or value not in ("yes", "no"):
            return self._refuse(patient, draft, "use_buttons")
        answer = value == "yes"
        assert patient.id is not None
        query = select(ScreeningAnswer).where(
            ScreeningAnswer.patient_id == patient.id, ScreeningAnswer.question == question
        )
        row = (await self.session.exec(query)).first() or ScreeningAnswer(
            patient_id=patient.id, question=question, answer=answer, answered_at=self.now
        )
        row.answer, row.answered_at, row.cleared_at = answer, self.now, None
        self.session.add(row)
        screening = {**draft.answers.get("screening", {}), question: answer}
        cleared = [q for q in draft.answers.get("cleared", []) if q != question]
        return self._store(patient, draft, screening=screening, cleared=cleared)

    async def _step_hold(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        question = flow.held_question(draft.answers)
        if typed or value != "cleared" or question is None:
            return self._refuse(patient, draft, "use_buttons")
        query = select(ScreeningAnswer).where(
            ScreeningAnswer.patient_id == patient.id, ScreeningAnswer.question == question
        )
        row = (await self.session.exec(query)).first()
        if row is not None:
            row.cleared_at = self.now
            self.session.add(row)
        return self._store(patient, draft, cleared=[*draft.answers.get("cleared", []), question])

    async def _step_timezone(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        if not typed:
            if value not in available_timezones():
                raise StaleChoice
            return self._store(patient, draft, timezone=value)
        found = self.zones.search(value)
        if found.zone is not None:
            return self._store(patient, draft, timezone=found.zone)
        problem = "tz_suggest" if found.suggestions else "tz_unknown"
        return self._refuse(patient, draft, problem, suggestions=found.suggestions)

    def _today(self, draft: IntakeDraft) -> dt.date:
        return rules.local_date(self.now, ZoneInfo(draft.answers["timezone"]))

    async def _step_date(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        today = self._today(draft)
        if typed:
            day = parse_date(value, today=today)
        else:
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                raise StaleChoice from None
        if day is None:
            return self._refuse(patient, draft, "date_unreadable")
        problem = rules.check_first_day(day, today=today)
        if problem is not None:
            return self._refuse(patient, draft, f"date_{problem.value}")
        return self._store(patient, draft, date=day.isoformat())

    async def _step_time(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        at = parse_time(value)
        if at is None:
            return self._refuse(patient, draft, "time_unreadable")
        day = dt.date.fromisoformat(draft.answers["date"])
        if rules.to_utc(day, at, ZoneInfo(draft.answers["timezone"])) <= self.now:
            return self._refuse(patient, draft, "time_passed")
        return self._store(patient, draft, time=at.strftime("%H:%M"))

    async def _step_spacing(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        if typed:
            return self._refuse(patient, draft, "use_buttons")
        if value == "custom":
            return self._store(patient, draft, custom=True)
        chosen = rules.preset(value)
        if chosen is None:
            raise StaleChoice
        return self._store(
            patient,
            draft,
            preset=chosen.key,
            interval=chosen.interval_days,
            sessions=chosen.sessions,
        )

    async def _number(
        self,
        patient: Patient,
        draft: IntakeDraft,
        value: str,
        *,
        key: str,
        check: Callable[[int], rules.PlanProblem | None],
    ) -> Outcome:
        number = int(value) if value.isascii() and value.isdigit() and len(value) < 4 else None
        if number is None or check(number) is not None:
            return self._refuse(patient, draft, f"{key}_range")
        return self._store(patient, draft, **{key: number})

    async def _step_interval(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        return await self._number(patient, draft, value, key="interval", check=rules.check_interval)

    async def _step_sessions(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        return await self._number(patient, draft, value, key="sessions", check=rules.check_sessions)

    async def _step_summary(
        self, patient: Patient, draft: IntakeDraft, value: str, typed: bool
    ) -> Outcome:
        if typed:
            return self._refuse(patient, draft, "use_buttons")
        section = value.removeprefix("change_")
        if section not in flow.CHANGEABLE:
            raise StaleChoice
        answers = flow.reopen(draft.answers, section)
        _save(draft, patient, answers, self.now)
        self.session.add(draft)
        return Outcome(_state(draft, patient))

    async def confirm(self, *, telegram_user_id: int, draft_id: int) -> PlanView:
        """Store the plan and all its sessions in one transaction, and close the intake."""
        patient, draft = await self._load(telegram_user_id)
        if draft.id != draft_id or draft.step != "summary":
            raise StaleChoice
        state = _state(draft, patient)
        starts = state.session_starts()
        if starts[0] <= self.now:
            # The first session slipped into the past while the summary waited.
            _save(draft, patient, flow.reopen(draft.answers, "date"), self.now)
            self.session.add(draft)
            raise StaleChoice
        assert patient.id is not None
        answers = state.answers
        plan = TreatmentPlan(
            patient_id=patient.id,
            hair_loss_type=answers["hair"],
            setting=Setting(answers.get("setting", "clinic")),
            interval_days=answers["interval"],
            sessions_count=answers["sessions"],
            preferred_time=dt.time.fromisoformat(answers["time"]),
            timezone=answers["timezone"],
            status=PlanStatus.ACTIVE,
            created_at=self.now,
            updated_at=self.now,
        )
        self.session.add(plan)
        await self.session.flush()
        assert plan.id is not None
        sessions = [
            TreatmentSession(plan_id=plan.id, number=n, planned_start=start)
            for n, start in enumerate(starts, start=1)
        ]
        self.session.add_all(sessions)
        patient.timezone = answers["timezone"]
        self.session.add(patient)
        await self.session.delete(draft)
        return await Course(self.session, patient, plan, sessions).follow(self.now)


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
        self, sessions: async_sessionmaker[AsyncSession], *, zones: TimezoneDirectory, clock: Clock
    ) -> None:
        self._sessions = sessions
        self._zones = zones
        self._clock = clock

    @asynccontextmanager
    async def _intake(self) -> AsyncIterator[Intake]:
        async with self._sessions() as session, session.begin():
            yield Intake(session, zones=self._zones, now=self._clock.now())

    async def welcome(self, *, telegram_user_id: int) -> Welcome:
        """Where the person stands, for /start."""
        async with self._intake() as it:
            patient = await patients.find_patient(it.session, telegram_user_id=telegram_user_id)
            if patient is None:
                return Welcome(None)
            draft = await _draft(it.session, patient)
            if draft is not None:
                return Welcome(patient, state=_state(draft, patient))
            assert patient.id is not None
            plan = await patients.active_plan(it.session, patient_id=patient.id)
            if plan is not None:
                return Welcome(patient, plan=plan)
            return Welcome(patient, state=await begin(it.session, patient=patient, now=it.now))

    async def consent(self, person: Person, *, invite: str = "") -> IntakeState:
        """Record consent and open the intake (or continue the one already open).

        With a clinic's current invite code the patient joins that clinic.
        """
        async with self._intake() as it:
            clinic = await clinics.clinic_by_code(it.session, invite) if invite else None
            patient = await patients.register(
                it.session,
                telegram_user_id=person.telegram_user_id,
                chat_id=person.chat_id,
                first_name=person.first_name,
                language=person.language,
                now=it.now,
                clinic_id=clinic.id if clinic else None,
            )
            state = await begin(it.session, patient=patient, now=it.now)
            return await self._relinked(it, patient) or state

    async def join(self, *, telegram_user_id: int, invite: str) -> Clinic | None:
        """A known patient opened a clinic's invite link: they now belong to that clinic."""
        async with self._intake() as it:
            clinic = await clinics.clinic_by_code(it.session, invite)
            patient = await patients.find_patient(it.session, telegram_user_id=telegram_user_id)
            if clinic is None or patient is None:
                return clinic
            if patient.clinic_id not in (None, clinic.id) and patient.id is not None:
                # Moving to another clinic: the old one's open requests are no longer theirs.
                await requests.settle_all(it.session, patient_id=patient.id, now=it.now)
            patient.clinic_id = clinic.id
            it.session.add(patient)
            await self._relinked(it, patient)
            return clinic

    @staticmethod
    async def _relinked(it: Intake, patient: Patient) -> IntakeState | None:
        # Joining a clinic settles the clinic-or-home question of an intake in progress.
        draft = await _draft(it.session, patient)
        if draft is None:
            return None
        _save(draft, patient, dict(draft.answers), it.now)
        it.session.add(draft)
        await it.session.flush()
        return _state(draft, patient)

    async def current(self, *, telegram_user_id: int) -> IntakeState | None:
        """The intake in progress, if any."""
        async with self._intake() as it:
            return await current(it.session, telegram_user_id=telegram_user_id)

    async def choose(
        self, *, telegram_user_id: int, draft_id: int, step: str, value: str
    ) -> Outcome:
        """A button pressed at the current step; raises ``StaleChoice`` for any other button."""
        async with self._intake() as it:
            return await it.choose(
                telegram_user_id=telegram_user_id, draft_id=draft_id, step=step, value=value
            )

    async def type(self, *, telegram_user_id: int, text: str) -> Outcome | None:
        """Typed text at the current step; None when no intake is in progress."""
        async with self._intake() as it:
            return await it.type(telegram_user_id=telegram_user_id, text=without_controls(text))

    async def locate(
        self, *, telegram_user_id: int, latitude: float, longitude: float
    ) -> Outcome | None:
        """A shared location; None when no intake is in progress."""
        async with self._intake() as it:
            return await it.locate(
                telegram_user_id=telegram_user_id, latitude=latitude, longitude=longitude
            )

    async def confirm(self, *, telegram_user_id: int, draft_id: int) -> PlanView:
        """Save the plan; raises ``StaleChoice`` if the summary is out of date."""
        async with self._intake() as it:
            return await it.confirm(telegram_user_id=telegram_user_id, draft_id=draft_id)

    async def cancel(self, *, telegram_user_id: int) -> bool:
        """Drop the intake in progress."""
        async with self._intake() as it:
            return await cancel(it.session, telegram_user_id=telegram_user_id)

    async def start_over(self, *, telegram_user_id: int) -> IntakeState | None:
        """Cancel the current plan and open a new intake; None if there is no patient."""
        async with self._intake() as it:
            patient = await patients.find_patient(it.session, telegram_user_id=telegram_user_id)
            if patient is None:
                return None
            assert patient.id is not None
            await patients.cancel_plans(it.session, patient_id=patient.id, now=it.now)
            return await begin(it.session, patient=patient, now=it.now)
