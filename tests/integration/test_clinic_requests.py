"""Requests to the clinic: moving a session by the clinic's proposal, and warning signs."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.models import (
    Clinic,
    ClinicClosure,
    ClinicRequest,
    OutboxStatus,
    Setting,
    TreatmentPlan,
)
from mesobot.sandbox import ChatMessage, Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic, outbox_of, seed_patients, send_all, sessions_of
from .patient_steps import all_handled, say, tap, with_plan

UTC = dt.UTC
FIRST_DAY = dt.date(2026, 12, 3)  # a Thursday; sessions at 10:00 London (UTC in winter)
EVENING_BEFORE = dt.datetime(2026, 12, 2, 19, 0, tzinfo=UTC)
PLAN_LINE = "Plan: At a clinic (injections), every 14 days, 6 sessions, next: Thu 3 Dec 2026, 10:00"
URGENT_WORDS = "I have a fever and pus coming out"


async def requests_in_db(app: MesoApp) -> list[ClinicRequest]:
    async with app.bot_data.services.sessions() as session:
        found = await session.exec(select(ClinicRequest).order_by(col(ClinicRequest.id)))
        return list(found)


async def clinic_with_patient(
    app: MesoApp, sandbox: Sandbox, clock: ManualClock
) -> tuple[Clinic, Phone, Phone, Phone, ChatMessage]:
    """Admin Nina, staff Sam, and patient Amy0 holding the evening reminder of session 1."""
    nina, sam = sandbox.phone("Nina", started=True), sandbox.phone("Sam", started=True)
    clinic = await make_clinic(app, nina, staff=(sam,))
    (amy,) = await seed_patients(app, sandbox, clinic, 1, first_day=FIRST_DAY, prefix="Amy")
    clock.set(EVENING_BEFORE)
    await send_all(app)
    reminder = await amy.next_message()
    assert (reminder.text or "").startswith("A reminder: session 1 of 6 is coming up")
    assert reminder.labels == [
        "I'll be there",
        "I need to move it",
        "Remind me in 1 hour",
        "In 3 hours",
    ]
    return clinic, nina, sam, amy, reminder


async def ask_to_move(app: MesoApp, amy: Phone, nina: Phone, sam: Phone) -> ClinicRequest:
    """Amy presses "I need to move it"; both staff members are told."""
    asked = await tap(amy, "I need to move it")
    assert asked.text == (
        "I've asked Hair Clinic London to find a new time for session 1. They will send you "
        "a proposal here; you can also reach them: +44 20 7946 0000."
    )
    assert all("I need to move it" not in m.labels for m in amy.received)
    (request,) = await requests_in_db(app)
    first = (await sessions_of(app, amy))[0]
    assert (request.kind, request.status, request.session_id) == ("move", "open", first.id)
    await send_all(app)
    notices = await outbox_of(app, "staff_notice")
    assert sorted(n.recipient_chat_id or 0 for n in notices) == sorted([nina.user_id, sam.user_id])
    assert {n.status for n in notices} == {OutboxStatus.SENT}
    for phone in (nina, sam):
        note = await phone.next_message()
        assert (note.text or "").splitlines() == [
            f"🔁 Amy0 (#{request.patient_id}) asks to move session 1 of 6 (Thu 3 Dec 2026, 10:00).",
            PLAN_LINE,
        ]
        assert note.labels == ["Propose a time", "Mark as handled"]
        assert note.callback_data("Propose a time") == f"rq:{request.id}:p"
    return request


async def propose(nina: Phone, day: str, hour: str) -> ChatMessage:
    """From the request's "Propose a time" to the staff's confirmation."""
    pick = await tap(nina, "Propose a time")
    assert pick.text == "New day for Amy0's session 1:"
    assert "December 2026" in pick.labels
    await nina.press(day, message=pick)
    await nina.wait_for(lambda: hour in pick.labels, what="the hours")
    assert (pick.text or "").startswith("What time on ")
    assert pick.labels[0] == "08:00" and pick.labels[-1] == "19:00"
    return await tap(nina, hour)


async def test_staff_propose_a_new_time_and_the_patient_accepts(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        _, nina, sam, amy, _ = await clinic_with_patient(app, sandbox, clock)
        before = [s.planned_start for s in await sessions_of(app, amy)]
        request = await ask_to_move(app, amy, nina, sam)

        assert (await say(nina, "/requests")).text == "Open requests: 1"
        listed = await nina.next_message()
        assert "Amy0" in (listed.text or "") and PLAN_LINE in (listed.text or "")
        assert listed.labels == ["Propose a time", "Mark as handled"]
        confirmed = await propose(nina, "5", "14:00")
        assert confirmed.text == (
            "Proposed Sat 5 Dec 2026, 14:00 to Amy0. I'll tell you when they answer."
        )
        stored = (await requests_in_db(app))[0]
        assert stored.status == "proposed"
        assert stored.proposed_start == dt.datetime(2026, 12, 5, 14, 0, tzinfo=UTC)
        assert [s.planned_start for s in await sessions_of(app, amy)] == before  # not yet

        await send_all(app)
        proposal = await amy.next_message()
        assert proposal.text == (
            "Hair Clinic London proposes a new time for your session 1 of 6: "
            "Sat 5 Dec 2026, 14:00.\nDoes it work for you?"
        )
        assert proposal.labels == ["That works", "Ask for another time"]
        assert proposal.callback_data("That works") == f"pp:{request.id}:ok:20261205T1400"
        accepted = await tap(amy, "That works")
        assert (accepted.text or "").startswith("Thank you: the new time is in your plan.")
        assert "1. Sat 5 Dec 2026, 14:00" in (accepted.text or "")

        after = await sessions_of(app, amy)
        assert after[0].planned_start == dt.datetime(2026, 12, 5, 14, 0, tzinfo=UTC)
        assert after[0].status == "confirmed"
        # Later sessions move by the same two days and keep their own time.
        assert [s.planned_start for s in after[1:]] == [
            start + dt.timedelta(days=2) for start in before[1:]
        ]
        assert (await requests_in_db(app))[0].status == "done"
        # Reminders follow: the next evening reminder is the one before the new day.
        pending = [r for r in await outbox_of(app, "reminder_eve") if r.status == "pending"]
        assert min(r.due_at for r in pending) == dt.datetime(2026, 12, 4, 19, 0, tzinfo=UTC)

        await send_all(app)
        for phone in (nina, sam):
            told = phone.unread()[-1]
            assert told.text == (
                f"✅ Amy0 (#{request.patient_id}) accepted Sat 5 Dec 2026, 14:00 for session 1."
            )
        assert (await say(nina, "/requests")).text == "No open requests."


async def test_asking_for_another_time_reopens_the_request(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        _, nina, sam, amy, _ = await clinic_with_patient(app, sandbox, clock)
        before = [s.planned_start for s in await sessions_of(app, amy)]
        request = await ask_to_move(app, amy, nina, sam)
        await propose(nina, "5", "14:00")
        await send_all(app)
        proposal = await amy.next_message()
        declined = await tap(amy, "Ask for another time")
        assert proposal.labels == []  # its buttons are gone
        assert declined.text == (
            "Understood: I've asked your clinic for another time. "
            "They will send you a new proposal here."
        )
        stored = (await requests_in_db(app))[0]
        assert (stored.status, stored.proposed_start) == ("open", None)
        assert [s.planned_start for s in await sessions_of(app, amy)] == before
        await send_all(app)
        for phone in (nina, sam):
            assert phone.unread()[-1].text == (
                f"🔁 Amy0 (#{request.patient_id}) cannot make Sat 5 Dec 2026, 14:00 for "
                "session 1 and asks for another time."
            )
        # The declined proposal cannot be accepted after all.
        stale = await amy.press(data=f"pp:{request.id}:ok", message=proposal)
        assert (await amy.answer_to(stale) or "").startswith("This reminder is out of date")
        assert [s.planned_start for s in await sessions_of(app, amy)] == before
        # It is open again: /requests lists it, and a second proposal can be accepted.
        assert (await say(nina, "/requests")).text == "Open requests: 1"
        await nina.next_message()
        await propose(nina, "7", "09:00")
        await send_all(app)
        second = await amy.next_message()
        assert "Mon 7 Dec 2026, 09:00" in (second.text or "")
        await tap(amy, "That works")
        after = await sessions_of(app, amy)
        assert after[0].planned_start == dt.datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
        assert after[1].planned_start == before[1] + dt.timedelta(days=4)
        assert (await requests_in_db(app))[0].status == "done"


async def test_warning_signs_reach_the_staff_and_one_marks_them_handled(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        _, nina, sam, amy, _ = await clinic_with_patient(app, sandbox, clock)
        urgent = await say(amy, URGENT_WORDS)
        assert "emergency" in (urgent.text or "").lower()
        assert "contact your clinic (Hair Clinic London, +44 20 7946 0000)" in (urgent.text or "")
        await all_handled(amy)  # the instruction goes first, the record after it
        (request,) = await requests_in_db(app)
        assert (request.kind, request.status, request.detail) == ("urgent", "open", URGENT_WORDS)
        await send_all(app)
        notes = [await nina.next_message(), await sam.next_message()]
        for note in notes:
            lines = (note.text or "").splitlines()
            assert lines[0] == f"⚠️ Urgent: Amy0 (#{request.patient_id}) wrote: “{URGENT_WORDS}”"
            assert lines[1].startswith("Warning signs: Fever; Pus, discharge or a hot, hard lump")
            assert lines[2] == PLAN_LINE
            assert note.labels == ["Mark as handled"]

        assert (await say(nina, "/requests")).text == "Open requests: 1"
        listed = await nina.next_message()
        assert URGENT_WORDS in (listed.text or "")
        query = await nina.press("Mark as handled", message=notes[0])
        assert await nina.answer_to(query) == "Marked as handled."
        await nina.wait_for(lambda: notes[0].labels == [] or None, what="the buttons to go")
        handled = (await requests_in_db(app))[0]
        assert handled.status == "done" and handled.settled_at is not None
        assert (await say(nina, "/requests")).text == "No open requests."
        # Sam's copy still has the button: it now says the request is settled.
        late = await sam.press("Mark as handled", message=notes[1])
        assert await sam.answer_to(late) == "That request is already settled."
        assert (await say(sam, "/requests")).text == "No open requests."


async def test_patients_without_a_clinic_move_the_session_themselves(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        nina = sandbox.phone("Nina", started=True)
        clinic = await make_clinic(app, nina)
        ben = sandbox.phone("Ben")
        await with_plan(ben, day="3 Dec", at="10:00")
        # A clinic's patient whose course is at home moves it themselves too.
        (cleo,) = await seed_patients(app, sandbox, clinic, 1, first_day=FIRST_DAY, prefix="Cleo")
        async with app.bot_data.services.sessions() as session, session.begin():
            plan = (await session.exec(select(TreatmentPlan))).all()[-1]
            plan.setting = Setting.HOME
            session.add(plan)
        clock.set(EVENING_BEFORE)
        await send_all(app)
        reminder = await ben.next_message()
        assert reminder.labels == [
            "I'll be there",
            "I need to move it",
            "Remind me in 1 hour",
            "In 3 hours",
        ]
        pick = await tap(ben, "I need to move it")
        assert (pick.text or "").startswith("What is the new date for session 1?")
        assert "December 2026" in pick.labels
        home = await cleo.next_message()
        assert home.labels == ["Done", "Skip", "Move", "Remind me in 1 hour", "In 3 hours"]
        pick_home = await tap(cleo, "Move")
        assert (pick_home.text or "").startswith("What is the new date for session 1?")
        moved = await tap(cleo, "9")
        assert (moved.text or "").startswith("Done: session 1 is now on Wed 9 Dec 2026, 10:00.")
        await send_all(app)
        assert await requests_in_db(app) == []
        assert await outbox_of(app, "staff_notice") == []
    assert nina.received == []


async def test_an_earlier_proposal_cannot_accept_a_later_one(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        _, nina, sam, amy, _ = await clinic_with_patient(app, sandbox, clock)
        before = [s.planned_start for s in await sessions_of(app, amy)]
        await ask_to_move(app, amy, nina, sam)
        await propose(nina, "5", "14:00")
        await send_all(app)
        first = await amy.next_message()
        assert "Sat 5 Dec 2026, 14:00" in (first.text or "")
        # No answer yet: Nina offers another time from /requests.
        await say(nina, "/requests")
        await nina.next_message()
        await propose(nina, "7", "09:00")
        await send_all(app)
        second = await amy.next_message()
        assert "Mon 7 Dec 2026, 09:00" in (second.text or "")
        # "That works" under Saturday's proposal must not book Monday.
        stale = await amy.press("That works", message=first)
        assert (await amy.answer_to(stale) or "").startswith("This reminder is out of date")
        assert [s.planned_start for s in await sessions_of(app, amy)] == before
        assert (await requests_in_db(app))[0].status == "proposed"
        await tap(amy, "That works")  # the latest proposal
        moved = (await sessions_of(app, amy))[0]
        assert moved.planned_start == dt.datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


async def test_asking_again_while_a_proposal_waits_makes_no_second_request(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        _, nina, sam, amy, _ = await clinic_with_patient(app, sandbox, clock)
        await ask_to_move(app, amy, nina, sam)
        await propose(nina, "5", "14:00")
        # The morning reminder carries the same button; pressing it asks nothing new.
        clock.set(dt.datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
        await send_all(app)
        await amy.wait_for(lambda: "I need to move it" in amy.last.labels, what="the reminder")
        await amy.press("I need to move it")
        await send_all(app)
        requests = await requests_in_db(app)
        notes = await outbox_of(app, "staff_notice")
    assert [(r.kind, r.status) for r in requests] == [("move", "proposed")]
    assert len(notes) == 2  # the first request's note to Nina and to Sam, no more


async def test_a_forged_proposal_beyond_a_year_is_refused(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        _, nina, sam, amy, _ = await clinic_with_patient(app, sandbox, clock)
        request = await ask_to_move(app, amy, nina, sam)
        query = await nina.press(data=f"rq:{request.id}:t:2031-01-01T1000")
        toast = await nina.answer_to(query)
        stored = (await requests_in_db(app))[0]
    assert toast == "That request is already settled."
    assert (stored.status, stored.proposed_start) == ("open", None)


async def test_moving_to_another_clinic_closes_requests_left_with_the_old_one(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        _, nina, sam, amy, _ = await clinic_with_patient(app, sandbox, clock)
        await ask_to_move(app, amy, nina, sam)
        other = await make_clinic(app, sandbox.phone("Olga"), name="Other Clinic")
        await say(amy, f"/start {other.invite_code}")
        joined = await tap(amy, "Connect me")
        assert joined.text == (
            "You are now connected with Other Clinic. They can see your plan and send you "
            "schedule changes."
        )
        left = (await say(nina, "/requests")).text
        requests = await requests_in_db(app)
    assert left == "No open requests."
    assert [r.status for r in requests] == ["done"]


async def test_two_staff_proposing_the_same_time_send_one_proposal(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        _, nina, sam, amy, _ = await clinic_with_patient(app, sandbox, clock)
        await ask_to_move(app, amy, nina, sam)
        first = await propose(nina, "5", "14:00")
        second = await propose(sam, "5", "14:00")
        await send_all(app)
        proposals = await outbox_of(app, "proposal")
    assert (
        first.text
        == second.text
        == ("Proposed Sat 5 Dec 2026, 14:00 to Amy0. I'll tell you when they answer.")
    )
    assert len(proposals) == 1
    assert sum("proposes a new time" in (m.text or "") for m in amy.received) == 1


async def test_staff_notes_show_the_clinics_time_not_the_patients(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        nina = sandbox.phone("Nina", started=True)
        clinic = await make_clinic(app, nina)
        # A patient whose plan is in Paris: 11:00 there is 10:00 at the London clinic.
        (amy,) = await seed_patients(
            app, sandbox, clinic, 1, first_day=FIRST_DAY, at=dt.time(11, 0), timezone="Europe/Paris"
        )
        clock.set(dt.datetime(2026, 12, 2, 18, 0, tzinfo=UTC))
        await send_all(app)
        await amy.next_message()
        await tap(amy, "I need to move it")
        await send_all(app)
        note = await nina.next_message()
    assert "asks to move session 1 of 6 (Thu 3 Dec 2026, 10:00)." in (note.text or "")


async def test_a_closed_day_cannot_be_proposed(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        clinic, nina, sam, amy, _ = await clinic_with_patient(app, sandbox, clock)
        request = await ask_to_move(app, amy, nina, sam)
        assert clinic.id is not None
        async with app.bot_data.services.sessions() as session, session.begin():
            session.add(
                ClinicClosure(
                    clinic_id=clinic.id,
                    day=dt.date(2026, 12, 5),
                    moved_to=dt.date(2026, 12, 6),
                    staff_user_id=nina.user_id,
                    created_at=clock.now(),
                )
            )
        pick = await tap(nina, "Propose a time")
        toast = await nina.answer_to(await nina.press("5", message=pick))
        forged = await nina.answer_to(await nina.press(data=f"rq:{request.id}:t:2026-12-05T1000"))
        stored = (await requests_in_db(app))[0]
    assert toast == "The clinic is closed on Sat 5 Dec 2026: please choose another day."
    assert forged == "That request is already settled."
    assert (stored.status, stored.proposed_start) == ("open", None)
