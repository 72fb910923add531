"""The dispatcher under load and failure: flood control, blocked patients, two instances."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlmodel import col, select

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.db import create_engine
from mesobot.delivery import telegram as telegram_delivery
from mesobot.delivery.dispatcher import Dispatcher
from mesobot.delivery.outcomes import Blocked, Delivery, Sender
from mesobot.models import Failure, OutboxMessage, OutboxStatus, Patient, PatientStatus
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

KINDS = ("milestone_early", "milestone_3m", "milestone_6m")
HOUR = dt.timedelta(hours=1)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """This module's sandbox keeps Telegram's flood control on."""
    async with Sandbox(chat_rate=1.0, chat_burst=3, global_rate=30.0, global_burst=30) as sb:
        yield sb


async def queue(app: MesoApp, phones: list[Phone], now: dt.datetime, per_patient: int) -> None:
    """Patients who started the bot long ago, each with messages due now."""
    async with app.bot_data.services.sessions() as session, session.begin():
        for phone in phones:
            patient = Patient(
                telegram_user_id=phone.user_id,
                chat_id=phone.user_id,
                first_name=phone.name,
                consent_version="2026-11",
                consented_at=now,
                created_at=now,
            )
            session.add(patient)
            await session.flush()
            assert patient.id is not None
            for n in range(per_patient):
                session.add(
                    OutboxMessage(
                        patient_id=patient.id,
                        kind=KINDS[n % 3],
                        content_key=KINDS[n % 3],
                        dedupe_key=f"test:{phone.user_id}:{n}",
                        due_at=now - dt.timedelta(minutes=n),
                        created_at=now,
                    )
                )


async def statuses(app: MesoApp) -> dict[str, int]:
    async with app.bot_data.services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


async def test_a_burst_under_flood_control_all_arrives(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        phones = [sandbox.phone(f"P{n}", started=True) for n in range(12)]
        await queue(app, phones, clock.now(), per_patient=5)
        await app.bot_data.dispatcher.run_due()
        assert await statuses(app) == {"sent": 60}
    assert sandbox.flood.refused > 0  # Telegram said "too many requests"...
    for phone in phones:  # ...and still every message arrived, once
        assert len(phone.received) == 5


async def test_paced_to_each_chat_no_send_meets_a_429(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    # Telegram's own pace, one a second in a chat after a burst of three, kept by the bot.
    async with running_bot(chat_rate=1.0) as app:
        phones = [sandbox.phone(f"P{n}", started=True) for n in range(12)]
        await queue(app, phones, clock.now(), per_patient=5)
        await app.bot_data.dispatcher.run_due()
        assert await statuses(app) == {"sent": 60}
    assert sandbox.flood.refused == 0
    for phone in phones:
        assert len(phone.received) == 5


async def test_a_blocked_patient_becomes_inactive_and_their_queue_is_cancelled(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        kit, lou = sandbox.phone("Kit", started=True), sandbox.phone("Lou", started=True)
        await queue(app, [kit, lou], clock.now(), per_patient=2)
        # Blocked so lately that the bot has not yet heard: it finds out when it writes.
        kit.chat.blocked = True
        async with app.bot_data.services.sessions() as session, session.begin():
            later = (await session.exec(select(Patient).where(Patient.first_name == "Kit"))).one()
            assert later.id is not None
            session.add(
                OutboxMessage(
                    patient_id=later.id,
                    kind="milestone_6m",
                    content_key="milestone_6m",
                    dedupe_key="test:later",
                    due_at=clock.now() + dt.timedelta(days=30),
                    created_at=clock.now(),
                )
            )
        await app.bot_data.dispatcher.run_due()
        async with app.bot_data.services.sessions() as session:
            patients = {p.first_name: p.status for p in await session.exec(select(Patient))}
            rows = {r.dedupe_key: r for r in await session.exec(select(OutboxMessage))}
    assert patients == {"Kit": PatientStatus.INACTIVE, "Lou": PatientStatus.ACTIVE}
    kit_rows = [r for key, r in rows.items() if key.startswith(f"test:{kit.user_id}:")]
    assert {r.status for r in kit_rows} <= {OutboxStatus.FAILED, OutboxStatus.CANCELLED}
    assert any(r.failure == Failure.BLOCKED for r in kit_rows)
    assert rows["test:later"].status == OutboxStatus.CANCELLED
    assert len(lou.received) == 2 and kit.received == []


class _Eager(Dispatcher):
    """A dispatcher that skips leader election, to test the atomic claim on its own."""

    async def is_leader(self) -> bool:
        return True


@pytest.mark.parametrize("elect", [True, False], ids=["with-leader-election", "claims-only"])
async def test_two_dispatchers_send_every_message_exactly_once(
    sandbox: Sandbox,
    running_bot: BotFactory,
    clock: ManualClock,
    migrated_url: str,
    elect: bool,
) -> None:
    sandbox.flood.enabled = False
    async with running_bot() as app:
        phones = [sandbox.phone(f"Q{n}", started=True) for n in range(20)]
        await app.bot_data.dispatcher.run_due()  # its start-up run is over
        await queue(app, phones, clock.now(), per_patient=10)
        # The running bot's own dispatcher is one of the two; its alarm may already be at work.
        engine = create_engine(migrated_url)
        kind = Dispatcher if elect else _Eager
        # Without election (claims only, or SQLite, which has none) the other dispatcher is
        # not the only sender: it must not take back the bot's claims as a dead one's.
        sole = elect and engine.dialect.name == "postgresql"
        other = kind(
            engine,
            clock=clock,
            sender=telegram_delivery.sender(app.bot, app.bot_data.services.catalogues),
            batch=15,
            release_on_start=sole,
        )
        dispatchers = [app.bot_data.dispatcher, other]
        try:
            await asyncio.gather(*(d.run_due() for d in dispatchers))
            # Its lock waits for any run of the bot's own dispatcher still under way.
            await app.bot_data.dispatcher.run_due()
        finally:
            await other.close()
            await engine.dispose()
        assert await statuses(app) == {"sent": 200}
    assert sum(d.sent for d in dispatchers) == 200
    assert all(len(p.received) == 10 for p in phones)
    texts = [m.text for p in phones for m in p.received]
    assert len(texts) == 200


async def test_a_standby_dispatcher_takes_over_when_the_leader_goes(
    clock: ManualClock, migrated_url: str
) -> None:
    async def never(delivery: Delivery) -> int:
        raise AssertionError("nothing is due")

    engines = [create_engine(migrated_url) for _ in range(2)]
    first, second = (Dispatcher(e, clock=clock, sender=never) for e in engines)
    try:
        assert await first.is_leader()
        postgres = engines[0].dialect.name == "postgresql"
        # On PostgreSQL only one holds the lock; SQLite's single writer needs no election.
        assert await second.is_leader() is not postgres
        await first.close()  # the leader goes away, and with it its lock
        assert await second.is_leader()
        assert await first.is_leader() is not postgres
    finally:
        for dispatcher, engine in zip((first, second), engines, strict=True):
            await dispatcher.close()
            await engine.dispose()


async def test_server_errors_are_retried_with_backoff_then_given_up(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    sandbox.flood.enabled = False
    async with running_bot() as app:
        ora, pat = sandbox.phone("Ora", started=True), sandbox.phone("Pat", started=True)
        await queue(app, [ora], clock.now(), per_patient=1)
        sandbox.fail("sendMessage", status=502, times=2)
        await app.bot_data.dispatcher.run_due()
        (row,) = [r for r in (await rows_of(app)) if r.dedupe_key.startswith(f"test:{ora.user_id}")]
        assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
        assert "Bad Gateway" in (row.last_error or "")
        assert row.due_at == clock.now() + dt.timedelta(seconds=30)
        await at_and_dispatch(app, clock, dt.timedelta(seconds=30))  # second failure
        await at_and_dispatch(app, clock, dt.timedelta(seconds=60))  # backoff doubled: sent
        assert len(ora.received) == 1
        # A message that keeps failing is given up after 5 attempts, its error kept.
        await queue(app, [pat], clock.now(), per_patient=1)
        sandbox.fail("sendMessage", status=500, times=5)
        for wait in (0, 30, 60, 120, 240):
            await at_and_dispatch(app, clock, dt.timedelta(seconds=wait))
        (gave_up,) = [
            r for r in (await rows_of(app)) if r.dedupe_key.startswith(f"test:{pat.user_id}")
        ]
    assert (gave_up.status, gave_up.attempts, gave_up.failure) == (
        OutboxStatus.FAILED,
        5,
        Failure.GAVE_UP,
    )
    assert "Internal Server Error" in (gave_up.last_error or "")
    assert pat.received == []


async def rows_of(app: MesoApp) -> list[OutboxMessage]:
    async with app.bot_data.services.sessions() as session:
        return list(await session.exec(select(OutboxMessage)))


async def at_and_dispatch(app: MesoApp, clock: ManualClock, delta: dt.timedelta) -> None:
    clock.advance(delta)
    await app.bot_data.dispatcher.run_due()


async def test_a_batch_is_never_bigger_than_asked(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock, migrated_url: str
) -> None:
    # Regression: on PostgreSQL the claim's LIMIT did not hold (the planner ran the
    # SKIP LOCKED subquery per row), so one "batch" could take the whole outbox.
    sandbox.flood.enabled = False
    async with running_bot() as app:
        phones = [sandbox.phone(f"B{n}", started=True) for n in range(12)]
        sent: list[int] = []
        sizes: list[int] = []

        async def send(delivery: Delivery) -> int:
            sent.append(delivery.id)
            return len(sent)

        async def after_batch() -> None:
            sizes.append(len(sent) - sum(sizes))

        async with own_dispatcher(
            app, migrated_url, clock, send, batch=5, after_batch=after_batch
        ) as small:
            await queue(app, phones, clock.now(), per_patient=1)
            assert await small.run_due() == 12
    assert sizes == [5, 5, 2]
    assert sorted(sent) == sorted(set(sent))


@asynccontextmanager
async def own_dispatcher(
    app: MesoApp, migrated_url: str, clock: ManualClock, send: Sender, **options: Any
) -> AsyncIterator[Dispatcher]:
    """A dispatcher of the test's own in place of the bot's (stopped, and no longer leader)."""
    await app.bot_data.dispatcher.drain()
    await app.bot_data.dispatcher.close()
    engine = create_engine(migrated_url)
    dispatcher = Dispatcher(engine, clock=clock, sender=send, **options)
    try:
        yield dispatcher
    finally:
        await dispatcher.close()
        await engine.dispose()


async def test_a_patient_erased_mid_batch_loses_no_one_elses_outcome(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock, migrated_url: str
) -> None:
    # Regression: /delete during a batch made recording fail for the whole batch, which was
    # then sent again once its claim expired.
    sandbox.flood.enabled = False
    async with running_bot() as app:
        phones = [sandbox.phone(f"E{n}", started=True) for n in range(6)]
        sent: list[int] = []

        async def send(delivery: Delivery) -> int:
            sent.append(delivery.id)
            if len(sent) == 1:  # the first patient erases themselves while their message goes
                await app.bot_data.services.patients.erase(telegram_user_id=phones[0].user_id)
            return len(sent)

        async with own_dispatcher(app, migrated_url, clock, send) as dispatcher:
            await queue(app, phones, clock.now(), per_patient=1)
            assert await dispatcher.run_due() == 6
            assert await dispatcher.run_due() == 0
        assert await statuses(app) == {"sent": 5}
    assert len(sent) == 6


@pytest.mark.parametrize(
    ("record_every", "record_after", "recorded"),
    # By count, at least one group of five: recording runs beside the sending, so on a busy
    # machine several groups may still be being written when the 30th send starts.
    [(5, 3600.0, 5), (1000, 0.0, 1)],
    ids=["by-count", "by-time"],
)
async def test_outcomes_are_recorded_as_sends_finish(
    sandbox: Sandbox,
    running_bot: BotFactory,
    clock: ManualClock,
    migrated_url: str,
    record_every: int,
    record_after: float,
    recorded: int,
) -> None:
    # A crash mid-batch leaves at most a few sent messages unrecorded, not the whole batch:
    # outcomes are recorded every so many sends, or after so long, whichever comes first.
    sandbox.flood.enabled = False
    async with running_bot() as app:
        phones = [sandbox.phone(f"R{n}", started=True) for n in range(30)]
        seen: list[dict[str, int]] = []

        async def send(delivery: Delivery) -> int:
            seen.append(await statuses(app))
            return delivery.id

        options = {"record_every": record_every, "record_after": record_after}
        async with own_dispatcher(
            app, migrated_url, clock, send, concurrency=1, **options
        ) as dispatcher:
            await queue(app, phones, clock.now(), per_patient=1)
            await dispatcher.run_due()
    # When the 30th message goes, sent ones are already recorded: by count, most of them;
    # by time, some (recording runs beside the sending), where by count alone (1,000 per
    # record) none would be.
    assert seen[-1].get("sent", 0) >= recorded
    if record_after > 60:  # by count alone: whole groups of five, never part of one
        assert all(counts.get("sent", 0) % record_every == 0 for counts in seen)
    assert await statuses(app) == {"sent": 30}


async def test_urgent_notes_go_before_a_broadcast_and_outlive_a_block(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock, migrated_url: str
) -> None:
    sandbox.flood.enabled = False
    async with running_bot() as app:
        phones = [sandbox.phone(f"U{n}", started=True) for n in range(5)]
        staff = sandbox.phone("Staff", started=True)
        order: list[int] = []

        async def send(delivery: Delivery) -> int:
            order.append(delivery.chat_id)
            if delivery.chat_id == phones[0].user_id:
                raise Blocked("Forbidden: bot was blocked by the user")
            return len(order)

        async with own_dispatcher(
            app, migrated_url, clock, send, concurrency=1, record_every=1
        ) as dispatcher:
            await queue(app, phones, clock.now() - dt.timedelta(hours=1), per_patient=1)
            async with app.bot_data.services.sessions() as session, session.begin():
                first = (await session.exec(select(Patient).order_by(col(Patient.id)))).first()
                assert first is not None and first.id is not None
                for key, due in (("now", clock.now()), ("later", clock.now() + HOUR)):
                    session.add(
                        OutboxMessage(
                            patient_id=first.id,
                            kind="milestone_early",
                            content_key="milestone_early",
                            dedupe_key=f"test:note-{key}",
                            due_at=due,
                            urgent=True,
                            recipient_chat_id=staff.user_id,
                            created_at=clock.now(),
                        )
                    )
            phones[0].block()  # the patient the notes are about blocks the bot
            await dispatcher.run_due()  # finds the block: the patient becomes inactive
            clock.advance(2 * HOUR)
            await dispatcher.run_due()
        async with app.bot_data.services.sessions() as session:
            notes = await session.exec(
                select(OutboxMessage.status).where(
                    col(OutboxMessage.recipient_chat_id) == staff.user_id
                )
            )
            statuses_of_notes = list(notes)
    assert order[0] == staff.user_id  # queued last, due last, sent first
    # Notes to staff about the patient are not cancelled with the patient's own messages.
    assert statuses_of_notes == [OutboxStatus.SENT, OutboxStatus.SENT]


async def test_a_failing_progress_hook_does_not_stop_the_sending(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock, migrated_url: str
) -> None:
    sandbox.flood.enabled = False
    async with running_bot() as app:
        phones = [sandbox.phone(f"H{n}", started=True) for n in range(7)]

        async def send(delivery: Delivery) -> int:
            return delivery.id

        async def broken() -> None:
            raise RuntimeError("the staff member blocked the bot")

        async with own_dispatcher(
            app, migrated_url, clock, send, batch=3, after_batch=broken
        ) as dispatcher:
            await queue(app, phones, clock.now(), per_patient=1)
            assert await dispatcher.run_due() == 7
        assert await statuses(app) == {"sent": 7}


async def test_a_restart_sends_what_a_crashed_dispatcher_left_sending_at_once(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock, migrated_url: str
) -> None:
    # A dispatcher killed between claiming and recording leaves rows "sending"; the next one
    # to start (SQLite's only process, or PostgreSQL's new leader) sends them straight away,
    # not after the 5-minute claim expiry.
    sandbox.flood.enabled = False
    async with running_bot() as app:
        phones = [sandbox.phone(f"K{n}", started=True) for n in range(4)]
        hung, calls = asyncio.Event(), asyncio.Queue[int]()

        async def crash(delivery: Delivery) -> int:
            calls.put_nowait(delivery.id)
            await hung.wait()  # never returns: the process "dies" mid-send
            return 0

        async with own_dispatcher(app, migrated_url, clock, crash) as doomed:
            await queue(app, phones, clock.now(), per_patient=1)
            task = asyncio.ensure_future(doomed.run_due())
            for _ in phones:  # every row claimed and on its way out
                await calls.get()
            task.cancel()
        assert await statuses(app) == {"sending": 4}
        engine = create_engine(migrated_url)
        restarted = Dispatcher(
            engine,
            clock=clock,
            sender=telegram_delivery.sender(app.bot, app.bot_data.services.catalogues),
        )
        try:
            assert await restarted.run_due() == 4  # the clock has not moved
        finally:
            await restarted.close()
            await engine.dispose()
        assert await statuses(app) == {"sent": 4}
    assert all(len(phone.received) == 1 for phone in phones)


async def test_a_wake_up_the_busy_bot_could_not_start_on_time_still_sends(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    # The sweep is an hour away: only the wake-up set for the message can send it.
    caplog.set_level(logging.WARNING)
    async with running_bot(sweep_seconds=3600) as app:
        kit = sandbox.phone("Kit", started=True)
        await queue(app, [kit], clock.now(), per_patient=1)  # due now
        await app.bot_data.alarm.arm()
        busy_until = time.monotonic() + 1.5  # the event loop kept busy past the wake-up's time
        while time.monotonic() < busy_until:  # (a crowd of patients, a slow machine)
            pass
        message = await kit.next_message(timeout=10)
    assert message.text
    assert [r.getMessage() for r in caplog.records if "missed" in r.getMessage()] == []
