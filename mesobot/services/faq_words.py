"""The words of a patient's question as the FAQ matcher sees them: everyday words and
phrases turned into the FAQ's own, stopwords gone but for a few cues, circumstances marked."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from rapidfuzz import utils

# Words that carry no topic: they neither help a match nor make a question off-topic.
STOPWORDS = frozenset(
    """a about after again all am an and any anything are as at be been before being but by
    can could did do does doing done dont for from get gets getting go going had has have
    having he her here hi hello hey how i id if im in into is it its ive just kind know let
    like lot lots me might more most much my need no not now of off ok okay on once one or
    our out please pls really right says see she should so some something still such tell
    than thanks thank that thats the their them then there these they thing things this
    those to too u um ur very was we well were what whats when where which while who why
    will with would ya yeah yes you your youre tbh btw mate ppl people guys someone anyone
    question quick wondering wonder want wanted""".split()
)
# ...except for the matcher, to which a few of them do say something: "after" the session
# (aftercare), "when" it shows (results), "how much" it costs, "who" should "not" have it,
# whether "anyone" can. A cue alone is no question ("who are you").
CUES = frozenset("after before when much who not anyone someone people".split())

# Words that tie the question to a circumstance ("when" too, but not as the first word), and
# what they point to in a question about the treatment itself: the session, the scalp, a
# time. "After the session" is aftercare; "after a run" or "with a cold" point elsewhere.
RELATIONS = frozenset("after before with while during on without".split())
ANCHORS = frozenset(
    """mesotherapy session treatment injection procedure appointment dermaroller needle course
    prp scalp hair day week month year hour minute night morning evening first last next few
    couple two three four five six seven eight ten 1 2 3 4 5 6 7 8 9 10 12 24 48""".split()
)
ELSEWHERE = "elsewhen"

# Everyday words and phrases patients use, and the FAQ's own words for the same thing: "does
# it ache" and "is it sore" are asked as "does it hurt". One line a meaning: the FAQ's words,
# then what patients may write instead (singular; phrases are matched before stopwords are
# dropped, so they may hold them). A line starting with "*" keeps each word and adds what kind
# of thing it is: "statin" is "statin medicine", "filler" is "filler cosmetic", so the
# classifier learns from "side effects of statins" what to make of "side effects of <any
# medicine>". Typos are mended separately.
SYNONYMS = """
not: cant, cannot, shouldnt, isnt, arent, wont, dont, doesnt, didnt, mustnt, couldnt, wouldnt
mesotherapy: meso, meso therapy, mezotherapy, mesotherapie, mesoterapia, mezo
mechanism: how does it work, how it work, how does it actually work, how does this work,
    how does mesotherapy work, how does meso work, how does the treatment work,
    how do they work, how do the injection work, how mesotherapy work, how meso work,
    how it is done, how is it done, how does it help, how it help
ingredient: cocktail, solution, formula, substance, component, content, whats inside,
    what goes in
vitamin: nutrient, multivitamin
injection: jab, jabs, jabbing, shot, injected, inject, injecting
scalp: head, skull
pain: hurt, hurting, painful, painfull, sore, soreness, ouch, ache, achy, aching, discomfort,
    uncomfortable, agony, agonising, tender
numb: numbing, numbed, numbness, anaesthetic, anesthetic, anaesthesia, anesthesia,
    anasthetic, lidocaine, emla
session: appointment, appt, visit
often: frequently, frequency, frequent, regularly
soon: quick, quickly, fast, speedy, rapidly
regrow: regrowing, regrew, grow back, growing back, grows back, grew back
side effect: side affect, side efect, sideeffect, after effect, s e
risk: risky, danger, dangerous, hazard, harmful, harm, go wrong, goes wrong, went wrong,
    complication, downside, drawback, negative, adverse
bruise: bruising, bruised, bruize, bruiz
swell: swelling, swollen, swelled, puffy, puffiness
itch: itchy, itching, itchiness, itchy scalp
bump: lump, lumpy, bumpy, pimple, blister, welt, spotty
nausea: nauseous, nauseated, queasy, vomit, vomiting, throw up, throwing up, puke, sick
infection: infected, infect
pregnant: pregnancy, pregnent, preggo, preggers, expecting a baby, having a baby,
    trying for a baby, trying to conceive, ttc
