"""What the sandbox remembers: users, chats, messages, callback queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class User:
    """A Telegram user, human or bot."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        """The Bot API ``User`` object."""
        data: dict[str, Any] = {
            "id": self.id,
            "is_bot": self.is_bot,
            "first_name": self.first_name,
        }
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.is_bot:
            data.update(
                can_join_groups=False,
                can_read_all_group_messages=False,
                supports_inline_queries=False,
            )
        return data


@dataclass
class Document:
    """A file the bot sent, kept so a test can read it."""

    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    content: bytes

    def to_api(self) -> dict[str, Any]:
        """The Bot API ``Document`` object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }


@dataclass
class Version:
    """What a message looked like before an edit."""

    text: str | None
    entities: list[dict[str, Any]]
    inline_keyboard: list[list[dict[str, Any]]] | None
    edit_date: int | None


@dataclass
class ChatMessage:
    """One message in a chat, from the bot or from the user, with its edit history."""

    message_id: int
    chat: Chat
    from_bot: bool
    date: int
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    html: str | None = None
    inline_keyboard: list[list[dict[str, Any]]] | None = None
    reply_keyboard: dict[str, Any] | None = None
    document: Document | None = None
    location: dict[str, float] | None = None
    edit_date: int | None = None
    history: list[Version] = field(default_factory=list)
    deleted: bool = False

    @property
    def buttons(self) -> list[list[str]]:
        """Labels of the inline keyboard, row by row."""
        return [[b["text"] for b in row] for row in self.inline_keyboard or []]

    @property
    def labels(self) -> list[str]:
        """All inline button labels, flattened."""
        return [label for row in self.buttons for label in row]

    def callback_data(self, label: str) -> str:
        """The callback data behind the inline button labelled ``label``."""
        for row in self.inline_keyboard or []:
            for button in row:
                if button["text"] == label and "callback_data" in button:
                    return str(button["callback_data"])
        raise LookupError(f"no button {label!r} on message {self.message_id}; it has {self.labels}")

    @property
    def reply_buttons(self) -> list[str]:
        """Labels of the reply keyboard shown under the input field, if any."""
        rows = (self.reply_keyboard or {}).get("keyboard", [])
        return [b if isinstance(b, str) else b["text"] for row in rows for b in row]

    def to_api(self, bot: User) -> dict[str, Any]:
        """The Bot API ``Message`` object."""
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": self.chat.to_api(),
            "from": bot.to_api() if self.from_bot else self.chat.user.to_api(),
        }
        if self.document is not None:
            data["document"] = self.document.to_api()
            if self.text:
                data["caption"] = self.text
                if self.entities:
                    data["caption_entities"] = self.entities
        elif self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = self.entities
        if self.location is not None:
            data["location"] = dict(self.location)
        if self.inline_keyboard:
            data["reply_markup"] = {"inline_keyboard": self.inline_keyboard}
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        return data


@dataclass
class Chat:
    """A private chat between the bot and one user."""

    user: User
    started: bool = False
    blocked: bool = False
    messages: list[ChatMessage] = field(default_factory=list)
    next_message_id: int = 1

    @property
    def id(self) -> int:
        """Private chats share the user's id."""
        return self.user.id

    def to_api(self) -> dict[str, Any]:
        """The Bot API ``Chat`` object."""
        data: dict[str, Any] = {
            "id": self.id,
            "type": "private",
            "first_name": self.user.first_name,
        }
        if self.user.last_name:
            data["last_name"] = self.user.last_name
        if self.user.username:
            data["username"] = self.user.username
        return data

    def add(self, *, from_bot: bool, date: int, **fields: Any) -> ChatMessage:
        """Append a message with the next id."""
        message = ChatMessage(self.next_message_id, self, from_bot, date, **fields)
        self.next_message_id += 1
        self.messages.append(message)
        return message

    def find(self, message_id: int) -> ChatMessage | None:
        """The live (not deleted) message with this id."""
        for message in reversed(self.messages):
            if message.message_id == message_id:
                return None if message.deleted else message
        return None


@dataclass
class CallbackQuery:
    """A button press and, once the bot answers, its answer."""

    id: str
    message: ChatMessage
    data: str
    pressed_at: dt.datetime
    answered: bool = False
    answer_text: str | None = None
    show_alert: bool = False
