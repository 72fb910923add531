"""/closed: preview and close a day; patients accept the new time or ask for another."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update

from mesobot.content import quote
from mesobot.delivery.telegram import keyboard, report_now
from mesobot.render.callbacks import CloseDay, ClosureAnswer
from mesobot.render.clinic import closure_preview, closure_problem, counted
from mesobot.services.clinics import Seat, local_today
from mesobot.services.closures import ClosurePlan, ClosureProblem
from mesobot.services.dates import parse_range
from mesobot.services.reminders import OutOfDate
from mesobot.services.requests import RequestGone

from .common import drop_buttons, person, pressed
from .patient import calendar_offer
from .staff import staff_only

if TYPE_CHECKING:
    from mesobot.app import BotContext


@staff_only
async def closed(update: Update, context: BotContext, seat: Seat) -> None:
    """/closed DATE [to DATE]: show what would move, with a button to confirm."""
    message = update.effective_message
    assert message
    text = context.catalogue.text
    typed = " ".join(context.args or [])
    if not typed:
        await message.reply_text(text("closed_usage"))
        return
    today = local_today(seat, context.services.clock.now())
    days = parse_range(typed, today=today, language=context.language)
    if days is None:
        await message.reply_text(text("closed_unreadable", text=quote(typed)))
        return
    day, target = days
    try:
        plan = await context.services.closures.preview(seat, day, target if target != day else None)
    except ClosureProblem as problem:
        await message.reply_text(closure_problem(context.catalogue, problem, seat.clinic.name))
        return
    await message.reply_text(
        closure_preview(context.catalogue, seat.zone, plan), reply_markup=_confirm(context, plan)
    )


def _confirm(context: BotContext, plan: ClosurePlan) -> InlineKeyboardMarkup:
    text = context.catalogue.text
    ok, no = (CloseDay(plan.day, plan.target, answer).pack() for answer in ("ok", "no"))
    return keyboard([[(text("btn_closed_confirm"), ok)], [(text("btn_cancel"), no)]])


async def on_confirm(update: Update, context: BotContext) -> None:
    """Confirm or cancel a closure preview (only the clinic's own staff can)."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
    button = CloseDay.unpack(data)
    if seat is None or button is None:
        await query.answer(text("stale"))
        return
    day, target, action = button.day, button.target, button.action
    await query.answer()
    await drop_buttons(message)
    if action == "no":
        await message.chat.send_message(text("closed_cancelled"))
        return
    # The message that will show the notices' progress comes first, so that the closure and
    # the message are stored together: the report cannot lose its way.
    progress = await message.chat.send_message(text("closing", day=context.catalogue.day(day)))
    try:
        plan = await context.services.closures.close(
            seat, day, target, progress_message_id=progress.message_id
        )
    except ClosureProblem as problem:
        await progress.edit_text(closure_problem(context.catalogue, problem, seat.clinic.name))
        return
    await message.chat.send_message(
        text(
            "closed_done",
            day=context.catalogue.day(plan.day),
            target=context.catalogue.day(plan.target),
            sessions=counted(context.catalogue, len(plan.affected)),
            patients=counted(context.catalogue, plan.patients, of="patient"),
        )
    )
    await report_now(context.bot, context.services)


async def on_notice(update: Update, context: BotContext) -> None:
    """A patient's answer to a closure notice: the new time works, or ask for another."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    who = person(update).telegram_user_id
    button = ClosureAnswer.unpack(data)
    offer = None
    try:
        if button is None:
            raise OutOfDate
        if button.answer == "ok":
            acted = await context.services.reminders.act(
                telegram_user_id=who, session_id=button.session, version=button.version,
                action="attend",
            )  # fmt: skip
            item = next(s for s in acted.view.sessions if s.number == acted.number)
            moved = context.catalogue.when(item.planned_start, ZoneInfo(acted.view.plan.timezone))
            reply = text("closure_accepted", when=moved)
            offer = calendar_offer(context)
        else:
            reply = await ask_clinic(
                context, who, button.session, button.version, "request_other_time"
            )
    except (OutOfDate, RequestGone):
        await query.answer(text("reminder_out_of_date"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(message)
    await message.chat.send_message(reply, reply_markup=offer)


async def ask_clinic(
    context: BotContext, telegram_user_id: int, session_id: int, version: int, key: str
) -> str:
    """Pass "I need another time" to the patient's clinic; the reply for the patient."""
    asked = await context.services.requests.ask_to_move(
        telegram_user_id=telegram_user_id, session_id=session_id, version=version, key=key
    )
    if asked is None:
        raise RequestGone
    clinic, number = asked
    return context.catalogue.text(
        "move_requested", clinic=clinic.name, number=number, contact=clinic.contact
    )
