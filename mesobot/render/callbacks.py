"""Button data, typed: one small class per button family. Each owns its prefix, packs its
fields into ``callback_data`` and reads them back, within Telegram's 64 bytes.

Telegram hands back whatever data a client sends, so data can be forged or left over from
an older version: ``unpack`` returns None for anything that is not exactly one of ours
(unknown prefix, wrong number of fields, a number that is not plain ASCII digits or too big
for a database column, a date the calendar cannot show, a word outside the family's list).
The formats are the ones the bot has always sent, so buttons already in chats keep working.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from typing import Any, ClassVar, Literal, NewType, Self

# Telegram's own limit on callback data.
MAX_BYTES = 64
# A month shown by a calendar: the first day of it, written 2026-12.
YearMonth = NewType("YearMonth", dt.date)
# A local day and time picked from the clinic's grid, written 2026-12-03T1000.
LocalTime = NewType("LocalTime", dt.datetime)

# Nine digits: below 2**31, so an id fits a 32-bit INTEGER column on every database.
_NUMBER = re.compile(r"-?[0-9]{1,9}")
_FIRST_YEAR, _LAST_YEAR = 2000, 2100


class CallbackData:
    """Button data of one family: its prefix, then its fields in order, ``:``-separated.
    A trailing field with a default may be left out; the last field may hold ``:``."""

    prefix: ClassVar[str]
    families: ClassVar[list[type[CallbackData]]] = []
    _typed: ClassVar[list[tuple[dataclasses.Field[Any], Any]]]

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.prefix = prefix
        CallbackData.families.append(cls)

    @classmethod
    def _fields(cls) -> list[tuple[dataclasses.Field[Any], Any]]:
        """The fields in order, each with its type (read once per family)."""
        if "_typed" not in cls.__dict__:
            hints = typing.get_type_hints(cls)
            cls._typed = [(f, hints[f.name]) for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        return cls._typed

    def pack(self) -> str:
        """The callback data for this button."""
        fields = self._fields()
        values = [getattr(self, f.name) for f, _ in fields]
        while values and values[-1] == fields[len(values) - 1][0].default:
            values.pop()  # a trailing field left at its default is left out
        packed = [_dump(kind, v) for (_, kind), v in zip(fields, values, strict=False)]
        data = ":".join([self.prefix, *packed])
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def unpack(cls, data: str) -> Self | None:
        """This family's fields read from ``data``; None if it is not exactly such data."""
        if not 0 < len(data.encode()) <= MAX_BYTES:
            return None
        head, _, rest = data.partition(":")
        if head != cls.prefix:
            return None
        fields = cls._fields()
        raw = rest.split(":", len(fields) - 1) if rest or ":" in data else []
        required = [f for f, _ in fields if f.default is dataclasses.MISSING]
        if not len(required) <= len(raw) <= len(fields):
            return None
        values: dict[str, Any] = {}
        for (field, kind), text in zip(fields, raw, strict=False):
            # An empty text field followed by others (left empty when packed) reads back empty.
            value = "" if text == "" and field.default == "" else _load(kind, text)
            if value is None:
                return None
            values[field.name] = value
        return cls(**values)

    @classmethod
    def pattern(cls) -> str:
        """A regular expression that matches this family's data (for PTB's handlers)."""
        return rf"^{re.escape(cls.prefix)}(:|$)"


def read(data: str) -> CallbackData | None:
    """The typed data of whichever family ``data`` belongs to; None if none of ours."""
    for family in CallbackData.families:
        if (found := family.unpack(data)) is not None:
            return found
    return None


