"""Small pieces every handler module uses."""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from typing import TYPE_CHECKING

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from mesobot.render.format import doctor_pointer
from mesobot.services.broadcasts import MAX_MESSAGE_LENGTH
from mesobot.services.intake import Person

if TYPE_CHECKING:
    from mesobot.app import BotContext


def person(update: Update) -> Person:
    """Who sent the update."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    return Person(user.id, chat.id, user.first_name)


def pressed(update: Update) -> tuple[CallbackQuery, Message, str]:
    """The button press, the message it was on, and its data."""
    query = update.callback_query
    assert query is not None and isinstance(query.message, Message)
    return query, query.message, query.data or ""


Markup = InlineKeyboardMarkup | None


async def drop_buttons(message: Message) -> None:
    """Remove a message's inline keyboard, so it cannot be pressed twice."""
    await edit_buttons(message, None)


# The last keyboard change this process made under recent messages, as (before, after). A
# double tap delivers a second press still showing "before"; it must not repeat the edit.
_EDITS: OrderedDict[tuple[int, int, int], tuple[Markup, Markup]] = OrderedDict()
_REMEMBERED = 1024


async def edit_buttons(message: Message, markup: Markup) -> None:
    """Show these buttons under the message; nothing is sent when they are already shown
    (Telegram refuses an edit that changes nothing)."""
    key = (id(message.get_bot()), message.chat_id, message.message_id)
    current = message.reply_markup
    if key in _EDITS and _EDITS[key][0] == current:
        current = _EDITS[key][1]  # this press was made before our last edit landed
    if current == markup:
        return
    _EDITS[key] = (message.reply_markup, markup)
    _EDITS.move_to_end(key)
    while len(_EDITS) > _REMEMBERED:
        _EDITS.popitem(last=False)
    with contextlib.suppress(BadRequest):  # deleted meanwhile
        await message.edit_reply_markup(reply_markup=markup)


async def pointer(context: BotContext, telegram_user_id: int) -> str:
    """The doctor pointer for this person: their clinic's contact if they joined one."""
    clinic = await context.services.clinics.clinic_of(telegram_user_id=telegram_user_id)
    if clinic is None:
        return doctor_pointer(context.catalogue)
    return doctor_pointer(context.catalogue, clinic.name, clinic.contact)


def pages(lines: list[str], limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Lines joined into as few messages as fit Telegram's limit.

    Lines are cut on their own (each holds whole tags), and raw HTML is never shorter than
    what Telegram counts, so measuring the raw text is safe.
    """
    result: list[str] = []
    current = ""
    for line in lines:
        line = line[:limit]
        joined = f"{current}\n{line}" if current else line
        if len(joined) > limit:
            result.append(current)
            joined = line
        current = joined
    return [*result, current] if current or not result else result


async def reply_long(message: Message, lines: list[str]) -> None:
    """Reply with ``lines``, in several messages when one would be too long."""
    for page in pages(lines):
        await message.reply_text(page)
