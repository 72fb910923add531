"""``mesobot sandbox``: the real bot against a local sandbox, in a terminal chat or a demo."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TextIO

from mesobot.app import build_application, polling
from mesobot.config import load_settings
from mesobot.db import create_engine
from mesobot.migrate import upgrade
from mesobot.sandbox import ChatMessage, Phone, Sandbox
from mesobot.sandbox.terminal import chat, render

SANDBOX_DATABASE = "sqlite+aiosqlite:///mesobot-sandbox.db"
# A line in [brackets] presses that button; anything else is typed.
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
    "/plan",
    "/dance",
]


@asynccontextmanager
async def running_bot(
    database_url: str | None, *, flood_control: bool = True
) -> AsyncIterator[Sandbox]:
    """A sandbox with the real bot polling it, stopped cleanly on exit."""
    async with Sandbox(flood_control=flood_control) as sandbox:
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
        async with polling(build_application(settings)):
            yield sandbox


async def run_sandbox(*, demo: bool, database_url: str | None, name: str) -> int:
    """Run the demo, or an interactive chat, against a fresh sandbox."""
    # A script types faster than any person: flood control would only stagger its transcript.
    async with running_bot(database_url, flood_control=not demo) as sandbox:
        phone = sandbox.phone(name)
        if demo:
            await play_demo(phone, DEMO_SCRIPT, sys.stdout)
        else:
            await chat(phone)
    return 0


async def settle(
    phone: Phone, first_timeout: float = 10.0, quiet: float = 0.6
) -> list[ChatMessage]:
    """Collect the bot's reply to one step: everything until it has been quiet a moment."""
    replies = [await phone.next_message(first_timeout)]
    while True:
        try:
            replies.append(await phone.next_message(quiet))
        except TimeoutError:
            return replies


async def play_demo(phone: Phone, script: list[str], out: TextIO) -> None:
    """Play a scripted conversation and print it as a transcript."""
    for line in script:
        if line.startswith("[") and line.endswith("]"):
            print(f"{phone.name} pressed {line}", file=out)
            await phone.press(line[1:-1])
        else:
            print(f"{phone.name}> {line}", file=out)
            await phone.send(line)
        for message in await settle(phone):
            print(render(message), file=out)
        print(file=out)
