"""/closed through the sandbox: a day's sessions move, with notices, across a DST change."""

from __future__ import annotations

import datetime as dt

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.models import OutboxStatus, SessionStatus
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic, outbox_of, seed_patients, send_all, sessions_of
from .patient_steps import say, tap

UTC = dt.UTC
# London: Saturday 27 March 2027 is the last day on GMT; the clocks go forward that night.
SATURDAY = dt.date(2027, 3, 27)


def notices(phone: Phone) -> list[str]:
    return [m.text or "" for m in phone.received if "is closed on" in (m.text or "")]


async def closed_for_fifty(app: MesoApp, sandbox: Sandbox, admin: Phone) -> list[Phone]:
    clinic = await make_clinic(app, admin)
    # Every 14 days from Saturday 27 March at 10:00, 10:10, ... 18:10 London time.
    return await seed_patients(app, sandbox, clinic, 50, first_day=SATURDAY, interval=14)


async def test_closing_a_day_moves_fifty_patients_across_the_dst_change(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2027, 3, 22, 9, 0, tzinfo=UTC))
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        patients = await closed_for_fifty(app, sandbox, admin)
        before = {p.name: await sessions_of(app, p) for p in patients}
        preview = await say(admin, "/closed 27 Mar")
        assert "Closing Sat 27 Mar 2027" in (preview.text or "")
        assert "50 patients, 50 sessions will move to Sun 28 Mar 2027" in (preview.text or "")
        assert "10:00  Patient0" in (preview.text or "")
        progress = await tap(admin, "Close the day and move them")
        done = await admin.next_message()
        assert "50 sessions of 50 patients moved to Sun 28 Mar 2027" in (done.text or "")
        await send_all(app)
        after = {p.name: await sessions_of(app, p) for p in patients}
        assert "Delivered: 50 of 50" in (progress.text or "")
    for i, phone in enumerate(patients):
        old, new = before[phone.name], after[phone.name]
        minutes = 10 * 60 + 10 * (i % 48)  # as seed_patients spreads them
        # Same wall time a day later: Saturday was GMT (UTC+0), Sunday is BST (UTC+1).
        assert old[0].planned_start == dt.datetime(2027, 3, 27, tzinfo=UTC) + dt.timedelta(
            minutes=minutes
        )
        assert new[0].planned_start == dt.datetime(2027, 3, 28, tzinfo=UTC) + dt.timedelta(
            minutes=minutes - 60
        )
        # Later sessions keep their spacing: each moves one day, at the same wall time.
        for was, now in zip(old[1:], new[1:], strict=True):
            assert now.planned_start - was.planned_start == dt.timedelta(days=1)
        assert [s.status for s in new] == [SessionStatus.PLANNED] * 6
        wall = f"{minutes // 60:02d}:{minutes % 60:02d}"
        assert notices(phone) == [
            "Hair Clinic London is closed on Sat 27 Mar 2027.\n"
            f"Your session 1 of 6 has moved to Sun 28 Mar 2027, {wall}. "
            "Your later sessions keep their spacing.\nDoes the new time work for you?"
        ]
    # Reminders follow: the evening-before reminder of session 1 is now for Sunday's time.
    reminders = [
        r for r in await outbox_of(app, "reminder_eve") if r.status == OutboxStatus.PENDING
    ]
    first_ids = {after[p.name][0].id for p in patients}
    firsts = [r for r in reminders if r.session_id in first_ids]
    assert len(firsts) == 50 and all(r.dedupe_key.find(":20270328T") > 0 for r in firsts)


async def test_patients_accept_or_ask_for_another_time(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2027, 3, 22, 9, 0, tzinfo=UTC))
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        amy, ben = await seed_patients(app, sandbox, clinic, 2, first_day=SATURDAY)
        await say(admin, "/closed 27 Mar to 30 Mar")
        await tap(admin, "Close the day and move them")  # the notices' progress
        await admin.next_message()  # what moved
        await send_all(app)
        await amy.next_message()
        accepted = await tap(amy, "That works")
        assert accepted.text == "Thank you: see you on Tue 30 Mar 2027, 10:00."
        await ben.next_message()
        asked = await tap(ben, "Ask for another time")
        assert "I've asked Hair Clinic London to find a new time for session 1" in (
            asked.text or ""
        )
        await send_all(app)
        request = await admin.next_message()
        assert "Patient1 (#" in (request.text or "") and "session 1 of 6" in (request.text or "")
        assert request.labels == ["Propose a time", "Mark as handled"]
        amy_sessions, ben_sessions = await sessions_of(app, amy), await sessions_of(app, ben)
    assert amy_sessions[0].status == SessionStatus.CONFIRMED
    assert ben_sessions[0].status == SessionStatus.PLANNED


async def test_bad_closures_change_nothing(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2027, 3, 22, 9, 0, tzinfo=UTC))
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        (amy,) = await seed_patients(app, sandbox, clinic, 1, first_day=SATURDAY)
        before = await sessions_of(app, amy)
        replies = {
            typed: (await say(admin, typed)).text or ""
            for typed in (
                "/closed",
                "/closed the day after the party",
                "/closed 1 Mar 2027",
                "/closed 26 Mar",
                "/closed 27 Mar 2027 to 20 Mar 2027",
                "/closed 27 Mar 2029",
            )
        }
        preview = await say(admin, "/closed 27 Mar")
        await tap(admin, "Cancel")
        again = await say(admin, "/closed 27 Mar")
        await tap(admin, "Close the day and move them")  # the notices' progress
        await admin.next_message()  # what moved
        twice = await say(admin, "/closed 27 Mar")
        onto_closed = await say(admin, "/closed 26 Mar to 27 Mar")
        # The cancelled preview's button, pressed anyway (a double tap, or forged).
        stale = await admin.press(data="cl:2027-03-27:2027-03-28:ok", message=preview)
        stale_reply = await admin.next_message()  # "Closing…", then edited to say why not
        await admin.wait_for(lambda: "already" in (stale_reply.text or ""), what="the refusal")
        after = await sessions_of(app, amy)
    assert "for example /closed 14 Dec" in replies["/closed"]
    assert "couldn't read “the day after the party”" in replies["/closed the day after the party"]
    assert "Mon 1 Mar 2027 has already passed" in replies["/closed 1 Mar 2027"]
    assert "nothing to move" in replies["/closed 26 Mar"]
    assert (
        "The new day must be after Sat 27 Mar 2027" in replies["/closed 27 Mar 2027 to 20 Mar 2027"]
    )
    assert "more than a year away" in replies["/closed 27 Mar 2029"]
    assert "1 patient, 1 session will move" in (preview.text or "") and preview.text == again.text
    assert "already marked closed" in (twice.text or "")
    assert (
        onto_closed.text
        == "The clinic is closed on Sat 27 Mar 2027 too: please choose another day."
    )
    assert stale.answered and "already marked closed" in (stale_reply.text or "")
    # Moved once, to Sunday 10:00 (BST), whatever else was typed or pressed.
    assert before[0].planned_start == dt.datetime(2027, 3, 27, 10, 0, tzinfo=UTC)
    assert after[0].planned_start == dt.datetime(2027, 3, 28, 9, 0, tzinfo=UTC)
