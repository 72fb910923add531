"""The FAQ matcher's tokenizer against Hugging Face's ``tokenizers`` reading WordLlama's own
tokenizer file, where the development extra installs both."""

from __future__ import annotations

import random
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest

from mesobot.content import load_catalogue
from mesobot.services.faq_tokens import Tokenizer

DATA = Path(__file__).resolve().parents[1] / "data"
LIMIT = 128


def _texts() -> list[str]:
    """The test sets, the FAQ's phrasings, and text made to be awkward: special tokens,
    runs of spaces, other scripts, emoji, characters outside the vocabulary, long runs."""
    texts = [
        case["text"]
        for path in sorted(DATA.rglob("*.toml"))
        for cases in tomllib.loads(path.read_text("utf-8")).values()
        for case in cases
    ]
    catalogue = load_catalogue()
    texts += [phrasing for entry in catalogue.faq.values() for phrasing in entry.examples]
    texts += ["", " ", "   ", "hi<s>there", "a </s> b", "<unk><s></s>", "▁▁x▁", "a" * 600]
    texts += ["x " * 300, "Ünïcødé naïve café", "頭皮が痛い", "🙂🙂 ok", "tab\tnew\nline", "\u200b"]
    alphabet = "abc XYZ é ü ñ 漢字 🙂 \n\t<s></s><unk>▁  0123 .,!?' Ω ß ﬁ \u0301"
    chance = random.Random(7)
    for _ in range(3000):
        texts.append("".join(chance.choice(alphabet) for _ in range(chance.randint(0, 60))))
        texts.append("".join(chr(chance.randint(32, 0x2FFF)) for _ in range(chance.randint(1, 30))))
    return texts


def test_token_ids_are_those_of_hugging_face_tokenizers() -> None:
    tokenizers = pytest.importorskip("tokenizers", reason="comes with the dev extra")
    pytest.importorskip("wordllama", reason="comes with the dev extra")
    from mesobot.data.build import WORDLLAMA_TOKENIZER

    reference = tokenizers.Tokenizer.from_file(str(files("wordllama") / WORDLLAMA_TOKENIZER))
    reference.enable_truncation(LIMIT)
    ours = Tokenizer()
    differ = {
        text: (ids, expected)
        for text in _texts()
        if (ids := ours.encode(text, limit=LIMIT))
        != (expected := reference.encode(text, add_special_tokens=False).ids)
    }
    assert differ == {}


def test_encoding_a_sentence() -> None:
    tokenizer = Tokenizer()
    ids = tokenizer.encode("Does it hurt?", limit=LIMIT)
    assert 2 <= len(ids) <= 6
    assert tokenizer.encode("Does it hurt?" * 100, limit=LIMIT)[: len(ids)] == ids
    assert len(tokenizer.encode("Does it hurt?" * 100, limit=LIMIT)) == LIMIT
    assert tokenizer.encode("", limit=LIMIT) == []
