"""The intake conversation: consent, one question at a time, a summary, a saved plan."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from telegram import (
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)

from mesobot.content import quote
from mesobot.delivery.telegram import keyboard
from mesobot.domain import plan as rules
from mesobot.render import intake as views
from mesobot.render import languages
from mesobot.render.callbacks import Choice, Consent, IntakeMonth, Join, StartOver
from mesobot.services.intake import IntakeState, Outcome, Person, StaleChoice, Welcome

from . import broadcast, patient
from .common import drop_buttons, edit_buttons, person, pressed

if TYPE_CHECKING:
    from mesobot.app import BotContext


async def ask(message: Message, context: BotContext, state: IntakeState, prefix: str = "") -> None:
    """Send the question for the current step (after an optional line before it)."""
    if state.step == "timezone":  # the city index gets built while the patient types a place
        context.services.zones.warm()
    asked = views.question(state, context.catalogue, now=context.services.clock.now())
    markup: ReplyKeyboardMarkup | InlineKeyboardMarkup = keyboard(asked.rows)
    if asked.share_location:
        share = KeyboardButton(context.catalogue.text("btn_share_location"), request_location=True)
        markup = ReplyKeyboardMarkup([[share]], resize_keyboard=True, one_time_keyboard=True)
    text = f"{prefix}\n\n{asked.text}" if prefix else asked.text
    await message.chat.send_message(text, reply_markup=markup)


async def respond(message: Message, context: BotContext, outcome: Outcome) -> None:
    """Say what the answer led to: a polite refusal, or the next question."""
    text = context.catalogue.text
    state = outcome.state
    if outcome.problem == "use_buttons":
        await ask(message, context, state, prefix=text("use_buttons"))
    elif outcome.problem in ("tz_suggest", "tz_unknown"):
        rows = [[(c.label, views.choice(state, c.zone))] for c in outcome.suggestions]
        reply = text(outcome.problem, text=quote(message.text or ""))
        await message.reply_text(reply, reply_markup=keyboard(rows) if rows else None)
    elif outcome.problem is not None:
        details = _problem_details(context, outcome)
        await message.reply_text(text(outcome.problem, **details))
        if outcome.problem.startswith("date_"):
            await ask(message, context, state)
    else:
        if outcome.answered == "timezone":
            tz_set = text("tz_set", zone=state.answers["timezone"])
            await message.chat.send_message(tz_set, reply_markup=ReplyKeyboardRemove())
        await ask(message, context, state)


def _problem_details(context: BotContext, outcome: Outcome) -> dict[str, object]:
    now = context.services.clock.now()
    zone = outcome.state.zone
    today = rules.local_date(now, zone) if zone else now.date()
    interval = outcome.problem == "interval_range"
    return {
        "low": rules.MIN_INTERVAL_DAYS if interval else rules.MIN_SESSIONS,
        "high": rules.MAX_INTERVAL_DAYS if interval else rules.MAX_SESSIONS,
        "example": (today + dt.timedelta(days=7)).isoformat(),
        "latest": context.catalogue.day(rules.latest_first_day(today)),
    }


async def start(update: Update, context: BotContext) -> None:
    """/start: consent for newcomers, resume an intake, or show where a patient stands."""
    assert update.effective_message
    who = person(update)
    text = context.catalogue.text
    invite = (context.args or [""])[0]
    clinic = await context.services.clinics.by_code(invite) if invite else None
    if invite and clinic is None:
        await update.effective_message.reply_text(text("invite_invalid"))
    welcome = await context.services.intake.welcome(telegram_user_id=who.telegram_user_id)
    if welcome.patient is None:
        if (
            clinic is not None
            and clinic.language
            and context.services.catalogues.knows(clinic.language)
        ):
            context.language = clinic.language  # the clinic's language for its own patients
        greeting, rows = languages.consent(
            context.services.catalogues,
            context.language,
            name=who.first_name,
            clinic=clinic.name if clinic else None,
            invite=invite if clinic else "",
        )
        await update.effective_message.reply_text(greeting, reply_markup=keyboard(rows))
        return
    if clinic is not None and welcome.patient.clinic_id != clinic.id:
        # Someone who already uses the bot says yes before a clinic sees their plan.
        choices = [
            (text("btn_join_yes"), Join(invite).pack()),
            (text("btn_join_no"), Join("no").pack()),
        ]
        await update.effective_message.reply_text(
            text("invite_confirm", clinic=clinic.name), reply_markup=keyboard([choices])
        )
        return
    await _carry_on(update.effective_message, context, welcome)


async def _carry_on(message: Message, context: BotContext, welcome: Welcome) -> None:
    who = message.chat
    text = context.catalogue.text
    if welcome.plan is not None:
        await patient.where_you_are(message, context, welcome.plan)
    else:
        assert welcome.state is not None
        await ask(message, context, welcome.state, text("resume", name=who.first_name or ""))


async def on_join(update: Update, context: BotContext) -> None:
    """A patient's answer to a clinic's invitation: connect, or leave things as they are."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    who = person(update).telegram_user_id
    answer = Join.unpack(data)
    if answer is None:
        await stale(update, context)
        return
    await query.answer()
    await drop_buttons(message)
    invite = answer.invite
    clinic = (
        await context.services.intake.join(telegram_user_id=who, invite=invite)
        if (invite != "no")
        else None
    )
    if invite == "no":
        await message.chat.send_message(text("join_declined"))
    elif clinic is None:
        await message.chat.send_message(text("invite_invalid"))
    else:
        await message.chat.send_message(text("joined_clinic", clinic=clinic.name))
    welcome = await context.services.intake.welcome(telegram_user_id=who)
    if welcome.patient is not None:
        await _carry_on(message, context, welcome)


