"""Clinic broadcasts through the sandbox: composing, flood control, blocked patients, restarts."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlmodel import select

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.content import load_catalogue
from mesobot.models import Broadcast, BroadcastStatus, Clinic, OutboxStatus, Patient, PatientStatus
from mesobot.render.reports import report_text
from mesobot.sandbox import ChatMessage, Phone, Sandbox
from mesobot.services.broadcasts import Progress
from tests.conftest import BotFactory

from .clinic_steps import make_clinic, outbox_of, seed_patients
from .patient_steps import say, tap

HEADING = "Message from Hair Clinic London"
NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
TEXT = "We are closed on Monday 14 December. Your clinic will call you to rebook."


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """Flood control on, as Telegram has it: about 1 message a second per chat, and a
    global rate (200/s here, so a thousand messages take seconds, not half a minute)."""
    async with Sandbox(chat_rate=1.0, chat_burst=3, global_rate=200.0, global_burst=200) as sb:
        yield sb


def broadcasts_to(phone: Phone) -> list[ChatMessage]:
    return [m for m in phone.received if HEADING in (m.text or "")]


async def compose(admin: Phone, text: str = TEXT) -> ChatMessage:
    """/broadcast, the text, all active patients: returns the preview."""
    asked = await say(admin, "/broadcast")
    assert "What should the message say?" in (asked.text or "")
    audience = await say(admin, text)
    assert audience.labels[:1] == ["All active patients"]
    return await tap(admin, "All active patients")


async def until_reported(app: MesoApp, clock: ManualClock, progress: ChatMessage) -> str:
    """Run the dispatcher, moving the clock past any flood-control waits, until the report."""
    for _ in range(60):
        await app.bot_data.dispatcher.run_due()
        if ": done" in (progress.text or ""):
            return progress.text or ""
        clock.advance(dt.timedelta(seconds=30))
    raise AssertionError(f"no report; progress says {progress.text!r}")


async def test_a_thousand_patients_under_flood_control(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    # The bot is allowed more than Telegram's limit here, so some sends meet a 429.
    sandbox.flood.global_rate = sandbox.flood.global_burst = 100
    async with running_bot(max_rate=400) as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        patients = await seed_patients(app, sandbox, clinic, 1000)
        others = await seed_patients(app, sandbox, None, 5, prefix="Elsewhere")
        blocked = patients[10:13]
        for phone in blocked:
            # They block the bot so late that the bot has not yet heard (Telegram's update
            # is still on its way): the broadcast finds out when it writes to them.
            phone.chat.blocked = True
        preview = await compose(admin)
        assert "<b>1000</b>" in (preview.html or "") and TEXT in (preview.text or "")
        assert preview.labels[0] == "Send to 1000"
        await admin.press("Send to 1000")
        report = await until_reported(app, clock, preview)
    assert "Delivered: 997 of 1000" in report
    assert "Blocked the bot: 3" in report and "Failed: 0" in report
    for phone in blocked:
        assert f"{phone.name} (#" in report
    # The report's numbers are the transcript's.
    reached = [p for p in patients if broadcasts_to(p)]
    assert len(reached) == 997
    assert all(len(broadcasts_to(p)) == 1 for p in reached)
    assert all(broadcasts_to(p) == [] for p in blocked + others)
    assert sandbox.flood.refused > 0  # Telegram refused some sends, and none was lost
    rows = await outbox_of(app, "broadcast")
    assert sum(1 for r in rows if r.status == OutboxStatus.SENT) == 997
    assert not [
        r for r in rows if r.status == OutboxStatus.FAILED and "429" in (r.last_error or "")
    ]
    async with app.bot_data.services.sessions() as session:
        inactive = (
            await session.exec(
                select(Patient.first_name).where(Patient.status == PatientStatus.INACTIVE)
            )
        ).all()
    assert sorted(inactive) == sorted(p.name for p in blocked)


async def test_a_restart_mid_broadcast_finishes_it_exactly_once(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    sandbox.flood.global_rate = sandbox.flood.global_burst = 60  # slow enough to stop half-way
    async with running_bot(max_rate=55) as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        patients = await seed_patients(app, sandbox, clinic, 300)
        preview = await compose(admin)
        await admin.press("Send to 300")
        await admin.wait_for(lambda: sum(1 for p in patients if broadcasts_to(p)) >= 60, 20)
    # Stopped: what was in flight was recorded; the rest waits in the outbox.
    delivered_before = sum(1 for p in patients if broadcasts_to(p))
    rows = await _statuses(app)  # read through the stopped instance's own engine
    assert rows.get(OutboxStatus.SENDING, 0) == 0
    assert rows[OutboxStatus.SENT] == delivered_before < 300
    assert "sending…" in (preview.text or "")
    async with running_bot(max_rate=55) as app:
        report = await until_reported(app, clock, preview)
    assert "Delivered: 300 of 300" in report
    assert [len(broadcasts_to(p)) for p in patients] == [1] * 300


async def _statuses(app: MesoApp) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in await outbox_of(app, "broadcast"):
        counts[row.status] = counts.get(row.status, 0) + 1
    return counts


async def test_bad_input_while_composing(sandbox: Sandbox, running_bot: BotFactory) -> None:
    sandbox.flood.enabled = False
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        await seed_patients(app, sandbox, clinic, 3, first_day=dt.date(2026, 12, 14))
        await say(admin, "/broadcast")
        assert "empty" in ((await say(admin, "   ")).text or "")
        too_long = await say(admin, "x" * 4100)
        assert "4100 characters; the limit is 40" in (too_long.text or "")
        # The draft still waits for its text; a good one moves on to the audience.
        audience = await say(admin, "Short and sweet.")
        assert audience.labels[:3] == [
            "All active patients",
            "Patients with a session on a day",
            "Patients with a session in a date range",
        ]
        asked = await tap(admin, "Patients with a session on a day")
        assert "Which day?" in (asked.text or "")
        assert "couldn't read" in ((await say(admin, "someday soon")).text or "")
        nobody = await say(admin, "15 Dec")
        assert "No patients match" in (nobody.text or "")
        await tap(admin, "Patients with a session on a day")
        preview = await say(admin, "14 Dec")
        assert "<b>3</b>" in (preview.html or "") and "Mon 14 Dec 2026" in (preview.text or "")
        assert "cancelled" in ((await say(admin, "/cancel")).text or "")
        query = await admin.press("Send to 3", message=preview)
        assert await admin.answer_to(query) == "That choice is out of date."
    assert await outbox_of(app, "broadcast") == []


async def test_range_audience_counts_patients_once(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    sandbox.flood.enabled = False
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        # Weekly sessions: two each in the range, but one message each.
        weekly = await seed_patients(
            app, sandbox, clinic, 4, first_day=dt.date(2026, 12, 1), interval=7
        )
        later = await seed_patients(
            app, sandbox, clinic, 2, first_day=dt.date(2027, 2, 1), prefix="Later"
        )
        await say(admin, "/broadcast")
        await say(admin, TEXT)
        await tap(admin, "Patients with a session in a date range")
        preview = await say(admin, "1 Dec to 10 Dec")
        assert "<b>4</b>" in (preview.html or "")
        await admin.press("Send to 4")
        await until_reported(app, clock, preview)
    assert [len(broadcasts_to(p)) for p in weekly] == [1] * 4
    assert [broadcasts_to(p) for p in later] == [[], []]


def test_the_report_fits_one_message_however_many_were_not_reached() -> None:
    catalogue = load_catalogue()
    clinic = Clinic(
        name="Hair Clinic London",
        timezone="Europe/London",
        contact="x",
        invite_code="c",
        created_at=NOW,
    )
    broadcast = Broadcast(
        id=7,
        clinic_id=1,
        kind="message",
        staff_user_id=1,
        status=BroadcastStatus.SENDING,
        created_at=NOW,
    )
    name = "Maximilian-Alexander Featherstonehaugh-Wolfeschlegel (#1234)"
    progress = Progress(broadcast, clinic, delivered=900, blocked=[name] * 60, failed=[name] * 40)
    report = report_text(catalogue, progress)
    assert len(report) <= 4096
    assert "Delivered: 900 of 1000" in report and "Blocked the bot: 60" in report
    assert "Failed: 40" in report and "more" in report


async def test_blocking_and_unblocking_the_bot_changes_who_is_reached(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    sandbox.flood.enabled = False
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        amy, ben = await seed_patients(app, sandbox, clinic, 2, first_day=dt.date(2026, 12, 3))
        # Updates are handled in order: Ben's block comes before the broadcast is composed.
        ben.block()
        assert "<b>1</b>" in ((await compose(admin)).html or "")
        await say(admin, "/cancel")
        ben.unblock()
        preview = await compose(admin)
        assert "<b>2</b>" in (preview.html or "")
        # His reminders are back too: the evening before his first session, he hears.
        clock.set(dt.datetime(2026, 12, 2, 19, 0, tzinfo=dt.UTC))
        await app.bot_data.dispatcher.run_due()
    assert any("session 1 of 6" in (m.text or "") for m in ben.received)
    assert any("session 1 of 6" in (m.text or "") for m in amy.received)
