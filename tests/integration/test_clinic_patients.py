"""Patients who come through a clinic's invite link, and what the clinic's staff see of them."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.models import Patient, SessionStatus, TreatmentPlan
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic, seed_patients, send_all, sessions_of
from .patient_steps import answer_screening, say, tap, through_screening, with_plan

UTC = dt.UTC
CLINIC_POINTER = (
    "If you have questions or concerns, please contact your clinic "
    "(Hair Clinic London, +44 20 7946 0000) or your own doctor."
)
OWN_DOCTOR = "If you have questions or concerns, please contact your doctor."
FAQ_QUESTION = "how soon will I see hair?"
URGENT_WORDS = "I have a fever and pus coming out"
SETTING_LABELS = ["At a clinic (injections)", "At home (dermaroller kit)"]


async def stored(app: MesoApp, phone: Phone) -> tuple[Patient | None, list[TreatmentPlan]]:
    async with app.bot_data.services.sessions() as session:
        patient = (
            await session.exec(select(Patient).where(Patient.telegram_user_id == phone.user_id))
        ).first()
        if patient is None:
            return None, []
        plans = await session.exec(
            select(TreatmentPlan).where(TreatmentPlan.patient_id == patient.id)
        )
        return patient, list(plans)


async def faq_answer(phone: Phone) -> str:
    answer = await say(phone, FAQ_QUESTION)
    assert (answer.text or "").startswith("When results may show"), answer.text
    feedback = await phone.next_message()
    assert (feedback.text or "").startswith("Did this answer your question?")
    return answer.text or ""


async def test_invite_link_links_the_newcomer_and_skips_the_setting_question(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        clinic = await make_clinic(app, sandbox.phone("Nina", started=True))
        amy = sandbox.phone("Amy")
        welcome = await say(amy, f"/start {clinic.invite_code}")
        text = welcome.text or ""
        assert text.startswith("Hello, Amy! I'm Mesobot.")
        assert "You were invited by Hair Clinic London." in text
        assert welcome.labels == ["I agree", "No, thanks", "Español", "Русский"]
        assert welcome.callback_data("I agree") == f"consent:yes:{clinic.invite_code}:en"
        assert (await stored(app, amy))[0] is None  # nothing is stored before consent
        await tap(amy, "I agree")
        patient, _ = await stored(app, amy)
        assert patient is not None and patient.clinic_id == clinic.id
        zone_question = await answer_screening(amy)
        assert (zone_question.text or "").startswith("Which time zone are you in?")
        assert zone_question.labels == []
        assert not any(label in t.labels for t in amy.received for label in SETTING_LABELS)
        assert (await say(amy, "London")).text == "Time zone: Europe/London."
        await amy.next_message()  # the date question
        await say(amy, "3 Dec")
        await say(amy, "10:00")
        summary = await tap(amy, "Every week, 10 sessions")
        assert "1. Thu 3 Dec 2026, 10:00" in (summary.text or "")
        saved = await tap(amy, "Save my plan")
        assert (saved.text or "").startswith("Your plan is saved: 10 sessions")
        patient, plans = await stored(app, amy)
    assert patient is not None and patient.clinic_id == clinic.id
    assert [(p.setting, p.sessions_count) for p in plans] == [("clinic", 10)]


async def test_the_clinic_is_named_in_faq_answers_and_the_urgent_reply(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        clinic = await make_clinic(app, sandbox.phone("Nina", started=True))
        amy, ben = sandbox.phone("Amy"), sandbox.phone("Ben")
        await say(amy, f"/start {clinic.invite_code}")
        await tap(amy, "I agree")
        await say(ben, "/start")
        await tap(ben, "I agree")
        await say(amy, "/cancel")
        await say(ben, "/cancel")
        answer = await faq_answer(amy)
        assert answer.endswith(CLINIC_POINTER)
        urgent = await say(amy, URGENT_WORDS)
        assert "emergency" in (urgent.text or "").lower()
        assert (urgent.text or "").endswith(CLINIC_POINTER)
        # Someone who came without the link is pointed to their own doctor.
        other = await faq_answer(ben)
        assert other.endswith(OWN_DOCTOR)
        assert "Hair Clinic London" not in other
        assert "Hair Clinic London" not in ((await say(ben, URGENT_WORDS)).text or "")


async def test_an_existing_patient_joins_by_the_link(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        clinic = await make_clinic(app, sandbox.phone("Nina", started=True))
        bob = sandbox.phone("Bob")
        await with_plan(bob, day="3 Dec", at="10:00")
        before = await faq_answer(bob)
        assert before.endswith(OWN_DOCTOR)
        patient, _ = await stored(app, bob)
        assert patient is not None and patient.clinic_id is None
        asked = await say(bob, f"/start {clinic.invite_code}")
        assert asked.text == (
            "Hair Clinic London invited you. If you connect, Hair Clinic London will see your "
            "plan and can send you schedule changes. Connect?"
        )
        assert asked.labels == ["Connect me", "Not now"]
        assert (await stored(app, bob))[0].clinic_id is None  # not before they say yes
        joined = await tap(bob, "Connect me")
        assert joined.text == (
            "You are now connected with Hair Clinic London. "
            "They can see your plan and send you schedule changes."
        )
        where = await bob.next_message()
        assert (where.text or "").startswith("Welcome back, Bob.")
        assert "Thu 3 Dec 2026, 10:00" in (where.text or "")
        patient, plans = await stored(app, bob)
        assert patient is not None and patient.clinic_id == clinic.id
        assert len(plans) == 1  # the plan is kept as it was
        after = await faq_answer(bob)
        assert after.endswith(CLINIC_POINTER)


async def test_joining_mid_intake_settles_the_setting_question(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        clinic = await make_clinic(app, sandbox.phone("Nina", started=True))
        cat = sandbox.phone("Cat")
        setting = await through_screening(cat)
        assert setting.labels == SETTING_LABELS
        await say(cat, f"/start {clinic.invite_code}")
        joined = await tap(cat, "Connect me")
        assert (joined.text or "").startswith("You are now connected with Hair Clinic London.")
        resumed = await cat.next_message()
        assert (resumed.text or "").startswith("Welcome back, Cat. Let's carry on")
        assert "Which time zone are you in?" in (resumed.text or "")
        # The setting question's buttons are out of date now.
        await cat.press("At home (dermaroller kit)", message=setting)
        await cat.next_message()
        assert (await say(cat, "London")).text == "Time zone: Europe/London."
        await cat.next_message()
        await say(cat, "3 Dec")
        await say(cat, "10:00")
        await tap(cat, "Every week, 10 sessions")
        await tap(cat, "Save my plan")
        patient, plans = await stored(app, cat)
    assert patient is not None and patient.clinic_id == clinic.id
    assert [p.setting for p in plans] == ["clinic"]


async def test_a_rotated_link_is_refused_and_links_nobody(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        clinic = await make_clinic(app, sandbox.phone("Nina", started=True))
        old = clinic.invite_code
        assert clinic.id is not None
        rotated = await app.bot_data.services.clinics.rotate_invite(clinic_id=clinic.id)
        assert rotated.invite_code != old
        dan = sandbox.phone("Dan")
        await dan.send(f"/start {old}")
        refused = await dan.next_message()
        assert refused.text == (
            "That invite link is no longer valid: please ask your clinic for a new one. "
            "You can still use the bot on your own."
        )
        welcome = await dan.next_message()  # the ordinary /start goes on
        assert (welcome.text or "").startswith("Hello, Dan! I'm Mesobot.")
        assert "invited" not in (welcome.text or "")
        assert welcome.callback_data("I agree") == "consent:yes::en"
        await tap(dan, "I agree")
        setting = await answer_screening(dan)
        assert setting.labels == SETTING_LABELS
        patient, _ = await stored(app, dan)
        assert patient is not None and patient.clinic_id is None
        # A consent button forged with the old code links nobody either.
        eve = sandbox.phone("Eve")
        await say(eve, "/start")
        await eve.press(data=f"consent:yes:{old}")
        told = await eve.next_message()
        assert (told.text or "").startswith("That invite link is no longer valid")
        await eve.next_message()  # the first question: on their own
        patient, _ = await stored(app, eve)
        assert patient is not None and patient.clinic_id is None
        # Nor does an existing patient joining with the old link.
        refused_again = await say(dan, f"/start {old}")
        assert (refused_again.text or "").startswith("That invite link is no longer valid")
        patient, _ = await stored(app, dan)
        assert patient is not None and patient.clinic_id is None
        await say(eve, "/cancel")
        assert (await faq_answer(eve)).endswith(OWN_DOCTOR)


async def test_today_and_week_show_the_clinics_patients_and_who_confirmed(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        nina = sandbox.phone("Nina", started=True)
        clinic = await make_clinic(app, nina)
        today = dt.date(2026, 11, 21)  # the clock's day in London
        todays = await seed_patients(app, sandbox, clinic, 3, first_day=today, prefix="Tod")
        tomorrows = await seed_patients(
            app,
            sandbox,
            clinic,
            2,
            first_day=today + dt.timedelta(days=1),
            at=dt.time(11, 0),
            prefix="Tom",
        )
        # Patients of no clinic, and sessions outside the week, are not the clinic's business.
        await seed_patients(app, sandbox, None, 1, first_day=today, prefix="Solo")
        await seed_patients(
            app, sandbox, clinic, 1, first_day=today + dt.timedelta(days=7), prefix="Later"
        )
        # Tod1 confirmed at the desk; Tom0 with the reminder's "I'll be there".
        first = (await sessions_of(app, todays[1]))[0]
        async with app.bot_data.services.sessions() as session, session.begin():
            first.status = SessionStatus.CONFIRMED
            session.add(first)
        clock.set(dt.datetime(2026, 11, 21, 19, 0, tzinfo=UTC))
        await send_all(app)
        reminder = await tomorrows[0].next_message()
        assert "session 1 of 6" in (reminder.text or "")
        assert (await tap(tomorrows[0], "I'll be there")).text == (
            "Thank you, I've noted that you'll be there."
        )

        day = (await say(nina, "/today")).text or ""
        lines = day.splitlines()
        assert lines[0] == "Sat 21 Nov 2026 at Hair Clinic London: 3 sessions"
        names = [line.split("  ", 1)[1].split(" (#")[0] for line in lines[2:]]
        assert names == ["Tod0", "Tod1", "Tod2"]
        assert lines[2].startswith("10:00  Tod0 (#")
        assert lines[2].endswith("): session 1 of 6, not yet confirmed")
        assert lines[3].startswith("10:10  Tod1 (#")
        assert lines[3].endswith("): session 1 of 6, confirmed ✅")
        assert lines[4].endswith("): session 1 of 6, not yet confirmed")

        week = (await say(nina, "/week")).text or ""
    assert week.splitlines()[0] == (
        "The next seven days at Hair Clinic London (Sat 21 Nov 2026 to Fri 27 Nov 2026): 5 sessions"
    )
    sunday = week.split("Sun 22 Nov 2026\n", 1)[1].splitlines()
    assert sunday[0].startswith("11:00  Tom0 (#") and sunday[0].endswith(
        "session 1 of 6, confirmed ✅"
    )
    assert sunday[1].startswith("11:10  Tom1 (#") and sunday[1].endswith(
        "session 1 of 6, not yet confirmed"
    )
    saturday = week.split("Sat 21 Nov 2026\n", 1)[1].split("\n\n", 1)[0]
    assert "Tod1" in saturday and "confirmed ✅" in saturday
    assert "Solo" not in day + week and "Later" not in day + week


async def test_an_existing_patient_may_say_not_now(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        clinic = await make_clinic(app, sandbox.phone("Nina", started=True))
        eve = sandbox.phone("Eve")
        await with_plan(eve, day="3 Dec", at="10:00")
        await say(eve, f"/start {clinic.invite_code}")
        declined = await tap(eve, "Not now")
        patient, _ = await stored(app, eve)
    assert declined.text == "Nothing has changed: no clinic sees your plan through this link."
    assert patient is not None and patient.clinic_id is None


async def test_a_link_replaced_while_consent_waits_says_so(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        clinic = await make_clinic(app, sandbox.phone("Nina", started=True))
        fay = sandbox.phone("Fay")
        await say(fay, f"/start {clinic.invite_code}")
        assert clinic.id is not None
        await app.bot_data.services.clinics.rotate_invite(clinic_id=clinic.id)
        told = await tap(fay, "I agree")
        patient, _ = await stored(app, fay)
    assert told.text == (
        "That invite link is no longer valid: please ask your clinic for a new one. "
        "You can still use the bot on your own."
    )
    assert patient is not None and patient.clinic_id is None
