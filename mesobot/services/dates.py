"""Reading the dates and times patients type in free text, in English, Russian or Spanish."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# Anything longer is a message, not a date; it also keeps dateparser's work bounded.
MAX_INPUT_LENGTH = 64

# "in 3 months" or "December" name no particular day, so the bot asks again rather than guess.
_ACCEPTED_PERIODS = frozenset({"day", "week", "time"})

_WEEKDAYS = re.compile(
    r"\b(?:(?P<mon>mon(?:day)?|понедельник\w*|пн|lun(?:es)?)"
    r"|(?P<tue>tue(?:s(?:day)?)?|вторник\w*|вт|mar(?:tes)?)"
    r"|(?P<wed>wed(?:nesday)?|сред[аыу]|ср|mi[eé](?:rcoles)?)"
    r"|(?P<thu>thu(?:r(?:s(?:day)?)?)?|четверг\w*|чт|jue(?:ves)?)"
    r"|(?P<fri>fri(?:day)?|пятниц[аыу]|пт|vie(?:rnes)?)"
    r"|(?P<sat>sat(?:urday)?|суббот[аыу]|сб|s[aá]b(?:ado)?)"
    r"|(?P<sun>sun(?:day)?|воскресень[ея]|вс|dom(?:ingo)?))\b",
    re.IGNORECASE,
)
# Words before a day or a time that say nothing about which ("on", "в", "el", "a las").
_LEADING = re.compile(
    r"^(?:on|at|во?|к|на|el|la|las|los|a las|a la|para el|para las)\s+",
    re.IGNORECASE,
)
# Relative days dateparser does not know in every language.
_DAYS_AHEAD = {"pasado mañana": 2, "pasado manana": 2, "day after tomorrow": 2}
# 15.12 or 15/12(/2026): day first, as in Russia, Spain and Latin America (and Britain).
_NUMERIC = re.compile(r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})(?:[./](?P<year>\d{2}|\d{4}))?")
_WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

_TIME = re.compile(
    r"(?P<hour>\d{1,2})"
    r"(?:\s*[:.h]\s*(?P<minute>\d{2})|h|\s*ч(?:ас\w*)?\.?)?"
    r"\s*(?:(?P<am>a\.?\s*m\.?|утра|ночи|de la (?:mañana|manana|madrugada))"
    r"|(?P<pm>p\.?\s*m\.?|дня|вечера|de la (?:tarde|noche)))?",
    re.IGNORECASE,
)
_NAMED_TIMES = {
    "noon": dt.time(12, 0),
    "midday": dt.time(12, 0),
    "midnight": dt.time(0, 0),
    "полдень": dt.time(12, 0),
    "полночь": dt.time(0, 0),
    "mediodía": dt.time(12, 0),
    "mediodia": dt.time(12, 0),
    "medianoche": dt.time(0, 0),
}


def parse_date(text: str, *, today: dt.date, language: str = "en") -> dt.date | None:
    """Read the date a patient typed, relative to ``today``; None if it is not one day.

    A day and month without a year is the next occurrence on or after ``today``. A bare
    weekday ("friday", "next friday") is the next one strictly after ``today``, so on a
    Friday it means a week later; "this friday" on a Friday is today. Past and far-future
    dates are returned as read: judging them is the caller's business.
    """
    text = _LEADING.sub("", " ".join(text.split()))
    if not text or len(text) > MAX_INPUT_LENGTH:
        return None
    if text.lower() in _DAYS_AHEAD:
        return today + dt.timedelta(days=_DAYS_AHEAD[text.lower()])
    if numeric := _NUMERIC.fullmatch(text):
        return _numeric(numeric, today)
    try:
        return _parse_date(text, today, language)
    except Exception:
        # dateparser is a large heuristic library; a patient's typo must not crash intake.
        return None


def parse_time(text: str) -> dt.time | None:
    """Read a time of day such as ``9:30``, ``14h30``, ``2pm``, ``noon``, ``в 10 утра`` or
    ``a las 3 de la tarde``; None otherwise."""
    text = _LEADING.sub("", " ".join(text.lower().split()))
    if text in _NAMED_TIMES:
        return _NAMED_TIMES[text]
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    if minute > 59:
        return None
    if match["pm"] and not match["pm"].lower().startswith("p") and hour > 12:
        hour -= 12  # "15 дня" is the afternoon already (but "13pm" is no time)
    if match["am"] or match["pm"]:
        if not 1 <= hour <= 12:
            return None
        # 12am is midnight and 12pm is noon, so the 12-hour clock wraps before adding.
        hour = hour % 12 + (12 if match["pm"] else 0)
    elif hour > 23:
        return None
    return dt.time(hour, minute)


def _numeric(match: re.Match[str], today: dt.date) -> dt.date | None:
    year = match["year"]
    if year is None:
        years = [today.year, today.year + 1]  # the next such day on or after today
    else:
        years = [int(year) + (2000 if len(year) == 2 else 0)]
    for candidate in years:
        try:
            found = dt.date(candidate, int(match["month"]), int(match["day"]))
        except ValueError:
            return None
        if year is not None or found >= today:
            return found
    return None


def _parse_date(text: str, today: dt.date, language: str) -> dt.date | None:
    # Requiring a day and a month stops "3", "December", "2026" and "10:00" from becoming
    # some day chosen by dateparser; relative phrases ("tomorrow", "in 2 weeks") are exempt.
    languages = [language] if language == "en" else [language, "en"]
    found = _read(text, today, languages, require_day_and_month=True)
    if found is not None:
        return _on_or_after_today(text, found, today, languages)
    return _weekday(text, today, languages)


def _weekday(text: str, today: dt.date, languages: list[str]) -> dt.date | None:
    # Weekday names carry no month, so they need the lenient parser; because that parser
    # also turns "sunday at 10" into the 10th, the answer must be the named day, close by.
    named = {_WEEKDAY_INDEX[name] for m in _WEEKDAYS.finditer(text) for name in _groups(m)}
    if not named:
        return None
    found = _read(text, today, languages, require_day_and_month=False)
    if found is None or found.weekday() not in named:
        return None
    return found if abs((found - today).days) <= 7 else None


def _on_or_after_today(text: str, found: dt.date, today: dt.date, languages: list[str]) -> dt.date:
    # With future preference dateparser reads a year-less "21 Nov" on 21 Nov as next year;
    # reading again from yesterday tells that apart from an explicit "21 Nov 2027".
    same_day_next_year = (found.month, found.day) == (today.month, today.day)
    if not same_day_next_year or found.year != today.year + 1:
        return found
    yesterday = today - dt.timedelta(days=1)
    again = _read(text, yesterday, languages, require_day_and_month=True)
    return today if again == today else found


def _read(
    text: str, base: dt.date, languages: list[str], *, require_day_and_month: bool
) -> dt.date | None:
    settings: dict[str, Any] = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "RETURN_TIME_AS_PERIOD": True,
    }
    if require_day_and_month:
        settings["REQUIRE_PARTS"] = ["day", "month"]
    from dateparser.date import DateDataParser  # a large library: loaded for the first date

    parser = DateDataParser(languages=languages, settings=settings)
    data = parser.get_date_data(text)
    if data.date_obj is None or data.period not in _ACCEPTED_PERIODS:
        return None
    found: dt.date = data.date_obj.date()
    return found


def _groups(match: re.Match[str]) -> list[str]:
    return [name for name, value in match.groupdict().items() if value]


_YEAR = re.compile(r"\b\d{4}\b")
_RANGE = re.compile(
    r"\s+(?:to|until|till|through|по|до|a|al|hasta|-|\u2013|\u2014)\s+", re.IGNORECASE
)


def parse_range(
    text: str, *, today: dt.date, language: str = "en"
) -> tuple[dt.date, dt.date] | None:
    """Read "14 Dec to 20 Dec" (or one day) as a first and last day; None if unreadable."""
    parts = _RANGE.split(text.strip(), maxsplit=1)
    first = parse_date(parts[0], today=today, language=language)
    # The second day is read from the first: "28 Dec to 3 Jan" crosses into the new year.
    # But "14 Dec to 13 Dec" is a slip, not a range of a year: without a year typed, a second
    # day more than half a year on is read back from today (and so comes before the first).
    last = (
        parse_date(parts[1], today=first, language=language) if len(parts) == 2 and first else first
    )
    if first and last and (last - first).days > 183 and not _YEAR.search(parts[1]):
        last = parse_date(parts[1], today=today, language=language)
    if first is None or last is None:
        return None
    return first, last
