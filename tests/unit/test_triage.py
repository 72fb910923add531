"""Warning-sign triage: the blind and development sets, then negation, past tense, clauses
and typos.

The blind set (tests/data/blind/triage.toml, the second one) was written by protocol before
the triage changed and is never tuned on; the development sets (tests/data/dev/triage*.toml)
are tuned on, and the triage net (mesobot.services.triage_net) is trained on them, so their
figures here are a fit, not a measure (``python -m bench.understanding`` prints them with each
set left out of the training in turn). A warning counts as escalated when the message gets the
urgent reply or, failing a named sign, the warning-sign checklist; a harmless line raising
either is a false alarm. ``pytest -s`` prints the figures per sign and per kind.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from mesobot.content import load_catalogue
from mesobot.domain.triage import SIGNS, Assessment, Finding, check
from mesobot.services import triage_net
from mesobot.services.faq_model import FaqModel, digest

DATA = Path(__file__).resolve().parents[1] / "data"
BLIND = tomllib.loads((DATA / "blind" / "triage.toml").read_text("utf-8"))
# Written later, by the same protocol and without seeing the project; measured, never tuned on.
THIRD_BLIND = tomllib.loads((DATA / "blind" / "triage_third.toml").read_text("utf-8"))
FOURTH_BLIND = tomllib.loads((DATA / "blind" / "triage_fourth.toml").read_text("utf-8"))
FIFTH_BLIND = tomllib.loads((DATA / "blind" / "triage_fifth.toml").read_text("utf-8"))
SIXTH_BLIND = tomllib.loads((DATA / "blind" / "triage_sixth.toml").read_text("utf-8"))
SEVENTH_BLIND = tomllib.loads((DATA / "blind" / "triage_seventh.toml").read_text("utf-8"))
# Lines within 88% of a development or training line were taken out unread.
EIGHTH_BLIND = tomllib.loads((DATA / "blind" / "triage_eighth.toml").read_text("utf-8"))
# The ninth, and more lines for it written by the same protocol to keep the protocol's sizes
# once lines near a development or training line were taken out; both measured before the
# round they measure.
_NINTH = [
    tomllib.loads((DATA / "blind" / f"{name}.toml").read_text("utf-8"))
    for name in ("triage_ninth", "triage_ninth_more")
]
NINTH_BLIND = {kind: [case for part in _NINTH for case in part[kind]] for kind in _NINTH[0]}
# The tenth, written before the round it measures (lines near a training line taken out unread).
TENTH_BLIND = tomllib.loads((DATA / "blind" / "triage_tenth.toml").read_text("utf-8"))
ELEVENTH_BLIND = tomllib.loads((DATA / "blind" / "triage_eleventh.toml").read_text("utf-8"))
TWELFTH_BLIND = tomllib.loads((DATA / "blind" / "triage_twelfth.toml").read_text("utf-8"))
THIRTEENTH_BLIND = tomllib.loads((DATA / "blind" / "triage_thirteenth.toml").read_text("utf-8"))
FOURTEENTH_BLIND = tomllib.loads((DATA / "blind" / "triage_fourteenth.toml").read_text("utf-8"))
DEVELOPMENT = {
    path.stem: tomllib.loads(path.read_text("utf-8"))
    for path in sorted((DATA / "dev").glob("triage*.toml"))
}
MAX_FALSE_ALARM_RATE = 0.05


def signs(text: str) -> set[str]:
    return {finding.sign for finding in check(text)}


def figures(name: str, data: dict[str, list[dict[str, str]]]) -> tuple[list[str], list[str]]:
    """Print the figures for one set, read as the bot reads an English patient's messages;
    the missed warnings and the false alarms."""
    missed = [w["text"] for w in data["warning"] if not triage_net.assess(w["text"], "en").alarming]
    alarms = [h["text"] for h in data["harmless"] if triage_net.assess(h["text"], "en").alarming]
    per_sign, caught = Counter(w["sign"] for w in data["warning"]), Counter[str]()
    for w in data["warning"]:
        caught[w["sign"]] += w["text"] not in missed
    per_kind, raised = Counter(h.get("kind", "-") for h in data["harmless"]), Counter[str]()
    for h in data["harmless"]:
        raised[h.get("kind", "-")] += h["text"] in alarms
    warnings, harmless = len(data["warning"]), len(data["harmless"])
    print(
        f"\ntriage, {name}: {warnings - len(missed)}/{warnings} warning signs escalated, "
        f"{len(alarms)}/{harmless} false alarms ({len(alarms) / harmless:.1%})"
        "\n  escalated per sign: "
        + ", ".join(f"{k} {caught[k]}/{n}" for k, n in sorted(per_sign.items()))
        + "\n  false alarms per kind: "
        + ", ".join(f"{k} {raised[k]}/{n}" for k, n in sorted(per_kind.items()))
    )
    return missed, alarms


def counted(name: str, data: dict[str, list[dict[str, str]]]) -> tuple[int, int]:
    """A blind set's figures, printed; the warnings missed and the false alarms as counts,
    so that a failing assertion shows numbers, never the set's texts."""
    missed, alarms = figures(name, data)
    return len(missed), len(alarms)


