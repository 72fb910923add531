"""/broadcast: compose, choose the audience, preview, send; progress and report in one message."""

from __future__ import annotations

import contextlib
import html
import logging
from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from mesobot.content import quote
from mesobot.delivery.telegram import keyboard, report_now
from mesobot.models import Broadcast, BroadcastStatus
from mesobot.render.callbacks import BroadcastAction, BroadcastStep
from mesobot.render.format import strip_tags
from mesobot.render.reports import audience_words, room
from mesobot.services.broadcasts import MAX_MESSAGE_LENGTH, Audience, BadText, NotYours
from mesobot.services.clinics import Seat, local_today
from mesobot.services.dates import parse_range

from .common import drop_buttons, person, pressed
from .staff import staff_only

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from mesobot.app import BotContext


@staff_only
async def broadcast(update: Update, context: BotContext, seat: Seat) -> None:
    """/broadcast [text]: start composing (the text may come with the command)."""
    message = update.effective_message
    assert message and message.text
    await context.services.broadcasts.begin(seat)
    _, _, inline = message.text.partition(" ")
    if inline.strip():
        await _take_text(message, context, seat, inline)
        return
    await message.reply_text(context.catalogue.text("broadcast_ask_text", clinic=seat.clinic.name))


async def on_staff_text(update: Update, context: BotContext) -> bool:
    """Text from a staff member composing a broadcast; False if it is not that."""
    message = update.effective_message
    assert message and message.text is not None
    seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
    if seat is None:
        return False
    draft = await context.services.broadcasts.draft(seat)
    if draft is None:
        return False
    if draft.status == BroadcastStatus.TEXT:
        await _take_text(message, context, seat, message.text)
    elif draft.status in (BroadcastStatus.DAY, BroadcastStatus.RANGE):
        await _take_days(message, context, seat, draft)
    else:
        await message.reply_text(context.catalogue.text("use_buttons"))
    return True


async def cancel(update: Update, context: BotContext) -> bool:
    """/cancel from a staff member composing a broadcast; False if there was none."""
    assert update.effective_message
    seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
    if seat is None or not await context.services.broadcasts.cancel(seat):
        return False
    await update.effective_message.reply_text(context.catalogue.text("broadcast_cancelled"))
    return True


async def _take_text(message: Message, context: BotContext, seat: Seat, text: str) -> None:
    try:
        draft = await context.services.broadcasts.set_text(
            seat, text, room=room(context.catalogue, seat.clinic.name)
        )
    except BadText as refused:
        key, *values = refused.args
        await message.reply_text(context.catalogue.text(key, **(values[0] if values else {})))
        return
    except NotYours:
        return
    await message.reply_text(
        context.catalogue.text("broadcast_ask_audience"), reply_markup=_audiences(context, draft)
    )


def _audiences(context: BotContext, draft: Broadcast) -> InlineKeyboardMarkup:
    text = context.catalogue.text
    assert draft.id is not None
    kinds: list[tuple[str, BroadcastAction]] = [
        ("btn_audience_all", "all"),
        ("btn_audience_day", "day"),
        ("btn_audience_range", "range"),
        ("btn_cancel", "cancel"),
    ]
    return keyboard(
        [[(text(label), BroadcastStep(draft.id, kind).pack())] for label, kind in kinds]
    )


async def _take_days(message: Message, context: BotContext, seat: Seat, draft: Broadcast) -> None:
    text = context.catalogue.text
    typed = message.text or ""
    today = local_today(seat, context.services.clock.now())
    found = parse_range(typed, today=today, language=context.language)
    one_day = draft.status == BroadcastStatus.DAY
    if found is None or found[1] < found[0] or (one_day and found[0] != found[1]):
        await message.reply_text(
            text("broadcast_bad_day" if one_day else "broadcast_bad_range", text=quote(typed))
        )
        return
    draft = await context.services.broadcasts.set_days(seat, *found)
    await _preview(message, context, seat, draft)


async def _preview(message: Message, context: BotContext, seat: Seat, draft: Broadcast) -> None:
    text = context.catalogue.text
    assert draft.id is not None
    count = await context.services.broadcasts.count(seat, draft.id)
    audience = strip_tags(audience_words(context.catalogue, Audience.read(draft.audience)))
    if count == 0:
        await message.chat.send_message(
            text("broadcast_nobody", audience=audience), reply_markup=_audiences(context, draft)
        )
        return
    body = draft.text
    preview = text("broadcast_preview", audience=audience, count=count, text=body)
    while len(html.unescape(strip_tags(preview))) > MAX_MESSAGE_LENGTH:
        body = body[: len(body) - 100] + "…"
        preview = text("broadcast_preview", audience=audience, count=count, text=body)
    markup = keyboard(
        [
            [(text("btn_broadcast_send", count=count), BroadcastStep(draft.id, "send").pack())],
            [(text("btn_broadcast_audience"), BroadcastStep(draft.id, "change").pack())],
            [(text("btn_cancel"), BroadcastStep(draft.id, "cancel").pack())],
        ]
    )
    await message.chat.send_message(preview, reply_markup=markup)


async def on_button(update: Update, context: BotContext) -> None:
    """Audience, send, change and cancel buttons, for the staff member who composes it."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    broadcasts = context.services.broadcasts
    seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
    button = BroadcastStep.unpack(data)
    try:
        if seat is None or button is None:
            raise NotYours
        broadcast_id, action = button.draft, button.action
        if action == "cancel":
            draft = await broadcasts.draft(seat)
            if draft is None or draft.id != broadcast_id:
                raise NotYours
            await broadcasts.cancel(seat)
            await query.answer()
            await message.edit_text(text("broadcast_cancelled"))
            return
        if action == "send":
            # The preview becomes the progress message, edited in place up to the report.
            await broadcasts.send(seat, broadcast_id, progress_message_id=message.message_id)
            await query.answer()
            await report_now(context.bot, context.services)
            return
        draft = await broadcasts.choose(seat, broadcast_id, action)
    except NotYours:
        await query.answer(text("stale"))
        return
    await query.answer()
    with contextlib.suppress(BadRequest):
        await drop_buttons(message)
    if draft.status == BroadcastStatus.AUDIENCE:
        await message.chat.send_message(
            text("broadcast_ask_audience"), reply_markup=_audiences(context, draft)
        )
    elif draft.status == BroadcastStatus.DAY:
        await message.chat.send_message(text("broadcast_ask_day"))
    elif draft.status == BroadcastStatus.RANGE:
        await message.chat.send_message(text("broadcast_ask_range"))
    else:
        assert seat is not None
        await _preview(message, context, seat, draft)
