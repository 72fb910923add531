"""The FAQ matcher against an evaluation set of patients' own phrasings and off-topic chat.

The issue's targets are at least 90% top-1 and no off-topic question answered. The matcher
does not reach them yet: the figures are printed, today's level is guarded against
regressions, and the targets stay as strict expected failures until they are met.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mesobot.content import load_catalogue
from mesobot.services.faq import FaqMatcher, Match, Verdict, looks_like_question, normalise

EVALUATION = tomllib.loads((Path(__file__).parents[1] / "data" / "faq_eval.toml").read_text())
QUESTIONS = EVALUATION["question"]
OFF_TOPIC = EVALUATION["off_topic"]


@pytest.fixture(scope="module")
def results() -> tuple[list[tuple[dict[str, str], Match]], list[tuple[str, Match]]]:
    catalogue = load_catalogue()
    matcher = FaqMatcher(catalogue.faq, outside=catalogue.outside)
    questions = [(q, matcher.match(q["text"])) for q in QUESTIONS]
    off_topic = [(q["text"], matcher.match(q["text"])) for q in OFF_TOPIC]
    return questions, off_topic


def top1(questions: list[tuple[dict[str, str], Match]]) -> float:
    """Share of questions whose best entry (answered or offered) is the expected one."""
    right = sum(
        1 for q, m in questions if m.verdict != Verdict.NONE and m.entries[:1] == (q["expect"],)
    )
    return right / len(questions)


def leaks(off_topic: list[tuple[str, Match]]) -> list[str]:
    """Off-topic questions that got anything but "no vetted information"."""
    return [text for text, m in off_topic if m.verdict != Verdict.NONE]


def test_the_evaluation_set_is_big_enough_and_covers_every_entry() -> None:
    assert len(QUESTIONS) >= 150 and len(OFF_TOPIC) >= 30
    assert {q["expect"] for q in QUESTIONS} == set(load_catalogue().faq)


def test_figures_and_no_regression(results: tuple[list, list]) -> None:  # type: ignore[type-arg]
    questions, off_topic = results
    answered = [(q, m) for q, m in questions if m.verdict == Verdict.ANSWER]
    wrong = [q["text"] for q, m in answered if m.entries[0] != q["expect"]]
    print(
        f"\nFAQ matching: top-1 {top1(questions):.1%} of {len(questions)}; "
        f"answered outright {len(answered)}, wrongly {len(wrong)}; "
        f"off-topic answered or offered {len(leaks(off_topic))}/{len(off_topic)}"
    )
    assert top1(questions) >= 0.85
    assert len(wrong) <= 4
    assert len(leaks(off_topic)) <= 2


@pytest.mark.xfail(strict=True, reason="issue 5 target not met yet: see the issue note")
def test_issue_target_top_1_at_least_90_percent(results: tuple[list, list]) -> None:  # type: ignore[type-arg]
    assert top1(results[0]) >= 0.90


@pytest.mark.xfail(strict=True, reason="issue 5 target not met yet: see the issue note")
def test_issue_target_no_off_topic_question_answered(results: tuple[list, list]) -> None:  # type: ignore[type-arg]
    assert leaks(results[1]) == []


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


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("does it hurt", True),
        ("Can I go to the gym after?", True),
        ("what's the price", True),
        ("the pattern one I think", False),
        ("London", False),
        ("tomorrow at 10", False),
        ("pattern hair loss?", True),
    ],
)
def test_looks_like_question(text: str, question: bool) -> None:
    assert looks_like_question(text) is question
