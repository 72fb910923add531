"""Questions and warning signs through the sandbox: at any moment, and in the middle of intake."""

from __future__ import annotations

import pytest
from sqlmodel import select

from mesobot.app import MesoApp
from mesobot.models import FaqQuestion, Patient, TriageEvent
from mesobot.sandbox import Sandbox
from tests.conftest import BotFactory

from .patient_steps import all_handled, consent, say, tap, to_date, with_plan

POINTER = "If you have questions or concerns, please contact your doctor."


async def rows(app: MesoApp, model: type) -> list:  # type: ignore[type-arg]
    async with app.bot_data.services.sessions() as session:
        return list(await session.exec(select(model)))


async def test_faq_lists_the_topics_and_answers_one(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        ada = sandbox.phone("Ada")
        await with_plan(ada)
        topics = await say(ada, "/faq")
        titles = [entry.title for entry in app.bot_data.services.catalogues["en"].faq.values()]
        assert topics.labels == titles
        answer = await tap(ada, app.bot_data.services.catalogues["en"].faq["pain"].title)
        assert (answer.text or "").rstrip().endswith(POINTER)
        feedback = await ada.next_message()
        assert feedback.text == "Did this answer your question?"
        query = await ada.press("Yes")
        assert await ada.answer_to(query) == "Thank you, that helps us improve these answers."
        stored = await rows(app, FaqQuestion)
    assert [(q.entry, q.helpful) for q in stored] == [("pain", True)]


async def test_a_question_in_everyday_words_gets_the_vetted_answer(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        bo = sandbox.phone("Bo")
        await with_plan(bo)
        answer = await say(bo, "does it hurt?")
        assert answer.html == app.bot_data.services.catalogues["en"].answer("pain", doctor=POINTER)
        await bo.next_message()  # "Did this answer your question?"
        gym = await say(bo, "can I go to the gym after")
        assert gym.html == app.bot_data.services.catalogues["en"].answer(
            "aftercare", doctor=POINTER
        )


async def test_a_situation_told_and_a_short_question_get_the_vetted_answer(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        catalogue = app.bot_data.services.catalogues["en"]
        eve = sandbox.phone("Eve")
        await with_plan(eve)
        # No question asked, and "work" and flying name the patient's circumstance.
        told = await say(
            eve,
            "I fly out for work every second week, so I need to keep up with the spacing "
            "between sessions somehow.",
        )
        assert told.html == catalogue.answer("sessions", doctor=POINTER)
        await eve.next_message()  # "Did this answer your question?"
        # "Is she right?" says nothing alone: the sentence before it does.
        short = await say(
            eve, "My neighbour swears it's all placebo and there's no proof. Is she right?"
        )
        assert short.html == catalogue.answer("evidence", doctor=POINTER)


async def test_an_off_topic_question_gets_an_honest_no(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        cy = sandbox.phone("Cy")
        await with_plan(cy)
        reply = await say(cy, "what's the best pizza place near the clinic")
    assert reply.text == f"I don't have vetted information on that, so I won't guess.\n\n{POINTER}"


async def test_a_question_mid_intake_is_answered_and_intake_resumes(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        di = sandbox.phone("Di")
        await to_date(di)
        answer = await say(di, "can I go to the gym after a session?")
        assert answer.html == app.bot_data.services.catalogues["en"].answer(
            "aftercare", doctor=POINTER
        )
        back = await di.next_message()
        assert (back.text or "").startswith("Back to where we were:")
        assert "When is your first session?" in (back.text or "")
        time_question = await say(di, "3 Dec")
        assert "Thu 3 Dec 2026" in (time_question.text or "")


async def test_a_question_at_a_button_step_is_answered_and_the_buttons_come_back(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot():
        ed = sandbox.phone("Ed")
        await consent(ed)
        await tap(ed, "I'm not sure")
        answer = await say(ed, "is it painful")
        assert (answer.text or "").rstrip().endswith(POINTER)
        back = await ed.next_message()
        assert "pregnant" in (back.text or "")
        assert back.labels == ["Yes", "No"]


async def test_a_warning_sign_mid_intake_gets_the_urgent_reply_first(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        fi = sandbox.phone("Fi")
        await consent(fi)
        urgent = await say(fi, "sorry, my lips are swelling up and it's hard to breathe")
        assert "emergency" in (urgent.text or "").lower()
        back = await fi.next_message()
        assert (back.text or "").startswith("I've noted what you told me.")
        assert "What kind of hair loss" in (back.text or "")
        events = await rows(app, TriageEvent)
    assert len(events) == 1
    assert "breathing" in events[0].signs and "face_swelling" in events[0].signs


async def test_negations_and_the_past_do_not_raise_the_alarm(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        gu = sandbox.phone("Gu")
        await with_plan(gu)
        for harmless in ("no fever at all, thanks", "the swelling went down yesterday"):
            reply = await say(gu, harmless)
            assert not (reply.text or "").startswith("If you have any of these signs"), harmless
        assert await rows(app, TriageEvent) == []


async def test_a_sign_that_is_over_is_no_alarm_and_one_still_going_on_is(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        ge = sandbox.phone("Ge")
        await with_plan(ge)
        for over in (
            "I nearly fainted at the end of the last session but was fine after a biscuit",
            "it stopped bleeding after a few minutes, nothing since",
        ):
            reply = await say(ge, over)
            assert not (reply.text or "").startswith("If you have any of these signs"), over
        assert await rows(app, TriageEvent) == []
        urgent = await say(ge, "my face is swollen, took an antihistamine but it's not going down")
        assert "emergency" in (urgent.text or "").lower()
        await all_handled(ge)
        events = await rows(app, TriageEvent)
    assert [event.signs for event in events] == ["face_swelling"]


async def test_a_stranger_with_a_warning_sign_is_told_but_nothing_is_stored(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        hu = sandbox.phone("Hu")
        urgent = await say(hu, "I fainted after the injections")
        assert "emergency" in (urgent.text or "").lower()
        assert await rows(app, Patient) == []
        assert await rows(app, TriageEvent) == []


async def test_an_unclear_symptom_gets_the_checklist_first_then_the_answer(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        io = sandbox.phone("Io")
        await with_plan(io)
        checklist = await say(io, "my scalp still hurts, does it usually hurt this long?")
        assert (checklist.text or "").startswith("I can't tell from your message whether")
        assert "bleeding that does not stop" in (checklist.text or "")
        assert (checklist.text or "").rstrip().endswith(POINTER)
        answer = await io.next_message()
        assert answer.html == app.bot_data.services.catalogues["en"].answer("pain", doctor=POINTER)
        # Not a named warning sign: nothing is recorded and no clinic is alerted.
        assert await rows(app, TriageEvent) == []


async def test_a_temperature_given_as_a_number_is_a_warning_sign(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        jo = sandbox.phone("Jo")
        await with_plan(jo)
        urgent = await say(jo, "thermometer says 101 this morning, also what time do you open?")
        assert (urgent.text or "").startswith("If you have any of these signs")
        await all_handled(jo)
        events = await rows(app, TriageEvent)
    assert [event.signs for event in events] == ["fever"]


async def test_two_questions_get_the_first_answered_and_the_other_offered(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        ky = sandbox.phone("Ky")
        await with_plan(ky)
        answer = await say(ky, "How long does one session take? And is it safe?")
        catalogue = app.bot_data.services.catalogues["en"]
        assert answer.html == catalogue.answer("session_length", doctor=POINTER)
        assert (await ky.next_message()).text == "Did this answer your question?"
        offer = await ky.next_message()
        assert offer.text == "You asked about more than one thing. This may answer the rest:"
        assert offer.labels == [catalogue.faq["safety"].title]


async def test_a_neighbouring_question_is_not_answered_with_the_nearest_entry(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    async with running_bot() as app:
        lu = sandbox.phone("Lu")
        await with_plan(lu)
        reply = await say(lu, "can I wash my hair the evening after a session?")
        aftercare = app.bot_data.services.catalogues["en"].answer("aftercare", doctor=POINTER)
        assert reply.html != aftercare
        assert reply.text in (
            f"I don't have vetted information on that, so I won't guess.\n\n{POINTER}",
            "I'm not sure I understood. Did you mean one of these?",
        )


@pytest.mark.parametrize(
    "text",
    [
        "what needle gauge should I use to inject my own scalp?",
        "which brand of serum does my clinic use?",
        "I've got the clinic's serum at home but no idea how many millilitres to put on.",
    ],
)
async def test_a_dose_or_a_brand_asked_gets_no_entry_as_the_answer(
    sandbox: Sandbox, running_bot: BotFactory, text: str
) -> None:
    async with running_bot():
        lu = sandbox.phone("Lu")
        await with_plan(lu)
        reply = await say(lu, text)
        assert reply.text in (
            f"I don't have vetted information on that, so I won't guess.\n\n{POINTER}",
            "I'm not sure I understood. Did you mean one of these?",
        )


async def test_a_warning_sign_with_a_nul_character_gets_the_urgent_reply_and_is_recorded(
    sandbox: Sandbox, running_bot: BotFactory
) -> None:
    # PostgreSQL refuses NUL in text: the record must not stand in the way of the reply.
    async with running_bot() as app:
        mo = sandbox.phone("Mo")
        await with_plan(mo)
        urgent = await say(mo, "my face\x00 is swelling up and I can't breathe")
        assert (urgent.text or "").startswith("If you have any of these signs")
        await all_handled(mo)
        events = await rows(app, TriageEvent)
    assert [event.text for event in events] == ["my face is swelling up and I can't breathe"]
