"""Sentence embeddings for the FAQ matcher: WordLlama's static token embeddings (shipped in
mesobot/data, nothing is downloaded), averaged over a message's tokens."""

from __future__ import annotations

import os
from functools import cache

import numpy as np

from mesobot import data

from .faq_tokens import Tokenizer

_MAX_TOKENS = 128


class Embedder:
    """Text to unit vectors: mean of the tokens' embeddings, normalised.

    The table (32,000 rows of 256 float16) stays on disk and only the rows a text needs are
    read: held in memory, it would take 16 MB for the few thousand rows ever used."""

    def __init__(self) -> None:
        self._tokenizer = Tokenizer()
        with open(data.EMBEDDINGS, "rb") as table:  # a NumPy array file: header, then rows
            assert np.lib.format.read_magic(table) == (1, 0)  # as np.save writes it
            (self._rows, self._width), _, self._dtype = np.lib.format.read_array_header_1_0(table)
            self._start = table.tell()
        self._row_bytes = self._width * self._dtype.itemsize
        self._file = os.open(data.EMBEDDINGS, os.O_RDONLY)

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text."""
        tokens = [self._tokenizer.encode(text, limit=_MAX_TOKENS) for text in texts]
        rows = self._read({token for ids in tokens for token in ids})
        vectors = np.zeros((len(texts), self._width), dtype=np.float32)
        for row, ids in enumerate(tokens):
            if ids:
                found = np.stack([rows[token] for token in ids])
                vectors[row] = found.astype(np.float32).mean(axis=0)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def _read(self, tokens: set[int]) -> dict[int, np.ndarray]:
        rows = {}
        for token in tokens:
            at = self._start + min(token, self._rows - 1) * self._row_bytes
            raw = os.pread(self._file, self._row_bytes, at)
            rows[token] = np.frombuffer(raw, dtype=self._dtype)
        return rows


@cache
def shared_embedder() -> Embedder:
    """One embedder per process."""
    return Embedder()
