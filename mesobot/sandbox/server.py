"""The sandbox's HTTP side: a Bot API endpoint on a local port, started and stopped in-process."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mesobot.http.server import AsgiServer

from .core import SandboxCore
from .errors import NOT_FOUND, UNAUTHORIZED, ApiError
from .flood import FloodControl
from .methods import METHODS
from .params import read_params
from .phone import DEFAULT_TIMEOUT, Phone
from .records import User

DEFAULT_TOKEN = "100000001:sandbox-token"
log = logging.getLogger(__name__)


class Sandbox:
    """A local Bot API server the real bot talks to, plus phones that play its users."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "mesobot_sandbox_bot",
        host: str = "127.0.0.1",
        port: int = 0,
        flood_control: bool = True,
        chat_rate: float = 1.0,
        chat_burst: int = 3,
        global_rate: float = 30.0,
        global_burst: int = 30,
        clock: Callable[[], dt.datetime] | None = None,
        webhook_retry_delay: float = 0.5,
        answer_window: float = 15.0,
    ) -> None:
        self.flood = FloodControl(
            enabled=flood_control,
            chat_rate=chat_rate,
            chat_burst=chat_burst,
            global_rate=global_rate,
            global_burst=global_burst,
        )
        self.core = SandboxCore(
            token=token,
            bot_username=bot_username,
            flood=self.flood,
            now=clock or (lambda: dt.datetime.now(dt.UTC)),
            webhook_retry_delay=webhook_retry_delay,
            answer_window=dt.timedelta(seconds=answer_window),
        )
        self._server = AsgiServer(
            Starlette(
                routes=[
                    Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"]),
                    Route("/sandbox/stats", self._stats, methods=["GET"]),
                ]
            ),
            host=host,
            port=port,
        )
        self._next_user_id = 1001
        self._faults: dict[str, list[int]] = {}
        # 400s by method, for tests that assert the bot never causes one (injected faults
        # are not counted).
        self.bad_requests: Counter[str] = Counter()

    @property
    def token(self) -> str:
        """The one token this server accepts."""
        return self.core.token

    @property
    def url(self) -> str:
        """Base URL to give the bot (``MESOBOT_API_BASE_URL``)."""
        return self._server.url

    @property
    def bot(self) -> User:
        """The bot's own user."""
        return self.core.bot

    async def start(self) -> Sandbox:
        """Start the HTTP server."""
        await self._server.start()
        return self

    async def stop(self) -> None:
        """Release long polls, stop webhook delivery and the server."""
        await self.core.feed.close()
        await self._server.stop()

    async def __aenter__(self) -> Sandbox:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def phone(
        self,
        first_name: str = "Alex",
        *,
        user_id: int | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        started: bool = False,
        patience: float = DEFAULT_TIMEOUT,
    ) -> Phone:
        """A new user with a phone; ids are allocated unless given.

        ``started`` says the user opened the chat with the bot some time ago, so the bot may
        write to them without a fresh message (as for patients added in bulk in a test).
        ``patience`` is how many seconds its waits last when not told.
        """
        if user_id is None:
            user_id = self._next_user_id
            self._next_user_id += 1
        user = User(user_id, first_name, last_name, username, language_code)
        chat = self.core.add_user(user)
        chat.started = started
        return Phone(self.core, chat, patience)

    def commands(self, scope: str = "default", language_code: str = "") -> list[dict[str, str]]:
        """The commands the bot registered for a scope type."""
        return self.core.commands.get((repr([("type", scope)]), language_code), [])

    def balance_webhook(self, urls: list[str]) -> None:
        """Put a load balancer in front of the bot's webhook: updates go to ``urls`` in turn,
        skipping one that cannot be reached, whatever URL the bot set (``[]`` removes it)."""
        self.core.feed.spread = list(urls)

    def fail(self, method: str, *, status: int = 502, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with an HTTP error, as a flaky
        network or Telegram's own 5xx would (for tests of retries)."""
        self._faults.setdefault(method.lower(), []).extend([status] * times)

    def stats(self) -> dict[str, Any]:
        """Counts for load tests: messages sent, 429s given, and chats by messages received."""
        received: dict[int, int] = {}
        for chat in self.core.chats.values():
            count = sum(1 for m in chat.messages if m.from_bot)
            received[count] = received.get(count, 0) + 1
        return {
            "sent": self.core.sent_count,
            "refused_429": self.flood.refused,
            "bad_requests": dict(self.bad_requests),
            "chats_by_received": received,
        }

    async def _stats(self, request: Request) -> JSONResponse:
        return JSONResponse(self.stats())

    async def _endpoint(self, request: Request) -> JSONResponse:
        token = request.path_params["token"]
        name = request.path_params["method"]
        injected = False
        try:
            if token != self.core.token:
                bot_id, _, secret = token.partition(":")
                raise UNAUTHORIZED if bot_id.isdigit() and secret else NOT_FOUND
            handler = METHODS.get(name.lower())
            if handler is None:
                raise NOT_FOUND
            faults = self._faults.get(name.lower())
            if faults:
                status, injected = faults.pop(0), True
                raise ApiError(status, HTTPStatus(status).phrase)
            params = await read_params(request)
            result: Any = await handler(self.core, params)
        except ApiError as error:
            if error.status >= 500 or error.status == 400:
                log.debug("sandbox %s -> %s", name, error.description)
            if error.status == 400 and not injected:
                self.bad_requests[name] += 1
            return JSONResponse(error.body(), status_code=error.status)
        return JSONResponse({"ok": True, "result": result})
