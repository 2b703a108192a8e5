"""Strengths-based triage: the Care Act outcomes in plain words, answer handling and the summary.

Follows the design in the project's national-rules facts (section D): start with what
matters and what is going well, then ask which everyday things are hard. The ten
adult outcomes of the Care Act eligibility regulations (SI 2015/313 reg. 2) are asked
about in plain words ("meals", "washing", ...). The assistant only *indicates* that an
assessment may be worth asking for; it never decides eligibility.

Words, questions and the need-to-service mapping live in ``bot/data/triage.yml``.

Public API::

    outcomes() -> list[Outcome]
    find_outcomes(text) -> list[str]                  # outcome ids that sound hard
    find_concerns(text) -> list[str]                  # other concerns: medication, sleep, mood
    parse_hard_things(value) -> list[str]
    parse_concerns(value) -> list[str]
    hard_things_note(value) -> str                    # the free text of a hard-things answer
    bereaved_relations(value) -> set[str]; condolence(value, mode="resident") -> str | None
    place_mentions(value) -> list[(owner, phrase)]    # "mum lives in Accrington" -> ("person", ...)
    asks_about_the_question(value) / asks_about_cost(value) / says_goodbye(value) -> bool
    why(question_id, mode="resident", who=None) -> str
    hard_things_question(mode="resident", who=None, mentioned=()) -> dict
    reply(key, mode="resident", **values) -> str
    parse_who(value) -> dict                          # {"for", "relation", "label"}
    parse_impact(value) -> "big" | "some" | "little" | None
    parse_carer(value, coping=None) -> dict           # {"present", "coping"}
    suggest_categories(hard_things, who=None, carer=None, *, impact=None, context="") -> list[dict]
    assessment(hard_things, impact, carer) -> dict
    question(question_id, mode="resident", who=None) -> dict
    questions(mode="resident", who=None) -> list[dict]
    build_summary(answers) -> dict
    summary_text(summary, mode="resident") -> str    # staff: a case note, safety concerns first
    safety_concerns(events) -> list[dict]             # safety replies given, from Rasa's events
    safety_lines(concerns, now=None) -> list[str]     # "Safety concern: possible abuse or neglect ..."
    case_note_items(answers) -> list[{label, value}]  # answers so far, in plain words (staff)
    uk_time(moment) / uk_date_time(moment) -> str     # "14:02", "3 May 2026 at 14:02" (UK time)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import councils, wording
from bot.datafiles import load_yaml
from bot.safety import KINDS as _SAFETY_KINDS  # most urgent first
from bot.text import clean, fold, join_words, word_pattern

TRIAGE_FILE = "triage.yml"
MAX_TEXT = 600
IMPACT_LEVELS = ("big", "some", "little")
COPING_LEVELS = ("well", "just_about", "struggling")
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n]+|\bbut\b|\bthough\b|\bhowever\b", re.IGNORECASE)
_CUE_WINDOW = 4


@dataclass(frozen=True)
class Outcome:
    """One everyday outcome: ``id`` ("meals"), plain ``label``, ``long_label`` and the Care Act wording."""

    id: str
    label: str
    long_label: str
    care_act: str


def _data() -> dict[str, Any]:
    return load_yaml(TRIAGE_FILE)


def _phrase_regex(phrases: list[str]) -> re.Pattern[str] | None:
    phrases = [p for p in phrases if str(p).strip()]
    if not phrases:
        return None
    ordered = sorted((fold(p, keep="*") for p in phrases), key=len, reverse=True)
    return re.compile("|".join(word_pattern(p) for p in ordered))


@lru_cache(maxsize=1)
def _outcome_matchers() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]:
    return tuple((raw["id"], _phrase_regex(raw["keywords"]), _phrase_regex(raw.get("not_if", [])))
                 for raw in _data()["outcomes"])


@lru_cache(maxsize=1)
def _concern_matchers() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]:
    return tuple((raw["id"], _phrase_regex(raw["keywords"]), _phrase_regex(raw.get("not_if", [])))
                 for raw in _data().get("other_concerns", []))


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = _data()
    return _phrase_regex(data["strength_cues"]), _phrase_regex(data["difficulty_cues"])


def outcomes() -> list[Outcome]:
    """The ten everyday outcomes, in the order they are asked about."""
    return [Outcome(o["id"], o["label"], o["long_label"], o["care_act"]) for o in _data()["outcomes"]]


def _outcome_index() -> dict[str, str]:
    index = {}
    for outcome in outcomes():
        for key in (outcome.id, outcome.id.replace("_", " "), outcome.label, outcome.long_label):
            index[fold(key)] = outcome.id
    return index


def outcome_label(outcome_id: str) -> str:
    """The plain label for an outcome id ("home_safety" -> "moving around the home safely")."""
    for outcome in outcomes():
        if outcome.id == outcome_id:
            return outcome.label
    raise KeyError(outcome_id)


def _clauses(text: object) -> list[str]:
    return [fold(part) for part in _CLAUSE_BREAK.split(clean(text)) if fold(part)]


def _sounds_fine(clause: str, start: int) -> bool:
    """True when a strength cue ("can still", "manages") comes just before ``start`` with no
    difficulty cue ("can't", "forgets") in the same clause."""
    strength, difficulty = _cues()
    before = " ".join(clause[:start].split()[-_CUE_WINDOW:])
    if difficulty.search(strength.sub(" ", clause)):  # "no problems with" is a strength, not a problem
        return False
    return bool(strength.search(before))


def _outcome_hits(text: object, matchers=None) -> tuple[set[str], set[str]]:
    hard: set[str] = set()
    fine: set[str] = set()
    for clause in _clauses(text):
        for outcome_id, keywords, not_if in (matchers if matchers is not None else _outcome_matchers()):
            excluded = [m.span() for m in not_if.finditer(clause)] if not_if else []
            for match in keywords.finditer(clause):
                if any(s <= match.start() and match.end() <= e for s, e in excluded):
                    continue
                (fine if _sounds_fine(clause, match.start()) else hard).add(outcome_id)
    return hard, fine


def _in_order(ids: set[str] | list[str]) -> list[str]:
    wanted = set(ids)
    return [o.id for o in outcomes() if o.id in wanted]


def find_outcomes(text: object) -> list[str]:
    """Outcome ids that ``text`` describes as hard, in the standard order.

    Keyword based, with everyday synonyms from triage.yml: "she can't cook any more and forgets
    to eat" -> ["meals"]; "fell in the bathroom" -> ["washing", "home_safety"]. Things described
    as going well ("she can still cook") are not counted.
    """
    hard, _ = _outcome_hits(text)
    return _in_order(hard)


def find_strengths(text: object) -> list[str]:
    """Outcome ids that ``text`` describes as going well ("she still does her own shopping")."""
    hard, fine = _outcome_hits(text)
    return _in_order(fine - hard)


def concerns() -> list[dict[str, Any]]:
    """The other concerns (not Care Act outcomes) noted in a summary: [{"id", "label", "categories"}]."""
    return [{"id": c["id"], "label": c["label"], "categories": list(c.get("categories") or [])}
            for c in _data().get("other_concerns", [])]


def concern_label(concern_id: str) -> str:
    for concern in concerns():
        if concern["id"] == concern_id:
            return concern["label"]
    raise KeyError(concern_id)


def find_concerns(text: object) -> list[str]:
    """Other concerns that ``text`` describes as a problem: "she forgets her tablets" -> ["medication"],
    "I haven't slept properly in months" -> ["sleep"]. Not counted as everyday outcomes."""
    hard, _ = _outcome_hits(text, _concern_matchers())
    return [c["id"] for c in concerns() if c["id"] in hard]


def _answer_items(value: object) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple, set)) else [value]
    found = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("outcome") or item.get("id") or ""
        found.append(str(item))
    return found


def parse_concerns(value: object) -> list[str]:
    """Concern ids from a hard-things answer: concern ids (as stored) or free text."""
    ids = {c["id"] for c in concerns()}
    found: set[str] = set()
    for item in _answer_items(value):
        for part in str(item).split(","):
            key = fold(part).replace(" ", "_")
            if key in ids:
                found.add(key)
            elif fold(part) not in _outcome_index():
                found.update(find_concerns(part))
    return [c["id"] for c in concerns() if c["id"] in found]


def hard_things_note(value: object) -> str:
    """The person's own words in a hard-things answer: the parts that are not outcome or concern ids
    (so "home_safety,she forgets her tablets" -> "she forgets her tablets")."""
    index = _outcome_index()
    ids = {c["id"] for c in concerns()}
    words = []
    for item in _answer_items(value):
        for part in str(item).split(","):
            text = clean(part, MAX_TEXT)
            if text and fold(text) not in index and fold(text).replace(" ", "_") not in ids \
                    and fold(text) not in ("none", "nothing"):
                words.append(text)
    return clean(", ".join(words), MAX_TEXT)


def parse_hard_things(value: object) -> list[str]:
    """Outcome ids from a hard-things answer: a list of ids/labels (button values), a comma-separated
    string of ids, or free text. Unknown items are read as free text. Never raises."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple, set)) else [value]
    index = _outcome_index()
    found: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("outcome") or item.get("id") or ""
        parts = [fold(part) for part in str(item).split(",") if fold(part)]
        if fold(item) in index:
            found.append(index[fold(item)])
        elif parts and all(part in index for part in parts):
            found.extend(index[part] for part in parts)
        else:
            found.extend(find_outcomes(item))
    return _in_order(found)


