"""Run the sandbox on its own: ``python -m mesobot.sandbox --port 8081 [--chat NAME]``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .server import DEFAULT_TOKEN, Sandbox
from .terminal import chat


async def serve(args: argparse.Namespace) -> None:
    """Serve until interrupted (or, with --chat, until the chat ends)."""
    sandbox = Sandbox(
        token=args.token,
        port=args.port,
        flood_control=not args.no_flood_control,
        global_rate=args.global_rate,
        global_burst=max(1, int(args.global_rate)),
    )
    for n in range(args.users):
        sandbox.phone(f"User{n}", started=True)
    async with sandbox:
        print(f"Bot API sandbox at {sandbox.url}  token {sandbox.token}", flush=True)
        print(
            f"Point a bot at it: MESOBOT_API_BASE_URL={sandbox.url} MESOBOT_TOKEN={sandbox.token}"
        )
        if args.chat:
            await chat(sandbox.phone(args.chat))
        else:
            await asyncio.Event().wait()


def main() -> None:
    """Parse arguments and serve."""
    parser = argparse.ArgumentParser(prog="python -m mesobot.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--chat", metavar="NAME", help="also chat with the bot as this user")
    parser.add_argument("--no-flood-control", action="store_true")
    parser.add_argument("--global-rate", type=float, default=30.0, help="messages/s overall")
    parser.add_argument(
        "--users", type=int, default=0, help="users (ids from 1001) who already opened the chat"
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(parser.parse_args()))


main()
