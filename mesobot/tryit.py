"""``mesobot sandbox``: the real bot against a local sandbox, in a terminal chat or a demo."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TextIO

from mesobot.app import MesoApp, build_application, polling
from mesobot.clock import ManualClock, OffsetClock, parse_duration
from mesobot.config import load_settings
from mesobot.content import Catalogue
from mesobot.db import create_engine
from mesobot.migrate import upgrade
from mesobot.render.format import strip_tags
from mesobot.sandbox import Phone, Sandbox
from mesobot.sandbox.terminal import chat, render
from mesobot.services.clinics import invite_link

SANDBOX_DATABASE = "sqlite+aiosqlite:///mesobot-sandbox.db"
# A line in [brackets] presses that button; ":advance" moves the clock; anything else is typed.
# "Dr Ada: ..." is the clinic's admin acting; other lines are the patient's.
# {invite} is the clinic's invite code, {second} the day of the patient's second session;
# {btn_yes} and the like are the button labels in the demo's language, {demo_*} what the
# patient and staff type in it (each language's language.toml).
DEMO_SCRIPT = [
    "/start {invite}",
    "[{btn_consent_yes}]",
    "[{hair_androgenetic}]",
    "[{btn_no}]",
    "[{btn_no}]",
    "[{btn_no}]",
    "[{btn_no}]",
    "[{btn_no}]",
    "Londn",
    "[London, GB (Europe/London)]",
    "{demo_tomorrow}",
    "10:00",
    "[{preset_fortnightly}]",
    "[{btn_confirm}]",
    "/next",
    "Dr Ada: /today",
    ":advance 10h",
    "[{btn_will_attend}]",
    ":advance 13h",
    "Dr Ada: /today",
    ":advance 4h",
    "[{btn_happened}]",
    ":advance 1h",
    ":advance 22h",
    "[{btn_checkin_fine}]",
    "/plan",
    "/calendar",
    "/export",
    "{demo_question}",
    "[{btn_helpful_yes}]",
    "Dr Ada: /closed {second}",
    "Dr Ada: [{btn_closed_confirm}]",
    "[{btn_accept_time}]",
    "Dr Ada: /broadcast",
    "Dr Ada: {demo_broadcast}",
    "Dr Ada: [{btn_audience_all}]",
    "Dr Ada: [{btn_broadcast_send_1}]",
    "{demo_warning}",
    "Dr Ada: /requests",
    ":advance 30d",
    "[{btn_shed_2}]",
    "[4]",
    "/progress",
]
STAFF = "Dr Ada"
CLINIC = ("Hair Clinic London", "Europe/London", "+44 20 7946 0000")
ADVANCE_HELP = "  :advance 2d         move the bot's clock forward (w, d, h, m; e.g. 1d12h)"

AdvanceClock = ManualClock | OffsetClock


@asynccontextmanager
async def running_bot(
    database_url: str | None, *, clock: AdvanceClock, flood_control: bool = True
) -> AsyncIterator[tuple[Sandbox, MesoApp]]:
    """A sandbox with the real bot polling it, stopped cleanly on exit."""
    async with Sandbox(flood_control=flood_control, clock=clock.now) as sandbox:
        settings = load_settings(
            token=sandbox.token,
            api_base_url=sandbox.url,
            database_url=database_url or SANDBOX_DATABASE,
        )
        engine = create_engine(settings.database_url)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()
        pace = None if flood_control else 0.0  # without flood control, no chat needs pacing
        async with polling(build_application(settings, clock=clock, chat_rate=pace)) as app:
            yield sandbox, app


def advance(clock: AdvanceClock, app: MesoApp) -> Callable[[str], Awaitable[str]]:
    """The ``:advance`` command: move the clock, then let the bot send what fell due."""

    async def command(argument: str) -> str:
        delta = parse_duration(argument)
        if delta is None:
            return "usage: :advance 2d  (w, d, h, m; for example :advance 1d12h)"
        clock.advance(delta)
        await app.bot_data.dispatcher.run_due()
        return f"(the bot's clock is now {clock.now():%a %d %b %Y, %H:%M} UTC)"

    return command


def demo_script(catalogue: Catalogue, *, invite: str, second: dt.date) -> list[str]:
    """The demo's lines in the catalogue's language."""
    values = {
        key: strip_tags(catalogue.text(key))
        for key in catalogue.messages
        if not catalogue.variables(key)
    }
    values |= {f"demo_{key}": text for key, text in catalogue.language.demo.items()}
    values["btn_broadcast_send_1"] = catalogue.text("btn_broadcast_send", count=1)
    values |= {"invite": invite, "second": catalogue.day_month(second)}
    return [line.format(**values) for line in DEMO_SCRIPT]


async def run_sandbox(
    *,
    demo: bool,
    database_url: str | None,
    name: str,
    start: dt.datetime | None = None,
    language: str = "en",
) -> int:
    """Run the demo, or an interactive chat, against a fresh sandbox."""
    if demo:
        # 09:00 UTC, so the demo's reminders land at the same hours on every run.
        today = start or dt.datetime.now(dt.UTC).replace(hour=9, minute=0, second=0, microsecond=0)
        demo_clock = ManualClock(today)
        with tempfile.TemporaryDirectory(prefix="mesobot-demo-") as folder:
            # The demo's patient must not greet a newcomer in the try-it database.
            url = database_url or f"sqlite+aiosqlite:///{Path(folder) / 'demo.db'}"
            await _play(url, demo_clock, today, name, language)
        return 0
    clock = OffsetClock()
    async with running_bot(database_url, clock=clock) as (sandbox, app):
        print(ADVANCE_HELP)
        phone = sandbox.phone(name, language_code=language)
        await chat(phone, {":advance": advance(clock, app)})
    return 0


async def _play(
    database_url: str, demo_clock: ManualClock, today: dt.datetime, name: str, language: str
) -> None:
    # A script types faster than any person: flood control would only stagger it.
    async with running_bot(database_url, clock=demo_clock, flood_control=False) as (sb, app):
        patient = sb.phone(name, language_code=language)
        staff = sb.phone(STAFF, language_code=language)
        invite = await demo_clinic(app, staff, sys.stdout, language=language)
        second = (today + dt.timedelta(days=15)).date()
        catalogue = app.bot_data.services.catalogues[language]
        script = demo_script(catalogue, invite=invite, second=second)
        phones = {patient.name: patient, staff.name: staff}
        await play_demo(phones, script, sys.stdout, advance(demo_clock, app))


async def demo_clinic(app: MesoApp, admin: Phone, out: TextIO, *, language: str = "en") -> str:
    """Create the demo's clinic as ``mesobot clinic add`` would; returns its invite code."""
    name, timezone, contact = CLINIC
    clinic = await app.bot_data.services.clinics.create(
        name=name, timezone=timezone, contact=contact, admin=admin.user_id, language=language
    )
    print(
        f'$ mesobot clinic add "{name}" --timezone {timezone} --contact "{contact}" '
        f"--admin {admin.user_id} --language {language}",
        file=out,
    )
    print(f"clinic {clinic.id} created: {name}", file=out)
    print(f"invite link: {invite_link(app.bot.username, clinic)}", file=out)
    print(file=out)
    return clinic.invite_code


