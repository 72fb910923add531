"""Things no FAQ entry speaks of, in a language read word for word: a question naming one
("когда можно помыть голову?", "¿puedo ir a la sauna?") may be offered topics, never
answered with the nearest entry as if it were the answer.

English has this in its word table (``mesobot.services.faq_words.FOREIGN``); Russian and
Spanish in ``mesobot/content/<language>/faq_neighbours.toml``: for each thing, the words that
name it, the entries that still answer a question naming it, and those that answer when the
question sets it beside the treatment ("миноксидил вместе с мезо" is combining).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from mesobot.content.catalogue import shipped
from mesobot.domain.triage_cues import plain

TABLE = "faq_neighbours.toml"


@dataclass(frozen=True)
class _Neighbour:
    words: re.Pattern[str]
    answers: frozenset[str]
    with_treatment: frozenset[str]


class Neighbours:
    """One language's table of things no entry speaks of, compiled."""

    def __init__(self, table: dict[str, object]) -> None:
        def pattern(source: object) -> re.Pattern[str]:
            return re.compile(rf"\b(?:{source})", re.IGNORECASE)

        self._treatment = pattern(table["treatment"])
        self._compared = pattern(table["compared"])
        things = table["neighbour"]
        assert isinstance(things, dict)
        self._things = {
            name: _Neighbour(
                pattern(thing["words"]),
                frozenset(thing.get("answers", [])),
                frozenset(thing.get("with_treatment", thing.get("answers", []))),
            )
            for name, thing in things.items()
        }

    def honest(self, text: str, entry: str) -> bool:
        """Whether answering ``text`` with ``entry`` answers what it asks: every thing it
        names that no entry speaks of is one ``entry`` still answers."""
        words = plain(text)
        beside = bool(self._treatment.search(words) or self._compared.search(words))
        for thing in self._things.values():
            if thing.words.search(words):
                allowed = thing.with_treatment if beside else thing.answers
                if entry not in allowed:
                    return False
        return True


@cache
def neighbours(language: str) -> Neighbours | None:
    """A language's table, loaded once; None where it has none (English has its own)."""
    path = shipped(language, TABLE)
    if not path.is_file():
        return None
    return Neighbours(tomllib.loads(path.read_text("utf-8")))
