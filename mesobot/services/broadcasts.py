"""Clinic broadcasts: composed step by step, queued in the outbox, reported per patient."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from mesobot.clock import Clock
from mesobot.domain import plan as rules
from mesobot.domain.text import without_controls
from mesobot.models import (
    Broadcast,
    BroadcastStatus,
    Clinic,
    Failure,
    OutboxMessage,
    OutboxStatus,
    Patient,
    PatientStatus,
    SessionStatus,
    TreatmentPlan,
    TreatmentSession,
)

from . import outbox, patients
from .clinics import Seat

OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]
# Telegram's limit on a message's text, counted after HTML is parsed.
MAX_MESSAGE_LENGTH = 4096
DRAFTING = (
    BroadcastStatus.TEXT,
    BroadcastStatus.AUDIENCE,
    BroadcastStatus.DAY,
    BroadcastStatus.RANGE,
    BroadcastStatus.READY,
)
BOOKED = (SessionStatus.PLANNED, SessionStatus.CONFIRMED, SessionStatus.DONE)
AUDIENCES = {
    "all": BroadcastStatus.READY,
    "day": BroadcastStatus.DAY,
    "range": BroadcastStatus.RANGE,
}


class NotYours(Exception):
    """A broadcast of another clinic or another staff member, or one already settled."""


class BadText(Exception):
    """Broadcast text that cannot be sent: ``args`` are a content key and its values."""


@dataclass(frozen=True)
class Audience:
    """Who a broadcast goes to: all active patients, or those booked within some days."""

    kind: str = "all"
    first: dt.date | None = None
    last: dt.date | None = None

    @classmethod
    def read(cls, data: dict[str, Any]) -> Audience:
        """From its stored form."""
        first, last = data.get("first"), data.get("last")
        return cls(
            data.get("kind", "all"),
            dt.date.fromisoformat(first) if first else None,
            dt.date.fromisoformat(last) if last else None,
        )

    def stored(self) -> dict[str, Any]:
        """Its stored form."""
        return {
            "kind": self.kind,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


@dataclass
class Progress:
    """Where a broadcast's delivery stands, with who was not reached."""

    broadcast: Broadcast
    clinic: Clinic
    delivered: int = 0
    pending: int = 0
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def done(self) -> bool:
        """Nothing is left to send."""
        return self.pending == 0

    @property
    def settled(self) -> int:
        """How many are sent, blocked or failed."""
        return self.delivered + len(self.blocked) + len(self.failed)

    @property
    def total(self) -> int:
        """How many messages the broadcast has (fewer than queued if a patient erased all)."""
        return self.settled + self.pending


async def audience_ids(session: AsyncSession, *, clinic: Clinic, audience: Audience) -> list[int]:
    """The ids of the clinic's active patients the audience takes in."""
    query = select(Patient.id).where(
        Patient.clinic_id == clinic.id, Patient.status == PatientStatus.ACTIVE
    )
    if audience.kind != "all":
        assert audience.first is not None and audience.last is not None
        zone = ZoneInfo(clinic.timezone)
        start = rules.to_utc(audience.first, dt.time(0, 0), zone)
        end = rules.to_utc(audience.last + dt.timedelta(days=1), dt.time(0, 0), zone)
        query = (
            query.join(TreatmentPlan, col(TreatmentPlan.patient_id) == Patient.id)
            .join(TreatmentSession, col(TreatmentSession.plan_id) == TreatmentPlan.id)
            .where(patients.CURRENT)
            .where(col(TreatmentSession.status).in_(BOOKED))
            .where(TreatmentSession.planned_start >= start, TreatmentSession.planned_start < end)
        )
    found = await session.exec(query.distinct().order_by(col(Patient.id)))
    return [patient_id for patient_id in found if patient_id is not None]


