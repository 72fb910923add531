"""/requests: patients' open requests; staff propose a new time, patients accept or ask again."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup, Update

from mesobot.domain import plan as rules
from mesobot.services.clinics import Seat, local_today
from mesobot.services.requests import OpenRequest, RequestGone

from . import notices, views
from .common import drop_buttons, edit_buttons, person, pressed
from .staff import staff_only

if TYPE_CHECKING:
    from mesobot.app import BotContext

# Times offered for a proposal, in the clinic's time zone.
HOURS = tuple(dt.time(hour, 0) for hour in range(8, 20))


def _text_of(item: OpenRequest, context: BotContext) -> str:
    key = "request_urgent" if item.params.get("kind") == "urgent" else "request_move"
    return notices.staff_text(item.params, key, context.catalogue)


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
            reply_markup=notices.request_buttons(item.params, context.catalogue),
        )


def _calendar(
    context: BotContext, request_id: int, month: dt.date, today: dt.date
) -> InlineKeyboardMarkup:
    return views.calendar_keyboard(
        context.catalogue,
        month=month,
        today=today,
        pick=lambda day: f"rq:{request_id}:d:{day.isoformat()}",
        turn=lambda shown: f"rq:{request_id}:m:{shown:%Y-%m}",
    )


def _hours(request_id: int, day: dt.date) -> InlineKeyboardMarkup:
    cells = [(f"{at:%H:%M}", f"rq:{request_id}:t:{day.isoformat()}T{at:%H%M}") for at in HOURS]
    return views.buttons([cells[i : i + 4] for i in range(0, len(cells), 4)])


async def on_button(update: Update, context: BotContext) -> None:
    """Propose (day, then hour), turn the calendar, or mark a request handled."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
    service = context.services.requests
    try:
        _, number, action, *rest = data.split(":", 3)
        request_id = int(number)
        if seat is None:
            raise RequestGone
        today = local_today(seat, context.services.clock.now())
        if action == "x":
            await service.handled(seat, request_id)
            await query.answer(text("request_handled"))
            await drop_buttons(message)
            return
        item = await service.request(seat, request_id)
        if action == "p":
            reply = text(
                "request_pick_day",
                name=item.patient.first_name,
                number=item.params.get("number", "?"),
            )
            await query.answer()
            await message.chat.send_message(
                reply, reply_markup=_calendar(context, request_id, today, today)
            )
        elif action == "m":
            shown = dt.date.fromisoformat(f"{rest[0]}-01")
            await query.answer()
            await edit_buttons(message, _calendar(context, request_id, shown, today))
        elif action == "d":
            day = dt.date.fromisoformat(rest[0])
            if day < today:
                raise ValueError
            if await context.services.closures.is_closed(seat, day):
                await query.answer(
                    text("closed_day_pick", day=views.day_label(day)), show_alert=True
                )
                return
            await query.answer()
            await message.edit_text(
                text("request_pick_time", day=views.day_label(day)),
                reply_markup=_hours(request_id, day),
            )
        elif action == "t":
            moment = dt.datetime.strptime(rest[0], "%Y-%m-%dT%H%M")
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
                    when=views.when(start, seat.zone),
                    name=proposed.patient.first_name,
                )
            )
        else:
            raise ValueError
    except (RequestGone, ValueError, IndexError):
        await query.answer(text("request_gone"), show_alert=True)


async def on_proposal(update: Update, context: BotContext) -> None:
    """The patient's answer to a proposed time."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    try:
        _, number, answer, *shown = data.split(":")
        if answer not in ("ok", "no") or len(shown) > 1:
            raise ValueError
        # Buttons sent before the time was part of the data have none: not checked.
        at = dt.datetime.strptime(shown[0], "%Y%m%dT%H%M").replace(tzinfo=dt.UTC) if shown else None
        view = await context.services.requests.answer(
            telegram_user_id=person(update).telegram_user_id,
            request_id=int(number),
            accept=answer == "ok",
            proposed=at,
        )
    except (RequestGone, ValueError):
        await query.answer(text("reminder_out_of_date"), show_alert=True)
        return
    await query.answer()
    await drop_buttons(message)
    if answer == "ok":
        overview = views.plan_overview(view, context.catalogue, now=context.services.clock.now())
        await message.chat.send_message(f"{text('proposal_accepted')}\n\n{overview}")
    else:
        await message.chat.send_message(text("proposal_declined"))