def _dump(kind: Any, value: object) -> str:
    if kind is YearMonth and isinstance(value, dt.date):
        return f"{value:%Y-%m}"
    if kind is LocalTime and isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%dT%H%M}"
    if isinstance(value, dt.datetime):
        return f"{value.astimezone(dt.UTC):%Y%m%dT%H%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _load(kind: Any, text: str) -> Any:
    """``text`` read as ``kind``, or None if it is not a plain value of that kind."""
    if any(char.isdigit() and not char.isascii() for char in text):
        return None  # "²" and "①" pass str.isdigit() but not int()
    if typing.get_origin(kind) in (typing.Union, types.UnionType):  # X | None: an optional X
        kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
    if typing.get_origin(kind) is Literal:
        return text if text in typing.get_args(kind) else None
    if kind is int:
        return int(text) if _NUMBER.fullmatch(text) else None
    if kind is str:
        return text if text.isascii() and text.isprintable() and text else None
    if kind is YearMonth:
        return _date(f"{text}-01") if re.fullmatch(r"\d{4}-\d{2}", text) else None
    if kind is dt.date:
        return _date(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    if kind is LocalTime:
        return _moment(text, "%Y-%m-%dT%H%M", r"\d{4}-\d{2}-\d{2}T\d{4}", aware=False)
    if kind is dt.datetime:
        return _moment(text, "%Y%m%dT%H%M", r"\d{8}T\d{4}", aware=True)
    raise TypeError(f"no reader for {kind!r}")


def _date(text: str) -> dt.date | None:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if _FIRST_YEAR <= day.year <= _LAST_YEAR else None


def _moment(text: str, form: str, shape: str, *, aware: bool) -> dt.datetime | None:
    if not re.fullmatch(shape, text):
        return None
    try:
        moment = dt.datetime.strptime(text, form)
    except ValueError:
        return None
    if not _FIRST_YEAR <= moment.year <= _LAST_YEAR:
        return None
    return moment.replace(tzinfo=dt.UTC) if aware else moment


# The families. Their prefixes and field orders are the formats buttons have always had.

ReminderAction = Literal["attend", "done", "skip", "missed", "move"]
CheckinAnswer = Literal["fine", "mild", "worried"]
BroadcastAction = Literal["all", "day", "range", "send", "change", "cancel"]


@dataclasses.dataclass(frozen=True)
class Consent(CallbackData, prefix="consent"):
    """Agree or not at /start; agreeing through a clinic's link carries its invite code, and
    the language the consent was shown in when the person chose one."""

    answer: Literal["yes", "no"]
    invite: str = ""
    language: str = ""


@dataclasses.dataclass(frozen=True)
class ReminderSetting(CallbackData, prefix="rs"):
    """A change on the /reminders message: which setting, and its new value."""

    setting: Literal["evening", "at", "soon", "hours", "quiet"]
    value: str


@dataclasses.dataclass(frozen=True)
class Progress(CallbackData, prefix="pg"):
    """A progress check-in answer: shedding first (``rating`` 0), then the rating with the
    shedding carried along."""

    shedding: int
    rating: int = 0


@dataclasses.dataclass(frozen=True)
class CalendarFile(CallbackData, prefix="ics"):
    """Send the course's calendar file again (offered after a change to the plan)."""


@dataclasses.dataclass(frozen=True)
class LanguagePick(CallbackData, prefix="lang"):
    """A language chosen with /language or on the consent message (with its invite code)."""

    code: str
    invite: str = ""


@dataclasses.dataclass(frozen=True)
class Join(CallbackData, prefix="join"):
    """Someone who already uses the bot connects to a clinic (or "no")."""

    invite: str


@dataclasses.dataclass(frozen=True)
class Choice(CallbackData, prefix="in"):
    """An intake answer, tied to the draft and the step it answers."""

    draft: int
    step: str
    value: str


@dataclasses.dataclass(frozen=True)
class IntakeMonth(CallbackData, prefix="cal"):
    """Turn the intake calendar to another month."""

    draft: int
    month: YearMonth


@dataclasses.dataclass(frozen=True)
class StartOver(CallbackData, prefix="over"):
    """Start a new plan over the current one: ask, yes or no."""

    answer: Literal["ask", "yes", "no"]


@dataclasses.dataclass(frozen=True)
class Erase(CallbackData, prefix="del"):
    """/delete confirmed or not."""

    answer: Literal["yes", "no"]


@dataclasses.dataclass(frozen=True)
class Reminder(CallbackData, prefix="rm"):
    """A reminder's button, for the plan version it was sent with."""

    session: int
    version: int
    action: ReminderAction


@dataclasses.dataclass(frozen=True)
class Later(CallbackData, prefix="lt"):
    """ "Remind me later" under a reminder: in so many hours."""

    session: int
    version: int
    hours: int


@dataclasses.dataclass(frozen=True)
class MoveDay(CallbackData, prefix="mv"):
    """The new day for a session the patient moves."""

    session: int
    version: int
    day: dt.date


@dataclasses.dataclass(frozen=True)
class MoveMonth(CallbackData, prefix="mv"):
    """Turn the moving calendar to another month."""

    session: int
    version: int
    month: YearMonth


@dataclasses.dataclass(frozen=True)
class Checkin(CallbackData, prefix="ck"):
    """The day-after check-in."""

    session: int
    answer: CheckinAnswer


@dataclasses.dataclass(frozen=True)
class Bruise(CallbackData, prefix="bf"):
    """The bruising follow-up a week later."""

    session: int
    answer: Literal["gone", "still"]


@dataclasses.dataclass(frozen=True)
class Topic(CallbackData, prefix="faq"):
    """An FAQ entry to show."""

    key: str


@dataclasses.dataclass(frozen=True)
class Helpful(CallbackData, prefix="fb"):
    """Whether an answer helped."""

    question: int
    answer: Literal["yes", "no"]


@dataclasses.dataclass(frozen=True)
class BroadcastStep(CallbackData, prefix="bc"):
    """A step of composing a broadcast: an audience, send, change, cancel."""

    draft: int
    action: BroadcastAction


@dataclasses.dataclass(frozen=True)
class CloseDay(CallbackData, prefix="cl"):
    """Confirm or cancel closing a day (sessions move to ``target``)."""

    day: dt.date
    target: dt.date
    action: Literal["ok", "no"]


@dataclasses.dataclass(frozen=True)
class ClosureAnswer(CallbackData, prefix="cn"):
    """The patient's answer to a closure notice."""

    session: int
    version: int
    answer: Literal["ok", "no"]


@dataclasses.dataclass(frozen=True)
class RequestAction(CallbackData, prefix="rq"):
    """Staff on a request: propose a time, or mark it handled."""

    request: int
    action: Literal["p", "x"]


@dataclasses.dataclass(frozen=True)
class RequestDay(CallbackData, prefix="rq"):
    """Staff picked a day to propose."""

    request: int
    mark: Literal["d"]
    day: dt.date


@dataclasses.dataclass(frozen=True)
class RequestMonth(CallbackData, prefix="rq"):
    """Turn the proposal calendar to another month."""

    request: int
    mark: Literal["m"]
    month: YearMonth


@dataclasses.dataclass(frozen=True)
class RequestTime(CallbackData, prefix="rq"):
    """Staff picked the day and hour to propose, in the clinic's zone."""

    request: int
    mark: Literal["t"]
    at: LocalTime


@dataclasses.dataclass(frozen=True)
class Proposal(CallbackData, prefix="pp"):
    """The patient's answer to a proposed time (the time itself, so a later one differs)."""

    request: int
    answer: Literal["ok", "no"]
    start: dt.datetime | None = None  # buttons sent before the time was added have none


@dataclasses.dataclass(frozen=True)
class CardAction(CallbackData, prefix="pc"):
    """Staff on a patient's card: propose a time for the next session, or change the plan."""

    patient: int
    action: Literal["t", "p"]


@dataclasses.dataclass(frozen=True)
class PlanEdit(CallbackData, prefix="pe"):
    """Staff choosing a new plan for a patient: the spacing, then the number of sessions
    (0 while not chosen yet)."""

    patient: int
    interval: int = 0
    count: int = 0


@dataclasses.dataclass(frozen=True)
class PlanAnswer(CallbackData, prefix="pa"):
    """The patient's answer to a plan the clinic offered."""

    request: int
    answer: Literal["ok", "no"]


@dataclasses.dataclass(frozen=True)
class Blank(CallbackData, prefix="noop"):
    """A calendar cell with nothing to do."""
