"""The unmodified PTB Application and Bot over HTTP against the sandbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from mesobot.app import Webhook, build_application, running
from mesobot.config import load_settings
from mesobot.content import load_catalogue
from mesobot.http.webhook import SECRET_HEADER
from mesobot.sandbox import Sandbox
from mesobot.services.faq import FaqMatcher
from mesobot.services.timezones import TimezoneDirectory
from tests.conftest import BotFactory, free_port


async def test_start_round_trip_over_polling(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot():
        phone = sandbox.phone("Nia")
        await phone.send("/start")
        reply = await phone.next_message()
    assert reply.text is not None
    assert reply.text.startswith("Hello, Nia! I'm Mesobot.")
    assert "I'm not a doctor" in reply.text
    assert {"type": "bold", "offset": 16, "length": 7} in reply.entities


async def test_commands_are_registered_at_start_up(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        names = [c["command"] for c in sandbox.commands()]
    # Every command in the content files, in their order, is registered.
    assert names == list(load_catalogue().commands)


async def test_help_lists_the_commands(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot():
        phone = sandbox.phone("Oto")
        await phone.send("/help")
        reply = await phone.next_message()
    assert "/start: Start, or see where you are" in (reply.text or "")
    assert "/help: What I can do" in (reply.text or "")


async def test_unknown_command_and_free_text_get_a_friendly_reply(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        phone = sandbox.phone("Pia")
        await phone.send("/dance now")
        unknown = await phone.next_message()
        await phone.send("what is this?")
        free = await phone.next_message()
    assert unknown.text == "I don't know the command /dance. Send /help to see the ones I know."
    # Someone who has not agreed to anything yet is shown the greeting and consent again.
    assert (free.text or "").startswith("Hello, Pia! I'm Mesobot.")
    assert free.labels == ["I agree", "No, thanks", "Español", "Русский"]


async def test_user_names_are_escaped_in_html(sandbox: Sandbox, running_bot: BotFactory) -> None:
    async with running_bot():
        phone = sandbox.phone("<b>Rex</b> & co")
        await phone.send("/start")
        reply = await phone.next_message()
    assert (reply.text or "").startswith("Hello, <b>Rex</b> & co! I'm Mesobot.")


async def test_start_round_trip_over_webhook(
    sandbox: Sandbox, migrated_url: str, zones: TimezoneDirectory, faq_matcher: FaqMatcher
) -> None:
    settings = load_settings(
        token=sandbox.token, api_base_url=sandbox.url, database_url=migrated_url
    )
    app = build_application(settings, zones=zones, matcher=faq_matcher)
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    hook = Webhook(url=url, port=port, secret="hook-secret", listen="127.0.0.1")
    async with running(app, webhook=hook):
        phone = sandbox.phone("Quin")
        await phone.send("/start")
        reply = await phone.next_message()
        # The bot's webhook server refuses a request without the secret header.
        async with httpx.AsyncClient() as client:
            forged = await client.post(url, json={"update_id": 1})
            wrong = await client.post(url, json={"update_id": 2}, headers={SECRET_HEADER: "guess"})
            garbage = await client.post(url, content=b"{", headers={SECRET_HEADER: "hook-secret"})
    assert (reply.text or "").startswith("Hello, Quin!")
    assert forged.status_code == wrong.status_code == 403
    assert garbage.status_code == 400
    assert sandbox.core.feed.delivered_to_webhook == 1


async def _press_handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(f"You chose {query.data}")
    await query.edit_message_text(f"Chosen: {query.data}")


async def _ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Clinic", callback_data="clinic"),
                InlineKeyboardButton("Home", callback_data="home"),
            ]
        ]
    )
    await update.effective_message.reply_text("Where?", reply_markup=keyboard)


@pytest.fixture
async def plain_app(sandbox: Sandbox) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """A bare PTB Application (no mesobot code) polling the sandbox."""
    app = Application.builder().token(sandbox.token).base_url(f"{sandbox.url}/bot").build()
    app.add_handler(CommandHandler("ask", _ask))
    app.add_handler(CallbackQueryHandler(_press_handler))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=10)
        yield app
        await app.updater.stop()
        await app.stop()


async def test_button_press_round_trip(sandbox: Sandbox, plain_app: Application) -> None:  # type: ignore[type-arg]
    phone = sandbox.phone("Sol")
    await phone.send("/ask")
    question = await phone.next_message()
    assert question.buttons == [["Clinic", "Home"]]
    query = await phone.press("Home")
    assert await phone.answer_to(query) == "You chose home"
    await phone.wait_for(lambda: question.edit_date)
    assert question.text == "Chosen: home"
    assert question.buttons == []


@pytest.fixture
async def bot_with_flood_control() -> AsyncIterator[tuple[Sandbox, Bot]]:
    """A bare PTB Bot against a sandbox whose flood control is on."""
    sandbox = Sandbox(chat_rate=1.0, chat_burst=2)
    async with sandbox, Bot(sandbox.token, base_url=f"{sandbox.url}/bot") as bot:
        yield sandbox, bot


async def test_flood_control_surfaces_as_retry_after(
    bot_with_flood_control: tuple[Sandbox, Bot],
) -> None:
    sandbox, bot = bot_with_flood_control
    phone = sandbox.phone("Tam")
    await phone.send("/start")
    await bot.send_message(phone.user_id, "one")
    await bot.send_message(phone.user_id, "two")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(phone.user_id, "three")
    assert caught.value.retry_after >= dt.timedelta(seconds=1)
    assert [m.text for m in phone.received] == ["one", "two"]


async def test_blocked_user_surfaces_as_forbidden(
    bot_with_flood_control: tuple[Sandbox, Bot],
) -> None:
    sandbox, bot = bot_with_flood_control
    phone = sandbox.phone("Uma")
    await phone.send("/start")
    phone.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(phone.user_id, "hello?")


async def test_unknown_chat_surfaces_as_bad_request(
    bot_with_flood_control: tuple[Sandbox, Bot],
) -> None:
    _, bot = bot_with_flood_control
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(777, "anyone?")


async def test_several_users_at_once_each_get_their_own_reply(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        phones = [sandbox.phone(name) for name in ("Vic", "Wen", "Xia", "Yul")]
        for phone in phones:
            await phone.send("/start")
        replies = [await phone.next_message() for phone in phones]
    for phone, reply in zip(phones, replies, strict=True):
        assert (reply.text or "").startswith(f"Hello, {phone.name}!")
        assert len(phone.received) == 1
