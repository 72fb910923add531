"""Matching a patient's question to a vetted FAQ entry: confident, close, or nothing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process, utils
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union
from wordfreq import zipf_frequency

from mesobot.content.catalogue import FaqEntry

# Words that carry no topic: they neither help a match nor make a question off-topic.
STOPWORDS = frozenset(
    """a about after again all am an and any anything are as at be been before being but by
    can could did do does doing done dont for from get gets getting go going had has have
    having he her here hi hello hey how i id if im in into is it its ive just kind know let
    like lot lots me might more most much my need no not now of off ok okay on once one or
    our out please pls really right says see she should so some something still such tell
    than thanks thank that thats the their them then there these they thing things this
    those to too u um ur very was we well were what whats when where which while who why
    will with would ya yeah yes you your youre tbh btw mate ppl people guys someone anyone
    question quick wondering wonder want wanted""".split()
)


QUESTION_WORDS = frozenset(
    "how what whats when why where which who can could does do did is are will would should "
    "may might any anything".split()
)


def looks_like_question(text: str) -> bool:
    """A question mark, or a question word first: in the middle of intake, other text is an
    attempt at an answer ("the pattern one I think"), not a question."""
    words = re.findall(r"[a-z']+", text.lower())
    return "?" in text or bool(words and words[0].replace("'", "") in QUESTION_WORDS)


OUTSIDE = "__outside__"


class Verdict(StrEnum):
    """How sure the matcher is."""

    ANSWER = "answer"
    SUGGEST = "suggest"
    NONE = "none"


@dataclass(frozen=True)
class Match:
    """The verdict and the entries it rests on, best first."""

    verdict: Verdict
    entries: tuple[str, ...]
    score: float


def normalise(text: str) -> list[str]:
    """Lowercase, accents and punctuation gone, stopwords dropped, plurals made singular."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", utils.default_process(text.replace("'", "")))
    return [_singular(w) for w in words if w not in STOPWORDS]


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class FaqMatcher:
    """Built once from the catalogue's FAQ entries: a text classifier over their phrasings.

    Character and word TF-IDF features with a logistic regression (scikit-learn) rank the
    entries; typos are mended word by word against the FAQ's own vocabulary (rapidfuzz).
    A question that names something the FAQ never mentions (a rare word, by wordfreq) and
    nothing specific to mesotherapy is about something else: no answer, no guess.
    """

    def __init__(
        self,
        entries: Mapping[str, FaqEntry],
        *,
        outside: Sequence[str] = (),
        # Measured on tests/data/faq_eval.toml: with the "something else" class, these give
        # 86.3% top-1, 4 outright wrong answers and 2/50 off-topic leaks (without it: 88.0%,
        # 5 and 9). Fewer wrong answers and leaks are worth a point or two of accuracy.
        outside_at: float = 0.6,
        answer_at: float = 0.5,
        suggest_at: float = 0.3,
        rare_below: float = 4.6,
        ours_below: float = 3.0,
    ) -> None:
        self._outside_at = outside_at
        self._answer_at = answer_at
        self._suggest_at = suggest_at
        self._rare_below = rare_below
        self._ours_below = ours_below
        phrasings: list[str] = []
        owners: list[str] = []
        for key, entry in entries.items():
            for phrasing in [entry.title, *entry.examples]:
                words = normalise(phrasing)
                if words:
                    phrasings.append(" ".join(words))
                    owners.append(key)
        self._vocabulary = sorted({w for p in phrasings for w in p.split()})
        # Messages about something else train a class of their own; its words are not ours.
        for message in outside:
            words = normalise(message)
            if words:
                phrasings.append(" ".join(words))
                owners.append(OUTSIDE)
        features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        )
        self._model = make_pipeline(features, LogisticRegression(C=10.0, max_iter=2000))
        self._model.fit(phrasings, owners)
        self._classes: list[str] = [str(c) for c in self._model.classes_]

    def _known(self, word: str) -> str | None:
        """The vocabulary word ``word`` is, allowing for a typo; None if it is not ours."""
        if word in self._vocabulary or len(word) <= 3:
            return word if word in self._vocabulary else None
        found = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=80)
        return str(found[0]) if found else None

    def match(self, text: str) -> Match:
        """The best entries for ``text`` and whether to answer, suggest or say nothing."""
        words = normalise(text)[:40]
        mended = [self._known(w) for w in words]
        known = [k for k in mended if k]
        if not known:
            return Match(Verdict.NONE, (), 0.0)
        unknown = [w for w, k in zip(words, mended, strict=True) if k is None]
        elsewhere = any(zipf_frequency(w, "en") < self._rare_below for w in unknown)
        ours = any(zipf_frequency(k, "en") < self._ours_below for k in known)
        if elsewhere and not ours:
            return Match(Verdict.NONE, (), 0.0)
        # Every word counts here: words only "something else" uses point there.
        every = [k or w for w, k in zip(words, mended, strict=True)]
        chances = self._model.predict_proba([" ".join(every)])[0]
        ranked = sorted(zip(self._classes, chances, strict=True), key=lambda item: -item[1])
        if ranked[0][0] == OUTSIDE and ranked[0][1] >= self._outside_at:
            return Match(Verdict.NONE, (), float(ranked[0][1]))
        ranked = [(k, c) for k, c in ranked if k != OUTSIDE]
        top, chance = ranked[0]
        if chance >= self._answer_at:
            return Match(Verdict.ANSWER, (top,), float(chance))
        if chance >= self._suggest_at:
            close = tuple(k for k, c in ranked[:3] if c >= self._suggest_at / 2)
            return Match(Verdict.SUGGEST, close, float(chance))
        return Match(Verdict.NONE, (), float(chance))
