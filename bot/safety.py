"""The always-on safety screen: a deterministic phrase check run on every message.

It backs up the NLU model so that danger never rests on a classifier alone.
Phrases, spelling fixes, exclusions and the replies live in ``bot/data/safety.yml``.

Public API::

    screen(text) -> SafetyMatch | None       # highest-priority match, or None
    screen_all(text) -> list[SafetyMatch]    # one match per kind found, in priority order
    response(match, council=None, mode="resident") -> list[str]
    normalise(text) -> str                   # the folded text the phrases are matched against

Kinds, in priority order: "emergency" (call 999), "suicide" (999, Samaritans 116 123,
NHS 111 option 2), "carer" (a carer at breaking point or afraid of hurting the person they look
after: 999 if anyone is in danger, Samaritans, the council's adult social care team for urgent
help with care) and "abuse" (999 if in danger, then the council's safeguarding route).

A rule may name its own ``reply`` (its words in ``responses``), so one kind can be worded for the
case: "welfare_check" (someone not seen for days: 999 and the police) and "accidental_overdose"
(NHS 111, or 999 if they are unwell) are emergencies; "self_neglect" is abuse (the safeguarding
route, worded gently). A rule's ``unless`` phrases, found anywhere in the message, turn it off: the
weaker signs that someone has not been seen (curtains shut, milk on the step) do not count when the
message gives a reason or describes the person as there ("she keeps her curtains shut since dad died,
she's very low"). A rule may also ``cover`` other kinds: their phrases inside its match do not
count ("scared I'll hit my mum" is a carer at breaking point, not a report of abuse; "took too many
tablets by mistake" is not an overdose on purpose). ``notes`` add a line when the message says more
("she made me promise not to tell").
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
KINDS = ("emergency", "suicide", "carer", "abuse")
#: The numbers a later reply in the same message need not give again.
_REPEATED_NUMBERS = ("999", "116 123")
_NEGATION_WINDOW = 2


@dataclass(frozen=True)
class SafetyMatch:
    """A safety phrase found in a message.

    ``kind`` is one of KINDS; ``rule`` names the phrase group that matched; ``phrase`` is the
    matched text (in folded form); ``also`` lists any other kinds found in the same message, so a
    reply can cover them too. ``reply`` names the words for this match (the kind, or the rule's own
    reply such as "accidental_overdose"); ``also_replies`` the words for each kind in ``also``;
    ``notes`` the extra lines the message calls for ("asked_not_to_tell").
    """

    kind: str
    rule: str
    phrase: str
    also: tuple[str, ...] = field(default=())
    reply: str = ""
    also_replies: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.reply:
            object.__setattr__(self, "reply", self.kind)
        if len(self.also_replies) != len(self.also):
            object.__setattr__(self, "also_replies", tuple(self.also))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for a custom payload: {"type": "safety", "kind", "rule", "also", "reply"}."""
        return {"type": "safety", "kind": self.kind, "rule": self.rule, "also": list(self.also),
                "reply": self.reply}


