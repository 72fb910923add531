"""Finding a patient's IANA time zone from a shared location or a typed place name."""

from __future__ import annotations

import unicodedata
import zoneinfo
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from mesobot import data

from . import locations

MAX_SUGGESTIONS = 3

# Longer than any zone or city name; also bounds the fuzzy search's work.
MAX_INPUT_LENGTH = 80

# Tuned on typos ("Londn" 91, "Pari" 89, "new yrok" 88) against chat words ("hello", "yes",
# "asdfgh" all stay below it); plain ratio, not WRatio, because WRatio's partial matching
# lets short words score highly against any long name that contains them.
FUZZY_CUTOFF = 85.0

# A namesake in another zone with at least this share of the leader's population is a
# real possibility (Valencia, Spain next to Valencia, Venezuela); smaller ones are not.
AMBIGUITY_SHARE = 0.25

# An exact but obscure name loses its certainty to a near miss this many times larger:
# "Pari" is a town in Brazil, but whoever types it almost surely meant Paris.
OVERSHADOW_FACTOR = 10

# Not places: the machine's own zone, the "unknown" zone and a compilation artefact.
_NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})

# Regions whose "Region/City" names read as a city a patient may type on its own.
_GEOGRAPHIC_REGIONS = frozenset(
    {
        "africa",
        "america",
        "antarctica",
        "asia",
        "atlantic",
        "australia",
        "europe",
        "indian",
        "pacific",
    }
)


@dataclass(frozen=True)
class ZoneChoice:
    """One zone offered to the patient, with the text shown on its button."""

    zone: str
    label: str


@dataclass(frozen=True)
class ZoneSearch:
    """The answer to a typed place: a confident zone, or near misses to offer, or neither."""

    zone: str | None
    suggestions: tuple[ZoneChoice, ...] = ()


# Britons say GMT for their own clock, which is BST in summer, so GMT offers London as well
# as UTC instead of pinning a UK patient an hour off for half the year.
_LONDON = ZoneChoice("Europe/London", "London (Europe/London)")


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    country: str
    zone: str
    population: int

    def choice(self, *, with_country: bool) -> ZoneChoice:
        if self.name == self.zone:
            return ZoneChoice(self.zone, self.zone)
        where = f"{self.name}, {self.country}" if with_country and self.country else self.name
        return ZoneChoice(self.zone, f"{where} ({self.zone})")


@cache
def known_zones() -> frozenset[str]:
    """Every IANA zone a patient may have."""
    return frozenset(zoneinfo.available_timezones() - _NOT_PLACES)


