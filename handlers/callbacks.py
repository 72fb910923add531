"""The one gate for button data: whatever a button's handler parses has passed it first.

Telegram delivers back whatever ``callback_data`` a client sends, so data can be forged or
left over from an older version. Before any handler sees it, every field must be plain: whole
numbers of ASCII digits small enough for any database column, and dates and times the calendar
can show. Anything else is answered as a stale button and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import ApplicationHandlerStop

if TYPE_CHECKING:
    from mesobot.app import BotContext

# Telegram's own limit on callback data.
MAX_BYTES = 64
# Nine digits: below 2**31, so an id fits a 32-bit INTEGER column on every database.
_NUMBER = re.compile(r"-?[0-9]{1,9}")
_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_STAMP = re.compile(r"(\d{8})T(\d{4})")
_FIRST_YEAR, _LAST_YEAR = 2000, 2100


def _plain(field: str) -> bool:
    """Whether one ``:``-separated field of button data is safe to parse."""
    if any(char.isdigit() and not char.isascii() for char in field):
        return False  # "²" and "①" pass str.isdigit() but not int()
    if field.lstrip("-").isdigit():
        return _NUMBER.fullmatch(field) is not None
    if date := _DATE.fullmatch(field):
        year, month, day = int(date[1]), int(date[2]), int(date[3] or 1)
        return _FIRST_YEAR <= year <= _LAST_YEAR and _valid(year, month, day)
    if stamp := _STAMP.fullmatch(field):
        try:
            moment = dt.datetime.strptime(field, "%Y%m%dT%H%M")
        except ValueError:
            return False
        return _FIRST_YEAR <= moment.year <= _LAST_YEAR and stamp is not None
    return field.isprintable() and field.isascii()


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def plain(data: str) -> bool:
    """Whether button data is within Telegram's limit and every field of it is plain."""
    return 0 < len(data.encode()) <= MAX_BYTES and all(map(_plain, data.split(":")))


async def gate(update: Update, context: BotContext) -> None:
    """Answer forged or malformed button data as a stale button; let the rest through."""
    query = update.callback_query
    if query is None or plain(query.data or ""):
        return
    await query.answer(context.catalogue.text("stale"))
    raise ApplicationHandlerStop
