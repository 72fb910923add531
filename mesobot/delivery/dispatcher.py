"""The dispatcher: claims due outbox rows atomically, sends them, records each outcome."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.orm import Session

from mesobot.clock import Clock
from mesobot.db import is_outage, one_line
from mesobot.metrics import Metrics
from mesobot.models import (
    Clinic,
    Failure,
    OutboxMessage,
    OutboxStatus,
    Patient,
    PatientStatus,
    StaffMember,
    TreatmentPlan,
    TreatmentSession,
)

from .outcomes import Blocked, Delivery, Rejected, RetryLater, Sender, SendFailure, Transient

log = logging.getLogger(__name__)
OUTBOX = OutboxMessage.__table__  # type: ignore[attr-defined]
PATIENT = Patient.__table__  # type: ignore[attr-defined]
SESSION = TreatmentSession.__table__  # type: ignore[attr-defined]
PLAN = TreatmentPlan.__table__  # type: ignore[attr-defined]
CLINIC = Clinic.__table__  # type: ignore[attr-defined]
STAFF = StaffMember.__table__  # type: ignore[attr-defined]
# Any number works as long as every instance uses the same one.
LEADER_LOCK = 0x6D65736F
# Instances that queue messages tell the one sending them (PostgreSQL's NOTIFY, on commit).
CHANNEL = "mesobot_outbox"
STUCK_AFTER = dt.timedelta(minutes=5)


@dataclass
class _Result:
    delivery: Delivery
    status: OutboxStatus
    due_at: dt.datetime | None = None
    failure: Failure | None = None
    error: str | None = None
    message_id: int | None = None
    retry_now: bool = False


class Dispatcher:
    """Sends what is due, exactly once per row, whoever else is running."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        clock: Clock,
        sender: Sender,
        max_attempts: int = 5,
        batch: int = 200,
        # Measured (python -m bench): sending is CPU-bound here, and each extra connection
        # in flight makes httpx's pool bookkeeping dearer; about 4 at once is fastest.
        concurrency: int = 4,
        backoff: dt.timedelta = dt.timedelta(seconds=30),
        after_batch: Callable[[], Awaitable[None]] | None = None,
        # Measured (python -m bench --quick, limits off): every 20 cost about a tenth of the
        # throughput, every 50 almost nothing. By time as well: at Telegram's pace (30 a
        # second) a crash then leaves at most about 6 sent rows unrecorded, not 50.
        record_every: int = 50,
        record_after: float = 0.2,
        # Whether becoming the leader makes this the only sender (true wherever leader
        # election runs: SQLite's single process, PostgreSQL's advisory lock).
        release_on_start: bool = True,
        metrics: Metrics | None = None,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._send = sender
        self._max_attempts = max_attempts
        self._batch = batch
        self._concurrency = asyncio.Semaphore(concurrency)
        self._backoff = backoff
        self._leader: AsyncConnection | None = None
        self._running = asyncio.Lock()
        self._electing = asyncio.Lock()
        self._after_batch = after_batch
        self._record_every = record_every
        self._record_after = record_after
        self._stopping = False
        # A dispatcher that has just started (or just become the leader) is the only sender:
        # every row still marked "sending" was left by one that died, and goes out again now.
        self._release_on_start = release_on_start
        self._fresh = release_on_start
        self.sent = 0
        # Called when another instance has queued messages (set by the application).
        self.on_notice: Callable[[], None] = lambda: None
        self._metrics = metrics or Metrics()

    @property
    def _postgres(self) -> bool:
        return self._engine.dialect.name == "postgresql"

    async def is_leader(self) -> bool:
        """Hold the PostgreSQL advisory lock (SQLite has one writer: always the leader).
        Asked before each claim: a lock already held is checked first, since its connection
        may have died (a database restart, a killed backend) and the lock with it; then
        this instance steps down and competes again, as any other would."""
        if not self._postgres:
            return True
        # One attempt at a time: two callers of this dispatcher (the alarm and a sweep) must
        # not race each other for the lock and have the loser believe another instance won.
        async with self._electing:
            if self._leader is not None and not await self._holds(self._leader):
                await self._lose_leadership()
            return await self._elect()

    @staticmethod
    async def _holds(leader: AsyncConnection) -> bool:
        try:
            await leader.execute(sa.text("SELECT 1"))
            await leader.commit()
        except Exception as error:
            log.warning("this instance lost the outbox lock: %s", one_line(error))
            return False
        return True

    async def _elect(self) -> bool:
        if self._leader is not None:
            return True
        connection = await self._engine.connect()
        taken = (
            await connection.execute(
                sa.text("SELECT pg_try_advisory_lock(:key)"), {"key": LEADER_LOCK}
            )
        ).scalar_one()
        await connection.commit()
        if taken:
            self._leader = connection
            self._fresh = self._release_on_start
            raw = await connection.get_raw_connection()
            await raw.driver_connection.add_listener(  # type: ignore[union-attr]
                CHANNEL, lambda *_: self.on_notice()
            )
            log.info("this instance now dispatches the outbox")
        else:
            await connection.close()
        return bool(taken)

    async def drain(self) -> None:
        """Stop claiming, and wait until the batch in flight is sent and recorded."""
        self._stopping = True
        async with self._running:
            pass

    async def close(self) -> None:
        """Give up leadership, releasing the advisory lock."""
        if self._leader is not None:
            # Closing only returns the connection to the pool, where a session-level lock
            # would live on: release it first.
            unlock = sa.text("SELECT pg_advisory_unlock(:key)")
            try:
                await self._leader.execute(unlock, {"key": LEADER_LOCK})
                await self._leader.commit()
            except Exception as error:
                if not is_outage(error):
                    raise
                # The database went away, and the lock with the connection that held it.
            await self._lose_leadership()

    @property
    def leading(self) -> bool:
        """Whether this instance held the outbox at its last turn (SQLite: always)."""
        return not self._postgres or self._leader is not None

    async def oldest_due(self) -> float:
        """Seconds the oldest message that is due has waited (0 when none is late): one
        indexed look-up, cheap enough for a health check every few seconds."""
        now = self._clock.now()
        async with self._engine.connect() as connection:
            query = sa.select(sa.func.min(OUTBOX.c.due_at)).where(
                OUTBOX.c.status == OutboxStatus.PENDING, OUTBOX.c.due_at <= now
            )
            oldest = _utc((await connection.execute(query)).scalar())
        return 0.0 if oldest is None else max(0.0, (now - oldest).total_seconds())

    async def pending(self) -> dict[str, int]:
        """How many messages wait in the outbox, by kind."""
        async with self._engine.connect() as connection:
            query = (
                sa.select(OUTBOX.c.kind, sa.func.count())
                .where(OUTBOX.c.status == OutboxStatus.PENDING)
                .group_by(OUTBOX.c.kind)
            )
            return {str(kind): int(count) for kind, count in await connection.execute(query)}

    async def next_due(self) -> dt.datetime | None:
        """When the earliest pending message is due."""
        async with self._engine.connect() as connection:
            query = sa.select(sa.func.min(OUTBOX.c.due_at)).where(
                OUTBOX.c.status == OutboxStatus.PENDING
            )
            value = (await connection.execute(query)).scalar()
        if value is None:
            return None
        moment: dt.datetime = value
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)

    async def run_due(self) -> int:
        """Send everything due now; returns how many rows were settled. While the database
        cannot be reached, nothing is sent and 0 is returned: the next sweep tries again."""
        try:
            return await self._run_due()
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("the outbox cannot be reached; trying again at the next sweep")
            await self._lose_leadership()
            return 0

    async def _lose_leadership(self) -> None:
        # A database restart ends the advisory lock with the connection that held it.
        if self._leader is not None:
            leader, self._leader = self._leader, None
            with contextlib.suppress(Exception):
                await leader.close()

    async def _run_due(self) -> int:
        if self._stopping or not await self.is_leader():
            return 0
        settled = 0
        async with self._running:
            await self._release_stuck(everything=self._fresh)
            self._fresh = False
            while not self._stopping and await self.is_leader():
                now = self._clock.now()
                claimed = await self._claim(now)
                if not claimed:
                    break
                settled += await self._send_batch(claimed, now)
                await self._report()
            if not settled:
                await self._report()  # a report that could not be shown before is retried
        return settled

    async def _report(self) -> None:
        if self._after_batch is not None:
            try:
                await self._after_batch()
            except Exception as error:  # a progress report must never stop the sending
                if is_outage(error):
                    log.warning("progress reports wait for the database: %s", one_line(error))
                else:
                    log.exception("the after-batch hook failed")

    async def _send_batch(self, claimed: list[Delivery], now: dt.datetime) -> int:
        # Outcomes are recorded a few at a time as sends finish, not once for the whole
        # batch: if the process dies mid-batch, few sent messages are left unrecorded (and
        # sent again when their claim expires).
        sends = [asyncio.ensure_future(self._deliver(d, now)) for d in claimed]
        settled = 0
        done: list[_Result] = []
        recorded = time.monotonic()
        for finished in asyncio.as_completed(sends):
            done.append(await finished)
            due = time.monotonic() - recorded >= self._record_after
            if due or len(done) >= self._record_every or len(done) + settled == len(claimed):
                await self._record(done, now)
                settled += len(done)
                done = []
                recorded = time.monotonic()
        return sum(1 for task in sends if not task.result().retry_now)

    async def _release_stuck(self, *, everything: bool) -> None:
        # A crash between claiming and recording leaves rows "sending": offer them again, all
        # of them at once when no other dispatcher can be sending them (``everything``).
        stuck = OUTBOX.c.status == OutboxStatus.SENDING
        if not everything:
            stuck &= OUTBOX.c.claimed_at < self._clock.now() - STUCK_AFTER
        async with self._engine.begin() as connection:
            released = await connection.execute(
                OUTBOX.update().where(stuck).values(status=OutboxStatus.PENDING)
            )
        if everything and released.rowcount:
            log.info(
                "%s messages left sending by a stopped dispatcher go out again", released.rowcount
            )

    async def _claim(self, now: dt.datetime) -> list[Delivery]:
        due = (
            sa.select(OUTBOX.c.id)
            .where(OUTBOX.c.status == OutboxStatus.PENDING, OUTBOX.c.due_at <= now)
            # Urgent first: a note about warning signs does not wait behind a broadcast.
            .order_by(OUTBOX.c.urgent.desc(), OUTBOX.c.due_at, OUTBOX.c.id)
            .limit(self._batch)
            .with_for_update(skip_locked=True)
            # Materialised, so PostgreSQL runs it once: as a plain IN subquery its planner may
            # evaluate it again per row, and with SKIP LOCKED the LIMIT then no longer holds.
            .cte("due")
            .prefix_with("MATERIALIZED", dialect="postgresql")
        )
        claim = (
            OUTBOX.update()
            .where(OUTBOX.c.id.in_(sa.select(due.c.id)), OUTBOX.c.status == OutboxStatus.PENDING)
            .values(status=OutboxStatus.SENDING, claimed_at=now, attempts=OUTBOX.c.attempts + 1)
            .returning(OUTBOX.c.id)
        )
        async with self._engine.begin() as connection:
            ids = [row[0] for row in await connection.execute(claim)]
            if not ids:
                return []
            rows = await connection.execute(
                sa.select(
                    OUTBOX,
                    PATIENT.c.chat_id,
                    PATIENT.c.status.label("patient_status"),
                    SESSION.c.planned_start,
                    PLAN.c.setting,
                    PLAN.c.timezone,
                    PLAN.c.version.label("current_version"),
                    CLINIC.c.name.label("clinic_name"),
                    CLINIC.c.contact.label("clinic_contact"),
                    PATIENT.c.language.label("patient_language"),
                    sa.func.coalesce(STAFF.c.language, CLINIC.c.language).label("staff_language"),
                )
                .join(PATIENT, PATIENT.c.id == OUTBOX.c.patient_id)
                .outerjoin(CLINIC, CLINIC.c.id == PATIENT.c.clinic_id)
                .outerjoin(STAFF, STAFF.c.telegram_user_id == OUTBOX.c.recipient_chat_id)
                .outerjoin(SESSION, SESSION.c.id == OUTBOX.c.session_id)
                .outerjoin(PLAN, PLAN.c.id == SESSION.c.plan_id)
                .where(OUTBOX.c.id.in_(ids))
                .order_by(OUTBOX.c.urgent.desc(), OUTBOX.c.due_at, OUTBOX.c.id)
            )
            claimed = []
            expired, inactive = [], []
            for row in rows:
                expires = _utc(row.expires_at)
                if expires is not None and expires <= now:
                    expired.append(row.id)
                elif row.patient_status != PatientStatus.ACTIVE and row.recipient_chat_id is None:
                    inactive.append(row.id)
                else:
                    claimed.append(_delivery(row))
            await self._settle(connection, expired, OutboxStatus.EXPIRED)
            await self._settle(connection, inactive, OutboxStatus.CANCELLED)
        self._metrics.failed.labels("expired").inc(len(expired))
        return claimed

    @staticmethod
    async def _settle(
        connection: AsyncConnection, ids: Sequence[int], status: OutboxStatus
    ) -> None:
        if ids:
            await connection.execute(
                OUTBOX.update().where(OUTBOX.c.id.in_(ids)).values(status=status)
            )

    async def _deliver(self, delivery: Delivery, now: dt.datetime) -> _Result:
        async with self._concurrency:
            try:
                message_id = await self._send(delivery)
            except RetryLater as wait:
                later = now + dt.timedelta(seconds=wait.seconds)
                return _Result(delivery, OutboxStatus.PENDING, due_at=later, retry_now=True)
            except Blocked as exc:
                return _failed(delivery, Failure.BLOCKED, str(exc))
            except Rejected as exc:
                return _failed(delivery, Failure.REJECTED, str(exc))
            except (Transient, SendFailure) as exc:
                return _failed(delivery, None, str(exc) or type(exc).__name__)
            except Exception as exc:  # a fault of ours (rendering, say): fail this row only
                log.exception("could not send outbox row %s", delivery.id)
                return _failed(delivery, Failure.REJECTED, repr(exc))
            return _Result(delivery, OutboxStatus.SENT, message_id=message_id)

    async def _record(self, results: Sequence[_Result], now: dt.datetime) -> None:
        async with self._engine.begin() as connection:
            attempts: dict[int, int] = dict(
                (
                    await connection.execute(
                        sa.select(OUTBOX.c.id, OUTBOX.c.attempts).where(
                            OUTBOX.c.id.in_([r.delivery.id for r in results])
                        )
                    )
                ).all()
            )
            updates: list[dict[str, Any]] = []
            blocked: set[int] = set()
            for result in results:
                row_id = result.delivery.id
                if row_id not in attempts:
                    continue  # erased meanwhile (the patient used /delete)
                values: dict[str, Any] = {
                    "b_id": row_id,
                    "status": result.status,
                    "due_at": None,
                    "sent_at": None,
                    "message_id": None,
                    "error": None,
                    "failure": None,
                    "attempts": attempts[row_id],
                }
                if result.status == OutboxStatus.SENT:
                    values.update(sent_at=now, message_id=result.message_id)
                elif result.retry_now:
                    # Flood control is not a failed attempt.
                    values.update(due_at=result.due_at, attempts=attempts[row_id] - 1)
                elif result.failure == Failure.BLOCKED:
                    values.update(failure=Failure.BLOCKED, error=result.error)
                    if not result.delivery.to_staff:
                        blocked.add(result.delivery.patient_id)
                elif result.failure is None and attempts[row_id] < self._max_attempts:
                    retry_at = now + self._backoff * 2 ** (attempts[row_id] - 1)
                    values.update(status=OutboxStatus.PENDING, due_at=retry_at, error=result.error)
                else:
                    values.update(failure=result.failure or Failure.GAVE_UP, error=result.error)
                updates.append(values)
            if not updates:
                return
            await connection.execute(
                OUTBOX.update()
                .where(OUTBOX.c.id == sa.bindparam("b_id"))
                .values(
                    status=sa.bindparam("status"),
                    due_at=sa.func.coalesce(
                        sa.bindparam("due_at", type_=OUTBOX.c.due_at.type), OUTBOX.c.due_at
                    ),
                    sent_at=sa.bindparam("sent_at", type_=OUTBOX.c.sent_at.type),
                    telegram_message_id=sa.bindparam("message_id"),
                    last_error=sa.bindparam("error"),
                    failure=sa.bindparam("failure"),
                    attempts=sa.bindparam("attempts"),
                ),
                updates,
            )
            if blocked:
                await self._deactivate(connection, blocked)
        self._count(updates, {r.delivery.id: r.delivery.kind for r in results})

    def _count(self, updates: list[dict[str, Any]], kinds: dict[int, str]) -> None:
        for values in updates:
            if values["status"] == OutboxStatus.SENT:
                self.sent += 1
                self._metrics.sent.labels(kinds[values["b_id"]]).inc()
            elif values["status"] == OutboxStatus.FAILED:
                self._metrics.failed.labels(str(values["failure"])).inc()

    @staticmethod
    async def _deactivate(connection: AsyncConnection, patient_ids: set[int]) -> None:
        await connection.execute(
            PATIENT.update()
            .where(PATIENT.c.id.in_(patient_ids))
            .values(status=PatientStatus.INACTIVE)
        )
        await connection.execute(
            OUTBOX.update()
            .where(
                OUTBOX.c.patient_id.in_(patient_ids),
                OUTBOX.c.status == OutboxStatus.PENDING,
                # Notes to staff about the patient still go: they are not to the patient.
                OUTBOX.c.recipient_chat_id.is_(None),
            )
            .values(status=OutboxStatus.CANCELLED)
        )


def notify_outbox(session: Session) -> None:
    """In a transaction that queued messages, on PostgreSQL: tell the instance sending the
    outbox, on commit (it listens on its lock's connection). SQLite has one instance."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection().execute(sa.text(f"NOTIFY {CHANNEL}"))


def _failed(delivery: Delivery, failure: Failure | None, error: str) -> _Result:
    # A failure of None may be retried; the others are final.
    return _Result(delivery, OutboxStatus.FAILED, failure=failure, error=error[:500])


def _delivery(row: Any) -> Delivery:
    return Delivery(
        id=row.id,
        patient_id=row.patient_id,
        chat_id=row.recipient_chat_id or row.chat_id,
        session_id=row.session_id,
        kind=row.kind,
        content_key=row.content_key,
        params=dict(row.params or {}),
        session_start=_utc(row.planned_start),
        setting=row.setting,
        timezone=row.timezone,
        plan_version=row.current_version,
        to_staff=row.recipient_chat_id is not None,
        urgent=bool(row.urgent),
        clinic=row.clinic_name,
        clinic_contact=row.clinic_contact,
        language=row.staff_language if row.recipient_chat_id is not None else row.patient_language,
    )


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
