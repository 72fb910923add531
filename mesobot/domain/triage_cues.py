"""Warning signs in Russian and Spanish, clause by clause, from each language's cue table.

English has its own, longer rules (``mesobot.domain.triage``). A language without them gives
a table (``mesobot/content/<language>/triage_cues.toml``) of patterns for:

- ``signs``: for each warning sign, wordings that name it outright ("не могу дышать",
  "38,5", "me ahogo"); found in a clause nothing clears, they raise that sign;
- ``words``: words that can tell of a sign ("болит", "rojez"); the classifier
  (``mesobot.services.triage_net``) needs less certainty where one stands in a clause nothing
  clears;
- what clears a clause: ``negation`` ("нет", "sin"), ``resolved`` ("прошло", "ya se me
  pasó"), ``past`` ("в прошлый раз", "hace un mes"), ``conditional`` ("если", "por si":
  the whole sentence is imagined), ``hypothetical`` ("бывает ли", "es común"; also talk
  that is not about symptoms: "чуть не упала от цены"), ``others`` ("у мужа",
  "a mi hermana le") and, for ``words`` only, ``mild`` ("чуть", "un poco");
- what undoes that: ``persists`` ("не проходит", "no para": a negation that says the sign is
  still there), ``present`` ("опять", "todavía"), and ``self`` ("у меня", "tengo"), which
  keeps a clause the patient's own though someone else is named in it;
- ``nearly`` (optional): words that look like a negation and are none ("чуть не упала");
- ``glue`` (optional): small words a negation reaches over without counting them ("no se
  me ha hinchado": "se", "me" and "ha" stand between "no" and the sign);
- ``denial``: a clause that only says no ("Жар — нет", "Fiebre: no") denies the one before;
- ``clauses``: where one clause ends and the next begins;
- ``episodes``: words for signs that need a doctor even once they are over ("обморок");
- ``accented``: words whose accent tells them apart ("sí" is yes, "si" is if): they are read
  with a trailing "_" ("si_").

Text is read lowercased with accents and marks gone (``ё`` is ``е``, ``й`` is ``и``, ``ñ`` is
``n``), and so are the table's patterns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .triage import Finding

# A temperature of 38 and over ("38,5", "39.2", "39 градусов"), unless a unit says it is not
# one (money, weights, times).
FEVER_NUMBER = (
    r"(?<![\d.,:/])(?:3[89]|4[0-2])(?:[.,]\d{1,2})?(?![\d:/]|[.,]\d|-?(?:и|я|е|го|му|ыи|ои|ая)\b)"
    # "38 500": thousands, not degrees.
    r"(?!\s\d{3}\b)"
    r"(?!\s*(?:€|\$|%|руб|р\b|евро|euros?|eur\b|kilo|кило|kg|кг|km|км|мм|mm|cm|см|мин|min|лет|год|anos"
    r"|h\b|ч\b|час|hora|недел|semana|дн|dia|ses|сеанс|раз|vez|veces|процедур|шт|uds?\b|unidad"
    r"|минут|minut|лет|ano|sesion|процент|por ciento|тыс|т\.р|к\b|k\b|mil\b|мл|ml|tacos|anos"
    # Lengths and laboratory values: "38,5 сантиметров", "38,4 нг/мл", "39 mg".
    r"|сантиметр|centimetr|метр|metro|нг|ng\b|нмол|nmol|ммол|mmol|мкг|mcg|мг|mg|ед\b|ui\b|iu\b"
    r"|грам|gram|литр|litr|волос|pelo|cabello|тыщ|тысяч|мкмол"
    # Body measures: "38,5 de grasa corporal", "ИМТ 38".
    r"|de grasa|grasa|жир|imc\b|имт\b))"
)

# What clears a whole clause; a negation clears only the words it stands by.
_SENTENCES = re.compile(r"[.!?;…\n]+(?!\d)")
_CLEARING = ("resolved", "past", "conditional", "hypothetical", "others")
# How many words may stand between a negation and the words it negates, and after them.
_NEGATION_REACH = 3
_NEGATION_AFTER = 2


def plain(text: str) -> str:
    """Lowercased, accents and marks gone: how the tables read a message."""
    return _unmarked(text.lower())


def _unmarked(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pattern(parts: str | list[str]) -> re.Pattern[str]:
    # A table may write "случай" or "sí": it is read as the message is, without the marks.
    alternatives = [_unmarked(parts)] if isinstance(parts, str) else map(_unmarked, parts)
    body = "|".join(f"(?:{part})" for part in alternatives).replace("{FEVER_NUMBER}", FEVER_NUMBER)
    return re.compile(rf"\b(?:{body})", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What the table found in a message: the signs it names in clauses nothing clears, and
    whether a word that can tell of a sign stands in such a clause."""

    findings: list[Finding]
    named: bool
    # Whether the message uses a sign word at all, cleared or not.
    worded: bool


def _named_again(phrase: str, clause: str) -> bool:
    """Whether ``clause`` names again what ``phrase`` named: a word of four letters or more
    that begins as one of the phrase's does ("отекло" and "отек")."""
    stems = {word[:4] for word in re.findall(r"\w{4,}", phrase)}
    return any(word[:4] in stems for word in re.findall(r"\w{4,}", clause))


