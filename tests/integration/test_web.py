"""The clinic's web view over HTTP: signing in from a one-time link sent by the bot, every
page limited to the staff member's own clinic, form tokens on every change, signing out
everywhere, and a removed staff member losing access at once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from sqlmodel import select

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.models import ClinicClosure, Patient
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic, send_all, sessions_of
from .patient_steps import all_handled, say, with_clinic_plan

LINK = re.compile(r"http://\S+/web/login/[A-Za-z0-9_-]+")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def link_for(phone: Phone) -> str:
    """Send /web and read the link out of the bot's reply."""
    reply = await say(phone, "/web")
    found = LINK.search(reply.text or "")
    assert found, reply.text
    return found.group(0)


@asynccontextmanager
async def browser(app: MesoApp) -> AsyncIterator[httpx.AsyncClient]:
    """A client that keeps cookies, like one browser."""
    base = app.bot_data.services.settings.public_base()
    async with httpx.AsyncClient(base_url=base or "") as client:
        yield client


async def sign_in(client: httpx.AsyncClient, link: str) -> httpx.Response:
    response = await client.post(link)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/web/week"
    return response


def plain(page: httpx.Response) -> str:
    """The page's text without its tags."""
    return re.sub(r"<[^>]+>", "", page.text)


def csrf_of(page: httpx.Response) -> str:
    found = CSRF.search(page.text)
    assert found, page.text
    return found.group(1)


async def patient_id(app: MesoApp, phone: Phone) -> int:
    async with app.bot_data.services.sessions() as session:
        query = select(Patient).where(Patient.telegram_user_id == phone.user_id)
        found = (await session.exec(query)).one()
        assert found.id is not None
        return found.id


async def two_clinics(app: MesoApp, sandbox: Sandbox) -> tuple[Phone, Phone, Phone, Phone]:
    """Ada runs Hair Clinic London with Ann on Thursdays; Oz runs Other Clinic with Bob."""
    ada, oz = sandbox.phone("Dr Ada"), sandbox.phone("Dr Oz")
    london = await make_clinic(app, ada)
    other = await make_clinic(app, oz, name="Other Clinic", contact="+44 20 0000 0000")
    ann, bob = sandbox.phone("Ann"), sandbox.phone("Bob")
    await with_clinic_plan(ann, london.invite_code, day="26 Nov", at="10:00")
    await with_clinic_plan(bob, other.invite_code, day="27 Nov", at="11:00")
    return ada, oz, ann, bob


