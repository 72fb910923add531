"""Russian and Spanish understanding on their own sets: FAQ matching and warning signs.

Each language has a development set (tests/data/dev/<language>, tuned on) and a blind set
(tests/data/blind/<language>), written by protocol before the language's matcher and
triage existed, by writers who saw nothing of the project but the FAQ entries; the blind
sets are never tuned on. ``pytest -s`` prints the figures per category. The asserted floors
are the figures measured on the blind sets, so that a change can only keep or better them;
where they fall short of the issue's targets the README says so.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from mesobot.content import load_catalogues
from mesobot.services import faq_neighbours, triage_net
from mesobot.services.faq import build_matcher

from .test_faq_matching import answered, figures, right, run

DATA = Path(__file__).parents[1] / "data"
CATALOGUES = load_catalogues()
LANGUAGES = ("ru", "es")


def load(kind: str, code: str, name: str) -> dict[str, list[dict[str, str]]]:
    return tomllib.loads((DATA / kind / code / f"{name}.toml").read_text("utf-8"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_sets_follow_the_protocol_at_half_the_english_sizes(code: str) -> None:
    for kind in ("blind", "dev"):
        faq, triage = load(kind, code, "faq"), load(kind, code, "triage")
        assert len(faq["question"]) >= 150 and len(faq["off_topic"]) >= 75
        assert {q["expect"] for q in faq["question"]} == set(CATALOGUES[code].faq)
        assert len(triage["warning"]) >= 100 and len(triage["harmless"]) >= 100
        assert len({w["sign"] for w in triage["warning"]}) == 9
        assert len({q["style"] for q in faq["question"]}) == 11


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_training_line_is_close_to_a_held_out_one(code: str) -> None:
    catalogue = CATALOGUES[code]
    taught = [e.lower() for entry in catalogue.faq.values() for e in entry.examples]
    taught += [m.lower() for m in catalogue.outside]
    training = tomllib.loads((DATA / "train" / code / "triage.toml").read_text("utf-8"))
    taught += [line["text"].lower() for line in training["warning"] + training["harmless"]]
    close = []
    for kind in ("blind", "dev"):
        for name in ("faq", "triage"):
            data = load(kind, code, name)
            for key in ("question", "off_topic", "warning", "harmless"):
                for case in data.get(key, []):
                    text = case["text"].lower()
                    found = process.extractOne(
                        text, taught, scorer=fuzz.token_sort_ratio, score_cutoff=88
                    )
                    if found:
                        close.append(found[0])  # the training line, never the held-out one
    assert close == []


# Measured on the blind sets: right share, off-topic answered.
# A short question judged with its message took them from 93.9% and 2, 92.8% and 2.
FAQ_FLOORS = {"ru": (0.95, 1), "es": (0.93, 2)}


@pytest.mark.parametrize("code", LANGUAGES)
def test_faq_matching_on_the_blind_set(code: str) -> None:
    matcher = build_matcher(CATALOGUES[code])
    print(figures(f"{code} development set", run(matcher, load("dev", code, "faq"))))
    results = run(matcher, load("blind", code, "faq"))
    print(figures(f"{code} blind set", results))
    at_least, leaks = FAQ_FLOORS[code]
    share, answered_off_topic = right(results[0]), len(answered(results[1]))  # numbers only
    assert share >= at_least
    assert answered_off_topic <= leaks


def triage_figures(code: str, name: str, data: dict[str, list[dict[str, str]]]) -> tuple[int, int]:
    """Print one set's figures; the warnings missed and the false alarms, as counts."""
    missed, alarms = Counter[str](), Counter[str]()
    for w in data["warning"]:
        missed[w["sign"]] += not triage_net.assess(w["text"], code).alarming
    for h in data["harmless"]:
        alarms[h["kind"]] += triage_net.assess(h["text"], code).alarming
    warnings, harmless = len(data["warning"]), len(data["harmless"])
    per_sign = Counter(w["sign"] for w in data["warning"])
    per_kind = Counter(h["kind"] for h in data["harmless"])
    print(
        f"\ntriage, {code} {name}: {warnings - missed.total()}/{warnings} warning signs "
        f"escalated, {alarms.total()}/{harmless} false alarms "
        f"({alarms.total() / harmless:.1%})\n  escalated per sign: "
        + ", ".join(f"{k} {n - missed[k]}/{n}" for k, n in sorted(per_sign.items()))
        + "\n  false alarms per kind: "
        + ", ".join(f"{k} {alarms[k]}/{n}" for k, n in sorted(per_kind.items()))
    )
    return missed.total(), alarms.total()


