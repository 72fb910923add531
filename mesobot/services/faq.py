"""Matching a patient's question to a vetted FAQ entry: confident, close, or nothing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process, utils

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
    question quick wondering wonder want wanted""".split()  # noqa: SIM905 (a word list reads better)
)


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
    """Built once from the catalogue's FAQ entries."""

    def __init__(
        self,
        entries: Mapping[str, FaqEntry],
        *,
        answer_at: float = 80.0,
        suggest_at: float = 62.0,
        margin: float = 4.0,
        known_share: float = 0.6,
    ) -> None:
        self._answer_at = answer_at
        self._suggest_at = suggest_at
        self._margin = margin
        self._known_share = known_share
        self._phrasings: list[str] = []
        self._owners: list[str] = []
        for key, entry in entries.items():
            for phrasing in [entry.title, *entry.examples]:
                words = normalise(phrasing)
                if words:
                    self._phrasings.append(" ".join(words))
                    self._owners.append(key)
        self._vocabulary = sorted({w for p in self._phrasings for w in p.split()})

    def _known(self, word: str) -> str | None:
        """The vocabulary word ``word`` is, allowing for a typo; None if it is not ours."""
        if len(word) <= 3:
            return word if word in self._vocabulary else None
        found = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=80)
        return found[0] if found else None

    def match(self, text: str) -> Match:
        """The best entries for ``text`` and whether to answer, suggest or say nothing."""
        words = normalise(text)[:40]
        known = [k for k in (self._known(w) for w in words) if k]
        if not known or len(known) / len(words) < self._known_share:
            return Match(Verdict.NONE, (), 0.0)
        query = " ".join(known)
        scores = process.extract(
            query, self._phrasings, scorer=fuzz.token_sort_ratio, limit=len(self._phrasings)
        )
        best: dict[str, float] = {}
        for _, score, index in scores:
            owner = self._owners[index]
            set_score = fuzz.token_set_ratio(query, self._phrasings[index])
            combined = (score + set_score) / 2
            best[owner] = max(best.get(owner, 0.0), combined)
        ranked = sorted(best.items(), key=lambda item: -item[1])
        top, top_score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if top_score >= self._answer_at and top_score - runner_up >= self._margin:
            return Match(Verdict.ANSWER, (top,), top_score)
        if top_score >= self._suggest_at:
            close = tuple(k for k, s in ranked[:3] if s >= self._suggest_at)
            return Match(Verdict.SUGGEST, close, top_score)
        return Match(Verdict.NONE, (), top_score)
