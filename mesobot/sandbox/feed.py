"""The update queue: long polling with offsets, or delivery to a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from typing import Any

import httpx

from .errors import bad_request, conflict

# Update types Telegram sends when allowed_updates is empty or never set.
DEFAULT_TYPES = frozenset(
    {"message", "edited_message", "callback_query", "my_chat_member", "inline_query"}
)
MAX_WAIT = 50.0
RECENT = 1000


class Notifier:
    """Wakes everyone waiting for "something changed"."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake all current waiters."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> bool:
        """Wait for the next change; False on timeout."""
        event = self._event
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return False
        return True


@dataclass
class Webhook:
    """A webhook as setWebhook configured it."""

    url: str
    secret_token: str | None
    max_connections: int
    last_error_date: int | None = None
    last_error_message: str | None = None


class UpdateFeed:
    """Updates waiting for the bot, and the two ways to hand them over."""

    def __init__(self, notifier: Notifier, *, retry_delay: float = 0.5) -> None:
        self._notifier = notifier
        self._pending: list[dict[str, Any]] = []
        self._next_id = 1
        self._allowed: frozenset[str] = DEFAULT_TYPES
        self._poll_generation = 0
        self._closing = False
        self._retry_delay = retry_delay
        self.webhook: Webhook | None = None
        self._webhook_task: asyncio.Task[None] | None = None
        self._client: httpx.AsyncClient | None = None
        self.delivered_to_webhook = 0
        # A load balancer in front of the webhook: deliveries go to these in turn (the next
        # one at once when one cannot be reached) instead of to the URL the bot set.
        self.spread: list[str] = []
        self._turn = 0
        # Recent updates by id, so a test can have one delivered again as Telegram may.
        self._recent: dict[int, dict[str, Any]] = {}

    @property
    def pending_count(self) -> int:
        """How many updates the bot has not confirmed yet."""
        return len(self._pending)

    def push(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update; returns its id (updates of types not allowed are dropped)."""
        update_id = self._next_id
        self._next_id += 1
        if kind in self._allowed:
            update = {"update_id": update_id, kind: payload}
            self._pending.append(update)
            self._recent[update_id] = update
            if len(self._recent) > RECENT:
                del self._recent[next(iter(self._recent))]
            self._notifier.notify()
        return update_id

    def deliver_again(self, update_id: int) -> None:
        """Send an update once more, as Telegram does when it never saw the bot's answer (a
        webhook reply lost to a timeout, say)."""
        self._pending.append(self._recent[update_id])
        self._pending.sort(key=lambda u: int(u["update_id"]))
        self._notifier.notify()

    def set_allowed(self, allowed: Any) -> None:
        """Remember allowed_updates, as Telegram does across calls."""
        if allowed is None:
            return
        if not isinstance(allowed, list):
            raise bad_request("can't parse allowed updates JSON object")
        self._allowed = frozenset(allowed) if allowed else DEFAULT_TYPES

    def drop_pending(self) -> None:
        """Forget every update not yet handed over."""
        self._pending.clear()

    async def get_updates(
        self, *, offset: int | None, limit: int, timeout: float, allowed: Any
    ) -> list[dict[str, Any]]:
        """Long-poll as Telegram does: a newer request ends an older one with 409."""
        if self.webhook is not None:
            raise conflict(
                "can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first"
            )
        self.set_allowed(allowed)
        if offset is not None and offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset is not None and offset < 0:
            self._pending = self._pending[offset:]
        self._poll_generation += 1
        generation = self._poll_generation
        self._notifier.notify()
        deadline = time.monotonic() + min(max(timeout, 0.0), MAX_WAIT)
        while True:
            if generation != self._poll_generation:
                raise conflict(
                    "terminated by other getUpdates request; "
                    "make sure that only one bot instance is running"
                )
            if self.webhook is not None:
                raise conflict("webhook was set while getUpdates was waiting")
            batch = [u for u in self._pending if self._type_of(u) in self._allowed][:limit]
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing:
                return batch
            await self._notifier.wait(remaining)

    @staticmethod
    def _type_of(update: dict[str, Any]) -> str:
        return next(key for key in update if key != "update_id")

    def set_webhook(self, webhook: Webhook | None) -> None:
        """Start (or stop, with None) pushing updates to a URL."""
        self.webhook = webhook
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            self._webhook_task = None
        if webhook is not None:
            self._webhook_task = asyncio.create_task(self._deliver(webhook))
        self._notifier.notify()

    async def _deliver(self, webhook: Webhook) -> None:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=10.0)
        headers = {"Content-Type": "application/json"}
        if webhook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = webhook.secret_token
        failures = 0  # in a row
        while not self._closing:
            if not self._pending:
                await self._notifier.wait(MAX_WAIT)
                continue
            update = self._pending[0]
            url = webhook.url
            if self.spread:
                url = self.spread[self._turn % len(self.spread)]
                self._turn += 1
            try:
                response = await self._client.post(url, json=update, headers=headers)
                ok = 200 <= response.status_code < 300
                error = (
                    f"Wrong response from the webhook: {response.status_code} "
                    f"{response.reason_phrase}"
                )
            except httpx.HTTPError as exc:
                ok, error = False, f"Connection failed: {type(exc).__name__}"
            if ok:
                failures = 0
                if self._pending and self._pending[0] is update:
                    self._pending.pop(0)
                self.delivered_to_webhook += 1
                self._notifier.notify()
                continue
            webhook.last_error_date = int(time.time())
            webhook.last_error_message = error
            failures += 1
            if failures % max(1, len(self.spread)):
                continue  # the balancer tries the next address before waiting
            await asyncio.sleep(self._retry_delay)

    async def close(self) -> None:
        """Release long polls and stop webhook delivery."""
        self._closing = True
        self._notifier.notify()
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None
