"""Telegram handlers: parse the update, call a service, render the reply."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from . import (
    broadcast,
    callbacks,
    closure,
    errors,
    faq,
    intake,
    patient,
    reminders,
    requests,
    staff,
)
from .views import NOOP

if TYPE_CHECKING:
    from mesobot.app import BotContext, MesoApp


async def _noop(update: Update, context: BotContext) -> None:
    """Blank calendar cells: acknowledge the tap, change nothing."""
    assert update.callback_query
    await update.callback_query.answer()


def register(app: MesoApp) -> None:
    """Attach every handler to the application, most specific first."""
    private = filters.ChatType.PRIVATE
    commands = {
        "start": intake.start,
        "cancel": intake.cancel,
        "next": patient.next_command,
        "plan": patient.plan_command,
        "delete": patient.delete_command,
        "pause": reminders.pause,
        "resume": reminders.resume,
        "evening": reminders.evening,
        "quiet": reminders.quiet,
        "faq": faq.faq_command,
        "help": patient.help_command,
        # Staff only: to anyone else these are unknown commands.
        "today": staff.today,
        "week": staff.week,
        "patients": staff.patients,
        "closed": closure.closed,
        "broadcast": broadcast.broadcast,
        "requests": requests.requests_command,
        "staff": staff.staff_command,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=private))
    buttons = {
        r"^consent:": intake.on_consent,
        r"^join:": intake.on_join,
        r"^in:": intake.on_choice,
        r"^cal:": intake.on_calendar,
        r"^over:": patient.on_start_over,
        r"^del:": patient.on_delete,
        r"^rm:": reminders.on_reminder,
        r"^mv:": reminders.on_move,
        r"^(ck|bf):": reminders.on_checkin,
        r"^faq:": faq.on_topic,
        r"^fb:": faq.on_feedback,
        r"^bc:": broadcast.on_button,
        r"^cl:": closure.on_confirm,
        r"^cn:": closure.on_notice,
        r"^rq:": requests.on_button,
        r"^pp:": requests.on_proposal,
        rf"^{NOOP}$": _noop,
    }
    # Before any button's handler: forged or malformed data goes no further.
    app.add_handler(CallbackQueryHandler(callbacks.gate), group=-1)
    for pattern, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    app.add_handler(CallbackQueryHandler(errors.unknown_button))
    app.add_handler(ChatMemberHandler(patient.on_member_status, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.COMMAND & private, errors.unknown_command))
    app.add_handler(MessageHandler(filters.LOCATION & private, intake.on_location))
    app.add_handler(MessageHandler(filters.TEXT & private, intake.on_text))
    app.add_error_handler(errors.on_error)
