"""A patient's course, changed in one place: sessions shifted by one rule, and every saved
change bumps the plan's version (older buttons go stale) and rewrites its outbox rows in
the same transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.domain import plan as rules
from mesobot.domain.hours import OpeningHours, next_open
from mesobot.models import (
    UPCOMING,
    Clinic,
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


@dataclass(frozen=True)
class PlanView:
    """A plan with its sessions, in order."""

    plan: TreatmentPlan
    sessions: list[TreatmentSession]

    def upcoming(self, *, now: dt.datetime) -> list[TreatmentSession]:
        """The sessions still to come, in order: not settled, and not yet begun."""
        return [s for s in self.sessions if s.status in UPCOMING and s.planned_start > now]


@dataclass
class Course:
    """A plan with its sessions, loaded inside the transaction that changes it."""

    session: AsyncSession
    patient: Patient
    plan: TreatmentPlan
    sessions: list[TreatmentSession]

    @classmethod
    async def load(cls, session: AsyncSession, *, patient: Patient, plan: TreatmentPlan) -> Course:
        """The course of ``plan``, its sessions in order."""
        found = await session.exec(
            select(TreatmentSession)
            .where(TreatmentSession.plan_id == plan.id)
            .order_by(col(TreatmentSession.number))
        )
        return cls(session, patient, plan, list(found))

    @property
    def zone(self) -> ZoneInfo:
        """The plan's time zone."""
        return ZoneInfo(self.plan.timezone)

    @property
    def view(self) -> PlanView:
        """The plan and its sessions, for rendering."""
        return PlanView(self.plan, self.sessions)

    def shift_from(self, number: int, *, days: int) -> list[TreatmentSession]:
        """Move every session still to come from session ``number`` on by ``days`` local
        days, each keeping its own wall time; returns the sessions moved."""
        moved = [s for s in self.sessions if s.number >= number and s.status in UPCOMING]
        for item in moved:
            item.planned_start = rules.moved_by(item.planned_start, days=days, tz=self.zone)
            self.session.add(item)
        return moved

    def move(self, item: TreatmentSession, start: dt.datetime) -> None:
        """Put ``item`` at ``start``; the later sessions move by as many local days, each
        keeping its own wall time, so the spacing stays."""
        zone = self.zone
        days = (rules.local_date(start, zone) - rules.local_date(item.planned_start, zone)).days
        self.shift_from(item.number + 1, days=days)
        item.planned_start = start
        self.session.add(item)

    def can_respace(self, *, interval: int, count: int, now: dt.datetime) -> bool:
        """Whether ``respace`` can do it: a session to come, a spacing and number within the
        bounds, and no fewer sessions than the patient has come to."""
        ahead = self.view.upcoming(now=now)
        if not ahead or rules.check_spacing(interval_days=interval, sessions=count):
            return False
        cancelled = SessionStatus.CANCELLED
        behind = [s.number for s in self.sessions if s not in ahead and s.status != cancelled]
        return count >= max([ahead[0].number, *behind])

    def respace(self, *, interval: int, count: int, now: dt.datetime) -> bool:
        """A new spacing and number of sessions from the next session on: it keeps its time,
        the later ones follow ``interval`` days apart at the same wall time, sessions are
        added at the end or the last ones still to come cancelled. False when it cannot be
        done: no session to come, or fewer sessions than are already behind the patient."""
        if not self.can_respace(interval=interval, count=count, now=now):
            return False
        anchor = self.view.upcoming(now=now)[0]
        cancelled = SessionStatus.CANCELLED

        def start_of(number: int) -> dt.datetime:
            days = interval * (number - anchor.number)
            return rules.moved_by(anchor.planned_start, days=days, tz=self.zone)

        # The sessions after the next one: moved, cancelled past the new end, or (cancelled
        # by an earlier, shorter plan) planned again.
        for item in [s for s in self.sessions if s.number > anchor.number]:
            if item.status not in (*UPCOMING, cancelled):
                continue
            if item.number > count:
                item.status = cancelled
            else:
                item.planned_start = start_of(item.number)
                if item.status == cancelled:
                    item.status = SessionStatus.PLANNED
            self.session.add(item)
        assert self.plan.id is not None
        for number in range(max(s.number for s in self.sessions) + 1, count + 1):
            item = TreatmentSession(
                plan_id=self.plan.id, number=number, planned_start=start_of(number)
            )
            self.session.add(item)
            self.sessions.append(item)
        self.plan.interval_days, self.plan.sessions_count = interval, count
        return True

    async def save(self, now: dt.datetime) -> PlanView:
        """Record a change of plan: a new version, and the outbox rewritten to match. A
        session at the clinic that would land on a day it is closed or outside its hours
        goes to its next open slot (later ones keep their spacing), and the patient is told."""
        self.plan.version += 1
        self.plan.updated_at = now
        return await self.settle(now)

    async def settle(self, now: dt.datetime) -> PlanView:
        """Fit the sessions to the clinic's days and hours (telling the patient of any that
        moved), then rewrite the outbox to match."""
        moved = await self._fit_to_clinic(now)
        view = await self.follow(now)
        if moved is not None:
            outbox.enqueue(self.session, [self._hours_notice(*moved, now)])
        return view

    async def _fit_to_clinic(self, now: dt.datetime) -> tuple[Clinic, TreatmentSession] | None:
        """Move sessions still to come off the clinic's closed days and outside its hours;
        the clinic and the first session moved, if any."""
        at_clinic = self.plan.setting == Setting.CLINIC and self.plan.status == PlanStatus.ACTIVE
        if not at_clinic or self.patient.clinic_id is None:
            return None
        clinic = await self.session.get(Clinic, self.patient.clinic_id)
        if clinic is None:
            return None
        hours = OpeningHours.stored(clinic.hours)
        today = rules.local_date(now, self.zone)
        closures = await self.session.exec(
            select(ClinicClosure).where(
                ClinicClosure.clinic_id == clinic.id, col(ClinicClosure.day) >= today
            )
        )
        closed = {closure.day for closure in closures}
        if hours is None and not closed:
            return None
        first = None
        for item in self.sessions:
            if item.status not in UPCOMING or item.planned_start <= now:
                continue
            start = next_open(item.planned_start, hours=hours, closed=closed, tz=self.zone)
            if start != item.planned_start:
                self.move(item, start)
                first = first or item
        return (clinic, first) if first else None

    def _hours_notice(
        self, clinic: Clinic, item: TreatmentSession, now: dt.datetime
    ) -> OutboxMessage:
        assert self.patient.id is not None
        return OutboxMessage(
            patient_id=self.patient.id,
            session_id=item.id,
            kind="hours_notice",
            content_key="hours_notice",
            params={
                "clinic": clinic.name,
                "number": item.number,
                "total": self.plan.sessions_count,
            },
            dedupe_key=f"hours:{self.plan.id}:{self.plan.version}",
            due_at=now,
            plan_version=self.plan.version,
            created_at=now,
        )

    async def follow(self, now: dt.datetime) -> PlanView:
        """Rewrite the outbox for the plan as it stands (the patient's reminder times
        changed, or they can be reached again); the version stays."""
        self.session.add(self.plan)
        await self.session.flush()
        await outbox.rewrite_plan(
            self.session, patient=self.patient, plan=self.plan, sessions=self.sessions, now=now
        )
        return self.view