class BroadcastService:
    """Composing, sending and reporting broadcasts, each step in its own transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        # Held while progress is counted and shown, so an older count never lands last.
        self.reporting = asyncio.Lock()

    async def begin(self, seat: Seat) -> Broadcast:
        """A new draft, replacing any draft this staff member left unfinished."""
        async with self._sessions() as session, session.begin():
            await self._drop_drafts(session, seat)
            draft = Broadcast(
                clinic_id=seat.clinic_id,
                kind="message",
                staff_user_id=seat.member.telegram_user_id,
                status=BroadcastStatus.TEXT,
                created_at=self._clock.now(),
            )
            session.add(draft)
            await session.flush()
            return draft

    async def draft(self, seat: Seat) -> Broadcast | None:
        """This staff member's broadcast being composed, if any."""
        async with self._sessions() as session:
            return await self._draft(session, seat)

    async def cancel(self, seat: Seat) -> bool:
        """Drop the draft; False if there was none."""
        async with self._sessions() as session, session.begin():
            return await self._drop_drafts(session, seat)

    async def set_text(self, seat: Seat, text: str, *, room: int) -> Broadcast:
        """The message itself; raises ``BadText`` when empty or too long for Telegram."""
        text = without_controls(text).strip()
        if not text:
            raise BadText("broadcast_empty")
        if len(text) > room:
            raise BadText("broadcast_too_long", {"length": len(text), "limit": room})
        async with self._sessions() as session, session.begin():
            draft = await self._draft(session, seat)
            if draft is None or draft.status != BroadcastStatus.TEXT:
                raise NotYours
            draft.text, draft.status = text, BroadcastStatus.AUDIENCE
            session.add(draft)
            return draft

    async def choose(self, seat: Seat, broadcast_id: int, kind: str) -> Broadcast:
        """The audience button: all patients now, or ask for the day or the dates."""
        if kind not in AUDIENCES and kind != "change":
            raise NotYours
        async with self._sessions() as session, session.begin():
            draft = await self._own(session, seat, broadcast_id)
            if draft.status == BroadcastStatus.TEXT:
                raise NotYours
            if kind == "change":
                draft.status = BroadcastStatus.AUDIENCE
            else:
                draft.status = AUDIENCES[kind]
                draft.audience = Audience(kind).stored()
            session.add(draft)
            return draft

    async def set_days(self, seat: Seat, first: dt.date, last: dt.date) -> Broadcast:
        """The day (or first and last day) of the audience's sessions."""
        async with self._sessions() as session, session.begin():
            draft = await self._draft(session, seat)
            if draft is None or draft.status not in (BroadcastStatus.DAY, BroadcastStatus.RANGE):
                raise NotYours
            kind = "day" if draft.status == BroadcastStatus.DAY else "range"
            draft.audience = Audience(kind, first, last).stored()
            draft.status = BroadcastStatus.READY
            session.add(draft)
            return draft

    async def count(self, seat: Seat, broadcast_id: int) -> int:
        """How many patients the draft would reach now."""
        async with self._sessions() as session:
            draft = await self._own(session, seat, broadcast_id)
            audience = Audience.read(draft.audience)
            return len(await audience_ids(session, clinic=seat.clinic, audience=audience))

    async def send(
        self, seat: Seat, broadcast_id: int, *, progress_message_id: int | None
    ) -> Broadcast:
        """Queue one message per patient in the audience; the dispatcher does the rest.

        ``progress_message_id`` is the staff message that will show progress and the report
        (None from the web view, whose page reads them).
        """
        async with self._sessions() as session, session.begin():
            draft = await self._own(session, seat, broadcast_id)
            if draft.status != BroadcastStatus.READY:
                raise NotYours
            draft.progress_message_id = progress_message_id
            audience = Audience.read(draft.audience)
            ids = await audience_ids(session, clinic=seat.clinic, audience=audience)
            now = self._clock.now()
            draft.status, draft.total, draft.created_at = BroadcastStatus.SENDING, len(ids), now
            session.add(draft)
            params = {"clinic": seat.clinic.name, "text": draft.text}
            rows = [
                {
                    "patient_id": patient_id,
                    "kind": "broadcast",
                    "content_key": "broadcast_message",
                    "params": params,
                    "dedupe_key": f"bc:{draft.id}:{patient_id}",
                    "due_at": now,
                    "urgent": False,
                    "status": OutboxStatus.PENDING,
                    "attempts": 0,
                    "broadcast_id": draft.id,
                    "created_at": now,
                }
                for patient_id in ids
            ]
            # None (all left since the preview): the report says 0 of 0.
            await outbox.enqueue_many(session, rows)
            return draft

    async def progress(self) -> list[Progress]:
        """Every broadcast still sending, counted."""
        async with self._sessions() as session:
            sending = await session.exec(
                select(Broadcast, Clinic)
                .join(Clinic, col(Clinic.id) == Broadcast.clinic_id)
                .where(Broadcast.status == BroadcastStatus.SENDING)
            )
            return [await self._count(session, b, c) for b, c in sending.all()]

    async def report(self, seat: Seat, broadcast_id: int) -> Progress | None:
        """A broadcast of the clinic's that was sent (or is sending), counted; None for a
        draft, a cancelled one or another clinic's."""
        async with self._sessions() as session:
            broadcast = await session.get(Broadcast, broadcast_id)
            sent = (BroadcastStatus.SENDING, BroadcastStatus.DONE)
            if broadcast is None or broadcast.clinic_id != seat.clinic_id:
                return None
            if broadcast.status not in sent:
                return None
            return await self._count(session, broadcast, seat.clinic)

    async def finish(self, broadcast_id: int) -> None:
        """The report has been shown: the broadcast is done."""
        async with self._sessions() as session, session.begin():
            broadcast = await session.get(Broadcast, broadcast_id)
            if broadcast is not None and broadcast.status == BroadcastStatus.SENDING:
                broadcast.status, broadcast.finished_at = BroadcastStatus.DONE, self._clock.now()
                session.add(broadcast)

    @staticmethod
    async def _count(session: AsyncSession, broadcast: Broadcast, clinic: Clinic) -> Progress:
        rows = await session.exec(
            select(OutboxMessage.status, OutboxMessage.failure, Patient.first_name, Patient.id)
            .join(Patient, col(Patient.id) == OutboxMessage.patient_id)
            .where(OutboxMessage.broadcast_id == broadcast.id)
            .order_by(col(Patient.first_name), col(Patient.id))
        )
        progress = Progress(broadcast, clinic)
        for status, failure, name, patient_id in rows:
            who = f"{name} (#{patient_id})"
            if status == OutboxStatus.SENT:
                progress.delivered += 1
            elif status in (OutboxStatus.PENDING, OutboxStatus.SENDING):
                progress.pending += 1
            elif status == OutboxStatus.CANCELLED or failure == Failure.BLOCKED:
                # Cancelled: the patient blocked the bot after the broadcast was queued.
                progress.blocked.append(who)
            else:
                progress.failed.append(who)
        return progress

    async def _draft(self, session: AsyncSession, seat: Seat) -> Broadcast | None:
        query = (
            select(Broadcast)
            .where(Broadcast.staff_user_id == seat.member.telegram_user_id)
            .where(Broadcast.clinic_id == seat.clinic_id)
            .where(col(Broadcast.status).in_(DRAFTING))
            .order_by(col(Broadcast.id).desc())
        )
        return (await session.exec(query)).first()

    async def _own(self, session: AsyncSession, seat: Seat, broadcast_id: int) -> Broadcast:
        draft = await self._draft(session, seat)
        if draft is None or draft.id != broadcast_id:
            raise NotYours
        return draft

    async def _drop_drafts(self, session: AsyncSession, seat: Seat) -> bool:
        dropped = False
        while (draft := await self._draft(session, seat)) is not None:
            draft.status = BroadcastStatus.CANCELLED
            session.add(draft)
            await session.flush()
            dropped = True
        return dropped