breastfeed: breastfeeding, breast feeding, breastfed, nursing, lactating
keloid: keloidal
allergy: allergic, allergie, alergic, alergy, sensitivity, sensitive to
contraindication: contra indication, contraindicated
suitable: suited, suit
not suitable: unsuitable, unsuited
condition: illness, disease, disorder, health problem, health issue, medical issue
aftercare: after care, post treatment, post care, postcare, post procedure
exercise: gym, workout, work out, working out, sport, run, running, jog, jogging, swim,
    swimming, cycling, bike, yoga, football, tennis, lift weight, lifting weight,
    weight lifting, cardio, fitness, pilates, training, race, marathon, 10k, 5k, hike, hiking,
    climbing, rugby, basketball, boxing, golf, squash, badminton, netball, hockey, dance,
    dancing, spin class, crossfit, rowing, surf, surfing, ski, skiing, karate, judo,
    martial art, zumba, hiit, parkrun
sun: sunbathe, sunbathing, sunbed, tanning, sunlight, sunshine, sunny, beach, uv, solarium,
    rain, brolly, umbrella
wash: shower, showering, bath, bathe, rinse, washing, shampoo, conditioner, dry shampoo
styling: straightener, straighteners, hair dryer, hairdryer, blow dry, blow drying,
    curling iron, curler, hairspray, hair spray, hair gel, hair oil, coconut oil, castor oil,
    hair product, styling product, haircut, trim, barber, hairdresser, perm, braid, shave,
    shaving, shaved, buzz cut
brand: brand name, manufacturer, make of
alcohol: drink, drinking, booze, beer, wine, drunk, pint
hat: beanie, hood, cap, helmet, wig, headband, hair band, scarf, headscarf, hijab, turban
travel: fly, flying, flight, plane, travel, travelling, traveling, holiday, vacation, abroad,
    drive home, drive myself, drive back, driving home, driving back, drive after
dye: dyeing, dyed, hair dye, colour, color, colouring, coloring, bleach, bleaching,
    bleached, highlight, tint, tinted, henna, coloured, colored, balayage, root touch up
smoke: smoking, cigarette, vape, vaping, weed
sauna: steam room, hot tub, jacuzzi, spa
logistics: what time, what to wear, what should i wear, wear to, running late, be late,
    train time, where is the clinic, where are you, located, location, find you,
    minute late, min late, reschedule, rebook,
    cancel my, move my, parking, park, direction, address, postcode, zip code, opening hour,
    open on, bus, train station, receptionist, reception, text me, call me back, ring me,
    wheelchair, accessible, accessibility, tube, underground, motorway, traffic, stuck,
    let the clinic know, miss my, bring, what to bring, referral, referal, passport
sleep: sleeping, slept, pillow, lie on, lying on, nap
othercare: therapy, physio, physiotherapy, counselling, counseling, psychotherapy, chemo,
    chemotherapy, radiotherapy, dialysis, massage, acupuncture, biopsy, blood test, mri,
    x ray, ct scan, menstruation, menstrual, time of the month, sperm, fertility, ivf, libido,
    sex drive, intimate, contagious
dose: dosage, dosing, mg, milligram, prescribe, prescribed, prescription, how much should i take,
    how many mg, strength, needle length, needle size, what size needle, concentration,
    millilitre, milliliter, ml, homemade, home made, inject myself, inject into my own,
    which injectable, order online, recipe, make my own, mix my own, syringe, gauge,
    dilution, dilute, diluted, ratio, how many unit, how many vial, how many ampoule,
    self inject, self injecting, self injection, inject it myself, inject at home, script,
    how many drop, how to inject, inject them, needle lenght, per injection point, per point,
    set the needle, how deep should i set, mix them, each injection point, exact formula,
    in what amount, what amounts, how much of the solution, make it myself, what percent,
    percentage, dropper, nappage, needle count, how deep do i, per area, how much lidocaine,
    how much cream
age: minimum age, age limit, too young, underage, under 18, old enough, how old do
laser: lllt, red light, light therapy, laser cap, laser comb, laser helmet, red light cap,
    red light helmet, light cap, light helmet, laser hat
combine: combining, combined, combination, combo, together, alongside, plus, along with,
    at the same time, same time, on top of
medicine: medication, med, meds, tablet, pill, drug, medicament
minoxidil medicine: minoxidil, minox, minoxodil, minoxidill, rogaine, regaine, loniten
finasteride medicine: finasteride, fin, finastride, finasterid, propecia, proscar,
    dutasteride, avodart
painkiller medicine: painkiller, pain killer, pain relief, ibuprofen, aspirin, paracetamol,
    nurofen, advil, tylenol, acetaminophen, naproxen
