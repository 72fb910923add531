"""Start-up checks shared by the commands: each failure is one line (a ``SettingsError``)."""

from __future__ import annotations

from mesobot.config import Settings, SettingsError


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


async def check_bot(settings: Settings) -> None:
    """Ask the Bot API who we are: a one-line error if it rejects the token or is unreachable."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError, TelegramError

    from mesobot.db import one_line

    bot = Bot(settings.require_token(), base_url=f"{settings.api_base_url}/bot")
    try:
        async with bot:
            await bot.get_me()
    except InvalidToken:
        raise SettingsError(
            f"the Bot API server ({settings.api_base_url}) rejected the token: "
            "check MESOBOT_TOKEN against @BotFather"
        ) from None
    except NetworkError as exc:
        raise SettingsError(
            f"cannot reach the Bot API at {settings.api_base_url}: {one_line(exc)}"
        ) from None
    except TelegramError as exc:
        raise SettingsError(f"the Bot API refused to start the bot: {one_line(exc)}") from None
