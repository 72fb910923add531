"""The message catalogue: loading, validation errors that name the entry, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesobot.content import ContentError, load_catalogue
from mesobot.sandbox.markup import parse_html


def test_every_message_is_valid_telegram_html_once_filled() -> None:
    catalogue = load_catalogue()
    for key, template in catalogue.messages.items():
        names = {n for _, n, _, _ in __import__("string").Formatter().parse(template) if n}
        text = catalogue.text(key, **{name: "<x & y>" for name in names})
        parse_html(text)  # raises if Telegram would refuse it
        assert "<x & y>" not in text or not names


def test_placeholders_are_html_escaped() -> None:
    text = load_catalogue().text("consent", name="<b>Eve</b>")
    assert "&lt;b&gt;Eve&lt;/b&gt;" in text


def test_commands_are_listed() -> None:
    assert list(load_catalogue().commands) == [
        "start",
        "next",
        "plan",
        "pause",
        "resume",
        "evening",
        "quiet",
        "cancel",
        "delete",
        "faq",
        "help",
    ]


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "messages.toml").write_text(body, encoding="utf-8")
    return tmp_path


def test_a_bad_placeholder_names_file_and_entry(tmp_path: Path) -> None:
    directory = _write(tmp_path, '[messages]\nhello = "Hi {name!r}"\n[commands]\nstart = "Go"\n')
    with pytest.raises(ContentError, match=r"messages\.toml: messages: .*hello: placeholder"):
        load_catalogue(directory)


def test_a_bad_command_names_it(tmp_path: Path) -> None:
    directory = _write(tmp_path, '[messages]\nhello = "Hi"\n[commands]\nStart = "Go"\n')
    with pytest.raises(ContentError, match="Start: a command is"):
        load_catalogue(directory)


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    directory = _write(tmp_path, "[messages\n")
    with pytest.raises(ContentError, match=r"^messages\.toml: "):
        load_catalogue(directory)
