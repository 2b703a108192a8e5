"""Distances on the Earth's surface (haversine) and bounding boxes for fast prefilters."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box that contains the circle."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(lat)), 0.01)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def valid_coordinates(lat, lon) -> bool:
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return False
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


KM_PER_MILE = 1.609344


def distance_words(km, unit: str = "km") -> str:
    """A distance as plain words for a service card: "less than 1 km away", "about 3 km away"
    (or miles with ``unit="miles"``: "less than 1 mile away", "about 2 miles away").

    Never "0.0 km": very short distances say "less than 1". ``None`` or a bad value gives "".
    """
    try:
        value = float(km)
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(value) or value < 0:
        return ""
    if unit == "miles":
        value, one, many = value / KM_PER_MILE, "mile", "miles"
    else:
        one = many = "km"
    if value < 1:
        return f"less than 1 {one} away"
    rounded = int(value + 0.5)
    return f"about {rounded} {one if rounded == 1 else many} away"
