"""Small text helpers shared by the phrase screens and parsers in ``bot``.

``fold`` turns any user message into a predictable lowercase form:
Unicode NFKC, curly quotes made straight, apostrophes dropped ("can't" -> "cant"),
other punctuation turned into spaces and runs of spaces collapsed. The safety
screen, the triage keyword matcher and the amount parser all start from it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 20_000

_APOSTROPHES = re.compile(r"['\u2018\u2019\u201b\u02bc\u0060\u00b4]")
_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]")


def clean(text: object, max_chars: int = MAX_CHARS) -> str:
    """Return ``text`` as a safe string: NFKC-normalised, control and zero-width characters removed,
    trimmed and cut to ``max_chars``. ``None`` and non-strings become ``""`` or ``str(value)``."""
    if text is None:
        return ""
    value = text if isinstance(text, str) else str(text)
    value = unicodedata.normalize("NFKC", value[: max_chars * 2])
    value = _CONTROL.sub(" ", value)
    return value.strip()[:max_chars]


def fold(text: object, keep: str = "") -> str:
    """Lowercase, NFKC-normalised form of ``text`` with apostrophes removed, other punctuation
    (except characters in ``keep``) replaced by spaces, and whitespace collapsed."""
    value = clean(text).lower()
    value = _APOSTROPHES.sub("", value)
    if keep:
        value = re.sub(r"[^\w\s" + re.escape(keep) + r"]|_", " ", value)
    else:
        value = _NON_WORD.sub(" ", value)
    return _SPACES.sub(" ", value).strip()


def collapse_repeats(text: str, keep: int = 2) -> str:
    """Shorten runs of the same letter to ``keep`` letters ("sooooo" -> "soo" with keep=2)."""
    return re.sub(rf"([a-z])\1{{{keep},}}", lambda m: m.group(1) * keep, text)


def word_pattern(phrase: str) -> str:
    """Regex source matching ``phrase`` as whole words; ``*`` in the phrase means "any word ending"
    (so ``cook*`` matches cook, cooks, cooking) and spaces match one or more spaces."""
    parts = [re.escape(word).replace(r"\*", r"\w*") for word in phrase.split()]
    return r"\b" + r"\s+".join(parts) + r"(?!\w)"


def join_words(items: list[str], conjunction: str = "and") -> str:
    """Join items as plain English: "a", "a and b", "a, b and c"."""
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
