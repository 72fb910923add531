"""The FAQ matcher against an evaluation set of patients' own phrasings and off-topic chat."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mesobot.content import load_catalogue
from mesobot.services.faq import FaqMatcher, Verdict, normalise

EVALUATION = tomllib.loads((Path(__file__).parents[1] / "data" / "faq_eval.toml").read_text())
QUESTIONS = EVALUATION["question"]
OFF_TOPIC = EVALUATION["off_topic"]


@pytest.fixture(scope="module")
def matcher() -> FaqMatcher:
    return FaqMatcher(load_catalogue().faq)


def test_the_evaluation_set_is_big_enough_and_covers_every_entry() -> None:
    entries = set(load_catalogue().faq)
    assert len(QUESTIONS) >= 150 and len(OFF_TOPIC) >= 30
    assert {q["expect"] for q in QUESTIONS} == entries


def test_top_1_accuracy_is_at_least_90_percent(matcher: FaqMatcher) -> None:
    results = [(q, matcher.match(q["text"])) for q in QUESTIONS]
    top1 = sum(1 for q, m in results if m.entries[:1] == (q["expect"],))
    answered = [(q, m) for q, m in results if m.verdict == Verdict.ANSWER]
    wrong = [
        (q["text"], q["expect"], m.entries[0]) for q, m in answered if m.entries[0] != q["expect"]
    ]
    print(
        f"\nFAQ: top-1 {top1}/{len(results)} = {top1 / len(results):.1%}; "
        f"answered outright {len(answered)}, of which wrong {len(wrong)}: {wrong}"
    )
    assert top1 / len(results) >= 0.90
    # An outright answer to the wrong question is a guess: allow almost none.
    assert len(wrong) <= len(results) // 50


def test_no_off_topic_question_is_answered(matcher: FaqMatcher) -> None:
    answered = [(q["text"], matcher.match(q["text"])) for q in OFF_TOPIC]
    wrong = [(text, m.verdict, m.entries) for text, m in answered if m.verdict != Verdict.NONE]
    print(
        f"\nFAQ: off-topic given 'no vetted information' {len(answered) - len(wrong)}/{len(answered)}"
    )
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Does it HURT??", ["hurt"]),
        ("How many sessions do I need?", ["many", "session"]),
        ("Side-effects of mésothérapie", ["side", "effect", "mesotherapie"]),
    ],
)
def test_normalise(text: str, words: list[str]) -> None:
    assert normalise(text) == words
