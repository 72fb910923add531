"""The one gate for button data: whatever a button's handler reads has passed it first.

Telegram delivers back whatever ``callback_data`` a client sends, so data can be forged or
left over from an older version. Before any handler sees it, it must read as one of the
button families in ``mesobot.render.callbacks`` (their fields plain numbers, dates the
calendar can show, words from the family's list). Anything else is answered as a stale
button and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from mesobot.render.callbacks import read

if TYPE_CHECKING:
    from mesobot.app import BotContext


async def gate(update: Update, context: BotContext) -> None:
    """Answer forged or malformed button data as a stale button; let the rest through."""
    query = update.callback_query
    if query is None or read(query.data or "") is not None:
        return
    await query.answer(context.catalogue.text("stale"))
    raise ApplicationHandlerStop
