"""Staff commands: who is coming, and the staff list. Anyone else is told the command is unknown."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Awaitable, Callable, Coroutine
from functools import wraps
from typing import TYPE_CHECKING, Any

from telegram import Bot, BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.error import BadRequest, Forbidden

from mesobot.domain.hours import HoursProblem, OpeningHours, parse_hours
from mesobot.models import StaffRole
from mesobot.render.clinic import booked_lines, counted, patient_lines
from mesobot.services.clinics import ClinicError, Seat, local_today

from . import errors
from .common import person, reply_long

if TYPE_CHECKING:
    from mesobot.app import BotContext
    from mesobot.services import Services

StaffHandler = Callable[[Update, "BotContext", Seat], Awaitable[None]]
WEEK = 7
# /patients lists at most this many (in as many messages as it takes).
PATIENTS_SHOWN = 300


def staff_only(
    handler: StaffHandler,
) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """Run ``handler`` for the clinic's staff; to anyone else it is an unknown command."""

    @wraps(handler)
    async def gate(update: Update, context: BotContext) -> None:
        seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
        if seat is None:
            await errors.unknown_command(update, context)
            return
        await handler(update, context, seat)

    return gate


async def show_menu(bot: Bot, services: Services, telegram_user_id: int) -> None:
    """Put the staff commands in this person's command menu (only in their own chat), or
    take them out again when they are no longer staff."""
    scope = BotCommandScopeChat(telegram_user_id)
    with contextlib.suppress(BadRequest, Forbidden):  # they never opened the chat
        if await services.clinics.seat(telegram_user_id=telegram_user_id) is None:
            await bot.delete_my_commands(scope=scope)
            return
        language = await services.languages.stored(telegram_user_id=telegram_user_id)
        catalogue = services.catalogues[language]
        listed = {**catalogue.commands, **catalogue.staff_commands}
        await bot.set_my_commands([BotCommand(n, t) for n, t in listed.items()], scope=scope)


@staff_only
async def today(update: Update, context: BotContext, seat: Seat) -> None:
    """/today: the clinic's sessions today."""
    assert update.effective_message
    day = local_today(seat, context.services.clock.now())
    booked = await context.services.closures.booked(seat, first=day, last=day)
    header = context.catalogue.text(
        "today_header",
        day=context.catalogue.day(day),
        clinic=seat.clinic.name,
        count=counted(context.catalogue, len(booked)),
    )
    lines = booked_lines(booked, seat.zone, context.catalogue) or [
        context.catalogue.text("no_sessions")
    ]
    await reply_long(update.effective_message, [header, "", *lines])


@staff_only
async def week(update: Update, context: BotContext, seat: Seat) -> None:
    """/week: the clinic's sessions over the next seven days, day by day."""
    assert update.effective_message
    first = local_today(seat, context.services.clock.now())
    last = first + dt.timedelta(days=WEEK - 1)
    booked = await context.services.closures.booked(seat, first=first, last=last)
    text = context.catalogue.text
    parts = [
        text(
            "week_header",
            clinic=seat.clinic.name,
            first=context.catalogue.day(first),
            last=context.catalogue.day(last),
            count=counted(context.catalogue, len(booked)),
        )
    ]
    for offset in range(WEEK):
        day = first + dt.timedelta(days=offset)
        that_day = [
            a for a in booked if a.session.planned_start.astimezone(seat.zone).date() == day
        ]
        if that_day:
            parts.append(f"\n<b>{context.catalogue.day(day)}</b>")
            parts.extend(booked_lines(that_day, seat.zone, context.catalogue))
    if not booked:
        parts.append(text("no_sessions"))
    await reply_long(update.effective_message, parts)