# Measured on the blind sets: warnings missed, false alarms (of 126 each). Recall first;
# the false alarms are over the 5% for Spanish (see the README). Spanish missed 2
# until the eleventh training set and thresholds chosen again by the same rule (the fewest
# warnings missed with at most 7% false alarms, left out in turn): 15 of 1,444 missed there
# either way, 166 false alarms instead of 181; here one more warning missed, one fewer alarm.
# The twelfth training sets and thresholds chosen again (recall first) took Russian to 126 of
# 126 with 4 false alarms and Spanish back to 124 with 7; more words for what is over, lists
# told as not seen, months, thousands, the weather and children in the cue tables, and
# thresholds chosen again, Russian 126 with 5. The round that added the seventh blind sets
# (see below): Russian 125 with 6, Spanish 126 with 9; the round that added the eighth (see
# below): Russian 126 with 6, Spanish 125 with 8.
# The round that added the tenth (below): ru 126 with 5, es 126 with 9.
# The round that added a nineteenth training set of near misses per language (see the
# tenth, below): ru 126 with 5, es 126 with 8.
TRIAGE_CEILINGS = {"ru": (0, 5), "es": (0, 8)}
# The second, written after the cue tables (see the README): ru 125/126 with 5, es 126/126
# with 8 before the round that added the seventh; after it, ru 125 with 4, es 126 with 9;
# after the round that added the eighth, ru 126 with 6.
# The round that added the tenth (below): ru 126 with 5, es 126 with 10.
# The round that added a nineteenth training set of near misses per language (see the
# tenth, below): ru 126 with 5, es 126 with 9.
SECOND_CEILINGS = {"ru": (0, 5), "es": (0, 9)}
# The third blind sets, written before the rounds that added the eighth to tenth training
# sets: before them, ru 125/126 with 16 false alarms and es 124/126 with 12; after them,
# ru 125 with 8 and es 125 with 11.
# The eleventh training set took them to ru 125 with 7, es 125 with 10; the twelfth and
# thresholds chosen again, ru 126 with 10 (every warning, three more false alarms); the cue
# tables' round after that, ru 125 with 9; the round that added the seventh, es 126 with 10;
# the round that added the eighth, ru 126 with 10.
# The round that added the ninth (below): ru 126 with 11, es 126 with 9.
# The round that added the tenth (below): ru 126 with 9, es 126 with 11.
# The round that added a nineteenth training set of near misses per language (see the
# tenth, below): ru 126 with 9, es 126 with 9.
THIRD_CEILINGS = {"ru": (0, 9), "es": (0, 9)}
# The fourth, written before the round that added the eleventh training sets (lines within
# 88% of a training or development line taken out unread): ru 125/126 with 6 false alarms of
# 121 before it and after; es 125/125 with 13 of 125 before, 11 after. The round after it:
# ru 126/126 with 8, es 125 with 10; the cue tables' round, ru 126 with 6; the round that
# added the seventh, ru 126 with 7, es 125 with 8.
# The round that added the ninth (below): ru 126 with 8, es 125 with 8.
# The round that added a nineteenth training set of near misses per language (see the
# tenth, below): ru 126 with 8, es 125 with 7.
FOURTH_CEILINGS = {"ru": (0, 8), "es": (0, 7)}
# The fifth, written before the round that added the thirteenth training sets (lines near a
# training line taken out unread): ru 129/132 with 9 false alarms of 131, es 132/135 with 11
# of 134, before it; after the round that added the seventh, ru 130 with 8, es 131 with 10;
# after the one that added the eighth, es 131 with 9.
# The round that added the ninth (below): ru 131 with 8, es 132 with 11.
# The round that added the tenth (below): ru 131 with 8, es 132 with 10.
# The round that added a nineteenth training set of near misses per language (see the
# tenth, below): ru 131 with 7, es 132 with 11.
FIFTH_CEILINGS = {"ru": (1, 7), "es": (3, 11)}
# The sixth, written after that round was measured on the fifth and left out (the thirteenth
# training sets and thresholds chosen again by the rule took the blind sets from 631 to 629
# warnings escalated in Russian and from 632 to 630 in Spanish, with more false alarms), and
# before the round it measures: ru 132/135 with 11 of 131, es 132/134 with 6 of 133; after
# the round that added the seventh, ru 131 with 10, es 133 with 6; the round that added the
# eighth, ru 131 with 11.
# The round that added the ninth (below): ru 131 with 11, es 132 with 5.
# The round that added the tenth (below): ru 131 with 11, es 133 with 6.
# The round that added a nineteenth training set of near misses per language (see the
# tenth, below): ru 131 with 11, es 133 with 5.
SIXTH_CEILINGS = {"ru": (4, 11), "es": (1, 5)}
# The seventh, written before the round it measures (lines near a training line taken out
# unread): ru 139/140 with 19 false alarms of 136, es 133/139 with 11 of 139. The round: the
# cue tables learnt from a development set of near misses per language that "больше" and
# "больница" are no pain, "ведёт себя" no dizziness, "comunico" no question and "con el"
# nobody else; that "следа не осталось", "остановлено", "купирована" and "no ha vuelto" tell
# of what is over; that "no se me ha hinchado" is negated across its small words (``glue``);
# that a sign's later wording counts when an earlier one is negated ("sin aire ... el pecho
# cerrado"); colleagues, relatives, "carnal" and television; "inflado", "agrandando",
# "no respiro bien" and "pérdida de conocimiento" as signs; that set and one of hard
# warnings became the thirteenth and fourteenth training sets, and thresholds were chosen
# again by the rule (Russian 0.35/0.35/0.4, Spanish 0.3/0.2/0.6). After it: ru 139 with 12,
# es 133 with 8. The round that added the eighth (below): ru 139 with 14, es 135 with 10.
# The round that added the ninth (below): ru 139 with 13, es 135 with 10.
# The round that added the tenth (below): ru 139 with 13, es 135 with 8.
# The round that added a nineteenth training set of near misses per language (see the
# tenth, below): ru 139 with 13, es 135 with 8.
SEVENTH_CEILINGS = {"ru": (1, 13), "es": (4, 8)}
# The eighth, written before the round it measures (lines near a training line taken out
# unread): ru 138/138 with 8 false alarms of 137, es 135/137 with 13 of 136. The round: a
# development set of hard warnings per language taught the cue tables new bruises without a
# knock ("moratones nuevos sin darme ningún golpe", "equimosis"), "nudo en el pecho", pain
# that "no responde a ibuprofeno" or is "ничем не снимается", "воздуха нет", a redness that
# "вылезло за линию", "ojos hechos bolas", "se apaga la tele", bruises counted in words
# ("одиннадцать дней"); it became the fifteenth training set, and thresholds were chosen
# again by the rule (Russian 0.35/0.35/0.45, Spanish 0.45/0.2/0.45). After it: ru 138 with
# 10, es 135 with 14.
# The round that added the ninth (below): ru 138 with 11, es 135 with 13.
# The round that added the tenth (below): ru 138 with 12, es 135 with 15.
# The round that added a nineteenth training set of near misses per language (see the
# tenth, below): ru 138 with 9, es 135 with 12.
EIGHTH_CEILINGS = {"ru": (0, 9), "es": (2, 12)}
# The ninth, written before the round it measures (lines near a training or development line
# taken out unread): ru 141/143 with 9 false alarms of 136, es 137/141 with 10 of 136. The
# round: a development set of near misses per language (past, imagined, numbers that are no
# temperature) taught the cue tables that a clause telling a sign is over clears that sign
# when it names it again ("отекло лицо, однако к обеду отёк прошёл"), "болше" as "больше",
# "в прошлую среду", "первые сутки", "никуда", a shower, a jacuzzi or a product kept under
# 40 degrees, a typo of "sangrar"; it became the sixteenth training set, and thresholds were
# chosen again by the rule (Russian 0.35/0.25/0.5, Spanish 0.4/0.2/0.5). A second
# development set of hard warnings, read only after it had checked the round (ru 129/130
# with 7 false alarms of 48 before, 128 with 6 after; es 123/128 with 4 of 50 before, 124
# with 4 after), added pain "не памагают", eyes that rolled back, a Fahrenheit reading
# beside "termómetro" and a redness "hasta el cuello", and became the seventeenth. After the
# round: ru 142 with 10, es 137 with 9.
# The round that added the tenth (below): ru 142 with 10, es 138 with 11.
# The round that added a nineteenth training set of near misses per language (see the
# tenth, below): ru 142 with 10, es 138 with 9.
NINTH_CEILINGS = {"ru": (1, 10), "es": (3, 9)}
# The tenth, written before the round it measures (lines near a training or development line
# taken out unread): ru 142/143 with 6 false alarms of 138, es 138/139 with 11 of 142. The
# round: an eighteenth training set of hard warnings per language (Russian 134 of 134
# before it, Spanish 133 of 135) taught the Spanish table "nacido" (a boil), redness that
# "se me pasó pa la nuca" (a direction, not over), "bien hinchado" (very, not well), pets and
# a cabin "hacía 38 grados"; thresholds chosen again by the rule (Russian 0.4/0.25/0.5,
# Spanish 0.3/0.25/0.6). After it: ru 142 with 6, es 138 with 10.
# Then a nineteenth training set of near misses per language (Russian 19 false alarms of 213
# before it, Spanish 25 of 215) taught the tables what something looks like ("¿qué pinta
# tiene el pus?"), "¿sería...?", "es verdad que", "a partir de cuánta temperatura", "lo del
# pecho apretado de ayer", a page that is a maze, a car's thermometer, "ni con fiebre";
# "сколько должно кровить", what is written about a medicine, prices "просто обморок", a
# smell of coffee, a weight on a form, "тоже нет"; thresholds chosen again by the rule
# (Russian 0.4/0.25/0.45, Spanish 0.4/0.2/0.45). After it: ru 142 with 6, es 137 with 10.
TENTH_CEILINGS = {"ru": (1, 6), "es": (2, 10)}


