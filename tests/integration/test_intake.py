"""Intake through the sandbox: what the patient sees and what is stored."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from mesobot.app import MesoApp
from mesobot.models import Patient, TreatmentPlan, TreatmentSession
from mesobot.sandbox import Sandbox
from tests.conftest import BotFactory

from .patient_steps import say, tap, to_summary

SCREENING = ["pregnancy", "anticoagulants", "keloid", "allergy", "other_condition"]


async def stored_plan(
    app: MesoApp, telegram_user_id: int
) -> tuple[TreatmentPlan, list[TreatmentSession]]:
    async with app.bot_data.services.sessions() as session:
        patient = (
            await session.exec(select(Patient).where(Patient.telegram_user_id == telegram_user_id))
        ).one()
        plan = (
            await session.exec(select(TreatmentPlan).where(TreatmentPlan.patient_id == patient.id))
        ).one()
        sessions = await session.exec(
            select(TreatmentSession)
            .where(TreatmentSession.plan_id == plan.id)
            .order_by(col(TreatmentSession.number))
        )
        return plan, list(sessions)


async def test_every_step_by_buttons(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot() as app:
        ann = sandbox.phone("Ann")
        welcome = await say(ann, "/start")
        assert "I'm not a doctor" in (welcome.text or "")
        assert "/delete" in (welcome.text or "")
        assert welcome.labels == ["I agree", "No, thanks", "Español", "Русский"]
        hair = await tap(ann, "I agree")
        assert hair.labels == [
            "Pattern hair loss (androgenetic)",
            "Stress-related shedding (telogen effluvium)",
            "Poor scalp circulation",
            "I'm not sure",
        ]
        question = await tap(ann, "Stress-related shedding (telogen effluvium)")
        assert "pregnant" in (question.text or "")
        for _ in SCREENING:
            question = await tap(ann, "No")
        assert question.labels == ["At a clinic (injections)", "At home (dermaroller kit)"]
        zone_question = await tap(ann, "At home (dermaroller kit)")
        assert zone_question.reply_buttons == ["Share my location"]
        await ann.share_location(51.5072, -0.1276)
        assert (await ann.next_message()).text == "Time zone: Europe/London."
        calendar = await ann.next_message()
        assert "November 2026" in calendar.labels
        assert "20" not in calendar.labels  # yesterday cannot be picked
        await ann.press("\u203a")  # the calendar's "next month"
        await ann.wait_for(lambda: "December 2026" in calendar.labels)
        time_question = await tap(ann, "3")
        assert "Thu 3 Dec 2026" in (time_question.text or "")
        spacing = await tap(ann, "16:00")
        assert "Your practitioner sets your plan" in (spacing.text or "")
        interval = await tap(ann, "Something else")
        assert interval.labels == ["7", "10", "14", "21", "28"]
        count = await tap(ann, "28")
        assert count.labels == ["6", "8", "10", "12", "15"]
        summary = await tap(ann, "6")
        assert "Spacing: every 28 days, 6 sessions" in (summary.text or "")
        assert "6. Thu 22 Apr 2027, 16:00" in (summary.text or "")  # BST by then: still 16:00
        await tap(ann, "Save my plan")
        plan, sessions = await stored_plan(app, ann.user_id)
    assert (plan.setting, plan.hair_loss_type, plan.interval_days, plan.sessions_count) == (
        "home",
        "telogen",
        28,
        6,
    )
    assert sessions[0].planned_start == dt.datetime(2026, 12, 3, 16, 0, tzinfo=dt.UTC)
    assert sessions[-1].planned_start == dt.datetime(2027, 4, 22, 15, 0, tzinfo=dt.UTC)


async def test_full_intake_to_saved_plan(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot() as app:
        ann = sandbox.phone("Ann")
        summary = await to_summary(ann, day="3 Dec", at="10:00", spacing="Every week, 10 sessions")
        text = summary.text or ""
        assert "Hair loss: Pattern hair loss (androgenetic)" in text
        assert "1. Thu 3 Dec 2026, 10:00" in text
        assert "10. Thu 4 Feb 2027, 10:00" in text
        assert summary.labels == ["Save my plan", "Change something"]
        saved = await tap(ann, "Save my plan")
        assert (saved.text or "").startswith(
            "Your plan is saved: 10 sessions, the first on Thu 3 Dec 2026, 10:00."
        )
        plan, sessions = await stored_plan(app, ann.user_id)
    assert (plan.setting, plan.interval_days, plan.sessions_count) == ("clinic", 7, 10)
    assert (plan.timezone, plan.preferred_time, plan.hair_loss_type) == (
        "Europe/London",
        dt.time(10),
        "androgenetic",
    )
    assert [s.number for s in sessions] == list(range(1, 11))
    assert sessions[0].planned_start == dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
    assert all(s.planned_start.tzinfo is not None for s in sessions)
    assert {s.status for s in sessions} == {"planned"}
