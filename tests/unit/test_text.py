"""Typed text made safe to store: control characters go, line breaks and tabs stay."""

from __future__ import annotations

import pytest

from mesobot.content import quote
from mesobot.domain.text import without_controls


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("before\x00after", "beforeafter"),
        ("\x1b[31mred\x1b[0m", "[31mred[0m"),
        ("line one\nline two\tend", "line one\nline two\tend"),
        ("emoji 🙂 and accents é ü", "emoji 🙂 and accents é ü"),
        ("\x7f\x85\x9f", ""),
    ],
)
def test_control_characters_are_dropped(typed: str, kept: str) -> None:
    assert without_controls(typed) == kept


def test_a_quote_is_one_line_and_short() -> None:
    assert quote("  two\nlines  ") == "two lines"
    long = quote("x" * 4096)
    assert len(long) == 200 and long.endswith("…")