@pytest.mark.parametrize("code", LANGUAGES)
def test_warning_signs_on_the_blind_set(code: str) -> None:
    triage_figures(code, "development set (trained on)", load("dev", code, "triage"))
    missed, alarms = triage_figures(code, "blind set", load("blind", code, "triage"))
    most_missed, most_alarms = TRIAGE_CEILINGS[code]
    assert missed <= most_missed
    assert alarms <= most_alarms


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "ceilings"),
    [
        ("second", SECOND_CEILINGS),
        ("third", THIRD_CEILINGS),
        ("fourth", FOURTH_CEILINGS),
        ("fifth", FIFTH_CEILINGS),
        ("sixth", SIXTH_CEILINGS),
        ("seventh", SEVENTH_CEILINGS),
        ("eighth", EIGHTH_CEILINGS),
        ("ninth", NINTH_CEILINGS),
        ("tenth", TENTH_CEILINGS),
    ],
)
def test_warning_signs_on_the_later_blind_sets(
    code: str, name: str, ceilings: dict[str, tuple[int, int]]
) -> None:
    data = load("blind", code, f"triage_{name}")
    assert len(data["warning"]) >= 100 and len(data["harmless"]) >= 100
    missed, alarms = triage_figures(code, f"{name} blind set", data)
    most_missed, most_alarms = ceilings[code]
    assert missed <= most_missed
    assert alarms <= most_alarms


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_shipped_models_are_current(code: str) -> None:
    from mesobot.services.faq_model import FaqModel, artefact, digest

    folder, training = triage_net.folders(code)
    lines = triage_net.training_lines(folder, training=training)
    shipped = FaqModel.load(triage_net.artefact(code))
    assert shipped.fingerprint == digest(*lines)
    assert FaqModel.load(artefact(code)).classes  # the FAQ model loads


