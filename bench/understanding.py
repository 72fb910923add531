"""How fast the bot reads a message: triage and FAQ matching per message, and what loading
the matcher adds to start-up.

``python -m bench.understanding`` prints the figures; ``python -m bench`` includes them.
Start-up is measured in fresh interpreters (``python -m bench.understanding load MODE``), each
printing one JSON line: the matcher with its embeddings against the classifier alone, and the
shipped artefact against fitting at start-up.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "dev"


def _messages(folder: Path = DATA) -> list[str]:
    texts: list[str] = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for kind in ("question", "off_topic", "warning", "harmless"):
            texts += [case["text"] for case in data.get(kind, [])]
    return texts


def _load(mode: str) -> dict[str, float]:
    """Build the matcher the way ``mode`` says, in this (fresh) interpreter."""
    started = time.perf_counter()
    from mesobot.content import load_catalogue
    from mesobot.services.faq import FaqMatcher, build_matcher
    from mesobot.services.faq_model import FaqModel

    catalogue = load_catalogue()
    imported = time.perf_counter()
    if mode == "shipped":
        build_matcher(catalogue)
    elif mode == "classifier":
        FaqMatcher(catalogue.faq, outside=catalogue.outside)
    else:  # "fit": what start-up cost before the artefact
        FaqMatcher(catalogue.faq, outside=catalogue.outside, model_for=FaqModel.fit)
    built = time.perf_counter()
    return {"import_s": round(imported - started, 3), "build_s": round(built - imported, 3)}


def _child(mode: str) -> dict[str, float]:
    command = [sys.executable, "-m", "bench.understanding", "load", mode]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def _percentiles(read: Callable[[str], object], messages: list[str]) -> dict[str, float]:
    times = []
    for text in messages:
        started = time.perf_counter()
        read(text)
        times.append(time.perf_counter() - started)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times) * 1000, 3),
        "p99_ms": round(times[int(len(times) * 0.99)] * 1000, 3),
        "max_ms": round(times[-1] * 1000, 3),
    }


def main(quick: bool = False) -> None:
    """Per-message latency (target: p99 at most 5 ms) and start-up cost (target: the
    embeddings add at most 0.5 s), each beside its baseline from this run."""
    from mesobot.content import load_catalogues
    from mesobot.domain.triage import assess
    from mesobot.services import triage_net
    from mesobot.services.faq import FaqMatcher, build_matcher

    catalogues = load_catalogues()
    catalogue = catalogues["en"]
    full = build_matcher(catalogue)
    plain = FaqMatcher(catalogue.faq, outside=catalogue.outside)
    messages = _messages()[: 600 if quick else None]
    for matcher in (full, plain):  # warm caches: the first call of each path pays once
        for text in messages[:50]:
            matcher.match(text)
    base = _percentiles(lambda text: (assess(text), plain.match(text)), messages)
    # Read as the bot does: triage in every language the message may be in.
    ours = _percentiles(lambda text: (triage_net.assess(text, "en"), full.match(text)), messages)
    print(f"reading {len(messages)} messages, triage rules + FAQ classifier alone: {base}")
    print(f"reading {len(messages)} messages, triage rules and nets + FAQ with embeddings: {ours}")
    print(
        f"  p99 = {ours['p99_ms']:.2f} ms (target <= 5), "
        f"ratio to the classifier alone = {ours['p99_ms'] / base['p99_ms']:.2f}"
    )
    for code in ("ru", "es"):
        matcher = build_matcher(catalogues[code])
        theirs = _messages(DATA / code)[: 300 if quick else None]
        for text in theirs[:50]:
            matcher.match(text)
        read = _percentiles(
            lambda t, c=code, m=matcher: (triage_net.assess(t, c), m.match(t)), theirs
        )
        print(f"reading {len(theirs)} {code} messages, triage nets + FAQ: {read}")
    shipped, classifier, fit = _child("shipped"), _child("classifier"), _child("fit")
    print(f"start-up, matcher with embeddings (shipped artefact): {shipped}")
    print(f"start-up, classifier alone (shipped artefact): {classifier}")
    print(f"start-up, classifier fitted at start-up (no artefact): {fit}")
    added = shipped["build_s"] - classifier["build_s"]
    print(
        f"  the embeddings add {added:.2f} s (target <= 0.5); "
        f"artefact / fitting at start-up = {classifier['build_s'] / fit['build_s']:.2f}"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["load"]:
        print(json.dumps(_load(sys.argv[2])))
    else:
        main(quick="--quick" in sys.argv)
