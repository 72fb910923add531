"""The triage net on data it was not trained on: each development set left out in turn, the
net trained on the others, and that set read by the rules with and without it.

``python -m bench.triage_cv`` (about 15 s; needs scikit-learn, as refitting does). These are
the development-set figures worth quoting: the shipped net is trained on every set, so
reading a set it was trained on measures nothing.
"""

from __future__ import annotations

from collections import Counter

from mesobot.domain import triage
from mesobot.services import triage_net
from mesobot.services.faq_model import FaqModel


def main() -> None:
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


def _line(name: str, f: Counter[str]) -> str:
    return (
        f"{name}: warnings escalated {f['warnings'] - f['missed']}/{f['warnings']} "
        f"(rules alone {f['warnings'] - f['rules missed']}), false alarms "
        f"{f['alarmed']}/{f['harmless']} = {f['alarmed'] / f['harmless']:.1%} "
        f"(rules alone {f['rules alarmed']})"
    )


if __name__ == "__main__":
    main()
