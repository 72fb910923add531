"""What the FAQ matcher decides about a message, and which sentences of it ask something:
apart from the matcher itself, whose arrays need not be loaded to read these."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

QUESTION_WORDS = frozenset(
    "how what whats when why where which who can could does do did is are will would should "
    "may might any anything".split()
)


def looks_like_question(text: str) -> bool:
    """A question mark, or a question word first: in the middle of intake, other text is an
    attempt at an answer ("the pattern one I think"), not a question."""
    return "?" in text or _asks_first(text)


def _asks_first(text: str) -> bool:
    """Whether ``text`` opens with a question word ("how", "can", "is")."""
    words = re.findall(r"[a-z']+", text.lower())
    return bool(words and words[0].replace("'", "") in QUESTION_WORDS)


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
    # Entries that other questions in the same message ask about, to offer after the answer.
    also: tuple[str, ...] = ()


# Sentences: a long message is matched by the sentence that asks something.
_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+|\n+")


# Where a clause may begin inside a sentence, and the words that may lead into its question
# ("..., but quickly, what is it?", "...: how deep does it go?").
_CLAUSE_BREAK = re.compile(r"[,:;]\s+|\s[-–—]+\s+")
_LEAD_IN = frozenset("but so and anyway quickly quick though ok okay right also".split())


def asking_clause(sentence: str) -> str:
    """The question at the end of a sentence that leads up to it with something else ("Work
    is chaos, two people off, so I won't ramble: is it painful?"); the sentence itself when
    it asks from its start or has no such clause."""
    if "?" not in sentence or _asks_first(sentence):
        return sentence
    for found in _CLAUSE_BREAK.finditer(sentence):
        rest = sentence[found.end() :]
        if "?" not in rest:
            break
        for word in re.finditer(r"[a-z']+", rest.lower()):
            if word[0] in QUESTION_WORDS:
                return rest[word.start() :].strip()
            if word[0] not in _LEAD_IN:
                break
    return sentence


def question_parts(text: str) -> list[str]:
    """The sentences of ``text`` that ask something, in order; the whole text when none does
    or when it is one sentence."""
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        return [text]
    asking = [p for p in parts if looks_like_question(p)]
    return asking or [text]
