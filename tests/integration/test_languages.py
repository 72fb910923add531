"""Patients and staff in Russian and Spanish, through the sandbox: the whole course without
an English word, a language chosen mid-course, warning signs in each language, staff in
their own language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlmodel import select

from mesobot.clock import ManualClock
from mesobot.content import Catalogue, load_catalogues
from mesobot.models import Patient
from mesobot.render.format import strip_tags
from mesobot.sandbox import ChatMessage, Phone, Sandbox
from tests.conftest import BotFactory

from .clinic_steps import make_clinic
from .patient_steps import say, tap, with_plan

UTC = dt.UTC
CATALOGUES = load_catalogues()
# What may stay in Latin letters in a Russian or Spanish message: commands, time zone names,
# names (the bot's, Telegram's, the patient's, the clinic's and each language's own).
_ALLOWED = re.compile(
    r"/[a-z_]+|[A-Z][a-z]+/[A-Za-z_/]+|Mesobot|Telegram|Olga|English|Español|PRP|"
    r"Hair Clinic London|\+[\d ]+"
)


# Everyday English words no Spanish (or Russian) message has.
_ENGLISH = set(
    "the your you and with will this that what when where which session sessions reminder"
    " please next tomorrow today time zone yes agree thanks thank course every days weeks"
    " sorry here there take place happened would like about have has been not".split()
)


def english_words(text: str, code: str) -> list[str]:
    """English in a message: for Russian, any Latin-script word of three letters or more
    once what may be Latin is taken out; for Spanish, everyday English words."""
    text = _ALLOWED.sub(" ", text)
    if code == "ru":
        return re.findall(r"[A-Za-z]{3,}", text)
    return [word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in _ENGLISH]


def label(catalogue: Catalogue, key: str, **params: object) -> str:
    return strip_tags(catalogue.text(key, **params))


async def intake(phone: Phone, catalogue: Catalogue, *, city: str, day: str, at: str) -> None:
    """From /start to a saved plan, typing the city, the day and the time."""
    welcome = await say(phone, "/start")
    assert welcome.html == catalogue.text("consent", name=phone.name)
    others = [c.language.name for c in CATALOGUES if c.code != catalogue.code]
    assert welcome.labels == [
        label(catalogue, "btn_consent_yes"),
        label(catalogue, "btn_consent_no"),
        *others,
    ]
    await tap(phone, label(catalogue, "btn_consent_yes"))
    await tap(phone, label(catalogue, "hair_androgenetic"))
    for _ in range(5):
        await tap(phone, label(catalogue, "btn_no"))
    await tap(phone, label(catalogue, "setting_clinic"))
    await say(phone, city)
    await phone.next_message()  # the date question
    time_question = await say(phone, day)
    assert catalogue.day(dt.date(2026, 11, 22)) in (time_question.text or "")
    await say(phone, at)
    await tap(phone, label(catalogue, "preset_fortnightly"))
    await tap(phone, label(catalogue, "btn_confirm"))


def no_english(messages: list[ChatMessage], code: str) -> None:
    for message in messages:
        shown = " ".join([message.text or "", *message.labels])
        assert english_words(shown, code) == [], shown


@pytest.mark.parametrize(
    ("code", "city", "day", "at", "zone"),
    [
        ("ru", "Москва", "завтра", "в 10 утра", "Europe/Moscow"),
        ("es", "Sevilla", "mañana", "a las 10", "Europe/Madrid"),
    ],
)
async def test_a_whole_course_in_the_patients_language(
    sandbox: Sandbox,
    running_bot: BotFactory,
    clock: ManualClock,
    code: str,
    city: str,
    day: str,
    at: str,
    zone: str,
) -> None:
    catalogue = CATALOGUES[code]
    async with running_bot() as app:
        phone = sandbox.phone("Olga", language_code=code)
        await intake(phone, catalogue, city=city, day=day, at=at)
        saved = phone.last
        assert catalogue.day(dt.date(2026, 11, 22)) in (saved.text or "")
        upcoming = await say(phone, "/next")
        assert label(catalogue, "days_tomorrow") in (upcoming.text or "")
        course = await say(phone, "/plan")
        assert zone in (course.text or "")
        helped = await say(phone, "/help")
        assert helped.html is not None and catalogue.commands["next"] in helped.html
        topics = await say(phone, "/faq")
        assert topics.labels == [entry.title for entry in catalogue.faq.values()]
        answer = await say(phone, catalogue.language.demo["question"])
        assert answer.html == catalogue.answer("results", doctor=catalogue.text("doctor_pointer"))
        assert (await phone.next_message()).html == catalogue.text("faq_helpful")
        # The evening before, the reminder; after the session, whether it happened.
        clock.set(dt.datetime(2026, 11, 21, 20, 0, tzinfo=UTC))
        await app.bot_data.dispatcher.run_due()
        reminder = await phone.next_message()
        assert f"{catalogue.day(dt.date(2026, 11, 22))}, 10:00" in (reminder.text or "")
        assert label(catalogue, "btn_will_attend") in reminder.labels
        no_english(phone.received, code)
        async with app.bot_data.services.sessions() as session:
            stored = (await session.exec(select(Patient))).one()
    assert stored.language == code


def test_the_english_check_finds_english() -> None:
    assert english_words("Your next session is tomorrow", "es") == [
        "Your",
        "next",
        "session",
        "tomorrow",
    ]
    assert english_words("Сеанс завтра, see you", "ru") == ["see", "you"]


async def test_a_language_chosen_mid_course_applies_to_everything_after(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    ru = CATALOGUES["ru"]
    async with running_bot() as app:
        ann = sandbox.phone("Ann")  # Telegram in English
        await with_plan(ann, day="3 Dec", at="10:00")
        choice = await say(ann, "/language")
        assert choice.text == "Which language shall I use?"
        assert choice.labels == ["English", "Español", "Русский"]
        await ann.press("Русский")
        await ann.wait_for(lambda: choice.text == label(ru, "language_set"))
        assert choice.labels == []
        upcoming = await say(ann, "/next")
        assert upcoming.html is not None and ru.day(dt.date(2026, 12, 3)) in upcoming.html
        # Her command menu is in Russian now, in her own chat.
        menu = sandbox.commands("chat", "") or []
        assert menu == [] or menu[0]["description"] == ru.commands["start"]
        # The reminder queued in English days ago goes out in Russian.
        clock.set(dt.datetime(2026, 12, 2, 19, 30, tzinfo=UTC))
        await app.bot_data.dispatcher.run_due()
        reminder = await ann.next_message()
        assert f"{ru.day(dt.date(2026, 12, 3))}, 10:00" in (reminder.text or "")
        no_english([upcoming, reminder], "ru")
        async with app.bot_data.services.sessions() as session:
            stored = (await session.exec(select(Patient))).one()
    assert stored.language == "ru"


async def test_the_language_button_on_the_consent_shows_it_in_that_language(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    es = CATALOGUES["es"]
    async with running_bot() as app:
        ivan = sandbox.phone("Ivan", language_code="de")  # no German: English
        welcome = await say(ivan, "/start")
        assert welcome.html == CATALOGUES["en"].text("consent", name="Ivan")
        await ivan.press("Español")
        await ivan.wait_for(lambda: welcome.html == es.text("consent", name="Ivan"))
        # Nothing is stored before consent; agreeing stores the language shown.
        async with app.bot_data.services.sessions() as session:
            assert (await session.exec(select(Patient))).all() == []
        hair = await tap(ivan, label(es, "btn_consent_yes"))
        assert es.text("ask_hair") in (hair.html or "")
        async with app.bot_data.services.sessions() as session:
            stored = (await session.exec(select(Patient))).one()
    assert stored.language == "es"


@pytest.mark.parametrize(
    ("code", "words", "reply"),
    [
        # A sign the language's cue table names: the urgent instruction.
        ("ru", "лицо опухло и трудно дышать", "urgent"),
        ("es", "tengo la cara hinchada y me cuesta respirar", "urgent"),
        ("en", "лицо опухло и трудно дышать", "urgent"),  # Russian from an English speaker
        ("ru", "u menya silno opukhli guby posle ukolov", "urgent"),  # in Latin letters
        # Wordings the cue tables learnt from the development sets of hard warnings.
        ("es", "tengo un nudo en el pecho desde ayer", "urgent"),
        ("ru", "в комнате как будто воздуха нет, дышу часто-часто", "urgent"),
        ("es", "lo rojo ya se me pasó pa la nuca y detrás de las orejas", "urgent"),
        # Words that may tell of one, read by the classifier: the checklist.
        ("ru", "какая-то шишка на затылке после уколов", "checklist"),
        ("es", "tengo un bulto raro en la nuca desde ayer", "checklist"),
    ],
)
async def test_a_warning_sign_in_each_language_gets_the_urgent_reply_or_the_checklist_first(
    sandbox: Sandbox, running_bot: BotFactory, code: str, words: str, reply: str
) -> None:
    catalogue = CATALOGUES[code]
    async with running_bot():
        phone = sandbox.phone("Pat", language_code=code)
        await say(phone, "/start")
        await tap(phone, label(catalogue, "btn_consent_yes"))
        first = await say(phone, words)
        assert first.html == catalogue.compose(reply, doctor=catalogue.text("doctor_pointer"))


async def test_staff_see_their_own_language_and_patients_get_the_header_in_theirs(
    sandbox: Sandbox, running_bot: BotFactory, clock: ManualClock
) -> None:
    ru, es = CATALOGUES["ru"], CATALOGUES["es"]
    async with running_bot() as app:
        admin = sandbox.phone("Dr Ada", language_code="ru")
        clinic = await make_clinic(app, admin)
        patient = sandbox.phone("Lucía", language_code="es")
        await say(patient, f"/start {clinic.invite_code}")
        await tap(patient, label(es, "btn_consent_yes"))
        today = await say(admin, "/today")
        assert (today.text or "").startswith(ru.day(dt.date(2026, 11, 21)))
        no_english([today], "ru")
        asked = await say(admin, "/broadcast")
        assert asked.html == ru.text("broadcast_ask_text", clinic=clinic.name)
        await say(admin, "Сегодня не работает телефон / Hoy no funciona el teléfono")
        preview = await tap(admin, label(ru, "btn_audience_all"))
        assert preview.labels[0] == label(ru, "btn_broadcast_send", count=1)
        await admin.press(label(ru, "btn_broadcast_send", count=1))
        await admin.wait_for(lambda: preview.labels == [] or None)
        await app.bot_data.dispatcher.run_due()
        received = await patient.wait_for(
            lambda: next((m for m in patient.received if "teléfono" in (m.text or "")), None)
        )
        heading = strip_tags(es.text("broadcast_message", clinic=clinic.name, text="")).strip()
        assert (received.text or "").startswith(heading)
        assert "Сегодня не работает телефон / Hoy no funciona el teléfono" in (received.text or "")
        # The report, in the staff member's language.
        await admin.wait_for(lambda: ("1" in (preview.text or "") and preview.html) or None)
        no_english([preview], "ru")


async def test_each_language_has_its_command_menu(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        # The default menu is set before the bot answers, the others once loaded.
        assert app.bot_data.menus is not None
        await app.bot_data.menus
        for code, telegram in (("ru", "ru"), ("ru", "uk"), ("es", "es"), ("en", "")):
            menu = sandbox.commands("default", telegram)
            catalogue = CATALOGUES[code]
            assert [(c["command"], c["description"]) for c in menu] == list(
                catalogue.commands.items()
            )
