"""Questions: warning signs first, then a vetted answer, a few close topics, or an honest no."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup, Message, Update

from mesobot.db import is_outage
from mesobot.delivery.telegram import keyboard
from mesobot.render.callbacks import Helpful, Topic
from mesobot.render.format import doctor_pointer
from mesobot.services.faq_verdict import Match, Verdict

from .common import drop_buttons, person, pointer, pressed

if TYPE_CHECKING:
    from mesobot.app import BotContext


async def warn_if_urgent(message: Message, context: BotContext) -> bool:
    """Check a patient's words for warning signs before anything else: a sign gets the urgent
    instruction (and nothing more), a symptom that cannot be cleared gets the checklist first.
    True when the message needs no other reply."""
    questions = context.services.questions
    assessment = questions.assess(message.text or "", context.language)
    if not assessment.alarming:
        return False
    # Safety before bookkeeping: the instruction goes out before anything is stored, so a
    # database fault can delay the record, never the instruction.
    try:
        doctor = await pointer(context, message.chat.id)
    except Exception as error:  # the clinic's contact is in the database: fall back
        if not is_outage(error):
            raise
        doctor = doctor_pointer(context.catalogue)
    key = "urgent" if assessment.findings else "checklist"
    context.services.metrics.escalations.labels("sign" if assessment.findings else "unclear").inc()
    await message.reply_text(context.catalogue.compose(key, doctor=doctor))
    if assessment.findings:
        await questions.record_warning(
            telegram_user_id=message.chat.id, text=message.text or "", findings=assessment.findings
        )
    return bool(assessment.findings)


def _topics(context: BotContext, entries: tuple[str, ...]) -> InlineKeyboardMarkup:
    faq = context.catalogue.faq
    return keyboard([[(faq[key].title, Topic(key).pack())] for key in entries])


async def send_answer(
    message: Message, context: BotContext, entry: str, *, ask_feedback: bool
) -> None:
    """The vetted answer, then (for patients) "Did this answer your question?"."""
    catalogue = context.catalogue
    doctor = await pointer(context, message.chat.id)
    await message.chat.send_message(catalogue.answer(entry, doctor=doctor))
    question = await context.services.questions.answered(
        telegram_user_id=message.chat.id, entry=entry
    )
    if ask_feedback and question is not None:
        text = catalogue.text
        markup = keyboard(
            [
                [
                    (text("btn_helpful_yes"), Helpful(question, "yes").pack()),
                    (text("btn_helpful_no"), Helpful(question, "no").pack()),
                ]
            ]
        )
        await message.chat.send_message(text("faq_helpful"), reply_markup=markup)


async def reply_to(message: Message, context: BotContext, match: Match) -> None:
    """Answer, offer the closest topics, or say there is no vetted information."""
    text = context.catalogue.text
    outcome = {Verdict.ANSWER: "answered", Verdict.SUGGEST: "offered"}.get(match.verdict)
    context.services.metrics.faq_answers.labels(outcome or "unknown").inc()
    if match.verdict == Verdict.ANSWER:
        await send_answer(message, context, match.entries[0], ask_feedback=True)
        if match.also:
            await message.chat.send_message(
                text("faq_also"), reply_markup=_topics(context, match.also)
            )
    elif match.verdict == Verdict.SUGGEST:
        await message.reply_text(text("faq_suggest"), reply_markup=_topics(context, match.entries))
    else:
        unknown = f"{text('faq_unknown')}\n\n{await pointer(context, message.chat.id)}"
        await message.reply_text(unknown)


async def faq_command(update: Update, context: BotContext) -> None:
    """/faq: every topic as a button."""
    assert update.effective_message
    markup = _topics(context, tuple(context.catalogue.faq))
    await update.effective_message.reply_text(
        context.catalogue.text("faq_topics"), reply_markup=markup
    )


async def on_topic(update: Update, context: BotContext) -> None:
    """A topic button: its vetted answer."""
    query, message, data = pressed(update)
    topic = Topic.unpack(data)
    entry = topic.key if topic is not None else ""
    if entry not in context.catalogue.faq:
        await query.answer(context.catalogue.text("stale"))
        return
    await query.answer()
    await send_answer(message, context, entry, ask_feedback=True)


async def on_feedback(update: Update, context: BotContext) -> None:
    """Yes / No to "Did this answer your question?"."""
    query, message, data = pressed(update)
    answer = Helpful.unpack(data)
    stored = answer is not None and await context.services.questions.feedback(
        telegram_user_id=person(update).telegram_user_id,
        question_id=answer.question,
        helpful=answer.answer == "yes",
    )
    if not stored:
        await query.answer(context.catalogue.text("stale"))
        return
    await query.answer(context.catalogue.text("faq_thanks"))
    await drop_buttons(message)
