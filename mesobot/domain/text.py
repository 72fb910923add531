"""Text as people type it, made safe to store and to send back."""

from __future__ import annotations

import unicodedata

_KEPT = {"\n", "\t"}


def without_controls(text: str) -> str:
    """``text`` without control characters (NUL, escape sequences, bells...) but for line
    breaks and tabs: PostgreSQL refuses NUL in text, and none of them is anything to show."""
    return "".join(char for char in text if char in _KEPT or unicodedata.category(char) != "Cc")
