"""Settings from the environment: defaults, validation and one-line errors."""

from __future__ import annotations

import pytest

from mesobot.config import SettingsError, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "MESOBOT_TOKEN",
        "MESOBOT_DATABASE_URL",
        "MESOBOT_API_BASE_URL",
        "MESOBOT_WEBHOOK_URL",
        "MESOBOT_WEBHOOK_SECRET",
        "PORT",
        "MESOBOT_PORT",
        "MESOBOT_HTTP_HOST",
        "MESOBOT_LOG_FORMAT",
        "MESOBOT_LOG_LEVEL",
        "SENTRY_DSN",
    ):
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///mesobot.db"
    assert settings.api_base_url == "https://api.telegram.org"
    assert settings.webhook_url is None
    assert settings.port is None  # webhooks listen on 8443; polling serves nothing
    assert (settings.log_format, settings.log_level) == ("text", "INFO")
    assert settings.sentry_dsn is None


def test_log_settings_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESOBOT_LOG_FORMAT", "JSON")
    monkeypatch.setenv("MESOBOT_LOG_LEVEL", "debug")
    settings = load_settings()
    assert (settings.log_format, settings.log_level) == ("json", "DEBUG")
    monkeypatch.setenv("MESOBOT_LOG_FORMAT", "xml")
    with pytest.raises(SettingsError, match="MESOBOT_LOG_FORMAT is not valid"):
        load_settings()


def test_environment_is_read_with_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MESOBOT_TOKEN", "123:abc")
    monkeypatch.setenv("MESOBOT_API_BASE_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("PORT", "5000")
    settings = load_settings()
    assert settings.require_token() == "123:abc"
    assert settings.api_base_url == "http://127.0.0.1:8081"
    assert settings.port == 5000


def test_missing_token_is_one_clear_line() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings().require_token()
    assert "MESOBOT_TOKEN is not set" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("PORT", "eighty", "PORT"),
        ("PORT", "70000", "PORT"),
        ("MESOBOT_API_BASE_URL", "api.telegram.org", "MESOBOT_API_BASE_URL"),
        ("MESOBOT_WEBHOOK_SECRET", "has spaces", "MESOBOT_WEBHOOK_SECRET"),
    ],
)
def test_malformed_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{named} is not valid")
    assert "\n" not in str(caught.value)
