"""Reading what a message means, shared by the journeys: the kind of service named in it, a
place (and its council), a follow-up that only names another place ("what about in Bath
instead"), and whether it describes a person's situation rather than asking for a service. No
replies are chosen here, only understood."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import button, entity_values, intent_payload, latest_intent, latest_text
from bot import triage
from directory import categories, places

#: What may be repeated back as a place name: a few words of letters.
PLACE_NAME = re.compile(r"^[A-Za-z][A-Za-z '&.-]{1,38}$")
CATEGORY_ENTITIES = ("category",)
PLACE_ENTITIES = ("place", "postcode")


#: small words a near-miss may only hold if the everyday word holds them too ("a service" is close
#: to "day service" letter by letter)
SMALL_WORDS = frozenset({"a", "an", "the", "some", "any", "my", "our", "his", "her", "their", "for", "to",
                                 "of", "in", "on", "at", "near", "and", "or", "me", "i", "is", "are"})


def category_from_text(text: str | None) -> categories.Category | None:
    """The category someone means by ``text``: a slug, name or everyday word, found inside a
    sentence, or a close misspelling of one ("telecair", "respit")."""
    if not text or not str(text).strip():
        return None
    text = str(text)[:300]
    found = categories.match_category(text) or categories.find_in_text(text)
    if found is not None:
        return found
    words: dict[str, str] = {}
    for category in categories.all_categories():
        for word in (category.slug.replace("-", " "), category.name, *category.synonyms):
            words.setdefault(str(word).lower(), category.slug)
    tokens = text.lower().split()[:30]
    candidates = [" ".join(tokens[i : i + n]) for n in (3, 2, 1) for i in range(len(tokens) - n + 1)]
    for candidate in candidates:
        if len(candidate) < 4:
            continue
        close = difflib.get_close_matches(candidate, list(words), n=1, cutoff=0.8)
        # "a service" and "find a service" are not a misspelt "day service": a small word in the
        # candidate must be in the match too ("help at hom" -> "help at home" is fine)
        if close and not (set(candidate.split()) & SMALL_WORDS) - set(close[0].split()):
            return categories.get_category(words[close[0]])
    return None


SITUATION_WORDS = re.compile(
    r"\b(think (?:it |this )?through|talk (?:it )?through|struggl\w*|not coping|can'?t cope|what (?:\w+ ){0,3}needs?|"
    r"getting (?:worse|forgetful|frail|older)|worried about|mental health|scared to be on (?:her|his|my|their) own|"
    r"autis\w*|learning disabilit\w*|dementia|alzheimer\w*|parkinson\w*|what happens now)\b",
    re.IGNORECASE,
)


def describes_a_situation(tracker: Tracker) -> bool:
    """A typed message filed under find_service that names no kind of service but describes a
    person's situation ("my brother is struggling at home"): better talked through than searched."""
    text = latest_text(tracker)
    if text.startswith("/") or any(category_from_text(value) for value in entity_values(tracker, *CATEGORY_ENTITIES)):
        return False
    if categories.find_in_text(text) is not None:
        return False
    relation = triage.parse_who(text).get("relation")
    # "are there any in Bath": the town, not a bath (a place entity is only found with its capital)
    for value in entity_values(tracker, *PLACE_ENTITIES):
        text = text.replace(value, " ") if value[:1].isupper() else text
    hard_things = bool(triage.find_outcomes(text))
    return bool(SITUATION_WORDS.search(text) or hard_things) and (relation is not None or hard_things)


def names_nothing_to_search(tracker: Tracker) -> bool:
    """A short answer (intent inform) with no kind of service, no place and no person in it.
    "for my dad" on its own still starts the search: its first question offers "talk it through"."""
    if latest_intent(tracker) != "inform" or entity_values(tracker, *CATEGORY_ENTITIES, *PLACE_ENTITIES):
        return False
    text = latest_text(tracker)[:500]
    if triage.parse_who(text).get("relation"):
        return False
    return category_from_text(text) is None and places.resolve_place(text) is None


#: "he lives in Bath", "from Cardiff", "near EH1": a place named in a sentence (capital letter first)
PLACE_IN_TEXT = re.compile(r"\b(?:in|near|from|at|to|live|lives|living|based|moved)\s+"
                           r"(?P<place>[A-Z][\w'.&-]*(?:\s+(?:[A-Z][\w'.&-]*|upon|on|under|le|in|of)){0,4})")
#: the small words places.resolve_place looks past ("in the bath" is read as "bath")
LEADING_SMALL_WORDS = re.compile(r"^(?:(?:in|at|near|around|round|by|the|to)\s+)+", re.IGNORECASE)


def everyday_word(candidate: str) -> bool:
    """True when ``candidate`` is a place name that is also an everyday word, written without its
    capital letter ("bath", "in the bath", "healing"): not a place in a sentence ("Bath" is)."""
    word = LEADING_SMALL_WORDS.sub("", candidate.strip())
    return word.lower() in places.everyday_place_names() and not word[:1].isupper()


