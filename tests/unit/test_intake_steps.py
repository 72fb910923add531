"""Each intake step's reading of an answer, without a bot or a database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mesobot.content import load_catalogue
from mesobot.domain import intake as flow
from mesobot.domain.intake import IntakeState, StaleChoice
from mesobot.render.intake import QUESTIONS, question
from mesobot.services.intake_steps import STEPS, Answer, Refused, read
from mesobot.services.timezones import TimezoneDirectory

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
LONDON = {"timezone": "Europe/London"}
SCHEDULED = {**LONDON, "date": "2026-11-21", "hair": "telogen"}


def at(step: str, value: str, zones: TimezoneDirectory, *, typed: bool = True, **answers: Any):
    return read(step, Answer(value, typed, answers, NOW, zones))


def test_every_step_the_order_can_reach_has_a_reader_and_a_question() -> None:
    reachable = {"hair", "hold", "setting", "timezone", "date", "time", "spacing"}
    reachable |= {"interval", "sessions", "summary"}
    reachable |= {flow.screening_step(q) for q in flow.SCREENING}
    assert set(STEPS) == reachable
    assert set(QUESTIONS) == reachable


def test_a_step_this_version_no_longer_has_is_stale(zones: TimezoneDirectory) -> None:
    with pytest.raises(StaleChoice):
        at("colour", "red", zones)


@pytest.mark.parametrize("step", ["hair", "setting", "spacing", "summary", "screen_keloid"])
def test_typing_where_a_button_is_expected_asks_for_the_buttons(
    step: str, zones: TimezoneDirectory
) -> None:
    assert at(step, "androgenetic", zones, **SCHEDULED) == Refused("use_buttons")


def test_a_screening_answer_is_kept_and_undoes_an_earlier_clearance(
    zones: TimezoneDirectory,
) -> None:
    answers = {"screening": {"keloid": True}, "cleared": ["keloid"]}
    kept = at("screen_keloid", "no", zones, typed=False, **answers)
    assert kept == {"screening": {"keloid": False}, "cleared": []}


def test_clearing_a_hold_clears_the_question_that_held(zones: TimezoneDirectory) -> None:
    answers = {"screening": {"pregnancy": False, "keloid": True}}
    reading = Answer("cleared", False, answers, NOW, zones)
    assert read("hold", reading) == {**answers, "cleared": ["keloid"]}


def test_a_time_zone_button_must_name_a_real_zone(zones: TimezoneDirectory) -> None:
    assert at("timezone", "Asia/Tokyo", zones, typed=False) == {"timezone": "Asia/Tokyo"}
    with pytest.raises(StaleChoice):
        at("timezone", "Mars/Olympus", zones, typed=False)


def test_a_typed_city_is_looked_up(zones: TimezoneDirectory) -> None:
    assert at("timezone", "Lisbon", zones) == {"timezone": "Europe/Lisbon"}
    assert isinstance(at("timezone", "qqqqqqqq", zones), Refused)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("yesterday", "date_past"), ("3 Dec 2030", "date_too_far"), ("soonish", "date_unreadable")],
)
def test_dates_that_cannot_be_used_say_why(
    typed: str, problem: str, zones: TimezoneDirectory
) -> None:
    assert at("date", typed, zones, **LONDON) == Refused(problem)


def test_a_date_is_read_in_the_patients_own_zone(zones: TimezoneDirectory) -> None:
    # At 12:00 UTC on 21 November it is already 01:00 on the 22nd in Auckland.
    noon = NOW.replace(hour=12)
    kept = read("date", Answer("today", True, {"timezone": "Pacific/Auckland"}, noon, zones))
    assert kept == {"timezone": "Pacific/Auckland", "date": "2026-11-22"}


def test_a_forged_date_button_is_stale(zones: TimezoneDirectory) -> None:
    with pytest.raises(StaleChoice):
        at("date", "2026-13-01", zones, typed=False, **LONDON)


def test_a_time_already_gone_today_is_refused(zones: TimezoneDirectory) -> None:
    assert at("time", "8:30", zones, **SCHEDULED) == Refused("time_passed")
    assert at("time", "9:30pm", zones, **SCHEDULED) == {**SCHEDULED, "time": "21:30"}


@pytest.mark.parametrize("value", ["2", "61", "99999999999", "\u0661\u0660", "1e3", "-7", ""])
def test_intervals_outside_the_bounds_or_not_plain_digits_are_refused(
    value: str, zones: TimezoneDirectory
) -> None:
    assert at("interval", value, zones) == Refused("interval_range")


def test_a_preset_fills_in_the_spacing_and_custom_asks_for_it(zones: TimezoneDirectory) -> None:
    kept = at("spacing", "weekly", zones, typed=False)
    assert isinstance(kept, dict) and kept["interval"] == 7 and kept["preset"] == "weekly"
    assert at("spacing", "custom", zones, typed=False) == {"custom": True}
    with pytest.raises(StaleChoice):
        at("spacing", "hourly", zones, typed=False)


def test_changing_the_spacing_from_the_summary_clears_all_of_it(zones: TimezoneDirectory) -> None:
    before = {**SCHEDULED, "screening": dict.fromkeys(flow.SCREENING, False), "time": "10:00"}
    answers = {**before, "setting": "home", "preset": "weekly", "interval": 7, "sessions": 10}
    reopened = at("summary", "change_spacing", zones, typed=False, **answers)
    assert reopened == {**before, "setting": "home"}
    assert flow.next_step(reopened) == "spacing"


def test_the_time_zone_question_offers_to_share_a_location() -> None:
    state = IntakeState(1, "timezone", {}, "Ann")
    asked = question(state, load_catalogue(), now=NOW)
    assert asked.share_location and asked.rows == []
    assert "time zone" in asked.text.lower()
