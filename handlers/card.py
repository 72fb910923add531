"""/patient N: a patient's card for their clinic's staff, from which staff propose a time for
the next session or offer a new spacing and number of sessions; the patient's answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup, Update

from mesobot.delivery.telegram import keyboard
from mesobot.domain import plan as rules
from mesobot.render.callbacks import CardAction, PlanAnswer, PlanEdit
from mesobot.render.clinic import card_lines
from mesobot.render.course import plan_overview
from mesobot.services.clinics import ClinicPatient, Seat, local_today
from mesobot.services.requests import RequestGone

from .common import drop_buttons, person, pressed
from .patient import calendar_offer
from .requests import pick_day
from .staff import staff_only

if TYPE_CHECKING:
    from mesobot.app import BotContext

SPACINGS = (7, 10, 14, 21, 28)


@staff_only
async def patient_card(update: Update, context: BotContext, seat: Seat) -> None:
    """/patient N: the patient's plan, sessions and latest check-in, with what staff can do."""
    assert update.effective_message
    text = context.catalogue.text
    args = context.args or []
    typed = args[0] if len(args) == 1 else ""
    # A patient number: ASCII digits, at most nine (it is a database id).
    if not (typed.isascii() and typed.isdigit() and len(typed) <= 9):
        await update.effective_message.reply_text(text("card_usage"))
        return
    found = await context.services.clinics.patient(seat, int(typed))
    if found is None:
        reply = text("card_no_patient", clinic=seat.clinic.name, id=typed)
        await update.effective_message.reply_text(reply)
        return
    body, markup = card(found, context, seat)
    await update.effective_message.reply_text(body, reply_markup=markup)


def card(item: ClinicPatient, context: BotContext, seat: Seat) -> tuple[str, InlineKeyboardMarkup]:
    """The card's text and buttons."""
    now = context.services.clock.now()
    text = context.catalogue.text
    lines = card_lines(item, context.catalogue, zone=seat.zone, now=now)
    rows = []
    view, patient_id = item.view, item.patient.id
    ahead = view.upcoming(now=now) if view else []
    if view is not None and ahead and patient_id is not None:
        if view.plan.setting == "clinic":
            label = text("btn_card_time", number=ahead[0].number)
            rows.append([(label, CardAction(patient_id, "t").pack())])
        rows.append([(text("btn_card_plan"), CardAction(patient_id, "p").pack())])
    return "\n".join(lines), keyboard(rows)


async def on_card(update: Update, context: BotContext) -> None:
    """A card's buttons, and each step of choosing a new plan."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    seat = await context.services.clinics.seat(telegram_user_id=person(update).telegram_user_id)
    button = CardAction.unpack(data) or PlanEdit.unpack(data)
    if seat is None or button is None:
        await query.answer(text("plan_not_possible"), show_alert=True)
        return
    found = await context.services.clinics.patient(seat, button.patient)
    if found is None or found.view is None:
        await query.answer(text("plan_not_possible"), show_alert=True)
        return
    plan, name = found.view.plan, found.patient.first_name
    try:
        if isinstance(button, CardAction) and button.action == "t":
            request_id = await context.services.requests.move_for_staff(seat, button.patient)
            ahead = found.view.upcoming(now=context.services.clock.now())
            await query.answer()
            today = local_today(seat, context.services.clock.now())
            await pick_day(message, context, request_id, name, ahead[0].number, today)
        elif isinstance(button, CardAction) or not button.interval:
            await query.answer()
            reply = text("plan_pick_interval", name=name, interval=plan.interval_days)
            await message.chat.send_message(reply, reply_markup=_spacings(button.patient))
        elif not button.count:
            await query.answer()
            reply = text(
                "plan_pick_count", name=name, interval=button.interval, total=plan.sessions_count
            )
            await message.edit_text(reply, reply_markup=_counts(button))
        else:
            await context.services.requests.offer_plan(
                seat, button.patient, interval=button.interval, count=button.count
            )
            await query.answer()
            await message.edit_text(
                text("plan_offered", name=name, interval=button.interval, total=button.count)
            )
    except RequestGone:
        await query.answer(text("plan_not_possible"), show_alert=True)


def _spacings(patient: int) -> InlineKeyboardMarkup:
    return keyboard([[(str(days), PlanEdit(patient, days).pack()) for days in SPACINGS]])


def _counts(chosen: PlanEdit) -> InlineKeyboardMarkup:
    counts = range(rules.MIN_SESSIONS, rules.MAX_SESSIONS + 1)
    cells = [(str(n), PlanEdit(chosen.patient, chosen.interval, n).pack()) for n in counts]
    return keyboard([cells[i : i + 6] for i in range(0, len(cells), 6)])


async def on_plan_answer(update: Update, context: BotContext) -> None:
    """The patient's answer to a plan their clinic offered."""
    query, message, data = pressed(update)
    text = context.catalogue.text
    button = PlanAnswer.unpack(data)
    try:
        if button is None:
            raise RequestGone
        view = await context.services.requests.answer_plan(
            telegram_user_id=person(update).telegram_user_id,
            request_id=button.request,
            accept=button.answer == "ok",
        )
    except RequestGone:
        await query.answer(text("plan_offer_gone"), show_alert=True)
        await drop_buttons(message)
        return
    await query.answer()
    await drop_buttons(message)
    if view is None:
        await message.chat.send_message(text("plan_offer_kept"))
        return
    overview = plan_overview(view, context.catalogue, now=context.services.clock.now())
    await message.chat.send_message(
        f"{text('plan_offer_accepted')}\n\n{overview}", reply_markup=calendar_offer(context)
    )
