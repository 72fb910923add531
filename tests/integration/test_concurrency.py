"""Many patients at once: each chat's updates in order, every plan right, no lock errors."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

import pytest
from sqlmodel import select

from mesobot.models import IntakeDraft, Patient, TreatmentPlan, TreatmentSession
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .patient_steps import to_date

PATIENTS = 100
# The sandbox, its phones and the bot share one process here: a crowd takes a while.
CROWD_WAIT = 120.0


def no_lock_errors(caplog: pytest.LogCaptureFixture) -> None:
    troubles = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [t for t in troubles if "locked" in t.lower()], troubles[:5]
    assert troubles == [], troubles[:5]


async def test_two_quick_answers_from_one_patient_are_applied_in_order(
    sandbox: Sandbox, running_bot: BotFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with running_bot() as app:
        phones = [sandbox.phone(f"Q{n}", patience=CROWD_WAIT) for n in range(20)]
        await asyncio.gather(*(to_date(phone) for phone in phones))

        async def both_at_once(phone: Phone) -> None:
            # The date and the time, the second sent before the first is answered.
            await phone.send("3 Dec")
            await phone.send("10:00")
            await phone.next_message()
            spacing = await phone.next_message()
            assert "How often are your sessions" in (spacing.text or ""), spacing.text

        await asyncio.gather(*(both_at_once(phone) for phone in phones))
        async with app.bot_data.services.sessions() as session:
            drafts = (await session.exec(select(IntakeDraft))).all()
        assert len(drafts) == 20
        assert {(d.answers["date"], d.answers["time"], d.step) for d in drafts} == {
            ("2026-12-03", "10:00", "spacing")
        }
    no_lock_errors(caplog)


async def journey(phone: Phone, at: str) -> str:
    """From /start to a saved plan; the last reply's text."""
    steps: list[tuple[str, str]] = [("say", "/start"), ("tap", "I agree")]
    steps += [("tap", "Pattern hair loss (androgenetic)")] + [("tap", "No")] * 5
    steps += [("tap", "At a clinic (injections)"), ("say", "London"), ("next", "")]
    steps += [("say", "3 Dec"), ("say", at), ("tap", "Every week, 10 sessions")]
    steps += [("tap", "Save my plan")]
    reply = None
    for action, what in steps:
        if action == "say":
            await phone.send(what)
        elif action == "tap":
            await phone.press(what)
        reply = await phone.next_message()
    assert reply is not None
    return reply.text or ""


async def test_a_hundred_patients_at_once_each_get_their_own_plan(
    sandbox: Sandbox, running_bot: BotFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    # Telegram's pace is the pacer's own tests' business: here the bot sends as fast as it can.
    async with running_bot(max_rate=0, chat_rate=0) as app:
        phones = [sandbox.phone(f"P{n}", patience=CROWD_WAIT) for n in range(PATIENTS)]
        # Every patient a time of their own, so a plan saved for the wrong one would show.
        times = {p.user_id: f"{8 + n % 10:02d}:{n % 6 * 10:02d}" for n, p in enumerate(phones)}
        saved = await asyncio.gather(*(journey(p, times[p.user_id]) for p in phones))
        assert all(text.startswith("Your plan is saved") for text in saved), saved[:3]
        async with app.bot_data.services.sessions() as session:
            rows = (
                await session.exec(
                    select(Patient.telegram_user_id, TreatmentSession.planned_start)
                    .join(TreatmentPlan, TreatmentPlan.patient_id == Patient.id)
                    .join(TreatmentSession, TreatmentSession.plan_id == TreatmentPlan.id)
                    .where(TreatmentSession.number == 1)
                )
            ).all()
    assert len(rows) == PATIENTS
    for user_id, start in rows:
        local = start.replace(tzinfo=dt.UTC)  # London is on UTC in December
        assert (local.date(), f"{local:%H:%M}") == (dt.date(2026, 12, 3), times[user_id])
    no_lock_errors(caplog)