@staff_only
async def staff_command(update: Update, context: BotContext, seat: Seat) -> None:
    """/staff: the staff list; admins add and remove with /staff add|remove USER_ID."""
    assert update.effective_message
    text = context.catalogue.text
    args = context.args or []
    clinics = context.services.clinics
    if not args:
        members = await clinics.staff(clinic_id=seat.clinic_id)
        lines = [text("staff_line", user=m.telegram_user_id, role=str(m.role)) for m in members]
        reply = text("staff_list", clinic=seat.clinic.name, lines="\n".join(lines))
        await update.effective_message.reply_text(reply)
        return
    if not seat.is_admin:
        await update.effective_message.reply_text(text("staff_admin_only"))
        return
    verb, target = args[0].lower(), args[1] if len(args) > 1 else ""
    extra = [a.lower() for a in args[2:]]
    # A Telegram user id: ASCII digits ("²" is a digit to isdigit(), not to int()), at most 15.
    user_id = target.isascii() and target.isdigit() and len(target) <= 15
    if verb not in ("add", "remove") or not user_id or extra not in ([], ["admin"]):
        await update.effective_message.reply_text(text("staff_usage"))
        return
    try:
        if verb == "add":
            role = StaffRole.ADMIN if extra else StaffRole.STAFF
            await clinics.add_staff(
                clinic_id=seat.clinic_id, telegram_user_id=int(target), role=role
            )
            reply = text("staff_added", user=target, role=str(role), clinic=seat.clinic.name)
        else:
            await clinics.remove_staff(clinic_id=seat.clinic_id, telegram_user_id=int(target))
            reply = text("staff_removed", user=target, clinic=seat.clinic.name)
        await show_menu(context.bot, context.services, int(target))
    except ClinicError:
        # Worded without detail: it must not reveal another clinic's staff.
        reply = text("staff_not_changed", user=target)
    await update.effective_message.reply_text(reply)


@staff_only
async def hours_command(update: Update, context: BotContext, seat: Seat) -> None:
    """/hours: when the clinic takes sessions; admins set them with /hours Mon-Fri 09:00-19:00
    (weekdays in English or the staff member's language) or /hours off."""
    assert update.effective_message
    catalogue = context.catalogue
    typed = " ".join(context.args or [])
    clinic = seat.clinic
    if typed:
        if not seat.is_admin:
            await update.effective_message.reply_text(catalogue.text("hours_admin_only"))
            return
        try:
            hours = None if typed.lower() == "off" else parse_hours(typed, catalogue.weekdays())
        except HoursProblem:
            await update.effective_message.reply_text(catalogue.text("hours_usage"))
            return
        clinic = await context.services.clinics.set_hours(clinic_id=seat.clinic_id, hours=hours)
    stored = OpeningHours.stored(clinic.hours)
    shown = stored.describe(catalogue.weekdays()) if stored else catalogue.text("hours_any")
    key = "hours_set" if typed else "hours_show"
    await update.effective_message.reply_text(catalogue.text(key, clinic=clinic.name, hours=shown))


@staff_only
async def web_command(update: Update, context: BotContext, seat: Seat) -> None:
    """/web: a one-time link that signs this staff member in to the clinic's web view;
    /web signout ends every web session of theirs."""
    assert update.effective_message
    catalogue, who = context.catalogue, seat.member.telegram_user_id
    if [arg.lower() for arg in context.args or []] == ["signout"]:
        ended = await context.services.web.sign_out(telegram_user_id=who)
        await update.effective_message.reply_text(catalogue.text("web_signed_out_all", count=ended))
        return
    base = context.services.settings.public_base()
    token = await context.services.web.link(telegram_user_id=who) if base else None
    if base is None or token is None:
        await update.effective_message.reply_text(catalogue.text("web_no_url"))
        return
    reply = catalogue.text("web_link", clinic=seat.clinic.name, url=f"{base}/web/login/{token}")
    # No preview: Telegram's own visit must not be the one that opens the page.
    await update.effective_message.reply_text(
        reply, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )


@staff_only
async def patients(update: Update, context: BotContext, seat: Seat) -> None:
    """/patients: everyone who joined through the clinic's link, with their next session."""
    assert update.effective_message
    text = context.catalogue.text
    now = context.services.clock.now()
    found = await context.services.clinics.patients(seat)
    lines = []
    for item in found[:PATIENTS_SHOWN]:
        lines += patient_lines(item, context.catalogue, zone=seat.zone, now=now)
    if len(found) > PATIENTS_SHOWN:
        lines.append(text("report_more", count=len(found) - PATIENTS_SHOWN))
    header = text("patients_header", clinic=seat.clinic.name, count=len(found))
    hint = ["", text("patients_card_hint")] if found else []
    await reply_long(update.effective_message, [header, "", *lines, *hint])
