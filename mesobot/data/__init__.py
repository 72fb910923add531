"""Tables made at development time from third-party data (``mesobot tables``) and read at
run time: places and their time zones, how common English words are, and the FAQ matcher's
token embeddings with their tokenizer. Their sources and licences are in NOTICE, beside
them."""

from __future__ import annotations

import gzip
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
CITIES = FOLDER / "cities.tsv.gz"
WORDS = FOLDER / "words.tsv.gz"
TOKENIZER = FOLDER / "tokenizer.json.gz"
EMBEDDINGS = FOLDER / "embeddings.npy"


def rows(path: Path) -> list[list[str]]:
    """The tab-separated fields of each line of a table, leaving out its "#" header."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    return [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
