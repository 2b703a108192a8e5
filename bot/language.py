"""Is a message written in another language than English? Offline, no downloads, no dependencies.

Signpost works in English. A message in another language ("moja mama potrzebuje pomocy w
domu", "میری ماں کو مدد کی ضرورت ہے") gets a short reply in plain English instead of "sorry, I
didn't understand": Signpost works in English, the council can arrange an interpreter, and a line
the person can show to someone who can help (``reply``).

Two tests, both from ``bot/data/languages.yml``:

- **another script**: most of the letters (at least two) are in one script other than Latin
  (Arabic, Gurmukhi, Bengali, Cyrillic, Han...);
- **Latin script**: at least half of the words are very common words of one language that are
  not English (or carry that language's own letters, like Polish "ł"), with at least three of
  them (two if one has the language's own letters), and more of them than English words.

It must never fire on English, however short, misspelt or slangy ("ok ta", "nvm", "mum in
grimsby", "Ashby-de-la-Zouch"): a word or two on their own never count unless one of them is a
listed word with the language's own letters ("cześć", "dziękuję bardzo").

Public API::

    detect(text) -> Detected | None
    reply(detected, mode="resident", council="the council", contacts=()) -> list[str]
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.datafiles import load_yaml
from bot.text import clean, fold

LANGUAGES_FILE = "languages.yml"
MAX_CHARS = 2000
LATIN = "Latin"
#: words: runs of letters (apostrophes are already dropped by ``fold``)
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Detected:
    """A message not in English: its script and, when it is clear, its language."""

    script: str  # "Latin", "Arabic", "Gurmukhi"...
    language: str | None = None  # "Polish", "Punjabi"; None when not clear

    @property
    def interpreter(self) -> str:
        """ "a Polish interpreter", "an Urdu interpreter", or "an interpreter"."""
        if not self.language:
            return "an interpreter"
        article = "an" if self.language[:1].upper() in "AEIOU" else "a"
        return f"{article} {self.language} interpreter"

    def to_dict(self) -> dict[str, Any]:
        return {"script": self.script, "language": self.language}


@dataclass(frozen=True)
class _Script:
    name: str
    language: str | None
    mixed: tuple[tuple[str, str], ...]  # (another script seen with this one, the language then)


@dataclass(frozen=True)
class _Language:
    id: str
    name: str | None
    letters: frozenset[str]
    words: frozenset[str]


def _data() -> dict[str, Any]:
    return load_yaml(LANGUAGES_FILE)


@lru_cache(maxsize=1)
def _script_table() -> tuple[list[int], list[tuple[int, _Script]]]:
    """Sorted range starts, and (range end, script) for each, for a bisect lookup."""
    ranges = []
    for raw in _data()["scripts"]:
        script = _Script(raw["name"], raw.get("language"), tuple((raw.get("mixed") or {}).items()))
        for span in raw["ranges"]:
            low, high = (int(part, 16) for part in span.split("-"))
            ranges.append((low, high, script))
    ranges.sort(key=lambda item: item[0])
    return [low for low, _, _ in ranges], [(high, script) for _, high, script in ranges]


@lru_cache(maxsize=1)
def _languages() -> tuple[_Language, ...]:
    return tuple(
        _Language(raw["id"], raw.get("name"), frozenset(raw.get("letters") or ""), frozenset(raw["words"].split()))
        for raw in _data()["languages"]
    )


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    return frozenset(_data()["english"].split())


def _script_of(char: str) -> _Script | None:
    starts, ends = _script_table()
    index = bisect.bisect_right(starts, ord(char)) - 1
    if index < 0:
        return None
    high, script = ends[index]
    return script if ord(char) <= high else None


def _other_script(text: str) -> Detected | None:
    """Another script when most of the letters (at least two) are in it."""
    counts: dict[str, int] = {}
    scripts: dict[str, _Script] = {}
    latin = 0
    for char in text:
        script = _script_of(char)
        if script is not None:
            counts[script.name] = counts.get(script.name, 0) + 1
            scripts[script.name] = script
        elif char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
            latin += 1
    other = sum(counts.values())
    if other < 2 or other < latin:
        return None
    top = scripts[max(counts, key=counts.__getitem__)]
    language = next((name for seen, name in top.mixed if counts.get(seen)), top.language)
    return Detected(top.name, language)


def _latin(text: str) -> Detected | None:
    """A Latin-script language when enough of the words are its own (see the module docstring)."""
    words = set(_WORD.findall(fold(text)))  # each word once: "la la la" is one word
    if not words:
        return None
    english = sum(word in _english() for word in words)
    scores = []
    for language in _languages():
        listed = sum(word in language.words for word in words)
        marked = sum(any(char in language.letters for char in word) for word in words)
        hits = sum(word in language.words or any(char in language.letters for char in word) for word in words)
        enough = hits >= 3 or (hits >= 2 and marked >= 1) or (len(words) == 1 and marked >= 1)
        if listed and enough and hits * 2 >= len(words) and hits > english:
            scores.append((hits, marked, language))
        elif listed:
            scores.append((hits, -1, language))  # counted, only to see whether the best is clearly ahead
    found = [score for score in scores if score[1] >= 0]
    if not found:
        return None
    best_hits, best_marked, best = max(found, key=lambda score: score[:2])
    runner_up = max((hits for hits, _, language in scores if language is not best), default=0)
    clear = best_hits - runner_up >= 2 or (runner_up == 0 and best_marked > 0)
    return Detected(LATIN, best.name if clear else None)


def detect(text: object) -> Detected | None:
    """The message's script and language when it is not English; None for English (or nothing)."""
    value = clean(text, MAX_CHARS)
    if not value or value.startswith("/"):
        return None  # a button payload
    return _other_script(value) or _latin(value)


def reply(detected: Detected, mode: str = "resident", council: str = "the council",
          contacts: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The reply to a message in another language, as short messages: danger, Signpost only works in
    English, the council can arrange an interpreter (with its ``contacts``), and a line to show to
    someone who can help."""
    words = _data()["reply"]["staff" if str(mode).strip().lower() == "staff" else "resident"]
    values = {"language": detected.language or "", "council": council, "interpreter": detected.interpreter}
    return [
        words["danger"],
        words["named" if detected.language else "unnamed"].format(**values),
        "\n".join([words["interpreter"].format(**values), *contacts]),
        "\n".join([words["show"], words["card"].format(**values)]),
    ]
