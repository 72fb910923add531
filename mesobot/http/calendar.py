"""``GET /calendar/<token>.ics``: a patient's course for the calendar app that subscribed to
their private link; the same file ``/calendar`` sends, in their language. An unknown or
revoked token, or a patient without a plan, is 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mesobot.render.ics import LINK_PATH, course_calendar

if TYPE_CHECKING:
    from mesobot.app import MesoApp


def calendar_route(app: MesoApp) -> Route:
    """The route, for the bot's HTTP server."""
    services = app.bot_data.services

    async def serve(request: Request) -> Response:
        source = await services.calendars.source_for(request.path_params["token"])
        if source is None:
            return Response("Not found\n", status_code=404, media_type="text/plain")
        catalogue = services.catalogues[source.patient.language]
        data = course_calendar(source, catalogue, now=services.clock.now())
        return Response(
            data,
            media_type="text/calendar; charset=utf-8",
            headers={"Cache-Control": "private, no-store"},
        )

    return Route(LINK_PATH, serve, methods=["GET"])
