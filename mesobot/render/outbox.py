"""How an outbox message looks when it is sent: reminders, aftercare, check-ins, and the
clinic's messages (broadcasts, closure notices, proposals, notes to staff), rendered from
the row's content key and the plan as it is now."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any, Literal
from zoneinfo import ZoneInfo

from mesobot.content import Catalogue
from mesobot.delivery.outcomes import Delivery
from mesobot.domain.schedule import LATER_HOURS
from mesobot.render.callbacks import (
    Bruise,
    CalendarFile,
    Checkin,
    CheckinAnswer,
    ClosureAnswer,
    Later,
    PlanAnswer,
    Progress,
    Proposal,
    Reminder,
    ReminderAction,
    RequestAction,
)

from .format import Rows, doctor_pointer, strip_tags
from .report import sign_titles

HOME_VARIANTS = frozenset({"reminder_eve", "reminder_soon"})
# Reminders of a session to come: with "I'll be there" (or "Done") and "Remind me later".
REMINDER_KINDS = HOME_VARIANTS | {"reminder_later"}
CLINIC_KINDS = frozenset({"broadcast", "closure_notice", "proposal", "plan_offer", "staff_notice"})


def _moment(catalogue: Catalogue, value: Any, zone: str | None) -> str:
    if not value:
        return "-"
    return catalogue.when(dt.datetime.fromisoformat(str(value)), ZoneInfo(zone or "UTC"))


def plan_line(params: dict[str, Any], catalogue: Catalogue) -> str:
    """The patient's plan in one line, for staff."""
    if "setting" not in params:
        return catalogue.text("plan_none")
    return catalogue.text(
        "staff_plan_line",
        setting=strip_tags(catalogue.text(f"setting_{params['setting']}")),
        interval=params["interval"],
        total=params["total"],
        next=_moment(
            catalogue, params.get("next"), params.get("staff_zone") or params.get("timezone")
        ),
    )


def staff_text(params: dict[str, Any], key: str, catalogue: Catalogue) -> str:
    """A note to staff about a patient and their plan."""
    zone = params.get("staff_zone") or params.get("timezone")
    return catalogue.text(
        key,
        name=f"{params.get('name', '?')} (#{params.get('patient_id', '?')})",
        number=params.get("number", "?"),
        total=params.get("total", "?"),
        when=_moment(catalogue, params.get("start"), zone),
        words=params.get("words", ""),
        signs=sign_titles(catalogue, params.get("signs", "")),
        plan=strip_tags(plan_line(params, catalogue)),
        offered_interval=params.get("offered_interval", "?"),
        offered_total=params.get("offered_total", "?"),
    )


def request_buttons(params: dict[str, Any], catalogue: Catalogue) -> Rows:
    """What staff can do with a request."""
    request = int(params.get("request_id") or 0)
    handled = (catalogue.text("btn_handled"), RequestAction(request, "x").pack())
    if params.get("kind") == "urgent":
        return [[handled]]
    return [[(catalogue.text("btn_propose"), RequestAction(request, "p").pack()), handled]]


def _answers(catalogue: Catalogue, data: Callable[[Literal["ok", "no"]], str]) -> Rows:
    """ "That works" / "Ask for another time"."""
    return [
        [
            (catalogue.text("btn_accept_time"), data("ok")),
            (catalogue.text("btn_other_time"), data("no")),
        ]
    ]


