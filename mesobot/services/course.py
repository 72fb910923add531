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
from mesobot.models import UPCOMING, Patient, TreatmentPlan, TreatmentSession

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

    async def save(self, now: dt.datetime) -> PlanView:
        """Record a change of plan: a new version, and the outbox rewritten to match."""
        self.plan.version += 1
        self.plan.updated_at = now
        return await self.follow(now)

    async def follow(self, now: dt.datetime) -> PlanView:
        """Rewrite the outbox for the plan as it stands (the patient's reminder times
        changed, or they can be reached again); the version stays."""
        self.session.add(self.plan)
        await self.session.flush()
        await outbox.rewrite_plan(
            self.session, patient=self.patient, plan=self.plan, sessions=self.sessions, now=now
        )
        return self.view
