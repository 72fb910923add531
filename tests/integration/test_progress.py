"""Progress: the monthly check-in with buttons, stored with its date; /progress as a chart
that changes with the answers, and a summary in words."""

from __future__ import annotations

import datetime as dt

import png

from mesobot.clock import ManualClock
from mesobot.render.chart import RATING, SHEDDING
from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic
from .patient_steps import all_handled, say, with_clinic_plan, with_plan

UTC = dt.UTC
FORTNIGHTLY = "Every 2 weeks, 8 sessions"


async def check_in(phone: Phone, shedding: str, rating: str) -> None:
    shedding_buttons = ["Much less", "Less", "About the same", "More", "Much more"]
    asked = await phone.wait_for(
        lambda: next((m for m in phone.received if m.labels == shedding_buttons), None)
    )
    assert (asked.text or "").startswith("A monthly check-in on your hair.")
    await phone.press(shedding, message=asked)
    await phone.wait_for(lambda: asked.labels == ["1", "2", "3", "4", "5"] or None)
    assert (asked.text or "").startswith("And how would you rate your hair now")
    await phone.press(rating, message=asked)
    await phone.wait_for(
        lambda: (phone.received[-1].text or "").startswith("Thank you, noted.") or None
    )
    assert asked.labels == []


def pixels(data: bytes) -> tuple[int, set[tuple[int, ...]]]:
    width, _, rows, _ = png.Reader(bytes=data).asRGB8()
    colours = {tuple(row[i : i + 3]) for row in rows for i in range(0, len(row), 3)}
    return width, colours


async def test_check_ins_and_the_chart(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        ann = sandbox.phone("Ann")
        await with_plan(ann, day="3 Dec", at="10:00")
        none_yet = await say(ann, "/progress")
        assert (none_yet.text or "").startswith("You haven't answered a progress check-in yet")
        # A month after the first session, at 10:00 London.
        clock.set(dt.datetime(2027, 1, 3, 10, 0, tzinfo=UTC))
        await app.bot_data.dispatcher.run_due()
        await check_in(ann, "Less", "3")
        await all_handled(ann)
        first = await say(ann, "/progress")
        assert first.document is not None
        assert first.document.file_name == "mesobot-progress.png"
        assert (first.text or "").startswith(
            "On Sun 3 Jan 2027 you said: shedding less than before; your hair 3 of 5."
        )
        assert "months rather than weeks" in (first.text or "")  # the sources' timeline
        width, colours = pixels(first.document.content)
        assert width == 640 and {RATING, SHEDDING} <= colours
        clock.set(dt.datetime(2027, 2, 3, 10, 0, tzinfo=UTC))
        await app.bot_data.dispatcher.run_due()
        await check_in(ann, "Much less", "5")
        await all_handled(ann)
        second = await say(ann, "/progress")
    assert second.document is not None
    assert second.document.content != first.document.content
    assert "shedding much less than before; your hair 5 of 5" in (second.text or "")


async def test_staff_see_the_latest_check_in_with_the_patient(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        bea = sandbox.phone("Bea")
        await with_clinic_plan(bea, clinic.invite_code, day="1 Dec", spacing=FORTNIGHTLY)
        clock.set(dt.datetime(2027, 1, 1, 10, 0, tzinfo=UTC))
        await app.bot_data.dispatcher.run_due()
        await check_in(bea, "About the same", "4")
        listed = await say(admin, "/patients")
    assert "↳ Hair check-in Fri 1 Jan 2027: shedding about the same as before, hair 4 of 5" in (
        listed.text or ""
    )