async def on_consent(update: Update, context: BotContext) -> None:
    """The consent buttons: declining stores nothing; agreeing opens the intake."""
    query, message, data = pressed(update)
    answer = Consent.unpack(data)
    if answer is None:
        await stale(update, context)
        return
    await query.answer()
    await drop_buttons(message)
    if context.services.catalogues.knows(answer.language):
        context.language = answer.language  # the language the consent was shown in
    text = context.catalogue.text
    if answer.answer != "yes":
        await message.chat.send_message(text("consent_declined"))
        return
    who = dataclasses.replace(person(update), language=context.language)
    invite = answer.invite
    state = await context.services.intake.consent(who, invite=invite)
    if invite and await context.services.clinics.by_code(invite) is None:
        # The link was replaced while the consent question waited: say so, carry on alone.
        await message.chat.send_message(text("invite_invalid"))
    await ask(message, context, state, text("consent_given", name=who.first_name))


async def on_choice(update: Update, context: BotContext) -> None:
    """An intake button: apply it if it belongs to the current step, else say it is stale."""
    query, message, data = pressed(update)
    who = person(update)
    intake = context.services.intake
    choice = Choice.unpack(data)
    if choice is None:
        await stale(update, context)
        return
    draft_id, step, value = choice.draft, choice.step, choice.value
    try:
        if step == "summary" and value in ("change", "back"):
            await _summary_menu(message, context, who, draft_id, value)
            await query.answer()
            return
        if step == "summary" and value == "confirm":
            saved = await intake.confirm(telegram_user_id=who.telegram_user_id, draft_id=draft_id)
            await query.answer()
            await drop_buttons(message)
            if isinstance(saved, IntakeState):
                await ask(message, context, saved, context.catalogue.text("summary_expired"))
            else:
                await patient.plan_saved(message, context, saved)
            return
        outcome = await intake.choose(
            telegram_user_id=who.telegram_user_id, draft_id=draft_id, step=step, value=value
        )
    except StaleChoice:
        await stale(update, context)
        return
    await query.answer()
    if outcome.problem is None:
        await drop_buttons(message)
    await respond(message, context, outcome)


async def _summary_menu(
    message: Message, context: BotContext, who: Person, draft_id: int, value: str
) -> None:
    state = await context.services.intake.current(telegram_user_id=who.telegram_user_id)
    if state is None or state.draft_id != draft_id or state.step != "summary":
        raise StaleChoice
    rows = (views.change_rows if value == "change" else views.summary_rows)(
        state, context.catalogue
    )
    await edit_buttons(message, keyboard(rows))


async def stale(update: Update, context: BotContext) -> None:
    """An out-of-date or foreign button: change nothing, and show where things stand."""
    query = update.callback_query
    assert query is not None
    await query.answer(context.catalogue.text("stale"))
    state = await context.services.intake.current(telegram_user_id=person(update).telegram_user_id)
    if state is not None and query.message is not None and isinstance(query.message, Message):
        await ask(query.message, context, state, context.catalogue.text("stale_resend"))


async def on_calendar(update: Update, context: BotContext) -> None:
    """Turn the calendar to another month."""
    query, message, data = pressed(update)
    state = await context.services.intake.current(telegram_user_id=person(update).telegram_user_id)
    turn = IntakeMonth.unpack(data)
    if (
        turn is None
        or state is None
        or state.draft_id != turn.draft
        or state.step != "date"
        or not state.zone
    ):
        await stale(update, context)
        return
    shown = turn.month
    today = rules.local_date(context.services.clock.now(), state.zone)
    if not today.replace(day=1) <= shown <= rules.latest_first_day(today):
        await stale(update, context)
        return
    await query.answer()
    rows = views.calendar(state, context.catalogue, month=shown, today=today)
    await edit_buttons(message, keyboard(rows))


async def on_location(update: Update, context: BotContext) -> None:
    """A shared location: the time zone step uses it."""
    message = update.effective_message
    assert message and message.location
    outcome = await context.services.intake.locate(
        telegram_user_id=person(update).telegram_user_id,
        latitude=message.location.latitude,
        longitude=message.location.longitude,
    )
    if outcome is None:
        await message.reply_text(context.catalogue.text("location_not_now"))
        return
    await respond(message, context, outcome)


async def cancel(update: Update, context: BotContext) -> None:
    """/cancel: drop the broadcast being composed, or the intake in progress."""
    assert update.effective_message
    if await broadcast.cancel(update, context):
        return
    dropped = await context.services.intake.cancel(telegram_user_id=person(update).telegram_user_id)
    key = "cancelled" if dropped else "nothing_to_cancel"
    await update.effective_message.reply_text(
        context.catalogue.text(key), reply_markup=ReplyKeyboardRemove() if dropped else None
    )


async def on_start_over(update: Update, context: BotContext) -> None:
    """The start-over buttons: ask, then cancel the plan and open a new intake."""
    query, message, data = pressed(update)
    answer = StartOver.unpack(data)
    await query.answer()
    text = context.catalogue.text
    if answer is not None and answer.answer == "ask":
        confirm = [
            [(text("btn_start_over_yes"), StartOver("yes").pack())],
            [(text("btn_keep_plan"), StartOver("no").pack())],
        ]
        await message.chat.send_message(text("start_over_confirm"), reply_markup=keyboard(confirm))
        return
    await drop_buttons(message)
    if answer is None or answer.answer != "yes":
        await message.chat.send_message(text("kept_plan"))
        return
    state = await context.services.intake.start_over(
        telegram_user_id=person(update).telegram_user_id
    )
    if state is not None:
        await ask(message, context, state)
