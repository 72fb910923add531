"""Start-up checks shared by the commands: each failure is one line (a ``SettingsError``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesobot.config import SettingsError

if TYPE_CHECKING:
    from telegram import Bot


async def check_migrated(url: str) -> None:
    """Raise a one-line error unless the database is at the newest revision."""
    from mesobot.db import create_engine, one_line, ping
    from mesobot.migrate import is_up_to_date

    # A SQLite file another process holds locked fails in a few seconds, not half a minute.
    engine = create_engine(url, lock_wait=3)
    try:
        ready = await is_up_to_date(engine)
        if ready:
            try:
                await ping(engine)
            except Exception as exc:  # read-only, or locked by another process
                raise SettingsError(f"cannot write to the database: {one_line(exc)}") from None
    except SettingsError:
        raise
    except Exception as exc:  # any driver's way of failing to connect is one line
        raise SettingsError(f"cannot reach the database: {one_line(exc)}") from None
    finally:
        await engine.dispose()
    if not ready:
        raise SettingsError("the database is not migrated: run `mesobot migrate` first")


async def check_bot(bot: Bot, *, api_base_url: str) -> None:
    """Initialise ``bot``, which asks the Bot API who it is: a one-line error if the API
    rejects the token or cannot be reached. The bot stays initialised for the application
    (one set of HTTP clients, not a second for the check)."""
    from telegram.error import InvalidToken, NetworkError, TelegramError

    from mesobot.db import one_line

    try:
        await bot.initialize()
    except TelegramError as exc:
        await bot.shutdown()
        if isinstance(exc, InvalidToken):
            why = f"the Bot API server ({api_base_url}) rejected the token: "
            why += "check MESOBOT_TOKEN against @BotFather"
        elif isinstance(exc, NetworkError):
            why = f"cannot reach the Bot API at {api_base_url}: {one_line(exc)}"
        else:
            why = f"the Bot API refused to start the bot: {one_line(exc)}"
        raise SettingsError(why) from None
