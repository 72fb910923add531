"""Matching a patient's question to a vetted FAQ entry: confident, close, or nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union
from wordfreq import zipf_frequency

from mesobot.content.catalogue import FaqEntry

from .faq_words import CUES, RELATIONS, SYNONYM_TABLE, canonical, relate

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


class FaqMatcher:
    """Built once from the catalogue's FAQ entries: a text classifier over their phrasings.

    Patients' everyday words are first put in the FAQ's own ("sore" is "pain", "statin" is a
    medicine); typos are mended word by word against the FAQ's vocabulary (rapidfuzz).
    Character and word TF-IDF features with a logistic regression (scikit-learn) rank the
    entries against a class of messages about something else. A question that names
    something the FAQ never mentions (a rare word, by wordfreq) and nothing only the FAQ
    talks about is about something else: no answer, no guess.
    """

    def __init__(
        self,
        entries: Mapping[str, FaqEntry],
        *,
        outside: Sequence[str] = (),
        # Tuned on tests/data/faq_dev.toml (written blind to the evaluation set); measured on
        # tests/data/faq_eval.toml: 92.6% top-1, 154 answered outright of which 2 wrongly,
        # no off-topic question answered or offered. A wrong answer is worse than an offer.
        outside_at: float = 0.6,
        answer_at: float = 0.5,
        suggest_at: float = 0.3,
        rare_below: float = 4.0,
        ours_below: float = 3.0,
        typo_below: float = 3.0,
    ) -> None:
        self._outside_at = outside_at
        self._answer_at = answer_at
        self._suggest_at = suggest_at
        self._rare_below = rare_below
        self._typo_below = typo_below
        phrasings: list[list[str]] = []
        owners: list[str] = []
        for key, entry in entries.items():
            for phrasing in [entry.title, *entry.examples]:
                if words := canonical(phrasing):
                    phrasings.append(words)
                    owners.append(key)
        self._vocabulary = frozenset(w for words in phrasings for w in words)
        # Typos are mended towards the FAQ's words and the everyday words that stand for them.
        self._spellings = sorted(self._vocabulary | {k[0] for k in SYNONYM_TABLE if len(k) == 1})
        # Messages about something else train a class of their own.
        theirs: set[str] = set()
        for message in outside:
            if words := canonical(message):
                theirs.update(words)
                phrasings.append(words)
                owners.append(OUTSIDE)
        # Words only the FAQ uses, and rare in everyday English: mesotherapy, dermaroller.
        self._ours = frozenset(
            w for w in self._vocabulary - theirs if zipf_frequency(w, "en") < ours_below
        )
        features = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        )
        self._model = make_pipeline(features, LogisticRegression(C=10.0, max_iter=2000))
        self._model.fit([" ".join(relate(words)) for words in phrasings], owners)
        self._classes: list[str] = [str(c) for c in self._model.classes_]

    def _known(self, word: str) -> list[str] | None:
        """The FAQ's words for ``word``, allowing for a typo; None if it is not ours."""
        if word in self._vocabulary:
            return [word]
        # A typo is an edit away, two in a long word; a word of everyday English is no typo
        # at all ("bleach" is not "beach"), nor is a rare one that is further off ("statin").
        if len(word) > 3 and zipf_frequency(word, "en") < self._typo_below:
            edits = 1 if len(word) < 8 else 2
            found = process.extractOne(
                word, self._spellings, scorer=OSA.distance, score_cutoff=edits
            )
            if found:
                mended = str(found[0])
                return list(SYNONYM_TABLE.get((mended,), (mended,)))
        return None

    def ranked(self, text: str) -> tuple[list[tuple[str, float]], bool]:
        """Every class (the entries and OUTSIDE) with its probability for ``text``, best
        first, and whether the FAQ knows every rare word in it; no classes at all when the
        words alone show that the question is not ours."""
        words = canonical(text)[:40]
        mended = [self._known(w) for w in words]
        known = {k for ks in mended if ks for k in ks}
        if not known - CUES - RELATIONS and len(known) < 2:
            return [], False
        unknown = [w for w, ks in zip(words, mended, strict=True) if ks is None]
        elsewhere = any(zipf_frequency(w, "en") < self._rare_below for w in unknown)
        if elsewhere and not known & self._ours:
            return [], False
        # Every word counts here: words only "something else" uses point there.
        every = [k for w, ks in zip(words, mended, strict=True) for k in (ks or [w])]
        chances = self._model.predict_proba([" ".join(relate(every))])[0]
        ranked = sorted(
            ((c, float(p)) for c, p in zip(self._classes, chances, strict=True)),
            key=lambda item: -item[1],
        )
        return ranked, not elsewhere

    def match(self, text: str) -> Match:
        """The best entries for ``text`` and whether to answer, suggest or say nothing."""
        ranked, understood = self.ranked(text)
        if not ranked:
            return Match(Verdict.NONE, (), 0.0)
        if ranked[0][0] == OUTSIDE and ranked[0][1] >= self._outside_at:
            return Match(Verdict.NONE, (), ranked[0][1])
        ranked = [(k, c) for k, c in ranked if k != OUTSIDE]
        top, chance = ranked[0]
        # A question with a word the FAQ does not know may be about that word: offer, at most.
        if chance >= self._answer_at and understood:
            return Match(Verdict.ANSWER, (top,), chance)
        if chance >= self._suggest_at:
            close = tuple(k for k, c in ranked[:3] if c >= self._suggest_at / 2)
            return Match(Verdict.SUGGEST, close, chance)
        return Match(Verdict.NONE, (), chance)