@lru_cache(maxsize=1)
def _relation_matchers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((slug, _phrase_regex(words)) for slug, words in _data()["relations"].items())


def _person(for_: str, relation: str | None) -> dict[str, Any]:
    labels = _data()["relation_labels"]
    key = "self" if for_ == "self" else (relation or "other")
    return {"for": for_, "relation": relation, "label": labels.get(key, labels["other"])}


def _first_relation(text: str) -> str | None:
    """The relation named first in ``text``; the longer phrase wins at the same place, so
    "my mother in law" is a relative, not a mum."""
    found = []
    for slug, regex in _relation_matchers():
        match = regex.search(text)
        if match:
            found.append((match.start(), -len(match.group(0)), slug))
    return min(found)[2] if found else None


#: "since my husband died", "since the wife died", "lost me mam", "my late mum", "our mam passed away",
#: "wife passed away" (on folded text): the person named has died, so the conversation is not about
#: them. Not "my mum nearly died".
_DIED = (r"(?:has |had |have )?(?:died|passed away|passed on|is dead|was killed"
         r"|passed(?= *$| (?:last|recently|in|away|years?|months?|weeks?|\d+|since|and|so|i|im|ive|we|its|it|she|he|my|me|our|now)\b))\b")
_NOT_DEATH = r"(?!(?:nearly|almost|never|could|would|might|thought|has|had|have)\b)"
_BEREAVED = re.compile(
    r"\b(?:my|her|his|our|their|the|me) (?:late )?(\w+(?: " + _NOT_DEATH + r"\w+)?) " + _DIED
    + r"|^(?:late )?(\w+(?: " + _NOT_DEATH + r"\w+)?) " + _DIED
    + r"|\b(?:since|after|when|before) (?:late )?(\w+(?: " + _NOT_DEATH + r"\w+)?) " + _DIED
    + r"|\b(?:lost|losing|buried) (?:my|her|his|our|their|the|me) (\w+(?: \w+)?)\b"
    + r"|\b(?:my|her|his|our|their|me) late (\w+(?: \w+)?)\b"
)
#: "since he died", "she passed away last year", "I was widowed": a loss with no relation named.
_LOSS = re.compile(r"\b(?:he|she|they) " + _DIED + r"|\b(?:widowed|bereaved|bereavement|a widow|a widower)\b")


def _without_the_bereaved(text: str) -> str:
    return _BEREAVED.sub(" ", text)


def bereaved_relations(value: object) -> set[str]:
    """Relations the text says have died: "im so lonely since my husband died" -> {"husband"};
    "since the wife passed away" -> {"wife"}."""
    found = set()
    for match in _BEREAVED.finditer(fold(value)):
        relation = _first_relation(next(group for group in match.groups() if group))
        if relation and relation != "client":
            found.add(relation)
    return found


def mentions_a_loss(value: object) -> bool:
    """True when the text says someone close has died ("since he died", "lost my wife", "widowed")."""
    return bool(bereaved_relations(value)) or bool(_LOSS.search(fold(value)))


def condolence(value: object, mode: str = "resident") -> str | None:
    """A short acknowledgement of a loss in the text ("I'm sorry about your wife."), or None."""
    relations = sorted(bereaved_relations(value))
    if relations:
        labels = _data()["relation_labels"]
        person = join_words([labels.get(r, labels["other"]) for r in relations])
        if wording.normalise_mode(mode) == "staff":
            person = person.replace("your ", "their ")
        return reply("bereaved", mode, person=person)
    return reply("bereaved_unnamed", mode) if _LOSS.search(fold(value)) else None


def parse_who(value: object) -> dict[str, Any]:
    """Who the conversation is about: {"for": "self"|"other"|None, "relation": "mum"|..., "label"}.

    Accepts a dict (returned as is, completed), a button value ("self", "family", "friend") or
    free text ("my mum", "for myself", "my elderly father").
    """
    if isinstance(value, dict):
        for_ = value.get("for")
        return _person(for_, value.get("relation")) if for_ in ("self", "other") else _person("other", None)
    text = fold(value)
    if not text:
        return {"for": None, "relation": None, "label": _data()["relation_labels"]["other"]}
    if text in ("self", "me", "myself", "i am", "im", "for me", "for myself"):
        return _person("self", None)
    if text in ("family", "a family member"):
        return _person("other", "relative")
    if text in ("friend", "a friend or neighbour"):
        return _person("other", "friend")
    text = _without_side_mentions(_without_the_bereaved(text))
    relation = _first_relation(text)
    if relation:
        return _person("other", relation)
    if _phrase_regex(_data()["self_words"]).search(text):
        return _person("self", None)
    return _person("other", None)


