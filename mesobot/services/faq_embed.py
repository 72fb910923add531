"""Sentence embeddings for the FAQ matcher: WordLlama's static token embeddings, loaded from
the files its wheel ships (no download, ever), averaged over a message's tokens."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import numpy as np
from safetensors import safe_open
from tokenizers import Tokenizer

# The 256-dimension "l2_supercat" model is the one the wordllama wheel carries.
_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
_MAX_TOKENS = 128


class Embedder:
    """Text to unit vectors: mean of the tokens' embeddings, normalised."""

    def __init__(self) -> None:
        root = files("wordllama")
        self._tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
        self._tokenizer.enable_truncation(_MAX_TOKENS)
        with safe_open(str(root / _WEIGHTS), framework="np") as weights:
            self._table = weights.get_tensor("embedding.weight").astype(np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text."""
        rows = np.zeros((len(texts), self._table.shape[1]), dtype=np.float32)
        # One text at a time: the batch call's thread pool costs more than it saves here.
        for row, text in enumerate(texts):
            ids = self._tokenizer.encode(text, add_special_tokens=False).ids
            if ids:
                rows[row] = self._table[np.minimum(ids, len(self._table) - 1)].mean(axis=0)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)


@cache
def shared_embedder() -> Embedder:
    """One embedder per process: its table is 32 MB."""
    return Embedder()
