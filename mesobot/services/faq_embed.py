"""Sentence embeddings for the FAQ matcher: WordLlama's static token embeddings (shipped in
mesobot/data, nothing is downloaded), averaged over a message's tokens."""

from __future__ import annotations

from functools import cache

import numpy as np

from mesobot import data

from .faq_tokens import Tokenizer

_MAX_TOKENS = 128


class Embedder:
    """Text to unit vectors: mean of the tokens' embeddings, normalised."""

    def __init__(self) -> None:
        self._tokenizer = Tokenizer()
        # Float16 and memory-mapped: only the rows of the tokens met are read.
        self._table = np.load(data.EMBEDDINGS, mmap_mode="r")

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text."""
        rows = np.zeros((len(texts), self._table.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = self._tokenizer.encode(text, limit=_MAX_TOKENS)
            if ids:
                vectors = self._table[np.minimum(ids, len(self._table) - 1)]
                rows[row] = vectors.astype(np.float32).mean(axis=0)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)


@cache
def shared_embedder() -> Embedder:
    """One embedder per process."""
    return Embedder()
