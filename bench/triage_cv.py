"""The triage nets on data they were not trained on: each set left out in turn, the net
trained on the others, and that set read by the rules with and without it.

``python -m bench.triage_cv`` (about 30 s; needs scikit-learn, as refitting does). English
leaves out each development set; Russian and Spanish each of their development and training
sets, read by their cue tables (``mesobot/content/<language>/triage_cues.toml``) and the net
at ``PLAIN_THRESHOLDS``. ``--grid`` also prints, for Russian and Spanish, the thresholds that
miss fewest warnings at each ceiling of false alarms. These are the development figures
worth quoting: the shipped nets are trained on every set, so reading a set one was trained
on measures nothing. The cue tables were written reading these sets, so their figures here
flatter them; the blind sets (``pytest -s tests/unit/test_understanding_languages.py``) do
not.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter

from mesobot.domain import triage
from mesobot.domain.triage_cues import Reading
from mesobot.services import triage_net
from mesobot.services.faq_model import FaqModel

_STEPS = [round(0.05 * step, 2) for step in range(2, 19)]
_CEILINGS = (0.05, 0.06, 0.065, 0.07)


def main(grid: bool = False) -> None:
    paths = triage_net.development_sets()
    totals: Counter[str] = Counter()
    for held in paths:
        net = triage_net.TriageNet(FaqModel.fit(*triage_net.training_lines(leave_out=held)))
        figures: Counter[str] = Counter()
        for text, label in zip(*triage_net.lines(held), strict=True):
            warning = label == triage_net.WARNING
            rules, both = triage.assess(text).alarming, net.assess(text).alarming
            figures["warnings" if warning else "harmless"] += 1
            figures["rules missed" if warning else "rules alarmed"] += warning != rules
            figures["missed" if warning else "alarmed"] += warning != both
        totals.update(figures)
        print(_line(held.stem, figures))
    print(_line("all development sets", totals))
    for language in triage_net.PLAIN_THRESHOLDS:
        _plain(language, grid=grid)


def _plain(language: str, *, grid: bool) -> None:
    """Russian or Spanish: each set left out in turn, read as the bot reads it."""
    folder, training = triage_net.folders(language)
    paths = [*triage_net.development_sets(folder), *triage_net.development_sets(training)]
    cues = triage_net.cues(language)
    english = triage_net.shared_net("en")
    rows: list[tuple[bool, float, bool, bool, bool, bool]] = []
    for held in paths:
        texts: list[str] = []
        labels: list[str] = []
        for path in paths:
            if path != held:
                more_texts, more_labels = triage_net.lines(path)
                texts += more_texts
                labels += more_labels
        net = triage_net.TriageNet(FaqModel.fit(texts, labels), language)
        for written, label in zip(*triage_net.lines(held), strict=True):
            short = triage_net.short(written)
            text = triage_net.readable(written, language)
            reading = cues.read(text)
            english_alarm = bool(
                english
                and "en" in triage_net.languages_of(written, language)
                and english.assess(written).alarming
            )
            signs = bool(reading.findings) or english_alarm
            rows.append(
                (
                    label == triage_net.WARNING,
                    net.chance(text),
                    signs,
                    reading.named,
                    reading.worded,
                    short,
                )
            )
    warnings = sum(row[0] for row in rows)
    harmless = len(rows) - warnings
    current = triage_net.PLAIN_THRESHOLDS[language]
    missed, alarmed = _count(rows, current)
    rules_missed = sum(row[0] and not row[2] for row in rows)
    rules_alarmed = sum(not row[0] and row[2] for row in rows)
    print(
        f"{language}, {len(paths)} sets left out in turn: warnings escalated "
        f"{warnings - missed}/{warnings} (cue table alone {warnings - rules_missed}), false alarms "
        f"{alarmed}/{harmless} = {alarmed / harmless:.1%} (cue table alone {rules_alarmed})"
    )
    if not grid:
        return
    tried = sorted(
        (*_count(rows, thresholds), thresholds)
        for thresholds in itertools.product(_STEPS, _STEPS, _STEPS)
    )
    for ceiling in _CEILINGS:
        best = next((t for t in tried if t[1] <= ceiling * harmless), None)
        print(f"  at most {ceiling:.1%} false alarms: {best}")


def _count(
    rows: list[tuple[bool, float, bool, bool, bool, bool]], thresholds: tuple[float, float, float]
) -> tuple[int, int]:
    """Warnings missed and false alarms at ``thresholds`` (no word, a word, cleared words)."""
    missed = alarmed = 0
    for warning, chance, signs, named, worded, short in rows:
        if signs:
            alarm = True
        elif not named and short:
            alarm = False
        else:
            alarm = chance >= triage_net.needed(Reading([], named, worded), thresholds)
        missed += warning and not alarm
        alarmed += not warning and alarm
    return missed, alarmed


def _line(name: str, f: Counter[str]) -> str:
    return (
        f"{name}: warnings escalated {f['warnings'] - f['missed']}/{f['warnings']} "
        f"(rules alone {f['warnings'] - f['rules missed']}), false alarms "
        f"{f['alarmed']}/{f['harmless']} = {f['alarmed'] / f['harmless']:.1%} "
        f"(rules alone {f['rules alarmed']})"
    )


if __name__ == "__main__":
    main(grid="--grid" in sys.argv)
