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

from actions.common import (
    button,
    council_of,
    entity_values,
    intent_payload,
    latest_intent,
    latest_text,
    page_council,
)
from bot import councils, triage
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
    # "i have a learning disability and want to meet friends": the writer's own situation
    person = relation is not None or hard_things or triage.speaks_for_self(text)
    return bool(SITUATION_WORDS.search(text) or hard_things) and person


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
    everyday = everyday_place_in(text)  # "i live in bath", "near wells"
    for candidate in found:
        candidate = candidate.strip(" .,'?!")
        if not candidate or (everyday_word(candidate) and not _same_word(candidate, everyday)):
            continue
        place = places.resolve_place(candidate)
        if place is not None:
            return place
    if everyday is not None:
        return places.resolve_place(everyday)
    postcode = places.find_postcode(text)
    return places.resolve_place(postcode.outward) if postcode else None


#: a place name that is also an everyday word, written in lower case where only a place fits: "i live in
#: bath", "we're in bath", "near wells", "from bath", "care homes in bath". Not "in the bath", "get in
#: bath", "a bath" (an article, or a verb of washing or getting in before "in").
EVERYDAY_PLACE_LEAD = re.compile(
    r"\b(?:(?P<verb>\w+)\s+)?(?P<prep>in|near|from|around|outside|to)\s+(?P<word>[a-z]+)\b(?!\s+(?:water|tub|mat|seat|lift|"
    r"board|step|chair|rail|time|towel|room))")
#: words before "in" that make "in bath" the washing sense: "get in bath", "help in bath"
IN_THE_WATER = frozenset({
    "get", "gets", "got", "getting", "sit", "sits", "sitting", "sat", "lie", "lies", "lying", "lay", "fell", "fall",
    "falls", "falling", "fallen", "slip", "slips", "slipped", "slipping", "help", "helps", "helped", "helping", "wash",
    "washes", "washed", "washing", "stuck", "trouble", "problems", "struggle", "struggles", "struggling", "climb",
    "climbs", "climbing", "step", "stepping", "soak", "soaking", "relax", "relaxing", "bathe", "bathing", "safe",
    "safely", "herself", "himself", "myself", "themselves", "hard", "back", "out", "down", "up", "go", "goes", "going",
    "went", "into", "her", "him", "them", "me", "someone", "anyone", "stay", "stays", "staying"})
#: ... unless the person lives or is there ("she lives in bath", "we're in bath")
LIVES_THERE = frozenset({"live", "lives", "living", "lived", "based", "moved", "move", "moving", "reside",
                         "resides", "were", "shes", "hes", "theyre", "im", "am", "are", "is", "its", "be"})


def everyday_place_in(text: str) -> str | None:
    """The first place name that is also an everyday word, in lower case where only a place fits ("i live
    in bath" -> "bath"); None for "in the bath", "get in bath", "a bath" and for capitalised names (the
    NLU and PLACE_IN_TEXT find those)."""
    if not text or text.startswith("/"):
        return None
    everyday = places.everyday_place_names()  # cached, already lower case
    folded = " ".join(text[:500].replace("'", "").replace("\u2019", "").split())
    for match in EVERYDAY_PLACE_LEAD.finditer(folded):
        word, verb, prep = match.group("word"), (match.group("verb") or "").lower(), match.group("prep")
        if word not in everyday:
            continue
        if prep == "in" and verb in IN_THE_WATER and verb not in LIVES_THERE:
            continue
        if prep == "to" and verb not in ("moved", "move", "moving", "going", "go", "goes", "went"):
            continue  # "next to bath", "used to bath"
        return word
    return None


def _same_word(candidate: str, everyday: str | None) -> bool:
    return everyday is not None and LEADING_SMALL_WORDS.sub("", candidate.strip()).lower() == everyday


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
    in_place = everyday_place_in(said)  # "i live in bath", "in bath please"

    def ordinary_word(value: str) -> bool:
        """"bath" in "she can't get in the bath" is not Bath (the whole answer "bath", "in bath" and
        "I live in bath" are)."""
        return (value.lower() in everyday and said.strip().lower() != value.lower()
                and value[:1].upper() + value[1:].lower() not in said and value.lower() != in_place)

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
                if any(ordinary_word(word) for word in run):
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
        example = councils.place_example(council_of(tracker), page_council(tracker))  # the page's council's town
        message = f"Sorry, I don't know {that}. " + ("Did you mean one of these? " if suggestions else "") + (
            "Signpost has services for Lancashire, Leicestershire, North East Lincolnshire and Bath and North "
            f"East Somerset: please give a town or postcode there, like {example}. If you live somewhere else, "
            "contact your own council's adult social care team.")
        dispatcher.utter_message(
            text=message, buttons=[button(s, intent_payload("inform", place=s)) for s in suggestions] or None
        )
        return {"place": None}
    return {"place": place.name, "council": place.council}




#: an answer that is only a place: "preston", "we live in blackburn", "she's in Market Harborough",
#: "near LE11 please" (the words around the place; the rest must name a known place)
PLACE_ALONE = re.compile(
    r"""^\W*(?:(?:ok|okay|oh|sorry|yes|yeah|well|right|um+|er+|and|but|its|it's|it\W+is|that's|thats)\W+)*
    (?:(?:we|i|she|he|they|it|mum|mam|dad|nan|gran|grandad|(?:my|our|me)\s+[a-z]+)\s+
         (?:live|lives|living|is|are|am|stay|stays|staying|based|resides?)\s+
      | (?:we're|were|she's|shes|he's|hes|they're|theyre|i'm|im|it's|its)\s+)?
    (?:(?:just\s+)?(?:in|at|near|from|around|outside)\s+)?
    (?P<place>[A-Za-z0-9][A-Za-z0-9 .'&-]{1,40}?)
    (?:\W+(?:please|thanks|thank\W+you|area|way|too))*\W*$""",
    re.IGNORECASE | re.VERBOSE,
)


def place_alone(text: str) -> places.Place | None:
    """The place a message gives when that is all it says ("preston", "we live in blackburn", "LE11
    please"); None for an answer that names a place in passing ("my daughter in Preston helps"), an
    everyday word on its own ("bath", "Nelson": only "in bath" or "she lives in Nelson" is the place) or a
    button payload."""
    if not text or text.startswith("/") or len(text) > 80:
        return None
    found = PLACE_ALONE.match(text.strip())
    if found is None or len(found.group("place").split()) > 5:
        return None
    name = found.group("place").strip(" .'")
    lead = text[: found.start("place")].strip()
    if name.lower() in places.everyday_place_names():
        # "Nelson" alone may be a friend's name, "bath" a bath: only "she lives in Nelson", "in bath"
        if not lead or (everyday_word(name) and not everyday_place_in(text)):
            return None
    return places.resolve_place(name)