anticoagulant medicine: anticoagulant, blood thinner, blood thinning, warfarin, apixaban,
    rivaroxaban, eliquis, xarelto, clopidogrel, heparin, coumadin, anticoagulation
* medicine: statin, metformin, antibiotic, sertraline, prednisone, steroid, hrt, melatonin,
    antihistamine, omeprazole, amoxicillin, penicillin, insulin, contraceptive, ozempic,
    semaglutide, levothyroxine, tramadol, codeine, opioid, cortisone, spironolactone,
    saw palmetto, biotin, supplement, collagen, zinc, rosemary oil, ketoconazole, nizoral,
    pumpkin seed oil, flu jab, flu shot, vaccine, vaccination, antidepressant, accutane,
    isotretinoin, keto, diet pill, birth control, the pill, viagra, antibiotics, combined pill,
    mini pill, emla, over the counter, booster, covid jab, covid vaccine
* bodypart: face, facial, lip, cheek, jaw, jawline, chin, nose, eye, eyelid, eyebrow, brow,
    lash, eyelash, ear, tooth, teeth, dental, dentist, gum, tongue, neck, chest, breast, belly,
    stomach, tummy, arm, armpit, underarm, leg, knee, ankle, foot, feet, toe, wrist, finger,
    nail, bum, bikini, beard, lips, eyes, ears, arms, legs, toes, cheeks, hip, thigh, waist,
    love handle, muffin top, buttock, butt, abdomen, abs, flank, under eye, underarms, shoulder,
    tendon, achilles, joint, joints, arthritis, elbow, eyebrows
* animal: dog, puppy, kitten, horse
* cosmetic: botox, filler, tattoo, piercing, wax, waxing, threading, peel, whitening, veneer,
    brace, implant, transplant, extension, microblading, tan, manicure, pedicure, perm,
    relaxer, liposuction, lipo, facelift, coolsculpting, hydrafacial, dermaplaning,
    micropigmentation, smp, fat freezing, laser hair removal, chemical peel, hair system,
    invisalign, lip flip, nose job, rhinoplasty, boob job, exosome, gfc,
    growth factor concentrate, irestore, stem cell, stretch mark, cellulite, wrinkle, double chin,
    graft, norwood, fue, fut, strip surgery, profhilo, skin booster, polynucleotide,
    morpheus8, morpheus, thread lift, threadlift, hifu, ultherapy, radiofrequency, rf needling,
    scalp micropigmentation, tattooing, lip filler, dermal filler, pigment
diet: coffee, caffeine, food, eat, eating, spicy, sugar, vegan, fasting
home: myself, diy, do it yourself, self, yourself, urself, ur self, self applied, self administered
dermaroller: derma roller, dermroller, roller, microneedling, microneedle, micro needling,
    dermapen, derma pen, dermastamp, derma stamp, needling
clinic: salon, centre, center
prp: platelet, plasma, platelet rich plasma, vampire
cost: arm and a leg, a fortune, break the bank, price, pricing, priced, pricey, expensive,
    cheap, cheaper, cheapest, afford,
    affordable, fee, charge, pay, paying, payment, money, budget, quid, pound, dollar, euro,
    costly, how much is, how much are, how much for, how much would
insurance: insured, nhs, covered by, price match, medicare, medicaid, insurer, bupa, axa, klarna,
    finance, financing, instalment, installment, payment plan, pay monthly, monthly payment,
    hsa, fsa, tax deductible, refund, money back, tax, taxes, deduct, discount, voucher,
    coupon, promo code, discount code, gift card, vat, spread the payment, spread the cost,
    health plan, health insurance, krankenkasse, reimburse, reimbursed, reimbursement,
    securite sociale,
    health fund, medical aid, private cover, claim back, claimable, health cover, public health,
    public cover, state cover, medical expense, business expense, write off, tax return,
    they cover, cover it, cover the cost, cover this, cover mesotherapy, get it covered,
    claim it, claim on, claim for, refund policy, any of it back, health account
evidence: proof, prove, proven, study, research, trial, science, scientific,
    scientifically, data, evidence based
scam: gimmick, hype, ripoff, rip off, snake oil, legit, fake, bs, nonsense, quackery, quack,
    placebo
