"""A clinic's opening hours: /hours for staff (admins change them), and no change of plan
lands a session on a day the clinic is closed or outside its hours: it goes to the next open
slot and the patient is told."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mesobot.clock import ManualClock
from mesobot.sandbox import ChatMessage, Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic, send_all, sessions_of
from .patient_steps import say, tap, with_clinic_plan

LONDON = ZoneInfo("Europe/London")
HOURS_NOTICE = "Hair Clinic London does not take sessions then"


def local(moments: list[dt.datetime]) -> list[str]:
    return [m.astimezone(LONDON).strftime("%a %d %b %H:%M") for m in moments]


async def hours_notice(phone: Phone) -> ChatMessage:
    return await phone.wait_for(
        lambda: next((m for m in phone.received if HOURS_NOTICE in (m.text or "")), None)
    )


async def test_staff_see_the_hours_and_only_admins_change_them(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        admin, nurse = sandbox.phone("Dr Ada"), sandbox.phone("Nurse Ned")
        await make_clinic(app, admin, staff=(nurse,))
        shown = await say(nurse, "/hours")
        assert (shown.text or "").startswith(
            "Hair Clinic London takes sessions: any day, any time."
        )
        refused = await say(nurse, "/hours Mon-Fri 09:00-18:00")
        assert refused.text == "Only the clinic's admins can change the opening hours."
        unread = await say(admin, "/hours weekdays from 9 to 6")
        assert (unread.text or "").startswith("I could not read those hours.")
        done = await say(admin, "/hours Mon-Fri 09:00-18:00")
        assert (done.text or "").startswith(
            "Done: Hair Clinic London takes sessions Mo–Fr 09:00–18:00."
        )
        again = await say(nurse, "/hours")
        assert (again.text or "").startswith(
            "Hair Clinic London takes sessions: Mo–Fr 09:00–18:00."
        )
        off = await say(admin, "/hours off")
        assert (off.text or "").startswith("Done: Hair Clinic London takes sessions any day")
        patient = sandbox.phone("Pat")
        assert (await say(patient, "/hours")).text == (
            "I don't know the command /hours. Send /help to see the ones I know."
        )


async def test_no_session_lands_on_a_closed_day_or_outside_the_hours(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        await say(admin, "/hours Mon-Fri 09:00-18:00")
        # A first session asked for on a Saturday is booked for Monday, at the same time.
        bea = sandbox.phone("Bea")
        await with_clinic_plan(bea, clinic.invite_code, day="5 Dec", at="10:00")
        notice = await hours_notice(bea)
        assert "your session 1 of 10 is on Mon 7 Dec 2026, 10:00 instead" in (notice.text or "")
        assert notice.labels == ["📅 Update my calendar"]
        assert local([s.planned_start for s in await sessions_of(app, bea)])[:3] == [
            "Mon 07 Dec 10:00",
            "Mon 14 Dec 10:00",
            "Mon 21 Dec 10:00",
        ]
        # Fridays at 10:00; closing Friday 4 December moves them to Monday, not the weekend.
        ann = sandbox.phone("Ann")
        await with_clinic_plan(ann, clinic.invite_code, day="4 Dec", at="10:00")
        preview = await say(admin, "/closed 4 Dec")
        assert "will move to Mon 7 Dec 2026" in (preview.text or "")
        await tap(admin, "Close the day and move them")
        await admin.next_message()
        await send_all(app)
        closure = await ann.next_message()
        assert "has moved to Mon 7 Dec 2026, 10:00" in (closure.text or "")
        moved = local([s.planned_start for s in await sessions_of(app, ann)])
        assert moved[:3] == ["Mon 07 Dec 10:00", "Mon 14 Dec 10:00", "Mon 21 Dec 10:00"]
        # Paused over the weekend, resumed on Thursday: five days on is a Saturday, so the
        # course runs again from Monday at 10:00, each later session keeping the spacing.
        clock.set(dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC))
        await say(ann, "/pause")
        clock.set(dt.datetime(2026, 12, 10, 11, 0, tzinfo=dt.UTC))
        resumed = await say(ann, "/resume")
        assert "Mon 14 Dec 2026, 10:00" in (resumed.text or "")
        notice = await hours_notice(ann)
        assert "your session 1 of 10 is on Mon 14 Dec 2026, 10:00 instead" in (notice.text or "")
        after = local([s.planned_start for s in await sessions_of(app, ann)])
        assert after[:3] == ["Mon 14 Dec 10:00", "Mon 21 Dec 10:00", "Mon 28 Dec 10:00"]
        assert all(day.split()[0] in ("Mon", "Tue", "Wed", "Thu", "Fri") for day in after)
