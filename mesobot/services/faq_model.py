"""The FAQ classifier as a precomputed artefact: fitted once by ``mesobot faq-model`` and
shipped in the package, so the bot does not train at start-up.

Character and word TF-IDF features with a multinomial logistic regression (scikit-learn
fits it). What prediction needs is kept as arrays: each vectoriser's vocabulary and idf, and
the regression's weights. A digest of everything the fit read tells a stale artefact from a
current one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import numpy as np

from mesobot.content.catalogue import shipped

log = logging.getLogger(__name__)


def artefact(language: str = "en") -> Path:
    """Where a language's fitted FAQ classifier ships."""
    return shipped(language, "faq_model.npz")


ARTEFACT = artefact()
# Raise when the features or the fit change, so an artefact from before is seen as stale.
FORMAT = 1
_VECTORISERS = (
    {"analyzer": "char_wb", "ngram_range": (2, 5), "sublinear_tf": True},
    {"analyzer": "word", "ngram_range": (1, 2), "sublinear_tf": True},
)
_SPACES = re.compile(r"\s\s+")
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _words(text: str) -> list[str]:
    return _SPACES.sub(" ", text.lower()).split()


def _word_grams(word: str) -> list[str]:
    """The character n-grams (2 to 5) of one space-padded word."""
    grams: list[str] = []
    padded = f" {word} "
    for n in range(2, 6):
        grams += [padded[at : at + n] for at in range(max(1, len(padded) - n + 1))]
        if len(padded) <= n:  # a short word counts once
            break
    return grams


def char_ngrams(text: str) -> list[str]:
    """scikit-learn's ``char_wb`` analyser for (2, 5): n-grams inside space-padded words."""
    return [gram for word in _words(text) for gram in _word_grams(word)]


def word_ngrams(text: str) -> list[str]:
    """scikit-learn's ``word`` analyser for (1, 2): words of two or more characters, then
    pairs of neighbours."""
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in pairwise(words)]


# The same analysers, without importing scikit-learn: it is needed only to fit.
_ANALYSERS = (char_ngrams, word_ngrams)
# How many words a cache of word readings holds (a few megabytes at most).
KNOWN_WORDS = 10_000


_V = TypeVar("_V")


def remembered(store: dict[str, _V], word: str, read: Callable[[str], _V]) -> _V:
    """``read(word)``, kept in ``store`` while it holds fewer than ``KNOWN_WORDS`` words:
    the same words come back message after message."""
    if word in store:
        return store[word]
    found = read(word)
    if len(store) < KNOWN_WORDS:
        store[word] = found
    return found