effective: effectiveness, efficacy
bald: baldness, balding, baldy
thin: thinning, thinner, thinned, sparse
recede: receding, receeding, receded, recession
woman: women, female, lady, ladies, girl, wife
man: men, male, bloke, gentleman, gentlemen
stress: stressed, stressful
shed: shedding
genetic: hereditary, inherited, genetics, gene, family history, runs in the family
permanent: permanently, forever, lifelong, for life, for ever, long term, longterm,
    long lasting
maintenance: top up, topup, booster, refresher, touch up, maintain
stop: quit, quitting, stopping, stopped, discontinue, give up
finish: finished, finishing, complete, completed, completing
later: future, in the future, down the line, long run, in a few year
"""


def _table(text: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The synonym table as (words written) -> (the FAQ's words), all in the singular."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for line in re.sub(r",\s*\n\s+", ", ", text).strip().splitlines():
        ours, _, theirs = line.partition(":")
        replacement = tuple(_singular(w) for w in _words(ours))
        for variant in theirs.split(","):
            written = tuple(_singular(w) for w in _words(variant))
            # "* medicine: statin" keeps the word and adds what kind of thing it is.
            table[written] = (*written, *replacement) if ours.startswith("*") else replacement
    return table


def _words(text: str) -> list[str]:
    """Lowercase words, accents and punctuation gone ("don't" is "dont")."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", utils.default_process(text.replace("'", "")))


def plain_words(text: str) -> list[str]:
    """Lowercase words in any script, accents and marks gone ("mañana" is "manana", "ё" is
    "е"): how languages without our English tables are read."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", bare)


def normalise(text: str) -> list[str]:
    """Lowercase, accents and punctuation gone, stopwords dropped, plurals made singular."""
    return [_singular(w) for w in _words(text) if w not in STOPWORDS]


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


SYNONYM_TABLE = _table(SYNONYMS)
_LONGEST = max(len(key) for key in SYNONYM_TABLE)


# "Dose it hurt" is "does it hurt", not a question about a dose.
_DOES = re.compile(
    r"\bdose (?=(?:it|this|that|the|they|mesotherapy|meso|a|an|one|each|every|my|your|u|you|he"
    r"|she|we|session|treatment|therapy)\b)|(?<=how long )dose (?=\w)|(?<=how often )dose (?=\w)"
)


def canonical(text: str) -> list[str]:
    """The words of ``text`` that say something, in the FAQ's own words where it has them:
    everyday words and phrases become the FAQ's, stopwords go (but for a few cues)."""
    raw = _words(_DOES.sub("does ", text.lower()))
    single = [_singular(w) for w in raw]
    found: list[str] = []
    at = 0
    while at < len(raw):
        for length in range(min(_LONGEST, len(raw) - at), 0, -1):
            replacement = SYNONYM_TABLE.get(tuple(single[at : at + length]))
            if replacement:
                found.extend(replacement)
                at += length
                break
        else:
            if raw[at] == "when" and at > 0:
                found.append("while")
            elif raw[at] not in STOPWORDS or raw[at] in CUES or raw[at] in RELATIONS:
                found.append(single[at])
            at += 1
    return found


def relate(words: list[str]) -> list[str]:
    """Words, with what "after", "with" and the like point to marked when it is neither
    the treatment nor a time: "can I drink after the session" is aftercare, "can I drink
    after a run" is not. Only "after" and "before" say anything by themselves."""
    related: list[str] = []
    for at, word in enumerate(words):
        if word in RELATIONS:
            points = at + 1 < len(words) and words[at + 1] not in ANCHORS
            if points:
                related.append(ELSEWHERE)
            elif word in CUES:
                related.append(word)
        else:
            related.append(word)
    return related


# Things no entry speaks of, and the entries that may still answer a question naming them
# ("can I keep taking my minoxidil" is combining). Elsewhere, naming one of them makes the
# question a neighbour of the FAQ's: topics may be offered, never presented as the answer.
FOREIGN: dict[str, frozenset[str]] = {
    "wash": frozenset(),
    "alcohol": frozenset(),
    "insurance": frozenset(),
    "hat": frozenset(),
    "travel": frozenset(),
    "dye": frozenset(),
    "smoke": frozenset(),
    "sauna": frozenset(),
    "dose": frozenset(),
    "age": frozenset(),
    "styling": frozenset(),
    "brand": frozenset(),
    "logistics": frozenset(),
    "sleep": frozenset(),
    "diet": frozenset(),
    "prp": frozenset(),
    "prp with treatment": frozenset({"prp"}),
    "laser": frozenset(),
    "laser with treatment": frozenset({"combining"}),
    "othercare": frozenset({"who_not", "combining"}),
    "bodypart": frozenset(),
    "animal": frozenset(),
    "cosmetic": frozenset(),
    "cosmetic with treatment": frozenset({"invasive", "prp"}),
    "medicine": frozenset(),
    "medicine with treatment": frozenset({"combining", "who_not", "aftercare", "ingredients"}),
}