def named_place(text: str, candidates: Iterable[str] = ()) -> places.Place | None:
    """The gazetteer place a message names: the first of ``candidates`` that is one (the NLU's place
    entities, the phrase a question ends with), else a place with a capital letter after "in",
    "near", "from", "lives"... ("sorry no England, he lives in Bath"), else a postcode in the text.
    An everyday word counts only with its capital: "in the bath" is not Bath. None for a button
    payload. Serves the paying-for-care journey (the nation) and the answers in passing (the council)."""
    if not text or text.startswith("/"):
        return None
    found = list(candidates)
    for match in PLACE_IN_TEXT.finditer(text[:500]):
        words = match.group("place").split()
        found += [" ".join(words[:n]) for n in range(len(words), 0, -1)]
    for candidate in found:
        candidate = candidate.strip(" .,'?!")
        if not candidate or everyday_word(candidate):
            continue
        place = places.resolve_place(candidate)
        if place is not None:
            return place
    postcode = places.find_postcode(text)
    return places.resolve_place(postcode.outward) if postcode else None


#: A short follow-up that names only a place: "what about in Bath instead", "are there any in Bath",
#: "and in Grimsby?", "what about Chorley", "any near PR7 1AA?", "try Lancaster instead". It needs a
#: lead ("what about", "and", "any"...), a preposition or a tail ("instead", "then"), so a place on
#: its own stays the search form's answer.
PLACE_FOLLOW_UP = re.compile(
    r"""^\W*(?:(?:ok|okay|right|so|but|oh|hmm+|well|sorry|no|actually|thanks|cheers)\W+)*
    (?P<lead>
        (?:and|or)(?:\W+(?:what|how)\W+about)?
      | (?:what|how)\W+about
      | (?:are|is)\W+there\W+(?:any(?:thing|one)?|some|one)(?:\W+(?:of\W+)?(?:them|those|these)|\W+like\W+(?:that|this))?
      | (?:have\W+you\W+got|do\W+you\W+have|got)\W+any(?:thing)?
      | any(?:thing|one)?(?:\W+(?:of\W+)?(?:them|those))?
      | (?:the\W+)?same(?:\W+(?:thing|again|search))?
      | (?:can|could|would|will)\W+you\W+(?:try|look|search|check)(?:\W+again)?
      | try | search | look | check
      | what(?:'s|\W+is|\W+have\W+you\W+got|\W+do\W+you\W+have)(?:\W+there)?
    )?
    \W*(?P<prep>(?:in|near|around|round|at|for)\W+)?
    (?P<place>[A-Za-z0-9][A-Za-z0-9 .'&-]{0,40}?)
    (?P<tail>(?:\W+(?:instead|then|please|too|as\W+well|also|now|area|way|pls))*)
    \W*$""",
    re.IGNORECASE | re.VERBOSE,
)


def place_follow_up(tracker: Tracker) -> places.Place | None:
    """The place a short follow-up names when it names nothing else ("what about in Bath instead",
    "and in Grimsby?"); None when it names a kind of service (a search of its own), is long, or names
    no known place ("and in the bath")."""
    text = latest_text(tracker)
    found = PLACE_FOLLOW_UP.match(text) if len(text) <= 80 and not text.startswith("/") else None
    if found is None or not (found.group("lead") or found.group("prep") or found.group("tail")):
        return None
    if entity_values(tracker, *CATEGORY_ENTITIES) or categories.find_in_text(text) is not None:
        return None
    return named_place(text, [found.group("place"), *entity_values(tracker, *PLACE_ENTITIES)])


def place_from_text(text: str, tracker: Tracker) -> places.Place | None:
    """The place in an answer to "which town or postcode?": the whole answer, a place entity,
    or the longest run of up to four words that names a known place ("in Leyland please")."""
    everyday = places.everyday_place_names()  # cached, already lower case
    said = latest_text(tracker)

    def ordinary_word(value: str) -> bool:
        """"bath" in "she can't get in the bath" is not Bath (the whole answer "bath" is)."""
        return (value.lower() in everyday and said.strip().lower() != value.lower()
                and value[:1].upper() + value[1:].lower() not in said)

    if ordinary_word(text):
        text = said
    place = places.resolve_place(text) if text else None
    if place is None:
        for candidate in entity_values(tracker, *PLACE_ENTITIES):
            if ordinary_word(candidate):
                continue
            place = places.resolve_place(candidate)
            if place:
                return place
    if place is None and text:
        words = text.replace(",", " ").replace(".", " ").split()[:30]
        for size in (4, 3, 2, 1):
            for start in range(len(words) - size + 1):
                run = words[start : start + size]
                if any(word.lower() in everyday and not word[:1].isupper() for word in run):
                    continue  # "in the bath" is not Bath
                place = places.resolve_place(" ".join(run))
                if place is not None:
                    return place
    return place


def validate_place_value(value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> dict[str, Any]:
    """Resolve a town, district or postcode; set the council it belongs to."""
    text = str(value or "").strip()[:200]
    place = place_from_text(text, tracker)
    if place is None:
        everyday = places.everyday_place_names()  # cached, already lower case
        named = ([v for v in entity_values(tracker, *PLACE_ENTITIES) if v.lower() not in everyday] or [text])[-1]
        known_word = named.lower() in everyday
        suggestions = places.suggest_places(named, limit=4) if named and not known_word else []
        that = f"\"{named}\"" if PLACE_NAME.match(named) and not known_word else "that place"
        message = f"Sorry, I don't know {that}. " + ("Did you mean one of these? " if suggestions else "") + (
            "Signpost has services for Lancashire, Leicestershire, North East Lincolnshire and Bath and North "
            "East Somerset: please give a town or postcode there, like PR1 2HE. If you live somewhere else, "
            "contact your own council's adult social care team.")
        dispatcher.utter_message(
            text=message, buttons=[button(s, intent_payload("inform", place=s)) for s in suggestions] or None
        )
        return {"place": None}
    return {"place": place.name, "council": place.council}