@dataclass(frozen=True)
class _Rule:
    id: str
    kind: str
    regex: re.Pattern[str]
    collapsed: re.Pattern[str]
    negatable: bool
    reply: str
    covers: tuple[str, ...]
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _Note:
    id: str
    kinds: tuple[str, ...]
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _Screen:
    rules: tuple[_Rule, ...]
    notes: tuple[_Note, ...]
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
    replies = data["responses"]
    missing = [kind for kind in KINDS if kind not in replies]
    if missing:
        raise ValueError(f"safety kinds without a response: {missing}")
    rules = []
    for raw in data["rules"]:
        if raw["kind"] not in KINDS:
            raise ValueError(f"safety rule {raw['id']} has unknown kind {raw['kind']}")
        reply = raw.get("reply", raw["kind"])
        if reply not in replies:
            raise ValueError(f"safety rule {raw['id']} has no response {reply!r}")
        covers = tuple(raw.get("covers", ()))
        if any(kind not in KINDS for kind in covers):
            raise ValueError(f"safety rule {raw['id']} covers an unknown kind: {covers}")
        regex, collapsed = _compile(raw["phrases"], macros)
        unless = _compile(raw["unless"], macros)[0] if raw.get("unless") else None
        rules.append(_Rule(raw["id"], raw["kind"], regex, collapsed, bool(raw.get("negatable", False)),
                           reply, covers, unless))
    notes = []
    for raw in data.get("notes", []):
        if raw["id"] not in replies:
            raise ValueError(f"safety note {raw['id']} has no response")
        notes.append(_Note(raw["id"], tuple(raw.get("kinds", KINDS)), _compile(raw["phrases"], macros)[0]))
    exclusions = [_compile([p], macros) for p in data.get("exclusions", [])]
    return _Screen(
        rules=tuple(rules),
        notes=tuple(notes),
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


_Variant = tuple[str, bool, list[tuple[int, int]]]  # (text, doubled letters made single, excluded spans)


def _matches(rule: _Rule, variants: list[_Variant], negators: frozenset[str]):
    """(index of the variant, match) for each match of ``rule`` that is not excluded or negated."""
    for index, (text, collapsed, excluded) in enumerate(variants):
        regex = rule.collapsed if collapsed else rule.regex
        for match in regex.finditer(text):
            if _inside(match.span(), excluded):
                continue
            if rule.negatable and _negated(text, match.start(), negators):
                continue
            yield index, match


def _first_match(rule: _Rule, variants: list[_Variant], negators: frozenset[str]) -> str | None:
    return next((match.group(0) for _, match in _matches(rule, variants, negators)), None)


def _covered(screen: _Screen, variants: list[_Variant]) -> dict[str, list[_Variant]]:
    """For each kind some rule covers: the variants with that rule's matches added to the excluded
    spans, so a phrase of the covered kind inside them does not count."""
    extra: dict[str, list[list[tuple[int, int]]]] = {}
    for rule in screen.rules:
        if not rule.covers:
            continue
        spans: list[list[tuple[int, int]]] = [[] for _ in variants]
        for index, match in _matches(rule, variants, screen.negators):
            spans[index].append(match.span())
        for kind in rule.covers:
            merged = extra.setdefault(kind, [[] for _ in variants])
            for index, found in enumerate(spans):
                merged[index].extend(found)
    return {kind: [(text, collapsed, excluded + spans[index])
                   for index, (text, collapsed, excluded) in enumerate(variants)]
            for kind, spans in extra.items()}


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
    covered = _covered(screen, variants)
    found: dict[str, tuple[_Rule, str]] = {}
    for rule in screen.rules:
        if rule.kind in found or (rule.unless is not None and rule.unless.search(normal)):
            continue
        phrase = _first_match(rule, covered.get(rule.kind, variants), screen.negators)
        if phrase is not None:
            found[rule.kind] = (rule, phrase)
    kinds = [kind for kind in KINDS if kind in found]
    notes = tuple(note.id for note in screen.notes
                  if note.regex.search(normal) and any(kind in note.kinds for kind in kinds))
    matches = []
    for kind in kinds:
        also = tuple(k for k in kinds if k != kind)
        rule, phrase = found[kind]
        matches.append(SafetyMatch(kind, rule.id, phrase, also, rule.reply,
                                   tuple(found[k][0].reply for k in also), notes))
    return matches


def screen(text: object) -> SafetyMatch | None:
    """The most urgent safety concern in ``text`` (in the order of KINDS), or None.

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


def replies() -> tuple[str, ...]:
    """Every reply the screen can give: the kinds, the rules' own replies and the notes."""
    return tuple(load_yaml(SAFETY_FILE)["responses"])


def reply_kind(reply: str) -> str:
    """The kind a reply belongs to ("accidental_overdose" -> "emergency"); a kind is its own."""
    if reply in KINDS:
        return reply
    for raw in load_yaml(SAFETY_FILE)["rules"]:
        if raw.get("reply") == reply:
            return raw["kind"]
    raise ValueError(f"unknown safety reply: {reply!r}")


def _route_lines(data: dict[str, Any], council: Any, mode: str) -> list[str]:
    """The council's part of a reply: its safeguarding route, or how to reach its adult social
    care team (with its out-of-hours route, when the profile has one)."""
    route = data.get("route")
    if not route:
        return []
    profile = _council(council)
    if route == "safeguarding":
        return profile.safeguarding_lines(mode)
    if route != "adult_social_care":
        raise ValueError(f"unknown safety route {route!r}")
    intro = data.get("route_intro") or {}
    lines = [str(intro.get(mode) or intro["resident"]).format(council=profile.name)]
    lines += profile.contact_lines(mode)
    out_of_hours = profile.out_of_hours
    if out_of_hours.how or out_of_hours.phone:
        lines += [line for line in profile.out_of_hours_lines(mode) if "999" not in line and "111" not in line]
    return lines


def route_lines(reply: str, council: Any = None, mode: str = "resident") -> list[str]:
    """Only the council's part of a reply (empty for a reply without a route)."""
    data = load_yaml(SAFETY_FILE)["responses"].get(reply)
    if data is None:
        raise ValueError(f"unknown safety reply: {reply!r}")
    return _route_lines(data, council, "staff" if mode == "staff" else "resident")


def own_lines(reply: str, mode: str = "resident") -> list[str]:
    """The short form of a reply: its own lines, without the council's route or the ``after`` lines
    (for a follow-up, so the whole reply is never given twice in a row)."""
    data = load_yaml(SAFETY_FILE)["responses"].get(reply)
    if data is None:
        raise ValueError(f"unknown safety reply: {reply!r}")
    return list(data.get("staff" if mode == "staff" else "resident") or data["resident"])


def lines_for(reply: str, council: Any = None, mode: str = "resident", extra: list[str] | tuple = ()) -> list[str]:
    """The lines of one reply (a kind, a rule's own reply or a note), with its council route;
    ``extra`` lines (the council's own services, found by the caller) come after the route."""
    data = load_yaml(SAFETY_FILE)["responses"].get(reply)
    if data is None:
        raise ValueError(f"unknown safety reply: {reply!r}")
    mode = "staff" if mode == "staff" else "resident"
    lines = list(data.get(mode) or data["resident"])
    lines.extend(_route_lines(data, council, mode))
    lines.extend(extra)
    lines.extend((data.get("after") or {}).get(mode) or [])
    return lines


def _numbers(line: str) -> set[str]:
    return {number for number in _REPEATED_NUMBERS if number in line}


def response(match: SafetyMatch | str, council: Any = None, mode: str = "resident",
             extra: dict[str, list[str]] | None = None) -> list[str]:
    """Short plain-English messages for a safety match, most urgent first.

    ``match`` is a SafetyMatch, or just a kind or reply name as a string. ``council`` is a Council,
    a slug, a place with ``.council``, or None for the deployment default; it supplies the
    safeguarding route for abuse and the adult social care route for a carer. ``mode`` is
    "resident" or "staff" (a guided script for an adviser). Kinds in ``match.also`` add their
    lines after the main reply's, without repeats: a line that only gives a number already given
    (999, Samaritans) is left out. The match's notes come last. ``extra`` maps a reply to lines
    placed after its council route (the council's own crisis services, from the directory).
    """
    if isinstance(match, str):
        if match not in KINDS:
            reply_kind(match)  # raises ValueError for an unknown reply
        replies_wanted, notes = [match], ()
    else:
        replies_wanted, notes = [match.reply, *match.also_replies], match.notes
    lines: list[str] = []
    for index, reply in enumerate(replies_wanted):
        for line in lines_for(reply, council, mode, (extra or {}).get(reply, ())):
            if line in lines:
                continue
            given = {number for earlier in lines for number in _numbers(earlier)}
            if index and _numbers(line) and _numbers(line) <= given:
                continue
            lines.append(line)
    for note in notes:
        lines.extend(line for line in lines_for(note, council, mode) if line not in lines)
    return lines
