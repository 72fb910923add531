"""The last net for warning signs: a text classifier for what the rules do not name.

The rules (``mesobot.domain.triage``) find the signs they have words for and clear what is
negated, over, imagined or someone else's. Patients describe the same things in words nobody
listed, so a classifier (the FAQ matcher's: character and word TF-IDF with a logistic
regression) trained on the development sets' warnings and harmless lines reads the message
too. When the rules raise nothing and the classifier is confident, the message gets the
warning-sign checklist: recall first.

The fitted model ships as ``mesobot/content/triage_model.npz``; ``mesobot faq-model``
refits it from ``tests/data/dev`` in a source checkout, and a test fails when it is stale.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from mesobot.domain import triage

from .faq_model import FaqModel

ARTEFACT = Path(__file__).resolve().parents[1] / "content" / "triage_model.npz"
DEVELOPMENT = Path(__file__).resolve().parents[2] / "tests" / "data" / "dev"
# Training lines no evaluation set holds: everyday ones (intake answers, hedges, yes and
# no) and more warnings and harmless lines written by protocol.
TRAINING = DEVELOPMENT.parent / "train"
WARNING = "warning"
# How sure the classifier must be, chosen by leaving each development set out in turn and
# training on the others (see the README): where the message names no symptom at all, and
# where the rules read its symptom words and cleared them (they are right more often there).
UNNAMED = 0.75
NAMED = 0.8
MIN_WORDS = 3


def lines(path: Path) -> tuple[list[str], list[str]]:
    """One set's lines, each labelled warning or harmless."""
    data = tomllib.loads(path.read_text("utf-8"))
    warnings, harmless = data.get("warning", []), data.get("harmless", [])
    texts = [line["text"] for line in warnings + harmless]
    return texts, [WARNING] * len(warnings) + ["harmless"] * len(harmless)


def development_sets(folder: Path = DEVELOPMENT) -> list[Path]:
    """The triage development sets, in a fixed order."""
    return sorted(folder.glob("triage*.toml"))


def training_lines(
    folder: Path = DEVELOPMENT, *, leave_out: Path | None = None
) -> tuple[list[str], list[str]]:
    """Every development set's lines (but ``leave_out``) and the everyday ones, each
    labelled warning or harmless."""
    texts: list[str] = []
    labels: list[str] = []
    for path in [*development_sets(folder), *development_sets(TRAINING)]:
        if path == leave_out:
            continue
        more_texts, more_labels = lines(path)
        texts += more_texts
        labels += more_labels
    return texts, labels


def rebuild(folder: Path = DEVELOPMENT, path: Path = ARTEFACT) -> str:
    """Fit the classifier on the development sets and write the artefact; its fingerprint."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not here: refit the model from a source checkout")
    model = FaqModel.fit(*training_lines(folder))
    model.save(path)
    return model.fingerprint


class TriageNet:
    """The rules' assessment, with the classifier's checklist for what they leave alone."""

    def __init__(self, model: FaqModel) -> None:
        self._model = model
        self._warning = model.classes.index(WARNING)

    def chance(self, text: str) -> float:
        """How likely the classifier thinks it is that ``text`` tells of a warning sign."""
        return float(self._model.probabilities(text)[self._warning])

    def assess(self, text: str) -> triage.Assessment:
        """Warning signs in ``text``; failing those, whether it needs the checklist."""
        found = triage.assess(text)
        # One or two words ("not sure", "stop", a date): an answer, not an account; the rules
        # still read them ("fainted", "can't breathe").
        if found.alarming or len(re.findall(r"[^\W\d_]+", text)) < MIN_WORDS:
            return found
        chance = self.chance(text)
        # The rules' words are read only for a message the classifier is already wary of.
        unclear = chance >= (NAMED if chance >= UNNAMED and triage.mentions(text) else UNNAMED)
        return triage.Assessment([], unclear=unclear)


@cache
def shared_net() -> TriageNet:
    """The shipped classifier, loaded once per process."""
    return TriageNet(FaqModel.load(ARTEFACT))
