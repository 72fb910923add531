"""Reminders, aftercare and check-ins: how they look, how they are sent, what their buttons do."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from mesobot.content import Catalogue
from mesobot.delivery.outcomes import Blocked, Delivery, Rejected, RetryLater, Sender, Transient
from mesobot.domain import plan as rules
from mesobot.services.dates import parse_time
from mesobot.services.reminders import BadDay, OutOfDate
from mesobot.services.requests import RequestGone

from . import closure, notices, views
from .common import doctor_pointer, drop_buttons, edit_buttons, person, pointer, pressed

if TYPE_CHECKING:
    from mesobot.app import BotContext, MesoApp

HOME_VARIANTS = frozenset({"reminder_eve", "reminder_soon"})


def _buttons(delivery: Delivery, catalogue: Catalogue) -> InlineKeyboardMarkup | None:
    text = catalogue.text
    reminder = f"rm:{delivery.session_id}:{delivery.plan_version}"
    if delivery.kind in HOME_VARIANTS:
        if delivery.setting == "home":
            actions = [("btn_done", "done"), ("btn_skip", "skip"), ("btn_move", "move")]
        else:
            actions = [("btn_will_attend", "attend"), ("btn_need_move", "move")]
        return views.buttons([[(text(label), f"{reminder}:{act}") for label, act in actions]])
    if delivery.kind == "session_check":
        happened = [("btn_happened", "done"), ("btn_not_happened", "missed")]
        return views.buttons([[(text(label), f"{reminder}:{act}") for label, act in happened]])
    if delivery.kind == "checkin":
        answers = [
            ("btn_checkin_fine", "fine"),
            ("btn_checkin_mild", "mild"),
            ("btn_checkin_worried", "worried"),
        ]
        rows = [[(text(label), f"ck:{delivery.session_id}:{answer}")] for label, answer in answers]
        return views.buttons(rows)
    if delivery.kind == "bruising_followup":
        answers = [("btn_bruise_gone", "gone"), ("btn_bruise_still", "still")]
        return views.buttons(
            [[(text(label), f"bf:{delivery.session_id}:{a}") for label, a in answers]]
        )
    return None


def render(delivery: Delivery, catalogue: Catalogue) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text and buttons of an outbox message, from its content key and current plan."""
    if delivery.kind in notices.KINDS:
        return notices.render(delivery, catalogue)
    key = delivery.content_key
    if key in HOME_VARIANTS and delivery.setting == "home":
        key = f"{key}_home"
    parts = {name: html.escape(str(value)) for name, value in delivery.params.items()}
    if delivery.session_start is not None and delivery.timezone:
        parts["when"] = views.when(delivery.session_start, ZoneInfo(delivery.timezone))
    parts["doctor"] = doctor_pointer(catalogue, delivery.clinic)
    return catalogue.compose(key, **parts), _buttons(delivery, catalogue)


def sender(app: MesoApp) -> Sender:
    """Send one outbox message through the bot, translating Bot API errors for the dispatcher."""

    async def send(delivery: Delivery) -> int:
        text, markup = render(delivery, app.bot_data.services.catalogue)
        try:
            message = await app.bot.send_message(delivery.chat_id, text, reply_markup=markup)
        except RetryAfter as exc:
            raise RetryLater(_seconds(exc.retry_after)) from exc
        except Forbidden as exc:
            raise Blocked(exc.message) from exc
        except BadRequest as exc:
            if "chat not found" in exc.message.lower():
                raise Blocked(exc.message) from exc
            raise Rejected(f"rejected: {exc.message}") from exc
        except NetworkError as exc:
            raise Transient(exc.message) from exc
        except TelegramError as exc:
            raise Transient(exc.message) from exc
        return message.message_id

    return send


