"""How clinic messages look: broadcasts, closure notices, proposals, and notes to staff."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from mesobot.content import Catalogue
from mesobot.delivery.outcomes import Delivery

from . import views

KINDS = frozenset({"broadcast", "closure_notice", "proposal", "staff_notice"})


def _moment(value: Any, zone: str | None) -> str:
    if not value:
        return "-"
    return views.when(dt.datetime.fromisoformat(str(value)), ZoneInfo(zone or "UTC"))


def plan_line(params: dict[str, Any], catalogue: Catalogue) -> str:
    """The patient's plan in one line, for staff."""
    if "setting" not in params:
        return catalogue.text("plan_none")
    return catalogue.text(
        "staff_plan_line",
        setting=views.strip_tags(catalogue.text(f"setting_{params['setting']}")),
        interval=params["interval"],
        total=params["total"],
        next=_moment(params.get("next"), params.get("staff_zone") or params.get("timezone")),
    )


def staff_text(params: dict[str, Any], key: str, catalogue: Catalogue) -> str:
    """A note to staff about a patient and their plan."""
    zone = params.get("staff_zone") or params.get("timezone")
    return catalogue.text(
        key,
        name=f"{params.get('name', '?')} (#{params.get('patient_id', '?')})",
        number=params.get("number", "?"),
        total=params.get("total", "?"),
        when=_moment(params.get("start"), zone),
        words=params.get("words", ""),
        signs=params.get("signs", "").replace(",", ", ").replace("_", " "),
        plan=views.strip_tags(plan_line(params, catalogue)),
    )


def request_buttons(params: dict[str, Any], catalogue: Catalogue) -> InlineKeyboardMarkup:
    """What staff can do with a request."""
    request = params.get("request_id")
    if params.get("kind") == "urgent":
        return views.buttons([[(catalogue.text("btn_handled"), f"rq:{request}:x")]])
    return views.buttons(
        [
            [
                (catalogue.text("btn_propose"), f"rq:{request}:p"),
                (catalogue.text("btn_handled"), f"rq:{request}:x"),
            ]
        ]
    )


def _answers(catalogue: Catalogue, data: str) -> InlineKeyboardMarkup:
    """ "That works" / "Ask for another time"; ``data`` has a {} for ok or no."""
    answers = [("btn_accept_time", "ok"), ("btn_other_time", "no")]
    return views.buttons([[(catalogue.text(label), data.format(a)) for label, a in answers]])


def render(delivery: Delivery, catalogue: Catalogue) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text and buttons of a clinic message."""
    params = delivery.params
    text = catalogue.text
    if delivery.kind == "broadcast":
        return text("broadcast_message", clinic=params["clinic"], text=params["text"]), None
    if delivery.kind == "staff_notice":
        key = delivery.content_key
        markup = request_buttons(params, catalogue) if key.startswith("request_") else None
        return staff_text(params, key, catalogue), markup
    zone = ZoneInfo(delivery.timezone or "UTC")
    if delivery.kind == "proposal":
        start = dt.datetime.fromisoformat(params["start"])
        when = views.when(start, zone)
        # The time is in the buttons: an earlier proposal's answer cannot settle a later one.
        data = f"pp:{params['request_id']}:{{}}:{start.astimezone(dt.UTC):%Y%m%dT%H%M}"
        markup = _answers(catalogue, data)
        return text(
            "proposal",
            clinic=params["clinic"],
            number=params["number"],
            total=params["total"],
            when=when,
        ), markup
    # A closure notice: the session's time as it is now.
    when = views.when(delivery.session_start, zone) if delivery.session_start else "-"
    markup = _answers(catalogue, f"cn:{delivery.session_id}:{delivery.plan_version}:{{}}")
    return text(
        "closure_notice",
        clinic=params["clinic"],
        day=views.day_label(dt.date.fromisoformat(params["day"])),
        number=params["number"],
        total=params["total"],
        when=when,
    ), markup
