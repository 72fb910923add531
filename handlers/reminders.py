"""Reminders, aftercare and check-ins: how they look, how they are sent, what their buttons do."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, InputFile, Message, Update

from mesobot.content import Catalogue
from mesobot.delivery.telegram import keyboard
from mesobot.domain import plan as rules
from mesobot.render.calendar import month_rows
from mesobot.render.callbacks import (
    Bruise,
    Checkin,
    Later,
    MoveDay,
    MoveMonth,
    Progress,
    Reminder,
    ReminderSetting,
    YearMonth,
)
from mesobot.render.chart import progress_chart
from mesobot.render.course import plan_overview
from mesobot.render.format import strip_tags
from mesobot.render.outbox import rating_rows
from mesobot.render.settings import EVENING_TIMES, HOURS_BEFORE, QUIET_HOURS, settings
from mesobot.services.dates import parse_time
from mesobot.services.reminders import BadDay, OutOfDate
from mesobot.services.requests import RequestGone

from . import closure
from .common import drop_buttons, edit_buttons, person, pointer, pressed
from .patient import calendar_offer

if TYPE_CHECKING:
    from mesobot.app import BotContext


async def on_reminder(update: Update, context: BotContext) -> None:
    """Reminder buttons: I'll be there, done, skip, it didn't happen, move."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    button = Reminder.unpack(data)
    try:
        if button is None:
            raise OutOfDate
        session_id, version, action = button.session, button.version, button.action
        acted = await context.services.reminders.act(
            telegram_user_id=person(update).telegram_user_id,
            session_id=session_id,
            version=version,
            action=action,
        )
    except OutOfDate:
        await query.answer(text("reminder_out_of_date"), show_alert=True)
        return
    if action == "move" and await _to_clinic(update, context, session_id, version):
        return
    await query.answer()
    await drop_buttons(message)
    if action == "move":
        await _ask_day(
            message,
            context,
            acted.view.plan.timezone,
            session_id,
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
    return keyboard(
        month_rows(
            catalogue,
            month=month,
            today=today,
            pick=lambda day: MoveDay(session_id, version, day).pack(),
            turn=lambda shown: MoveMonth(session_id, version, YearMonth(shown)).pack(),
        )
    )


async def on_move(update: Update, context: BotContext) -> None:
    """The move calendar: another month, or the new day for the session."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    who = person(update).telegram_user_id
    turn, pick = MoveMonth.unpack(data), MoveDay.unpack(data)
    try:
        if turn is not None:  # a month to show
            _, view = await context.services.patients.course(telegram_user_id=who)
            if view is None or view.plan.version != turn.version:
                raise OutOfDate
            today = rules.local_date(context.services.clock.now(), ZoneInfo(view.plan.timezone))
            keyboard = _move_calendar(
                context.catalogue, turn.session, turn.version, turn.month, today
            )
            await query.answer()
            await edit_buttons(message, keyboard)
            return
        if pick is None:
            raise OutOfDate
        moved = await context.services.reminders.move(
            telegram_user_id=who, session_id=pick.session, version=pick.version, day=pick.day
        )
    except BadDay as refused:
        await query.answer(strip_tags(text(str(refused), latest="")), show_alert=True)
        return
    except OutOfDate:
        await query.answer(text("reminder_out_of_date"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(message)
    item = next(s for s in moved.sessions if s.id == pick.session)
    start = context.catalogue.when(item.planned_start, ZoneInfo(moved.plan.timezone))
    await message.chat.send_message(
        text("moved", number=item.number, when=start), reply_markup=calendar_offer(context)
    )
    await message.chat.send_message(
        plan_overview(moved, context.catalogue, now=context.services.clock.now())
    )


async def on_checkin(update: Update, context: BotContext) -> None:
    """Check-in and bruising answers: stored; a worry gets the urgent instruction first."""
    query, message, data = pressed(update)
    catalogue = context.catalogue
    button = Checkin.unpack(data) or Bruise.unpack(data)
    try:
        if button is None:
            raise OutOfDate
        question = "checkin" if isinstance(button, Checkin) else "bruising_followup"
        answer = button.answer
        await context.services.reminders.record(
            telegram_user_id=person(update).telegram_user_id,
            session_id=button.session,
            question=question,
            answer=answer,
        )
    except OutOfDate:
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
    upcoming = view.upcoming(now=context.services.clock.now())
    start = (
        context.catalogue.when(upcoming[0].planned_start, ZoneInfo(view.plan.timezone))
        if upcoming
        else ""
    )
    await update.effective_message.reply_text(
        catalogue.text("resumed", when=start), reply_markup=calendar_offer(context)
    )


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


async def reminders_command(update: Update, context: BotContext) -> None:
    """/reminders: the reminder settings, with buttons to change them."""
    assert update.effective_message
    patient, _ = await context.services.patients.course(
        telegram_user_id=person(update).telegram_user_id
    )
    if patient is None:
        await update.effective_message.reply_text(context.catalogue.text("no_plan"))
        return
    body, rows = settings(patient, context.catalogue)
    await update.effective_message.reply_text(body, reply_markup=keyboard(rows))


def _change(setting: ReminderSetting) -> dict[str, Any] | None:
    """What a settings button changes; None for a value no button of ours carries."""
    value = setting.value
    if setting.setting in ("evening", "soon") and value in ("on", "off"):
        return {f"{setting.setting}_on": value == "on"}
    if setting.setting == "at" and value in {t.replace(":", "") for t in EVENING_TIMES}:
        return {"evening": dt.time(int(value[:2]), int(value[2:]))}
    if setting.setting == "hours" and value in HOURS_BEFORE:
        return {"soon_hours": int(value)}
    spans = {span.replace(":", ""): span for span in QUIET_HOURS}
    if setting.setting == "quiet" and value in spans:
        if value == "none":
            return {"quiet": (dt.time(0, 0), dt.time(0, 0))}
        start, end = (parse_time(part) for part in spans[value].split("-"))
        assert start is not None and end is not None
        return {"quiet": (start, end)}
    return None


async def on_setting(update: Update, context: BotContext) -> None:
    """A button on the /reminders message: change it, show the settings as they are now."""
    query, message, data = pressed(update)
    setting = ReminderSetting.unpack(data)
    change = _change(setting) if setting else None
    if change is None:
        await query.answer(context.catalogue.text("stale"))
        return
    patient = await context.services.reminders.set_times(
        telegram_user_id=person(update).telegram_user_id, **change
    )
    await query.answer()
    if patient is None:
        await message.chat.send_message(context.catalogue.text("no_plan"))
        return
    body, rows = settings(patient, context.catalogue)
    # The buttons show every setting: the same buttons, nothing changed (a tap on the one
    # already chosen), and Telegram refuses an edit that changes nothing.
    if message.reply_markup != keyboard(rows):
        await message.edit_text(body, reply_markup=keyboard(rows))


async def on_later(update: Update, context: BotContext) -> None:
    """ "Remind me later" under a reminder: the reminder again in 1 or 3 hours (after quiet
    hours), unless the session starts first."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    button = Later.unpack(data)
    try:
        if button is None:
            raise OutOfDate
        due = await context.services.reminders.later(
            telegram_user_id=person(update).telegram_user_id,
            session_id=button.session,
            version=button.version,
            hours=button.hours,
        )
    except OutOfDate:
        await query.answer(text("reminder_out_of_date"), show_alert=True)
        return
    await query.answer()
    if due is None:
        await message.chat.send_message(text("later_too_late"))
        return
    await drop_buttons(message)
    _, view = await context.services.patients.course(
        telegram_user_id=person(update).telegram_user_id
    )
    zone = ZoneInfo(view.plan.timezone) if view else ZoneInfo("UTC")
    await message.chat.send_message(text("later_set", time=f"{due.astimezone(zone):%H:%M}"))


async def on_progress(update: Update, context: BotContext) -> None:
    """A progress check-in: the shedding answer asks for the rating; the rating stores both."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    answer = Progress.unpack(data)
    if answer is None or answer.shedding not in range(1, 6) or answer.rating not in range(6):
        await query.answer(text("stale"))
        return
    await query.answer()
    if answer.rating == 0:
        asked = text("progress_ask_rating")
        await message.edit_text(asked, reply_markup=keyboard(rating_rows(answer.shedding)))
        return
    stored = await context.services.progress.record(
        telegram_user_id=person(update).telegram_user_id,
        shedding=answer.shedding,
        rating=answer.rating,
    )
    await drop_buttons(message)
    await message.chat.send_message(text("progress_thanks" if stored else "no_plan"))


async def progress_command(update: Update, context: BotContext) -> None:
    """/progress: a chart of the check-in answers with the sessions marked, and a summary."""
    assert update.effective_message
    who = person(update).telegram_user_id
    answers = await context.services.progress.answers(telegram_user_id=who)
    catalogue = context.catalogue
    if not answers:
        await update.effective_message.reply_text(catalogue.text("progress_none"))
        return
    _, view = await context.services.patients.course(telegram_user_id=who)
    zone = ZoneInfo(view.plan.timezone) if view else ZoneInfo("UTC")
    sessions = [s.planned_start for s in view.sessions] if view else []
    chart = progress_chart([(a.answered_at, a.shedding, a.rating) for a in answers], sessions)
    latest = answers[-1]
    summary = catalogue.text(
        "progress_summary",
        date=catalogue.day(rules.local_date(latest.answered_at, zone)),
        shedding=catalogue.text(f"progress_shed_{latest.shedding}"),
        rating=latest.rating,
    )
    note = catalogue.text("progress_note", doctor=await pointer(context, who))
    await update.effective_message.reply_document(
        InputFile(chart, filename="mesobot-progress.png"), caption=f"{summary}\n\n{note}"
    )
