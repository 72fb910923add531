"""A terminal chat as one user of the sandbox: typed lines are sent, buttons are numbered."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Awaitable, Callable

from .phone import Phone
from .records import ChatMessage

HELP = """Type a message and press Enter to send it. Buttons are numbered: type a number to press.
  :location LAT LON   share a location      :help   this text      :quit   leave (or Ctrl-D)"""


def render(message: ChatMessage, *, numbers: dict[int, int] | None = None) -> str:
    """How a bot message looks in the terminal: its text, then its buttons."""
    head = "bot (edited)>" if message.edit_date else "bot>"
    body = message.text or ""
    if message.document:
        body = f"[file {message.document.file_name}, {len(message.document.content)} bytes] {body}"
    lines = [f"{head} {body}".rstrip()]
    first = (numbers or {}).get(message.message_id)
    index = first or 1
    for row in message.buttons:
        cells = []
        for label in row:
            cells.append(f"[{index}] {label}" if first else f"[{label}]")
            index += 1
        lines.append("     " + "   ".join(cells))
    for label in message.reply_buttons:
        lines.append(f"     ({label}: type :location LAT LON)")
    return "\n".join(lines)


def _stdin_lines(loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[str | None]) -> None:
    # A daemon thread, so a pending readline never keeps the program alive on exit.
    def pump() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n"))
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, daemon=True).start()


# Extra ":commands" the host program offers (the bot's ":advance"), by name.
Commands = dict[str, Callable[[str], Awaitable[str]]]


async def chat(phone: Phone, commands: Commands | None = None) -> None:
    """An interactive terminal chat as one patient."""
    print(f"Sandbox chat as {phone.name}. {HELP}\nTry /start.\n")
    keyboard: list[tuple[ChatMessage, str]] = []
    shown: dict[int, int | None] = {}

    def refresh() -> None:
        for message in phone.received:
            if shown.get(message.message_id, -1) == message.edit_date:
                continue
            shown[message.message_id] = message.edit_date
            numbers = {}
            if message.inline_keyboard:
                keyboard[:] = [(message, label) for label in message.labels]
                numbers = {message.message_id: 1}
            print(render(message, numbers=numbers), flush=True)

    lines: asyncio.Queue[str | None] = asyncio.Queue()
    _stdin_lines(asyncio.get_running_loop(), lines)
    watcher = asyncio.create_task(_watch(phone, refresh))
    try:
        while (line := await lines.get()) is not None:
            if not await _act(phone, line.strip(), keyboard, commands or {}):
                break
        await _until_quiet(phone)
        refresh()
    finally:
        watcher.cancel()


async def _until_quiet(phone: Phone, quiet: float = 1.0, most: float = 10.0) -> None:
    """Let the bot finish replying before leaving (typed-ahead or piped input)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + most
    while loop.time() < deadline:
        before = len(phone.received)
        try:
            await phone.wait_for(lambda: len(phone.received) > before, quiet)  # noqa: B023
        except TimeoutError:
            return


async def _watch(phone: Phone, refresh: Callable[[], None]) -> None:
    while True:
        refresh()
        await phone.changed(3600)


async def _act(
    phone: Phone, line: str, keyboard: list[tuple[ChatMessage, str]], commands: Commands
) -> bool:
    """Carry out one typed line; False means quit."""
    if not line:
        return True
    name, _, argument = line.partition(" ")
    if name in commands:
        print(await commands[name](argument.strip()))
        return True
    if line in (":quit", ":q"):
        return False
    if line == ":help":
        print(HELP)
    elif line.startswith(":location"):
        try:
            lat, lon = (float(part) for part in line.split()[1:3])
        except ValueError:
            print("usage: :location LAT LON, for example :location 51.5 -0.12")
        else:
            await phone.share_location(lat, lon)
    elif line.isdigit() and keyboard:
        number = int(line)
        if 1 <= number <= len(keyboard):
            message, label = keyboard[number - 1]
            print(f"{phone.name} pressed [{label}]")
            await phone.press(label, message=message)
        else:
            print(f"There is no button {number}.")
    else:
        await phone.send(line)
    return True
