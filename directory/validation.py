"""Checks on search input before it goes near the database. Anything odd becomes an
``InvalidQuery`` with a plain-English message (the web layer turns it into a 400)."""

from __future__ import annotations

import math
import re
import unicodedata

from directory.errors import InvalidQuery

MAX_TEXT = {"near": 100, "q": 200, "category": 80}
MAX_RADIUS_KM = 200.0
MAX_LIMIT = 50
MAX_OFFSET = 10_000

# Letters (any alphabet), digits, spaces and a little everyday punctuation.
_ALLOWED_PUNCTUATION = set(" -'’.,&()/!?:£+")
_CODE_LIKE = re.compile(
    r"\b(select|union|insert|update|delete|drop|alter|exec|create|truncate)\b.*\b(from|into|table|set|where|database)\b"
    r"|--|/\*|\*/|\bor\s+\d+\s*=\s*\d+",
    re.IGNORECASE,
)


def clean_text(value, field: str) -> str | None:
    """The stripped, NFKC-normalised text, None when empty; raises InvalidQuery if the
    text is too long, holds control or invisible characters, symbols, or looks like code."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidQuery(f"The {field} must be text.")
    if len(value) > MAX_TEXT[field] * 4:
        raise InvalidQuery(f"The {field} is too long. Please use at most {MAX_TEXT[field]} characters.")
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    if len(text) > MAX_TEXT[field]:
        raise InvalidQuery(f"The {field} is too long. Please use at most {MAX_TEXT[field]} characters.")
    for char in text:
        if char.isalnum() or char in _ALLOWED_PUNCTUATION:
            continue
        category = unicodedata.category(char)
        if category.startswith("M"):  # accents that NFKC could not combine
            continue
        raise InvalidQuery(
            f"The {field} has characters I can't search for. Please use only letters, numbers and spaces."
        )
    if _CODE_LIKE.search(text):
        raise InvalidQuery(f"The {field} looks like computer code. Please type a place or a few words.")
    return re.sub(r"\s+", " ", text)


def parse_number(value, field: str, *, low: float, high: float, integer: bool = False):
    """A number between ``low`` and ``high`` (None when empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, str):
            value = value.strip()
            if len(value) > 12:
                raise ValueError
        number = int(value) if integer else float(value)
    except (TypeError, ValueError):
        kind = "a whole number" if integer else "a number"
        raise InvalidQuery(f"The {field} must be {kind}.") from None
    if not math.isfinite(number) or number < low or number > high:
        raise InvalidQuery(f"The {field} must be between {low:g} and {high:g}.")
    return number


def check_radius(value) -> float | None:
    radius = parse_number(value, "radius_km", low=0, high=MAX_RADIUS_KM)
    if radius is not None and radius <= 0:
        raise InvalidQuery(f"The radius_km must be more than 0 and at most {MAX_RADIUS_KM:g}.")
    return radius


def check_limit(value, default: int) -> int:
    limit = parse_number(value, "limit", low=1, high=MAX_LIMIT, integer=True)
    return default if limit is None else limit


def check_offset(value) -> int:
    offset = parse_number(value, "offset", low=0, high=MAX_OFFSET, integer=True)
    return offset or 0