# --- the sets ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        BLIND,
        THIRD_BLIND,
        FOURTH_BLIND,
        FIFTH_BLIND,
        SIXTH_BLIND,
        SEVENTH_BLIND,
        EIGHTH_BLIND,
        NINTH_BLIND,
        TENTH_BLIND,
        ELEVENTH_BLIND,
        TWELFTH_BLIND,
        THIRTEENTH_BLIND,
        FOURTEENTH_BLIND,
    ],
    ids=[
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
    ],
)
def test_the_blind_set_follows_the_protocol(data: dict[str, list[dict[str, str]]]) -> None:
    assert len(data["warning"]) >= 200 and len(data["harmless"]) >= 200
    per_sign = Counter(case["sign"] for case in data["warning"])
    assert len(per_sign) == 9 and min(per_sign.values()) >= 20
    # Every style of the protocol (the fourth adds "question" to the eleven).
    assert len({case["style"] for case in data["warning"]}) >= 11


def test_the_signs_match_the_content_file() -> None:
    assert set(load_catalogue().warnings) == SIGNS


def test_blind_set_false_alarms_stay_under_five_percent() -> None:
    _, alarms = counted("blind set", BLIND)
    assert alarms <= MAX_FALSE_ALARM_RATE * len(BLIND["harmless"])


def test_blind_set_warning_signs_escalated() -> None:
    missed, _ = counted("blind set", BLIND)
    # The target is every one; see the README (Questions and warning signs).
    assert missed <= 3


