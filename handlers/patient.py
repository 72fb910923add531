"""Patient commands: /start and /help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import Update

if TYPE_CHECKING:
    from mesobot.app import BotContext


async def start(update: Update, context: BotContext) -> None:
    """Greet the patient and say what the bot is (and is not)."""
    assert update.effective_message and update.effective_user
    text = context.catalogue.text("start", name=update.effective_user.first_name)
    await update.effective_message.reply_text(text)


async def help_command(update: Update, context: BotContext) -> None:
    """List the commands the bot knows."""
    assert update.effective_message
    commands = "\n".join(
        f"/{name}: {description}" for name, description in context.catalogue.commands.items()
    )
    await update.effective_message.reply_text(context.catalogue.text("help", commands=commands))
