"""The sandbox's state, shared by the Bot API methods and the phone."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from .errors import bad_request, forbidden
from .feed import Notifier, UpdateFeed
from .flood import FloodControl
from .records import CallbackQuery, Chat, User


class SandboxCore:
    """Users, chats, pending updates and the bot's registered commands."""

    def __init__(
        self,
        *,
        token: str,
        bot_username: str,
        flood: FloodControl,
        now: Callable[[], dt.datetime],
        webhook_retry_delay: float,
        answer_window: dt.timedelta,
    ) -> None:
        bot_id, _, secret = token.partition(":")
        if not bot_id.isdigit() or not secret:
            raise ValueError("a token looks like '123456:secret'")
        self.token = token
        self.bot = User(id=int(bot_id), first_name="Mesobot", username=bot_username, is_bot=True)
        self.flood = flood
        self.now = now
        # How long a button press waits for the bot's answer; later answers are refused.
        self.answer_window = answer_window
        self.notifier = Notifier()
        self.feed = UpdateFeed(self.notifier, retry_delay=webhook_retry_delay)
        self.chats: dict[int, Chat] = {}
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self.sent_count = 0

    def timestamp(self) -> int:
        """Unix time on the sandbox's clock, for message dates."""
        return int(self.now().timestamp())

    def next_query_id(self) -> str:
        """A fresh callback query id."""
        return str(next(self._query_ids))

    def next_file_id(self) -> str:
        """A fresh file id."""
        return f"sandbox-file-{next(self._file_ids)}"

    def add_user(self, user: User) -> Chat:
        """Register a user (and their private chat with the bot)."""
        if user.id in self.chats or user.id == self.bot.id:
            raise ValueError(f"user {user.id} already exists")
        chat = self.chats[user.id] = Chat(user)
        return chat

    def chat_for_bot(self, chat_id: Any) -> Chat:
        """The chat the bot addresses, with Telegram's errors for unknown or blocked ones."""
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        try:
            chat = self.chats.get(int(chat_id))
        except (TypeError, ValueError):
            chat = None
        if chat is None:
            raise bad_request("chat not found")
        if chat.blocked:
            raise forbidden("bot was blocked by the user")
        if not chat.started:
            raise forbidden("bot can't initiate conversation with a user")
        return chat

    def push_message(self, chat: Chat, **fields: Any) -> int:
        """Record a user's message in their chat and queue it as an update."""
        chat.started = True
        message = chat.add(from_bot=False, date=self.timestamp(), **fields)
        self.notifier.notify()
        return self.feed.push("message", message.to_api(self.bot))

    def push_member_status(self, chat: Chat, old: str, new: str) -> None:
        """Queue a ``my_chat_member`` update (the user blocked or unblocked the bot)."""
        date = self.timestamp()
        self.feed.push(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": chat.user.to_api(),
                "date": date,
                "old_chat_member": self._member(old),
                "new_chat_member": self._member(new),
            },
        )

    def _member(self, status: str) -> dict[str, Any]:
        # Telegram sends until_date (0: for ever) with every "kicked" member, old or new.
        member: dict[str, Any] = {"status": status, "user": self.bot.to_api()}
        if status == "kicked":
            member["until_date"] = 0
        return member
