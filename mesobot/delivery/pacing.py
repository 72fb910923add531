"""Sharing Telegram's rate between replies and bulk sends, and keeping to each chat's limit.

Telegram allows about 30 messages a second overall and about one a second in one chat (a
short burst is tolerated). A reply to a person's own message or button goes before bulk
sends (broadcasts, closure notices, reminders); bulk keeps a guaranteed share of the rate so
it never starves, and takes all of it when nobody is chatting. The overall rate is granted in
tenth-of-a-second slices, not a whole second's burst, so Telegram's own bucket never runs dry.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)
JSON = bool | dict[str, Any] | list[dict[str, Any]]


class Traffic(enum.Enum):
    """Whom a request answers: the person who just wrote, or nobody in particular."""

    REPLY = "reply"
    BULK = "bulk"


class Bucket:
    """A token bucket that hands out reservations: how long until a token is one's own."""

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = now

    def refill(self, now: float) -> None:
        """Add the tokens earned since the last look."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def reserve(self, now: float) -> float:
        """Take a token, perhaps one not earned yet; the wait until it is."""
        self.refill(now)
        self.tokens -= 1
        return max(0.0, -self.tokens / self.rate)

    def wait(self, now: float) -> float:
        """How long until a whole token is there to take."""
        self.refill(now)
        missing = 1 - self.tokens
        return missing / self.rate if missing > 1e-9 else 0.0  # not forever chasing a rounding

    def full(self, now: float) -> bool:
        """Whether the bucket has earned back all it could hold (it can be forgotten)."""
        self.refill(now)
        return self.tokens >= self.burst


class Pacer(BaseRateLimiter[Traffic]):
    """PTB's rate limiter for this bot: replies first, bulk a guaranteed share, every chat
    at its own pace, and a 429 waited out by everyone before trying again.

    ``rate`` 0 switches the overall limit off (the per-chat pace stays unless ``chat_rate``
    is 0 as well). ``time`` and ``sleep`` are injectable for tests.
    """

    SLICE = 0.1
    FORGET_AFTER = 1_000  # chat buckets kept before the full ones are dropped

    def __init__(
        self,
        rate: float = 30.0,
        *,
        bulk_share: float = 1 / 3,
        chat_rate: float = 1.0,
        chat_burst: float = 3.0,
        retries: int = 5,
        time: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        on_flood: Callable[[], None] = lambda: None,
    ) -> None:
        self._rate = rate
        self._on_flood = on_flood
        self._bulk_share = bulk_share
        self._chat_rate = chat_rate
        self._chat_burst = chat_burst
        self._retries = retries
        self._time = time
        self._sleep = sleep
        self._overall: Bucket | None = None
        self._chats: dict[int, Bucket] = {}
        self._waiting: dict[Traffic, deque[asyncio.Future[None]]] = {t: deque() for t in Traffic}
        self._bulk_credit = 0.0
        self._resume_at = 0.0
        self._granting: asyncio.Task[None] | None = None

    def _now(self) -> float:
        return self._time() if self._time else asyncio.get_running_loop().time()

    async def initialize(self) -> None:
        """Nothing to set up: the first request starts the clock."""

    async def shutdown(self) -> None:
        """Stop granting; requests still waiting are cancelled."""
        if self._granting is not None:
            self._granting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._granting
            self._granting = None
        for queue in self._waiting.values():
            while queue:
                queue.popleft().cancel()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Traffic | None,
    ) -> JSON:
        """Wait for the chat's pace and a share of the overall rate, then make the request;
        a 429 pauses every request for as long as Telegram asks, then this one tries again."""
        traffic = rate_limit_args or Traffic.REPLY
        chat = _chat_of(data)
        # Telegram's limits count messages sent; edits and answers to buttons go unpaced.
        paced = chat is not None and endpoint.lower().startswith(("send", "copy", "forward"))
        for attempt in range(self._retries + 1):
            if paced and chat is not None:
                await self._chat_turn(chat)
                await self._overall_turn(traffic)
            elif self._resume_at > self._now():
                await self._sleep(self._resume_at - self._now())
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                self._on_flood()
                if attempt == self._retries:
                    raise
                wait = error.retry_after
                seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
                log.info("Telegram asked for %.1f s of quiet: every request waits", seconds)
                self._resume_at = max(self._resume_at, self._now() + seconds + 0.1)
                await self._sleep(max(0.0, self._resume_at - self._now()))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _chat_turn(self, chat: int) -> None:
        if self._chat_rate <= 0:
            return
        now = self._now()
        if len(self._chats) > self.FORGET_AFTER:
            self._chats = {c: b for c, b in self._chats.items() if not b.full(now)}
        # A tenth below the limit: a send that travels a little faster than the one before
        # it must still not arrive early. Groups are allowed 20 messages a minute.
        rate = self._chat_rate * 0.9 if chat > 0 else self._chat_rate * 0.3
        bucket = self._chats.setdefault(chat, Bucket(rate, self._chat_burst, now))
        wait = bucket.reserve(now)
        if wait > 0:
            await self._sleep(wait)

    async def _overall_turn(self, traffic: Traffic) -> None:
        if self._rate <= 0 and self._resume_at <= self._now():
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting[traffic].append(turn)
        if self._granting is None or self._granting.done():
            self._granting = asyncio.get_running_loop().create_task(self._grant())
        await turn

    def _next(self) -> asyncio.Future[None] | None:
        """The next request to go: a reply, unless bulk is owed its share."""
        for queue in self._waiting.values():
            while queue and queue[0].done():  # cancelled while waiting
                queue.popleft()
        replies, bulk = self._waiting[Traffic.REPLY], self._waiting[Traffic.BULK]
        if replies and bulk:
            self._bulk_credit += self._bulk_share
            if self._bulk_credit >= 1:
                self._bulk_credit -= 1
                return bulk.popleft()
            return replies.popleft()
        self._bulk_credit = 0.0
        queue = replies or bulk
        return queue.popleft() if queue else None

    async def _grant(self) -> None:
        while True:
            now = self._now()
            if self._resume_at > now:
                await self._sleep(self._resume_at - now)
                continue
            if self._rate > 0:
                # Wait for the token before choosing, so a reply that comes meanwhile is
                # chosen before bulk that was already waiting.
                if self._overall is None:
                    self._overall = Bucket(self._rate, max(1.0, self._rate * self.SLICE), now)
                wait = self._overall.wait(now)
                if wait > 0:
                    await self._sleep(wait)
                    continue
            turn = self._next()
            if turn is None:
                return
            if self._overall is not None:
                self._overall.tokens -= 1
            turn.set_result(None)


def _chat_of(data: dict[str, Any]) -> int | None:
    chat = data.get("chat_id")
    try:
        return int(chat) if chat is not None else None
    except (TypeError, ValueError):
        return None  # a channel's @name: Telegram paces those on its own terms
