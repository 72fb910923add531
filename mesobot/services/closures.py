"""A clinic closed for a day: its sessions move, later ones keep their spacing, patients hear."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.domain import plan as rules
from mesobot.domain.hours import OpeningHours, next_open_day
from mesobot.models import (
    UPCOMING,
    Broadcast,
    BroadcastStatus,
    ClinicClosure,
    OutboxMessage,
    Patient,
    PlanStatus,
    SessionStatus,
    Setting,
    TreatmentPlan,
    TreatmentSession,
)

from . import outbox
from .clinics import Seat, local_today
from .course import Course


class ClosureProblem(Exception):
    """A closure that cannot be done: ``args`` are a content key and its values."""


@dataclass(frozen=True)
class Affected:
    """One session on the closed day, with its patient and plan."""

    patient: Patient
    plan: TreatmentPlan
    session: TreatmentSession


@dataclass(frozen=True)
class ClosurePlan:
    """What closing a day would move, and where to."""

    day: dt.date
    target: dt.date
    affected: list[Affected]

    @property
    def patients(self) -> int:
        """How many patients are affected."""
        return len({a.patient.id for a in self.affected})


async def booked_on(
    session: AsyncSession, *, seat: Seat, first: dt.date, last: dt.date
) -> list[Affected]:
    """The clinic's sessions still to come between two local days, in time order."""
    zone = seat.zone
    start = rules.to_utc(first, dt.time(0, 0), zone)
    end = rules.to_utc(last + dt.timedelta(days=1), dt.time(0, 0), zone)
    found = await session.exec(
        select(Patient, TreatmentPlan, TreatmentSession)
        .join(TreatmentPlan, col(TreatmentPlan.patient_id) == Patient.id)
        .join(TreatmentSession, col(TreatmentSession.plan_id) == TreatmentPlan.id)
        .where(Patient.clinic_id == seat.clinic_id)
        .where(TreatmentPlan.status == PlanStatus.ACTIVE)
        .where(TreatmentPlan.setting == Setting.CLINIC)
        .where(col(TreatmentSession.status).in_((*UPCOMING, SessionStatus.DONE)))
        .where(TreatmentSession.planned_start >= start, TreatmentSession.planned_start < end)
        .order_by(col(TreatmentSession.planned_start), col(Patient.first_name))
    )
    return [Affected(p, plan, s) for p, plan, s in found.all()]


async def closed_on(session: AsyncSession, *, clinic_id: int, day: dt.date) -> bool:
    """Whether the clinic has closed that (local) day."""
    found = await session.exec(
        select(ClinicClosure.id).where(
            ClinicClosure.clinic_id == clinic_id, ClinicClosure.day == day
        )
    )
    return found.first() is not None


