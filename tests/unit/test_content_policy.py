"""The vetted texts against the content policy: sources, banned claims, numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mesobot.content import load_catalogue

SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"
BANNED = ("no side effects", "painless", "guaranteed", "the best", "this is normal", "£", "$")
CATALOGUE = load_catalogue()
# The sources often write numbers out ("ten to fifteen sessions", "the fourth to fifth").
WORDS = {
    1: ("one", "first"),
    2: ("two", "second"),
    3: ("three", "third"),
    4: ("four", "fourth"),
    5: ("five", "fifth"),
    6: ("six", "sixth"),
    7: ("seven", "seventh"),
    8: ("eight", "eighth"),
    9: ("nine", "ninth"),
    10: ("ten", "tenth"),
    12: ("twelve", "twelfth"),
    15: ("fifteen", "fifteenth"),
}


def test_the_sources_are_where_the_tests_expect_them() -> None:
    assert (SOURCES / "CONTENT-POLICY.md").is_file()


@pytest.mark.parametrize("key", sorted(CATALOGUE.vetted))
def test_every_vetted_entry_cites_existing_sources(key: str) -> None:
    for name in CATALOGUE.vetted[key].sources:
        assert (SOURCES / name).is_file(), f"{key} cites missing {name}"


@pytest.mark.parametrize("key", sorted(CATALOGUE.messages))
def test_no_text_makes_a_banned_claim(key: str) -> None:
    text = CATALOGUE.messages[key].lower()
    assert not [phrase for phrase in BANNED if phrase in text]


@pytest.mark.parametrize("key", sorted(CATALOGUE.vetted))
def test_every_number_in_a_vetted_text_appears_in_a_cited_source(key: str) -> None:
    entry = CATALOGUE.vetted[key]
    cited = " ".join((SOURCES / name).read_text(encoding="utf-8") for name in entry.sources)
    # Placeholders are filled in by the bot; only the text's own numbers need a source.
    text = re.sub(r"\{[a-z_]+\}", "", entry.text)
    for number in re.findall(r"\d+", text):
        spelled = "|".join(WORDS.get(int(number), ()))
        pattern = rf"(?<!\d){number}(?!\d)" + (rf"|\b({spelled})\b" if spelled else "")
        assert re.search(pattern, cited, re.IGNORECASE), f"{key}: {number} has no source"
