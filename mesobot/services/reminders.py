"""What patients do with reminders: confirm, mark done or skipped, move, check in, pause."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.domain import plan as rules
from mesobot.domain import schedule
from mesobot.models import (
    UPCOMING,
    CheckinAnswer,
    Patient,
    PlanStatus,
    SessionStatus,
    TreatmentPlan,
    TreatmentSession,
)

from . import outbox, patients
from .course import Course, PlanView

ACTIONS = frozenset({"attend", "done", "skip", "missed", "move"})
CHECKIN_ANSWERS = frozenset({"fine", "mild", "worried"})
BRUISE_ANSWERS = frozenset({"gone", "still"})


class OutOfDate(Exception):
    """A button for a plan that has changed since, a settled session, or someone else's."""


class BadDay(Exception):
    """A day a session cannot move to; the argument names the reason (a content key)."""


@dataclass(frozen=True)
class Acted:
    """The result of a reminder button."""

    action: str
    number: int
    view: PlanView


@dataclass
class _Context:
    session: AsyncSession
    patient: Patient
    plan: TreatmentPlan
    item: TreatmentSession
    now: dt.datetime

    async def course(self) -> Course:
        return await Course.load(self.session, patient=self.patient, plan=self.plan)


class ReminderService:
    """The reminder use cases, each in its own transaction."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        clock: Clock,
        aftercare_grace: dt.timedelta = dt.timedelta(hours=12),
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._grace = aftercare_grace

    @asynccontextmanager
    async def _for(
        self, telegram_user_id: int, session_id: int, version: int | None
    ) -> AsyncIterator[_Context]:
        async with self._sessions() as session, session.begin():
            found = (
                await session.exec(
                    select(TreatmentSession, TreatmentPlan, Patient)
                    .join(TreatmentPlan, TreatmentPlan.id == TreatmentSession.plan_id)  # type: ignore[arg-type]
                    .join(Patient, Patient.id == TreatmentPlan.patient_id)  # type: ignore[arg-type]
                    .where(TreatmentSession.id == session_id)
                    .where(Patient.telegram_user_id == telegram_user_id)
                )
            ).first()
            if found is None:
                raise OutOfDate
            item, plan, patient = found
            if version is not None and (
                plan.version != version or plan.status != PlanStatus.ACTIVE
            ):
                raise OutOfDate
            yield _Context(session, patient, plan, item, self._clock.now())

    async def act(
        self, *, telegram_user_id: int, session_id: int, version: int, action: str
    ) -> Acted:
        """A reminder button; raises ``OutOfDate`` when it no longer applies."""
        if action not in ACTIONS:
            raise OutOfDate
        async with self._for(telegram_user_id, session_id, version) as it:
            if it.item.status not in UPCOMING:
                raise OutOfDate
            if action == "attend":
                it.item.status = SessionStatus.CONFIRMED
            elif action == "done":
                it.item.status = SessionStatus.DONE
                await self._aftercare(it)
            elif action in ("skip", "missed"):
                it.item.status = SessionStatus.SKIPPED
            it.session.add(it.item)
            view = await (await it.course()).follow(it.now)
            return Acted(action, it.item.number, view)

    async def later(
        self, *, telegram_user_id: int, session_id: int, version: int, hours: int
    ) -> dt.datetime | None:
        """Send the reminder again ``hours`` from now (after quiet hours); when it will come,
        or None if the session starts first. Raises ``OutOfDate`` when it no longer applies."""
        if hours not in schedule.LATER_HOURS:
            raise OutOfDate
        async with self._for(telegram_user_id, session_id, version) as it:
            if it.item.status not in UPCOMING:
                raise OutOfDate
            again = schedule.reminder_later(
                session_id=session_id,
                number=it.item.number,
                total=it.plan.sessions_count,
                start=it.item.planned_start,
                now=it.now,
                hours=hours,
                tz=ZoneInfo(it.plan.timezone),
                prefs=outbox.preferences(it.patient),
            )
            if again is None:
                return None
            await outbox.add(
                it.session,
                patient=it.patient,
                messages=[again],
                plan_version=it.plan.version,
                now=it.now,
            )
            return again.due_at

    async def _aftercare(self, it: _Context) -> None:
        # Aftercare runs from the real time the patient says the session happened.
        messages = schedule.aftercare_messages(
            session_id=it.item.id or 0,
            number=it.item.number,
            done_at=it.now,
            tz=ZoneInfo(it.plan.timezone),
            prefs=outbox.preferences(it.patient),
            grace=self._grace,
        )
        await outbox.add(
            it.session,
            patient=it.patient,
            messages=messages,
            plan_version=it.plan.version,
            now=it.now,
        )

    async def move(
        self, *, telegram_user_id: int, session_id: int, version: int, day: dt.date
    ) -> PlanView:
        """Move a session to ``day`` (same local time); later sessions keep their spacing."""
        async with self._for(telegram_user_id, session_id, version) as it:
            zone = ZoneInfo(it.plan.timezone)
            today = rules.local_date(it.now, zone)
            if it.item.status not in UPCOMING:
                raise OutOfDate
            problem = rules.check_first_day(day, today=today)
            if problem is not None:
                raise BadDay(f"date_{problem.value}")
            start = rules.to_utc(day, it.plan.preferred_time, zone)
            if start <= it.now:
                raise BadDay("time_passed")
            course = await it.course()
            course.move(it.item, start)
            return await course.save(it.now)

    async def record(
        self, *, telegram_user_id: int, session_id: int, question: str, answer: str
    ) -> int:
        """Store a check-in or bruising answer; returns the session number."""
        allowed = CHECKIN_ANSWERS if question == "checkin" else BRUISE_ANSWERS
        if answer not in allowed:
            raise OutOfDate
        async with self._for(telegram_user_id, session_id, None) as it:
            assert it.patient.id is not None
            it.session.add(
                CheckinAnswer(
                    patient_id=it.patient.id,
                    session_id=session_id,
                    question=question,
                    answer=answer,
                    answered_at=it.now,
                )
            )
            if question == "checkin" and answer == "mild":
                followup = schedule.bruising_followup(
                    session_id=session_id,
                    number=it.item.number,
                    reported_at=it.now,
                    tz=ZoneInfo(it.plan.timezone),
                    prefs=outbox.preferences(it.patient),
                )
                await outbox.add(
                    it.session,
                    patient=it.patient,
                    messages=[followup],
                    plan_version=it.plan.version,
                    now=it.now,
                )
            return it.item.number

    async def set_times(
        self,
        *,
        telegram_user_id: int,
        evening: dt.time | None = None,
        quiet: tuple[dt.time, dt.time] | None = None,
        evening_on: bool | None = None,
        soon_on: bool | None = None,
        soon_hours: int | None = None,
    ) -> Patient | None:
        """Change when reminders come (the evening one's time, whether each is sent, how many
        hours before, quiet hours); pending reminders follow."""
        async with self._sessions() as session, session.begin():
            patient = await patients.find_patient(session, telegram_user_id=telegram_user_id)
            if patient is None or patient.id is None:
                return None
            if evening is not None:
                patient.evening_time = evening
            if quiet is not None:
                patient.quiet_start, patient.quiet_end = quiet
            if evening_on is not None:
                patient.evening_on = evening_on
            if soon_on is not None:
                patient.soon_on = soon_on
            if soon_hours is not None:
                if not 1 <= soon_hours <= 6:
                    raise ValueError("the hours-before reminder comes 1 to 6 hours before")
                patient.soon_hours = soon_hours
            session.add(patient)
            view = await patients.active_plan(session, patient_id=patient.id)
            if view is not None:
                course = Course(session, patient, view.plan, view.sessions)
                await course.follow(self._clock.now())
            return patient

    async def pause(self, *, telegram_user_id: int) -> PlanView | None:
        """Pause the course: no reminders until resumed. None if there is no active course."""
        async with self._sessions() as session, session.begin():
            found = await self._plan(session, telegram_user_id, PlanStatus.ACTIVE)
            if found is None:
                return None
            patient, plan = found
            now = self._clock.now()
            plan.status, plan.paused_at = PlanStatus.PAUSED, now
            return await (await Course.load(session, patient=patient, plan=plan)).save(now)

    async def resume(self, *, telegram_user_id: int) -> PlanView | None:
        """Resume a paused course; sessions still to come move on by the time it was paused."""
        async with self._sessions() as session, session.begin():
            found = await self._plan(session, telegram_user_id, PlanStatus.PAUSED)
            if found is None:
                return None
            patient, plan = found
            now = self._clock.now()
            days = math.ceil((now - (plan.paused_at or now)) / dt.timedelta(days=1))
            course = await Course.load(session, patient=patient, plan=plan)
            course.shift_from(1, days=days)
            plan.status, plan.paused_at = PlanStatus.ACTIVE, None
            return await course.save(now)

    @staticmethod
    async def _plan(
        session: AsyncSession, telegram_user_id: int, status: PlanStatus
    ) -> tuple[Patient, TreatmentPlan] | None:
        found = (
            await session.exec(
                select(Patient, TreatmentPlan)
                .join(TreatmentPlan, TreatmentPlan.patient_id == Patient.id)  # type: ignore[arg-type]
                .where(Patient.telegram_user_id == telegram_user_id)
                .where(TreatmentPlan.status == status)
            )
        ).first()
        return (found[0], found[1]) if found else None
