"""Telegram handlers: parse the update, call a service, render the reply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CommandHandler, MessageHandler, filters

from . import errors, patient

if TYPE_CHECKING:
    from mesobot.app import MesoApp


def register(app: MesoApp) -> None:
    """Attach every handler to the application, most specific first."""
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("start", patient.start, filters=private))
    app.add_handler(CommandHandler("help", patient.help_command, filters=private))
    app.add_handler(MessageHandler(filters.COMMAND & private, errors.unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & private, errors.not_understood))
    app.add_error_handler(errors.on_error)
