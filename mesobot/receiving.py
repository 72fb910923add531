"""Receiving updates: Telegram learns an update arrived only once the inbox holds it, and the
handlers take it from there (each chat's in order), waiting out a database that cannot be reached.

Polling asks for the next updates with an offset just past the last one stored, so a crash
or an outage leaves the rest with Telegram, which sends them again. In webhook mode the
bot's server answers Telegram only once the update is stored (``mesobot.http.webhook``).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from telegram import Update
from telegram.error import Conflict, InvalidToken, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseUpdateProcessor, CommandHandler, ExtBot

from mesobot import logs
from mesobot.clock import Clock
from mesobot.db import is_outage, one_line
from mesobot.delivery.inbox import Inbox, Received
from mesobot.delivery.pacing import Traffic
from mesobot.metrics import Metrics, update_kind
from mesobot.ordering import ChatOrder
from mesobot.render.callbacks import CallbackData

if TYPE_CHECKING:
    from mesobot.app import MesoApp

log = logging.getLogger(__name__)
T = TypeVar("T")


# Telegram waits about fifteen seconds for the answer to a button press; a press answered
# later (after an outage, a restart or a long wait for the database) is refused with a 400,
# so one not answered within this margin is left unanswered.
ANSWER_WITHIN = dt.timedelta(seconds=5)
SEEN_AT_MOST = 10_000
# How many updates are handled at once (each chat's one after another). Most of them wait
# their turn at Telegram's rate, which costs little; too few, and a button press waits behind
# them until it is too late to answer (measured with python -m bench.load: 32 left some
# presses unanswered for over 15 s with 200 patients at once, 512 none).
AT_ONCE = 512


class Arrival(NamedTuple):
    """When an update came: by the bot's clock, and the real monotonic time it was taken."""

    at: dt.datetime
    taken: float