def zone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a point, or None for invalid coordinates or no known zone."""
    return locations.zone_at(latitude, longitude, zones=known_zones())


def normalise(text: str) -> str:
    """Fold case, accents, underscores and spacing so that typed names compare equal."""
    if not text.isascii():
        # The index holds a third of a million names, so plain ASCII skips this slow part.
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    spaced = text.casefold().replace("_", " ").strip(" \t\n.,;:!?\"'")
    if "/" not in spaced:
        return " ".join(spaced.split())
    return "/".join(" ".join(part.split()) for part in spaced.split("/"))


class TimezoneDirectory:
    """City and zone-name indexes for typed places; build once (about half a second) and
    reuse."""

    def __init__(self) -> None:
        """Load the zone list and the city table."""
        self._zones = known_zones()
        self._by_zone_name = {normalise(zone): zone for zone in self._zones}
        self._by_name: dict[str, list[_Place]] = defaultdict(list)
        self._by_zone_city: dict[str, list[_Place]] = defaultdict(list)
        self._by_other_name: dict[str, list[_Place]] = defaultdict(list)
        self._fuzzy_keys: list[str] = []
        self._fuzzy_places: list[_Place] = []
        # Only primary city names may overshadow an exact match; alternates are too noisy.
        self._fuzzy_trusted: list[bool] = []
        self._load_cities()
        self._load_zone_cities()
        for index in (self._by_name, self._by_other_name, self._by_zone_city):
            for key, places in index.items():
                places.sort(key=lambda place: (-place.population, place.zone))
                index[key] = places[:]  # no room to grow: a third of a million lists
        # One fuzzy target per spelling, standing for its most populous holder.
        for key, places in self._by_name.items():
            self._add_fuzzy(key, places[0], trusted=True)
        for key, zone in self._by_zone_name.items():
            self._add_fuzzy(key, _Place(zone, "", zone, 0), trusted=True)
        for key, places in self._by_zone_city.items():
            if key not in self._by_name:
                self._add_fuzzy(key, places[0], trusted=True)

    def search(self, text: str) -> ZoneSearch:
        """Resolve a typed IANA name or city to a zone, or offer up to three near misses."""
        key = normalise(text)
        if not key or len(key) > MAX_INPUT_LENGTH:
            return ZoneSearch(None)
        if key == "utc":
            return ZoneSearch("UTC")
        if key == "gmt":
            return ZoneSearch(None, (_LONDON, ZoneChoice("UTC", "UTC")))
        # "Region/City" is unmistakable, but a bare "Singapore" or "Japan" is better read
        # as the city, whose zone is the canonical one rather than a legacy alias.
        if "/" in key and key in self._by_zone_name:
            return ZoneSearch(self._by_zone_name[key])
        near = self._near_misses(key)
        trusted_near = [place for place, trusted in near if trusted]
        if key in self._by_name:
            return self._among_namesakes(self._by_name[key], trusted_near)
        if key in self._by_other_name:
            return self._among_namesakes(self._by_other_name[key], trusted_near)
        if key in self._by_zone_name:
            return ZoneSearch(self._by_zone_name[key])
        if key in self._by_zone_city:
            # Named by the zone database itself, so no near miss outweighs it.
            return self._among_namesakes(self._by_zone_city[key], [])
        return ZoneSearch(None, _offer((place for place, _ in near), with_country=False))

    def _load_cities(self) -> None:
        # One string for each zone and country, not one for each city.
        zones = {zone: zone for zone in self._zones}
        countries: dict[str, str] = {}
        # Each city's other names are those the table keeps for it (mesobot.data.build).
        for name, country, population, zone, *others in data.rows(data.CITIES):
            if zone not in zones:
                continue
            country = countries.setdefault(country, country)
            place = _Place(name, country, zones[zone], int(population))
            self._by_name[normalise(name)].append(place)
            for spelling in others:
                other = normalise(spelling)
                self._by_other_name[other].append(place)
                if spelling.isascii():
                    # So that "Cologn" finds Köln through its English name.
                    self._add_fuzzy(other, place, trusted=False)

    def _load_zone_cities(self) -> None:
        # Zones are named after places too small for the city list (Europe/Busingen) or
        # named differently there ("New York" is New York City).
        for zone in self._zones:
            region, _, rest = zone.partition("/")
            if rest and region.lower() in _GEOGRAPHIC_REGIONS:
                city = rest.rsplit("/", 1)[-1].replace("_", " ")
                self._by_zone_city[normalise(city)].append(_Place(city, "", zone, 0))

    def _add_fuzzy(self, key: str, place: _Place, *, trusted: bool) -> None:
        self._fuzzy_keys.append(key)
        self._fuzzy_places.append(place)
        self._fuzzy_trusted.append(trusted)

    def _near_misses(self, key: str) -> list[tuple[_Place, bool]]:
        """Fuzzy matches other than the key itself, best score first, then most populous."""
        found = process.extract(
            key,
            self._fuzzy_keys,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=FUZZY_CUTOFF,
            limit=20,
        )
        ranked = sorted(
            (-score, -self._fuzzy_places[index].population, index)
            for name, score, index in found
            if name != key
        )
        return [(self._fuzzy_places[index], self._fuzzy_trusted[index]) for *_, index in ranked]

    def _among_namesakes(self, places: list[_Place], near: list[_Place]) -> ZoneSearch:
        leader = places[0]
        giants = [
            place
            for place in near
            if place.zone != leader.zone
            and place.population > leader.population * OVERSHADOW_FACTOR
        ]
        rivals = [
            place
            for place in places[1:]
            if place.zone != leader.zone and place.population > leader.population * AMBIGUITY_SHARE
        ]
        if not giants and not rivals:
            return ZoneSearch(leader.zone)
        # Name the country: the buttons may read "Valencia" twice otherwise.
        candidates = sorted([*giants, *places], key=lambda place: -place.population)
        return ZoneSearch(None, _offer(candidates, with_country=True))


def _offer(places: Iterable[_Place], *, with_country: bool) -> tuple[ZoneChoice, ...]:
    """Buttons for the first place in each zone, at most MAX_SUGGESTIONS of them."""
    picked: dict[str, _Place] = {}
    for place in places:
        picked.setdefault(place.zone, place)
        if len(picked) == MAX_SUGGESTIONS:
            break
    names = Counter(place.name for place in picked.values())
    # Two buttons reading "London" must say which country each one means.
    return tuple(
        place.choice(with_country=with_country or names[place.name] > 1)
        for place in picked.values()
    )
