"""Telegram's webhook: each update is stored in the inbox before Telegram gets its 200, so
an update the bot could not store is sent again by Telegram later."""

from __future__ import annotations

import hmac
import logging
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Bot, Update

if TYPE_CHECKING:
    from mesobot.receiving import Receiver

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
log = logging.getLogger(__name__)


def webhook_route(receiver: Receiver, bot: Bot, *, path: str, secret: str | None) -> Route:
    """The POST route Telegram delivers updates to."""

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if secret is not None and not hmac.compare_digest(given.encode(), secret.encode()):
            return Response(status_code=403)
        try:
            update = Update.de_json(await request.json(), bot)
        except Exception:  # not JSON, or not an update: nothing Telegram would send
            log.warning("the webhook received something that is not an update")
            return Response(status_code=400)
        if await receiver.receive([update]):
            return Response(status_code=200)
        return Response(status_code=503)  # not stored: Telegram delivers it again later

    return Route(path, receive, methods=["POST"])
