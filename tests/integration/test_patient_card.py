"""/patient N: a patient's card for their clinic's staff; staff offer a new spacing and
number of sessions or propose a time, and the patient confirms; reminders and the calendar
follow."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlmodel import select

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.models import OutboxMessage, OutboxStatus, Patient, SessionStatus
from mesobot.sandbox import ChatMessage, Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic, sessions_of
from .patient_steps import say, tap, with_clinic_plan

LONDON = ZoneInfo("Europe/London")


async def patient_id(app: MesoApp, phone: Phone) -> int:
    async with app.bot_data.services.sessions() as session:
        query = select(Patient).where(Patient.telegram_user_id == phone.user_id)
        found = (await session.exec(query)).one()
        assert found.id is not None
        return found.id


async def edited(phone: Phone, message: ChatMessage, label: str) -> ChatMessage:
    """Press ``label`` on ``message`` and wait until the bot has edited it."""
    before = message.text
    await phone.press(label, message=message)
    return await phone.wait_for(lambda: message if message.text != before else None)


def local(phone_sessions: list[dt.datetime]) -> list[str]:
    return [s.astimezone(LONDON).strftime("%a %d %b %H:%M") for s in phone_sessions]


async def test_staff_offer_a_new_spacing_and_length_and_the_patient_accepts(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        admin, nurse = sandbox.phone("Dr Ada"), sandbox.phone("Nurse Ned")
        clinic = await make_clinic(app, admin, staff=(nurse,))
        ann = sandbox.phone("Ann")
        await with_clinic_plan(ann, clinic.invite_code, day="3 Dec", at="10:00")
        number = await patient_id(app, ann)
        shown = await say(nurse, f"/patient {number}")
        text = shown.text or ""
        assert text.startswith(f"Ann (#{number}), active")
        assert "every 7 days, 10 sessions, next: Thu 3 Dec 2026, 10:00" in text
        assert "1. Thu 3 Dec 2026, 10:00 — planned" in text
        assert "10. Thu 4 Feb 2027, 10:00 — planned" in text
        assert shown.labels == ["Propose a time for session 1", "Change spacing or length"]
        spacing = await tap(nurse, "Change spacing or length")
        assert (spacing.text or "").startswith("New spacing for Ann (now every 7 days).")
        assert spacing.labels == ["7", "10", "14", "21", "28"]
        counts = await edited(nurse, spacing, "14")
        assert counts.text == "Every 14 days: how many sessions in all for Ann? (now 10)"
        assert counts.labels == [str(n) for n in range(4, 16)]
        sent = await edited(nurse, counts, "8")
        assert (
            sent.text
            == "Sent to Ann: every 14 days, 8 sessions in all. You will hear their answer."
        )
        assert sent.labels == []
        offer = await ann.wait_for(
            lambda: next((m for m in ann.received if "proposes a change" in (m.text or "")), None)
        )
        assert (offer.text or "").startswith(
            "Hair Clinic London proposes a change to your course: a session every 14 days, "
            "8 sessions in all (now every 7 days, 10 sessions)."
        )
        assert offer.labels == ["Yes, change my plan", "Keep my plan"]
        yes = offer.callback_data("Yes, change my plan")
        before = len(ann.received)
        await ann.press("Yes, change my plan", message=offer)
        accepted = await ann.wait_for(
            lambda: next((m for m in ann.received[before:] if m.text), None)
        )
        assert (accepted.text or "").startswith(
            "Your plan is changed, and your reminders follow it."
        )
        assert accepted.labels == ["📅 Update my calendar"]
        assert "8. Thu 11 Mar 2027, 10:00 — planned" in (accepted.text or "")
        assert "9." not in (accepted.text or "")
        told = await nurse.wait_for(
            lambda: next(
                (m for m in nurse.received if "accepted the new plan" in (m.text or "")), None
            )
        )
        assert f"Ann (#{number}) accepted the new plan: every 14 days, 8 sessions." in (
            told.text or ""
        )
        # What is stored: the first session keeps its time, the rest follow 14 days apart,
        # the last two are cancelled; no reminder is left for a cancelled session.
        stored = await sessions_of(app, ann)
        assert local([s.planned_start for s in stored[:3]]) == [
            "Thu 03 Dec 10:00",
            "Thu 17 Dec 10:00",
            "Thu 31 Dec 10:00",
        ]
        assert [s.status for s in stored[8:]] == [SessionStatus.CANCELLED] * 2
        async with app.bot_data.services.sessions() as session:
            pending = (
                await session.exec(
                    select(OutboxMessage)
                    .where(OutboxMessage.status == OutboxStatus.PENDING)
                    .where(OutboxMessage.kind == "reminder_eve")
                )
            ).all()
        assert {r.session_id for r in pending} == {s.id for s in stored[:8]}
        # The calendar offered with the news drops the two cancelled sessions.
        await ann.press("📅 Update my calendar")
        file = await ann.wait_for(lambda: next((m for m in ann.received if m.document), None))
        assert file.document is not None
        events = Calendar.from_ical(file.document.content).walk("VEVENT")
        statuses = [str(e["status"]) for e in events]
        assert statuses.count("CANCELLED") == 2 and statuses.count("TENTATIVE") == 8
        # The offer cannot be answered twice.
        query = await ann.press(data=yes, message=offer)
        assert await ann.answer_to(query) == (
            "That offer is no longer open: your plan has changed since, or you answered it "
            "already. /plan shows your course."
        )


async def test_the_patient_keeps_their_plan_and_staff_of_another_clinic_see_no_card(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        admin, other = sandbox.phone("Dr Ada"), sandbox.phone("Dr Oz")
        clinic = await make_clinic(app, admin)
        await make_clinic(app, other, name="Other Clinic", contact="+44 20 0000 0000")
        bea = sandbox.phone("Bea")
        await with_clinic_plan(bea, clinic.invite_code, day="3 Dec", at="10:00")
        number = await patient_id(app, bea)
        assert (await say(other, f"/patient {number}")).text == (
            f"Other Clinic has no patient #{number}. /patients lists them."
        )
        assert (await say(admin, "/patient Bea")).text == (
            "Send /patient and the number /patients shows after the name, e.g. /patient 12."
        )
        # A forged button from the other clinic's staff changes nothing.
        forged = await other.press(data=f"pe:{number}:14:8", message=(await say(other, "/hours")))
        assert await other.answer_to(forged) == (
            "That change no longer fits the plan (it changed, ended, or has more sessions "
            "behind it). Open the card again with /patient."
        )
        await say(admin, f"/patient {number}")
        spacing = await tap(admin, "Change spacing or length")
        counts = await edited(admin, spacing, "21")
        await edited(admin, counts, "6")
        offer = await bea.wait_for(
            lambda: next((m for m in bea.received if "proposes a change" in (m.text or "")), None)
        )
        before = await sessions_of(app, bea)
        await bea.press("Keep my plan", message=offer)
        kept = await bea.wait_for(
            lambda: next(
                (m for m in bea.received if m.text and m.text.startswith("Your plan stays")),
                None,
            )
        )
        assert kept.text == "Your plan stays as it is; your clinic has been told."
        assert [s.planned_start for s in await sessions_of(app, bea)] == [
            s.planned_start for s in before
        ]
        told = await admin.wait_for(
            lambda: next((m for m in admin.received if "keeps their plan" in (m.text or "")), None)
        )
        assert "you offered every 21 days, 6 sessions" in (told.text or "")


async def test_staff_propose_a_time_for_the_next_session_from_the_card(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        await say(admin, "/hours Mon-Fri 09:00-13:00")
        cas = sandbox.phone("Cas")
        await with_clinic_plan(cas, clinic.invite_code, day="3 Dec", at="10:00")
        await say(admin, f"/patient {await patient_id(app, cas)}")
        calendar = await tap(admin, "Propose a time for session 1")
        assert calendar.text == "New day for Cas's session 1:"
        await admin.press("›", message=calendar)
        await admin.wait_for(lambda: "December 2026" in calendar.labels or None)
        # Saturday is not a day the clinic opens; Friday's hours are its own.
        saturday = await admin.press("5", message=calendar)
        assert await admin.answer_to(saturday) == (
            "The clinic is closed on Sat 5 Dec 2026: please choose another day."
        )
        hours = await edited(admin, calendar, "4")
        assert hours.labels == ["09:00", "10:00", "11:00", "12:00"]
        await admin.press("11:00", message=hours)
        proposed = await admin.next_message()
        assert (proposed.text or "").startswith("Proposed Fri 4 Dec 2026, 11:00 to Cas")
        offer = await cas.wait_for(
            lambda: next((m for m in cas.received if "proposes a new time" in (m.text or "")), None)
        )
        assert "Fri 4 Dec 2026, 11:00" in (offer.text or "")