def _seconds(value: float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def on_reminder(update: Update, context: BotContext) -> None:
    """Reminder buttons: I'll be there, done, skip, it didn't happen, move."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    try:
        _, session_id, version, action = data.split(":")
        reminders = context.services.reminders
        acted = await reminders.act(
            telegram_user_id=person(update).telegram_user_id,
            session_id=int(session_id),
            version=int(version),
            action=action,
        )
    except (OutOfDate, ValueError):
        await query.answer(text("reminder_out_of_date"), show_alert=True)
        return
    if action == "move" and await _to_clinic(update, context, int(session_id), int(version)):
        return
    await query.answer()
    await drop_buttons(message)
    if action == "move":
        await _ask_day(
            message,
            context,
            acted.view.plan.timezone,
            int(session_id),
            acted.number,
            acted.view.plan.version,
        )
        return
    reply = {"attend": "attend_noted", "done": "session_marked_done"}.get(
        action, "session_marked_skipped"
    )
    await message.chat.send_message(text(reply, number=acted.number))


async def _to_clinic(update: Update, context: BotContext, session_id: int, version: int) -> bool:
    """A clinic's patient asks the clinic for a new time; False for patients on their own."""
    query, message, _ = pressed(update)
    try:
        reply = await closure.ask_clinic(
            context, person(update).telegram_user_id, session_id, version, "request_move"
        )
    except RequestGone:
        return False
    await query.answer()
    await drop_buttons(message)
    await message.chat.send_message(reply)
    return True


async def _ask_day(
    message: Message, context: BotContext, timezone: str, session_id: int, number: int, version: int
) -> None:
    today = rules.local_date(context.services.clock.now(), ZoneInfo(timezone))
    keyboard = _move_calendar(context.catalogue, session_id, version, today, today)
    await message.chat.send_message(
        context.catalogue.text("move_pick_date", number=number), reply_markup=keyboard
    )


def _move_calendar(
    catalogue: Catalogue, session_id: int, version: int, month: dt.date, today: dt.date
) -> InlineKeyboardMarkup:
    return views.calendar_keyboard(
        catalogue,
        month=month,
        today=today,
        pick=lambda day: f"mv:{session_id}:{version}:{day.isoformat()}",
        turn=lambda shown: f"mv:{session_id}:{version}:{shown:%Y-%m}",
    )


async def on_move(update: Update, context: BotContext) -> None:
    """The move calendar: another month, or the new day for the session."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    who = person(update).telegram_user_id
    try:
        _, session_id, version, value = data.split(":")
        if len(value) == 7:  # a month to show
            _, view = await context.services.patients.course(telegram_user_id=who)
            if view is None or view.plan.version != int(version):
                raise OutOfDate
            today = rules.local_date(context.services.clock.now(), ZoneInfo(view.plan.timezone))
            shown = dt.date.fromisoformat(f"{value}-01")
            keyboard = _move_calendar(
                context.catalogue, int(session_id), int(version), shown, today
            )
            await query.answer()
            await edit_buttons(message, keyboard)
            return
        moved = await context.services.reminders.move(
            telegram_user_id=who,
            session_id=int(session_id),
            version=int(version),
            day=dt.date.fromisoformat(value),
        )
    except BadDay as refused:
        await query.answer(views.strip_tags(text(str(refused), latest="")), show_alert=True)
        return
    except (OutOfDate, ValueError):
        await query.answer(text("reminder_out_of_date"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(message)
    item = next(s for s in moved.sessions if s.id == int(session_id))
    when = views.when(item.planned_start, ZoneInfo(moved.plan.timezone))
    await message.chat.send_message(text("moved", number=item.number, when=when))
    await message.chat.send_message(
        views.plan_overview(moved, context.catalogue, now=context.services.clock.now())
    )


async def on_checkin(update: Update, context: BotContext) -> None:
    """Check-in and bruising answers: stored; a worry gets the urgent instruction first."""
    query, message, data = pressed(update)
    catalogue = context.catalogue
    try:
        prefix, session_id, answer = data.split(":")
        question = "checkin" if prefix == "ck" else "bruising_followup"
        await context.services.reminders.record(
            telegram_user_id=person(update).telegram_user_id,
            session_id=int(session_id),
            question=question,
            answer=answer,
        )
    except (OutOfDate, ValueError):
        await query.answer(catalogue.text("reminder_out_of_date"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(message)
    doctor = await pointer(context, person(update).telegram_user_id)
    replies = {
        "fine": ["checkin_thanks"],
        "mild": ["checkin_mild_reply"],
        "worried": ["urgent", "checkin_worried_reply"],
        "gone": ["bruise_noted"],
        "still": ["bruise_still_reply"],
    }[answer]
    for key in replies:
        await message.chat.send_message(catalogue.compose(key, doctor=doctor))


async def pause(update: Update, context: BotContext) -> None:
    """/pause: no reminders until /resume."""
    assert update.effective_message
    view = await context.services.reminders.pause(telegram_user_id=person(update).telegram_user_id)
    await update.effective_message.reply_text(
        context.catalogue.text("paused" if view else "nothing_to_pause")
    )


async def resume(update: Update, context: BotContext) -> None:
    """/resume: the course runs again; sessions still to come move on by the pause."""
    assert update.effective_message
    view = await context.services.reminders.resume(telegram_user_id=person(update).telegram_user_id)
    catalogue = context.catalogue
    if view is None:
        await update.effective_message.reply_text(catalogue.text("nothing_to_resume"))
        return
    upcoming = views.upcoming(view, now=context.services.clock.now())
    when = views.when(upcoming[0].planned_start, ZoneInfo(view.plan.timezone)) if upcoming else ""
    await update.effective_message.reply_text(catalogue.text("resumed", when=when))


async def evening(update: Update, context: BotContext) -> None:
    """/evening 20:30: when the evening-before reminder arrives."""
    assert update.effective_message
    text = context.catalogue.text
    argument = " ".join(context.args or [])
    at = parse_time(argument)
    if at is None:
        await update.effective_message.reply_text(text("evening_usage"))
        return
    patient = await context.services.reminders.set_times(
        telegram_user_id=person(update).telegram_user_id, evening=at
    )
    reply = text("evening_set", time=f"{at:%H:%M}") if patient else text("no_plan")
    await update.effective_message.reply_text(reply)


async def quiet(update: Update, context: BotContext) -> None:
    """/quiet 22:00 07:30: no reminders between these local times."""
    assert update.effective_message
    text = context.catalogue.text
    times = [parse_time(part) for part in context.args or []]
    if len(times) != 2 or None in times:
        await update.effective_message.reply_text(text("quiet_usage"))
        return
    start, end = times
    assert start is not None and end is not None
    patient = await context.services.reminders.set_times(
        telegram_user_id=person(update).telegram_user_id, quiet=(start, end)
    )
    reply = (
        text("quiet_set", start=f"{start:%H:%M}", end=f"{end:%H:%M}")
        if patient
        else text("no_plan")
    )
    await update.effective_message.reply_text(reply)