# Later blind sets, measured before and after rounds of changes; the figures they gave,
# short of the targets (every warning, at most 5% false alarms), kept from getting worse:
# - third: 4 missed and 17 false alarms first; the net trained on the ninth development set
#   too left two more warnings just under its threshold (see the README); now 3 and 9;
# - fourth: 2 and 17 before its round; now 1 and 15;
# - fifth: 4 and 16 before the rounds after it; now 3 and 13;
# - sixth: 7 and 13 before two rounds; 2 and 13 after;
# - seventh: 5 and 17 before the round that added it; 3 and 11 after; 2 and 11 after the next;
# - eighth: 1 and 6 before the round after it; 0 and 5 after;
# - ninth: 3 and 9 before the round after it; 2 and 9 after; 3 and 10 after the latest;
# - tenth: 2 and 10 (of 229) before the round after it; the same after; 2 and 9 after the next.
# That round (a sixteenth development set; thresholds chosen again by the rule, recall first)
# cost the third, fourth and seventh one false alarm each, the sixth two. The latest (a
# seventeenth development set of near misses, thresholds chosen again by the same rule) took
# one false alarm each off the third, fourth and sixth. The round after the tenth was written
# (an eighteenth development set of near misses; rules for a bruise that has grown since a day
# named, someone's possessive, a story on television, a worry about fainting, "let's say",
# infections of other organs; the named-symptom threshold chosen again by the rule, 70%) took
# a warning fewer missed off the fifth and seventh, false alarms 12 to 9 off the fifth, 15 to
# 14, 12 to 11 and 10 to 8 off the fourth, seventh and ninth, and cost the third one (9 to 10).
# Then a denial after the sign in a clause of its own, a risk "there is", what a leaflet lists
# and a "now" after a recovery: one false alarm fewer each on the fourth and sixth. Then 40
# hedged intake answers ("the genetic one I reckon") as training lines, and thresholds chosen
# again by the rule (45%, 60%, 30%): the fifth every warning (2 more), the ninth one more and
# one more false alarm, the third, sixth and tenth 1, 2 and 1 false alarms fewer.
# - eleventh: every warning and 14 false alarms of 228 before the round after it. That round
#   (a nineteenth development set of near misses; "interaction" no typo of "infection", "hay
#   fever" and its like, "didn't last", "dried out", "no recurrence", "keep an eye out",
#   "the word abscess", "is it things like"; thresholds chosen again by the rule, 55% with or
#   without symptom words, 30%) left it as it was, took one false alarm each off the fourth,
#   sixth and ninth, and cost the seventh and tenth a warning each.
# - twelfth: 221 of 223 warnings and 14 false alarms of 218 before the round after it. That
#   round (a twentieth development set of hard warnings; rules for a smell however spelt,
#   redness that has reached an ear or grows wider each day, a face like a moon, a kettle
#   when breathing in, an inhaler that does not help, sight gone grainy, nearly toppling,
#   new bruises nothing explains; the unclear threshold chosen again by the rule, 35%) took
#   it to 222 with 14, the ninth to 231, and cost the fifth a warning and a false alarm, the
#   fourth one false alarm and the eighth two.
# - thirteenth: every warning and 11 false alarms of 220 before the round after it. That
#   round (a twenty-first development set of near misses told in the past, imagined or with
#   numbers that are no temperature; rules for what lasted only minutes, "fine since", "that
#   was it", "hasn't started again", a near faint read as dizziness, "freaking out that I'll",
#   a condition the patient has, hot tubs and thermostats; thresholds chosen again by the
#   rule, 40%, 60% and 45%) took it to 14 false alarms. Left out in turn, the development
#   sets went from 13 of 3,636 warnings missed and 214 false alarms of 4,318 to 10 and 207;
#   on the blind sets the round missed as many warnings in all (13) and raised 4 more false
#   alarms: one warning more on the seventh and tenth, one fewer on the ninth and twelfth;
#   false alarms one fewer on the second, fifth and eleventh, two fewer on the eighth, one
#   more on the ninth, tenth and twelfth, three more on the sixth.
# - fourteenth: 230 of 232 warnings and 17 false alarms of 224 before the round after it. That
#   round (a twenty-second development set of near misses: other people, figures of speech,
#   general questions, negations, numbers; rules for a temperature measured normal since,
#   "barely there", "it's all over", redness that "shrank back", bleeding that "stopped" or
#   "wouldn't stop at first", "one lady", what people mention, how common, "fever pitch", "40%
#   off", scales and suitcases; ten consent answers as training lines, as "yes I have read it
#   and I agree" scored near the bar; thresholds chosen again by the rule, 35%, 60% and 40%)
#   took it to 231 with 17. Left out in turn, the development sets went from 12 of 3,725
#   warnings missed and 212 false alarms of 4,573 to 10 and 222 (4.9%); on the blind sets as
#   many warnings missed in all (15) and 6 fewer false alarms: the thirteenth lost a warning
#   and the fourteenth gained one; false alarms 2, 2 and 3 fewer on the fifth, sixth and
#   twelfth, one fewer on the tenth, one more on the fourth and seventh.
#   A third round (a twenty-third development set of near misses and of warnings that sound
#   over but are not; rules for "would I know if", "in the event of", "what I'd do if", a
#   known reaction, "woke up totally normal", "crept" and "hung" as past tense, "on the 3rd",
#   "already less", photos that nearly made one faint, redness that reaches the eyebrows;
#   thresholds chosen again by the rule, 40%, 60% and 35%: left out in turn, 11 of 3,804
#   missed either way, 223 false alarms of 4,752 instead of 233) cost the sixth and the
#   fourteenth a warning each and saved one false alarm each on the third, fourth, seventh,
#   tenth, eleventh, twelfth and fourteenth.
@pytest.mark.parametrize(
    ("name", "data", "most_missed", "most_alarms"),
    [
        ("third", THIRD_BLIND, 3, 8),
        ("fourth", FOURTH_BLIND, 1, 13),
        ("fifth", FIFTH_BLIND, 1, 7),
        ("sixth", SIXTH_BLIND, 2, 11),
        ("seventh", SEVENTH_BLIND, 1, 11),
        ("eighth", EIGHTH_BLIND, 0, 5),
        ("ninth", NINTH_BLIND, 2, 9),
        ("tenth", TENTH_BLIND, 2, 8),
        ("eleventh", ELEVENTH_BLIND, 0, 12),
        ("twelfth", TWELFTH_BLIND, 2, 11),
        ("thirteenth", THIRTEENTH_BLIND, 1, 14),
        ("fourteenth", FOURTEENTH_BLIND, 2, 16),
    ],
)
def test_the_later_blind_sets(
    name: str, data: dict[str, list[dict[str, str]]], most_missed: int, most_alarms: int
) -> None:
    missed, alarms = counted(f"{name} blind set", data)
    assert missed <= most_missed
    assert alarms <= most_alarms


