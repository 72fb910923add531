"""The vetted texts against the content policy, in every language: sources, banned claims,
numbers, the pointer to the doctor.

What each source says is recorded in the project's own source register
(mesobot/content/sources.toml). Only the last test reads the articles themselves, from
../shared/sources beside the repository, and it is skipped where they are not.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mesobot.content import load_catalogues

ARTICLES = Path(__file__).resolve().parents[3] / "shared" / "sources"
# In any language: prices are the clinic's to state, never ours; the sources advertise, so
# no brand, product or affiliate text.
ANY_LANGUAGE = ("£", "$", "€", "balwi", "trichology", "affiliate", "discount")
BANNED = {
    "en": ("no side effects", "painless", "guaranteed", "the best", "this is normal"),
    "ru": ("без побочных", "безболезнен", "гарант", "самый лучший", "это нормально"),
    "es": ("sin efectos secundarios", "indoloro", "garantiza", "el mejor", "es normal"),
}
CATALOGUES = load_catalogues()
CATALOGUE = CATALOGUES["en"]
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


REGISTER = CATALOGUE.sources


def test_the_register_records_each_source_in_our_own_words() -> None:
    assert set(REGISTER) == {
        "faq-mesotherapy-hair-loss.txt",
        "mesotherapy-how-many-sessions.txt",
        "what-is-mesotherapy-for-hair-loss.txt",
        "CONTENT-POLICY.md",
    }
    for name, record in REGISTER.items():
        assert record.what and (record.facts or name == "CONTENT-POLICY.md"), name


CITING = {
    **{f"vetted:{k}": v.sources for k, v in CATALOGUE.vetted.items()},
    **{f"faq:{k}": v.sources for k, v in CATALOGUE.faq.items()},
    **{f"warning:{k}": v.sources for k, v in CATALOGUE.warnings.items()},
}
SOURCED_KEYS = [*CATALOGUE.vetted, *CATALOGUE.faq]


@pytest.mark.parametrize("key", sorted(CITING))
def test_every_entry_cites_recorded_sources(key: str) -> None:
    for name in CITING[key]:
        assert name in REGISTER, f"{key} cites {name}, which the register does not record"


def banned(code: str, text: str) -> list[str]:
    """The banned phrases in ``text`` (its placeholders aside)."""
    text = re.sub(r"\{[^{}]*\}", "", text.lower())
    return [phrase for phrase in (*BANNED[code], *ANY_LANGUAGE) if phrase in text]


def test_every_language_has_its_banned_phrases() -> None:
    assert set(BANNED) == set(CATALOGUES.codes)


@pytest.mark.parametrize("code", CATALOGUES.codes)
@pytest.mark.parametrize("key", sorted(CATALOGUE.faq))
def test_every_faq_answer_ends_with_the_doctor_pointer(code: str, key: str) -> None:
    catalogue = CATALOGUES[code]
    answer = catalogue.answer(key, doctor="POINTER")
    assert answer.rstrip().endswith("POINTER")
    assert not banned(code, catalogue.faq[key].text)


def test_the_faq_covers_what_the_sources_answer() -> None:
    expected = {"what_is", "pain", "sessions", "results", "side_effects", "who_not", "aftercare"}
    expected |= {"combining", "home_vs_clinic", "prp", "cost", "evidence"}
    assert expected <= set(CATALOGUE.faq)


def test_the_triage_signs_are_all_in_the_content() -> None:
    expected = {"fever", "pus", "spreading_redness", "face_swelling", "breathing"}
    expected |= {"severe_pain", "long_bruising", "fainting", "bleeding"}
    assert set(CATALOGUE.warnings) == expected


@pytest.mark.parametrize("code", CATALOGUES.codes)
def test_no_text_makes_a_banned_claim(code: str) -> None:
    catalogue = CATALOGUES[code]
    shown = {
        key: catalogue.compose(key, **dict.fromkeys(catalogue.variables(key), "3"))
        for key in catalogue.messages
    }
    found = {key: banned(code, text) for key, text in shown.items()}
    assert {key: phrases for key, phrases in found.items() if phrases} == {}


@pytest.mark.parametrize("code", CATALOGUES.codes)
def test_every_number_in_a_vetted_text_appears_in_a_cited_source(code: str) -> None:
    catalogue = CATALOGUES[code]
    sourced = {**catalogue.vetted, **catalogue.faq}
    for key, entry in sourced.items():
        given = {number for name in entry.sources for number in REGISTER[name].numbers}
        # Placeholders are filled in by the bot; only the text's own numbers need a source.
        text = re.sub(r"\{[a-z_]+\}", "", entry.text)
        for number in re.findall(r"\d+", text):
            assert int(number) in given, f"{code} {key}: no cited source gives {number}"


@pytest.mark.parametrize("code", CATALOGUES.codes)
def test_every_entry_names_its_reviewer_and_review_date(code: str) -> None:
    catalogue = CATALOGUES[code]
    entries = {**catalogue.vetted, **catalogue.faq, **catalogue.warnings}
    assert set(entries) == set(SOURCED_KEYS) | set(CATALOGUE.warnings)
    for key, entry in entries.items():
        assert entry.reviewer.strip() and entry.reviewed.year >= 2026, f"{code} {key}"


@pytest.mark.skipif(not ARTICLES.is_dir(), reason="the articles (../shared/sources) are not here")
@pytest.mark.parametrize("name", sorted(REGISTER))
def test_the_register_matches_the_articles(name: str) -> None:
    """Every figure the register records is one the article gives (as digits or words)."""
    article = (ARTICLES / name).read_text(encoding="utf-8")
    for number in REGISTER[name].numbers:
        spelled = "|".join(WORDS.get(number, ()))
        pattern = rf"(?<!\d){number}(?!\d)" + (rf"|\b({spelled})\b" if spelled else "")
        assert re.search(pattern, article, re.IGNORECASE), f"{name} does not give {number}"