class ClosureService:
    """Previewing and carrying out a closed day, in one transaction each."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def booked(self, seat: Seat, *, first: dt.date, last: dt.date) -> list[Affected]:
        """The clinic's sessions from ``first`` to ``last`` (its own days), in order."""
        async with self._sessions() as session:
            return await booked_on(session, seat=seat, first=first, last=last)

    async def is_closed(self, seat: Seat, day: dt.date) -> bool:
        """Whether the clinic has closed that day."""
        async with self._sessions() as session:
            return await closed_on(session, clinic_id=seat.clinic_id, day=day)

    async def closed_days(self, seat: Seat, *, first: dt.date, last: dt.date) -> set[dt.date]:
        """The days from ``first`` to ``last`` the clinic has closed."""
        async with self._sessions() as session:
            found = await session.exec(
                select(ClinicClosure).where(
                    ClinicClosure.clinic_id == seat.clinic_id,
                    col(ClinicClosure.day) >= first,
                    col(ClinicClosure.day) <= last,
                )
            )
            return {closure.day for closure in found}

    async def preview(self, seat: Seat, day: dt.date, target: dt.date | None) -> ClosurePlan:
        """What closing ``day`` would do; raises ``ClosureProblem`` when it cannot be done."""
        async with self._sessions() as session:
            return await self._plan(session, seat, day, target)

    async def close(
        self, seat: Seat, day: dt.date, target: dt.date, *, progress_message_id: int | None
    ) -> ClosurePlan:
        """Close the day: move its sessions, rewrite reminders, queue a notice to each patient.

        The notices' progress and report are shown in the staff message given.
        """
        async with self._sessions() as session, session.begin():
            plan = await self._plan(session, seat, day, target)
            now = self._clock.now()
            session.add(
                ClinicClosure(
                    clinic_id=seat.clinic_id,
                    day=day,
                    moved_to=target,
                    staff_user_id=seat.member.telegram_user_id,
                    created_at=now,
                )
            )
            notices = Broadcast(
                clinic_id=seat.clinic_id,
                kind="closure",
                staff_user_id=seat.member.telegram_user_id,
                audience={"day": day.isoformat(), "target": target.isoformat()},
                status=BroadcastStatus.SENDING,
                total=len(plan.affected),
                progress_message_id=progress_message_id,
                created_at=now,
            )
            session.add(notices)
            await session.flush()
            assert notices.id is not None
            shift = target - day
            for plan_id in dict.fromkeys(a.plan.id for a in plan.affected):
                mine = [a for a in plan.affected if a.plan.id == plan_id]
                await self._move(session, mine, shift, now)
                outbox.enqueue(session, [self._notice(seat, a, day, notices.id, now) for a in mine])
            return plan

    async def _plan(
        self, session: AsyncSession, seat: Seat, day: dt.date, target: dt.date | None
    ) -> ClosurePlan:
        today = local_today(seat, self._clock.now())
        if day < today:
            raise ClosureProblem("closed_past", {"day": day})
        if day > today + rules.BOOKABLE_AHEAD or (
            target is not None and target > day + rules.BOOKABLE_AHEAD
        ):
            raise ClosureProblem("closed_too_far", {})
        closures = {
            c.day: c
            for c in await session.exec(
                select(ClinicClosure).where(ClinicClosure.clinic_id == seat.clinic_id)
            )
        }
        if day in closures:
            raise ClosureProblem("closed_already", {"day": day, "moved": closures[day].moved_to})
        if target is not None and target <= day:
            raise ClosureProblem("closed_target_before", {"day": day})
        if target is not None and target in closures:
            raise ClosureProblem("closed_target_closed", {"target": target})
        if target is None:
            hours = OpeningHours.stored(seat.clinic.hours)
            following = day + dt.timedelta(days=1)
            target = next_open_day(following, hours=hours, closed=closures) or following
        affected = [
            a
            for a in await booked_on(session, seat=seat, first=day, last=day)
            if a.session.status in UPCOMING
        ]
        if not affected:
            raise ClosureProblem("closed_nothing", {"day": day})
        return ClosurePlan(day, target, affected)

    @staticmethod
    async def _move(
        session: AsyncSession, affected: list[Affected], shift: dt.timedelta, now: dt.datetime
    ) -> None:
        # Every session from the first one on the closed day moves by the same number of
        # days; a confirmed one is to be confirmed again at its new time.
        course = await Course.load(session, patient=affected[0].patient, plan=affected[0].plan)
        first = min(a.session.number for a in affected)
        for item in course.shift_from(first, days=shift.days):
            item.status = SessionStatus.PLANNED
        await course.save(now)

    @staticmethod
    def _notice(
        seat: Seat, item: Affected, day: dt.date, broadcast_id: int, now: dt.datetime
    ) -> OutboxMessage:
        assert item.patient.id is not None
        return OutboxMessage(
            patient_id=item.patient.id,
            session_id=item.session.id,
            kind="closure_notice",
            content_key="closure_notice",
            params={
                "clinic": seat.clinic.name,
                "day": day.isoformat(),
                "number": item.session.number,
                "total": item.plan.sessions_count,
            },
            dedupe_key=f"cl:{broadcast_id}:{item.session.id}",
            due_at=now,
            plan_version=item.plan.version,
            broadcast_id=broadcast_id,
            created_at=now,
        )