@pytest.mark.parametrize("name", sorted(DEVELOPMENT))
def test_development_sets(name: str) -> None:
    missed, alarms = figures(f"development set {name}", DEVELOPMENT[name])
    # A temperature asked about in one sentence and read off in the next; a pain score that
    # rises over three clauses ("4/10 on Tuesday, 6 yesterday, 9 today").
    assert len(missed) <= {"triage_first_blind": 1, "triage_eighth": 1}.get(name, 0), missed
    # The ninth to twelfth sets were written to be hard: near misses that share words with
    # warning signs (the eleventh's rules alone alarm on 26 of its 225).
    hard = {"triage_ninth": 0.075, "triage_tenth": 0.075}
    hard |= {"triage_eleventh": 0.125, "triage_twelfth": 0.1}
    # The seventeenth too: a faint at an earlier session counts even once it is over.
    hard |= {"triage_seventeenth": 0.07}
    # And the nineteenth, of near misses (24 of 251 false alarms before its round).
    hard |= {"triage_nineteenth": 0.07}
    # The twentieth is of hard warnings, with few harmless lines (4 of its 58 alarm).
    hard |= {"triage_twentieth": 0.07}
    ceiling = hard.get(name, MAX_FALSE_ALARM_RATE)
    assert len(alarms) <= ceiling * len(DEVELOPMENT[name]["harmless"]), alarms


def test_the_shipped_triage_net_was_trained_on_the_development_sets_as_they_are() -> None:
    model = FaqModel.load(triage_net.ARTEFACT)
    assert model.fingerprint == digest(*triage_net.training_lines()), "run mesobot faq-model"


def test_the_net_gives_the_checklist_where_the_rules_have_no_words_and_not_for_chat() -> None:
    net = triage_net.shared_net()
    for words in (
        "feels like someone is sitting on my chest",
        "lips feel like two sausages",
        "I keep feeling like the floor is moving under me",
    ):
        assert check(words) == []
        assert net.assess(words) == Assessment([], unclear=True)
    for harmless in ("ok", "thanks, see you on Tuesday", "👍", "what time do you open?"):
        assert not net.assess(harmless).alarming, harmless


@pytest.mark.parametrize(
    "text",
    [
        "next Tuesday at 3 if that works",
        "every three weeks please",
        "I live near Leeds",
        "I'm honestly not too sure about that one",
        "I think it was about a week ago",
        "can we do the afternoon instead",
        "yes I have read it and I agree",
    ],
)
def test_answers_typed_during_intake_get_no_checklist(text: str) -> None:
    assert not triage_net.shared_net().assess(text).alarming


# --- what a finding says -----------------------------------------------------------------


def test_a_finding_names_the_sign_and_the_patients_words() -> None:
    assert check("my scalp is oozing pus since this morning") == [Finding("pus", "oozing")]
    assert check("i think i have a feaver") == [Finding("fever", "feaver")]
    assert check("the red area is getting bigger") == [
        Finding("spreading_redness", "red area is getting bigger")
    ]


def test_one_finding_per_sign_in_order_of_mention() -> None:
    findings = check("I'm dizzy, I have a fever and a fever of 39, and I can't breathe")
    assert [finding.sign for finding in findings] == ["fainting", "fever", "breathing"]


@pytest.mark.parametrize("text", ["", "   ", "ok", "👍", "...", "?!"])
def test_empty_and_trivial_messages_are_harmless(text: str) -> None:
    assert check(text) == []


# --- negation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "no fever",
        "I don't have a fever",
        "I do not have a fever",
        "without any pus",
        "free of pain",
        "pain-free since the session",
        "no longer dizzy",
        "I'm not dizzy anymore",
        "my lips aren't swollen",
        "no swelling of my face or lips",
        "no trouble breathing",
        "the redness isn't spreading",
        "the pain is not getting worse",
        "I've never fainted",
        "None of that, just a small bruise",
    ],
)
def test_negated_signs_do_not_trigger(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # A negation word that belongs to the sign itself or to something else.
        ("I can't breathe", "breathing"),
        ("I'm not sure if it's related, but I have a fever", "fever"),
        ("no idea why my face is swelling", "face_swelling"),
        ("no fever, but my throat feels tight", "face_swelling"),
        ("the bruise hasn't gone after more than a week", "long_bruising"),
        ("the swelling in my lips hasn't gone down", "face_swelling"),
        ("I wasn't dizzy yesterday but I am today", "fainting"),
    ],
)
def test_negation_is_scoped(text: str, sign: str) -> None:
    assert sign in signs(text)


