"""``GET /healthz`` for a load balancer or a platform's health check, ``GET /metrics`` for
Prometheus. Both are cheap (an indexed look-up or two) and safe to call every few seconds."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from mesobot.db import is_outage, one_line, ping
from mesobot.metrics import CONTENT_TYPE

if TYPE_CHECKING:
    from mesobot.app import MesoApp

# Longer than a healthy database ever takes; shorter than a platform's check waits.
WAIT = 2.0


async def health(app: MesoApp) -> tuple[bool, dict[str, Any]]:
    """Whether the bot can do its work, and what a person reading the check needs."""
    dispatcher = app.bot_data.dispatcher
    body: dict[str, Any] = {
        "database": "ok",
        "dispatcher": "leader" if dispatcher.leading else "standby",
        "oldest_due_seconds": None,
    }
    problems = []
    try:
        await asyncio.wait_for(ping(app.bot_data.services.engine), WAIT)
        oldest = await asyncio.wait_for(dispatcher.oldest_due(), WAIT)
        body["oldest_due_seconds"] = round(oldest, 1)
    except Exception as error:
        if not is_outage(error):
            raise
        body["database"] = "unreachable"
        problems.append(f"the database cannot be reached: {one_line(error) or 'timed out'}")
    if not app.bot_data.alarm.alive:
        body["dispatcher"] = "stopped"
        problems.append("the outbox has not been swept lately")
    if problems:
        body["problems"] = problems
    return not problems, body


async def _refresh(app: MesoApp) -> None:
    """Set the gauges read from the database (left as they were while it is away)."""
    metrics, dispatcher = app.bot_data.services.metrics, app.bot_data.dispatcher
    metrics.leader.set(1 if dispatcher.leading else 0)
    try:
        await asyncio.wait_for(ping(app.bot_data.services.engine), WAIT)
        pending = await asyncio.wait_for(dispatcher.pending(), WAIT)
        oldest = await asyncio.wait_for(dispatcher.oldest_due(), WAIT)
    except Exception as error:
        if not is_outage(error):
            raise
        metrics.database_up.set(0)
        return
    metrics.database_up.set(1)
    metrics.outbox_pending.clear()
    for kind, count in pending.items():
        metrics.outbox_pending.labels(kind).set(count)
    metrics.outbox_oldest_due.set(oldest)


def health_routes(app: MesoApp) -> list[Route]:
    """The two routes, for the bot's HTTP server."""

    async def healthz(_: Request) -> Response:
        ok, body = await health(app)
        return JSONResponse(body, status_code=200 if ok else 503)

    async def metrics(_: Request) -> Response:
        await _refresh(app)
        return Response(app.bot_data.services.metrics.render(), media_type=CONTENT_TYPE)

    return [Route("/healthz", healthz, methods=["GET"]), Route("/metrics", metrics)]
