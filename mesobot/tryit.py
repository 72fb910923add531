"""``mesobot sandbox``: the real bot against a local sandbox, in a terminal chat or a demo."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TextIO

from mesobot.app import MesoApp, build_application, polling
from mesobot.clock import ManualClock, OffsetClock, parse_duration
from mesobot.config import load_settings
from mesobot.db import create_engine
from mesobot.migrate import upgrade
from mesobot.sandbox import ChatMessage, Phone, Sandbox
from mesobot.sandbox.terminal import chat, render

SANDBOX_DATABASE = "sqlite+aiosqlite:///mesobot-sandbox.db"
# A line in [brackets] presses that button; ":advance" moves the clock; anything else is typed.
DEMO_SCRIPT = [
    "/start",
    "[I agree]",
    "[Pattern hair loss (androgenetic)]",
    "[No]",
    "[No]",
    "[No]",
    "[No]",
    "[No]",
    "[At a clinic (injections)]",
    "Londn",
    "[London, GB (Europe/London)]",
    "tomorrow",
    "10:00",
    "[Every 2 weeks, 8 sessions]",
    "[Save my plan]",
    "/next",
    ":advance 10h",
    "[I'll be there]",
    ":advance 13h",
    ":advance 4h",
    "[Yes, it happened]",
    ":advance 1h",
    ":advance 22h",
    "[All fine]",
    "/plan",
    "how soon will I see hair?",
    "[Yes]",
    "the injection spot is oozing pus and I feel feverish",
]
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
        async with polling(build_application(settings, clock=clock)) as app:
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


async def run_sandbox(*, demo: bool, database_url: str | None, name: str) -> int:
    """Run the demo, or an interactive chat, against a fresh sandbox."""
    if demo:
        # A fixed start, so the demo's reminders land at the same hours on every run.
        today = dt.datetime.now(dt.UTC).replace(hour=9, minute=0, second=0, microsecond=0)
        demo_clock = ManualClock(today)
        # A script types faster than any person: flood control would only stagger it.
        async with running_bot(database_url, clock=demo_clock, flood_control=False) as (sb, app):
            await play_demo(sb.phone(name), DEMO_SCRIPT, sys.stdout, advance(demo_clock, app))
        return 0
    clock = OffsetClock()
    async with running_bot(database_url, clock=clock) as (sandbox, app):
        print(ADVANCE_HELP)
        await chat(sandbox.phone(name), {":advance": advance(clock, app)})
    return 0


async def settle(
    phone: Phone, first_timeout: float = 10.0, quiet: float = 0.6
) -> list[ChatMessage]:
    """Collect the bot's reply to one step: everything until it has been quiet a moment."""
    replies: list[ChatMessage] = []
    timeout = first_timeout
    while True:
        try:
            replies.append(await phone.next_message(timeout))
        except TimeoutError:
            return replies
        timeout = quiet


async def play_demo(
    phone: Phone, script: list[str], out: TextIO, advance: Callable[[str], Awaitable[str]]
) -> None:
    """Play a scripted conversation and print it as a transcript."""
    for line in script:
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
        for message in await settle(phone, first_timeout):
            print(render(message), file=out)
        print(file=out)
