"""/calendar: the course as an .ics file, parsed back and checked event by event."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import httpx
from icalendar import Calendar
from sqlmodel import select

from mesobot.clock import ManualClock
from mesobot.models import CalendarLink
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic
from .patient_steps import say, tap, with_clinic_plan, with_plan

LONDON = ZoneInfo("Europe/London")


async def calendar_of(phone: Phone) -> Calendar:
    """Send /calendar and read the file the bot sends back."""
    message = await say(phone, "/calendar")
    assert message.document is not None
    assert message.document.file_name == "mesobot-course.ics"
    assert "/calendar" in (message.text or "")  # the caption says how to update it
    return Calendar.from_ical(message.document.content)


async def test_the_course_file_holds_every_session_at_local_time_across_the_clock_change(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        ann = sandbox.phone("Ann")
        await with_plan(ann, day="18 Mar", at="10:00")  # weekly, 10 sessions
        calendar = await calendar_of(ann)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        f"Mesotherapy session {n} of 10" for n in range(1, 11)
    ]
    starts = [e.decoded("dtstart") for e in events]
    # 10:00 in London every week; in UTC 10:00 before the clocks go forward (28 March
    # 2027), 09:00 after.
    assert [s.astimezone(LONDON).strftime("%d %b %H:%M") for s in starts] == [
        "18 Mar 10:00",
        "25 Mar 10:00",
        "01 Apr 10:00",
        "08 Apr 10:00",
        "15 Apr 10:00",
        "22 Apr 10:00",
        "29 Apr 10:00",
        "06 May 10:00",
        "13 May 10:00",
        "20 May 10:00",
    ]
    assert [s.astimezone(dt.UTC).hour for s in starts[:3]] == [10, 10, 9]
    assert all(e["dtstart"].params["TZID"] == "Europe/London" for e in events)
    assert len({str(e["uid"]) for e in events}) == 10
    assert {str(e["status"]) for e in events} == {"TENTATIVE"}
    assert "location" not in events[0]  # no clinic
    # The alarms: the evening before at 19:00 London, and 3 hours before.
    triggers = [a.decoded("trigger") for a in events[2].walk("VALARM")]
    assert triggers[0] == dt.datetime(2027, 3, 31, 18, 0, tzinfo=dt.UTC)  # BST
    assert triggers[1] == -dt.timedelta(hours=3)


async def test_an_updated_file_keeps_each_sessions_uid_with_a_higher_sequence(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        bea = sandbox.phone("Bea")
        await with_clinic_plan(bea, clinic.invite_code, spacing="Every 2 weeks, 8 sessions")
        before = await calendar_of(bea)
        await say(bea, "/pause")
        clock.set(dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC))
        resumed = await say(bea, "/resume")
        assert resumed.labels == ["📅 Update my calendar"]
        await bea.press("📅 Update my calendar")
        offered = await bea.next_message()
        assert offered.document is not None and resumed.labels == []
        after = Calendar.from_ical(offered.document.content)
    first, second = before.walk("VEVENT"), after.walk("VEVENT")
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in second]
    assert all(b["sequence"] > a["sequence"] for a, b in zip(first, second, strict=True))
    assert second[0].decoded("dtstart") > first[0].decoded("dtstart")
    assert str(first[0]["location"]) == "Hair Clinic London, +44 20 7946 0000"


def link_in(text: str | None) -> str:
    """The private calendar link in a message."""
    found = re.search(r"http://\S+\.ics", text or "")
    assert found, text
    return found.group(0)


async def test_a_private_link_serves_the_calendar_until_it_is_reset_or_the_patient_erased(
    sandbox: Sandbox, running_bot: BotFactory, migrated_url: str
) -> None:
    async with running_bot(http=True) as app, httpx.AsyncClient() as web:
        ann, bob = sandbox.phone("Ann"), sandbox.phone("Bob")
        await with_plan(ann, day="18 Mar", at="10:00")
        await with_plan(bob, day="19 Mar", at="11:00")
        sent = await calendar_of(ann)
        link = link_in((await ann.next_message()).text)
        served = await web.get(link)
        assert served.status_code == 200
        assert served.headers["content-type"].startswith("text/calendar")
        subscribed = Calendar.from_ical(served.content)
        assert [str(e["uid"]) for e in subscribed.walk("VEVENT")] == [
            str(e["uid"]) for e in sent.walk("VEVENT")
        ]
        # Asked again, the bot does not make a second link: it says where the first one is.
        await calendar_of(ann)
        again = await ann.next_message()
        assert "already have a private calendar link" in (again.text or "")
        assert "http" not in (again.text or "")
        # Only a hash of the token is stored.
        token = link.rsplit("/", 1)[1].removesuffix(".ics")
        async with app.bot_data.services.sessions() as session:
            stored = [row.token_hash for row in (await session.exec(select(CalendarLink))).all()]
        assert len(stored) == 1 and token not in stored[0]
        # Bob's calendar is his own, under his own link.
        await calendar_of(bob)
        bobs = link_in((await bob.next_message()).text)
        assert bobs != link
        bob_events = Calendar.from_ical((await web.get(bobs)).content).walk("VEVENT")
        assert bob_events[0].decoded("dtstart").astimezone(LONDON).strftime("%d %b %H:%M") == (
            "19 Mar 11:00"
        )
        # A reset stops the old link and gives a new one; a made-up token finds nothing.
        reset = await say(ann, "/calendar reset")
        assert "no longer works" in (reset.text or "")
        fresh = link_in(reset.text)
        assert fresh != link
        assert (await web.get(link)).status_code == 404
        assert (await web.get(fresh)).status_code == 200
        assert (await web.get(link.rsplit("/", 1)[0] + "/made-up.ics")).status_code == 404
        # Erasing Ann erases her links with everything else.
        await say(ann, "/delete")
        await tap(ann, "Yes, erase everything")
        assert (await web.get(fresh)).status_code == 404
        assert (await web.get(bobs)).status_code == 200


async def test_without_a_public_url_calendar_sends_the_file_alone(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        cas = sandbox.phone("Cas")
        await with_plan(cas)
        await calendar_of(cas)
        reset = await say(cas, "/calendar reset")
        assert reset.text == (
            "Calendar links are not switched on for this bot: /calendar sends the file instead."
        )
        # Nothing more came after the file: the next reply is the answer to /next.
        assert "session 1 of 10" in ((await say(cas, "/next")).text or "")