def _changes(phone: Phone, shown: dict[int, str]) -> list[str]:
    """The phone's messages that are new, or changed since last shown (edited in place),
    as they look now."""
    found = []
    for message in phone.received:
        look = render(message)
        if shown.get(message.message_id) != look:
            shown[message.message_id] = look
            found.append(look)
    return found


async def settle(
    phone: Phone, shown: dict[int, str], first_timeout: float = 10.0, quiet: float = 0.6
) -> list[str]:
    """Collect the bot's reply to one step: everything until it has been quiet a moment."""
    replies: list[str] = []
    timeout = first_timeout
    while True:
        try:
            replies += await phone.wait_for(lambda: _changes(phone, shown) or None, timeout)
        except TimeoutError:
            return replies
        timeout = quiet


async def play_demo(
    phones: dict[str, Phone],
    script: list[str],
    out: TextIO,
    advance: Callable[[str], Awaitable[str]],
) -> None:
    """Play a scripted conversation and print it as a transcript.

    The first phone is the patient: the bot's messages to anyone else are marked with
    their name ("bot to Dr Ada>").
    """
    patient = next(iter(phones.values()))
    shown: dict[str, dict[int, str]] = {name: {} for name in phones}
    for line in script:
        who, _, rest = line.partition(": ")
        phone = phones[who] if rest and who in phones else patient
        line = rest if phone is not patient else line
        first_timeout = 10.0
        if line.startswith(":advance"):
            print(f"{phone.name}> {line}", file=out)
            print(await advance(line.removeprefix(":advance").strip()), file=out)
            first_timeout = 1.0  # a jump in time need not bring any message
        elif line.startswith("[") and line.endswith("]"):
            print(f"{phone.name} pressed {line}", file=out)
            await phone.press(line[1:-1])
        else:
            print(f"{phone.name}> {line}", file=out)
            await phone.send(line)
        for other in [phone, *(p for p in phones.values() if p is not phone)]:
            wait = first_timeout if other is phone else 0.5
            for look in await settle(other, shown[other.name], wait):
                if other is not patient:
                    look = look.replace("bot", f"bot to {other.name}", 1)
                print(look, file=out)
        print(file=out)