# --- past, resolved and present ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the swelling on my lips went down",
        "I had a fever last week but it's gone",
        "had a temperature last week, all good now",
        "the redness has faded",
        "I was dizzy yesterday, fine now",
        "I was a bit lightheaded but that passed",
        "my face was swollen the first night but it has settled",
        "I used to faint at the sight of needles",
        "the fever broke last night",
    ],
)
def test_past_and_resolved_signs_do_not_trigger(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I had a fever yesterday and still have it", "fever"),
        ("my lips swelled up and are still swollen", "face_swelling"),
        ("the redness went down but now it's spreading again", "spreading_redness"),
        ("the fever went away, but it came back tonight", "fever"),
        ("the pain went down and then got way worse", "severe_pain"),
        ("I was dizzy last week and I'm still dizzy now", "fainting"),
        ("the redness is going down my neck", "spreading_redness"),
        # Fainting is an event: having fainted needs a doctor even if it is over now.
        ("I fainted yesterday but I'm fine now", "fainting"),
    ],
)
def test_present_or_ongoing_signs_trigger_after_past_tense(text: str, sign: str) -> None:
    assert sign in signs(text)


def test_a_clause_with_both_a_recovery_and_a_present_cue_triggers() -> None:
    assert signs("the swelling went down and now my lips are puffing up again") == {"face_swelling"}


# --- severity cues for reported side effects ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a bit of redness",
        "some swelling on my scalp",
        "small bruise",
        "it stings a little",
        "mild pain",
        "bruising since yesterday",
        "the bruise is still there after 3 days",
        "thank you so much, just a little pain",
    ],
)
def test_side_effects_without_a_severity_cue_do_not_trigger(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("redness keeps spreading", "spreading_redness"),
        ("the swelling keeps getting bigger", "face_swelling"),
        ("my face is swelling", "face_swelling"),
        ("excruciating pain", "severe_pain"),
        ("pain is getting worse", "severe_pain"),
        ("bruise still there after 10 days", "long_bruising"),
        ("bruising for two weeks", "long_bruising"),
        ("10 days later the bruise is still there", "long_bruising"),
    ],
)
def test_side_effects_with_a_severity_cue_trigger(text: str, sign: str) -> None:
    assert sign in signs(text)


# --- clauses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no fever, but there is pus", {"pus"}),
        ("no pus; however the redness is spreading", {"spreading_redness"}),
        ("I don't feel dizzy. My lips are swollen.", {"face_swelling"}),
        ("No swelling although I feel faint", {"fainting"}),
        ("The session was fine though I'm short of breath", {"breathing"}),
        ("no fever and no pus but I fainted", {"fainting"}),
    ],
)
def test_clauses_are_judged_separately(text: str, expected: set[str]) -> None:
    assert signs(text) == expected


def test_a_sign_in_the_middle_of_a_long_message_is_found() -> None:
    text = (
        "Hi! The session went fine and the nurse was lovely. Can I move the next one to "
        "Friday? Oh, and since this afternoon there's yellow stuff coming out of one spot. "
        "Also, when can I wash my hair?"
    )
    assert signs(text) == {"pus"}


# --- typos and everyday words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("feaver", "fever"),
        ("fevr since last night", "fever"),
        ("temp of 39", "fever"),
        ("so dizy", "fainting"),
        ("dizzzzy", "fainting"),
        ("my tongue feels swolen", "face_swelling"),
        ("difficulty brething", "breathing"),
        ("cant breath", "breathing"),
        ("excrutiating pain", "severe_pain"),
        ("redness spredding", "spreading_redness"),
        ("the bruse is still there after 9 days", "long_bruising"),
        ("faintd in the shower", "fainting"),
        ("lightheded", "fainting"),
        ("FEVER!!!", "fever"),
        ("I\u2019m feeling light-headed", "fainting"),
    ],
)
def test_typos_and_spelling_variants_trigger(text: str, sign: str) -> None:
    assert sign in signs(text)


@pytest.mark.parametrize(
    "text",
    [
        # Real words one letter away from a sign word are not typos of it.
        "I got injected in 20 spots",
        "I'm fasting this week",
        "I've been spending a lot on shampoo",
        "I brushed my hair gently",
        "I'm lighthearted about it",
        "that feels better",
        "I'm so excited, I can't wait",
    ],
)
def test_real_words_are_not_corrected_into_signs(text: str) -> None:
    assert check(text) == []


