"""Hostile input at every step: nothing reaches the error handler, the bot never causes a 400.

A bounded, seeded sample of a few hundred inputs: control characters, Unicode digits, huge
and negative numbers, impossible dates and times, 4,096-character messages and commands,
unknown commands, staff commands from patients, and forged button data for every button
family, sent at each intake step, by a patient with a plan and by clinic staff.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator

import pytest

from mesobot.sandbox import Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic
from .patient_steps import consent, say, tap, through_screening, to_date, with_plan

TEXTS = [
    "\x00",
    "before\x00after",
    "\x07\x1b[31mred\x1b[0m",
    "x" * 4096,
    "³" * 4096,
    "²",
    "①②③",
    "\U0001d7d9\U0001d7d8",  # mathematical double-struck 1 and 0
    "٣ ديسمبر",
    "99999999999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "25:00",
    "12:99",
    "31 Feb",
    "0000-01-01",
    "9999-12-31",
    "3 Dec 99999",
    "every ²² days, ① sessions",
    "\u202ereversed",
    "\u200b",
    "🙂" * 1000,
    "<b>bold</b> & <i>",
    "/frobnicate",
    "/" + "x" * 4000,
    "/start " + "z" * 4000,
    "London " * 580,
    "tomorrow at 99",
]
ARGUMENTS = ["²", "①", "99999999999999999999", "-5", "25:99 77:00", "x" * 4000, "\x00", "31 Feb"]
FIELDS = [
    "99999999999999999999",
    "-99999999999",
    "²",
    "9999-12",
    "0001-01",
    "2026-13",
    "2026-02-30",
    "99991231T2500",
    "",
    "yes",
    "x" * 40,
]
PREFIXES = "consent join in cal over del rm mv ck bf faq fb bc cl cn rq pp".split()
PATIENT_COMMANDS = ["evening", "quiet", "next", "plan", "pause", "resume", "faq", "help", "start"]
STAFF_COMMANDS = ["closed", "broadcast", "staff", "today", "week", "requests", "patients"]


class Errors(logging.Handler):
    """Records what reaches the bot's error handler."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def errors() -> Iterator[Errors]:
    handler = Errors()
    logger = logging.getLogger("handlers.errors")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def forged(rng: random.Random) -> str:
    fields = [rng.choice(FIELDS) for _ in range(rng.randint(1, 3))]
    return ":".join([rng.choice(PREFIXES), *fields])[:64]


async def hammer(phone: Phone, rng: random.Random, count: int, *, commands: list[str]) -> None:
    """Send ``count`` hostile texts, commands and forged presses, each answered before the
    next is sent."""
    for _ in range(count):
        roll = rng.random()
        has_buttons = any(m.inline_keyboard for m in phone.chat.messages)
        if roll < 0.25 and has_buttons:
            data = forged(rng)
            query = await phone.press(data=data)
            try:
                await phone.answer_to(query)
            except TimeoutError:
                raise AssertionError(f"{phone.name}: no answer to the button {data!r}") from None
            continue
        text = (
            rng.choice(TEXTS) if roll < 0.65 else f"/{rng.choice(commands)} {rng.choice(ARGUMENTS)}"
        )
        try:
            await say(phone, text[:4096])
        except TimeoutError:
            raise AssertionError(f"{phone.name}: no reply to {text[:80]!r}") from None
        phone.unread()  # a reply of several messages: all of it is read


async def test_hostile_input_everywhere_causes_no_error_and_no_bad_request(
    sandbox: Sandbox, running_bot: BotFactory, errors: Errors
) -> None:
    rng = random.Random(20261130)
    async with running_bot() as app:
        steps = [
            ("newcomer", None),
            ("consent", lambda p: say(p, "/start")),
            ("hair type", consent),
            ("screening", lambda p: _to_screening(p)),
            ("setting", through_screening),
            ("date", to_date),
            ("time", lambda p: _to_time(p)),
            ("with a plan", with_plan),
        ]
        for number, (_, reach) in enumerate(steps):
            phone = sandbox.phone(f"P{number}")
            if reach is not None:
                await reach(phone)
            phone.unread()
            await press_twice(phone)
            await hammer(phone, rng, 30, commands=PATIENT_COMMANDS + STAFF_COMMANDS)
        patient = phone
        admin = sandbox.phone("Admin")
        await make_clinic(app, admin)
        await hammer(admin, rng, 60, commands=STAFF_COMMANDS)
        await say(admin, "/broadcast")
        await hammer(admin, rng, 20, commands=STAFF_COMMANDS)
        # Every command with every hostile argument, by a patient and by staff.
        for phone, names in ((patient, PATIENT_COMMANDS + STAFF_COMMANDS), (admin, STAFF_COMMANDS)):
            for name in names:
                for argument in ARGUMENTS:
                    await say(phone, f"/{name} {argument}"[:4096])
                    phone.unread()
            await say(phone, "/cancel")
            phone.unread()
        # Every button family with every hostile field, by a patient and by staff.
        for phone in (patient, admin):
            for prefix in PREFIXES:
                for field in FIELDS:
                    data = f"{prefix}:{field}:{field}"[:64]
                    await phone.answer_to(await phone.press(data=data))  # answered at all
        # Every reply came, and the last one after everything before it was handled.
        assert (await say(admin, "/help")).text
    assert [r.getMessage() for r in errors.records] == []
    assert sandbox.stats()["bad_requests"] == {}


async def press_twice(phone: Phone) -> None:
    """A real button pressed twice, as an impatient thumb does."""
    shown = [m for m in phone.chat.messages if m.from_bot and m.inline_keyboard]
    if shown:
        label = shown[-1].labels[0]
        for _ in range(2):
            query = await phone.press(label, message=shown[-1])
            await phone.answer_to(query)
            phone.unread()


async def _to_screening(phone: Phone) -> None:
    await consent(phone)
    await tap(phone, "Pattern hair loss (androgenetic)")


async def _to_time(phone: Phone) -> None:
    await to_date(phone)
    await say(phone, "3 Dec")
