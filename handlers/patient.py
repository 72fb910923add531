"""Patient commands: /next, /plan, /delete, /help, and starting over."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, InputFile, Message, Update

from mesobot.delivery.telegram import keyboard
from mesobot.render.callbacks import CalendarFile, Erase, StartOver
from mesobot.render.course import next_session, plan_overview
from mesobot.render.ics import calendar_url, course_calendar
from mesobot.render.report import doctor_report
from mesobot.services.course import PlanView

from .common import drop_buttons, person, pressed

if TYPE_CHECKING:
    from mesobot.app import BotContext


async def help_command(update: Update, context: BotContext) -> None:
    """List the commands the bot knows."""
    assert update.effective_message
    commands = "\n".join(f"/{name}: {text}" for name, text in context.catalogue.commands.items())
    reply = context.catalogue.text("help", commands=commands)
    seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
    if seat is not None:
        staff = context.catalogue.staff_commands.items()
        listed = "\n".join(f"/{name}: {text}" for name, text in staff)
        extra = context.catalogue.text("staff_help", clinic=seat.clinic.name, commands=listed)
        reply = f"{reply}\n\n{extra}"
    await update.effective_message.reply_text(reply)


async def where_you_are(message: Message, context: BotContext, view: PlanView) -> None:
    """For /start with a plan in place: the next session, and a way to start over."""
    catalogue = context.catalogue
    upcoming = next_session(view, catalogue, now=context.services.clock.now())
    greeting = catalogue.text("welcome_back", name=message.chat.first_name or "")
    await message.reply_text(
        catalogue.compose("where_you_are", greeting=greeting, next=upcoming),
        reply_markup=keyboard([[(catalogue.text("btn_start_over"), StartOver("ask").pack())]]),
    )


async def plan_saved(message: Message, context: BotContext, view: PlanView) -> None:
    """Confirm the saved plan."""
    zone = ZoneInfo(view.plan.timezone)
    first = context.catalogue.when(view.sessions[0].planned_start, zone)
    await message.chat.send_message(
        context.catalogue.text("plan_saved", count=len(view.sessions), first=first)
    )


async def next_command(update: Update, context: BotContext) -> None:
    """/next: the next session in local time, session k of N, days away."""
    assert update.effective_message
    _, view = await context.services.patients.course(
        telegram_user_id=person(update).telegram_user_id
    )
    catalogue = context.catalogue
    text = (
        next_session(view, catalogue, now=context.services.clock.now())
        if view
        else catalogue.text("no_plan")
    )
    await update.effective_message.reply_text(text)


async def calendar_command(update: Update, context: BotContext) -> None:
    """/calendar: the course as an .ics file to import into a phone's calendar and, where the
    bot has a public address, a private link a calendar app can subscribe to; /calendar reset
    revokes that link and gives a new one."""
    assert update.effective_message
    who = person(update).telegram_user_id
    renew = [arg.lower() for arg in context.args or []] == ["reset"]
    if not renew:
        await send_calendar(update.effective_message, context, who)
    base = context.services.settings.public_base()
    if base is None:
        if renew:
            await update.effective_message.reply_text(context.catalogue.text("calendar_no_link"))
        return
    issued = await context.services.calendars.link(telegram_user_id=who, renew=renew)
    if issued is None:
        if renew:
            await update.effective_message.reply_text(context.catalogue.text("no_plan"))
        return
    catalogue = context.catalogue
    if issued.token is None:
        text = catalogue.text("calendar_link_sent")
    else:
        key = "calendar_link_new" if renew else "calendar_link"
        text = catalogue.text(key, url=calendar_url(base, issued.token))
    await update.effective_message.reply_text(text)


async def on_calendar(update: Update, context: BotContext) -> None:
    """The "update my calendar" button under a change to the plan: the file again."""
    query, message, _ = pressed(update)
    await query.answer()
    await drop_buttons(message)
    await send_calendar(message, context, person(update).telegram_user_id)


def calendar_offer(context: BotContext) -> InlineKeyboardMarkup:
    """The button offering the updated calendar file, under news of a change to the plan."""
    label = context.catalogue.text("btn_calendar_update")
    return keyboard([[(label, CalendarFile().pack())]])


async def send_calendar(message: Message, context: BotContext, who: int) -> None:
    """The patient's course as an .ics file, in reply to ``message``."""
    source = await context.services.calendars.source(telegram_user_id=who)
    catalogue = context.catalogue
    if source is None:
        await message.reply_text(catalogue.text("no_plan"))
        return
    data = course_calendar(source, catalogue, now=context.services.clock.now())
    await message.reply_document(
        InputFile(data, filename="mesobot-course.ics"), caption=catalogue.text("calendar_caption")
    )


async def export_command(update: Update, context: BotContext) -> None:
    """/export: everything stored about the patient as JSON, and a report for their doctor."""
    assert update.effective_message
    stored = await context.services.patients.export(
        telegram_user_id=person(update).telegram_user_id
    )
    catalogue = context.catalogue
    if not stored:
        await update.effective_message.reply_text(catalogue.text("nothing_to_delete"))
        return
    data = json.dumps(stored, ensure_ascii=False, indent=2).encode()
    report = doctor_report(stored, catalogue).encode()
    message = update.effective_message
    await message.reply_document(InputFile(data, filename="mesobot-data.json"))
    await message.reply_document(
        InputFile(report, filename="mesobot-report.html"), caption=catalogue.text("export_caption")
    )


async def plan_command(update: Update, context: BotContext) -> None:
    """/plan: every session with its status."""
    assert update.effective_message
    _, view = await context.services.patients.course(
        telegram_user_id=person(update).telegram_user_id
    )
    if view is None:
        await update.effective_message.reply_text(context.catalogue.text("no_plan"))
        return
    await update.effective_message.reply_text(
        plan_overview(view, context.catalogue, now=context.services.clock.now())
    )


async def delete_command(update: Update, context: BotContext) -> None:
    """/delete: ask before erasing everything."""
    assert update.effective_message
    text = context.catalogue.text
    confirm = [
        [(text("btn_delete_yes"), Erase("yes").pack())],
        [(text("btn_delete_no"), Erase("no").pack())],
    ]
    await update.effective_message.reply_text(
        text("delete_confirm"), reply_markup=keyboard(confirm)
    )


async def on_delete(update: Update, context: BotContext) -> None:
    """The /delete buttons."""
    query, message, data = pressed(update)
    await query.answer()
    await drop_buttons(message)
    text = context.catalogue.text
    answer = Erase.unpack(data)
    if answer is None or answer.answer != "yes":
        await message.chat.send_message(text("delete_kept"))
        return
    erased = await context.services.patients.erase(telegram_user_id=person(update).telegram_user_id)
    await message.chat.send_message(text("deleted" if erased else "nothing_to_delete"))


async def on_member_status(update: Update, context: BotContext) -> None:
    """The patient blocked the bot (stop writing to them) or unblocked it (carry on)."""
    change = update.my_chat_member
    if change is None or change.chat.type != "private":
        return
    status = change.new_chat_member.status
    await context.services.patients.set_reachable(
        telegram_user_id=change.from_user.id,
        reachable=status not in ("kicked", "left"),
        now=context.services.clock.now(),
    )
