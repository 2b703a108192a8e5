"""The always-on safety screen: a deterministic phrase check run on every message.

It backs up the NLU model so that danger never rests on a classifier alone.
Phrases, spelling fixes, exclusions and the replies live in ``bot/data/safety.yml``.

Public API::

    screen(text) -> SafetyMatch | None       # highest-priority match, or None
    screen_all(text) -> list[SafetyMatch]    # one match per kind found, in priority order
    response(match, council=None, mode="resident") -> list[str]
    normalise(text) -> str                   # the folded text the phrases are matched against

Kinds, in priority order: "emergency" (call 999), "suicide" (999, Samaritans 116 123,
NHS 111 option 2) and "abuse" (999 if in danger, then the council's safeguarding route).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.datafiles import load_yaml
from bot.text import collapse_repeats, fold

SAFETY_FILE = "safety.yml"
KINDS = ("emergency", "suicide", "abuse")
_NEGATION_WINDOW = 2


@dataclass(frozen=True)
class SafetyMatch:
    """A safety phrase found in a message.

    ``kind`` is "emergency", "suicide" or "abuse"; ``rule`` names the phrase group that
    matched; ``phrase`` is the matched text (in folded form); ``also`` lists any other kinds
    found in the same message, so a reply can cover them too.
    """

    kind: str
    rule: str
    phrase: str
    also: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for a custom payload: {"type": "safety", "kind", "rule", "also"}."""
        return {"type": "safety", "kind": self.kind, "rule": self.rule, "also": list(self.also)}


@dataclass(frozen=True)
class _Rule:
    id: str
    kind: str
    regex: re.Pattern[str]
    collapsed: re.Pattern[str]
    negatable: bool


@dataclass(frozen=True)
class _Screen:
    rules: tuple[_Rule, ...]
    exclusions: tuple[re.Pattern[str], ...]
    collapsed_exclusions: tuple[re.Pattern[str], ...]
    rewrites: tuple[tuple[re.Pattern[str], str], ...]
    misspellings: dict[str, str]
    fuzzy_words: tuple[str, ...]
    fuzzy_ignore: frozenset[str]
    negators: frozenset[str]
    keep_doubles: frozenset[str]


def _expand(pattern: str, macros: dict[str, str]) -> str:
    for _ in range(3):  # macros may use other macros
        pattern = re.sub(r"%([A-Z_]+)%", lambda m: macros[m.group(1)], pattern)
    return pattern