def _clinic(delivery: Delivery, catalogue: Catalogue) -> tuple[str, Rows | None]:
    """The text and buttons of a clinic message."""
    params = delivery.params
    text = catalogue.text
    if delivery.kind == "broadcast":
        return text("broadcast_message", clinic=params["clinic"], text=params["text"]), None
    if delivery.kind == "staff_notice":
        key = delivery.content_key
        markup = request_buttons(params, catalogue) if key.startswith("request_") else None
        return staff_text(params, key, catalogue), markup
    if delivery.kind == "plan_offer":
        request = int(params["request_id"])
        return text("plan_offer", **params), [
            [
                (text("btn_plan_accept"), PlanAnswer(request, "ok").pack()),
                (text("btn_plan_keep"), PlanAnswer(request, "no").pack()),
            ]
        ]
    zone = ZoneInfo(delivery.timezone or "UTC")
    if delivery.kind == "proposal":
        start = dt.datetime.fromisoformat(params["start"])
        shown = catalogue.when(start, zone)
        # The time is in the buttons: an earlier proposal's answer cannot settle a later one.
        request = int(params["request_id"])
        markup = _answers(catalogue, lambda answer: Proposal(request, answer, start).pack())
        return text(
            "proposal",
            clinic=params["clinic"],
            number=params["number"],
            total=params["total"],
            when=shown,
        ), markup
    # A closure notice: the session's time as it is now.
    shown = catalogue.when(delivery.session_start, zone) if delivery.session_start else "-"
    session, version = delivery.session_id or 0, delivery.plan_version or 0
    markup = _answers(catalogue, lambda answer: ClosureAnswer(session, version, answer).pack())
    return text(
        "closure_notice",
        clinic=params["clinic"],
        day=catalogue.day(dt.date.fromisoformat(params["day"])),
        number=params["number"],
        total=params["total"],
        when=shown,
    ), markup


def _buttons(delivery: Delivery, catalogue: Catalogue) -> Rows | None:
    text = catalogue.text
    session, version = delivery.session_id or 0, delivery.plan_version or 0
    actions: list[tuple[str, ReminderAction]] = []
    reminder = delivery.kind in REMINDER_KINDS
    if reminder and delivery.setting == "home":
        actions = [("btn_done", "done"), ("btn_skip", "skip"), ("btn_move", "move")]
    elif reminder:
        actions = [("btn_will_attend", "attend"), ("btn_need_move", "move")]
    elif delivery.kind in ("session_check", "session_check_again"):
        actions = [("btn_happened", "done"), ("btn_not_happened", "missed")]
    rows = [[(text(label), Reminder(session, version, act).pack()) for label, act in actions]]
    if reminder:
        rows.append(
            [(text(f"btn_later_{h}h"), Later(session, version, h).pack()) for h in LATER_HOURS]
        )
    if actions:
        return rows
    if delivery.kind == "checkin":
        answers: list[tuple[str, CheckinAnswer]] = [
            ("btn_checkin_fine", "fine"),
            ("btn_checkin_mild", "mild"),
            ("btn_checkin_worried", "worried"),
        ]
        return [[(text(label), Checkin(session, answer).pack())] for label, answer in answers]
    if delivery.kind == "progress_checkin":
        return shedding_rows(catalogue)
    if delivery.kind == "hours_notice":  # the plan changed: the calendar file again
        return [[(text("btn_calendar_update"), CalendarFile().pack())]]
    if delivery.kind == "bruising_followup":
        gone, still = Bruise(session, "gone").pack(), Bruise(session, "still").pack()
        return [[(text("btn_bruise_gone"), gone), (text("btn_bruise_still"), still)]]
    return None


def shedding_rows(catalogue: Catalogue) -> Rows:
    """The progress check-in's first question: shedding compared with before, 1 to 5."""
    return [[(catalogue.text(f"btn_shed_{n}"), Progress(n).pack())] for n in range(1, 6)]


def rating_rows(shedding: int) -> Rows:
    """Its second: the hair rated 1 to 5, the shedding answer carried along."""
    return [[(str(n), Progress(shedding, n).pack()) for n in range(1, 6)]]


def render(delivery: Delivery, catalogue: Catalogue) -> tuple[str, Rows | None]:
    """The text and buttons of an outbox message, from its content key and current plan."""
    if delivery.kind in CLINIC_KINDS:
        return _clinic(delivery, catalogue)
    key = delivery.content_key
    if key in HOME_VARIANTS and delivery.setting == "home":
        key = f"{key}_home"
    parts = {name: html.escape(str(value)) for name, value in delivery.params.items()}
    if delivery.session_start is not None and delivery.timezone:
        parts["when"] = catalogue.when(delivery.session_start, ZoneInfo(delivery.timezone))
    parts["doctor"] = doctor_pointer(catalogue, delivery.clinic, delivery.clinic_contact)
    return catalogue.compose(key, **parts), _buttons(delivery, catalogue)