@pytest.mark.parametrize(
    ("text", "patient", "read_in"),
    [
        ("У моего мужа температура 38,4, он простыл", "ru", ["ru"]),
        ("u muzha temperatura 39, a mne zavtra na mezo", "ru", ["ru"]),
        ("I have a fever of 39 since last night", "ru", ["en", "ru"]),
        ("mi mujer tiene 38,5 de fiebre, puedo ir igual?", "es", ["es"]),
        ("тяжело дышать", "en", ["ru"]),
        # "Pus" is Spanish too, but nothing else here is.
        ("fever and pus everywhere", "en", ["en"]),
        ("me sale pus de los granos", "en", ["en", "es"]),
        ("tengo fiebre", None, ["en", "es"]),
    ],
)
def test_a_message_is_read_in_the_languages_it_is_written_in(
    text: str, patient: str | None, read_in: list[str]
) -> None:
    assert triage_net.languages_of(text, patient) == read_in


def test_a_russian_message_about_someone_else_gets_no_checklist_from_english_numbers() -> None:
    # English's rules read "38,4" as a fever; they know nothing of "у мужа".
    assert not triage_net.assess("У моего мужа температура 38,4, он простыл", "ru").alarming
    assert triage_net.assess("У меня температура 38,4 после уколов", "ru").alarming


