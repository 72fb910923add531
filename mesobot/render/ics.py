"""A patient's course as an iCalendar file (RFC 5545), for their phone's calendar.

One event per session still to come, at its local time with the time zone's rules included
(VTIMEZONE), and one per session cancelled or skipped whose time has not come, marked
cancelled so a calendar that imported an earlier file removes it. Each session keeps its
UID across files (the plan and the session's number) and carries the plan's version as its
SEQUENCE, so importing a newer file updates events rather than adding them again. Alarms
match the patient's reminders: the evening before at their evening time, and a few hours
before.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from mesobot.content import Catalogue
from mesobot.domain import plan as rules
from mesobot.domain.schedule import Preferences
from mesobot.models import UPCOMING, SessionStatus
from mesobot.services.calendars import CalendarSource

from .format import strip_tags

# How long a session is shown in the calendar: a block of time, not a medical statement.
SHOWN_FOR = dt.timedelta(hours=1)
GONE = (SessionStatus.CANCELLED, SessionStatus.SKIPPED)


# Where a patient's private calendar link points, on the bot's HTTP server.
LINK_PATH = "/calendar/{token}.ics"


def calendar_url(base: str, token: str) -> str:
    """A patient's private calendar link."""
    return base + LINK_PATH.format(token=token)


def uid(plan_id: int | None, number: int) -> str:
    """A session's identity in every calendar file the patient is sent."""
    return f"mesobot-plan-{plan_id}-session-{number}@mesobot"


def course_calendar(source: CalendarSource, catalogue: Catalogue, *, now: dt.datetime) -> bytes:
    """The course as an ``.ics`` file's bytes."""
    view, prefs, location = source.view, source.prefs, source.location
    zone = ZoneInfo(view.plan.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//mesobot//course//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", strip_tags(catalogue.text("calendar_name")))
    total = view.plan.sessions_count
    for item in view.sessions:
        if item.planned_start <= now or item.status not in (*UPCOMING, *GONE):
            continue
        event = Event()
        event.add("uid", uid(view.plan.id, item.number))
        event.add("sequence", view.plan.version)
        event.add("dtstamp", now)
        start = item.planned_start.astimezone(zone)
        event.add("dtstart", start)
        event.add("dtend", start + SHOWN_FOR)
        summary = catalogue.text("calendar_event", number=item.number, total=total)
        event.add("summary", strip_tags(summary))
        if location:
            event.add("location", location)
        if item.status in GONE:
            event.add("status", "CANCELLED")
        else:
            confirmed = item.status == SessionStatus.CONFIRMED
            event.add("status", "CONFIRMED" if confirmed else "TENTATIVE")
            for alarm in _alarms(catalogue, item.planned_start, zone, prefs, summary):
                event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data


def _alarms(
    catalogue: Catalogue, start: dt.datetime, zone: ZoneInfo, prefs: Preferences, summary: str
) -> list[Alarm]:
    eve_day = rules.local_date(start, zone) - dt.timedelta(days=1)
    triggers: list[dt.datetime | dt.timedelta] = []
    if prefs.evening_on:
        triggers.append(rules.to_utc(eve_day, prefs.evening_time, zone))
    if prefs.soon_on:
        triggers.append(-dt.timedelta(hours=prefs.soon_hours))
    alarms = []
    for trigger in triggers:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", strip_tags(summary))
        alarm.add("trigger", trigger)
        alarms.append(alarm)
    return alarms
