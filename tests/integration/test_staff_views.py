"""What staff see of their clinic: its patients, their command menu, their help."""

from __future__ import annotations

import datetime as dt

from mesobot.app import MesoApp
from mesobot.clock import ManualClock
from mesobot.models import StaffRole
from mesobot.sandbox import ChatMessage, Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic, seed_patients
from .patient_steps import say

UTC = dt.UTC


def menu(sandbox: Sandbox, phone: Phone) -> list[str]:
    """The commands in this person's own chat menu (empty: they see the default one)."""
    key = (repr(sorted({"type": "chat", "chat_id": phone.user_id}.items())), "")
    return [c["command"] for c in sandbox.core.commands.get(key, [])]


async def test_patients_lists_only_the_clinics_own(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    async with running_bot() as app:
        admin, other_admin = sandbox.phone("Dr Ada"), sandbox.phone("Dr Bo")
        clinic = await make_clinic(app, admin)
        other = await make_clinic(app, other_admin, name="Other Clinic")
        await seed_patients(app, sandbox, clinic, 2, first_day=dt.date(2026, 12, 3))
        await seed_patients(app, sandbox, clinic, 1, prefix="New")
        await seed_patients(app, sandbox, other, 2, first_day=dt.date(2026, 12, 3), prefix="B")
        listed = (await say(admin, "/patients")).text or ""
    assert listed.startswith("Patients of Hair Clinic London: 3")
    assert "Patient0 (#1): next session 1 of 6, Thu 3 Dec 2026, 10:00 (active)" in listed
    assert "Patient1 (#2): next session 1 of 6, Thu 3 Dec 2026, 10:10 (active)" in listed
    assert "New0 (#3): no plan yet" in listed
    assert "B0" not in listed and "B1" not in listed


async def test_staff_get_their_commands_in_their_own_menu(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        admin, nurse, patient = sandbox.phone("Dr Ada"), sandbox.phone("Nurse"), sandbox.phone()
        await make_clinic(app, admin)
    # Staff added before a start get their menu at start.
    async with running_bot() as app:
        assert "closed" in menu(sandbox, admin) and "start" in menu(sandbox, admin)
        assert menu(sandbox, nurse) == menu(sandbox, patient) == []
        added = await say(admin, f"/staff add {nurse.user_id}")
        assert added.text == f"User {nurse.user_id} is now staff of Hair Clinic London."
        assert "broadcast" in menu(sandbox, nurse)
        help_text = (await say(nurse, "/help")).text or ""
        assert "Staff commands for Hair Clinic London" in help_text
        assert "/closed: The clinic is closed on a day" in help_text
        await say(admin, f"/staff remove {nurse.user_id}")
        assert menu(sandbox, nurse) == []
        assert "Staff commands" not in ((await say(nurse, "/help")).text or "")
        assert await _role(app, nurse) is None


async def test_only_admins_change_the_staff_list(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot() as app:
        admin, nurse, stranger = sandbox.phone("Dr Ada"), sandbox.phone("Nurse"), sandbox.phone()
        await make_clinic(app, admin, staff=(nurse,))
        refused = await say(nurse, f"/staff add {stranger.user_id}")
        assert refused.text == "Only the clinic's admins can change the staff list."
        assert await _role(app, stranger) is None
        usage = await say(admin, "/staff add someone")
        assert "Use /staff add USER_ID" in (usage.text or "")
        only = await say(admin, f"/staff remove {admin.user_id}")
        assert "only admin" in (only.text or "")
        promoted = await say(admin, f"/staff add {nurse.user_id} admin")
        assert promoted.text == f"User {nurse.user_id} is now admin of Hair Clinic London."
        assert await _role(app, nurse) == StaffRole.ADMIN
        listed = (await say(nurse, "/staff")).text or ""
    assert f"{admin.user_id} (admin)" in listed and f"{nurse.user_id} (admin)" in listed


async def _role(app: MesoApp, phone: Phone) -> StaffRole | None:
    seat = await app.bot_data.services.clinics.seat(telegram_user_id=phone.user_id)
    return seat.member.role if seat else None


async def test_a_busy_day_comes_in_several_messages_within_telegrams_limit(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada")
        clinic = await make_clinic(app, admin)
        long_name = "Maximilian-Alexander Featherstonehaugh-Wolfeschlegel"
        await seed_patients(
            app, sandbox, clinic, 96, first_day=dt.date(2026, 12, 3), prefix=long_name
        )
        await admin.send("/today")
        first = await admin.next_message()
        pages = [first, *await _more(admin)]
    text = "\n".join(m.text or "" for m in pages)
    assert len(pages) > 1 and all(len(m.text or "") <= 4096 for m in pages)
    assert first.text and first.text.startswith("Thu 3 Dec 2026 at Hair Clinic London: 96 sessions")
    assert sum(1 for line in text.splitlines() if long_name in line) == 96


async def _more(phone: Phone) -> list[ChatMessage]:
    found = []
    while True:
        try:
            found.append(await phone.next_message(timeout=1.0))
        except TimeoutError:
            return found
