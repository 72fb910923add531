"""/broadcast: compose, choose the audience, preview, send; progress and report in one message."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from mesobot.content import Catalogue, quote
from mesobot.models import Broadcast, BroadcastStatus
from mesobot.services.broadcasts import MAX_MESSAGE_LENGTH, Audience, BadText, NotYours, Progress
from mesobot.services.clinics import Seat, local_today
from mesobot.services.dates import parse_range

from . import views
from .common import drop_buttons, person, pressed
from .staff import staff_only

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from mesobot.app import BotContext, MesoApp
    from mesobot.services import Services


def room(context: BotContext, seat: Seat) -> int:
    """How long the text may be once the clinic's heading is added (as Telegram counts)."""
    empty = context.catalogue.text("broadcast_message", clinic=seat.clinic.name, text="")
    return MAX_MESSAGE_LENGTH - len(html.unescape(views.strip_tags(empty)))


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
        draft = await context.services.broadcasts.set_text(seat, text, room=room(context, seat))
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
    kinds = [
        ("btn_audience_all", "all"),
        ("btn_audience_day", "day"),
        ("btn_audience_range", "range"),
    ]
    rows = [[(text(label), f"bc:{draft.id}:{kind}")] for label, kind in kinds]
    rows.append([(text("btn_cancel"), f"bc:{draft.id}:cancel")])
    return views.buttons(rows)


async def _take_days(message: Message, context: BotContext, seat: Seat, draft: Broadcast) -> None:
    text = context.catalogue.text
    typed = message.text or ""
    found = parse_range(typed, today=local_today(seat, context.services.clock.now()))
    one_day = draft.status == BroadcastStatus.DAY
    if found is None or found[1] < found[0] or (one_day and found[0] != found[1]):
        await message.reply_text(
            text("broadcast_bad_day" if one_day else "broadcast_bad_range", text=quote(typed))
        )
        return
    draft = await context.services.broadcasts.set_days(seat, *found)
    await _preview(message, context, seat, draft)


def describe(context: BotContext, audience: Audience) -> str:
    """The audience in words."""
    text = context.catalogue.text
    if audience.kind == "all" or audience.first is None or audience.last is None:
        return text("audience_all")
    if audience.kind == "day":
        return text("audience_day", day=views.day_label(audience.first))
    first, last = views.day_label(audience.first), views.day_label(audience.last)
    return text("audience_range", first=first, last=last)


async def _preview(message: Message, context: BotContext, seat: Seat, draft: Broadcast) -> None:
    text = context.catalogue.text
    assert draft.id is not None
    count = await context.services.broadcasts.count(seat, draft.id)
    audience = views.strip_tags(describe(context, Audience.read(draft.audience)))
    if count == 0:
        await message.chat.send_message(
            text("broadcast_nobody", audience=audience), reply_markup=_audiences(context, draft)
        )
        return
    body = draft.text
    preview = text("broadcast_preview", audience=audience, count=count, text=body)
    while len(html.unescape(views.strip_tags(preview))) > MAX_MESSAGE_LENGTH:
        body = body[: len(body) - 100] + "…"
        preview = text("broadcast_preview", audience=audience, count=count, text=body)
    keyboard = views.buttons(
        [
            [(text("btn_broadcast_send", count=count), f"bc:{draft.id}:send")],
            [(text("btn_broadcast_audience"), f"bc:{draft.id}:change")],
            [(text("btn_cancel"), f"bc:{draft.id}:cancel")],
        ]
    )
    await message.chat.send_message(preview, reply_markup=keyboard)


async def on_button(update: Update, context: BotContext) -> None:
    """Audience, send, change and cancel buttons, for the staff member who composes it."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    broadcasts = context.services.broadcasts
    seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
    try:
        _, number, action = data.split(":")
        broadcast_id = int(number)
        if seat is None:
            raise NotYours
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
    except (NotYours, ValueError):
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


def title(catalogue: Catalogue, broadcast: Broadcast) -> str:
    """ "Broadcast #12", or "Closure notices for Mon 14 Dec 2026"."""
    if broadcast.kind == "closure":
        day = dt.date.fromisoformat(broadcast.audience["day"])
        return views.strip_tags(catalogue.text("title_closure", day=views.day_label(day)))
    return views.strip_tags(catalogue.text("title_broadcast", number=broadcast.id))


def report_text(catalogue: Catalogue, progress: Progress) -> str:
    """The progress line while sending; the delivery report once done."""
    text = catalogue.text
    broadcast = progress.broadcast
    heading = title(catalogue, broadcast)
    if not progress.done:
        return text("progress", title=heading, done=progress.settled, total=progress.total)
    lines = [
        text(
            "report",
            title=heading,
            delivered=progress.delivered,
            total=progress.total,
            blocked=len(progress.blocked),
            failed=len(progress.failed),
        )
    ]
    # Who was not reached, as many names as fit one message (half the room each).
    room = (MAX_MESSAGE_LENGTH - len(lines[0])) // 2 - 100
    for label, names in (("report_blocked", progress.blocked), ("report_failed", progress.failed)):
        shown: list[str] = []
        for name in names:
            if len(", ".join([*shown, name])) > room:
                break
            shown.append(name)
        if names:
            listed = ", ".join(shown)
            if len(shown) < len(names):
                listed += ", " + text("report_more", count=len(names) - len(shown))
            lines.append(text("report_who", label=text(label), names=listed))
    return "\n".join(lines)


async def report_now(bot: Bot, services: Services) -> None:
    """Edit every sending broadcast's progress message; the last edit is the report."""
    async with services.broadcasts.reporting:
        for progress in await services.broadcasts.progress():
            broadcast = progress.broadcast
            if broadcast.progress_message_id is None or broadcast.id is None:
                continue
            shown = report_text(services.catalogue, progress)
            try:
                if services.shown_reports.get(broadcast.id) != shown:
                    await bot.edit_message_text(
                        shown,
                        chat_id=broadcast.staff_user_id,
                        message_id=broadcast.progress_message_id,
                        reply_markup=None,
                    )
                    services.shown_reports[broadcast.id] = shown
            except (BadRequest, Forbidden):
                pass  # not modified, deleted, or the staff member blocked the bot: no retry
            except TelegramError:
                log.warning("progress of broadcast %s not shown; trying again", broadcast.id)
                continue  # a network error or flood control: the next batch or sweep retries
            if progress.done:
                await services.broadcasts.finish(broadcast.id)
                services.shown_reports.pop(broadcast.id, None)


def reporter(app: MesoApp) -> Callable[[], Awaitable[None]]:
    """The dispatcher's after-batch hook: progress and reports for clinic broadcasts."""

    async def after_batch() -> None:
        await report_now(app.bot, app.bot_data.services)

    return after_batch
