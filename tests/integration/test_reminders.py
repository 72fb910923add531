"""Reminders, aftercare and check-ins arriving through the sandbox as time moves on."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.models import CheckinAnswer, OutboxMessage, OutboxStatus, TreatmentSession
from mesobot.sandbox import ChatMessage, Phone, Sandbox
from tests.conftest import BotFactory

from .patient_steps import all_handled, say, tap, through_screening, with_plan

UTC = dt.UTC


async def at(app: MesoApp, clock: ManualClock, when: dt.datetime) -> int:
    """Move the clock to ``when`` and let the dispatcher send what is due."""
    clock.set(when)
    return await app.bot_data.dispatcher.run_due()


async def outbox_rows(app: MesoApp) -> list[OutboxMessage]:
    async with app.bot_data.services.sessions() as session:
        rows = await session.exec(select(OutboxMessage).order_by(col(OutboxMessage.due_at)))
        return list(rows)


def texts(phone: Phone) -> list[str]:
    return [m.text or "" for m in phone.received]


async def test_evening_and_morning_reminders_arrive_once(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        amy = sandbox.phone("Amy")
        await with_plan(amy, day="3 Dec", at="10:00")
        before = len(amy.received)
        await at(app, clock, dt.datetime(2026, 12, 2, 18, 59, tzinfo=UTC))
        assert len(amy.received) == before
        await at(app, clock, dt.datetime(2026, 12, 2, 19, 0, tzinfo=UTC))
        evening = await amy.next_message()
        assert "session 1 of 10" in (evening.text or "")
        assert "Thu 3 Dec 2026, 10:00" in (evening.text or "")
        assert evening.labels == [
            "I'll be there",
            "I need to move it",
            "Remind me in 1 hour",
            "In 3 hours",
        ]
        await at(app, clock, dt.datetime(2026, 12, 3, 8, 0, tzinfo=UTC))  # 07:00 is quiet: 08:00
        morning = await amy.next_message()
        assert "Thu 3 Dec 2026, 10:00" in (morning.text or "")
        assert await app.bot_data.dispatcher.run_due() == 0
        assert len(amy.received) == before + 2


async def test_restart_between_scheduling_and_due_time(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    bea = sandbox.phone("Bea")
    async with running_bot():
        await with_plan(bea, day="3 Dec", at="10:00")
    before = len(bea.received)
    clock.set(dt.datetime(2026, 12, 2, 19, 30, tzinfo=UTC))
    async with running_bot() as app:
        # The first sweep at start-up sends what fell due while the bot was down.
        reminder = await bea.next_message()
        assert "session 1 of 10" in (reminder.text or "")
        await app.bot_data.dispatcher.run_due()
    async with running_bot() as app:
        await app.bot_data.dispatcher.run_due()
    reminders = [t for t in texts(bea)[before:] if "session 1 of 10" in t]
    assert len(reminders) == 1


async def test_downtime_sends_the_useful_late_and_expires_the_stale(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    cal = sandbox.phone("Cal")
    async with running_bot():
        await with_plan(cal, day="3 Dec", at="10:00")
    before = len(cal.received)
    # Down from before the evening reminder until after the session started.
    clock.set(dt.datetime(2026, 12, 3, 13, 0, tzinfo=UTC))
    async with running_bot() as app:
        late = await cal.next_message()  # "did session 1 happen?" is still useful
        assert "Did session 1" in (late.text or "")
        await app.bot_data.dispatcher.run_due()
        rows = await outbox_rows(app)
    first = {r.kind: r.status for r in rows if r.dedupe_key.startswith(f"s{rows[0].session_id}:")}
    assert first == {
        "reminder_eve": OutboxStatus.EXPIRED,
        "reminder_soon": OutboxStatus.EXPIRED,
        "session_check": OutboxStatus.SENT,
        "session_check_again": OutboxStatus.PENDING,  # unanswered: asked again tomorrow
    }
    assert len(cal.received) == before + 1


async def test_weekly_course_keeps_local_time_across_the_october_change(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2027, 10, 1, 9, 0, tzinfo=UTC))
    async with running_bot() as app:
        dan = sandbox.phone("Dan")
        await with_plan(dan, day="14 Oct", at="10:00")
        rows = await outbox_rows(app)
        evenings = [r.due_at for r in rows if r.kind == "reminder_eve"][:4]
        # 19:00 London: BST (UTC+1) until the last Sunday of October (31 Oct 2027), GMT after.
        assert [d.hour for d in evenings] == [18, 18, 18, 19]
        await at(app, clock, dt.datetime(2027, 10, 27, 18, 0, tzinfo=UTC))
        await at(app, clock, dt.datetime(2027, 11, 3, 19, 0, tzinfo=UTC))
        received = texts(dan)
        assert any("Thu 28 Oct 2027, 10:00" in t for t in received)
        assert any("Thu 4 Nov 2027, 10:00" in t for t in received)
        async with app.bot_data.services.sessions() as session:
            query = select(TreatmentSession).order_by(col(TreatmentSession.number))
            starts = [s.planned_start for s in await session.exec(query)]
        assert [s.hour for s in starts[:4]] == [9, 9, 9, 10]


async def reminder(app: MesoApp, clock: ManualClock, phone: Phone) -> ChatMessage:
    await at(app, clock, dt.datetime(2026, 12, 2, 19, 0, tzinfo=UTC))
    return await phone.next_message()


async def test_ill_be_there_confirms(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        eli = sandbox.phone("Eli")
        await with_plan(eli, day="3 Dec", at="10:00")
        await reminder(app, clock, eli)
        noted = await tap(eli, "I'll be there")
        assert noted.text == "Thank you, I've noted that you'll be there."
        plan = (await say(eli, "/plan")).text or ""
    assert "1. Thu 3 Dec 2026, 10:00 — confirmed" in plan


async def test_done_starts_aftercare_from_the_real_time(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        fox = sandbox.phone("Fox")
        await with_plan(fox, day="3 Dec", at="10:00")
        await at(app, clock, dt.datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
        check = await fox.next_message()
        assert check.labels == ["Yes, it did", "No, it didn't"] or len(check.labels) == 2
        await at(app, clock, dt.datetime(2026, 12, 3, 13, 0, tzinfo=UTC))
        done = await tap(fox, check.labels[0])
        assert "Session 1" in (done.text or "")
        await at(app, clock, dt.datetime(2026, 12, 3, 13, 30, tzinfo=UTC))
        aftercare = await fox.next_message()
        assert "session 1" in (aftercare.text or "").lower()
        assert "sun" in (aftercare.text or "").lower()
        await at(app, clock, dt.datetime(2026, 12, 4, 10, 0, tzinfo=UTC))
        checkin = await fox.next_message()
        assert len(checkin.labels) == 3
        plan = (await say(fox, "/plan")).text or ""
    assert "1. Thu 3 Dec 2026, 10:00 — done" in plan


async def test_something_worries_me_gets_the_urgent_instruction_first(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        gus = sandbox.phone("Gus")
        await with_plan(gus, day="3 Dec", at="10:00")
        await at(app, clock, dt.datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
        check = await gus.next_message()
        await tap(gus, check.labels[0])
        await at(app, clock, dt.datetime(2026, 12, 4, 10, 0, tzinfo=UTC))
        while len((checkin := await gus.next_message()).labels) != 3:
            pass
        await gus.press(checkin.labels[2])
        urgent = await gus.next_message()
        follow = await gus.next_message()
        assert "emergency" in (urgent.text or "").lower()
        assert follow.text and follow.text != urgent.text
        async with app.bot_data.services.sessions() as session:
            answers = (await session.exec(select(CheckinAnswer))).all()
    assert [(a.question, a.answer) for a in answers] == [("checkin", "worried")]


async def test_mild_check_in_brings_a_bruising_follow_up_a_week_later(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        hal = sandbox.phone("Hal")
        await with_plan(hal, day="3 Dec", at="10:00")
        await at(app, clock, dt.datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
        await tap(hal, (await hal.next_message()).labels[0])
        await at(app, clock, dt.datetime(2026, 12, 4, 10, 0, tzinfo=UTC))
        while len((checkin := await hal.next_message()).labels) != 3:
            pass
        await tap(hal, checkin.labels[1])
        await at(app, clock, dt.datetime(2026, 12, 10, 10, 0, tzinfo=UTC))
        received = texts(hal)
        assert any("bruising" in t.lower() and "gone" in t.lower() for t in received)
        followup = next(
            m
            for m in reversed(hal.received)
            if len(m.labels) == 2 and "bruising" in (m.text or "").lower()
        )
        await hal.press(followup.labels[1])
        still = await hal.next_message()
        assert "doctor" in (still.text or "").lower()


async def test_move_shifts_later_sessions_and_makes_old_buttons_stale(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        ivy = sandbox.phone("Ivy")
        await with_plan(ivy, day="3 Dec", at="10:00")
        evening = await reminder(app, clock, ivy)
        old = evening.callback_data("I'll be there")
        calendar = await tap(ivy, "I need to move it")
        assert "session 1" in (calendar.text or "")
        await ivy.press("5")
        moved = await ivy.next_message()
        assert "Sat 5 Dec 2026, 10:00" in (moved.text or "")
        overview = (await ivy.next_message()).text or ""
        assert "2. Sat 12 Dec 2026, 10:00 — planned" in overview
        stale = await ivy.press(data=old, message=evening)
        assert "out of date" in (await ivy.answer_to(stale) or "")
        rows = await outbox_rows(app)
        pending_eves = [
            r.due_at for r in rows if r.kind == "reminder_eve" and r.status == "pending"
        ]
    assert pending_eves[0] == dt.datetime(2026, 12, 4, 19, 0, tzinfo=UTC)


async def test_pause_and_resume(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        jay = sandbox.phone("Jay")
        await with_plan(jay, day="3 Dec", at="10:00")
        assert "paused" in ((await say(jay, "/pause")).text or "").lower()
        assert (await say(jay, "/pause")).text == "There is nothing to pause right now."
        await at(app, clock, dt.datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
        assert not any("session 1 of 10" in t for t in texts(jay))
        clock.set(dt.datetime(2026, 12, 5, 9, 0, tzinfo=UTC))  # 14 days after the pause began
        resumed = await say(jay, "/resume")
        assert "Thu 17 Dec 2026, 10:00" in (resumed.text or "")
        rows = await outbox_rows(app)
    assert min(r.due_at for r in rows if r.status == "pending") > dt.datetime(
        2026, 12, 5, tzinfo=UTC
    )


async def test_evening_time_and_quiet_hours_are_the_patients(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        kai = sandbox.phone("Kai")
        await with_plan(kai, day="3 Dec", at="10:00")
        assert (await say(kai, "/evening soon")).text == (
            "Tell me the time for your evening reminder, for example /evening 20:30."
        )
        assert (await say(kai, "/evening 20:30")).text == (
            "From now on your evening reminder arrives at 20:30."
        )
        assert (await say(kai, "/quiet 22:00 06:00")).text == (
            "Quiet hours: 22:00 to 06:00. Reminders due then wait until 06:00."
        )
        rows = [r for r in await outbox_rows(app) if r.status == "pending"]
        first_eve = min(r.due_at for r in rows if r.kind == "reminder_eve")
        first_soon = min(r.due_at for r in rows if r.kind == "reminder_soon")
    assert first_eve == dt.datetime(2026, 12, 2, 20, 30, tzinfo=UTC)
    assert first_soon == dt.datetime(2026, 12, 3, 7, 0, tzinfo=UTC)  # 07:00 is no longer quiet


async def test_home_course_buttons_done_and_skip(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        max_ = sandbox.phone("Max")
        await through_to_home_plan(max_)
        evening = await reminder(app, clock, max_)
        assert evening.labels == ["Done", "Skip", "Move", "Remind me in 1 hour", "In 3 hours"]
        assert "at-home" in (evening.text or "")
        skipped = await tap(max_, "Skip")
        assert skipped.text == "All right, I've marked this session as skipped."
        await at(app, clock, dt.datetime(2026, 12, 9, 19, 0, tzinfo=UTC))
        second = await max_.next_message()
        assert "session 2 of" in (second.text or "")
        done = await tap(max_, "Done")
        assert "Session 2 is marked as done" in (done.text or "")
        plan = (await say(max_, "/plan")).text or ""
    assert "1. Thu 3 Dec 2026, 10:00 — skipped" in plan
    assert "2. Thu 10 Dec 2026, 10:00 — done" in plan


async def test_no_it_did_not_happen_marks_the_session_skipped(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        ned = sandbox.phone("Ned")
        await with_plan(ned, day="3 Dec", at="10:00")
        await at(app, clock, dt.datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
        check = await ned.next_message()
        assert check.labels == ["Yes, it happened", "No, it didn't"]
        await tap(ned, "No, it didn't")
        plan = (await say(ned, "/plan")).text or ""
        await at(app, clock, dt.datetime(2026, 12, 3, 13, 0, tzinfo=UTC))
        rows = await outbox_rows(app)
    assert "1. Thu 3 Dec 2026, 10:00 — skipped" in plan
    assert not any(r.kind == "aftercare" for r in rows)


async def through_to_home_plan(phone: Phone) -> None:
    await through_screening(phone)
    await tap(phone, "At home (dermaroller kit)")
    await say(phone, "London")
    await phone.next_message()
    await say(phone, "3 Dec")
    await say(phone, "10:00")
    await tap(phone, "Every week, 10 sessions")
    await tap(phone, "Save my plan")


async def test_an_unanswered_check_is_asked_once_more_the_next_morning_then_left(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        dee, eve = sandbox.phone("Dee"), sandbox.phone("Eve")
        await with_plan(dee, day="3 Dec", at="10:00")
        await with_plan(eve, day="3 Dec", at="10:00")
        await at(app, clock, dt.datetime(2026, 12, 3, 12, 0, tzinfo=UTC))
        asked = [m for m in (dee.received + eve.received) if "Did session 1" in (m.text or "")]
        assert len(asked) == 2
        evs = next(m for m in eve.received if "Did session 1" in (m.text or ""))
        await eve.press("Yes, it happened", message=evs)
        await eve.wait_for(lambda: evs.labels == [] or None)
        await all_handled(eve)
        # Dee did not answer: the next morning (10:00 London), once more; Eve is not asked.
        before = len(dee.received), len(eve.received)
        await at(app, clock, dt.datetime(2026, 12, 4, 10, 0, tzinfo=UTC))
        again = await dee.next_message()
        assert (again.text or "").startswith("Did session 1 (Thu 3 Dec 2026, 10:00) take place?")
        assert again.labels[:2] == ["Yes, it happened", "No, it didn't"]
        await at(app, clock, dt.datetime(2026, 12, 6, 10, 0, tzinfo=UTC))
        asked_again = [m for m in dee.received[before[0] :] if "Did session 1" in (m.text or "")]
        assert len(asked_again) == 1
        assert not [m for m in eve.received[before[1] :] if "Did session 1" in (m.text or "")]


async def test_a_bot_down_overnight_asks_whether_the_session_happened_once(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        fay = sandbox.phone("Fay")
        await with_plan(fay, day="3 Dec", at="10:00")
        await at(app, clock, dt.datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
        before = len(fay.received)
        # Nothing was sent from before the session until the next morning's repeat was due.
        await at(app, clock, dt.datetime(2026, 12, 4, 11, 0, tzinfo=UTC))
        await all_handled(fay)
        asked = [m for m in fay.received[before:] if "Did session 1" in (m.text or "")]
        assert len(asked) == 1
