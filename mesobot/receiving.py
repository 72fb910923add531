"""Receiving updates: Telegram learns an update arrived only once the inbox holds it, and the
handlers take it from there, in order, waiting out a database that cannot be reached.

Polling asks for the next updates with an offset just past the last one stored, so a crash
or an outage leaves the rest with Telegram, which sends them again. In webhook mode the
bot's server answers Telegram only once the update is stored (``mesobot.http.webhook``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from telegram import Update
from telegram.error import Conflict, InvalidToken, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseUpdateProcessor

from mesobot.db import is_outage, one_line
from mesobot.delivery.inbox import Inbox, Received

if TYPE_CHECKING:
    from mesobot.app import MesoApp

log = logging.getLogger(__name__)
T = TypeVar("T")


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

    def __init__(self, app: MesoApp, inbox: Inbox, *, retry: tuple[float, float]) -> None:
        self._app = app
        self.inbox = inbox
        self._retry = retry
        self._queued: set[int] = set()  # in the update queue or being handled
        self._failed: set[int] = set()  # handling met an outage: handled again once it ends
        self._told: set[int] = set()  # the sender was told their message is safe
        self._stopping = asyncio.Event()
        self._polling: asyncio.Task[None] | None = None

    async def receive(self, updates: Sequence[Update]) -> bool:
        """Store ``updates`` and queue the new ones; False when the database cannot be
        reached (their senders are told nothing is lost: Telegram still holds them)."""
        try:
            new = set(await self.inbox.store([_received(u) for u in updates]))
        except Exception as error:
            if not is_outage(error):
                raise
            log.warning("cannot store updates, the database is unreachable: %s", one_line(error))
            for update in updates:
                await self.reassure(update)
            return False
        for update in updates:
            self._told.discard(update.update_id)
            if update.update_id in new:
                self._queue(update)
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
        fresh = [(i, p) for i, p in waiting if i not in self._queued]
        for _, payload in fresh:
            update = Update.de_json(json.loads(payload), self._app.bot)
            self._queue(update)
        if fresh:
            log.info("%s updates left unhandled are handled now", len(fresh))
        return len(fresh)

    def _queue(self, update: Update) -> None:
        self._queued.add(update.update_id)
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
        catalogue = self._app.bot_data.services.catalogue
        try:
            await self._app.bot.send_message(chat.id, catalogue.text("unavailable"))
        except TelegramError as error:
            log.warning("could not tell chat %s to wait: %s", chat.id, error)

    async def handle(self, update: object, handling: Awaitable[Any]) -> None:
        """Run the handlers for ``update`` (from the inbox: claimed first, marked done after;
        after an outage, again until it is handled)."""
        if not isinstance(update, Update) or update.update_id not in self._queued:
            await handling
            return
        update_id = update.update_id
        first: Awaitable[Any] | None = handling
        backoff = Backoff(*self._retry)
        try:
            while await self._persist(lambda: self.inbox.claim(update_id)):
                with self.inbox.handling(update_id) as handled:
                    run, first = first or self._app.process_update(update), None
                    await run
                if update_id not in self._failed:
                    if not handled.marked:
                        await self._persist(lambda: self.inbox.done(update_id))
                    return
                self._failed.discard(update_id)
                if not await self._pause(backoff.next()):
                    return
        finally:
            self._queued.discard(update_id)
            if asyncio.iscoroutine(first):
                first.close()  # claimed elsewhere, or shutting down: never started

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


def _received(update: Update) -> Received:
    chat = update.effective_chat
    return Received(update.update_id, chat.id if chat else None, update.to_json())


class InboxProcessor(BaseUpdateProcessor):
    """PTB's update processor: one update at a time, through the receiver."""

    def __init__(self) -> None:
        super().__init__(max_concurrent_updates=1)
        self.receiver: Receiver | None = None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle ``update`` from the inbox."""
        assert self.receiver is not None
        await self.receiver.handle(update, coroutine)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
