"""Finding a patient's time zone from a shared location or a typed place."""

from __future__ import annotations

import zoneinfo

import pytest

from mesobot.services.timezones import (
    TimezoneDirectory,
    ZoneChoice,
    ZoneSearch,
    normalise,
    zone_at,
)


@pytest.fixture(scope="module")
def directory() -> TimezoneDirectory:
    """Built once: loading the cities takes about half a second."""
    return TimezoneDirectory()


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        (51.5074, -0.1278, "Europe/London"),
        (48.8566, 2.3522, "Europe/Paris"),
        (40.7128, -74.0060, "America/New_York"),
        (-23.5505, -46.6333, "America/Sao_Paulo"),
        # Places in two zones go to the one whose principal place is nearer: Xinjiang keeps
        # Beijing and Xinjiang time; parts of the West Bank keep Israel's and Palestine's.
        (43.80096, 87.60046, "Asia/Urumqi"),
        (39.4672, 75.9868, "Asia/Urumqi"),
        (39.9042, 116.4074, "Asia/Shanghai"),
        (31.65078, 35.06439, "Asia/Hebron"),
        (31.7773, 35.2983, "Asia/Jerusalem"),
    ],
)
def test_zone_at_a_shared_location(latitude: float, longitude: float, expected: str) -> None:
    assert zone_at(latitude, longitude) == expected


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (91.0, 0.0),
        (-90.5, 0.0),
        (0.0, 180.5),
        (0.0, -181.0),
        (float("nan"), 0.0),
        (0.0, float("inf")),
    ],
)
def test_zone_at_invalid_coordinates_is_none(latitude: float, longitude: float) -> None:
    assert zone_at(latitude, longitude) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        ("EUROPE/LONDON", "Europe/London"),
        ("America/New York", "America/New_York"),
        ("america/new_york", "America/New_York"),
        ("America / New York", "America/New_York"),
        ("Etc/GMT-3", "Etc/GMT-3"),
    ],
)
def test_search_an_iana_name_in_any_spelling(
    directory: TimezoneDirectory, text: str, expected: str
) -> None:
    assert directory.search(text) == ZoneSearch(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("London", "Europe/London"),
        ("london", "Europe/London"),
        ("paris", "Europe/Paris"),
        ("New York", "America/New_York"),
        ("São Paulo", "America/Sao_Paulo"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("sao paulo", "America/Sao_Paulo"),
        ("Zurich", "Europe/Zurich"),
        ("Zürich", "Europe/Zurich"),
        ("Kyiv", "Europe/Kyiv"),
        ("Kiev", "Europe/Kyiv"),
        ("München", "Europe/Berlin"),
        ("Munich", "Europe/Berlin"),
        ("Wien", "Europe/Vienna"),
        ("Москва", "Europe/Moscow"),
        ("Singapore", "Asia/Singapore"),
        ("Busingen", "Europe/Busingen"),
        ("Birmingham", "Europe/London"),
        ("Portland", "America/Los_Angeles"),
        ("  Paris. ", "Europe/Paris"),
    ],
)
def test_search_a_city(directory: TimezoneDirectory, text: str, expected: str) -> None:
    assert directory.search(text) == ZoneSearch(expected)


def test_search_namesakes_of_similar_size_are_offered_with_countries(
    directory: TimezoneDirectory,
) -> None:
    found = directory.search("Valencia")
    assert found.zone is None
    assert found.suggestions[:2] == (
        ZoneChoice("America/Caracas", "Valencia, VE (America/Caracas)"),
        ZoneChoice("Europe/Madrid", "Valencia, ES (Europe/Madrid)"),
    )


def test_search_an_obscure_exact_name_yields_to_a_famous_near_miss(
    directory: TimezoneDirectory,
) -> None:
    # Pari is a town in Brazil; whoever types it almost surely means Paris.
    assert directory.search("Pari") == ZoneSearch(
        None,
        (
            ZoneChoice("Europe/Paris", "Paris, FR (Europe/Paris)"),
            ZoneChoice("America/Sao_Paulo", "Pari, BR (America/Sao_Paulo)"),
        ),
    )


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Londn", ZoneChoice("Europe/London", "London, GB (Europe/London)")),
        ("Amsterdm", ZoneChoice("Europe/Amsterdam", "Amsterdam (Europe/Amsterdam)")),
        ("Amstredam", ZoneChoice("Europe/Amsterdam", "Amsterdam (Europe/Amsterdam)")),
        ("Europe/Londn", ZoneChoice("Europe/London", "Europe/London")),
        ("new yrok", ZoneChoice("America/New_York", "New York City (America/New_York)")),
        ("Barcleona", ZoneChoice("Europe/Madrid", "Barcelona (Europe/Madrid)")),
        ("Milano", ZoneChoice("Europe/Rome", "Milan (Europe/Rome)")),
    ],
)
def test_search_a_near_miss_offers_suggestions(
    directory: TimezoneDirectory, text: str, first: ZoneChoice
) -> None:
    found = directory.search(text)
    assert found.zone is None
    assert found.suggestions[0] == first
    assert 1 <= len(found.suggestions) <= 3
    assert len({choice.zone for choice in found.suggestions}) == len(found.suggestions)


@pytest.mark.parametrize(
    "text",
    ["asdfgh", "hello", "yes", "no", "ok", "thanks", "", "   ", "x" * 500, "London " * 50],
)
def test_search_nonsense_finds_nothing(directory: TimezoneDirectory, text: str) -> None:
    assert directory.search(text) == ZoneSearch(None)


def test_search_utc_is_utc(directory: TimezoneDirectory) -> None:
    assert directory.search("UTC") == ZoneSearch("UTC")
    assert directory.search("utc") == ZoneSearch("UTC")


def test_search_gmt_offers_london_as_well_as_utc(directory: TimezoneDirectory) -> None:
    # A Briton saying GMT usually means UK time, which is an hour ahead in summer.
    assert directory.search("GMT") == ZoneSearch(
        None,
        (
            ZoneChoice("Europe/London", "London (Europe/London)"),
            ZoneChoice("UTC", "UTC"),
        ),
    )


@pytest.mark.parametrize(
    "text",
    ["London", "Londn", "Valencia", "Springfield", "Pari", "GMT", "Cambridge", "Europe/Londn"],
)
def test_search_only_returns_real_zones(directory: TimezoneDirectory, text: str) -> None:
    available = zoneinfo.available_timezones()
    found = directory.search(text)
    zones = [choice.zone for choice in found.suggestions]
    if found.zone is not None:
        zones.append(found.zone)
    assert zones
    assert all(zone in available for zone in zones)
    assert len(found.suggestions) <= 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zürich", "zurich"),
        ("SÃO  PAULO", "sao paulo"),
        ("America/New_York", "america/new york"),
        (" America / New  York ", "america/new york"),
    ],
)
def test_normalise_folds_case_accents_and_spacing(text: str, expected: str) -> None:
    assert normalise(text) == expected
