"""Tables made at development time from third-party data (``mesobot tables``) and read at
run time: places and their time zones, how common English words are, and the FAQ matcher's
token embeddings with their tokenizer. Their sources and licences are in NOTICE, beside
them."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
CITIES = FOLDER / "cities.tsv.gz"
WORDS = FOLDER / "words.tsv.gz"
TOKENIZER = FOLDER / "tokenizer.json.gz"
MERGES = FOLDER / "merges.npy"
EMBEDDINGS = FOLDER / "embeddings.npy"


def rows(path: Path) -> Iterator[list[str]]:
    """The tab-separated fields of each line of a table, leaving out its "#" header."""
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as table:
        for line in table:
            if not line.startswith("#"):
                yield line.rstrip("\n").split("\t")