def digest(texts: Sequence[str], owners: Sequence[str]) -> str:
    """What the fit depends on: the training texts, their classes and the format."""
    payload = json.dumps([FORMAT, list(texts), list(owners)], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


class FaqModel:
    """Class probabilities for a text, from fitted TF-IDF vocabularies and weights."""

    def __init__(
        self,
        *,
        vocabularies: list[list[str]],
        idfs: list[np.ndarray],
        weights: np.ndarray,
        intercepts: np.ndarray,
        classes: list[str],
        fingerprint: str,
    ) -> None:
        self.classes = classes
        self.fingerprint = fingerprint
        self._vocabularies = [{term: i for i, term in enumerate(v)} for v in vocabularies]
        self._idfs = idfs
        # Counting and weighting by hand skips scikit-learn's input checks, most of the cost
        # of one short text, and its import at start-up.
        self._weights = np.ascontiguousarray(weights.T, dtype=np.float32)  # features x classes
        self._intercepts = intercepts.astype(np.float32)
        self._offsets = np.cumsum([0, *(len(v) for v in vocabularies)])[:-1]
        # Each word's character n-grams, as indices in the first vocabulary: most of the cost
        # of reading a text, and the same words come back message after message.
        self._grams: dict[str, tuple[int, ...]] = {}

    @classmethod
    def fit(cls, texts: Sequence[str], owners: Sequence[str]) -> FaqModel:
        """Fit the vectorisers and the regression on the phrasings and their classes."""
        import scipy.sparse as sp
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorisers = [TfidfVectorizer(**options) for options in _VECTORISERS]
        features = sp.hstack([v.fit_transform(texts) for v in vectorisers]).tocsr()
        regression = LogisticRegression(C=10.0, max_iter=2000).fit(features, list(owners))
        vocabularies = []
        for vectoriser in vectorisers:
            by_index = sorted(vectoriser.vocabulary_.items(), key=lambda item: item[1])
            vocabularies.append([term for term, _ in by_index])
        weights, intercepts = regression.coef_, regression.intercept_
        if len(regression.classes_) == 2:
            # Two classes get one row of weights, for the second; a row of zeros for the first
            # makes the softmax below the logistic function scikit-learn uses.
            weights = np.vstack([np.zeros_like(weights), weights])
            intercepts = np.concatenate([[0.0], intercepts])
        return cls(
            vocabularies=vocabularies,
            idfs=[v.idf_ for v in vectorisers],
            weights=weights,
            intercepts=intercepts,
            classes=[str(c) for c in regression.classes_],
            fingerprint=digest(texts, owners),
        )

    def probabilities(self, text: str) -> np.ndarray:
        """Each class's probability for ``text``, in the order of ``classes``."""
        scores = self._intercepts.copy()
        parts = zip(_ANALYSERS, self._vocabularies, self._idfs, self._offsets, strict=True)
        for analyse, vocabulary, idf, offset in parts:
            if analyse is char_ngrams:
                counts = Counter(i for word in _words(text) for i in self._indices(word))
            else:
                counts = Counter(
                    i for term in analyse(text) if (i := vocabulary.get(term)) is not None
                )
            if not counts:
                continue
            index = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            values = (1 + np.log(tf)) * idf[index]  # sublinear tf, then idf
            values /= np.linalg.norm(values)  # each vectoriser's rows are unit length
            scores += values.astype(np.float32) @ self._weights[index + offset]
        exp = np.exp(scores - scores.max())
        result: np.ndarray = exp / exp.sum()
        return result

    def _indices(self, word: str) -> tuple[int, ...]:
        """The vocabulary indices of one word's character n-grams (remembered)."""
        return remembered(self._grams, word, self._read_indices)

    def _read_indices(self, word: str) -> tuple[int, ...]:
        vocabulary = self._vocabularies[0]
        return tuple(i for gram in _word_grams(word) if (i := vocabulary.get(gram)) is not None)

    def save(self, path: Path) -> None:
        """Write the artefact (compressed; weights as float16, plenty for a ranking)."""
        arrays: dict[str, np.ndarray] = {
            "weights": self._weights.T.astype(np.float16),
            "intercepts": self._intercepts,
            "classes": np.array(self.classes),
            "fingerprint": np.array(self.fingerprint),
        }
        for index, (vocabulary, idf) in enumerate(zip(self._vocabularies, self._idfs, strict=True)):
            arrays[f"vocabulary{index}"] = np.array(list(vocabulary))
            arrays[f"idf{index}"] = idf.astype(np.float32)
        # numpy types the keyword arguments as its own options (allow_pickle).
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> FaqModel:
        """Read an artefact written by ``save``."""
        with np.load(path) as data:
            count = len(_VECTORISERS)
            return cls(
                vocabularies=[data[f"vocabulary{i}"].tolist() for i in range(count)],
                idfs=[data[f"idf{i}"].astype(np.float64) for i in range(count)],
                weights=data["weights"].astype(np.float32),
                intercepts=data["intercepts"],
                classes=data["classes"].tolist(),
                fingerprint=str(data["fingerprint"]),
            )


def current(texts: Sequence[str], owners: Sequence[str], *, path: Path = ARTEFACT) -> FaqModel:
    """The shipped artefact when it was fitted on exactly these phrasings; otherwise a fit
    now (slower start-up, and a warning to run ``mesobot faq-model``)."""
    if path.exists():
        model = FaqModel.load(path)
        if model.fingerprint == digest(texts, owners):
            return model
    log.warning("the FAQ model is out of date: fitting it now (run `mesobot faq-model`)")
    return FaqModel.fit(texts, owners)
