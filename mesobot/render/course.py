"""How a course reads: the next session, the whole plan, and the intake's summary."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mesobot.content import Catalogue
from mesobot.domain import plan as rules
from mesobot.models import SessionStatus
from mesobot.services.course import PlanView


def next_session(view: PlanView, catalogue: Catalogue, *, now: dt.datetime) -> str:
    """The sentence about the next session, or that the course is behind them."""
    zone = ZoneInfo(view.plan.timezone)
    ahead = view.upcoming(now=now)
    if not ahead:
        return catalogue.text("course_finished")
    item = ahead[0]
    days = rules.days_until(item.planned_start, now=now, tz=zone)
    phrase = catalogue.in_days(days)
    return catalogue.text(
        "next_session",
        number=item.number,
        total=view.plan.sessions_count,
        when=catalogue.when(item.planned_start, zone),
        days=phrase,
    )


def plan_overview(view: PlanView, catalogue: Catalogue, *, now: dt.datetime) -> str:
    """Every session of the plan with its status, in local time."""
    zone = ZoneInfo(view.plan.timezone)
    header = catalogue.text(
        "plan_header",
        setting=catalogue.text(f"setting_{view.plan.setting}"),
        interval=view.plan.interval_days,
        zone=view.plan.timezone,
    )
    return "\n".join([header, "", *session_lines(view, catalogue, now=now, zone=zone)])


def session_lines(
    view: PlanView, catalogue: Catalogue, *, now: dt.datetime, zone: ZoneInfo
) -> list[str]:
    """One line per session of the plan, with its status, in ``zone``; sessions beyond the
    plan's length (cancelled when it was shortened) are left out."""
    lines = []
    for item in view.sessions:
        if item.number > view.plan.sessions_count:
            continue
        status = str(item.status)
        if item.status == SessionStatus.PLANNED and item.planned_start <= now:
            status = "past"
        lines.append(
            catalogue.text(
                "plan_line",
                number=item.number,
                when=catalogue.when(item.planned_start, zone),
                status=catalogue.text(f"status_{status}"),
            )
        )
    return lines
