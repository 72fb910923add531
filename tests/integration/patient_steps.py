"""A patient's moves through intake, for tests that need to get somewhere quickly."""

from __future__ import annotations

from mesobot.sandbox import ChatMessage, Phone

NO_TO_ALL = ("No", "No", "No", "No", "No")
HELP = "Here is what"


async def tap(phone: Phone, label: str) -> ChatMessage:
    """Press a button and return the bot's next message."""
    await phone.press(label)
    return await phone.next_message()


async def say(phone: Phone, text: str) -> ChatMessage:
    """Send text and return the bot's next message."""
    await phone.send(text)
    return await phone.next_message()


async def all_handled(phone: Phone, timeout: float = 30.0) -> None:
    """Wait until everything ``phone`` sent so far is fully handled (what is stored after a
    reply included): the bot handles a chat's updates in order, so /help is answered last.
    The replies before it are taken as read."""
    await phone.send("/help")
    while not ((await phone.next_message(timeout)).text or "").startswith(HELP):
        pass


async def consent(phone: Phone) -> ChatMessage:
    """/start and agree; returns the hair-type question."""
    await say(phone, "/start")
    return await tap(phone, "I agree")


async def answer_screening(phone: Phone) -> ChatMessage:
    """From the hair-type question through No to every screening question; returns the
    question after them (the setting, or the time zone for a clinic's patient)."""
    await tap(phone, "Pattern hair loss (androgenetic)")
    message = None
    for answer in NO_TO_ALL:
        message = await tap(phone, answer)
    assert message is not None
    return message


async def through_screening(phone: Phone) -> ChatMessage:
    """From consent to the setting question, answering No to every screening question."""
    await consent(phone)
    return await answer_screening(phone)


async def to_date(phone: Phone, zone: str = "London") -> ChatMessage:
    """Through the setting and time zone; returns the date question."""
    await through_screening(phone)
    await tap(phone, "At a clinic (injections)")
    confirmed = await say(phone, zone)
    assert (confirmed.text or "").startswith("Time zone:")
    return await phone.next_message()


async def to_summary(
    phone: Phone,
    *,
    zone: str = "London",
    day: str = "3 Dec",
    at: str = "10:00",
    spacing: str = "Every week, 10 sessions",
) -> ChatMessage:
    """All the way to the summary."""
    await to_date(phone, zone)
    await say(phone, day)
    await say(phone, at)
    return await tap(phone, spacing)


async def with_plan(phone: Phone, **choices: str) -> ChatMessage:
    """A saved plan; returns the confirmation."""
    await to_summary(phone, **choices)
    return await tap(phone, "Save my plan")


async def with_clinic_plan(
    phone: Phone,
    invite_code: str,
    *,
    day: str = "3 Dec",
    at: str = "10:00",
    spacing: str = "Every week, 10 sessions",
) -> ChatMessage:
    """Join a clinic by its link (sessions at the clinic, in London) and save a plan;
    returns the confirmation."""
    await say(phone, f"/start {invite_code}")
    await tap(phone, "I agree")
    await answer_screening(phone)
    await say(phone, "London")
    await phone.next_message()
    await say(phone, day)
    await say(phone, at)
    await tap(phone, spacing)
    return await tap(phone, "Save my plan")
