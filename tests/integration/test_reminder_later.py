""" "Remind me later" under a reminder: again in 1 or 3 hours, never inside quiet hours,
never past the session's start."""

from __future__ import annotations

import datetime as dt

from mesobot.clock import ManualClock
from mesobot.sandbox import Sandbox
from tests.conftest import BotFactory

from .patient_steps import with_plan

UTC = dt.UTC


async def test_later_comes_again_outside_quiet_hours_and_not_past_the_start(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        ann = sandbox.phone("Ann")
        await with_plan(ann, day="3 Dec", at="10:00")  # London: GMT, quiet 21:00-08:00
        clock.set(dt.datetime(2026, 12, 2, 19, 0, tzinfo=UTC))
        await app.bot_data.dispatcher.run_due()
        evening = await ann.next_message()
        assert "session 1 of 10" in (evening.text or "")
        assert evening.buttons[-1] == ["Remind me in 1 hour", "In 3 hours"]
        await ann.press("Remind me in 1 hour")
        assert (await ann.next_message()).text == "I'll remind you again at 20:00."
        assert evening.labels == []  # pressed: its buttons are gone
        clock.set(dt.datetime(2026, 12, 2, 19, 59, tzinfo=UTC))
        assert await app.bot_data.dispatcher.run_due() == 0
        clock.set(dt.datetime(2026, 12, 2, 20, 0, tzinfo=UTC))
        await app.bot_data.dispatcher.run_due()
        again = await ann.next_message()
        assert "session 1 of 10" in (again.text or "")
        assert "I'll be there" in again.labels
        # Three hours later is 23:00, inside quiet hours: it waits until they end.
        await ann.press("In 3 hours", message=again)
        assert (await ann.next_message()).text == "I'll remind you again at 08:00."
        clock.set(dt.datetime(2026, 12, 3, 7, 59, tzinfo=UTC))
        assert await app.bot_data.dispatcher.run_due() == 0
        clock.set(dt.datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
        assert await app.bot_data.dispatcher.run_due() == 2  # and the hours-before one
        morning = [await ann.next_message(), await ann.next_message()]
        assert sorted((m.text or "")[:12] for m in morning) == ["A reminder, ", "Your next se"]
        # Three hours from 08:00 is after the 10:00 start: no more.
        await ann.press("In 3 hours", message=morning[-1])
        last = await ann.wait_for(
            lambda: next((m for m in ann.received if "last reminder" in (m.text or "")), None)
        )
        assert last.text == "The session starts before then, so this is the last reminder."