# -- who is a helper or company, not the person; the writer about themselves; corrections ----------

@lru_cache(maxsize=1)
def _relation_words() -> str:
    """All relation words (folded, longest first) as one regex alternation."""
    words = sorted({fold(w) for words in _data()["relations"].values() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words if w not in ("ma", "pa", "da"))


#: verbs of helping whose object is the writer: "my mum helps me", "my son does my shopping"
_HELPS = (r"(?:helps?|helped|helping|does|did|looks? after|looked after|looking after|cares? for|cared for|"
          r"takes? care of|took care of|supports?|supported|drives?|sorts?|visits?|visited|checks? on)")


@lru_cache(maxsize=1)
def _side_mentions() -> tuple[re.Pattern[str], ...]:
    """A relation word that names a helper or company, not the person the chat is about (folded text):
    "my mum helps me", "my son pops in", "with help from my daughter", "want to meet friends". The
    group ``who`` is the relation word."""
    who = rf"(?P<who>{_relation_words()})"
    owner = r"(?:(?:my|our|me|the)\s+)?"
    return tuple(re.compile(pattern) for pattern in (
        rf"\b{owner}{who}\s+(?:\w+\s+)?{_HELPS}\s+(?:me|us|my|myself|out)\b",
        # the whole "sister pops in" ("pops" alone is a word for dad)
        rf"\b{owner}(?P<who>(?:{_relation_words()})\s+(?:\w+\s+)?(?:pops?|popped|comes?|came)\s+(?:in|round|over|by))\b",
        rf"\b(?:help|helped|support|supported|looked after|cared for)\s+(?:from|by)\s+{owner}{who}\b",
        rf"\bwith\s+(?:the\s+)?help\s+(?:of|from)\s+{owner}{who}\b",
        r"\b(?:meet|meeting|make|making|find|finding|see|seeing|miss|missing|go out with|going out with|"
        r"spend time with|spending time with|keep in touch with|talk to|talking to|chat with|chatting with)\s+"
        r"(?:(?:new|more|some|my|old|other|a few|any)\s+)*(?P<who>friends|mates)\b",
    ))


def _side_spans(text: str) -> list[tuple[int, int]]:
    return sorted(match.span("who") for pattern in _side_mentions() for match in pattern.finditer(text))


def _without_side_mentions(text: str) -> str:
    """Folded text with helpers and company blanked out ("my mum helps me" -> "my     helps me")."""
    for start, end in reversed(_side_spans(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _relations_in(text: str) -> set[str]:
    return {slug for slug, regex in _relation_matchers() if regex.search(text)}


_POPS_IN = re.compile(r"\b(?:pops?|popped)\s+(?:in|round|over|by)\b")


def side_relations(value: object) -> set[str]:
    """Relations the text names only as helpers or company, never as the person the chat is about:
    "my mum helps me" -> {"mum"}; "i want to meet friends" -> {"friend"}; "my mum helps me look
    after my dad" -> {"mum"}."""
    text = fold(value)
    named = _relations_in(_POPS_IN.sub(" ", text))  # "pops in" names no dad
    return named - _relations_in(_without_side_mentions(text))


#: the writer describing their own situation: "i have a learning disability", "i want to meet people",
#: "i'm 84", "im deaf", "i cant get out" (folded text; only used when no one else is named)
_SELF_STATEMENT = re.compile(
    r"\b(?:i (?:have|had|got)|ive got|ive had|ive been|i (?:cant|cannot|can not|struggle|struggled|find it|"
    r"feel|fell|keep|live alone|live on my own|dont go|never go|hardly|get lonely|use a|am (?:\d|deaf|blind|"
    r"disabled|lonely|struggling|not coping|housebound|on my own|autistic|registered|partially|in a wheelchair|"
    r"getting|elderly|frail|unsteady|scared|frightened|depressed|anxious|unwell|poorly))"
    r"|\bim (?:\d|deaf|blind|disabled|lonely|struggling|not coping|housebound|on my own|autistic|registered|"
    r"partially|in a wheelchair|getting|elderly|frail|unsteady|scared|frightened|depressed|anxious|unwell|poorly)"
    r"|\bi (?:want|wanna|would like|d like|need) to (?!(?:talk|think|chat|ask|know|find|speak|discuss|check|see "
    r"what|look|get help|get some|get advice|understand|learn|apply|arrange|book|make a|report|tell)\b)\w+"
    r"|\b(?:nobody|no one|noone) (?:has )?(?:spoken|speaks|talks|talked|visits|visited|comes|came|rings|phones) "
    r"(?:to |round to see )?me\b)"
)
#: "i have a question", "i have no idea" are not about the writer's needs
_NOT_SELF = re.compile(r"\bi (?:have|had|got)(?: got)? (?:a |some |another |no )?(?:question|query|queries|enquiry|"
                       r"idea|clue)")


def speaks_for_self(value: object) -> bool:
    """True when the writer describes their own situation ("I have a learning disability and want to
    meet friends", "I'm 84", "I can't get out"); callers only use it when no one else is named."""
    text = fold(value)
    return bool(_SELF_STATEMENT.search(text)) and not _NOT_SELF.search(text)


@lru_cache(maxsize=1)
def _corrections() -> tuple[re.Pattern[str], ...]:
    """A change of who the chat is about (folded text): "it's for my dad not my mum", "not my mum, my
    dad", "actually sorry its my dad i'm more worried about", "sorry i meant my dad"."""
    rel = _relation_words()
    new, old = rf"(?P<new>{rel})", rf"(?P<old>{rel})"
    owner = r"(?:my|our|me|the)"
    lead = r"(?:(?:actually|sorry|no|nope|oh|oops|wait|hang on|hold on|correction|my mistake|my bad)\s+)"
    helper = r"(?!\s+(?:who\s+)?(?:helps|helped|does|looks after|cares|comes|pops|visits)\b)"
    return (
        re.compile(rf"\b{owner}\s+{new}\s+not\s+(?:for\s+|about\s+)?(?:{owner}\s+)?{old}\b"),
        re.compile(rf"\bnot\s+(?:for\s+|about\s+)?{owner}\s+{old}\s+(?:(?:its|it is|but|i mean|i meant|"
                   rf"actually|its actually)\s+)*(?:for\s+|about\s+)?{owner}\s+{new}\b{helper}"),
        re.compile(rf"^{lead}+(?:its|it is|this is|thats|that is|im asking about|i am asking about|i meant|i mean|"
                   rf"its actually|it is actually|its really)\s+(?:for\s+|about\s+)?{owner}\s+{new}\b{helper}"),
        re.compile(rf"^{lead}*(?:i meant|i mean|i was asking about|i was asking for)\s+(?:for\s+|about\s+)?"
                   rf"{owner}\s+{new}\b{helper}"),
    )


def corrected_relation(value: object) -> str | None:
    """The relation a message switches to when it corrects who the chat is about: "actually it's for
    my dad not my mum, he lives in grimsby" -> "dad"; None when it corrects nothing ("actually my son
    helps", "my mum helps me")."""
    text = fold(value)[:500]
    for pattern in _corrections():
        match = pattern.search(text)
        if match is None:
            continue
        new = _first_relation(match.group("new"))
        old = _first_relation(match.group("old")) if "old" in match.groupdict() and match.group("old") else None
        if new and new != old and new != "client":
            return new
    return None


# -- young carers ----------------------------------------------------------------------------------------

_YOUNG_CARER = re.compile(r"\b(?:im|i am|iam|as|being|is|am|hes|shes|was)\s+(?:an?\s+)?(?:young|teenage|teen)\s+"
                          r"carer\b|^(?:(?:hi|hello|hiya)\s+)?young carer\b")
_NOT_AN_AGE = (r"(?!\s*(?:stone|st|kg|kilos?|pounds?|lbs|percent|hours?|hrs?|minutes?|mins?|miles?|km|days?|weeks?|"
               r"months?|times|quid|grand|k|pm|am|oclock|o clock|mile|\d))")
_WRITER_AGE = re.compile(r"\b(?:im|i am|iam|aged|age)\s+(?:only\s+|just\s+|nearly\s+|almost\s+)?(?P<age>\d{1,2})\b"
                         + _NOT_AN_AGE + r"|\bi(?:m| am)\s+(?P<age2>\d{1,2})\s+(?:years?|yrs?)\s+old\b")
_CARING = re.compile(r"\b(?:look after|looking after|looks after|care for|caring for|carer|i help (?:my|her|him|them)|"
                     r"help (?:my|her|him|them) (?:get|with|to)|i do (?:all )?(?:the|her|his) (?:cooking|cleaning|"
                     r"shopping|washing))\b")


def writer_age(value: object) -> int | None:
    """The writer's own age when the text gives it ("im 15", "i am 14 years old", "aged 13"), else None."""
    match = _WRITER_AGE.search(fold(value)[:1000])
    if match is None:
        return None
    return int(match.group("age") or match.group("age2"))


#: the writer cannot lift or move the person they care for: "i carnt lift her no more", "i can't get him up
#: off the floor", "i'm struggling to move him" (on folded text)
_CANNOT_LIFT = re.compile(
    r"\bi(?: am|m)?\s*(?:cant|carnt|cannot|can not|cnt|couldnt|am not able to|not able to|unable to|"
    r"struggle to|struggling to|find it hard to|cant manage to|no longer able to|can no longer|cant physically)\s+"
    r"(?:\w+\s+)?(?:lift|lifting|move|moving|hoist|transfer|turn|get (?:her|him|them) (?:up|out|in|off|onto|to))\b"
    r"|\b(?:lifting|moving) (?:her|him|them) is (?:too|getting|hard|impossible)")


def carer_cannot_lift(value: object) -> bool:
    """True when the writer says they cannot lift or move the person they look after ("my wif has
    parkinsons and i carnt lift her no more"): a carer with a moving and handling need."""
    return bool(_CANNOT_LIFT.search(fold(str(value or "")[:MAX_TEXT])))


def young_carer(value: object) -> bool:
    """True when the text is about a young carer: "im a young carer, i'm 14", "im 15 and i look after my
    mum", "caller is a young carer". Not "young carers groups near Preston" (a search)."""
    text = fold(value)[:1000]
    if _YOUNG_CARER.search(text):
        return True
    age = writer_age(text)
    return age is not None and 5 <= age < 18 and bool(_CARING.search(text))


def _first_level(text: str, groups: list[tuple[str, list[str]]]) -> str | None:
    for level, phrases in groups:
        regex = _phrase_regex(phrases)
        if regex and regex.search(text):
            return level
    return None


def parse_impact(value: object) -> str | None:
    """How much the difficulties affect wellbeing: "big", "some", "little", or None if unclear."""
    text = fold(value)
    if text in IMPACT_LEVELS:
        return text
    groups = [(g["level"], g["phrases"]) for g in _data()["impact"]]
    return _first_level(text, groups) if text else None


def _coping(text: str) -> str | None:
    if text in COPING_LEVELS:
        return text
    return _first_level(text, list(_data()["coping"].items()))


def parse_carer(value: object, coping: object = None) -> dict[str, Any]:
    """Whether someone gives unpaid care and how they are coping.

    Returns {"present": True|False|None, "coping": "well"|"just_about"|"struggling"|None}.
    ``value`` may be a dict, a button value ("well", "just_about", "struggling", "none") or free
    text ("my daughter helps but she's exhausted"); ``coping`` is an optional separate answer.
    """
    if isinstance(value, dict):
        present = value.get("present")
        level = _coping(fold(value.get("coping"))) if value.get("coping") else None
        return {"present": bool(present) if present is not None else (True if level else None),
                "coping": level}
    text = fold(value)
    level = _coping(fold(coping)) if coping else None
    if not text:
        return {"present": True if level else None, "coping": level}
    carer = _data()["carer_present"]
    if text in ("none", "no", "nobody", "no one") or _phrase_regex(carer["no"]).match(text):
        return {"present": False, "coping": None}
    level = level or _coping(text)
    if level:
        return {"present": True, "coping": level}
    if _phrase_regex(carer["yes"]).search(text):
        return {"present": True, "coping": None}
    return {"present": None, "coping": None}


def _category(slug: str) -> dict[str, str]:
    """Name and summary for a category slug, from the directory's categories."""
    try:
        from directory import categories
    except ImportError:  # the directory package is optional for the core's unit tests
        categories = None
    found = categories.get_category(slug) if categories else None
    if found is None:
        return {"slug": slug, "name": slug.replace("-", " ").capitalize(), "summary": ""}
    return {"slug": slug, "name": found.name, "summary": found.summary}


def suggest_categories(hard_things: object, who: object = None, carer: object = None, *,
                       impact: object = None, context: object = "") -> list[dict[str, str]]:
    """Service categories that may help, least formal first (prevention first).

    ``hard_things`` are outcome ids (or anything ``parse_hard_things`` reads). ``carer`` (a dict
    or answer) adds carers' support and breaks when someone helps and is struggling. ``who``: when
    the enquiry is about someone else and nobody said there is no carer, the person asking may be
    a carer, so carers' support is offered. ``impact`` "big" with three or more hard things brings
    longer-term options into view. ``context`` is free text scanned for words such as "dementia".
    Each item: {"slug", "name", "summary", "why"}.
    """
    data = _data()
    hard = parse_hard_things(hard_things)
    carer_info = parse_carer(carer)
    person = parse_who(who) if who is not None else {"for": None}
    wanted: list[str] = list(data["always_categories"])
    for outcome_id in hard:
        wanted.extend(data["need_categories"].get(outcome_id, []))
    for concern in concerns():
        if concern["id"] in parse_concerns(hard_things):
            wanted.extend(concern["categories"])
    if carer_info.get("present") and carer_info.get("coping") in ("struggling", "just_about"):
        wanted.extend(data["carer_categories"])
    elif carer_info.get("present") or (person.get("for") == "other" and carer_info.get("present") is None):
        wanted.append("carers-support")
    if len(hard) >= 3 and parse_impact(impact) == "big":
        wanted.extend(data["many_needs_categories"])
    text = fold(context)
    for slug, words in data["context_categories"].items():
        if text and _phrase_regex(words).search(text):
            wanted.append(slug)
    ladder = data["ladder"]
    unique = sorted(set(wanted), key=lambda s: (ladder.index(s) if s in ladder else len(ladder), s))
    reasons = data["category_reasons"]
    return [{**_category(slug), "why": reasons.get(slug, "")}
            for slug in unique[: data["max_suggestions"]]]


def assessment(hard_things: object, impact: object, carer: object = None) -> dict[str, Any]:
    """Whether asking for assessments looks worthwhile. Indicates only; never decides.

    Needs assessment: two or more everyday things are hard AND a big effect on wellbeing.
    Carer's assessment: someone gives unpaid care and is struggling (or only just coping).
    Returns {"needs_assessment_worthwhile", "carers_assessment_worthwhile", "reason", "carer_reason"}.
    """
    hard = parse_hard_things(hard_things)
    level = parse_impact(impact)
    carer_info = parse_carer(carer)
    needs = len(hard) >= 2 and level == "big"
    if needs:
        reason = "Two or more everyday things are hard, and this has a big effect on wellbeing."
    elif len(hard) >= 2:
        reason = "Two or more everyday things are hard, but the effect on wellbeing was not described as big."
    elif level == "big":
        reason = "There is a big effect on wellbeing, but fewer than two everyday things were described as hard."
    else:
        reason = "Fewer than two everyday things were described as hard."
    carers = bool(carer_info.get("present")) and carer_info.get("coping") in ("struggling", "just_about")
    carer_reason = ""
    if carers:
        carer_reason = ("The person who helps is struggling." if carer_info["coping"] == "struggling"
                        else "The person who helps is only just coping.")
    return {"needs_assessment_worthwhile": needs, "carers_assessment_worthwhile": carers,
            "reason": reason, "carer_reason": carer_reason}


def _person_words(who: object, mode: str) -> tuple[str, str]:
    person = parse_who(who)
    if wording.normalise_mode(mode) == "staff":
        if person["for"] == "self":
            return "the caller", "the caller's"
        if person["relation"] in (None, "client"):
            return "the person", "the person's"
        relation = person["label"].replace("your ", "")
        return f"the caller's {relation}", f"the caller's {relation}'s"
    if person["for"] == "self":
        return "you", "your"
    return person["label"], f"{person['label']}'s"


def question(question_id: str, mode: str = "resident", who: object = None) -> dict[str, Any]:
    """One triage question ready to show: {"id", "slot", "text", "options": [{title, value}], "multi_select"}.

    ``mode`` "staff" gives the guided-script wording; ``who`` personalises it ("your mum").
    Raises KeyError for an unknown id.
    """
    for raw in _data()["questions"]:
        if raw["id"] == question_id:
            person, persons = _person_words(who, mode)
            text = raw[wording.normalise_mode(mode)].format(person=person, persons=persons)
            text = text[0].upper() + text[1:]
            options = list(raw.get("options", []))
            if raw.get("options_from") == "outcomes":
                options = [{"title": o.label.capitalize(), "value": o.id} for o in outcomes()]
            return {"id": raw["id"], "slot": raw["slot"], "text": text, "options": options,
                    "multi_select": bool(raw.get("multi_select", False))}
    raise KeyError(question_id)


def questions(mode: str = "resident", who: object = None) -> list[dict[str, Any]]:
    """All triage questions in order (see ``question``)."""
    return [question(raw["id"], mode, who) for raw in _data()["questions"]]


def hard_things_question(mode: str = "resident", who: object = None, mentioned: object = ()) -> dict[str, Any]:
    """The hard-things question; when the first message already named some (``mentioned`` outcome
    ids), it says so, asks what else is hard and offers only the others."""
    asked = question("hard_things", mode, who)
    known = parse_hard_things(list(mentioned or ()))
    if not known:
        return asked
    raw = next(q for q in _data()["questions"] if q["id"] == "hard_things")
    labels = [outcome_label(o) for o in known]
    text = raw[f"{wording.normalise_mode(mode)}_more"].format(things=join_words(labels),
                                                              verb="is" if len(labels) == 1 else "are")
    options = [o for o in asked["options"] if o["value"] not in known]
    return {**asked, "text": text, "options": options, "mentioned": known}


def why(question_id: str, mode: str = "resident", who: object = None) -> str:
    """One line on why Signpost asks a question (for "why do you ask?"). KeyError for an unknown id."""
    for raw in _data()["questions"]:
        if raw["id"] == question_id:
            person, persons = _person_words(who, mode)
            return raw["why"][wording.normalise_mode(mode)].format(person=person, persons=persons)
    raise KeyError(question_id)


def reply(key: str, mode: str = "resident", **values: Any) -> str:
    """A short reply from triage.yml ``replies`` in resident or staff wording."""
    text = _data()["replies"][key][wording.normalise_mode(mode)]
    return text.format_map(_Blank(values)) if "{" in text else text


class _Blank(dict):
    def __missing__(self, name: str) -> str:
        return ""


# -- messages that are not answers -------------------------------------------------------------------

#: "why do you ask", "what do you mean", "what do you mean what matters", "like what?", "pardon?"
_ABOUT_THE_QUESTION = re.compile(
    r"^(?:(?:sorry|um+|er+|eh|but|ok|okay|hmm+) )*(?:why(?: do| would| are| did)? you (?:ask|want|need)\w*"
    r"|why (?:is that|does that|does it) matter|why that|why(?: do you ask)?$|how come|what for$|what is that for"
    r"|whats that for|what do you mean|what does (?:that|it|this) mean|what you mean|meaning$"
    r"|i dont (?:understand|get)(?: the| your| that)?(?: question)?$|dont understand(?: the question)?$"
    r"|like what$|such as$|for example$|what sort of (?:thing|things|answer)|what kind of (?:thing|things|answer)"
    r"|what do you want (?:me )?to (?:say|put|write)|what should i (?:say|put|write)|pardon$|come again$|eh$|huh$)"
)
_COST = re.compile(r"\b(?:cost|costs|pay|paying|afford|charge|charges|price|fees?|how much|money|free)\b")
_QUESTION_START = re.compile(r"^(?:how|what|will|would|do|does|is|are|can|could|who|when|should)\b")
_GOODBYE = re.compile(
    r"^(?:(?:ok|okay|right|thanks|thank you|ta|cheers|anyway|well) )*(?:bye|bye bye|byee+|goodbye|good bye|"
    r"bye for now|ta ra|tara|cheerio|see you|see ya|gotta go|got to go|i have to go|i need to go|i must go|"
    r"im off|im going now|ill leave it there|leave it there|thats all|thats it for now|goodnight|good night)"
    r"(?: (?:now|then|thanks|thank you|for now|x+))*$"
)


def asks_about_the_question(value: object) -> bool:
    """A question to Signpost about its own question ("why do you ask", "what do you mean")."""
    text = fold(value)
    return bool(text) and len(text.split()) <= 12 and bool(_ABOUT_THE_QUESTION.match(text))


def asks_about_cost(value: object) -> bool:
    """A question about costs typed as an answer ("how much will it cost her?")."""
    raw = clean(value)
    text = fold(raw)
    return bool(_COST.search(text)) and (raw.endswith("?") or bool(_QUESTION_START.match(text)))


def says_goodbye(value: object) -> bool:
    """A goodbye on its own ("bye", "ok thanks bye", "I'm off now")."""
    text = fold(value)
    return bool(text) and bool(_GOODBYE.match(text))


# -- whose place ---------------------------------------------------------------------------------------

_WRITER_WORDS = r"i|we|me|myself|im|iam|ive|were"
_PERSON_WORDS = r"she|he|they|shes|hes|theyre|her|him|them"
_LIVES = r"(?:lives?|living|is|are|am|was|stays?|staying|resides?|based|moved|got a flat|has a flat|has a house)"
_PLACE_PREP = r"(?:(?:still|now|currently|also|just|over|up|down|out|round|back)\s+)*(?:in|at|near|from|outside|to)"
_PLACE_END = (r"(?=\s*$|\s+(?:and|but|so|with|while|whereas|though|which|where|who|on|alone|by|since|for|now|"
              r"too|also|i|im|she|shes|he|hes|we|they|its|it|is|has|had|and)\b)")


@lru_cache(maxsize=1)
def _place_tie() -> re.Pattern[str]:
    relation_words = sorted({fold(w) for words in _data()["relations"].values() for w in words}, key=len, reverse=True)
    relations = "|".join(re.escape(w) + "s?" for w in relation_words if w not in ("ma", "pa", "da"))
    who = rf"(?P<who>{_WRITER_WORDS}|{_PERSON_WORDS}|{relations})"
    return re.compile(
        rf"\b{who}(?:\s+(?:\w+\s+){{0,3}}?{_LIVES}(?:\s+\w+){{0,3}}?)?\s+{_PLACE_PREP}\s+"
        rf"(?P<place>[a-z0-9][a-z0-9]*(?:\s+[a-z0-9]+){{0,3}}?){_PLACE_END}"
    )


def place_mentions(value: object) -> list[tuple[str, str]]:
    """Places tied to someone in the text, in order: ("person", phrase) for "mum lives in Accrington",
    "she's in Clitheroe"; ("writer", phrase) for "I live in Manchester", "I'm in Preston". The phrase
    is folded text of up to four words; the caller resolves it to a real place."""
    found = []
    for clause in re.split(r"[.;!?\n]+|,", clean(value)):
        for match in _place_tie().finditer(fold(clause)):
            who = match.group("who")
            owner = "writer" if re.fullmatch(_WRITER_WORDS, who) else "person"
            found.append((owner, match.group("place")))
    return found


def _text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        value = join_words([clean(v, MAX_TEXT) for v in value if clean(v, MAX_TEXT)])
    return clean(value, MAX_TEXT)


def _place(value: object) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    if isinstance(value, dict):
        return {"name": clean(value.get("name"), 120) or None, "council": value.get("council")}
    if not isinstance(value, str):
        return {"name": clean(getattr(value, "name", ""), 120) or None,
                "council": getattr(value, "council", None)}
    name = clean(value, 120)
    try:
        from directory.places import resolve_place

        found = resolve_place(name)
    except Exception:  # noqa: BLE001 - the summary must not fail because a lookup did
        found = None
    if found is not None:
        place = {"name": getattr(found, "name", name), "council": getattr(found, "council", None)}
        if not getattr(found, "covered", True):
            place.update(covered=False, council_name=getattr(found, "council_name", "") or "",
                         nation_note=getattr(found, "nation_note", "") or "")
            if not place["council_name"]:  # a postcode known only by its area ("M1")
                place["note"] = getattr(found, "note", "") or ""
        return place
    return {"name": name, "council": None}


def _council_for(answers: dict[str, Any], place: dict[str, Any] | None) -> councils.Council:
    """The council for the summary: the council of a place the person named (even outside our
    areas, where it is the national profile), else an explicit council, else the default."""
    if place and place.get("council"):
        return councils.council_for_place(place)
    slug = answers.get("council")
    if slug:
        return councils.council_for_place(slug)
    return councils.default_council()


def _contact(council: councils.Council, place: dict[str, Any] | None) -> dict[str, Any]:
    """How to contact the council; for a place outside our areas, named by its own council."""
    return {"name": council.name, "website": council.website.value, "lines": council.contact_lines(),
            "staff_lines": council.contact_lines("staff"), "details": council.to_dict()["adult_social_care"]}


def build_summary(answers: dict[str, Any] | None) -> dict[str, Any]:
    """The structured triage summary (also sent as a custom payload to the widget and console).

    ``answers`` may hold: who, what_matters, strengths, support_network, hard_things, impact,
    carer (or carer_present / carer_coping), place (text, a Place, or a dict), council (slug),
    and, for a staff case note, safety (``safety_concerns`` of the conversation's events).
    Any may be missing or free text. Returns a dict with keys: who, what_matters, strengths,
    support_network, hard_things [{outcome, label}], impact, carer {present, coping}, place,
    council, suggested_categories, assessment, contact, generated_at; and safety when given.
    """
    answers = dict(answers or {})
    who = parse_who(answers.get("who"))
    hard = parse_hard_things(answers.get("hard_things"))
    other = parse_concerns(answers.get("hard_things"))
    note = hard_things_note(answers.get("hard_things"))
    impact = parse_impact(answers.get("impact"))
    carer_raw = answers.get("carer")
    if carer_raw is None and ("carer_present" in answers or "carer_coping" in answers):
        present = answers.get("carer_present")
        carer_raw = {"present": present not in (False, "no", "false", "none", None),
                     "coping": answers.get("carer_coping")}
    carer = parse_carer(carer_raw)
    place = _place(answers.get("place"))
    council = _council_for(answers, place)
    context = " ".join(_text(answers.get(k)) for k in ("what_matters", "hard_things", "strengths"))
    summary = {
        "who": who,
        "what_matters": _text(answers.get("what_matters")),
        "strengths": _text(answers.get("strengths")),
        "support_network": _text(answers.get("support_network")),
        "hard_things": [{"outcome": o, "label": outcome_label(o)} for o in hard],
        "other_concerns": [{"id": c, "label": concern_label(c)} for c in other],
        "hard_things_note": note,
        "impact": impact,
        "carer": carer,
        "place": place,
        "council": council.slug,
        "suggested_categories": suggest_categories([*hard, *other], who, carer, impact=impact, context=context),
        "assessment": assessment(hard, impact, carer),
        "contact": _contact(council, place),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if "safety" in answers:
        summary["safety"] = _checked_concerns(answers.get("safety"))
    return summary


_IMPACT_WORDS = {"big": "a big effect", "some": "some effect", "little": "only a little"}
_COPING_WORDS = {"well": "coping well", "just_about": "just about coping", "struggling": "struggling"}


def _carer_words(carer: dict[str, Any]) -> str:
    if carer.get("present") is None:
        return ""
    if not carer["present"]:
        return "no one"
    return "yes, " + _COPING_WORDS.get(carer.get("coping"), "not said how they are coping")


def _about(summary: dict[str, Any], mode: str) -> str:
    who = summary.get("who") or {}
    if who.get("for") == "self":
        return " on their own behalf" if mode == "staff" else ""
    if who.get("for") != "other":
        return ""
    if mode != "staff":
        return f" about {who.get('label') or 'the person you are asking about'}"
    relation = who.get("relation")
    if relation in (None, "client"):
        return " on behalf of another person"
    return f" on behalf of their {who['label'].replace('your ', '')}"


def summary_text(summary: dict[str, Any], mode: str = "resident") -> str:
    """The summary as plain English for a resident, or as a case note for staff ("Caller reports...").

    The staff case note starts with any safety concern raised in the conversation (the summary's
    ``safety``, see ``safety_lines``); a resident's summary never shows it. Plain words only: no
    ids, slugs or true/false values.
    """
    mode = wording.normalise_mode(mode)
    say = lambda key, **kw: wording.say(key, mode, **kw)  # noqa: E731
    lines = safety_lines(summary.get("safety") or []) if mode == "staff" else []
    lines.append(say("summary.title", about=_about(summary, mode), date=_stamp(summary.get("generated_at"))))
    for key in ("what_matters", "strengths", "support_network"):
        if summary.get(key):
            lines.append(say(f"summary.{key}", text=summary[key]))
    hard = [item["label"] for item in summary.get("hard_things", [])]
    other = [item["label"] for item in summary.get("other_concerns") or []]
    note = summary.get("hard_things_note") or ""
    if hard:
        lines.append(say("summary.hard_things", text=join_words(hard)))
    elif not (other or note):
        lines.append(say("summary.no_hard_things"))
    if other:
        lines.append(reply("summary_concerns", mode, text=join_words(other)))
    if note:
        lines.append(reply("summary_note", mode, text=note))
    if summary.get("impact"):
        lines.append(say("summary.impact", text=_IMPACT_WORDS.get(summary["impact"], summary["impact"])))
    carer = _carer_words(summary.get("carer") or {})
    if carer:
        lines.append(say("summary.carer", text=carer))
    place = summary.get("place") or {}
    if place.get("name"):
        lines.append(say("summary.place", text=place["name"]))
    if place.get("covered") is False and place.get("council_name"):
        lines.append(say("summary.outside_area", place=place["name"], council=place["council_name"]))
    elif place.get("covered") is False and place.get("note"):
        lines.append(place["note"])
    if place.get("covered") is False and place.get("nation_note"):
        lines.append(place["nation_note"])
    if summary.get("suggested_categories"):
        lines.append(say("summary.suggestions"))
        lines.extend(say("summary.suggestion", **item) for item in summary["suggested_categories"])
    lines.extend(_assessment_lines(summary, say))
    contact = summary.get("contact") or {}
    lines.append(say("summary.contact", council=contact.get("name", "")))
    lines.extend(_contact_lines(summary, mode))
    lines.append(say("summary.not_a_decision"))
    return "\n".join(lines)


def _contact_lines(summary: dict[str, Any], mode: str) -> list[str]:
    """The council contact lines in the reader's voice (staff case notes never say "I don't have...")."""
    contact = summary.get("contact") or {}
    if mode != "staff":
        return list(contact.get("lines", []))
    if contact.get("staff_lines"):
        return list(contact["staff_lines"])
    if summary.get("council"):
        return councils.council_for_place(summary["council"]).contact_lines("staff")
    return list(contact.get("lines", []))


def _assessment_lines(summary: dict[str, Any], say) -> list[str]:
    result = summary.get("assessment") or {}
    council = (summary.get("contact") or {}).get("name", "the council")
    key = "summary.needs_assessment_yes" if result.get("needs_assessment_worthwhile") else "summary.needs_assessment_no"
    lines = [say(key, council=council, reason=result.get("reason", ""))]
    if result.get("carers_assessment_worthwhile"):
        lines.append(say("summary.carers_assessment_yes", reason=result.get("carer_reason", "")))
    return lines


# -- the staff case note: times, safety concerns and the answers so far ----------------------------------

UK_TIMEZONE = "Europe/London"
#: the safety intents and the kind of reply each gets (as action_safety reads them)
_SAFETY_INTENT_KINDS = {"emergency": "emergency", "suicidal": "suicide", "abuse_report": "abuse"}
#: kind -> (what was raised, what Signpost gave): short and neutral, never the person's words
_SAFETY_NOTE = {
    "emergency": ("possible emergency (someone may be in danger or hurt)", "caller told to call 999"),
    "suicide": ("possible risk of suicide or self-harm",
                "999, Samaritans (116 123) and NHS 111 option 2 given"),
    "carer": ("carer at breaking point or afraid of hurting the person they look after",
              "999, Samaritans (116 123) and the council's adult social care route given"),
    "abuse": ("possible abuse or neglect disclosed", "safeguarding route given"),
}


def _uk(moment: datetime) -> tuple[datetime, str]:
    """``moment`` in UK time (BST in summer), or in UTC with " UTC" when the time zone data is missing."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(ZoneInfo(UK_TIMEZONE)), ""
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(UTC), " UTC"


def _moment(value: object) -> datetime | None:
    """A datetime from an ISO string, a Unix timestamp (as Rasa's events carry) or a datetime."""
    try:
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=UTC)
        if isinstance(value, bool) or value in (None, ""):
            return None
        if isinstance(value, (int, float)):
            return datetime.fromtimestamp(float(value), UTC)
        found = datetime.fromisoformat(str(value))
        return found if found.tzinfo else found.replace(tzinfo=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def uk_time(moment: object) -> str:
    """The clock time in the UK: "14:02" ("" when ``moment`` is not a time)."""
    return _uk_format(moment, with_date=False)


def uk_date_time(moment: object) -> str:
    """The date and clock time in the UK: "3 May 2026 at 14:02" ("" when ``moment`` is not a time)."""
    return _uk_format(moment, with_date=True)


def _uk_format(moment: object, with_date: bool) -> str:
    found = _moment(moment)
    if found is None:
        return ""
    local, zone = _uk(found)
    day = f"{local.day} {local:%B %Y} at " if with_date else ""
    return f"{day}{local:%H:%M}{zone}"


def _stamp(generated_at: object) -> str:
    return uk_date_time(generated_at) or clean(generated_at, 40)


def _custom_payload(event: dict[str, Any]) -> dict[str, Any]:
    data = event.get("data")
    custom = data.get("custom") if isinstance(data, dict) else None
    return custom if isinstance(custom, dict) else {}


def _council_ref(value: object) -> dict[str, str] | None:
    if isinstance(value, dict) and (value.get("name") or value.get("slug")):
        return {"slug": clean(value.get("slug"), 80), "name": clean(value.get("name"), 120)}
    return None


def _event_time(event: dict[str, Any]) -> str | None:
    found = _moment(event.get("timestamp"))
    return found.isoformat(timespec="seconds") if found else None


def _checked_concerns(value: object) -> list[dict[str, Any]]:
    """Safety concerns as stored in a summary: only known kinds, councils and times are kept."""
    concerns = []
    for item in value if isinstance(value, (list, tuple)) else []:
        if isinstance(item, dict) and item.get("kind") in _SAFETY_KINDS:
            moment = _moment(item.get("at"))
            concerns.append({"kind": item["kind"], "council": _council_ref(item.get("council")),
                             "at": moment.isoformat(timespec="seconds") if moment else None})
    return concerns


def safety_concerns(events: object) -> list[dict[str, Any]]:
    """The safety replies Signpost gave in a conversation, oldest first, read from its events (Rasa's
    event dicts): [{"kind": "emergency"|"suicide"|"abuse", "council": {"slug", "name"} | None,
    "at": ISO time (UTC) | None}].

    Read from the ``{"type": "safety"}`` payload action_safety sends (a kind in its ``also``
    counts too: the reply covered it), or, when a run of action_safety sent no payload, from the
    safety intent of the message before it. Nothing the person typed is copied.
    """
    found: list[dict[str, Any]] = []
    intent = None
    unmatched: dict[str, Any] | None = None  # an action_safety run whose payload is not seen yet

    def settle() -> None:
        nonlocal unmatched
        if unmatched is not None:
            found.append(unmatched)
        unmatched = None

    for event in events if isinstance(events, (list, tuple)) else []:
        if not isinstance(event, dict):
            continue
        name = event.get("event")
        if name == "user":
            settle()
            parse = event.get("parse_data")
            intent = ((parse.get("intent") or {}) if isinstance(parse, dict) else {}).get("name")
        elif name == "action":
            settle()
            if event.get("name") == "action_safety":
                unmatched = {"kind": _SAFETY_INTENT_KINDS.get(intent or "", "emergency"), "council": None,
                             "at": _event_time(event)}
        elif name == "bot":
            custom = _custom_payload(event)
            if custom.get("type") != "safety" or custom.get("kind") not in _SAFETY_KINDS:
                continue
            at = _event_time(event) or (unmatched or {}).get("at")
            unmatched = None
            also = custom.get("also") if isinstance(custom.get("also"), list) else []
            for kind in dict.fromkeys([custom["kind"], *also]):
                if kind in _SAFETY_KINDS:
                    found.append({"kind": kind, "council": _council_ref(custom.get("council")), "at": at})
    settle()
    return found


def _safeguarding_contact(concerns: list[dict[str, Any]]) -> str:
    names = []
    for item in concerns:
        council = item.get("council") or {}
        if council.get("slug") == councils.NATIONAL:
            name = "the adult social care team of the council where the person lives"
        elif council.get("name"):
            name = f"{council['name']} adult social care"
        else:
            continue
        if name not in names:
            names.append(name)
    return f" ({join_words(names, 'or')})" if names else ""


def safety_lines(concerns: object, now: object = None) -> list[str]:
    """The staff case note's first lines: one short, neutral line per kind of safety concern, most
    urgent first, with when Signpost gave the route (UK time) and, for abuse or neglect, whose
    safeguarding route: "Safety concern: possible abuse or neglect disclosed; safeguarding route
    given at 14:02 (Lancashire County Council adult social care)." A time on another day than
    ``now`` (default: today) has its date. Never the words the person used."""
    checked = _checked_concerns(concerns)
    today = _uk(_moment(now) or datetime.now(UTC))[0].date()
    lines = []
    for kind in _SAFETY_KINDS:
        of_kind = [item for item in checked if item["kind"] == kind]
        if not of_kind:
            continue
        times = []
        moments = sorted(m for m in (_moment(item.get("at")) for item in of_kind) if m is not None)
        for moment in moments:
            local = _uk(moment)[0]
            when = uk_time(moment) if local.date() == today else f"{uk_time(moment)} on {local.day} {local:%B %Y}"
            if when not in times:
                times.append(when)
        raised, given = _SAFETY_NOTE[kind]
        at = f" at {join_words(times)}" if times else " (time not recorded)"
        where = _safeguarding_contact(of_kind) if kind == "abuse" else ""
        lines.append(f"Safety concern: {raised}; {given}{at}{where}.")
    return lines


#: Labels for the answers so far, as the staff summary words them (bot/data/wording.yml, summary.*).
CASE_NOTE_LABELS = {
    "who": "Person the call is about",
    "what_matters": "What matters to the person",
    "strengths": "Strengths and what the person can still do",
    "support_network": "Support network",
    "hard_things": "Everyday difficulties reported (Care Act outcomes)",
    "other_concerns": "Other concerns reported",
    "hard_things_note": "Difficulties in the caller's words",
    "impact": "Effect on wellbeing (caller's view)",
    "carer": "Unpaid carer",
    "place": "Location",
}


def _who_words(value: object) -> str:
    person = parse_who(value)
    if person["for"] == "self":
        return "the caller"
    if person["relation"] in (None, "client"):
        return "another person (the caller did not say who)" if person["for"] == "other" else ""
    return "the caller's " + person["label"].replace("your ", "")


def _items(value: object) -> list[str]:
    """A hard-things answer as stored ("washing,home_safety", a list) as separate items."""
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value]
    return str(value or "").split(",")


def case_note_items(answers: dict[str, Any] | None) -> list[dict[str, str]]:
    """The talk-it-through answers given so far, for an adviser: [{"label", "value"}], in question
    order, plain words only (outcome ids become "washing", levels "a big effect"). ``answers``
    uses build_summary's keys; missing or skipped answers are left out."""
    answers = dict(answers or {})
    values: dict[str, str] = {}
    if answers.get("who"):
        values["who"] = _who_words(answers["who"])
    for key in ("what_matters", "strengths", "support_network"):
        values[key] = _text(answers.get(key))
    hard = answers.get("hard_things")
    if hard not in (None, "", []):
        if fold(hard if isinstance(hard, str) else "") in ("none", "nothing"):
            values["hard_things"] = "none"
        else:
            items = _items(hard)
            values["hard_things"] = join_words([outcome_label(o) for o in parse_hard_things(items)])
            values["other_concerns"] = join_words([concern_label(c) for c in parse_concerns(items)])
            values["hard_things_note"] = hard_things_note(items)
    if answers.get("impact"):
        level = parse_impact(answers["impact"])
        values["impact"] = _IMPACT_WORDS[level] if level else _text(answers["impact"])
    if answers.get("carer"):
        values["carer"] = _carer_words(parse_carer(answers["carer"])) or "in the caller's words: " + _text(answers["carer"])
    if answers.get("place"):
        place = _place(answers["place"]) or {}
        values["place"] = place.get("name") or ""
    return [{"label": CASE_NOTE_LABELS[key], "value": values[key]} for key in CASE_NOTE_LABELS if values.get(key)]
