"""/reminders: the settings message and its buttons; pending reminders follow at once."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from mesobot.app import MesoApp
from mesobot.models import OutboxMessage, OutboxStatus
from mesobot.sandbox import Sandbox
from tests.conftest import BotFactory

from .patient_steps import say, with_plan


async def pending(app: MesoApp, kind: str) -> list[dt.datetime]:
    async with app.bot_data.services.sessions() as session:
        rows = await session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.kind == kind, OutboxMessage.status == OutboxStatus.PENDING)
            .order_by(col(OutboxMessage.due_at))
        )
        return [row.due_at for row in rows]


async def test_the_settings_change_with_a_tap_and_the_reminders_follow(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        ann = sandbox.phone("Ann")
        await with_plan(ann, day="3 Dec", at="10:00")
        shown = await say(ann, "/reminders")
        assert shown.text == (
            "Your reminders\nThe evening before: at 19:00\nBefore the session: 3 hours before\n"
            "Quiet hours: 21:00 to 08:00\n\nTap below to change them."
        )
        assert shown.buttons[1] == ["18:00", "✓ 19:00", "20:00", "21:00"]
        assert len(await pending(app, "reminder_eve")) == 10
        # The evening reminder at 20:00, London time (GMT in December).
        await ann.press("20:00")
        await ann.wait_for(lambda: "at 20:00" in (shown.text or "") or None)
        assert (await pending(app, "reminder_eve"))[0] == dt.datetime(
            2026, 12, 2, 20, 0, tzinfo=dt.UTC
        )
        # One hour before instead of three.
        await ann.press("1")
        await ann.wait_for(lambda: "1 hour before" in (shown.text or "") or None)
        assert (await pending(app, "reminder_soon"))[0] == dt.datetime(
            2026, 12, 3, 9, 0, tzinfo=dt.UTC
        )
        # Tapping what is already chosen changes nothing (and asks Telegram nothing).
        edits = len(shown.history)
        await ann.press("✓ 1")
        # Off: the evening reminders are gone, and the time buttons with them.
        await ann.press("Turn off the evening reminder")
        await ann.wait_for(lambda: "The evening before: off" in (shown.text or "") or None)
        assert len(shown.history) == edits + 1
        assert await pending(app, "reminder_eve") == []
        assert "20:00" not in shown.labels
        await ann.press("None")
        await ann.wait_for(lambda: "Quiet hours: None" in (shown.text or "") or None)
        # /evening still works, and the settings say so.
        await say(ann, "/evening 18:30")
        again = await say(ann, "/reminders")
    assert "The evening before: off" in (again.text or "")


async def test_a_forged_setting_changes_nothing(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot() as app:
        bea = sandbox.phone("Bea")
        await with_plan(bea, day="3 Dec", at="10:00")
        shown = await say(bea, "/reminders")
        before = await pending(app, "reminder_soon")
        for forged in ("rs:hours:9", "rs:at:0315", "rs:quiet:0000-2359", "rs:evening:maybe"):
            query = await bea.press(data=forged, message=shown)
            assert await bea.answer_to(query) == "That choice is out of date."
        assert await pending(app, "reminder_soon") == before
        assert len(shown.history) == 0