@pytest.mark.parametrize(
    ("code", "text", "entry", "honest"),
    [
        ("ru", "Можно ли мыть голову шампунем в день процедуры?", "aftercare", False),
        ("ru", "Через сколько после сеанса можно в баню?", "aftercare", False),
        ("ru", "Пью миноксидил, можно ли совмещать его с мезотерапией?", "combining", True),
        ("ru", "Сколько миноксидила в день мне пить?", "combining", False),
        ("ru", "Сколько длится один сеанс мезотерапии?", "session_length", True),
        ("es", "¿Puedo teñirme el pelo la semana después de la sesión?", "aftercare", False),
        ("es", "¿Me cubre el seguro médico la mesoterapia?", "cost", False),
        ("es", "¿Puedo seguir con el minoxidil durante el tratamiento?", "combining", True),
        # "Tenido" is "had", not "teñido"; "seguro" alone is "safe".
        ("es", "No he tenido tiempo de leer nada: ¿es seguro?", "safety", True),
    ],
)
def test_a_question_naming_what_no_entry_speaks_of_is_not_answered_by_the_nearest(
    code: str, text: str, entry: str, honest: bool
) -> None:
    table = faq_neighbours.neighbours(code)
    assert table is not None
    assert table.honest(text, entry) is honest


@pytest.mark.parametrize(
    ("text", "native"),
    [
        ("u menya temperatura 38,5 i shcheki opukhli", "у меня температура 38,5 и щеки опухли"),
        ("kakie pobochnye effekty byvayut?", "какие побочные еффекты бывают?"),
        # Cyrillic already, or mixed: left as written.
        ("болит голова", "болит голова"),
        ("Привет, hi", "Привет, hi"),
    ],
)
def test_russian_typed_in_latin_letters_is_read_in_cyrillic(text: str, native: str) -> None:
    assert CATALOGUES["ru"].language.native(text) == native
    assert CATALOGUES["es"].language.native("hola") == "hola"  # no table: as written


def test_a_russian_question_and_warning_in_latin_letters_are_understood() -> None:
    found = build_matcher(CATALOGUES["ru"]).match("komu nelzya delat mezoterapiyu?")
    assert (found.verdict.value, found.entries) == ("answer", ("who_not",))
    reading = triage_net.assess("u menya sil'no opukhli guby posle ukolov", "ru")
    assert [finding.sign for finding in reading.findings] == ["face_swelling"]
