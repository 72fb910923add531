"""How common an English word is, on the Zipf scale (3 is once per million words), from a
table made at development time from wordfreq's (``mesobot tables``)."""

from __future__ import annotations

from functools import cache

from mesobot import data

# The table holds the words at least this common, and reads every other word as 0: no
# comparison below it means anything. The FAQ matcher asks whether a word is below 3.
FLOOR = 3.0


@cache
def _table() -> dict[str, float]:
    return {word: float(zipf) for word, zipf in data.rows(data.WORDS)}


def zipf(word: str) -> float:
    """How common ``word`` (lowercase letters and digits) is, as wordfreq's
    ``zipf_frequency(word, "en")`` has it; 0 for a word below ``FLOOR``."""
    return _table().get(word, 0.0)
