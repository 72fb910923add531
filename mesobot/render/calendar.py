"""A month of days to pick from, as rows of buttons."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from mesobot.content import Catalogue
from mesobot.domain import plan as rules

from .callbacks import Blank
from .format import Rows

NOOP = Blank().pack()


def month_rows(
    catalogue: Catalogue,
    *,
    month: dt.date,
    today: dt.date,
    pick: Callable[[dt.date], str],
    turn: Callable[[dt.date], str],
) -> Rows:
    """A month of days; days before today or past the limit are blank.

    ``pick`` gives the callback data for a day, ``turn`` for showing another month.
    """
    latest = rules.latest_first_day(today)
    first = month.replace(day=1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=31)).replace(day=1)
    blank = catalogue.text("calendar_blank")
    nav = [
        (catalogue.text("calendar_previous"), turn(previous))
        if previous >= today.replace(day=1)
        else (blank, NOOP),
        (catalogue.month(first), NOOP),
        (catalogue.text("calendar_next"), turn(following))
        if following <= latest
        else (blank, NOOP),
    ]
    rows = [nav, [(name, NOOP) for name in catalogue.weekdays()]]
    for week in calendar.Calendar().monthdatescalendar(first.year, first.month):
        open_days = {d for d in week if d.month == first.month and today <= d <= latest}
        if open_days:  # weeks wholly in the past are left out
            rows.append([(str(d.day), pick(d)) if d in open_days else (blank, NOOP) for d in week])
    return rows
