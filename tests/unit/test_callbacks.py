"""Typed button data: each family packs and reads back its own format, refuses the rest."""

from __future__ import annotations

import datetime as dt

import pytest

from mesobot.render import callbacks as cb


@pytest.mark.parametrize(
    ("button", "data"),
    [
        (cb.Consent("yes"), "consent:yes"),
        (cb.Consent("yes", "Ab-3_x"), "consent:yes:Ab-3_x"),
        (cb.Consent("no"), "consent:no"),
        (cb.Choice(12, "time", "10:00"), "in:12:time:10:00"),
        (cb.IntakeMonth(12, cb.YearMonth(dt.date(2027, 1, 1))), "cal:12:2027-01"),
        (cb.Reminder(5, 3, "move"), "rm:5:3:move"),
        (cb.MoveDay(5, 3, dt.date(2026, 12, 9)), "mv:5:3:2026-12-09"),
        (cb.MoveMonth(5, 3, cb.YearMonth(dt.date(2026, 12, 1))), "mv:5:3:2026-12"),
        (
            cb.RequestTime(8, "t", cb.LocalTime(dt.datetime(2026, 12, 3, 10))),
            "rq:8:t:2026-12-03T1000",
        ),
        (cb.Proposal(8, "ok", dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC)), "pp:8:ok:20261203T0900"),
        (cb.Proposal(8, "no"), "pp:8:no"),
        (cb.Blank(), "noop"),
    ],
)
def test_each_family_writes_the_format_buttons_always_had_and_reads_it_back(
    button: cb.CallbackData, data: str
) -> None:
    assert button.pack() == data
    assert type(button).unpack(data) == button
    assert cb.read(data) == button


@pytest.mark.parametrize(
    "data",
    [
        "",
        "rm:5:3",  # a field short
        "rm:5:3:move:1",  # one too many
        "rm:5:3:dance",  # not one of its actions
        "rm:²:3:move",  # a digit that is not ASCII
        "rm:①:3:move",
        "rm:99999999999:3:move",  # too big for a database column
        "mv:5:3:2026-02-30",  # no such day
        "mv:5:3:1900-01-01",  # outside the calendar
        "mv:5:3:2026-13",
        "pp:8:ok:20261203T2500",
        "consent:maybe",
        "consent:",
        "zz:1",  # no such family
        "in:1:time:" + "x" * 60,  # over Telegram's 64 bytes
        "faq:caf\u00e9",
        "faq:tab\there",
    ],
)
def test_forged_or_malformed_data_reads_as_nothing(data: str) -> None:
    assert cb.read(data) is None


def test_same_prefix_families_are_told_apart_by_their_fields() -> None:
    assert isinstance(cb.read("rq:8:x"), cb.RequestAction)
    assert isinstance(cb.read("rq:8:d:2026-12-03"), cb.RequestDay)
    assert isinstance(cb.read("rq:8:m:2026-12"), cb.RequestMonth)
    assert cb.read("rq:8:d:2026-12") is None


def test_packing_refuses_data_over_telegrams_limit() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        cb.Topic("k" * 70).pack()


def test_handlers_find_their_family_by_prefix() -> None:
    import re

    assert re.match(cb.Reminder.pattern(), "rm:5:3:move")
    assert not re.match(cb.Reminder.pattern(), "rmx:5")
    assert re.match(cb.Blank.pattern(), "noop")