# --- questions and other people ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "What should I do if I get a fever?",
        "Can it cause swelling in the face?",
        "Is fever a side effect?",
        "what are the signs of infection",
        "Can the bruising last more than a week?",
        "my sister fainted at her wedding",
    ],
)
def test_hypothetical_and_general_questions_do_not_trigger(text: str) -> None:
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Is it normal to have a fever after the session?", "fever"),
        ("my husband says my face looks swollen", "face_swelling"),
        ("I don't know if it's a fever but I'm burning up", "fever"),
    ],
)
def test_questions_about_the_patients_own_state_trigger(text: str, sign: str) -> None:
    assert sign in signs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Swelling that "went down in an hour" is over; "went down in the kitchen" is a faint.
        ("My lips were a little swollen, but it went down in an hour", set()),
        ("I went down in the kitchen and hit my head", {"fainting"}),
        # Someone else's, by a short name or a kin word first.
        ("DH has temp 38.7, ok for me to come tmrw?", set()),
        ("Son 38.9 since 6am, I'll need to move my 10:30", set()),
        ("the kiddo's burning up and wheezy, gotta bail on today", set()),
        # Asking what counts, or imagining.
        ("Is 37.4 considered a fever or is that still normal?", set()),
        ("Would I need to worry if my scalp went red and weepy?", set()),
        # Pain that nothing relieves, or that keeps the patient awake.
        ("pain ++ since inj, not relieved by meds", {"severe_pain"}),
        ("the throbbing keeps me awake at night", {"severe_pain"}),
        ("co-codamol does nothing for the ache", {"severe_pain"}),
        ("I could not sleep from excitement", set()),
        # Kin by age or named first, but not "mate", which addresses the reader.
        ("My 7 year old's got chickenpox and a fever of 38.4, am I still ok to come in?", set()),
        ("Kids both have 38.9 temps, can I move my 10am?", set()),
        ("mate there's blood everywhere, pillow's soaked", {"bleeding"}),
        # Figures of speech, a list of noes, and over.
        ("I nearly fainted at the price, but it's worth it", set()),
        ("Honestly, my jaw hit the floor at how quick it was", set()),
        ("Fever: no. Dizziness: no. Bleeding that won't stop: no.", set()),
        ("had the shivers for an hour on Saturday night, over it now", set()),
        # A reading given as where one is, but not an address.
        ("also fyi I'm at 101.8 today, can we move it to Friday?", {"fever"}),
        ("I'm at 102 Harley Street at 10", set()),
    ],
)
def test_what_the_seventh_and_eighth_development_sets_taught(text: str, expected: set[str]) -> None:
    assert signs(text) == expected