# A medicine is the FAQ's business only next to the treatment: "minoxidil with mesotherapy"
# is combining, "how much minoxidil a day" is not.
TREATMENT = frozenset(
    """mesotherapy session treatment injection procedure dermaroller course combine after
    afterwards this while start using mix mixture serum cocktail ingredient stack alongside
    whilst add carry continue""".split()
)
STATES = frozenset("pregnant breastfeed ill sick".split())
COMPARED = frozenset(
    "difference diffrence different differ versus vs compare compared like better same similar"
    " between".split()
)


def _stated(words: list[str]) -> bool:
    """Every dose in ``words`` is a figure ("1 mg"), none asked for ("how many mg")."""
    return all(at > 0 and words[at - 1].isdigit() for at, w in enumerate(words) if w == "dose")


def foreign(words: list[str]) -> set[str]:
    """The things named in ``words`` (canonical) that no entry speaks of in general."""
    named = {word for word in words if word in FOREIGN}
    if "dose" in named and _stated(words):
        # "I take 1 mg of finasteride, can I add this?" tells a dose; it does not ask one.
        named.discard("dose")
    if any(
        w in ("much", "many") and "medicine" in words[at + 1 : at + 4] for at, w in enumerate(words)
    ):
        # "How much dutasteride should be in my injections?": an amount of a medicine asked.
        named.add("dose")
    if "anticoagulant" in words:
        # Blood thinners are who_not's and aftercare's business, however they are asked of.
        named -= {"medicine", "dose"}
    # Another treatment is the FAQ's business when the question sets it beside ours.
    beside = TREATMENT & set(words)
    if STATES & set(words):
        # "While pregnant" is a state, not a treatment beside another.
        beside -= {"while"}
    compared = COMPARED & set(words)
    for thing in ("medicine", "cosmetic", "prp", "laser"):
        # "Is PRP better?" sets it beside ours; "is minoxidil better?" does not. "After" a
        # procedure is its own downtime ("after FUT surgery"), "after" a pill is ours.
        near = beside - {"after", "afterwards"} if thing == "cosmetic" else beside
        if thing in named and (near or (compared and thing in ("cosmetic", "prp"))):
            named.discard(thing)
            named.add(f"{thing} with treatment")
    return named


# "Can I ... after?": aftercare answers for what it speaks of (sun, exercise, medicines,
# bruising, burning) and for what to do or avoid in general; any other activity asked about
# ("can I wear make-up after?", "go back to work") is not in it, whatever the entry's nearness.
ASKED_LEAVE = re.compile(
    r"\b(?:can i|could i|may i|shall i|is it (?:ok|okay|fine|safe|alright|allowed) to"
    r"|am i (?:ok|okay|allowed|able|fine) to|how soon can i|how long (?:before|until|till"
    r"|til) i can|how long do i (?:have|need) to wait (?:before|to|until))\b(.*)",
    re.IGNORECASE,
)
AFTERCARE_SPEAKS_OF = frozenset(
    """exercise sun medicine painkiller anticoagulant bruise burn ointment gel aftercare care
    avoid not precaution rule instruction touch touching hard effort physical heat hot
    look""".split()
)
AFTERCARE_GENERIC = frozenset(
    """take go do get have use put start resume keep stay be back normal usual activity
    anything everything something else thing stuff still also just really ok safe fine allowed
    able long soon wait before until after afterward afterwards session treatment mesotherapy
    injection tx day week hour same straight tomorrow tonight evening morning night weekend
    today first next few couple home scalp hair head treated area on with while again away
    immediately bit little chill rest lie down relax how when what should""".split()
)


def beyond_aftercare(text: str, words: Callable[[str], list[str]]) -> bool:
    """Whether ``text`` asks leave for an activity the aftercare entry does not speak of
    ("can I wear make-up after?"); ``words`` reads a stretch of text as the matcher does."""
    asked = ASKED_LEAVE.search(text)
    if asked is None:
        return False
    named = {w for w in words(asked.group(1)) if not w.isdigit()}
    if named & AFTERCARE_SPEAKS_OF:
        return False
    return bool(named - AFTERCARE_GENERIC - STOPWORDS)
