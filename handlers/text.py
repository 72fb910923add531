"""Free text, routed most urgent first through PTB's handler groups (``handlers.register``):
a staff member's broadcast draft, then warning signs, then the current intake step, then
questions. A step that answers stops the rest; what a step loads is loaded once per update."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import Message, Update
from telegram.ext import ApplicationHandlerStop

from mesobot.services.faq_verdict import Match, Verdict, looks_like_question
from mesobot.services.intake import IntakeState

from . import broadcast, faq
from .common import person
from .intake import ask, respond, start

if TYPE_CHECKING:
    from mesobot.app import BotContext

# The handler groups, in the order they run (commands and buttons are in group 0).
STAFF_DRAFT, WARNING_SIGNS, INTAKE_STEP, QUESTION = 1, 2, 3, 4


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None and message.text is not None
    return message


async def _state(update: Update, context: BotContext) -> IntakeState | None:
    who = person(update).telegram_user_id
    return await context.once(
        "intake", lambda: context.services.intake.current(telegram_user_id=who)
    )


async def _match(update: Update, context: BotContext) -> Match:
    text, questions = _message(update).text or "", context.services.questions
    return await context.once("match", lambda: questions.match(text, context.language))


async def staff_draft(update: Update, context: BotContext) -> None:
    """Text from a staff member composing a broadcast is the broadcast."""
    if await broadcast.on_staff_text(update, context):
        raise ApplicationHandlerStop


async def warning_signs(update: Update, context: BotContext) -> None:
    """Warning signs before anything else: the urgent instruction first (and, in the middle
    of an intake, the same question again)."""
    message = _message(update)
    if not await faq.warn_if_urgent(message, context):
        return
    state = await _state(update, context)
    if state is not None:
        await ask(message, context, state, context.catalogue.text("triage_recorded"))
    raise ApplicationHandlerStop


async def intake_step(update: Update, context: BotContext) -> None:
    """The answer to the current intake step; a question asked meanwhile is answered and
    the same step asked again."""
    state = await _state(update, context)
    if state is None:
        return
    message = _message(update)
    match = await _match(update, context)
    if match.verdict == Verdict.ANSWER and looks_like_question(message.text or ""):
        await faq.send_answer(message, context, match.entries[0], ask_feedback=False)
        await ask(message, context, state, context.catalogue.text("faq_back"))
        raise ApplicationHandlerStop
    who = person(update).telegram_user_id
    outcome = await context.services.intake.type(telegram_user_id=who, text=message.text or "")
    if outcome is not None:
        await respond(message, context, outcome)
        raise ApplicationHandlerStop


async def question(update: Update, context: BotContext) -> None:
    """A question: answered, offered topics, or honestly not known; someone new is greeted."""
    match = await _match(update, context)
    who = person(update).telegram_user_id
    known, _ = await context.services.patients.course(telegram_user_id=who)
    if known is None and match.verdict != Verdict.ANSWER:
        await start(update, context)  # someone new: the greeting and consent again
        return
    await faq.reply_to(_message(update), context, match)
