"""/requests: patients' open requests; staff propose a new time, patients accept or ask again."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup, Message, Update

from mesobot.delivery.telegram import keyboard
from mesobot.domain import plan as rules
from mesobot.domain.hours import OpeningHours
from mesobot.render.calendar import month_rows
from mesobot.render.callbacks import (
    LocalTime,
    Proposal,
    RequestAction,
    RequestDay,
    RequestMonth,
    RequestTime,
    YearMonth,
)
from mesobot.render.course import plan_overview
from mesobot.render.outbox import request_buttons, staff_text
from mesobot.services.clinics import Seat, local_today
from mesobot.services.requests import OpenRequest, RequestGone

from .common import drop_buttons, edit_buttons, person, pressed
from .patient import calendar_offer
from .staff import staff_only

if TYPE_CHECKING:
    from mesobot.app import BotContext

# Times offered for a proposal, in the clinic's time zone.
HOURS = tuple(dt.time(hour, 0) for hour in range(8, 20))


def _text_of(item: OpenRequest, context: BotContext) -> str:
    key = "request_urgent" if item.params.get("kind") == "urgent" else "request_move"
    return staff_text(item.params, key, context.catalogue)


@staff_only
async def requests_command(update: Update, context: BotContext, seat: Seat) -> None:
    """/requests: every open request, each with its buttons."""
    assert update.effective_message
    text = context.catalogue.text
    items = await context.services.requests.open_requests(seat)
    if not items:
        await update.effective_message.reply_text(text("requests_none"))
        return
    await update.effective_message.reply_text(text("requests_header", count=len(items)))
    for item in items:
        await update.effective_message.chat.send_message(
            _text_of(item, context),
            reply_markup=keyboard(request_buttons(item.params, context.catalogue)),
        )


def _calendar(
    context: BotContext, request_id: int, month: dt.date, today: dt.date
) -> InlineKeyboardMarkup:
    return keyboard(
        month_rows(
            context.catalogue,
            month=month,
            today=today,
            pick=lambda day: RequestDay(request_id, "d", day).pack(),
            turn=lambda shown: RequestMonth(request_id, "m", YearMonth(shown)).pack(),
        )
    )


def _hours(request_id: int, day: dt.date, hours: OpeningHours | None) -> InlineKeyboardMarkup:
    times = list(HOURS)
    if hours is not None:  # on the hour from opening, while the clinic takes sessions
        opening = dt.datetime.combine(day, hours.opens)
        slots = [opening + dt.timedelta(hours=n) for n in range(24)]
        times = [at.time() for at in slots if at.date() == day and at.time() < hours.closes]
    cells = [
        (
            f"{at:%H:%M}",
            RequestTime(request_id, "t", LocalTime(dt.datetime.combine(day, at))).pack(),
        )
        for at in times
    ]
    return keyboard([cells[i : i + 4] for i in range(0, len(cells), 4)])


async def pick_day(
    message: Message,
    context: BotContext,
    request_id: int,
    name: str,
    number: int | str,
    today: dt.date,
) -> None:
    """Ask staff for the day to propose, with a calendar from this month."""
    reply = context.catalogue.text("request_pick_day", name=name, number=number)
    await message.chat.send_message(
        reply, reply_markup=_calendar(context, request_id, today, today)
    )


async def on_button(update: Update, context: BotContext) -> None:
    """Propose (day, then hour), turn the calendar, or mark a request handled."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
    service = context.services.requests
    button = (
        RequestAction.unpack(data)
        or RequestDay.unpack(data)
        or RequestMonth.unpack(data)
        or RequestTime.unpack(data)
    )
    try:
        if seat is None or button is None:
            raise RequestGone
        request_id = button.request
        today = local_today(seat, context.services.clock.now())
        if isinstance(button, RequestAction) and button.action == "x":
            await service.handled(seat, request_id)
            await query.answer(text("request_handled"))
            await drop_buttons(message)
            return
        item = await service.request(seat, request_id)
        if isinstance(button, RequestAction):
            await query.answer()
            number = item.params.get("number", "?")
            await pick_day(message, context, request_id, item.patient.first_name, number, today)
        elif isinstance(button, RequestMonth):
            await query.answer()
            await edit_buttons(message, _calendar(context, request_id, button.month, today))
        elif isinstance(button, RequestDay):
            day = button.day
            if day < today:
                raise RequestGone
            hours = OpeningHours.stored(seat.clinic.hours)
            closed_weekday = hours is not None and day.weekday() not in hours.days
            if closed_weekday or await context.services.closures.is_closed(seat, day):
                await query.answer(
                    text("closed_day_pick", day=context.catalogue.day(day)), show_alert=True
                )
                return
            await query.answer()
            await message.edit_text(
                text("request_pick_time", day=context.catalogue.day(day)),
                reply_markup=_hours(request_id, day, hours),
            )
        else:
            moment = button.at
            start = rules.to_utc(moment.date(), moment.time(), seat.zone)
            if start <= context.services.clock.now():
                await query.answer(text("time_taken"), show_alert=True)
                return
            proposed = await service.propose(seat, request_id, start)
            await query.answer()
            await drop_buttons(message)
            await message.chat.send_message(
                text(
                    "request_proposed",
                    when=context.catalogue.when(start, seat.zone),
                    name=proposed.patient.first_name,
                )
            )
    except RequestGone:
        await query.answer(text("request_gone"), show_alert=True)


async def on_proposal(update: Update, context: BotContext) -> None:
    """The patient's answer to a proposed time."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    button = Proposal.unpack(data)
    try:
        if button is None:
            raise RequestGone
        answer = button.answer
        # Buttons sent before the time was part of the data have none: not checked.
        view = await context.services.requests.answer(
            telegram_user_id=person(update).telegram_user_id,
            request_id=button.request,
            accept=answer == "ok",
            proposed=button.start,
        )
    except RequestGone:
        await query.answer(text("reminder_out_of_date"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(message)
    if answer == "ok":
        overview = plan_overview(view, context.catalogue, now=context.services.clock.now())
        await message.chat.send_message(
            f"{text('proposal_accepted')}\n\n{overview}",
            reply_markup=calendar_offer(context),
        )
    else:
        await message.chat.send_message(text("proposal_declined"))
