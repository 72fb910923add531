"""Words that can tell of a warning sign in Russian and Spanish.

English has full rules (``mesobot.domain.triage``): signs, negation, past, hypothetical and
someone else's. Russian and Spanish have these word lists instead, read together with each
language's classifier (``mesobot.services.triage_net``): a message that names one of these
things needs less certainty from the classifier to get the warning-sign checklist. Text is
read lowercased with accents and marks gone (``ё`` is ``е``, ``ñ`` is ``n``).
"""

from __future__ import annotations

import re
import unicodedata

# A temperature of 38 and over, with a decimal comma or point ("38,5", "39.2"); 37-something
# is not a fever.
_FEVER_NUMBER = (
    r"\b(?:3[89]|4[0-2])(?:[.,]\d)?\s*(?:°|градус\w*|grados?|c\b)|\b(?:3[89]|4[0-2])[.,]\d\b"
)

SIGN_WORDS: dict[str, re.Pattern[str]] = {
    "ru": re.compile(
        "|".join(
            [
                _FEVER_NUMBER,
                r"температур\w*|\bжар\w*|лихорад\w*|озноб\w*|знобит|морозит|трясет|temperatur\w*",
                r"\bгно\w*|\bгно[ий]\w*|нагно\w*|сочит\w*|мокнет|выделени\w*|фурункул\w*|нарыв\w*",
                r"абсцесс\w*|уплотнени\w*|шишк\w*|полос\w*",
                r"покраснени\w*|краснот\w*|покраснел\w*|красн\w+ (?:\w+ ){0,3}(?:расп|увелич|раст)",
                r"\bот[её]к\w*|\bотек\w*|опух\w*|распух\w*|отекл\w*|раздул\w*|заплыл\w*|крапивниц",
                r"дыша\w*|дыхан\w*|задыха\w*|удушь\w*|воздух\w*|хрип\w*|груд\w*|горл\w*|dyshat",
                r"бол\w*|болит|боль\w*|невыносим\w*|обезбол\w*|ноет|жжет|пульсир\w*|bolit|bol\b",
                r"синяк\w*|гематом\w*|кровоподт\w*",
                r"головокруж\w*|кружит\w*|обморок\w*|сознани\w*|темнеет в глазах|в глазах темн\w*",
                r"шатает|упал\w*|падаю",
                r"кров\w*|кровотеч\w*|krov\w*",
            ]
        )
    ),
    "es": re.compile(
        "|".join(
            [
                _FEVER_NUMBER,
                r"fiebre|temperatura|escalofri\w*|tirit\w*|calentura|febril|destemplad\w*",
                r"\bpus\b|supur\w*|secrecion\w*|liquido|rezum\w*|absceso\w*|forunculo\w*|bulto\w*",
                r"granos?\b|postilla\w*|costra\w*|infecci\w*|infectad\w*",
                r"enrojecimiento|rojez\w*|roj[oa]s?\b|rayas?|lineas?",
                r"hinch\w*|inflam\w*|labios?|parpados?|lengua|garganta|urticaria|ronchas?",
                r"respir\w*|ahog\w*|aire\b|silbid\w*|pecho",
                r"dolor\w*|duele\w*|dolia|insoportable|punzad\w*|ibuprofeno|paracetamol|calmante",
                r"moraton\w*|moreton\w*|hematoma\w*|morad[oa]s?",
                r"mare[oa]\w*|desmay\w*|vahido|vueltas|conocimiento|aturdid\w*",
                r"sangr\w*|hemorragi\w*",
            ]
        )
    ),
}


def plain(text: str) -> str:
    """Lowercased, accents and marks gone: how the word lists read a message."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def names_a_sign(text: str, language: str) -> bool:
    """Whether ``text`` uses a word that can tell of a warning sign in ``language``."""
    words = SIGN_WORDS.get(language)
    return bool(words and words.search(plain(text)))
