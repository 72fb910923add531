"""The IANA time zone at a point on the map (tzfpy's boundaries, built on first use)."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from functools import cache
from importlib.resources import files

# zone.tab's coordinates: +DDMM+DDDMM or +DDMMSS+DDDMMSS.
_COORDINATES = re.compile(r"([+-])(\d\d)(\d\d)(\d\d)?([+-])(\d\d\d)(\d\d)(\d\d)?")


def zone_at(latitude: float, longitude: float, *, zones: Collection[str]) -> str | None:
    """The zone among ``zones`` at a point, or None for invalid coordinates or none there.

    A few places lie in two zones that are both kept there (Xinjiang keeps Beijing and
    Xinjiang time; parts of the West Bank keep Israel's and Palestine's clocks): the point
    goes to the zone whose principal place (the tz database's zone.tab) is nearer."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    import tzfpy  # its boundaries take 30 MB: loaded for the first shared location

    try:
        found = [zone for zone in tzfpy.get_tzs(longitude, latitude) if zone in zones]
    except Exception:
        # A location comes straight from a Telegram message; a bad one must not crash.
        return None
    if len(found) > 1 and all(zone in _principal_places() for zone in found):
        places = _principal_places()
        return min(found, key=lambda zone: _distance((latitude, longitude), places[zone]))
    return found[0] if found else None


@cache
def _principal_places() -> dict[str, tuple[float, float]]:
    """Each zone's principal place (latitude, longitude), from the tz database's zone.tab."""
    places = {}
    for line in (files("tzdata.zoneinfo") / "zone.tab").read_text("utf-8").splitlines():
        if not line.startswith("#"):
            _, where, zone, *_ = line.split("\t")
            places[zone] = _degrees(where)
    return places


def _degrees(where: str) -> tuple[float, float]:
    match = _COORDINATES.fullmatch(where)
    assert match, where
    parts = match.groups()
    return _angle(*parts[:4]), _angle(*parts[4:])


def _angle(sign: str, degrees: str, minutes: str, seconds: str | None) -> float:
    value = int(degrees) + int(minutes) / 60 + int(seconds or 0) / 3600
    return -value if sign == "-" else value


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The angle between two points on the sphere, in radians."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(
        lng1 - lng2
    )
    return math.acos(max(-1.0, min(1.0, cosine)))