class MesoBot(ExtBot[Traffic]):
    """PTB's bot, leaving unanswered the button presses it comes to answer too late."""

    __slots__ = ("_clock", "_deadlines")

    def __init__(self, *args: Any, clock: Clock, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clock = clock
        self._deadlines: dict[str, tuple[dt.datetime, float]] = {}

    def pressed(self, callback_query_id: str, came: Arrival | None) -> None:
        """Note when a press came (None: long ago). Its handler may answer it for
        ``ANSWER_WITHIN`` after, by the bot's clock and in real seconds alike (a test's
        clock stands still; Telegram's does not); anything else the handler does, it does."""
        if len(self._deadlines) > SEEN_AT_MOST:  # presses whose handlers never answered
            self._deadlines.clear()
        if came is None:
            came = Arrival(dt.datetime.min.replace(tzinfo=dt.UTC), 0.0)
        window = ANSWER_WITHIN.total_seconds()
        self._deadlines[callback_query_id] = (came.at + ANSWER_WITHIN, came.taken + window)

    async def answer_callback_query(
        self, callback_query_id: str, *args: Any, **kwargs: Any
    ) -> bool:
        """Answer a press, unless it is by now too late for Telegram to take the answer."""
        deadline = self._deadlines.pop(callback_query_id, None)
        if deadline is not None and (
            self._clock.now() > deadline[0] or time.monotonic() > deadline[1]
        ):
            log.info("a button press is left unanswered: it was handled too late")
            return True
        return await super().answer_callback_query(callback_query_id, *args, **kwargs)


class Backoff:
    """Waits that double from ``first`` up to ``most``, and start again after a success."""

    def __init__(self, first: float, most: float) -> None:
        self._first = first
        self._most = most
        self._next = first

    def next(self) -> float:
        """The wait before the next attempt."""
        wait, self._next = self._next, min(self._most, self._next * 2)
        return wait

    def reset(self) -> None:
        """Start from the shortest wait again."""
        self._next = self._first


class Receiver:
    """Takes updates from Telegram into the inbox, and from the inbox to the handlers."""

    def __init__(
        self, app: MesoApp, inbox: Inbox, *, clock: Clock, retry: tuple[float, float]
    ) -> None:
        self._app = app
        self.inbox = inbox
        self._clock = clock
        self._retry = retry
        self._queued: dict[int, Arrival] = {}  # queued or being handled: when it came
        self._failed: set[int] = set()  # handling met an outage: handled again once it ends
        self._told: set[int] = set()  # the sender was told their message is safe
        self._seen: dict[int, dt.datetime] = {}  # fetched, not stored yet: since when
        self._stopping = asyncio.Event()
        self._polling: asyncio.Task[None] | None = None
        self._commands: set[str] | None = None
        self.order = ChatOrder()

    async def receive(self, updates: Sequence[Update]) -> bool:
        """Store ``updates`` and queue the new ones; False when the database cannot be
        reached (their senders are told nothing is lost: Telegram still holds them)."""
        now = self._clock.now()
        if len(self._seen) > SEEN_AT_MOST:  # ones Telegram never sent again (another took them)
            self._seen.clear()
        # When each first came: a message that waited out an outage is as old as that.
        arrived = {u.update_id: self._seen.setdefault(u.update_id, now) for u in updates}
        try:
            new = set(await self.inbox.store([_received(u, arrived) for u in updates]))
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("cannot store updates, the database is unreachable: %s", one_line(error))
            for update in updates:
                await self.reassure(update)
            return False
        for update in updates:
            self._told.discard(update.update_id)
            self._seen.pop(update.update_id, None)
            if update.update_id in new:
                self._queue(update, arrived[update.update_id])
        return True

    async def recover(self) -> int:
        """Queue the updates left unhandled (by a crash, an outage or a stopped instance),
        oldest first; returns how many."""
        try:
            waiting = await self.inbox.waiting()
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("cannot look for unhandled updates just now: %s", one_line(error))
            return 0
        fresh = [row for row in waiting if row[0] not in self._queued]
        for _, payload, arrived in fresh:
            update = Update.de_json(json.loads(payload), self._app.bot)
            self._queue(update, arrived)
        if fresh:
            log.info("%s updates left unhandled are handled now", len(fresh))
        return len(fresh)

    def _queue(self, update: Update, arrived: dt.datetime) -> None:
        self._queued[update.update_id] = Arrival(arrived, time.monotonic())
        self.order.queued(_lane(update), update.update_id)
        self._app.update_queue.put_nowait(update)

    def failed(self, update: object) -> bool:
        """Note that handling ``update`` met a database outage; True if it will be handled
        again once the database is back."""
        if isinstance(update, Update) and update.update_id in self._queued:
            self._failed.add(update.update_id)
            return True
        return False

    async def reassure(self, update: object) -> None:
        """Tell the sender, once per update, that the bot cannot reach its records and will
        answer later: nothing they sent is lost."""
        if not isinstance(update, Update) or update.update_id in self._told:
            return
        chat = update.effective_chat
        if chat is None or chat.type != "private" or update.effective_user is None:
            return
        self._told.add(update.update_id)
        # The records (and so the stored language) are out of reach: Telegram's language.
        catalogues = self._app.bot_data.services.catalogues
        catalogue = catalogues[catalogues.choose(update.effective_user.language_code)]
        try:
            await self._app.bot.send_message(chat.id, catalogue.text("unavailable"))
        except TelegramError as error:
            log.warning("could not tell chat %s to wait: %s", chat.id, error)

    async def handle(self, update: object, handling: Awaitable[Any]) -> None:
        """Run the handlers for ``update`` (from the inbox: claimed first, marked done after;
        after an outage, again until it is handled), counted and logged in one line."""
        if not isinstance(update, Update) or update.update_id not in self._queued:
            await handling
            return
        kind = update_kind(update)
        started = time.perf_counter()
        user = update.effective_user.id if update.effective_user is not None else None
        fields = {"update_id": update.update_id, "kind": kind, "handler": self._handler(update)}
        with logs.scope(**fields, _user=user):
            try:
                await self._handle(update, handling)
            finally:
                seconds = time.perf_counter() - started
                self._metrics.updates.labels(kind).inc()
                self._metrics.update_seconds.observe(seconds)
                log.info("update done", extra={"duration_ms": round(seconds * 1000, 1)})

    @property
    def _metrics(self) -> Metrics:
        return self._app.bot_data.services.metrics

    def _handler(self, update: Update) -> str:
        """What the update asks for, in a word from a fixed set (never the patient's text)."""
        if self._commands is None:
            self._commands = {
                command
                for group in self._app.handlers.values()
                for handler in group
                if isinstance(handler, CommandHandler)
                for command in handler.commands
            }
        message = update.effective_message
        if update.callback_query is not None:
            prefix = str(update.callback_query.data or "").split(":", 1)[0]
            known = any(family.prefix == prefix for family in CallbackData.families)
            return f"button {prefix}" if known else "button unknown"
        if message is not None and message.text and message.text.startswith("/"):
            command = message.text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower()
            return f"/{command}" if command in self._commands else "unknown command"
        return update_kind(update)

    async def _handle(self, update: Update, handling: Awaitable[Any]) -> None:
        update_id = update.update_id
        logs.note(outcome="handled")
        first: Awaitable[Any] | None = handling
        backoff = Backoff(*self._retry)
        try:
            while await self._persist(lambda: self.inbox.claim(update_id)):
                self._mind_the_answer(update)
                with self.inbox.handling(update_id) as handled:
                    run, first = first or self._app.process_update(update), None
                    await run
                if update_id not in self._failed:
                    if not handled.marked:
                        await self._persist(lambda: self.inbox.done(update_id))
                    return
                self._failed.discard(update_id)
                logs.note(outcome="waiting for the database")
                if not await self._pause(backoff.next()):
                    return
            logs.note(outcome="left in the inbox")
        except Exception:  # a fault of the inbox's own: the next updates must still flow
            log.exception("the inbox could not keep track of update %s", update_id)
        finally:
            self._queued.pop(update_id, None)
            self._told.discard(update_id)
            if asyncio.iscoroutine(first):
                first.close()  # claimed elsewhere, or shutting down: never started

    def _mind_the_answer(self, update: Update) -> None:
        if update.callback_query is not None:
            self._app.bot.pressed(update.callback_query.id, self._queued.get(update.update_id))

    async def _persist(self, action: Callable[[], Awaitable[T]]) -> T | None:
        """Run ``action`` until the database answers; None if the bot stops while waiting."""
        backoff = Backoff(*self._retry)
        while True:
            try:
                return await action()
            except Exception as error:
                if not is_outage(error):
                    raise
                log.warning("the inbox is unreachable, trying again: %s", one_line(error))
            if not await self._pause(backoff.next()):
                return None

    async def _pause(self, seconds: float) -> bool:
        """Wait ``seconds``; False if the bot began stopping meanwhile."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)
        return not self._stopping.is_set()

    def start_polling(self, *, timeout: int) -> None:
        """Begin long polling in the background."""
        self._polling = asyncio.get_running_loop().create_task(self._poll(timeout))

    async def stop(self) -> None:
        """Stop polling and give up waiting for the database (what is unhandled stays in the
        inbox, or with Telegram, for the next start)."""
        self._stopping.set()
        if self._polling is not None:
            self._polling.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._polling
            self._polling = None

    async def _poll(self, timeout: int) -> None:
        bot = self._app.bot
        backoff = Backoff(*self._retry)
        offset = 0
        while not await self._delete_webhook():
            if not await self._pause(backoff.next()):
                return
        while not self._stopping.is_set():
            try:
                updates = await bot.get_updates(offset=offset, timeout=timeout)
            except TimedOut:
                continue
            except RetryAfter as wait:
                await self._pause(wait.retry_after.total_seconds())  # type: ignore[union-attr]
                continue
            except InvalidToken:
                log.error("the Bot API rejected the token: polling stops")
                return
            except TelegramError as error:
                quiet = isinstance(error, Conflict)
                (log.info if quiet else log.warning)("getUpdates failed: %s", error)
                await self._pause(backoff.next())
                continue
            if not updates:
                continue
            if await self.receive(updates):
                # Telegram forgets what is below the offset: only what is stored.
                offset = updates[-1].update_id + 1
                backoff.reset()
            else:
                await self._pause(backoff.next())

    async def _delete_webhook(self) -> bool:
        try:
            await self._app.bot.delete_webhook()
        except TelegramError as error:
            log.warning("could not switch to polling yet: %s", one_line(error))
            return False
        return True


def _lane(update: Update) -> int:
    """Whose updates must keep their order: the chat's, or the person's where there is none."""
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else update.update_id


def _received(update: Update, arrived: dict[int, dt.datetime]) -> Received:
    chat = update.effective_chat
    return Received(
        update.update_id, chat.id if chat else None, update.to_json(), arrived[update.update_id]
    )


class InboxProcessor(BaseUpdateProcessor):
    """PTB's update processor: updates from different chats at once (up to ``at_once``), each
    chat's in the order they were queued, all through the receiver."""

    def __init__(self, at_once: int = AT_ONCE) -> None:
        super().__init__(max_concurrent_updates=at_once)
        self.receiver: Receiver | None = None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle ``update`` from the inbox, in its chat's turn."""
        receiver = self.receiver
        assert receiver is not None
        if not isinstance(update, Update):
            await receiver.handle(update, coroutine)
            return

        def drop() -> None:
            if asyncio.iscoroutine(coroutine):
                coroutine.close()

        await receiver.order.run(
            _lane(update), update.update_id, lambda: receiver.handle(update, coroutine), drop
        )

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
