"""Telegram handlers: parse the update, call a service, render the reply."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from mesobot.render import callbacks as cb

from . import (
    broadcast,
    callbacks,
    card,
    closure,
    errors,
    faq,
    intake,
    language,
    patient,
    reminders,
    requests,
    staff,
    text,
)

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
        "calendar": patient.calendar_command,
        "progress": reminders.progress_command,
        "delete": patient.delete_command,
        "export": patient.export_command,
        "pause": reminders.pause,
        "resume": reminders.resume,
        "evening": reminders.evening,
        "quiet": reminders.quiet,
        "reminders": reminders.reminders_command,
        "faq": faq.faq_command,
        "help": patient.help_command,
        "language": language.language_command,
        # Staff only: to anyone else these are unknown commands.
        "today": staff.today,
        "week": staff.week,
        "patients": staff.patients,
        "closed": closure.closed,
        "broadcast": broadcast.broadcast,
        "requests": requests.requests_command,
        "staff": staff.staff_command,
        "hours": staff.hours_command,
        "patient": card.patient_card,
        "web": staff.web_command,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=private))
    buttons: dict[
        type[cb.CallbackData], Callable[[Update, BotContext], Coroutine[Any, Any, None]]
    ] = {
        cb.Consent: intake.on_consent,
        cb.LanguagePick: language.on_pick,
        cb.Join: intake.on_join,
        cb.Choice: intake.on_choice,
        cb.IntakeMonth: intake.on_calendar,
        cb.StartOver: intake.on_start_over,
        cb.Erase: patient.on_delete,
        cb.CalendarFile: patient.on_calendar,
        cb.ReminderSetting: reminders.on_setting,
        cb.Reminder: reminders.on_reminder,
        cb.Later: reminders.on_later,
        cb.Progress: reminders.on_progress,
        cb.MoveDay: reminders.on_move,  # and MoveMonth: the same prefix
        cb.Checkin: reminders.on_checkin,
        cb.Bruise: reminders.on_checkin,
        cb.Topic: faq.on_topic,
        cb.Helpful: faq.on_feedback,
        cb.BroadcastStep: broadcast.on_button,
        cb.CloseDay: closure.on_confirm,
        cb.ClosureAnswer: closure.on_notice,
        cb.RequestAction: requests.on_button,  # and the other request buttons
        cb.Proposal: requests.on_proposal,
        cb.CardAction: card.on_card,
        cb.PlanEdit: card.on_card,
        cb.PlanAnswer: card.on_plan_answer,
        cb.Blank: _noop,
    }
    # Before anything else: the language the update is answered in.
    app.add_handler(TypeHandler(Update, language.resolve), group=-2)
    # Before any button's handler: forged or malformed data goes no further.
    app.add_handler(CallbackQueryHandler(callbacks.gate), group=-1)
    for family, handle in buttons.items():
        app.add_handler(CallbackQueryHandler(handle, pattern=family.pattern()))
    app.add_handler(CallbackQueryHandler(errors.unknown_button))
    app.add_handler(ChatMemberHandler(patient.on_member_status, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.COMMAND & private, errors.unknown_command))
    app.add_handler(MessageHandler(filters.LOCATION & private, intake.on_location))
    typed = filters.TEXT & ~filters.COMMAND & private
    app.add_handler(MessageHandler(typed, text.staff_draft), group=text.STAFF_DRAFT)
    app.add_handler(MessageHandler(typed, text.warning_signs), group=text.WARNING_SIGNS)
    app.add_handler(MessageHandler(typed, text.intake_step), group=text.INTAKE_STEP)
    app.add_handler(MessageHandler(typed, text.question), group=text.QUESTION)
    app.add_error_handler(errors.on_error)
