"""The phone API: plays a patient or a staff member talking to the bot."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from .core import SandboxCore
from .records import CallbackQuery, Chat, ChatMessage

T = TypeVar("T")
DEFAULT_TIMEOUT = 5.0


class Phone:
    """One user's Telegram client: sends text, presses buttons, reads the chat."""

    def __init__(self, core: SandboxCore, chat: Chat, patience: float = DEFAULT_TIMEOUT) -> None:
        self._core = core
        self.chat = chat
        self._read = 0
        # How long waits last when not told: longer for one in a crowd on a busy machine.
        self.patience = patience

    @property
    def user_id(self) -> int:
        """The user's Telegram id (also their private chat id)."""
        return self.chat.id

    @property
    def name(self) -> str:
        """The user's first name."""
        return self.chat.user.first_name

    # -- what the user does ---------------------------------------------------------------

    async def send(self, text: str) -> int:
        """Type and send a message; a leading ``/word`` is marked as a bot command."""
        self._check_not_blocked()
        entities: list[dict[str, Any]] = []
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities.append({"type": "bot_command", "offset": 0, "length": len(command)})
        return self._core.push_message(self.chat, text=text, entities=entities)

    async def command(self, name: str, argument: str = "") -> int:
        """Send ``/name argument``."""
        return await self.send(f"/{name.lstrip('/')} {argument}".rstrip())

    async def share_location(self, latitude: float, longitude: float) -> int:
        """Share a location, as the "send my location" button does."""
        self._check_not_blocked()
        return self._core.push_message(
            self.chat, location={"latitude": latitude, "longitude": longitude}
        )

    async def press(
        self,
        label: str | None = None,
        *,
        data: str | None = None,
        message: ChatMessage | None = None,
    ) -> CallbackQuery:
        """Press an inline button by its label, or send arbitrary callback data (to forge one)."""
        self._check_not_blocked()
        if label is not None:
            message = message or self._message_with_button(label)
            data = message.callback_data(label)
        elif data is None:
            raise ValueError("press() needs a label or data")
        message = message or self._latest(lambda m: bool(m.inline_keyboard))
        if message is None:
            raise LookupError("there is no message with buttons to press")
        query = CallbackQuery(self._core.next_query_id(), message, data, self._core.now())
        self._core.callback_queries[query.id] = query
        self._core.feed.push(
            "callback_query",
            {
                "id": query.id,
                "from": self.chat.user.to_api(),
                "message": message.to_api(self._core.bot),
                "chat_instance": f"sandbox-{self.chat.id}",
                "data": data,
            },
        )
        return query

    async def answer_to(self, query: CallbackQuery, timeout: float | None = None) -> str | None:
        """Wait until the bot answers a button press; returns the toast text (or None)."""
        await self.wait_for(lambda: query.answered or None, timeout, f"an answer to {query.data!r}")
        return query.answer_text

    def block(self) -> None:
        """Block the bot: its messages to this user now fail with 403."""
        if not self.chat.blocked:
            self.chat.blocked = True
            self._core.push_member_status(self.chat, "member", "kicked")

    def unblock(self) -> None:
        """Unblock the bot."""
        if self.chat.blocked:
            self.chat.blocked = False
            self._core.push_member_status(self.chat, "kicked", "member")

    def _check_not_blocked(self) -> None:
        if self.chat.blocked:
            raise RuntimeError(f"{self.name} has blocked the bot; call unblock() first")

    # -- what the user sees ---------------------------------------------------------------

    @property
    def transcript(self) -> list[ChatMessage]:
        """Every message in the chat, both sides, including deleted ones (marked)."""
        return list(self.chat.messages)

    @property
    def received(self) -> list[ChatMessage]:
        """The bot's messages that are still in the chat."""
        return [m for m in self.chat.messages if m.from_bot and not m.deleted]

    @property
    def last(self) -> ChatMessage:
        """The bot's latest message still in the chat."""
        message = self._latest(lambda m: True)
        if message is None:
            raise LookupError(f"the bot has not written to {self.name}")
        return message

    def unread(self) -> list[ChatMessage]:
        """Bot messages not yet taken with ``next_message``; marks them read."""
        fresh = self._bot_messages()[self._read :]
        self._read += len(fresh)
        return fresh

    async def next_message(self, timeout: float | None = None) -> ChatMessage:
        """The bot's next new message in this chat, waiting for it if need be."""

        def ready() -> ChatMessage | None:
            messages = self._bot_messages()
            return messages[self._read] if len(messages) > self._read else None

        message = await self.wait_for(ready, timeout, "the bot's next message")
        self._read += 1
        return message

    async def wait_for(
        self, probe: Callable[[], T | None], timeout: float | None = None, what: str = "it"
    ) -> T:
        """Wait until ``probe()`` returns something other than None/False, and return it
        (for ``timeout`` seconds, or the phone's patience)."""
        timeout = self.patience if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            result = probe()
            if result is not None and result is not False:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{self.name}: waited {timeout}s for {what}")
            await self._core.notifier.wait(remaining)

    async def changed(self, timeout: float) -> bool:
        """Wait until anything in the sandbox changes; False on timeout."""
        return await self._core.notifier.wait(timeout)

    def _bot_messages(self) -> list[ChatMessage]:
        return [m for m in self.chat.messages if m.from_bot]

    def _latest(self, keep: Callable[[ChatMessage], bool]) -> ChatMessage | None:
        for message in reversed(self.chat.messages):
            if message.from_bot and not message.deleted and keep(message):
                return message
        return None

    def _message_with_button(self, label: str) -> ChatMessage:
        found = self._latest(lambda m: label in m.labels)
        if found is None:
            shown = self._latest(lambda m: bool(m.inline_keyboard))
            raise LookupError(
                f"no button {label!r}; latest buttons: {shown.labels if shown else []}"
            )
        return found