@pytest.mark.parametrize(
    ("text", "alarming"),
    [
        # Someone named by first name, or a place in the queue; the patient signing is not.
        ("The woman before me in the waiting room went white and fainted", False),
        ("Emma here, fever 38.5 since last night", True),
        ("Hi it's Sophie, I fainted this morning", True),
        # Work, a wait or a blood test; a head that is killing me.
        ("can i reschedule my next session? work is killing me this week", False),
        ("my scalp is absolutely killing me, like 10/10", True),
        ("Do I bring the blood test results from my GP?", False),
        ("there is blood on my pillow", True),
        # Rest and baths, not chills or heat; a confusing receipt, not confusion.
        ("is it cool to hit the gym after or do I gotta chill for a day", False),
        ("Is it alright to have a hot bath the evening after?", False),
        ("i have the chills and feel awful", True),
        ("My receipt is confusing, can you check it?", False),
        # A labelled figure, excitement, and what is only imagined.
        ("Day 101 of my hair journey and still going strong!", False),
        ("I'm burning up with excitement for session two, ha", False),
        ("temp 101 and shaking", True),
        ("is it possible to be allergic to the serum, like would my face swell?", False),
        ("My worst fear is getting an infection, what should I watch for?", False),
        ("a friend told me people get infections from these", False),
        ("Temp 36.8, 0 bruises, 0 bleeding, day 2 after session 4.", False),
        ("I have an infection, there's pus coming out", True),
        # The tenth: idioms, prices, a faint mark, clean since, "for her" in a question.
        ("Sweating blood over my tax return today, send snacks.", False),
        ("Saw the bill and nearly passed out, worth it though", False),
        ("38,9 € for the cooling mask?? bit steep", False),
        ("I paid £39.50 and now I have a fever of 38.6", True),
        ("Day 2: faint pink marks, you really have to hunt for them.", False),
        ("I feel faint", True),
        (
            "The spotting of blood on my pillow was only the first night, it's been clean since.",
            False,
        ),
        ("My mum gets dizzy when she stands up too quickly, is it safe for her?", False),
        ("asking for her: she fainted after her session", True),
        ("I can only manage a few words before I have to stop and pant", True),
        # Over, though "now" or "again" follows; still here when it is asked about.
        ("The little whitehead I had on my chin last week has gone, skin's clear again.", False),
        ("Fever 38.4 on the 2nd, gone by the 3rd, fine for 5 days now", False),
        ("Is it normal for pus to be coming out of the injection sites?", True),
        ("there's a sour smell coming from one of the injection spots", True),
        ("should I be worried about a red streak going from my scalp down my neck?", True),
        ("My kids say I'm hot as a radiator to touch and I can't stop shivering.", True),
        ("Also I've been dizzy and faint on and off all day, had to lie down at work.", True),
    ],
)
def test_what_the_ninth_development_set_taught(text: str, alarming: bool) -> None:
    assert triage_net.assess(text, "en").alarming is alarming


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The fifteenth to seventeenth sets: the patient speaking of themself beside the sign,
        # what a warning says may happen, "if anything", a bill that "made me dizzy", a bus.
        (
            "Dropped the twins at nursery, made lunch, and the thermometer read 38.6 when I "
            "took it just now",
            {"fever"},
        ),
        (
            "A lady at my gym warned me I might faint when they do the needles, is that a thing?",
            set(),
        ),
        (
            "If anything the bruise from the 2nd is darker today and it's the 12th.",
            {"long_bruising"},
        ),
        ("The quote made me dizzy but I've paid it, see you Friday", set()),
        ("I'm stuck on the 39 bus in traffic, running late", set()),
    ],
)
def test_what_the_fifteenth_to_seventeenth_development_sets_taught(
    text: str, expected: set[str]
) -> None:
    assert signs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The eighteenth set: a bruise that has grown since a day named; "mine" after someone
        # else's; a stranger's throat on television; a chest infection; a worry about
        # fainting; "let's say"; a bruise "cleared up nicely now".
        (
            "The bruise is the size of my palm today. It was much smaller on Monday.",
            {"long_bruising"},
        ),
        (
            "My cousin's bruise went in a few days, but mine's been there over a week and is "
            "spreading.",
            {"long_bruising"},
        ),
        ("Saw a film last night where a man's throat closed up after a bee sting.", set()),
        ("My dad has a chest infection so I might cancel Thursday.", set()),
        ("I always worry about passing out when I give blood, can I lie down?", set()),
        ("Let's say my lip swells up after, who do I ring?", set()),
        ("The bruise from the jabs two weeks ago has cleared up nicely now.", set()),
        # Then: a denial after the sign as its own clause, a risk "there is", what a leaflet
        # lists, a "now" after a recovery (but not before one).
        ("Lightheaded? Not even slightly, all good here.", set()),
        ("The nurse said there's a tiny risk of infection. Is that right?", set()),
        ("The aftercare sheet lists severe pain as a reason to call, how severe is severe?", set()),
        ("The oozing spot healed over last week and it's smooth skin now.", set()),
        (
            "Redness now reaches my ear, on Monday it stopped at the hairline.",
            {"spreading_redness"},
        ),
    ],
)
def test_what_the_eighteenth_development_set_taught(text: str, expected: set[str]) -> None:
    assert signs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The nineteenth set: "interaction" is no typo of "infection"; hay fever and its like
        # are no fever; what did not last, dried out or never came back is over; keeping an
        # eye out, the word read and "things like" ask about signs, not report them.
        ("Is there any interaction with my antihistamines?", set()),
        ("My hay fever is awful this week, can I still come in?", set()),
        ("The hot shivery feeling on Sunday didn't last, fine by lunchtime.", set()),
        ("Temperature 38.4 a month ago, lasted a day, no recurrence.", set()),
        ("Which signs of infection should I keep an eye out for afterwards?", set()),
        ("The word haematoma in the leaflet worried me. How often does that happen?", set()),
        ("Is it things like a swollen lip or a rash that I should report?", set()),
        # Still a warning when it does last.
        ("The shivers haven't stopped since Sunday and I'm at 38.6.", {"fever"}),
    ],
)
def test_what_the_nineteenth_development_set_taught(text: str, expected: set[str]) -> None:
    assert signs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The twentieth set, of hard warnings: a smell however spelt, redness that has reached
        # an ear or widens by the day, a face like a moon, a kettle when breathing in, sight
        # gone grainy, new bruises nothing explains; but falling off a chair at a photo is
        # a figure of speech.
        ("There's a sour smel coming off the spots and they're damp", {"pus"}),
        ("The pink from the treated area has reached my neck", {"spreading_redness"}),
        ("The red ring gets wider every day instead of fading", {"spreading_redness"}),
        ("My face looks like a moon this morning", {"face_swelling"}),
        ("I sound like a kettle every time I breathe in", {"breathing"}),
        ("My sight went grainy on the stairs and I nearly toppled", {"fainting"}),
        ("New purple marks on my legs and I didn't bump anything", {"long_bruising"}),
        ("I nearly fell off my chair when I saw my before and after photos", set()),
    ],
)
def test_what_the_twentieth_development_set_taught(text: str, expected: set[str]) -> None:
    assert signs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The twenty-first set, of near misses: what lasted minutes, "fine since", "that was
        # it", "hasn't started again", a near faint that passed, a worry about what may come,
        # a condition the patient lives with, a hot tub; and what is still there still counts.
        ("dizzy spell at the clinic, lasted 2 min tops, ok since", set()),
        ("eyes were a bit swollen yday morning, fine rn", set()),
        ("nearly passed out after the session, but that was it, been fine all week", set()),
        ("I bled a bit on Friday but it stopped and hasn't started again", set()),
        ("kinda freaking out that I'll bleed everywhere on the train home", set()),
        ("The hot tub at the gym is set to 40C, when can I get in?", set()),
        ("I keep nearly passing out when I get up", {"fainting"}),
        (
            "my whole face is swollen, took an antihistamine but it's not going down",
            {"face_swelling"},
        ),
        ("the flushed bit has travelled right down to my collar", {"spreading_redness"}),
    ],
)
def test_what_the_twenty_first_development_set_taught(text: str, expected: set[str]) -> None:
    assert signs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The twenty-second set, of near misses: a temperature measured normal since, what
        # is "barely there" or "all over", redness that "shrank back", bleeding that "stopped"
        # or "wouldn't stop at first", other people ("one lady"), what people mention, how
        # common, "fever pitch", a bill that knocked one out, "40% off", a suitcase's weight;
        # and what still goes on still counts.
        ("Was a bit feverish on Sunday but that was the kids' cold, 36.9 today", set()),
        ("Pain was awful the first night, but since yesterday it's barely there", set()),
        ("The redness spread onto my forehead for a day then shrank back", set()),
        ("It stopped bleeding after an hour", set()),
        ("It wouldn't stop bleeding at first, but after 10 minutes of pressure it stopped", set()),
        ("In my facebook group one lady had a temp of 39 after her session", set()),
        ("Is the forehead swelling people mention online common?", set()),
        ("Fever pitch in our house with the World Cup on", set()),
        ("The invoice nearly knocked me out cold", set()),
        ("I found a voucher for 40% off", set()),
        ("The scale said 38.9 for my little suitcase", set()),
        ("Would shampooing too soon make the little holes bleed again?", set()),
        ("It hasn't stopped bleeding after an hour", {"bleeding"}),
        ("It won't stop bleeding, I've pressed for ages", {"bleeding"}),
        ("I'm 38.5 and shivering", {"fever"}),
    ],
)
def test_what_the_twenty_second_development_set_taught(text: str, expected: set[str]) -> None:
    assert signs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The twenty-third set: "would I know if", "in the event of", "what I'd do if", a
        # known reaction, "woke up totally normal", redness that crept and faded, a bruise
        # that hung around, "on the 3rd", "already less", photos that nearly made one faint;
        # and redness that reaches the eyebrows counts.
        ("would I know if one of the injection points got infected?", set()),
        ("In the event of bleeding that won't stop, do I ring the clinic?", set()),
        ("my mum keeps asking what I'd do if my throat closed up", set()),
        ("is wheezing a known reaction?", set()),
        ("Had chills on Monday night, slept it off, woke up totally normal", set()),
        ("redness crept onto my forehead for an afternoon but it faded by the evening", set()),
        ("a bruise hung around for about 9 days but it's finally gone", set()),
        ("Had a fever on the 3rd, gone by the 4th", set()),
        ("I nearly fainted when I saw my before photos lol", set()),
        ("my hairline looks sunburnt all the way to my eyebrows now", {"spreading_redness"}),
        ("I had a fever yesterday and I still have it", {"fever"}),
    ],
)
def test_what_the_twenty_third_development_set_taught(text: str, expected: set[str]) -> None:
    assert signs(text) == expected


def test_someone_named_by_first_name_is_someone_else() -> None:
    # The rules give Jess's fever no finding; the classifier, wary of fever words at the
    # thresholds chosen for recall, may still show the checklist, softly.
    assert check("Oh and Jess has the chills and a fever so I'm working from home") == []
