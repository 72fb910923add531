"""The Telegram side of delivery: keyboards from button rows, the dispatcher's sender (Bot API
errors translated into outcomes the dispatcher acts on), and broadcast progress reports."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ExtBot

from mesobot.render.format import Rows
from mesobot.render.outbox import render
from mesobot.render.reports import report_text

from .outcomes import Blocked, Delivery, Rejected, RetryLater, Sender, Transient
from .pacing import Traffic

if TYPE_CHECKING:
    from mesobot.content import Catalogues
    from mesobot.services import Services
    from mesobot.services.broadcasts import Progress

log = logging.getLogger(__name__)


def keyboard(rows: Rows) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, callback data)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def sender(bot: ExtBot[Traffic], catalogues: Catalogues) -> Sender:
    """Send one outbox message through the bot, translating Bot API errors for the dispatcher."""

    async def send(delivery: Delivery) -> int:
        text, rows = render(delivery, catalogues[delivery.language])
        try:
            message = await bot.send_message(
                delivery.chat_id,
                text,
                reply_markup=keyboard(rows) if rows else None,
                rate_limit_args=Traffic.REPLY if delivery.urgent else Traffic.BULK,
            )
        except RetryAfter as exc:
            raise RetryLater(_seconds(exc.retry_after)) from exc
        except Forbidden as exc:
            raise Blocked(exc.message) from exc
        except BadRequest as exc:
            if "chat not found" in exc.message.lower():
                raise Blocked(exc.message) from exc
            raise Rejected(exc.message) from exc
        except NetworkError as exc:
            raise Transient(exc.message) from exc
        except TelegramError as exc:
            raise Transient(exc.message) from exc
        return message.message_id

    return send


def _seconds(value: float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def report_now(bot: Bot, services: Services) -> None:
    """Edit every sending broadcast's progress message; the last edit is the report."""
    async with services.broadcasts.reporting:
        for progress in await services.broadcasts.progress():
            broadcast = progress.broadcast
            if broadcast.id is None:
                continue
            # Sent from the web view, a broadcast has no message to edit: its page reads
            # the same counts.
            if broadcast.progress_message_id is not None and not await _show(
                bot, services, progress
            ):
                continue  # a network error or flood control: the next batch or sweep retries
            if progress.done:
                await services.broadcasts.finish(broadcast.id)
                services.shown_reports.pop(broadcast.id, None)


async def _show(bot: Bot, services: Services, progress: Progress) -> bool:
    """Edit the staff member's progress message; False if it should be tried again."""
    broadcast = progress.broadcast
    assert broadcast.id is not None
    language = await services.languages.stored(telegram_user_id=broadcast.staff_user_id)
    shown = report_text(services.catalogues[language], progress)
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
        return False
    return True


def reporter(bot: Bot, services: Services) -> Callable[[], Awaitable[None]]:
    """The dispatcher's after-batch hook: progress and reports for clinic broadcasts."""

    async def after_batch() -> None:
        await report_now(bot, services)

    return after_batch
