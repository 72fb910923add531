"""The language each update is answered in, and /language to change it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import BotCommand, BotCommandScopeChat, Update

from mesobot.delivery.telegram import keyboard
from mesobot.render import languages
from mesobot.render.callbacks import LanguagePick

from . import staff
from .common import pressed

if TYPE_CHECKING:
    from mesobot.app import BotContext


async def resolve(update: Update, context: BotContext) -> None:
    """Before any handler: the language stored for this person, else the one Telegram's
    ``language_code`` suggests (someone the bot has stored nothing about)."""
    user = update.effective_user
    if user is None:
        return
    catalogues = context.services.catalogues
    suggested = catalogues.choose(user.language_code)
    stored = await context.services.languages.stored(telegram_user_id=user.id, telegram=suggested)
    context.language = stored if stored and catalogues.knows(stored) else suggested


async def language_command(update: Update, context: BotContext) -> None:
    """/language: a button for each language."""
    assert update.effective_message
    catalogues = context.services.catalogues
    languages = catalogues.languages.values()
    rows = [[(language.name, LanguagePick(language.code).pack())] for language in languages]
    await update.effective_message.reply_text(
        context.catalogue.text("language_pick"), reply_markup=keyboard(rows)
    )


async def on_pick(update: Update, context: BotContext) -> None:
    """A language chosen: stored for a patient or staff member, who hear so in it and get
    their command menu in it; before consent, the consent message in that language."""
    query, message, data = pressed(update)
    picked = LanguagePick.unpack(data)
    catalogues = context.services.catalogues
    user = update.effective_user
    if picked is None or not catalogues.knows(picked.code) or user is None:
        await query.answer(context.catalogue.text("stale"))
        return
    await query.answer()
    context.language = picked.code
    if not await context.services.languages.choose(telegram_user_id=user.id, language=picked.code):
        clinic = await context.services.clinics.by_code(picked.invite) if picked.invite else None
        text, rows = languages.consent(
            catalogues,
            picked.code,
            name=user.first_name,
            clinic=clinic.name if clinic else None,
            invite=picked.invite if clinic else "",
        )
        await message.edit_text(text, reply_markup=keyboard(rows))
        return
    await message.edit_text(context.catalogue.text("language_set"), reply_markup=None)
    await _menu(update, context, user.id)


async def _menu(update: Update, context: BotContext, telegram_user_id: int) -> None:
    services = context.services
    if await services.clinics.seat(telegram_user_id=telegram_user_id) is not None:
        await staff.show_menu(update.get_bot(), services, telegram_user_id)
        return
    menu = [BotCommand(name, text) for name, text in context.catalogue.commands.items()]
    await update.get_bot().set_my_commands(menu, scope=BotCommandScopeChat(telegram_user_id))
