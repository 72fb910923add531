"""Two ``mesobot run`` processes on one PostgreSQL database, in webhook mode behind one
address (the sandbox's load balancer spreads Telegram's POSTs over both, in turn).

Every update is handled once whichever instance gets it, an intake stays consistent when
its answers go to both, exactly one instance sends the outbox, and when that one is killed
with SIGKILL the other takes over within seconds, with nothing lost and nothing sent twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from mesobot.app import MesoApp, build_application
from mesobot.clock import SystemClock
from mesobot.config import load_settings
from mesobot.models import OutboxMessage, OutboxStatus
from mesobot.sandbox import Phone, Sandbox

from ..conftest import free_port
from .clinic_steps import make_clinic, seed_patients
from .patient_steps import all_handled, say, tap, to_date
from .processes import bot_environment, bot_process

URGENT_WORDS = "I have a fever and pus coming out"


async def role(client: httpx.AsyncClient, port: int) -> str | None:
    """What an instance's /healthz says it is (None while it is not answering)."""
    try:
        answer = await client.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
    except httpx.HTTPError:
        return None
    return str(answer.json()["dispatcher"]) if answer.status_code == 200 else None


async def roles(client: httpx.AsyncClient, ports: list[int], want: list[str]) -> float:
    """Wait until the instances' roles are ``want`` (in order of ``ports``); seconds waited."""
    started = time.monotonic()
    while [await role(client, port) for port in ports] != want:
        assert time.monotonic() - started < 30, [await role(client, p) for p in ports]
        await asyncio.sleep(0.2)
    return time.monotonic() - started


@contextlib.asynccontextmanager
async def helper_app(sandbox: Sandbox, url: str) -> AsyncIterator[MesoApp]:
    """Services on the shared database for the test's own set-up (never started)."""
    settings = load_settings(token=sandbox.token, api_base_url=sandbox.url, database_url=url)
    app = build_application(settings, clock=SystemClock())
    try:
        yield app
    finally:
        await app.bot_data.services.engine.dispose()


async def sent_notes(app: MesoApp) -> int:
    async with app.bot_data.services.sessions() as session:
        rows = await session.exec(
            select(OutboxMessage).where(
                OutboxMessage.kind == "staff_notice", OutboxMessage.status == OutboxStatus.SENT
            )
        )
        return len(rows.all())


def named(notes: list[str]) -> set[str]:
    """Whose warning signs the staff's notes are about."""
    return {note.split(" (#")[0].removeprefix("⚠️ Urgent: ") for note in notes}


async def notes_for(staff: Phone, count: int) -> list[str]:
    texts = []
    for _ in range(count):
        texts.append((await staff.next_message(timeout=30)).text or "")
    return texts


async def test_two_instances_share_the_work_and_one_takes_over_when_the_other_dies(
    sandbox: Sandbox, migrated_url: str, tmp_path: Path
) -> None:
    if make_url(migrated_url).get_backend_name() != "postgresql":
        pytest.skip("two instances share a PostgreSQL database (SQLite has one writer)")
    staff = sandbox.phone("Nina", started=True)
    async with helper_app(sandbox, migrated_url) as app:
        clinic = await make_clinic(app, staff)
        first_day = dt.date.today() + dt.timedelta(days=10)
        patients = await seed_patients(app, sandbox, clinic, 6, first_day=first_day)
        await run_both(sandbox, migrated_url, tmp_path, app, staff, patients, first_day)


async def run_both(
    sandbox: Sandbox,
    migrated_url: str,
    tmp_path: Path,
    app: MesoApp,
    staff: Phone,
    patients: list[Phone],
    first_day: dt.date,
) -> None:
    ports = [free_port(), free_port()]
    sandbox.balance_webhook([f"http://127.0.0.1:{port}/hook" for port in ports])
    envs = []
    for name, port in zip(("one", "two"), ports, strict=True):
        env = bot_environment(sandbox, migrated_url)
        env.update(
            MESOBOT_INSTANCE=name,
            MESOBOT_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
            MESOBOT_HTTP_HOST="127.0.0.1",
            PORT=str(port),
        )
        envs.append(env)
    async with (
        bot_process(envs[0], tmp_path / "one.log") as one,
        httpx.AsyncClient() as client,
    ):
        await roles(client, ports[:1], ["leader"])
        async with bot_process(envs[1], tmp_path / "two.log") as two:
            await roles(client, ports, ["leader", "standby"])
            # An intake whose answers go to both instances in turn stays consistent.
            ada = sandbox.phone("Ada")
            await to_date(ada)
            day = first_day.strftime("%d %b").lstrip("0")
            await say(ada, day)
            await say(ada, "10:00")
            await tap(ada, "Every week, 10 sessions")
            await tap(ada, "Save my plan")
            assert "session 1 of 10" in ((await say(ada, "/next")).text or "")
            # Warning signs: each answered once, each noted to the staff once, by the leader.
            for patient in patients[:3]:
                urgent = await say(patient, URGENT_WORDS)
                assert "emergency" in (urgent.text or "").lower()
            notes = await notes_for(staff, 3)
            assert named(notes) == {p.name for p in patients[:3]}
            # Recorded as sent before the leader dies: none of them is still in flight.
            for _ in range(100):
                if await sent_notes(app) == 3:
                    break
                await asyncio.sleep(0.1)
            # The leader dies; the other takes over within seconds.
            one.send_signal(signal.SIGKILL)
            await one.wait()
            waited = await roles(client, ports[1:], ["leader"])
            assert waited < 10
            for patient in patients[3:]:
                urgent = await say(patient, URGENT_WORDS)
                assert "emergency" in (urgent.text or "").lower()
            notes += await notes_for(staff, 3)
            for phone in [ada, *patients]:
                await all_handled(phone)
            two.send_signal(signal.SIGTERM)
            assert await two.wait() == 0
    # Nothing lost, nothing twice: six notes for six patients, one urgent reply each.
    assert len(notes) == 6 and named(notes) == {p.name for p in patients}
    assert staff.unread() == []
    for patient in patients:
        replies = [m.text or "" for m in patient.received if "emergency" in (m.text or "").lower()]
        assert len(replies) == 1, patient.name
