"""The FAQ matcher against an evaluation set of patients' own phrasings and off-topic chat.

The issue's targets are at least 90% top-1 and no off-topic question answered or offered;
both are met and tested, and the level reached is guarded against regressions. The
evaluation set is held out: the matcher is tuned on tests/data/faq_dev.toml, written blind
to it, whose figures are printed and guarded too. Neither set's questions are training
examples.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from mesobot.content import load_catalogue
from mesobot.services.faq import FaqMatcher, Match, Verdict, looks_like_question
from mesobot.services.faq_words import canonical, normalise

DATA = Path(__file__).parents[1] / "data"
EVALUATION = tomllib.loads((DATA / "faq_eval.toml").read_text())
QUESTIONS = EVALUATION["question"]
OFF_TOPIC = EVALUATION["off_topic"]
DEVELOPMENT = tomllib.loads((DATA / "faq_dev.toml").read_text())

Results = tuple[list[tuple[dict[str, str], Match]], list[tuple[str, Match]]]


@pytest.fixture(scope="module")
def matcher() -> FaqMatcher:
    catalogue = load_catalogue()
    return FaqMatcher(catalogue.faq, outside=catalogue.outside)


def run(
    matcher: FaqMatcher, questions: list[dict[str, str]], off_topic: list[dict[str, str]]
) -> Results:
    return (
        [(q, matcher.match(q["text"])) for q in questions],
        [(q["text"], matcher.match(q["text"])) for q in off_topic],
    )


@pytest.fixture(scope="module")
def results(matcher: FaqMatcher) -> Results:
    return run(matcher, QUESTIONS, OFF_TOPIC)


@pytest.fixture(scope="module")
def development(matcher: FaqMatcher) -> Results:
    return run(matcher, DEVELOPMENT["question"], DEVELOPMENT["off_topic"])


def top1(questions: list[tuple[dict[str, str], Match]]) -> float:
    """Share of questions whose best entry (answered or offered) is the expected one."""
    right = sum(
        1 for q, m in questions if m.verdict != Verdict.NONE and m.entries[:1] == (q["expect"],)
    )
    return right / len(questions)


def wrongly_answered(questions: list[tuple[dict[str, str], Match]]) -> list[str]:
    """Questions answered outright with another entry than the expected one."""
    return [
        q["text"]
        for q, m in questions
        if m.verdict == Verdict.ANSWER and m.entries[0] != q["expect"]
    ]


def leaks(off_topic: list[tuple[str, Match]]) -> list[str]:
    """Off-topic questions that got anything but "no vetted information"."""
    return [text for text, m in off_topic if m.verdict != Verdict.NONE]


def figures(name: str, outcome: Results) -> str:
    questions, off_topic = outcome
    answered = sum(1 for _, m in questions if m.verdict == Verdict.ANSWER)
    return (
        f"\nFAQ matching ({name}): top-1 {top1(questions):.1%} of {len(questions)}; "
        f"answered outright {answered}, wrongly {len(wrongly_answered(questions))}; "
        f"off-topic answered or offered {len(leaks(off_topic))}/{len(off_topic)}"
    )


def test_the_evaluation_set_is_big_enough_and_covers_every_entry() -> None:
    assert len(QUESTIONS) >= 150 and len(OFF_TOPIC) >= 30
    assert {q["expect"] for q in QUESTIONS} == set(load_catalogue().faq)


def test_the_development_set_covers_every_entry_and_is_no_training_data() -> None:
    catalogue = load_catalogue()
    assert {q["expect"] for q in DEVELOPMENT["question"]} == set(catalogue.faq)
    taught = {e.lower() for entry in catalogue.faq.values() for e in entry.examples}
    taught |= {m.lower() for m in catalogue.outside}
    held_out = DEVELOPMENT["question"] + DEVELOPMENT["off_topic"]
    assert not taught & {q["text"].lower() for q in held_out}


def test_no_training_phrasing_is_close_to_an_evaluation_question() -> None:
    """The evaluation set stays held out: not copied, nor lightly edited, into the examples
    or the off-topic messages (word order aside, less than 88% alike)."""
    catalogue = load_catalogue()
    taught = [e.lower() for entry in catalogue.faq.values() for e in entry.examples]
    taught += [m.lower() for m in catalogue.outside]
    close = [
        (text, found[0])
        for text in (q["text"].lower() for q in QUESTIONS + OFF_TOPIC)
        if (
            found := process.extractOne(text, taught, scorer=fuzz.token_sort_ratio, score_cutoff=88)
        )
    ]
    assert close == []


def test_figures_and_no_regression(results: Results) -> None:
    questions, off_topic = results
    print(figures("evaluation", results))
    assert top1(questions) >= 0.91
    assert len(wrongly_answered(questions)) <= 2
    assert leaks(off_topic) == []


def test_development_figures_and_no_regression(development: Results) -> None:
    questions, off_topic = development
    print(figures("development", development))
    assert top1(questions) >= 0.93
    assert len(wrongly_answered(questions)) <= 5
    assert len(leaks(off_topic)) <= 6


def test_issue_target_top_1_at_least_90_percent(results: Results) -> None:
    assert top1(results[0]) >= 0.90


def test_issue_target_no_off_topic_question_answered(results: Results) -> None:
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
    ("text", "words"),
    [
        # Everyday words become the FAQ's own, phrases included.
        ("Does it HURT??", ["pain"]),
        ("is it sore", ["pain"]),
        ("how much is it", ["cost"]),
        ("Side-effects of mésothérapie", ["side", "effect", "mesotherapy"]),
        ("can I go to the gym after", ["exercise", "after"]),
        # A medicine, a body part or another procedure is named as what it is.
        ("side effects of statins", ["side", "effect", "statin", "medicine"]),
        ("botox for my forehead", ["botox", "cosmetic", "forehead"]),
        # Negation and "when" in the middle of a question are kept.
        ("who shouldn't have it", ["who", "not"]),
        ("can I swim when I have a cold", ["exercise", "while", "cold"]),
    ],
)
def test_canonical(text: str, words: list[str]) -> None:
    assert canonical(text) == words


@pytest.mark.parametrize(
    ("text", "verdict", "entry"),
    [
        ("does it hurt?", Verdict.ANSWER, "pain"),
        ("dose it hurtt", Verdict.ANSWER, "pain"),
        ("can I go to the gym after a session?", Verdict.ANSWER, "aftercare"),
        # A cue word alone is no question about the treatment.
        ("who are you", Verdict.NONE, None),
        # Real words are not typos: "bleach" is not "beach" (sun, aftercare).
        ("bleach", Verdict.NONE, None),
        # Something the FAQ never names, with nothing only the FAQ talks about.
        ("side effects of statins", Verdict.NONE, None),
    ],
)
def test_matcher_cases(matcher: FaqMatcher, text: str, verdict: Verdict, entry: str | None) -> None:
    found = matcher.match(text)
    assert found.verdict == verdict
    assert found.entries[:1] == ((entry,) if entry else ())


def test_a_rare_word_the_faq_does_not_know_is_offered_not_answered(matcher: FaqMatcher) -> None:
    # "trichotillomania" is unknown to the FAQ; "mesotherapy" keeps it from the gate.
    found = matcher.match("is mesotherapy ok with trichotillomania")
    assert found.verdict != Verdict.ANSWER


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