async def test_a_link_signs_in_once_and_each_clinic_sees_only_its_own(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot(http=True) as app, browser(app) as web, browser(app) as other:
        ada, oz, ann, bob = await two_clinics(app, sandbox)
        link = await link_for(ada)
        # Opening the link shows a button; only the button's POST uses it up.
        shown = await web.get(link)
        assert shown.status_code == 200 and "Sign in" in shown.text
        response = await sign_in(web, link)
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/web" in cookie
        assert "Max-Age=43200" in cookie
        again = await web.post(link)
        assert again.status_code == 410 and "has been used already" in again.text
        week = await web.get("/web/week")
        assert week.status_code == 200
        ann_id, bob_id = await patient_id(app, ann), await patient_id(app, bob)
        assert f"10:00  Ann (#{ann_id})" in plain(week) and "Bob" not in week.text
        patients = await web.get("/web/patients")
        assert f"Ann (#{ann_id})" in patients.text and "Bob" not in patients.text
        searched = await web.get("/web/patients", params={"q": "bo"})
        assert "Ann" not in searched.text and "No patients found." in searched.text
        card = await web.get(f"/web/patients/{ann_id}")
        assert card.status_code == 200
        assert "1. Thu 26 Nov 2026, 10:00 — planned" in plain(card)
        # Another clinic's patient is not there at all, as if there were no such patient.
        assert (await web.get(f"/web/patients/{bob_id}")).status_code == 404
        assert (await web.get("/web/patients/99999")).status_code == 404
        assert (await web.get("/web/patients/abc")).status_code == 404
        # Oz signs in for his own clinic and sees Bob, never Ann.
        await sign_in(other, await link_for(oz))
        theirs = await other.get("/web/week")
        assert f"11:00  Bob (#{bob_id})" in plain(theirs) and "Ann" not in theirs.text
        assert (await other.get(f"/web/patients/{ann_id}")).status_code == 404
        requests = await other.get("/web/requests")
        assert requests.status_code == 200 and "Ann" not in requests.text
        # Closing Ann's Thursday from Oz's session closes nothing of Ann's clinic.
        preview = await other.get("/web/close", params={"day": "2026-11-26"})
        assert "Ann" not in preview.text and "nothing to move" in preview.text
        form = {"csrf": csrf_of(theirs), "day": "2026-11-26", "target": "2026-11-27"}
        refused = await other.post("/web/close", data=form)
        assert refused.status_code == 409
        assert [s.planned_start.day for s in await sessions_of(app, ann)][:1] == [26]
        # An unknown link, and one past its ten minutes.
        assert (await web.get(link.rsplit("/", 1)[0] + "/made-up")).status_code == 404
        late = await link_for(ada)
        clock.advance(dt.timedelta(minutes=11))
        expired = await other.post(late)
        assert expired.status_code == 410 and "has expired" in expired.text
        # Twelve hours on, the browser session is over.
        clock.advance(dt.timedelta(hours=12))
        over = await web.get("/web/week")
        assert over.status_code == 401 and "You are not signed in" in over.text


async def test_changes_need_the_form_token_and_closing_a_day_tells_the_patients(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot(http=True) as app, browser(app) as web:
        ada, _, ann, _ = await two_clinics(app, sandbox)
        await sign_in(web, await link_for(ada))
        preview = await web.get("/web/close", params={"day": "2026-11-26"})
        assert "1 patient, 1 session will move to Fri 27 Nov 2026" in plain(preview)
        form = {"day": "2026-11-26", "target": "2026-11-27"}
        # Without the form token, or with another, nothing changes.
        for token in (None, "forged"):
            data = form if token is None else {**form, "csrf": token}
            refused = await web.post("/web/close", data=data)
            assert refused.status_code == 403 and "nothing was changed" in refused.text
        async with app.bot_data.services.sessions() as session:
            assert (await session.exec(select(ClinicClosure))).all() == []
        closed = await web.post("/web/close", data={**form, "csrf": csrf_of(preview)})
        assert closed.status_code == 303
        assert closed.headers["location"] == "/web/week?closed=2026-11-26"
        week = await web.get(closed.headers["location"])
        assert "Thu 26 Nov 2026 is closed" in plain(week)
        notice = await ann.wait_for(
            lambda: next((m for m in ann.received if "is closed on" in (m.text or "")), None)
        )
        assert "has moved to <b>Fri 27 Nov 2026, 10:00</b>" in (notice.html or notice.text or "")


async def test_signing_out_ends_every_session_and_a_removed_member_is_out_at_once(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with (
        running_bot(http=True) as app,
        browser(app) as laptop,
        browser(app) as phone,
        browser(app) as desk,
    ):
        ada = sandbox.phone("Dr Ada")
        nurse = sandbox.phone("Nurse Ned")
        await make_clinic(app, ada, staff=(nurse,))
        await sign_in(laptop, await link_for(ada))
        await sign_in(phone, await link_for(ada))
        page = await laptop.get("/web/week")
        # Signing out needs the form token too.
        assert (await laptop.post("/web/signout")).status_code == 403
        out = await laptop.post("/web/signout", data={"csrf": csrf_of(page)})
        assert out.status_code == 200 and "You are signed out" in out.text
        assert (await laptop.get("/web/week")).status_code == 401
        assert (await phone.get("/web/week")).status_code == 401
        # /web signout in the chat does the same.
        await sign_in(phone, await link_for(ada))
        ended = await say(ada, "/web signout")
        assert ended.text == "Signed out of the web view everywhere: 1 browser sessions ended."
        assert (await phone.get("/web/week")).status_code == 401
        # A staff member removed from the clinic is out at once, and their link is dead.
        await sign_in(desk, await link_for(nurse))
        unused = await link_for(nurse)
        assert (await desk.get("/web/week")).status_code == 200
        await say(ada, f"/staff remove {nurse.user_id}")
        assert (await desk.get("/web/week")).status_code == 401
        assert (await desk.post(unused)).status_code == 410
        # Someone who is not staff gets no link.
        stranger = sandbox.phone("Sam")
        assert "/web" in ((await say(stranger, "/web")).text or "")
        assert not LINK.search(stranger.last.text or "")


async def test_a_broadcast_from_the_browser_and_its_report_for_its_own_clinic_only(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot(http=True) as app, browser(app) as web, browser(app) as other:
        ada, oz, ann, bob = await two_clinics(app, sandbox)
        await sign_in(web, await link_for(ada))
        form_page = await web.get("/web/broadcast")
        token = csrf_of(form_page)
        # A range with its last day before the first is refused, and nothing is drafted.
        wrong = await web.post(
            "/web/broadcast",
            data={
                "csrf": token,
                "text": "Hi",
                "audience": "range",
                "first": "2026-11-27",
                "last": "2026-11-26",
            },
        )
        assert wrong.status_code == 400 and "not before the first" in wrong.text
        assert (await web.post("/web/broadcast", data={"text": "Hi"})).status_code == 403
        preview = await web.post(
            "/web/broadcast",
            data={
                "csrf": token,
                "text": "The lift is out today: please use the stairs <3",
                "audience": "day",
                "first": "2026-11-26",
            },
        )
        assert preview.status_code == 200
        assert "patients with a session on Thu 26 Nov 2026: 1" in plain(preview)
        assert "please use the stairs &lt;3" in preview.text
        number = re.search(r'name="broadcast" value="(\d+)"', preview.text)
        assert number
        sent = await web.post(
            "/web/broadcast/send", data={"csrf": token, "broadcast": number.group(1)}
        )
        assert sent.status_code == 303
        report_url = sent.headers["location"] + "/report"
        await send_all(app)
        report = await web.get(report_url)
        assert "Delivered: 1 of 1" in plain(report) and 'http-equiv="refresh"' not in report.text
        got = await ann.wait_for(
            lambda: next((m for m in ann.received if "use the stairs" in (m.text or "")), None)
        )
        assert (got.text or "").startswith("Message from Hair Clinic London")
        assert not [m for m in bob.received if "stairs" in (m.text or "")]
        # The same broadcast cannot be sent twice, and another clinic cannot see it.
        again = await web.post(
            "/web/broadcast/send", data={"csrf": token, "broadcast": number.group(1)}
        )
        assert again.status_code == 409
        await sign_in(other, await link_for(oz))
        assert (await other.get(sent.headers["location"])).status_code == 404
        assert (await other.get(report_url)).status_code == 404


async def test_admins_manage_the_staff_list_from_the_browser_and_only_their_own(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot(http=True) as app, browser(app) as web, browser(app) as nurse_web:
        ada, oz, _, _ = await two_clinics(app, sandbox)
        nurse = sandbox.phone("Nurse Ned")
        await sign_in(web, await link_for(ada))
        page = await web.get("/web/staff")
        assert f"{ada.user_id} (admin)" in page.text
        assert str(oz.user_id) not in page.text
        token = csrf_of(page)
        added = await web.post(
            "/web/staff", data={"csrf": token, "user": str(nurse.user_id), "action": "add"}
        )
        assert f"User {nurse.user_id} is now staff of Hair Clinic London." in plain(added)
        # Another clinic's admin cannot be removed from here, nor can a forged form act.
        kept = await web.post(
            "/web/staff", data={"csrf": token, "user": str(oz.user_id), "action": "remove"}
        )
        assert "I couldn't change that" in plain(kept)
        assert (
            await web.post("/web/staff", data={"user": "5", "action": "add"})
        ).status_code == 403
        # Plain staff see the list but cannot change it.
        await sign_in(nurse_web, await link_for(nurse))
        theirs = await nurse_web.get("/web/staff")
        refused = await nurse_web.post(
            "/web/staff", data={"csrf": csrf_of(theirs), "user": "77", "action": "add"}
        )
        assert "Only the clinic's admins can change the staff list." in plain(refused)
        assert "77 (staff)" not in refused.text


async def test_staff_propose_a_time_and_mark_requests_handled_in_the_browser(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot(http=True) as app, browser(app) as web, browser(app) as other:
        ada, oz, ann, _ = await two_clinics(app, sandbox)
        services = app.bot_data.services
        seat = await services.clinics.seat(telegram_user_id=ada.user_id)
        assert seat is not None
        request_id = await services.requests.move_for_staff(seat, await patient_id(app, ann))
        await say(ada, "/hours Mon-Fri 09:00-18:00")
        await sign_in(web, await link_for(ada))
        page = await web.get("/web/requests")
        assert "Ann" in plain(page) and f"/web/requests/{request_id}/propose" in page.text
        token = csrf_of(page)
        # Another clinic's staff can do nothing with it.
        await sign_in(other, await link_for(oz))
        theirs = await other.get("/web/requests")
        foreign = {"csrf": csrf_of(theirs), "day": "2026-11-27", "time": "11:00"}
        assert (
            await other.post(f"/web/requests/{request_id}/propose", data=foreign)
        ).status_code == 409
        assert (
            await other.post(f"/web/requests/{request_id}/handled", data=foreign)
        ).status_code == 409
        # A Saturday is outside the clinic's days; Friday at 11:00 is offered to Ann.
        saturday = {"csrf": token, "day": "2026-11-28", "time": "11:00"}
        closed = await web.post(f"/web/requests/{request_id}/propose", data=saturday)
        assert closed.status_code == 409 and "does not take sessions at that time" in closed.text
        friday = {"csrf": token, "day": "2026-11-27", "time": "11:00"}
        proposed = await web.post(f"/web/requests/{request_id}/propose", data=friday)
        assert proposed.status_code == 303
        offer = await ann.wait_for(
            lambda: next((m for m in ann.received if "proposes a new time" in (m.text or "")), None)
        )
        assert "Fri 27 Nov 2026, 11:00" in (offer.text or "")
        handled = await web.post(f"/web/requests/{request_id}/handled", data={"csrf": token})
        assert handled.status_code == 303
        after = await web.get(handled.headers["location"])
        assert "Marked as handled." in after.text and "No open requests." in after.text
        # From the card too: a time for Ann's next session, which Oz cannot offer.
        ann_id = await patient_id(app, ann)
        card = await web.get(f"/web/patients/{ann_id}")
        assert "Propose a time for session 1" in card.text
        monday = {"csrf": token, "day": "2026-11-30", "time": "10:00"}
        foreign = {**monday, "csrf": csrf_of(theirs)}
        assert (
            await other.post(f"/web/patients/{ann_id}/propose", data=foreign)
        ).status_code == 409
        offered = await web.post(f"/web/patients/{ann_id}/propose", data=monday)
        assert offered.status_code == 303
        assert offered.headers["location"] == f"/web/patients/{ann_id}?done=proposed"
        await ann.wait_for(
            lambda: next(
                (m for m in ann.received if "Mon 30 Nov 2026, 10:00" in (m.text or "")), None
            )
        )


async def test_a_card_shows_what_waits_for_the_patient_and_the_warning_signs_they_reported(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot(http=True) as app, browser(app) as web:
        ada, _, ann, _ = await two_clinics(app, sandbox)
        await sign_in(web, await link_for(ada))
        await say(ann, "the injection spot is oozing pus and I feel feverish")
        await all_handled(ann)
        card = plain(await web.get(f"/web/patients/{await patient_id(app, ann)}"))
        assert "Warning signs reported" in card
        assert "the injection spot is oozing pus and I feel feverish" in card
        # The evening-before reminder is the first of what waits: Wed 25 Nov at 19:00.
        waiting = re.search(r"Messages waiting to be sent to them: (\d+), the next (.+?)\.", card)
        assert waiting and int(waiting.group(1)) > 10
        assert waiting.group(2) == "Wed 25 Nov 2026, 19:00"
