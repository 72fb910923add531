"""Intake under stress: contraindications, bad input, restarts, stale and forged buttons."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from sqlmodel import select

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.models import (
    IntakeDraft,
    Patient,
    PlanStatus,
    ScreeningAnswer,
    TreatmentPlan,
    metadata,
)
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .patient_steps import consent, say, tap, through_screening, to_date, to_summary, with_plan

SCREENING = ["pregnancy", "anticoagulants", "keloid", "allergy", "other_condition"]
REASONS = {
    "pregnancy": "advise against mesotherapy during pregnancy",
    "anticoagulants": "anticoagulants can rule mesotherapy out",
    "keloid": "keloid scars can rule mesotherapy out",
    "allergy": "allergic or sensitive to its ingredients",
    "other_condition": "certain medical conditions",
}
USE_BUTTONS = "Please choose one of the buttons below."


async def draft_of(app: MesoApp, phone: Phone) -> IntakeDraft | None:
    async with app.bot_data.services.sessions() as session:
        query = select(IntakeDraft).join(Patient).where(Patient.telegram_user_id == phone.user_id)
        return (await session.exec(query)).first()


async def screening_of(app: MesoApp, phone: Phone) -> dict[str, ScreeningAnswer]:
    async with app.bot_data.services.sessions() as session:
        query = (
            select(ScreeningAnswer).join(Patient).where(Patient.telegram_user_id == phone.user_id)
        )
        return {row.question: row for row in await session.exec(query)}


@pytest.mark.parametrize("position", range(len(SCREENING)), ids=SCREENING)
async def test_a_contraindication_stops_until_the_doctor_clears(
    sandbox: Sandbox, running_bot: BotFactory, position: int
) -> None:
    question = SCREENING[position]
    async with running_bot() as app:
        eve = sandbox.phone("Eve")
        await consent(eve)
        await tap(eve, "I'm not sure")
        for _ in range(position):
            await tap(eve, "No")
        hold = await tap(eve, "Yes")
        assert REASONS[question] in (hold.text or "")
        assert "Please talk to your doctor first" in (hold.text or "")
        assert hold.labels == ["My doctor has cleared me"]
        stored = await screening_of(app, eve)
        assert stored[question].answer is True and stored[question].cleared_at is None
        assert (await draft_of(app, eve)).step == "hold"  # type: ignore[union-attr]
        after = await tap(eve, "My doctor has cleared me")
        expected = "Where will your sessions" if question == SCREENING[-1] else "?"
        assert expected in (after.text or "")
        assert after.labels != ["My doctor has cleared me"]
        assert (await screening_of(app, eve))[question].cleared_at is not None


async def test_free_text_where_a_button_is_expected_re_asks(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        fay = sandbox.phone("Fay")
        hair = await consent(fay)
        again = await say(fay, "the pattern one I think")
        assert (again.text or "").startswith(USE_BUTTONS)
        assert "What kind of hair loss" in (again.text or "")
        assert again.labels == hair.labels
        assert (await draft_of(app, fay)).answers == {}  # type: ignore[union-attr]
        await tap(fay, "Poor scalp circulation")
        screening = await say(fay, "nope")
        assert (screening.text or "").startswith(USE_BUTTONS)
        assert screening.labels == ["Yes", "No"]


async def test_dates_that_cannot_be_used_are_refused_with_a_reason(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        gil = sandbox.phone("Gil")
        await to_date(gil)
        unreadable = await say(gil, "whenever suits")
        assert (unreadable.text or "").startswith("I couldn't read that as a date.")
        await gil.next_message()  # the calendar again
        past = await say(gil, "2026-11-20")
        assert past.text == "That date has already passed. Please choose today or a later day."
        await gil.next_message()
        far = await say(gil, "2028-01-01")
        assert (
            far.text
            == "That is more than a year away. Please choose a day no later than Sun 21 Nov 2027."
        )
        await gil.next_message()
        time_question = await say(gil, "tomorrow")
        assert "Sun 22 Nov 2026" in (time_question.text or "")


async def test_times_that_cannot_be_used_are_refused(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        hal = sandbox.phone("Hal")
        await to_date(hal)
        await say(hal, "today")  # 21 Nov; it is 09:00 in London
        assert (await say(hal, "25:00")).text == (
            "I couldn't read that as a time. Please type it like 10:30 or 2pm."
        )
        passed = await say(hal, "08:30")
        assert (passed.text or "").startswith("That time has already passed today.")
        spacing = await say(hal, "9:30")
        assert "How often are your sessions" in (spacing.text or "")


async def test_custom_numbers_outside_the_bounds_are_refused(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        ida = sandbox.phone("Ida")
        await to_date(ida)
        await say(ida, "3 Dec")
        await say(ida, "10:00")
        await tap(ida, "Something else")
        for bad in ("3", "29", "999999999", "fourteen", "-7", "14.5"):
            refused = await say(ida, bad)
            assert refused.text == "Please give a whole number of days from 7 to 28.", bad
        await say(ida, "14")
        for bad in ("0", "3", "16", "1000"):
            refused = await say(ida, bad)
            assert refused.text == "Please give a whole number of sessions from 4 to 15.", bad
        summary = await say(ida, "4")
        assert "every 14 days, 4 sessions" in (summary.text or "")


async def test_time_zone_near_misses_get_suggestions(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        jon = sandbox.phone("Jon")
        await through_screening(jon)
        await tap(jon, "At a clinic (injections)")
        nothing = await say(jon, "qwzxv")
        assert (nothing.text or "").startswith("I couldn't find a time zone for “qwzxv”.")
        assert nothing.labels == []
        near = await say(jon, "Amsterdm")
        assert "Amsterdam (Europe/Amsterdam)" in near.labels
        confirmed = await tap(jon, "Amsterdam (Europe/Amsterdam)")
        assert confirmed.text == "Time zone: Europe/Amsterdam."


async def test_cancel_drops_the_intake(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot() as app:
        kim = sandbox.phone("Kim")
        await through_screening(kim)
        cancelled = await say(kim, "/cancel")
        assert (cancelled.text or "").startswith("Cancelled.")
        assert await draft_of(app, kim) is None
        assert (await say(kim, "/cancel")).text == "There is nothing to cancel right now."
        restarted = await say(kim, "/start")
        assert (restarted.text or "").startswith("Welcome back, Kim.")
        assert "What kind of hair loss" in (restarted.text or "")


async def test_declining_consent_stores_nothing(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot() as app:
        lea = sandbox.phone("Lea")
        await say(lea, "/start")
        declined = await tap(lea, "No, thanks")
        assert declined.text == (
            "No problem: I haven't stored anything about you. "
            "If you change your mind, just send /start."
        )
        async with app.bot_data.services.sessions() as session:
            assert (await session.exec(select(Patient))).all() == []


async def test_restart_mid_intake_continues_at_the_same_step(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    max_ = sandbox.phone("Max")
    async with running_bot():
        hair = await consent(max_)
        assert "Poor scalp circulation" in hair.labels
    async with running_bot():
        # A button sent before the restart still answers the step it asked.
        question = await tap(max_, "Poor scalp circulation")
        assert "pregnant" in (question.text or "")
        for _ in range(5):
            await tap(max_, "No")
        await tap(max_, "At a clinic (injections)")
        await say(max_, "Berlin")
        await max_.next_message()
    async with running_bot() as app:
        resumed = await say(max_, "/start")
        assert (resumed.text or "").startswith(
            "Welcome back, Max. Let's carry on where we left off."
        )
        assert "When is your first session?" in (resumed.text or "")
        await say(max_, "3 Dec")
        assert (await draft_of(app, max_)).answers["timezone"] == "Europe/Berlin"  # type: ignore[union-attr]
    assert hair.labels == []  # answered: its buttons were taken away


async def test_buttons_from_an_earlier_step_change_nothing(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        ned = sandbox.phone("Ned")
        await consent(ned)
        reasked = await say(ned, "not sure")  # a second copy of the buttons
        old = reasked.callback_data("I'm not sure")
        await tap(ned, "Poor scalp circulation")
        assert reasked.labels == []
        before = (await draft_of(app, ned)).answers  # type: ignore[union-attr]
        query = await ned.press(data=old, message=reasked)
        assert await ned.answer_to(query) == "That choice is out of date."
        resent = await ned.next_message()
        assert (resent.text or "").startswith("That button is from an earlier step.")
        assert "pregnant" in (resent.text or "")
        assert (await draft_of(app, ned)).answers == before  # type: ignore[union-attr]


async def test_forged_callback_data_changes_nothing(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        ona, pip = sandbox.phone("Ona"), sandbox.phone("Pip")
        await consent(ona)
        await consent(pip)
        ona_draft = await draft_of(app, ona)
        assert ona_draft is not None
        for data in (
            f"in:{ona_draft.id}:hair:unsure",
            "in:not-a-number:hair:x",
            "in:1",
            "zzz",
            "del",
        ):
            query = await pip.press(data=data)
            assert await pip.answer_to(query) == "That choice is out of date.", data
        assert (await draft_of(app, ona)).answers == {}  # type: ignore[union-attr]
        assert (await draft_of(app, pip)).answers == {}  # type: ignore[union-attr]
        bad_value = await pip.press(data=f"in:{(await draft_of(app, pip)).id}:hair:bald")  # type: ignore[union-attr]
        await pip.answer_to(bad_value)
        assert (await draft_of(app, pip)).answers == {}  # type: ignore[union-attr]


async def test_next_and_plan_before_and_after(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot():
        quy = sandbox.phone("Quy")
        assert (
            await say(quy, "/next")
        ).text == "You don't have a plan yet. Send /start to set one up."
        assert (
            await say(quy, "/plan")
        ).text == "You don't have a plan yet. Send /start to set one up."
        await with_plan(quy, day="3 Dec", at="10:00", spacing="Every 4 weeks, 6 sessions")
        upcoming = await say(quy, "/next")
        assert upcoming.text == (
            "Your next session is session 1 of 6: Thu 3 Dec 2026, 10:00 (in 12 days)."
        )
        overview = (await say(quy, "/plan")).text or ""
        assert overview.startswith(
            "Your course: At a clinic (injections), every 28 days, times in Europe/London."
        )
        assert "1. Thu 3 Dec 2026, 10:00 — planned" in overview
        assert "6. Thu 22 Apr 2027, 10:00 — planned" in overview


async def test_two_patients_at_once_see_only_their_own(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        rae, sam = sandbox.phone("Rae"), sandbox.phone("Sam")
        await to_date(rae, "Tokyo")
        await to_date(sam, "New York")
        await say(rae, "3 Dec")
        await say(sam, "5 Dec")
        await say(sam, "18:00")
        await say(rae, "09:00")
        rae_summary = await tap(rae, "Every week, 10 sessions")
        sam_summary = await tap(sam, "Every 2 weeks, 8 sessions")
        assert "Asia/Tokyo" in (rae_summary.text or "") and "1. Thu 3 Dec 2026, 09:00" in (
            rae_summary.text or ""
        )
        assert "America/New_York" in (sam_summary.text or "") and "1. Sat 5 Dec 2026, 18:00" in (
            sam_summary.text or ""
        )
        await tap(rae, "Save my plan")
        await tap(sam, "Save my plan")
        assert "session 1 of 10: Thu 3 Dec 2026, 09:00" in ((await say(rae, "/next")).text or "")
        assert "session 1 of 8: Sat 5 Dec 2026, 18:00" in ((await say(sam, "/next")).text or "")


async def test_delete_erases_every_row_about_the_patient(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        tia, uli = sandbox.phone("Tia"), sandbox.phone("Uli")
        await with_plan(tia)
        await with_plan(uli)
        kept = await say(tia, "/delete")
        assert kept.labels == ["Yes, erase everything", "No, keep it"]
        assert (await tap(tia, "No, keep it")).text == "Nothing was erased."
        await say(tia, "/delete")
        erased = await tap(tia, "Yes, erase everything")
        assert (erased.text or "").startswith(
            "Done: everything I stored about you has been erased."
        )
        async with app.bot_data.services.sessions() as session:
            for table in metadata.sorted_tables:
                rows = (await session.exec(sa.select(table))).all()  # type: ignore[call-overload]
                for row in rows:
                    values = list(row._mapping.values())
                    assert tia.user_id not in values, (table.name, row)
            patients = (await session.exec(select(Patient))).all()
            assert [p.telegram_user_id for p in patients] == [uli.user_id]
            plans = (await session.exec(select(TreatmentPlan))).all()
            assert [p.patient_id for p in plans] == [patients[0].id]
        assert (
            await say(tia, "/next")
        ).text == "You don't have a plan yet. Send /start to set one up."
        assert "session 1 of 10" in ((await say(uli, "/next")).text or "")


async def test_start_with_a_plan_shows_where_you_are_and_can_start_over(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        val = sandbox.phone("Val")
        await with_plan(val)
        where = await say(val, "/start")
        assert (where.text or "").startswith(
            "Welcome back, Val. Your next session is session 1 of 10"
        )
        assert where.labels == ["Start over"]
        confirm = await tap(val, "Start over")
        assert confirm.labels == ["Yes, start over", "No, keep my plan"]
        assert (await tap(val, "No, keep my plan")).text == "Your plan is unchanged."
        await tap(val, "Start over")
        restarted = await tap(val, "Yes, start over")
        assert "What kind of hair loss" in (restarted.text or "")
        async with app.bot_data.services.sessions() as session:
            plans = (await session.exec(select(TreatmentPlan))).all()
        assert [p.status for p in plans] == [PlanStatus.CANCELLED]
        assert (
            await say(val, "/next")
        ).text == "You don't have a plan yet. Send /start to set one up."


async def test_change_something_from_the_summary(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot():
        wes = sandbox.phone("Wes")
        summary = await to_summary(wes, at="10:00")
        await wes.press("Change something")
        await wes.wait_for(lambda: "Time" in summary.labels)
        assert summary.labels == [
            "Hair-loss type",
            "Where",
            "Time zone",
            "First date",
            "Time",
            "Spacing",
            "Back",
        ]
        time_question = await tap(wes, "Time")
        assert "What time is the session" in (time_question.text or "")
        new_summary = await say(wes, "11:15")
        assert "1. Thu 3 Dec 2026, 11:15" in (new_summary.text or "")
        assert "Hair loss: Pattern hair loss (androgenetic)" in (new_summary.text or "")


async def test_a_summary_left_until_the_first_session_passed_asks_the_date_again(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        una = sandbox.phone("Una")
        await to_summary(una, day="23 Nov", at="10:00")
        clock.set(dt.datetime(2026, 11, 23, 10, 30, tzinfo=dt.UTC))
        again = await tap(una, "Save my plan")
        assert (again.text or "").startswith("The first session's time passed")
        assert "first session" in (again.text or "").lower()
        draft = await draft_of(app, una)
        assert draft is not None and draft.step == "date" and "date" not in draft.answers
        async with app.bot_data.services.sessions() as session:
            assert (await session.exec(select(TreatmentPlan))).first() is None
        await tap(una, "30")
        summary = await say(una, "10:00")
        assert "1. Mon 30 Nov 2026, 10:00" in (summary.text or "")


async def test_free_text_outside_intake_gets_a_pointer(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        xan = sandbox.phone("Xan")
        await with_plan(xan)
        # Outside intake, free text is a question; chit-chat gets the honest "no".
        reply = await say(xan, "hello?")
        assert (reply.text or "").startswith("I don't have vetted information on that")
        assert (reply.text or "").endswith("please contact your doctor.")


async def test_free_text_before_consent_shows_the_consent_again(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        yan = sandbox.phone("Yan")
        await say(yan, "/start")
        again = await say(yan, "what is this?")
        assert (again.text or "").startswith("Hello, Yan! I'm Mesobot.")
        assert again.labels == ["I agree", "No, thanks", "Español", "Русский"]
        async with app.bot_data.services.sessions() as session:
            assert (await session.exec(select(Patient))).all() == []


async def test_text_after_cancel_does_not_reopen_the_intake(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        zed = sandbox.phone("Zed")
        await consent(zed)
        cancelled = await say(zed, "/cancel")
        assert (cancelled.text or "").startswith("Cancelled."), cancelled.text
        assert await draft_of(app, zed) is None
        reply = await say(zed, "Poor scalp circulation")
        assert "What kind of hair loss" not in (reply.text or "")
        assert await draft_of(app, zed) is None