def _compile(phrases: list[str], macros: dict[str, str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    source = "|".join(f"(?:{_expand(p, macros)})" for p in phrases)
    wrapped = rf"(?<!\w)(?:{source})(?!\w)"
    return re.compile(wrapped), re.compile(collapse_repeats(wrapped, keep=1))


@lru_cache(maxsize=1)
def _screen() -> _Screen:
    data = load_yaml(SAFETY_FILE)
    macros = data.get("macros", {})
    rules = []
    for raw in data["rules"]:
        if raw["kind"] not in KINDS:
            raise ValueError(f"safety rule {raw['id']} has unknown kind {raw['kind']}")
        regex, collapsed = _compile(raw["phrases"], macros)
        rules.append(_Rule(raw["id"], raw["kind"], regex, collapsed, bool(raw.get("negatable", False))))
    exclusions = [_compile([p], macros) for p in data.get("exclusions", [])]
    return _Screen(
        rules=tuple(rules),
        exclusions=tuple(e[0] for e in exclusions),
        collapsed_exclusions=tuple(e[1] for e in exclusions),
        rewrites=tuple((re.compile(a), b) for a, b in data.get("rewrites", [])),
        misspellings=dict(data.get("misspellings", {})),
        fuzzy_words=tuple(data.get("fuzzy_words", [])),
        fuzzy_ignore=frozenset(data.get("fuzzy_ignore", [])),
        negators=frozenset(data.get("negators", [])),
        keep_doubles=frozenset(data.get("keep_doubles", [])),
    )


def _fix_word(word: str, screen: _Screen) -> str:
    if word in screen.misspellings:
        return screen.misspellings[word]
    if len(word) < 6 or word in screen.fuzzy_ignore or word in screen.fuzzy_words:
        return word
    for target in screen.fuzzy_words:
        if word[0] == target[0] and abs(len(word) - len(target)) <= 2:
            if difflib.SequenceMatcher(None, word, target).ratio() >= 0.84:
                return target
    return word


def normalise(text: object) -> str:
    """The folded form of ``text`` that the safety phrases are matched against.

    Lowercase, Unicode NFKC, apostrophes dropped, punctuation removed, runs of three or more
    of the same letter cut to two, common forms unified ("can not" -> "cant") and known
    misspellings fixed ("sucide" -> "suicide").
    """
    screen = _screen()
    value = collapse_repeats(fold(text), keep=2)
    value = " ".join(_fix_word(word, screen) for word in value.split())
    for pattern, replacement in screen.rewrites:
        value = pattern.sub(replacement, value)
    return value


def _single_letters(text: str, screen: _Screen) -> str:
    """``text`` with doubled letters made single ("kiil" -> "kil"), except in real words whose
    single-letter form would read as another word ("feel" is not "fell", "too" is not "to")."""
    return " ".join(word if word in screen.keep_doubles else collapse_repeats(word, keep=1)
                    for word in text.split())


def _spans(patterns: tuple[re.Pattern[str], ...], text: str) -> list[tuple[int, int]]:
    return [m.span() for p in patterns for m in p.finditer(text)]


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _negated(text: str, start: int, negators: frozenset[str]) -> bool:
    """True when a negator sits in the two words before ``start``. "no" counts only right before
    the phrase ("no chest pain"), so an answer like "no, I'm suicidal" is not suppressed."""
    before = text[:start].split()[-_NEGATION_WINDOW:]
    if before and before[-1] in negators:
        return True
    return any(word in negators and word != "no" for word in before)


def _first_match(rule: _Rule, variants: list[tuple[str, bool, list[tuple[int, int]]]],
                 negators: frozenset[str]) -> str | None:
    for text, collapsed, excluded in variants:
        regex = rule.collapsed if collapsed else rule.regex
        for match in regex.finditer(text):
            if _inside(match.span(), excluded):
                continue
            if rule.negatable and _negated(text, match.start(), negators):
                continue
            return match.group(0)
    return None


def screen_all(text: object) -> list[SafetyMatch]:
    """Every kind of safety concern in ``text``, one match per kind, highest priority first.

    Never raises on odd input: ``None``, empty, huge or strange text gives a list (maybe empty).
    """
    screen = _screen()
    normal = normalise(text)
    if not normal:
        return []
    single = _single_letters(normal, screen)
    variants = [
        (normal, False, _spans(screen.exclusions, normal)),
        (single, True, _spans(screen.collapsed_exclusions, single)),
    ]
    found: dict[str, tuple[str, str]] = {}
    for rule in screen.rules:
        if rule.kind in found:
            continue
        phrase = _first_match(rule, variants, screen.negators)
        if phrase is not None:
            found[rule.kind] = (rule.id, phrase)
    kinds = [kind for kind in KINDS if kind in found]
    return [SafetyMatch(kind, found[kind][0], found[kind][1], tuple(k for k in kinds if k != kind))
            for kind in kinds]


def screen(text: object) -> SafetyMatch | None:
    """The most urgent safety concern in ``text`` ("emergency" > "suicide" > "abuse"), or None.

    ``SafetyMatch.also`` lists any other kinds found in the same message.
    """
    matches = screen_all(text)
    return matches[0] if matches else None


def _council(council: Any):
    from bot import councils

    if council is None:
        return councils.default_council()
    if isinstance(council, councils.Council):
        return council
    return councils.council_for_place(council)


def _lines_for(kind: str, council: Any, mode: str) -> list[str]:
    data = load_yaml(SAFETY_FILE)["responses"][kind]
    lines = list(data.get(mode) or data["resident"])
    if kind == "abuse":
        lines.extend(_council(council).safeguarding_lines(mode))
    return lines


def response(match: SafetyMatch | str, council: Any = None, mode: str = "resident") -> list[str]:
    """Short plain-English messages for a safety match, most urgent first.

    ``match`` is a SafetyMatch (or just its kind as a string). ``council`` is a Council, a slug,
    a place with ``.council``, or None for the deployment default; it supplies the safeguarding
    route for abuse. ``mode`` is "resident" or "staff" (a guided script for an adviser).
    Kinds in ``match.also`` add their lines after the main kind's, without repeats.
    """
    kind = match if isinstance(match, str) else match.kind
    if kind not in KINDS:
        raise ValueError(f"unknown safety kind: {kind!r}")
    mode = "staff" if mode == "staff" else "resident"
    kinds = [kind, *([] if isinstance(match, str) else match.also)]
    lines: list[str] = []
    for each in kinds:
        for line in _lines_for(each, council, mode):
            if line not in lines and not (each != kind and "999" in line and any("999" in x for x in lines)):
                lines.append(line)
    return lines
