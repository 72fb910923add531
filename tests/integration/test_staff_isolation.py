"""Two clinics side by side: each one's staff see and change only their own patients."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from mesobot.app import MesoApp
from mesobot.models import (
    Broadcast,
    Clinic,
    ClinicClosure,
    ClinicRequest,
    OutboxMessage,
    StaffMember,
    TreatmentPlan,
    TreatmentSession,
)
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic, seed_patients, send_all, sessions_of
from .patient_steps import all_handled, say, tap

TODAY = dt.date(2026, 11, 21)  # the test clock's day in London (a Saturday)
MONDAY = dt.date(2026, 11, 23)
STAFF_COMMANDS = ("/today", "/week", "/closed 23 Nov", "/broadcast Hello", "/requests", "/staff")
URGENT_WORDS = "I have a fever and pus coming out"
STALE = "That choice is out of date."
SETTLED = "That request is already settled."
OUT_OF_DATE = (
    "This reminder is out of date: your plan has changed since I sent it. "
    "/next shows your next session."
)


@dataclass(frozen=True)
class World:
    """North Clinic (admin Ana, staff Al, 2 patients today) and South Clinic (admin Bea,
    3 patients on Monday)."""

    north: Clinic
    south: Clinic
    ana: Phone
    al: Phone
    bea: Phone
    norths: list[Phone]
    souths: list[Phone]


async def two_clinics(app: MesoApp, sandbox: Sandbox) -> World:
    ana, al, bea = (sandbox.phone(name, started=True) for name in ("Ana", "Al", "Bea"))
    north = await make_clinic(app, ana, name="North Clinic", contact="+44 1111", staff=(al,))
    south = await make_clinic(app, bea, name="South Clinic", contact="+44 2222")
    norths = await seed_patients(app, sandbox, north, 2, first_day=TODAY, prefix="North")
    souths = await seed_patients(app, sandbox, south, 3, first_day=MONDAY, prefix="South")
    # Today's reminders for North's patients went out before the test begins.
    await send_all(app)
    for phone in norths + souths:
        phone.unread()
    return World(north, south, ana, al, bea, norths, souths)


async def snapshot(app: MesoApp) -> dict[str, Any]:
    """Everything staff actions could change."""
    async with app.bot_data.services.sessions() as session:

        async def rows(model: Any, *fields: str) -> list[tuple[Any, ...]]:
            found = await session.exec(select(model).order_by(col(model.id)))
            return [tuple(getattr(row, f) for f in fields) for row in found]

        return {
            "sessions": await rows(TreatmentSession, "id", "planned_start", "status"),
            "plans": await rows(TreatmentPlan, "id", "version", "status"),
            "closures": await rows(ClinicClosure, "id"),
            "broadcasts": await rows(Broadcast, "id", "clinic_id", "status", "total"),
            "requests": await rows(ClinicRequest, "id", "status", "proposed_start"),
            "staff": await rows(StaffMember, "clinic_id", "telegram_user_id", "role"),
            "outbox": await rows(OutboxMessage, "id", "status", "due_at"),
        }


def texts(phone: Phone) -> str:
    return "\n".join(m.text or "" for m in phone.received)


def never_mentions(phone: Phone, *names: str) -> None:
    seen = texts(phone)
    for name in names:
        assert name not in seen, f"{phone.name} saw {name!r}"


async def test_today_week_and_staff_list_show_only_the_own_clinic(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        w = await two_clinics(app, sandbox)
        today = (await say(w.ana, "/today")).text or ""
        assert today.splitlines()[0] == "Sat 21 Nov 2026 at North Clinic: 2 sessions"
        assert "North0" in today and "North1" in today
        week = (await say(w.al, "/week")).text or ""
        assert week.splitlines()[0].endswith("(Sat 21 Nov 2026 to Fri 27 Nov 2026): 2 sessions")
        assert "Mon 23 Nov 2026" not in week  # South's day: no sessions of North's that day
        staff = (await say(w.ana, "/staff")).text or ""
        assert staff.splitlines()[:3] == [
            "Staff of North Clinic",
            f"{w.ana.user_id} (admin)",
            f"{w.al.user_id} (staff)",
        ]
        # The other side sees its own, and only its own.
        south_week = (await say(w.bea, "/week")).text or ""
        assert "3 sessions" in south_week and "South2" in south_week
        south_today = (await say(w.bea, "/today")).text or ""
        assert south_today.splitlines() == [
            "Sat 21 Nov 2026 at South Clinic: 0 sessions",
            "",
            "No sessions.",
        ]
        south_staff = (await say(w.bea, "/staff")).text or ""
        assert str(w.ana.user_id) not in south_staff and str(w.al.user_id) not in south_staff
    for phone in (w.ana, w.al):
        never_mentions(phone, "South", str(w.bea.user_id))
    never_mentions(w.bea, "North")


async def test_staff_cannot_change_another_clinics_staff(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        w = await two_clinics(app, sandbox)
        before = await snapshot(app)
        for command in (f"/staff add {w.bea.user_id}", f"/staff remove {w.bea.user_id}"):
            reply = (await say(w.ana, command)).text or ""
            assert reply.startswith(f"I couldn't change that for user {w.bea.user_id}")
            assert "South" not in reply
        not_admin = await say(w.al, "/staff add 4242")
        assert not_admin.text == "Only the clinic's admins can change the staff list."
        assert await snapshot(app) == before


async def test_closing_a_day_moves_only_the_own_clinics_sessions(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        w = await two_clinics(app, sandbox)
        before = await snapshot(app)
        reply = await say(w.ana, "/closed 23 Nov")
        assert reply.text == (
            "No sessions of North Clinic's patients are booked at the clinic on "
            "Mon 23 Nov 2026: nothing to move."
        )
        assert reply.labels == []
        # Ana forges the confirm button South's preview would carry.
        await w.ana.send("/faq")  # any message with buttons to press on
        await w.ana.next_message()
        forged = await w.ana.press(data="cl:2026-11-23:2026-11-24:ok")
        await w.ana.answer_to(forged)
        refused = await w.ana.next_message()  # "Closing…", then edited to say why not
        await w.ana.wait_for(lambda: "nothing to move" in (refused.text or ""), what="refusal")
        assert (refused.text or "").endswith("Mon 23 Nov 2026: nothing to move.")
        # A patient forging it is not staff at all.
        patient = w.souths[0]
        await patient.send("/faq")
        await patient.next_message()
        toast = await patient.answer_to(await patient.press(data="cl:2026-11-23:2026-11-24:ok"))
        assert toast == STALE
        await send_all(app)
        assert await snapshot(app) == before
        # South's own admin sees all three and can close the day.
        preview = await say(w.bea, "/closed 23 Nov")
        assert "3 patients, 3 sessions will move to Tue 24 Nov 2026" in (preview.text or "")
        assert preview.labels == ["Close the day and move them", "Cancel"]
        await tap(w.bea, "Close the day and move them")  # the notices' progress
        await w.bea.next_message()  # what moved
        moved = [(await sessions_of(app, p))[0].planned_start.date() for p in w.souths]
        assert moved == [dt.date(2026, 11, 24)] * 3
        assert [(await sessions_of(app, p))[0].planned_start for p in w.norths] == [
            dt.datetime(2026, 11, 21, 10, 0, tzinfo=dt.UTC),
            dt.datetime(2026, 11, 21, 10, 10, tzinfo=dt.UTC),
        ]
        await send_all(app)
    for phone in w.norths:
        never_mentions(phone, "South Clinic", "closed")
    never_mentions(w.ana, "South")


async def test_a_broadcast_reaches_only_the_own_clinics_patients(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        w = await two_clinics(app, sandbox)
        ask = await say(w.ana, "/broadcast")
        assert (ask.text or "").startswith("What should the message say?")
        # South's day has none of North's patients.
        audience = await say(w.ana, "Closed for cleaning on Monday")
        assert audience.labels[:3] == [
            "All active patients",
            "Patients with a session on a day",
            "Patients with a session in a date range",
        ]
        await tap(w.ana, "Patients with a session on a day")
        nobody = await say(w.ana, "23 Nov")
        assert (nobody.text or "").startswith("No patients match")
        preview = await tap(w.ana, "All active patients")
        assert "to all active patients: 2" in (preview.text or "")
        assert preview.labels[0] == "Send to 2"
        send = preview.callback_data("Send to 2")
        # Bea forges the Send button of North's draft; then a patient does.
        await w.bea.send("/faq")
        await w.bea.next_message()
        assert await w.bea.answer_to(await w.bea.press(data=send)) == STALE
        patient = w.norths[0]
        await patient.send("/faq")
        await patient.next_message()
        assert await patient.answer_to(await patient.press(data=send)) == STALE
        async with app.bot_data.services.sessions() as session:
            drafts = list(await session.exec(select(Broadcast)))
            queued = list(
                await session.exec(select(OutboxMessage).where(OutboxMessage.kind == "broadcast"))
            )
        assert [(b.clinic_id, b.status) for b in drafts] == [(w.north.id, "ready")]
        assert queued == []
        # Ana sends it: North's two patients get it, South's three get nothing.
        await w.ana.answer_to(await w.ana.press("Send to 2", message=preview))
        await send_all(app)
        for phone in w.norths:
            assert [m.text for m in phone.unread()] == [
                "Message from North Clinic\n\nClosed for cleaning on Monday"
            ]
        for phone in w.souths:
            assert phone.received == []
        await w.ana.wait_for(lambda: "Delivered: 2 of 2" in (preview.text or ""), what="report")
    never_mentions(w.ana, "South")


async def test_requests_and_their_buttons_stay_within_the_clinic(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        w = await two_clinics(app, sandbox)
        services = app.bot_data.services
        north0, north1 = w.norths
        first = (await sessions_of(app, north0))[0]
        assert first.id is not None
        asked = await services.requests.ask_to_move(
            telegram_user_id=north0.user_id, session_id=first.id, version=1
        )
        assert asked is not None and asked[0].id == w.north.id
        await north1.send(URGENT_WORDS)
        assert "emergency" in ((await north1.next_message()).text or "").lower()
        await all_handled(north1)  # the instruction goes first, the record after it
        await send_all(app)
        async with services.sessions() as session:
            requests = list(
                await session.exec(select(ClinicRequest).order_by(col(ClinicRequest.id)))
            )
        assert [(r.clinic_id, r.kind) for r in requests] == [
            (w.north.id, "move"),
            (w.north.id, "urgent"),
        ]
        move, urgent = (r.id for r in requests)
        # Only North's staff were told; South's admin sees no open requests.
        for phone in (w.ana, w.al):
            told = [m.text or "" for m in phone.unread()]
            assert len(told) == 2
            assert told[0].startswith("🔁 North0 (#") and told[1].startswith("⚠️ Urgent: North1")
        assert w.bea.received == []
        assert (await say(w.bea, "/requests")).text == "No open requests."
        header = await say(w.ana, "/requests")
        assert header.text == "Open requests: 2"
        listed = [await w.ana.next_message(), await w.ana.next_message()]
        assert "North0" in (listed[0].text or "") and "North1" in (listed[1].text or "")

        # Bea forges North's request buttons: nothing happens.
        before = await snapshot(app)
        for data in (
            f"rq:{move}:x",
            f"rq:{urgent}:x",
            f"rq:{move}:p",
            f"rq:{move}:d:2026-11-25",
            f"rq:{move}:t:2026-11-25T1000",
        ):
            query = await w.bea.press(data=data, message=w.bea.last)
            assert await w.bea.answer_to(query) == SETTLED, data
        # A patient is not staff either.
        await north0.send("/faq")
        await north0.next_message()
        toast = await north0.answer_to(await north0.press(data=f"rq:{move}:x"))
        assert toast == SETTLED
        await send_all(app)
        assert await snapshot(app) == before
        never_mentions(w.bea, "North", "fever")
        assert "New day for" not in texts(w.bea) and "What time" not in texts(w.bea)

        # Ana proposes a time; another patient cannot accept it for North0.
        query = await w.ana.press(data=f"rq:{move}:t:2026-11-25T1000", message=listed[0])
        assert await w.ana.answer_to(query) is None
        await send_all(app)
        proposal = await north0.next_message()
        assert (proposal.text or "").startswith("North Clinic proposes a new time for your session")
        assert proposal.labels == ["That works", "Ask for another time"]
        before = await snapshot(app)
        south0 = w.souths[0]
        await south0.send("/faq")
        await south0.next_message()
        assert proposal.callback_data("That works") == f"pp:{move}:ok:20261125T1000"
        for data in (f"pp:{move}:ok:20261125T1000", f"pp:{move}:no:20261125T1000", f"pp:{move}:ok"):
            assert await south0.answer_to(await south0.press(data=data)) == OUT_OF_DATE
        # Nor confirm a session of North0's as if it were theirs.
        second = (await sessions_of(app, north0))[1]
        async with services.sessions() as session:
            plan = await session.get(TreatmentPlan, second.plan_id)
        assert plan is not None
        forged = f"cn:{second.id}:{plan.version}:ok"
        assert await south0.answer_to(await south0.press(data=forged)) == OUT_OF_DATE
        await send_all(app)
        assert await snapshot(app) == before
        # The real patient can accept: the same data works for them.
        await north0.press("That works", message=proposal)
        accepted = await north0.next_message()
        assert (accepted.text or "").startswith("Thank you: the new time is in your plan.")
        moved = (await sessions_of(app, north0))[0]
        assert moved.planned_start == dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.UTC)


async def test_patients_and_strangers_get_unknown_command_for_staff_commands(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        w = await two_clinics(app, sandbox)
        before = await snapshot(app)
        stranger = sandbox.phone("Zed")
        for phone in (w.norths[0], w.souths[0], stranger):
            for command in (*STAFF_COMMANDS, "/staff add 4242", "/closed 23 Nov to 25 Nov"):
                reply = await say(phone, command)
                name = command.split()[0]
                assert reply.text == (
                    f"I don't know the command {name}. Send /help to see the ones I know."
                ), command
            help_text = (await say(phone, "/help")).text or ""
            assert "Staff commands" not in help_text and "/today" not in help_text
        await send_all(app)
        assert await snapshot(app) == before
        for phone in w.norths + w.souths:
            never_mentions(phone, "Message from")
        staff_help = (await say(w.ana, "/help")).text or ""
        assert "Staff commands for North Clinic" in staff_help and "/today" in staff_help