class Cues:
    """One language's cue table, compiled."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.signs = {sign: _pattern(parts) for sign, parts in table["signs"].items()}
        self.words = _pattern(table["words"])
        self.clearing = {key: _pattern(table[key]) for key in _CLEARING}
        self.negation = _pattern(table["negation"])
        self.negation_after = _pattern(table["negation_after"])
        self.denial = _pattern(table["denial"])
        self.mild = _pattern(table["mild"])
        self.persists = _pattern(table["persists"])
        self.nearly = _pattern(table["nearly"]) if "nearly" in table else None
        self.glue = _pattern(table["glue"]) if "glue" in table else None
        self.present = _pattern(table["present"])
        self.own = _pattern(table["self"])
        self.echo = _pattern(table["echo"])
        self.episodes = _pattern(table["episodes"])
        self.clauses = re.compile(table["clauses"], re.IGNORECASE)
        accented = table.get("accented", [])
        self.accented = re.compile(rf"\b(?:{'|'.join(accented)})\b") if accented else None

    def _plain(self, text: str) -> str:
        """The text as the table reads it; a word whose accent tells it apart ("sí" from
        "si") keeps the difference as a trailing "_"."""
        text = text.lower()
        if self.accented:
            text = self.accented.sub(lambda word: plain(word.group(0)) + "_", text)
        return plain(text)

    def _cleared(self, clause: str, *, now: bool) -> set[str]:
        """What clears a clause: it speaks of something over, long ago, imagined or someone
        else's. "Не проходит" and "опять" in its sentence (``now``) keep a sign here and now,
        and "у меня" keeps it the patient's."""
        found = {key for key, pattern in self.clearing.items() if pattern.search(clause)}
        if now:
            found -= {"resolved", "past"}
        if found == {"hypothetical"} and self.own.search(clause):
            # "¿Es normal que me cueste respirar?": asked of the patient's own.
            return {"unsure"}
        if "others" in found and self.own.search(self.clearing["others"].sub(" ", clause)):
            # "Mi suegra tiene 39 y estoy cuidándola": whose sign it is stays open.
            found = (found - {"others"}) | {"unsure"} if found == {"others"} else found
        return found

    def _negated(self, clause: str, found: re.Match[str]) -> bool:
        """Whether a negation stands by the words ``found`` ("температуры нет", "sin
        fiebre"), and no "не проходит" or "no para" says they are still there."""
        if self.persists.search(clause) or (self.nearly and self.nearly.search(clause)):
            return False
        before = self._reach(clause[: found.start()].split())
        after = " ".join(clause[found.end() :].split()[:_NEGATION_AFTER])
        return bool(
            self.negation.search(" ".join([*before, found.group(0)]))
            or (after and self.negation_after.search(after.strip(" ,:-")))
        )

    def _reach(self, words: list[str]) -> list[str]:
        """The words before a sign that a negation may stand among: the last few, and the
        glue between them."""
        counted = 0
        for at in range(len(words) - 1, -1, -1):
            if not (self.glue and self.glue.fullmatch(words[at])):
                counted += 1
                if counted == _NEGATION_REACH:
                    return words[at:]
        return words

    def _signs(self, clause: str) -> list[Finding]:
        findings = []
        for sign, pattern in self.signs.items():
            # "Sin fiebre, pero el pecho cerrado": a wording further on may stand.
            found = next(
                (f for f in pattern.finditer(clause) if not self._negated(clause, f)), None
            )
            if found:
                findings.append(Finding(sign, found.group(0)))
        return findings

    def _names(self, clause: str) -> bool:
        if self.mild.search(clause):
            return False
        return any(not self._negated(clause, found) for found in self.words.finditer(clause))

    def read(self, text: str) -> Reading:
        """The signs ``text`` names and whether it uses a sign word, clause by clause."""
        findings: list[Finding] = []
        # The findings before the last clause: what a clause that only says "no" goes back to.
        earlier: list[Finding] = []
        named = worded = False
        text = self._plain(text)
        # "Бывает такое? У меня как раз так": a question about the treatment, then "me too".
        echoed = bool(self.echo.search(text))
        for sentence in _SENTENCES.split(text):
            clauses = [clause for clause in self.clauses.split(sentence) if clause.strip()]
            # "Что делать, если покраснение расползается?": the whole sentence is imagined.
            imagined = not echoed and bool(self.clearing["conditional"].search(sentence))
            now = bool(self.persists.search(sentence) or self.present.search(sentence))
            someone_else = False
            for clause in clauses:
                worded = worded or bool(self.words.search(clause))
                cleared = self._cleared(clause, now=now)
                if echoed:
                    cleared -= {"conditional", "hypothetical"}
                if imagined:
                    cleared.add("conditional")
                mine = bool(self.own.search(clause) or self.present.search(clause))
                # "У мужа температура, он простыл": whoever the sentence is about stays its
                # subject until the patient speaks of themself.
                if someone_else and not mine:
                    cleared.add("others")
                someone_else = "others" in cleared or (someone_else and not mine)
                if "resolved" in cleared:
                    # "..., но потом прошло": what came before is over, but for an episode
                    # such as fainting, which needs a doctor even once it is over. A clause
                    # with sign words clears only the sign it names again ("отекло лицо,
                    # однако к обеду отёк прошёл"), not another ("губы опухли, синяк прошёл").
                    wordless = not self.words.search(clause)
                    findings = [
                        found
                        for found in findings
                        if self.episodes.search(found.phrase)
                        or not (wordless or _named_again(found.phrase, clause))
                    ]
                    named = bool(findings)
                if self.denial.fullmatch(clause.strip(" ,:-—–?!")):
                    # "Жар — нет", "Fiebre: no": the clause before is denied.
                    findings = [*earlier]
                earlier = [*findings]
                if cleared == {"unsure"}:
                    named = named or bool(self._signs(clause)) or self._names(clause)
                elif not cleared:
                    findings += self._signs(clause)
                    named = named or self._names(clause)
        # One finding per sign, in order of mention.
        first: dict[str, Finding] = {}
        for found in findings:
            first.setdefault(found.sign, found)
        return Reading(list(first.values()), named or bool(findings), worded or bool(findings))
