"""The web view's routes: sign-in from a one-time link, the week, the patients and a card,
the requests, and closing a day (with the same preview and confirmation as ``/closed``).

Every page is limited to the signed-in person's clinic and is written in their language;
every change is a POST carrying the session's form token (without it, nothing changes: 403).
The cookie holds a random token and its HMAC under a key derived from the bot's token (or
``MESOBOT_WEB_SECRET``); it is HttpOnly, SameSite=Lax, Secure when the public URL is https,
and lasts 12 hours.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from handlers.staff import show_menu
from mesobot.content import Catalogue
from mesobot.domain import plan as rules
from mesobot.domain.hours import OpeningHours, next_open
from mesobot.models import StaffRole
from mesobot.render.clinic import (
    booked_lines,
    card_lines,
    closure_preview,
    closure_problem,
    counted,
    patient_lines,
)
from mesobot.render.format import strip_tags
from mesobot.render.outbox import staff_text
from mesobot.render.reports import audience_words, report_text, room, title
from mesobot.services.broadcasts import Audience, BadText, NotYours, Progress
from mesobot.services.clinics import ClinicError, local_today
from mesobot.services.closures import ClosureProblem
from mesobot.services.requests import RequestGone
from mesobot.services.web_access import SESSION_LIFETIME, LinkRefused, WebSeat

if TYPE_CHECKING:
    from mesobot.app import MesoApp
    from mesobot.services import Services

COOKIE = "mesobot_web"
AUDIENCE_KINDS = ("all", "day", "range")
WEEK = 7
HERE = Path(__file__).parent
_pages = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    auto_reload=False,
)

Page = Callable[[Request, WebSeat, Catalogue], Awaitable[Response]]


def cookie_key(services: Services) -> bytes:
    """The key cookies are signed with."""
    settings = services.settings
    if settings.web_secret is not None:
        return settings.web_secret.get_secret_value().encode()
    token = settings.token.get_secret_value() if settings.token else ""
    return hmac.new(token.encode(), b"mesobot web cookies", hashlib.sha256).digest()


def _signed(key: bytes, token: str) -> str:
    return f"{token}.{hmac.new(key, token.encode(), hashlib.sha256).hexdigest()}"


def _unsigned(key: bytes, value: str | None) -> str | None:
    token, _, signature = (value or "").rpartition(".")
    expected = hmac.new(key, token.encode(), hashlib.sha256).hexdigest()
    return token if token and hmac.compare_digest(signature, expected) else None


def web_routes(app: MesoApp) -> list[Route]:
    """The web view's routes, for the bot's HTTP server."""
    services = app.bot_data.services
    key = cookie_key(services)
    base = services.settings.public_base() or ""
    secure = base.startswith("https://")

    def render(name: str, catalogue: Catalogue, status: int = 200, **values: Any) -> HTMLResponse:
        html = _pages.get_template(name).render(
            t=catalogue.text, lang=catalogue.language.code, **values
        )
        return HTMLResponse(
            html,
            status_code=status,
            headers={
                "Cache-Control": "no-store",
                # The broadcast report is a frame of our own; no other site may frame a page.
                "X-Frame-Options": "SAMEORIGIN",
                "Content-Security-Policy": (
                    "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'self'"
                ),
            },
        )

    async def staff_catalogue(telegram_user_id: int | None) -> Catalogue:
        if telegram_user_id is None:
            return services.catalogues[None]
        code = await services.languages.stored(telegram_user_id=telegram_user_id)
        return services.catalogues[code]

    def message(catalogue: Catalogue, key: str, status: int) -> HTMLResponse:
        return render(
            "message.html",
            catalogue,
            status,
            title=catalogue.text(f"{key}_title"),
            body=catalogue.text(key),
        )

    def signed_in(page: Page, *, change: bool = False) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            token = _unsigned(key, request.cookies.get(COOKIE))
            web = await services.web.seat(token)
            if web is None:
                return message(await staff_catalogue(None), "web_signed_out_page", 401)
            catalogue = await staff_catalogue(web.seat.member.telegram_user_id)
            if change:
                form = await request.form()
                given = form.get("csrf")
                if not web.checks(given if isinstance(given, str) else None):
                    return message(catalogue, "web_form_expired", 403)
            return await page(request, web, catalogue)

        return endpoint

    def common(web: WebSeat, page: str, title: str) -> dict[str, Any]:
        return {
            "seat": web.seat,
            "clinic": web.seat.clinic.name,
            "csrf": web.csrf,
            "page": page,
            "title": title,
        }

    async def login(request: Request) -> Response:
        token = request.path_params["token"]
        refused = await services.web.check_link(token)
        catalogue = await staff_catalogue(None)
        if refused is not None:
            return message(
                catalogue, f"web_link_{refused}", 410 if refused != LinkRefused.UNKNOWN else 404
            )
        if request.method == "GET":  # a link preview must not use the link up
            title = catalogue.text("web_sign_in_title")
            body = catalogue.text("web_sign_in_body")
            return render("login.html", catalogue, title=title, body=body, seat=None)
        result = await services.web.sign_in(token)
        if isinstance(result, LinkRefused):
            return message(catalogue, f"web_link_{result}", 410)
        response = RedirectResponse("/web/week", status_code=303)
        response.set_cookie(
            COOKIE,
            _signed(key, result.token),
            max_age=int(SESSION_LIFETIME.total_seconds()),
            httponly=True,
            samesite="lax",
            secure=secure,
            path="/web",
        )
        return response

    async def sign_out(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        await services.web.sign_out(telegram_user_id=web.seat.member.telegram_user_id)
        response = message(catalogue, "web_signed_out", 200)
        response.delete_cookie(COOKIE, path="/web")
        return response

    async def week(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        seat = web.seat
        first = local_today(seat, services.clock.now())
        last = first + dt.timedelta(days=WEEK - 1)
        booked = await services.closures.booked(seat, first=first, last=last)
        closed_days = await services.closures.closed_days(seat, first=first, last=last)
        days = []
        for offset in range(WEEK):
            day = first + dt.timedelta(days=offset)
            that_day = [
                a for a in booked if a.session.planned_start.astimezone(seat.zone).date() == day
            ]
            days.append(
                {
                    "iso": day.isoformat(),
                    "name": catalogue.day(day),
                    "closed": day in closed_days,
                    "lines": booked_lines(that_day, seat.zone, catalogue),
                }
            )
        heading = catalogue.text(
            "week_header",
            clinic=seat.clinic.name,
            first=catalogue.day(first),
            last=catalogue.day(last),
            count=counted(catalogue, len(booked)),
        )
        closed = None
        if (shown := _day(request.query_params.get("closed"))) is not None:
            closed = catalogue.text("web_day_closed_done", day=catalogue.day(shown))
        title = catalogue.text("web_nav_week")
        return render(
            "week.html",
            catalogue,
            heading=heading,
            days=days,
            closed=closed,
            **common(web, "week", title),
        )

    async def patients(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        seat, now = web.seat, services.clock.now()
        q = request.query_params.get("q", "")[:100].strip()
        found = await services.clinics.patients(seat)
        if q:
            wanted = q.casefold().lstrip("#")
            found = [
                item
                for item in found
                if wanted in item.patient.first_name.casefold() or wanted == str(item.patient.id)
            ]
        rows = [
            {
                "id": item.patient.id,
                "lines": patient_lines(item, catalogue, zone=seat.zone, now=now),
            }
            for item in found
        ]
        heading = catalogue.text("patients_header", clinic=seat.clinic.name, count=len(rows))
        title = catalogue.text("web_nav_patients")
        return render(
            "patients.html",
            catalogue,
            heading=heading,
            rows=rows,
            q=q,
            **common(web, "patients", title),
        )

    async def patient(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        seat = web.seat
        typed = request.path_params["patient"]
        found = await services.clinics.patient(seat, int(typed)) if _id(typed) else None
        if found is None:
            return message(catalogue, "web_not_found", 404)
        lines = card_lines(found, catalogue, zone=seat.zone, now=services.clock.now())
        open_requests = [
            _lines(staff_text(item.params, _request_key(item.params), catalogue))
            for item in await services.requests.open_requests(seat)
            if item.patient.id == found.patient.id
        ]
        title = found.patient.first_name
        view = found.view
        ahead = view.upcoming(now=services.clock.now()) if view else []
        at_clinic = view is not None and view.plan.setting == "clinic"
        return render(
            "patient.html",
            catalogue,
            patient=found.patient.id,
            next_number=ahead[0].number if ahead and at_clinic else None,
            lines=lines,
            requests=open_requests,
            **common(web, "patients", title),
        )

    async def requests(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        seat = web.seat
        found = await services.requests.open_requests(seat)
        # Urgent first, newest first among them; then the rest, oldest first.
        urgent = [i for i in found if i.params.get("kind") == "urgent"][::-1]
        rest = [i for i in found if i.params.get("kind") != "urgent"]
        items = [
            {
                "text": _lines(staff_text(i.params, _request_key(i.params), catalogue)),
                "patient": i.patient.id,
                "id": i.request.id,
                "move": i.params.get("kind") == "move",
            }
            for i in urgent + rest
        ]
        heading = catalogue.text("requests_header", count=len(items))
        title = catalogue.text("web_nav_requests")
        notice = request.query_params.get("done")
        shown = (
            catalogue.text(f"web_request_{notice}") if notice in ("proposed", "handled") else None
        )
        return render(
            "requests.html",
            catalogue,
            heading=heading,
            items=items,
            notice=shown,
            **common(web, "requests", title),
        )

    async def request_change(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        seat, typed = web.seat, request.path_params["request"]
        action = request.path_params["action"]
        if not _id(typed) or action not in ("propose", "handled"):
            return message(catalogue, "web_not_found", 404)
        try:
            if action == "handled":
                await services.requests.handled(seat, int(typed))
                return RedirectResponse("/web/requests?done=handled", status_code=303)
            return await _propose(request, web, catalogue, int(typed), "/web/requests")
        except RequestGone:
            return message(catalogue, "web_request_gone", 409)

    async def card_propose(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        typed = request.path_params["patient"]
        if not _id(typed):
            return message(catalogue, "web_not_found", 404)
        try:
            request_id = await services.requests.move_for_staff(web.seat, int(typed))
            return await _propose(request, web, catalogue, request_id, f"/web/patients/{typed}")
        except RequestGone:
            return message(catalogue, "web_request_gone", 409)

    async def _propose(
        request: Request, web: WebSeat, catalogue: Catalogue, request_id: int, back: str
    ) -> Response:
        """Offer the patient the day and time in the form; raises ``RequestGone``."""
        seat, form = web.seat, await request.form()
        day, at = _day(form.get("day")), _time(form.get("time"))
        if day is None or at is None:
            return message(catalogue, "web_not_found", 400)
        start = rules.to_utc(day, at, seat.zone)
        hours = OpeningHours.stored(seat.clinic.hours)
        if next_open(start, hours=hours, closed=(), tz=seat.zone) != start:
            return message(catalogue, "web_request_closed", 409)
        await services.requests.propose(seat, request_id, start)
        return RedirectResponse(f"{back}?done=proposed", status_code=303)

    async def close_preview(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        seat = web.seat
        day = _day(request.query_params.get("day"))
        title = catalogue.text("web_close_day")
        values = common(web, "week", title)
        if day is None:
            return message(catalogue, "web_not_found", 404)
        heading = catalogue.text("web_close_heading", day=catalogue.day(day))
        try:
            plan = await services.closures.preview(seat, day, None)
        except ClosureProblem as problem:
            shown = closure_problem(catalogue, problem, seat.clinic.name)
            return render("close.html", catalogue, heading=heading, problem=shown, **values)
        preview = _lines(closure_preview(catalogue, seat.zone, plan))
        return render(
            "close.html",
            catalogue,
            heading=heading,
            preview=preview,
            lines=[],
            day=plan.day.isoformat(),
            target=plan.target.isoformat(),
            **values,
        )

    async def close(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        seat = web.seat
        form = await request.form()
        day, target = _day(form.get("day")), _day(form.get("target"))
        if day is None or target is None:
            return message(catalogue, "web_not_found", 404)
        try:
            await services.closures.close(seat, day, target, progress_message_id=None)
        except ClosureProblem as problem:
            heading = catalogue.text("web_close_heading", day=catalogue.day(day))
            shown = closure_problem(catalogue, problem, seat.clinic.name)
            values = common(web, "week", catalogue.text("web_close_day"))
            return render("close.html", catalogue, 409, heading=heading, problem=shown, **values)
        app.bot_data.alarm.poke()  # the notices go now
        return RedirectResponse(f"/web/week?closed={day.isoformat()}", status_code=303)

    async def broadcast_form(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        return _compose(catalogue, web, error=None, values={})

    def _compose(
        catalogue: Catalogue, web: WebSeat, *, error: str | None, values: dict[str, str]
    ) -> Response:
        audiences = [(kind, catalogue.text(f"btn_audience_{kind}")) for kind in AUDIENCE_KINDS]
        return render(
            "broadcast.html",
            catalogue,
            400 if error else 200,
            error=error,
            audiences=audiences,
            text=values.get("text", ""),
            audience=values.get("audience", "all"),
            first=values.get("first", ""),
            last=values.get("last", ""),
            **common(web, "broadcast", catalogue.text("web_nav_broadcast")),
        )

    async def broadcast_preview(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        seat, broadcasts = web.seat, services.broadcasts
        form = await request.form()
        values = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf"}
        kind = values.get("audience", "all")
        first, last = _day(values.get("first")), _day(values.get("last"))
        if kind == "day":
            last = first
        if kind not in AUDIENCE_KINDS or (
            kind != "all" and (first is None or last is None or last < first)
        ):
            return _compose(catalogue, web, error=catalogue.text("web_bad_dates"), values=values)
        draft = await broadcasts.begin(seat)
        assert draft.id is not None
        try:
            text = values.get("text", "")
            await broadcasts.set_text(seat, text, room=room(catalogue, seat.clinic.name))
        except BadText as refused:
            key, *more = refused.args
            error = catalogue.text(key, **(more[0] if more else {}))
            return _compose(catalogue, web, error=error, values=values)
        await broadcasts.choose(seat, draft.id, kind)
        if kind != "all":
            assert first is not None and last is not None
            await broadcasts.set_days(seat, first, last)
        count = await broadcasts.count(seat, draft.id)
        words = strip_tags(audience_words(catalogue, Audience(kind, first, last)))
        stored = await broadcasts.draft(seat)
        body = stored.text if stored else ""
        if count:
            shown = catalogue.text("broadcast_preview", audience=words, count=count, text=body)
        else:
            shown = catalogue.text("broadcast_nobody", audience=words)
        return render(
            "broadcast_preview.html",
            catalogue,
            preview=_lines(shown),
            count=count,
            broadcast=draft.id,
            **common(web, "broadcast", catalogue.text("web_nav_broadcast")),
        )

    async def broadcast_send(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        form = await request.form()
        typed = form.get("broadcast")
        if not isinstance(typed, str) or not _id(typed):
            return message(catalogue, "web_not_found", 404)
        try:
            sent = await services.broadcasts.send(web.seat, int(typed), progress_message_id=None)
        except NotYours:
            return message(catalogue, "web_form_expired", 409)
        app.bot_data.alarm.poke()
        return RedirectResponse(f"/web/broadcasts/{sent.id}", status_code=303)

    async def broadcast_sent(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        progress = await _progress(request, web)
        if progress is None:
            return message(catalogue, "web_not_found", 404)
        heading = title(catalogue, progress.broadcast)
        return render(
            "broadcast_sent.html",
            catalogue,
            heading=heading,
            broadcast=progress.broadcast.id,
            **common(web, "broadcast", heading),
        )

    async def broadcast_report(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        progress = await _progress(request, web)
        if progress is None:
            return message(catalogue, "web_not_found", 404)
        return render(
            "report.html",
            catalogue,
            heading=title(catalogue, progress.broadcast),
            report=_lines(report_text(catalogue, progress)),
            done=progress.done,
        )

    async def _progress(request: Request, web: WebSeat) -> Progress | None:
        typed = request.path_params["broadcast"]
        return await services.broadcasts.report(web.seat, int(typed)) if _id(typed) else None

    async def staff_page(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        return await _staff(web, catalogue, notice=None)

    async def _staff(web: WebSeat, catalogue: Catalogue, *, notice: str | None) -> Response:
        seat = web.seat
        members = await services.clinics.staff(clinic_id=seat.clinic_id)
        text = catalogue.text
        lines = [text("staff_line", user=m.telegram_user_id, role=str(m.role)) for m in members]
        heading = text("web_nav_staff") + f" · {seat.clinic.name}"
        return render(
            "staff.html",
            catalogue,
            heading=heading,
            lines=lines,
            admin=seat.is_admin,
            notice=notice,
            **common(web, "staff", text("web_nav_staff")),
        )

    async def staff_change(request: Request, web: WebSeat, catalogue: Catalogue) -> Response:
        seat, text = web.seat, catalogue.text
        if not seat.is_admin:
            return await _staff(web, catalogue, notice=text("staff_admin_only"))
        form = await request.form()
        user, action = form.get("user"), form.get("action")
        valid = isinstance(user, str) and user.isascii() and user.isdigit() and len(user) <= 15
        if not valid or action not in ("add", "remove"):
            return await _staff(web, catalogue, notice=text("staff_usage"))
        assert isinstance(user, str)
        clinics = services.clinics
        try:
            if action == "add":
                role = StaffRole.ADMIN if form.get("admin") else StaffRole.STAFF
                await clinics.add_staff(
                    clinic_id=seat.clinic_id, telegram_user_id=int(user), role=role
                )
                notice = text("staff_added", user=user, role=str(role), clinic=seat.clinic.name)
            else:
                await clinics.remove_staff(clinic_id=seat.clinic_id, telegram_user_id=int(user))
                notice = text("staff_removed", user=user, clinic=seat.clinic.name)
            await show_menu(app.bot, services, int(user))
        except ClinicError:
            notice = text("staff_not_changed", user=user)
        return await _staff(web, catalogue, notice=notice)

    async def home(request: Request) -> Response:
        return RedirectResponse("/web/week", status_code=303)

    async def stylesheet(request: Request) -> Response:
        return FileResponse(HERE / "static" / "web.css", media_type="text/css")

    return [
        Route("/web", home, methods=["GET"]),
        Route("/web/login/{token}", login, methods=["GET", "POST"]),
        Route("/web/signout", signed_in(sign_out, change=True), methods=["POST"]),
        Route("/web/week", signed_in(week), methods=["GET"]),
        Route("/web/patients", signed_in(patients), methods=["GET"]),
        Route("/web/patients/{patient}", signed_in(patient), methods=["GET"]),
        Route("/web/requests", signed_in(requests), methods=["GET"]),
        Route(
            "/web/patients/{patient}/propose",
            signed_in(card_propose, change=True),
            methods=["POST"],
        ),
        Route(
            "/web/requests/{request}/{action}",
            signed_in(request_change, change=True),
            methods=["POST"],
        ),
        Route("/web/close", signed_in(close_preview), methods=["GET"]),
        Route("/web/close", signed_in(close, change=True), methods=["POST"]),
        Route("/web/broadcast", signed_in(broadcast_form), methods=["GET"]),
        Route("/web/broadcast", signed_in(broadcast_preview, change=True), methods=["POST"]),
        Route("/web/broadcast/send", signed_in(broadcast_send, change=True), methods=["POST"]),
        Route("/web/broadcasts/{broadcast}", signed_in(broadcast_sent), methods=["GET"]),
        Route("/web/broadcasts/{broadcast}/report", signed_in(broadcast_report), methods=["GET"]),
        Route("/web/staff", signed_in(staff_page), methods=["GET"]),
        Route("/web/staff", signed_in(staff_change, change=True), methods=["POST"]),
        Route("/web/static/web.css", stylesheet, methods=["GET"]),
    ]


def _lines(text: str) -> str:
    """A message of several lines as HTML."""
    return text.replace("\n", "<br>")


def _request_key(params: dict[str, Any]) -> str:
    return "request_urgent" if params.get("kind") == "urgent" else "request_move"


def _id(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= 9


def _time(value: object) -> dt.time | None:
    if not isinstance(value, str) or len(value) != 5:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        return None


def _day(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
