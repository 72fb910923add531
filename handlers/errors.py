"""Unknown commands, unexpected text, and errors: a friendly line, never silence."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from mesobot import logs
from mesobot.content import quote
from mesobot.db import is_outage, one_line

if TYPE_CHECKING:
    from mesobot.app import BotContext

log = logging.getLogger(__name__)


async def unknown_command(update: Update, context: BotContext) -> None:
    """Say the command is not known and point to /help."""
    assert update.effective_message and update.effective_message.text
    command = update.effective_message.text.split(maxsplit=1)[0].split("@", 1)[0]
    await update.effective_message.reply_text(
        context.catalogue.text("unknown_command", command=quote(command, 64))
    )


async def unknown_button(update: Update, context: BotContext) -> None:
    """Callback data the bot never sends (forged, or from an older version): change nothing."""
    assert update.callback_query
    await update.callback_query.answer(context.catalogue.text("stale"))


async def on_error(update: object, context: BotContext) -> None:
    """Log the error and tell the user, if there is a user to tell. When the database cannot
    be reached, the update is handled again once it is back, and the user told so."""
    outage = context.error is not None and is_outage(context.error)
    if outage and context.error is not None:
        log.warning("the database cannot be reached: %s", one_line(context.error))
        receiver = context.bot_data.receiver
        if receiver.failed(update):
            await receiver.reassure(update)
            raise ApplicationHandlerStop
    else:
        logs.note(outcome="error")
        log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(
                update.effective_chat.id, context.catalogue.text("error")
            )
        except TelegramError:
            log.warning("could not tell chat %s about the error", update.effective_chat.id)
    raise ApplicationHandlerStop  # the later handler groups leave this update alone
