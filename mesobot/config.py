"""Settings from the environment (prefix ``MESOBOT_``)."""

from __future__ import annotations

import socket
from typing import Literal
from urllib.parse import urlsplit

from pydantic import (
    AliasChoices,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

TELEGRAM_API = "https://api.telegram.org"


class SettingsError(Exception):
    """A missing or malformed setting, worded for one line on the terminal."""


class Settings(BaseSettings):
    """Everything an operator can configure."""

    model_config = SettingsConfigDict(
        env_prefix="MESOBOT_", extra="ignore", env_ignore_empty=True, populate_by_name=True
    )

    token: SecretStr | None = None
    # Hosting platforms put theirs in DATABASE_URL; ours wins when both are set.
    database_url: str = Field(
        default="sqlite+aiosqlite:///mesobot.db",
        validation_alias=AliasChoices("MESOBOT_DATABASE_URL", "DATABASE_URL"),
    )
    api_base_url: str = TELEGRAM_API
    webhook_url: str | None = None
    # Where people reach the bot's HTTP server (https://bot.example.com): patients' calendar
    # links start with it. The webhook's address is used when it is unset.
    public_url: str | None = None
    # Signs the web view's cookies; derived from the bot's token when unset (then a new
    # token signs everyone out).
    web_secret: SecretStr | None = None
    webhook_secret: SecretStr | None = None
    # For invite links; asked of Telegram (getMe) when not set.
    bot_username: str | None = None
    # Names this instance among others sharing the database: it picks up its own unhandled
    # updates at once after a restart, and another instance's only once they are stale.
    instance: str = Field(
        default_factory=lambda: socket.gethostname()[:64] or "mesobot", min_length=1, max_length=64
    )
    # Messages a second to one chat (Telegram allows about one, after a burst of three); 0
    # switches the pace off, for a local Bot API without flood control.
    chat_rate: float = Field(default=1.0, ge=0, le=30)
    # The bot's HTTP server (health, metrics, Telegram's POSTs): the platform's PORT. Webhooks
    # listen on 8443 when it is unset; polling serves nothing unless it is set.
    port: int | None = Field(
        default=None, ge=1, le=65535, validation_alias=AliasChoices("PORT", "MESOBOT_PORT")
    )
    # Default: 127.0.0.1 when polling (a local scraper), 0.0.0.0 for a webhook.
    http_host: str | None = None
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Unhandled errors go to Sentry when set (needs the "sentry" extra).
    sentry_dsn: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SENTRY_DSN", "MESOBOT_SENTRY_DSN")
    )

    @field_validator("log_format", "log_level", mode="before")
    @classmethod
    def _any_case(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str):
            return value
        return value.upper() if info.field_name == "log_level" else value.lower()

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        return async_database_url(value)

    @field_validator("api_base_url", "public_url")
    @classmethod
    def _strip_slash(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("webhook_secret")
    @classmethod
    def _secret_charset(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters from A-Z, a-z, 0-9, _ and -.
        if value is not None:
            raw = value.get_secret_value()
            ok = (
                raw
                and len(raw) <= 256
                and all(c.isascii() and (c.isalnum() or c in "_-") for c in raw)
            )
            if not ok:
                raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    def public_base(self) -> str | None:
        """Where people reach the bot's HTTP server, if anywhere: the public URL, else the
        webhook's scheme and host."""
        if self.public_url:
            return self.public_url
        if self.webhook_url:
            parts = urlsplit(self.webhook_url)
            return f"{parts.scheme}://{parts.netloc}"
        return None

    def require_token(self) -> str:
        """Return the bot token, or raise a one-line ``SettingsError``."""
        if self.token is None or not self.token.get_secret_value().strip():
            raise SettingsError(
                "MESOBOT_TOKEN is not set: get a token from @BotFather and export MESOBOT_TOKEN "
                "(or try the bot without one: mesobot sandbox)"
            )
        return self.token.get_secret_value().strip()


_DRIVERS = {
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
}


def async_database_url(value: str) -> str:
    """The URL with the async driver the bot uses: ``postgres://`` and ``postgresql://``
    (what hosting platforms hand out) become asyncpg, ``sqlite://`` aiosqlite."""
    try:
        url = make_url(value.strip())
    except ArgumentError:
        raise ValueError(
            "must be a database URL such as sqlite+aiosqlite:///mesobot.db "
            "or postgresql://user:password@host/db"
        ) from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise ValueError(f"{url.drivername} is not supported: use PostgreSQL or SQLite")
    query = dict(url.query)
    if driver.startswith("postgresql") and "sslmode" in query:
        # libpq's sslmode is asyncpg's ssl.
        query["ssl"] = query.pop("sslmode")
    return url.set(drivername=driver, query=query).render_as_string(hide_password=False)


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment; malformed values raise ``SettingsError``."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        env = str(first["loc"][0]).upper() if first["loc"] else "setting"
        env = "MESOBOT_DATABASE_URL" if env == "DATABASE_URL" else env
        if env not in ("PORT", "SENTRY_DSN") and not env.startswith("MESOBOT_"):
            env = f"MESOBOT_{env}"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{env} is not valid: {message}") from None
