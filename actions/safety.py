"""action_safety: the reply to danger, suicidal thoughts, a carer at breaking point or abuse. Ends
any active form. The council is the one of a place named in the message ("the carer takes money from
my mum's purse, she lives in Loughborough"), else ``council_of`` (a place given earlier, the page,
the default); a place named sets the ``council`` slot.

Also the turn after a safety reply (``after_safety_reply``). A message that belongs to the safety
route is answered on it instead of starting a search, the talk-it-through questions or the menu:

- holding back ("I don't want to get my brother in trouble", "I don't want to talk to anyone");
- a place ("she's in Chorley", "dad lives in Wigston"): that council's safeguarding route;
- a question about the route ("who do I tell?", "what happens if I report it?", "what do I do?");
- needing a break ("no I wouldn't hurt her, I just need a break"): carers' breaks and assessment;
- not knowing what to say after the suicide reply ("I don't know", "nothing", "whatever"): Samaritans,
  NHS 111 and 999 again, gently, not the menu.
- after medicine taken by mistake, "she seems fine though" or "do I still need to ring?": yes, still
  call NHS 111 now (harm can come hours later), 999 if they become drowsy, confused or breathless;
- after someone not seen for days: "I'm 200 miles away" (999 works from anywhere), "the police are
  going round" (thanks, briefly) and "he's fine, he'd lost his phone" (glad, and the route ends);
- after the young carers' explainer, "I don't want my school to find out": it is their choice who
  they tell (``_young_carer_reply``).

A request for a kind of service leaves the route, even with a word about a break in it ("what respite
is there near preston", "any carers groups in Bath"). A follow-up never repeats the whole reply: asked
again, it gives the reply's own lines without the council's route. The place named in a safety message
sets the ``place`` slot as well as ``council``, so a search that follows looks there.

Each such reply sends a ``{"type": "safety_follow_up"}`` payload, so the next message is read the
same way, for as long as the person stays on the route. It reads the conversation's events, so it
needs no slot and no retraining. ``follow_up`` is the older yes/no form of it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.common import (
    REQUEST_WORDS,
    SignpostAction,
    button,
    council_of,
    entity_values,
    intent_payload,
    latest_intent,
    latest_text,
    mode_of,
)
from actions.understand import category_from_text, named_place
from bot import councils, safety, triage
from directory import categories, places

logger = logging.getLogger(__name__)

#: What to say when the classifier (not the phrase screen) found the concern.
KIND_FOR_INTENT = {"emergency": "emergency", "suicidal": "suicide", "abuse_report": "abuse"}

SAFETY_BUTTONS = (("Speak to someone", "/human_handoff"), ("Back to the menu", "/help"))
#: Ways on for carers: a break, and the assessment that plans one.
CARER_BUTTONS = (
    ("Breaks and respite", intent_payload("find_service", category="respite")),
    ("Carer's assessment", intent_payload("explain_topic", topic="carers-assessment")),
)
#: Buttons a reply adds before "Speak to someone" and "Back to the menu".
REPLY_BUTTONS = {
    "carer": CARER_BUTTONS,
    "carer_breaking_point": CARER_BUTTONS,
    "self_neglect": (("Talk it through", "/describe_needs"),),
}
FOLLOW_UP_TYPE = "safety_follow_up"

#: Holding back after a safety reply: "I don't want to talk to anyone", "not ready", "no thanks",
#: "I don't want to get him in trouble", "she'd kill me if I told", "I can't tell anyone",
#: "I don't want him taken away", "I don't want to make a fuss".
_RELUCTANT = re.compile(
    r"\b(?:(?:dont|do not|doesnt|didnt|not|never|wont|wouldnt|rather not|id rather not|prefer not)"
    r" (?:\w+ )?(?:want|wanna|ready|feel ready|like|to talk|talk|tell|say|ring|call|phone|speak)"
    r"|no thanks?|leave it|forget it|not yet|not now|rather not|in trouble|into trouble|get (?:him|her|them) into"
    r"|cant tell|couldnt tell|cant talk|couldnt talk|scared to|frightened to|afraid to|too scared|too embarrassed"
    r"|ashamed|my fault|(?:hell|shell|theyll|hed|shed|theyd) (?:kill|go mad|be angry|find out)|no one (?:can|will) help"
    r"|nobody (?:can|will) help|leave me alone|taken away|take (?:him|her|them) away|put (?:him|her|them) in a home"
    r"|(?:get|be|been) arrested|make a fuss|making a fuss|waste (?:their|the polices|anyones|your) time"
    r"|wasting (?:their|the polices|anyones|your) time|overreacting|over reacting)\b"
)
#: A question about the route: "who do I tell?", "what happens if I report it?", "what do I do?"
_ASKS = re.compile(
    r"\b(?:who (?:do|should|can|could|would|shall) (?:i|we)(?: \w+)?(?: (?:tell|call|ring|phone|contact|speak|talk|report|go|ask))?"
    r"|who to (?:tell|call|ring|phone|contact|speak to|talk to|report)"
    r"|how (?:do|can|would|should|shall) (?:i|we) (?:report|tell|raise|contact|get hold of|reach|get help|start)"
    r"|where (?:do|can|should) (?:i|we) (?:report|go|ring|call|start|get help)"
    r"|what (?:do|should|can|could|would|shall) (?:i|we) (?:do|say|tell)|what to do"
    r"|what (?:happens|will happen|would happen|happens next|next|now)|what (?:do|will|would) (?:they|the council|you) do"
    r"|(?:do|should|shall|can) (?:i|we) (?:tell|report|call|ring|phone|contact)|the police"
    r"|(?:need|have|got|want) (?:any )?proof|what if im wrong|anonymous|(?:will|would) (?:they|she|he) (?:know|find out)"
    r"|is it (?:worth|right|ok|okay) (?:to )?(?:report|tell|ring|call)|(?:can|could|will) you (?:tell|report|call|ring|contact)"
    r"|how do i get help|where do i start)\b"
)
#: Needing a break from caring, or saying they would never hurt the person.
_BREAK = re.compile(
    r"\b(?:(?:need|needs|want|could do with|desperate for|crying out for) (?:a |some |to have a |a proper )?"
    r"(?:break|rest|respite|time off|time out|breather|night off|day off|sleep|time for myself|me time)"
    r"|(?:wouldnt|would never|wont|could never|never|would not|will not|dont want to) (?:ever )?(?:hurt|harm|hit)"
    r" (?:her|him|them|my \w+|mum|dad|nan|grandad)"
    r"|respite|(?:caring|looking after (?:her|him|them|my \w+|mum|dad)) (?:is|has been|its) (?:too much|so hard|killing me))\b"
)
#: Worn out: "I'm so tired", "I can't cope", "nobody helps".
_TIRED = re.compile(
    r"\b(?:(?:so|really|very|just|completely|totally|absolutely) (?:tired|exhausted|worn out|knackered|shattered|drained)"
    r"|burnt out|burned out|no one helps|nobody helps|no help|cant cope|cannot cope|not coping)\b"
)
#: The person turning help away, said after the self-neglect reply: "he's refused help before".
_REFUSES = re.compile(
    r"\b(?:refus\w*|(?:wont|wouldnt|will not|doesnt|dont|didnt) (?:let (?:anyone|anybody|us|me|them)|accept|have"
    r"|want (?:any )?help|engage|listen|answer the door)|says (?:hes|shes|theyre|he is|she is) (?:fine|ok|okay)"
    r"|turn(?:s|ed)? (?:everyone |people |them |us )?away|not interested)\b"
)
#: Not knowing what to say: "I don't know", "nothing", "whatever" (short messages only).
_UNSURE = re.compile(
    r"\b(?:dont know|dunno|idk|not sure|no idea|nothing|whatever|doesnt matter|nothing matters|who cares"
    r"|no one cares|nobody cares|dont care|why bother|what for|no point|whats the point|i guess|maybe|not really"
    r"|i suppose|suppose so|sort of|kind of|hmm+|meh|tired)\b"
)
#: After the accidental overdose reply: "she seems fine though", "he seems fine, do i still need to ring".
_FINE = re.compile(
    r"\b(?:(?:seems?|looks?|feels?|is|are|hes|shes|theyre|im|its|seem to be|seems to be|appears?) (?:\w+ )?"
    r"(?:fine|ok|okay|alright|all right|normal|well|grand|right as rain|better|no different)"
    r"|no (?:harm|symptoms|side effects)|nothing (?:wrong|happened)"
    r"|(?:do|should|must|shall) (?:i|we) (?:\w+ )?(?:still|really|even|actually) (?:need to |have to )?(?:ring|call|phone|bother)"
    r"|(?:do|must) (?:i|we) (?:really )?(?:need|have) to (?:ring|call|phone)|still need to (?:ring|call|phone)"
    r"|(?:is|its) it (?:really )?(?:necessary|needed|worth (?:ringing|calling|it)))\b"
)
#: The person is safe after the welfare check reply: "he's fine, he'd just lost his phone", "found her".
_SAFE = re.compile(
    r"\b(?:(?:hes|shes|theyre|he is|she is|they are|(?:my )?(?:dad|mum|nan|grandad|neighbour|brother|sister|husband"
    r"|wife|son|daughter|uncle|auntie|friend) is|(?:he|she|they) (?:seems?|looks?)) (?:\w+ )?(?:fine|ok|okay|alright"
    r"|all right|safe|well)"
    r"|(?:hes|shes|theyre|he is|she is|they are) (?:back|home now|back home|at home and fine)"
    r"|found (?:him|her|them)|got hold of (?:him|her|them)|(?:heard|spoken|spoke|talked) (?:from|to|with) (?:him|her|them)"
    r"|(?:he|she|they)(?: had| d)? (?:just )?(?:lost|forgot|forgotten|dropped|broken|broke) (?:his|her|their) phone"
    r"|(?:he|she|they) (?:rang|called|phoned|texted|messaged) (?:me|us|back))\b"
)
#: Not sure they are safe: "I'm sure he's fine", "he's probably ok", "what if he's fine".
_HEDGED = re.compile(r"\b(?:sure|probably|hope|hopefully|maybe|might|may be|must be|if|think|guess|bet|expect"
                     r"|not|isnt|arent|wasnt|never)\b")
#: Help is on its way after the welfare check or overdose reply: "ok the police are going round".
_CALLED = re.compile(
    r"\b(?:(?:police|officers?|ambulance|paramedics|they|someone|neighbour|111|999)(?: are| is| re| have| has)?"
    r" (?:going round|going over|on (?:their|the|its|his|her) way|coming|going to check|gone round|been round|there now"
    r"|checking|been called|sending)"
    r"|(?:i|ive|we|weve|i have|we have) (?:just |already )?(?:called|rang|rung|phoned|contacted|rung up|rang up)"
    r" (?:999|111|nhs 111|the police|police|an ambulance|them))\b"
)
#: A question, not news: "are the police coming?"
_QUESTION = re.compile(r"^(?:are|is|will|would|should|do|does|can|could|when|how|what|why)\b")
#: Far from the person after the welfare check reply: "I'm 200 miles away, what should I do".
_FAR = re.compile(
    r"\b(?:miles away|(?:so |too )?far away|hours away|(?:live|lives|living|am|im) (?:a long way|miles|abroad|overseas)"
    r"|(?:dont|do not|doesnt) live (?:near|nearby|close)|not (?:near|nearby|close by)|other end of the country"
    r"|another country|abroad|overseas|cant get (?:there|round|over)|(?:no way|not able) to get (?:there|round))\b"
)
#: Asking for a search: "any", "near", "groups", "can he get" (with a kind of service named).
_SERVICE_ASK = re.compile(
    r"\b(?:any|anything|anywhere|find|search|near|nearby|local|groups?|services?|looking for|is there|are there"
    r"|can (?:i|we|he|she|they|you) (?:get|have|find|use|go to)|could (?:i|we|he|she|they) (?:get|have)"
    r"|how (?:do|can) (?:i|we) get)\b"
)
#: A young carer who does not want their school, or anyone, to know.
_PRIVATE = re.compile(
    r"\b(?:(?:dont|doesnt|didnt) want (?:my |the |anyone at |anybody at |people at )?(?:school|teachers?|college"
    r"|friends|anyone|anybody|people|social services|social workers?|them)(?: \w+){0,3}? (?:to )?(?:find out|know"
    r"|finding out|knowing|be told)"
    r"|(?:will|would|could|do|does|can|has|have|is) (?:my |the )?(?:school|teachers?|college|anyone|anybody"
    r"|social services|my friends|everyone) (?:\w+ )?(?:find out|know|be told|need to know)"
    r"|(?:will|would|do|does|can) (?:you|they) (?:have to |need to )?tell (?:my |the )?(?:school|teachers?|college"
    r"|anyone|anybody)"
    r"|(?:tell|telling|told) (?:my |the )?(?:school|teachers?|college)|keep (?:it|this) (?:a )?secret"
    r"|(?:is|will) (?:it|this) (?:be )?(?:private|confidential|secret))\b"
)
#: Asking who or where to go: the route comes first in the answer.
_WHO = re.compile(r"\b(?:who|where|how|contact|number|ring|call|phone)\b")
_SHORT = 12  # words: "not knowing what to say" is a short message

#: Which sorts of message are kept on the route after each kind of reply (any message in the fallback).
_KEPT = {
    "suicide": {"break", "reluctant", "asks", "tired", "unsure"},
    "carer": {"break", "reluctant", "asks", "tired", "unsure", "place"},
    "abuse": {"break", "reluctant", "refuses", "asks", "unsure", "place"},
    "emergency": {"reluctant", "asks", "unsure", "place", "fine", "safe", "called", "far"},
}
#: Sorts of message after a welfare check or accidental overdose reply that end the route: the
#: person is safe, or (after the overdose reply) NHS 111 or 999 has been called and they are fine.
_STANDS_DOWN = {"safe"}

# -- the words of the follow-ups: resident, then staff ----------------------------------------------

_RELUCTANT_WORDS = {
    "suicide": (
        ["That's OK. You don't have to talk to anyone until you feel ready.",
         "If that changes, Samaritans are there any time, day or night. Call 116 123. It is free.",
         "You can also call NHS 111 and choose option 2 for mental health help.",
         "If you are in danger right now, call 999."],
        ["Staff guide. The caller does not want to talk to anyone yet. Do not push, and stay with them "
         "if your procedure allows.",
         "Give the numbers again: Samaritans 116 123 (free, 24 hours) and NHS 111, option 2 for "
         "mental health. If anyone is in danger right now, call 999.",
         "Follow your suicide and self-harm procedure."],
    ),
    "carer": (
        ["That's OK. You don't have to decide anything now.",
         "If things get too much, Samaritans are there any time, day or night. Call 116 123. It is free.",
         "If anyone is in danger right now, call 999."],
        ["Staff guide. The caller is not ready to take things further. Do not push.",
         "Give the numbers again: Samaritans 116 123 (free, 24 hours). If anyone is in danger right now, call 999."],
    ),
    "abuse": (
        ["That's OK. It can be very hard to talk about, especially when it is someone you care about.",
         "Asking for advice does not take things out of your hands. The safeguarding team will listen "
         "to what you want, and you keep a say in what happens.",
         "You can ring them just to talk it over and ask what would happen next."],
        ["Staff guide. The caller is worried about what happens if they tell. Reassure them: the "
         "safeguarding team will listen to what they want, and they keep a say in what happens.",
         "Follow your adult safeguarding procedure, and record what the caller said, in their words."],
    ),
    "welfare_check": (
        ["You would not be wasting anyone's time. If you think they may be hurt, ill or in danger, "
         "call 999 now and ask for the police."],
        ["Staff guide. Reassure the caller they are not wasting anyone's time. If the person may be hurt, "
         "ill or in danger, they should call 999 now and ask for the police."],
    ),
}
#: Anything else after an emergency reply ("he's ok now, the ambulance came"): the one thing to do.
_STILL = {
    "emergency": (["If someone is still in danger or badly hurt, please call 999 now."],
                  ["Staff guide. If anyone is still in danger or badly hurt, tell the caller to call 999 now."]),
    "welfare_check": (["If you still think they may be hurt, ill or in danger, call 999 now and ask for the police."],
                      ["Staff guide. If the person may still be hurt, ill or in danger, tell the caller to call 999 "
                       "now and ask for the police."]),
    "accidental_overdose": (["Please still call NHS 111 for advice, even if they seem fine.",
                             "If they become very drowsy, confused or struggle to breathe, call 999."],
                            ["Staff guide. Encourage the caller to call NHS 111 for advice now. If the person becomes "
                             "very drowsy, confused or struggles to breathe, the caller should call 999."]),
}
#: After the accidental overdose reply, "she seems fine though" or "do I still need to ring?": yes.
_STILL_RING = (
    ["Yes, please still call NHS 111 now, even if they seem fine.",
     "Some medicines can cause harm hours later, so it is best to get advice now.",
     "If they become very drowsy, confused or struggle to breathe, call 999."],
    ["Staff guide. Yes: the caller should still call NHS 111 now, even if the person seems fine. Some medicines "
     "can cause harm hours later.",
     "If the person becomes very drowsy, confused or struggles to breathe, the caller should call 999."],
)
#: Help is on its way: acknowledge it, briefly.
_CALLED_WORDS = {
    "welfare_check": (["Thank you for letting me know. You have done the right thing.",
                       "I hope they are safe."],
                      ["Staff guide. The caller has contacted the police. Acknowledge that they did the right "
                       "thing, and note the time."]),
    "accidental_overdose": (["Thank you for letting me know. Follow the advice you were given.",
                             "If they become very drowsy, confused or struggle to breathe, call 999."],
                            ["Staff guide. The caller has called for advice. Tell them to follow it, and to call "
                             "999 if the person becomes very drowsy, confused or struggles to breathe."]),
}
#: Far away from the person who has not been seen: 999 works from anywhere.
_FAR_WORDS = (
    ["You can call 999 from anywhere. Ask for the police, and say you need them where the person lives.",
     "Give their address and tell them when the person was last seen. The police there can go round and check.",
     "If a neighbour or someone nearby has a key, you could also ask them to knock."],
    ["Staff guide. The caller can call 999 from anywhere and ask for the police where the person lives. They "
     "should give the address and when the person was last seen.",
     "A neighbour or key holder nearby could also knock."],
)
#: After the welfare check reply, the person is safe: stand down kindly.
_GLAD = (["I'm glad {they} safe. Thank you for checking.",
          "If you are worried about how they are coping, I can help you find an alarm they can press for help, "
          "or other support."],
         ["Staff guide. The person is safe. Thank the caller for checking. Offer help to find a pendant alarm "
          "or other support if they are worried about how the person is coping."])
#: After the overdose reply and a call for advice, the person is fine.
_GLAD_FINE = (["I'm glad {they} OK.", "If they become very drowsy, confused or struggle to breathe, call 999."],
              ["Staff guide. The person seems well. If they become very drowsy, confused or struggle to breathe, "
               "the caller should call 999."])
#: A young carer who does not want their school, or anyone else, to know.
_YOUNG_CARER_PRIVATE = (
    ["That's OK. It is your choice who you tell. You do not have to tell your school if you do not want to.",
     "The council's support for young carers can talk to you privately about what would help you.",
     "If you ever feel unsafe, or you are in danger, call 999."],
    ["Staff guide. The young carer does not want others to know. Reassure them it is their choice who they tell.",
     "The council's support for young carers can talk to them privately. If they are in danger, call 999."],
)

#: After the suicide reply, when the person does not know what to say: stay with them.
_STAY = (
    ["That's OK. You don't have to know what to say, or sort everything out now.",
     "Talking to someone can help. Samaritans are there any time, day or night. Call 116 123. It is free.",
     "You can also call NHS 111 and choose option 2 for mental health help.",
     "If you are in danger right now, call 999."],
    ["Staff guide. The caller is unsure what to say. Stay with them if your procedure allows, and do "
     "not rush them.",
     "Give the numbers again: Samaritans 116 123 (free, 24 hours) and NHS 111, option 2 for mental "
     "health. If anyone is in danger right now, call 999.",
     "Follow your suicide and self-harm procedure."],
)
#: A question about the safeguarding route: what happens when you tell.
_WHAT_HAPPENS = (
    ["When you tell the council, the safeguarding team will listen and may ask a few questions.",
     "They will talk with the person about what they want to happen. You do not have to sort it out on your own."],
    ["Staff guide. Explain that the safeguarding team will listen, ask a few questions and ask the "
     "person what they want to happen."],
)
#: After the self-neglect reply, when the person has turned help away before.
_STILL_HELP = (
    ["That is common with self-neglect. The safeguarding team can still help, even when someone says no "
     "to help at first."],
    ["Staff guide. Refusing help is common in self-neglect. It is still a safeguarding matter: follow your "
     "adult safeguarding procedure."],
)
_DANGER_NOW = ("If anyone is in danger right now, call 999.",
               "Staff guide. If anyone is in danger right now, tell the caller to call 999.")
_SAMARITANS_AGAIN = ("If things get too much, Samaritans are there any time, day or night. Call 116 123. It is free.",
                     "Staff guide. If things get too much, the caller can call Samaritans on 116 123 (free, 24 hours).")


def _say(words: tuple[Any, Any], mode: str) -> Any:
    return words[1] if mode == "staff" else words[0]


def safety_buttons(reply: str | None = None) -> list[dict[str, str]]:
    return [button(title, payload) for title, payload in (*REPLY_BUTTONS.get(reply or "", ()), *SAFETY_BUTTONS)]


def closing_line(mode: str) -> str:
    return ("When you are ready, I am still here." if mode == "resident"
            else "Staff guide. When it is safe to carry on, choose what to do next.")


# -- the council: the place named, else the conversation's -----------------------------------------

def _everyday_word(word: str, text: str) -> bool:
    """"bath" in "she's in the bath" is not Bath: an everyday word counts only with its capital
    letter, or as the whole message."""
    everyday = places.everyday_place_names()
    return (word.lower() in everyday and word[:1].upper() + word[1:].lower() not in text
            and text.strip(" .!?").lower() != word.lower())


def _resolve(phrase: str, text: str) -> places.Place | None:
    """A known place in a short phrase: the whole phrase or its longest run of words that is one."""
    words = phrase.split()[:6]
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if any(_everyday_word(word, text) for word in run):
                continue
            place = places.resolve_place(" ".join(run))
            if place is not None:
                return place
    return None


def place_named(tracker: Tracker) -> places.Place | None:
    """The place a typed message names for the person it is about: "she lives in loughborough",
    "dad lives in Wigston", "we live in BB11", or a place on its own ("Chorley"). A place tied to
    the person comes before the writer's own; "in the bath" is not Bath."""
    text = latest_text(tracker)[:1000]
    if not text.strip() or text.startswith("/"):
        return None
    mentions = triage.place_mentions(text)
    for owner in ("person", "writer"):
        for whose, phrase in mentions:
            place = _resolve(phrase, text) if whose == owner else None
            if place is not None:
                return place
    place = named_place(text, [v for v in entity_values(tracker, "place", "postcode") if not _everyday_word(v, text)])
    if place is None and len(text.split()) <= 4:  # "chorley", "loughborough actually", "BB11 please"
        place = _resolve(safety.normalise(text), text)
    return place


def _council_from(payload: dict[str, Any] | None) -> councils.Council | None:
    council = (payload or {}).get("council")
    slug = council.get("slug") if isinstance(council, dict) else None
    return councils.council_for_place(slug) if isinstance(slug, str) and slug else None


def _place_events(place: places.Place | None, council: councils.Council) -> list[dict[str, Any]]:
    """Set the ``council`` and ``place`` slots from a place named (not from the page or the default)."""
    if place is None or not place.council or council.is_national:
        return []
    # the place too, so a search that follows ("can he get a pendant alarm") looks there (QA N3)
    return [SlotSet("council", place.council), SlotSet("place", place.name)]


def _payload_council(council: councils.Council) -> dict[str, str]:
    return {"slug": council.slug, "name": council.name}


# -- the council's own crisis help for carers, from the directory -----------------------------------

def carers_crisis_lines(council: councils.Council, mode: str = "resident", limit: int = 1) -> list[str]:
    """Lines for the council's own (not sample) services for a carer who cannot carry on: those
    listed under both "Urgent help, crisis and safeguarding" and "Support for carers" (Lancashire's
    "Crisis support at home"). Empty when the directory has none or cannot be read."""
    if council.is_national or council.outside:
        return []
    crisis, carers = categories.get_category("crisis-safeguarding"), categories.get_category("carers-support")
    if crisis is None or carers is None:
        return []
    try:
        from directory.db import session_scope
        from directory.models import Attribute, Service
        from directory.search import service_cards

        def in_category(category: categories.Category):
            return select(Attribute.link_id).where(Attribute.taxonomy_term_id == category.term_id)

        with session_scope() as session:
            ids = session.execute(
                select(Service.id)
                .where(Service.council == council.slug, Service.status == "active", Service.is_sample.is_(False),
                       Service.id.in_(in_category(crisis)), Service.id.in_(in_category(carers)))
                .order_by(Service.category != "home-care", Service.name)
                .limit(limit)
            ).scalars().all()
            cards = service_cards(session, [(service_id, None) for service_id in ids])
    except Exception:  # noqa: BLE001 - the safety reply must never fail because the directory did
        logger.exception("could not read carers' crisis services for %s", council.slug)
        return []
    if not cards:
        return []
    lines = []
    for card in cards:
        about = str(card.get("description") or "").strip()
        about = about[:1].lower() + about[1:]
        contact = card.get("phone") or card.get("url")
        lines.append(f"{council.name} also has {card['name']}: {about}" + (f" Contact: {contact}." if contact else ""))
    return lines


# -- action_safety -----------------------------------------------------------------------------------

class ActionSafety(SignpostAction):
    action_name = "action_safety"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        mode = mode_of(tracker)
        match = safety.screen(latest_text(tracker))
        kind = match.kind if match else KIND_FOR_INTENT.get(latest_intent(tracker) or "", "emergency")
        reply = match.reply if match else kind
        place = place_named(tracker)
        council = councils.council_for_place(place) if place else council_of(tracker)
        wanted = [reply, *(match.also_replies if match else ())]
        extra = {name: carers_crisis_lines(council, mode) for name in wanted if safety.reply_kind(name) == "carer"}
        for line in safety.response(match or kind, council, mode=mode, extra=extra):
            dispatcher.utter_message(text=line)
        payload = match.to_dict() if match else {"type": "safety", "kind": kind, "rule": "classifier", "also": [],
                                                 "reply": kind}
        payload["council"] = _payload_council(council)
        if place is not None:
            payload["place"] = place.name
        dispatcher.utter_message(json_message=payload)
        buttons_for = next((name for name in wanted if name in REPLY_BUTTONS), None)
        dispatcher.utter_message(text=closing_line(mode), buttons=safety_buttons(buttons_for))
        return [ActiveLoop(None), SlotSet("requested_slot", None), *_place_events(place, council)]


# -- the turn after a safety reply -------------------------------------------------------------------

def _custom(event: dict[str, Any]) -> dict[str, Any]:
    data = event.get("data") or {}
    custom = data.get("custom") if isinstance(data, dict) else None
    return custom if isinstance(custom, dict) else {}


def last_safety_turn(tracker: Tracker) -> dict[str, Any] | None:
    """The safety (or safety follow-up) payload Signpost sent in its last turn, just before the
    latest message: {"kind", "reply", "topic", "council"}; None when its last turn was something
    else (or another action ran after it)."""
    seen_user = False
    for event in reversed(list(tracker.events or [])):
        name = event.get("event")
        if not seen_user:
            seen_user = name == "user"
            continue
        if name == "user":
            return None
        if name == "bot":
            custom = _custom(event)
            if custom.get("type") in ("safety", FOLLOW_UP_TYPE) and custom.get("kind") in safety.KINDS:
                return custom
        elif name == "action" and event.get("name") != "action_listen":
            return None  # the action that spoke last turn sent no safety payload
    return None


def safety_just_given(tracker: Tracker) -> str | None:
    """The kind of safety reply ("emergency", "suicide", "carer", "abuse") the bot gave (or followed
    up) on its last turn, just before the latest message, or None when its last turn was something else."""
    given = last_safety_turn(tracker)
    return given["kind"] if given else None


def is_reluctant(text: str) -> bool:
    """True for holding back: "I don't want to talk to anyone", "I don't want to get him in trouble"."""
    return bool(_RELUCTANT.search(safety.normalise(text)))


#: The safety route's own kind of service: "do I still need to call 111", "we rang the police".
_ROUTE_CATEGORY = "crisis-safeguarding"


def _kinds_named(tracker: Tracker, text: str) -> set[str]:
    """The kinds of service a message names, except urgent help (999, 111, the police: the route itself)."""
    named = [category_from_text(text), *(category_from_text(v) for v in entity_values(tracker, "category"))]
    return {category.slug for category in named if category is not None} - {_ROUTE_CATEGORY}


def asks_for_a_service(tracker: Tracker) -> bool:
    """A kind of service named: a new request, not the safety route. Carers named on their own
    ("it's her carer") are still about the concern; "find carers' support near me" is a request."""
    text = latest_text(tracker)
    slugs = _kinds_named(tracker, text)
    return bool(slugs - {"carers-support"}) or bool(slugs and REQUEST_WORDS.search(text))


def wants_a_search(tracker: Tracker) -> bool:
    """A kind of service asked for as a search, even with a word about a break in it: "what respite is
    there near preston", "any carers groups in Bath", "I need respite in Preston". Not "I just need a
    break" or "it's her carer"."""
    text = latest_text(tracker)
    slugs = _kinds_named(tracker, text)
    if not slugs:
        return False
    if REQUEST_WORDS.search(text) or _SERVICE_ASK.search(safety.normalise(text)):
        return True
    return bool(slugs - {"carers-support"}) and place_named(tracker) is not None


def _emergency_sort(normal: str, reply: str, topic: str | None) -> str | None:
    """After the welfare check or accidental overdose reply: "safe" (they are safe: stand down),
    "called" (help is on its way), "far" (far from the person), "fine" (seems fine after taking
    medicine by mistake: still call NHS 111), or None."""
    if reply == "welfare_check":
        if _SAFE.search(normal) and not _HEDGED.search(normal):
            return "safe"
        if _CALLED.search(normal) and not _QUESTION.search(normal):
            return "called"
        if _FAR.search(normal):
            return "far"
        if _SAFE.search(normal):  # "I'm sure he's fine": not wasting their time
            return "reluctant"
    elif reply == "accidental_overdose":
        fine = bool(_FINE.search(normal)) and not re.search(r"\b(?:not|isnt|arent|doesnt|dont|never)\b", normal)
        if fine and (_CALLED.search(normal) or topic == "called"):
            return "safe"
        if _CALLED.search(normal):
            return "called"
        if _FINE.search(normal):
            return "fine"
    return None


def what_they_said(tracker: Tracker) -> tuple[str | None, places.Place | None]:
    """(the sort of message, the place it names): "break", "reluctant", "refuses" (after the
    self-neglect reply), "safe", "called", "far", "fine" (after the welfare check or accidental
    overdose reply), "place", "asks", "tired", "unsure" or None."""
    text = latest_text(tracker)
    normal = safety.normalise(text)
    given = last_safety_turn(tracker) or {}
    search = wants_a_search(tracker)
    if _BREAK.search(normal) and not search:
        return "break", None
    if given.get("reply") in ("welfare_check", "accidental_overdose") and not search and not asks_for_a_service(tracker):
        sort = _emergency_sort(normal, str(given.get("reply")), given.get("topic"))
        if sort is not None:
            return sort, None
    if _RELUCTANT.search(normal):
        return "reluctant", None
    if search or asks_for_a_service(tracker):  # "what happens at a day centre?", "find home care in Preston"
        return None, None
    if _REFUSES.search(normal) and given.get("reply") == "self_neglect":
        return "refuses", None
    place = place_named(tracker)
    if place is not None:
        return "place", place
    if _ASKS.search(normal):
        return "asks", None
    if _TIRED.search(normal):
        return "tired", None
    if _UNSURE.search(normal) and len(normal.split()) <= _SHORT:
        return "unsure", None
    return None, None


def after_safety_reply(
    dispatcher: CollectingDispatcher, tracker: Tracker, *, only_if_reluctant: bool = False,
    any_message: bool = False,
) -> list[dict[str, Any]] | None:
    """Answer the message straight after a safety reply (or a follow-up to one) on the safety route,
    and return the events to return (ending any form and listening); None, saying nothing, when the
    message does not belong there (a new request, a button) or the last turn was not a safety reply.

    Call it first in every action a message can start (the search, the talk-it-through questions,
    the menu, explanations, carers, paying for care, the handoff, the fallback). ``any_message``
    (the fallback) answers whatever the message; ``only_if_reluctant`` only holding back. A message
    that itself screens as a safety concern is left to action_safety.
    """
    given = last_safety_turn(tracker)
    text = latest_text(tracker)
    if not text.strip() or text.startswith("/") or safety.screen(text) is not None:
        return None
    if given is None:
        return _young_carer_reply(dispatcher, tracker)
    kind = given["kind"]
    reply = given.get("reply") if given.get("reply") in safety.replies() else kind
    sort, place = what_they_said(tracker)
    if only_if_reluctant and sort != "reluctant":
        return None
    after_break = sort == "place" and given.get("topic") == "break"  # "Leicester" after the carers' breaks
    if sort not in _KEPT[kind] and not after_break and not any_message:
        return None
    if sort == "break" and kind == "emergency":
        sort = None
    mode = mode_of(tracker)
    council = councils.council_for_place(place) if place else (_council_from(given) or council_of(tracker))
    if sort in _STANDS_DOWN and kind == "emergency":
        # "he's fine, he'd just lost his phone": glad, and off the safety route (no follow-up payload)
        for line in _stand_down(reply, mode, text):
            dispatcher.utter_message(text=line)
        dispatcher.utter_message(text="Is there anything else I can help with?" if mode != "staff"
                                 else "Staff guide. Choose what to do next.", buttons=_stand_down_buttons(reply, given))
        return [ActiveLoop(None), SlotSet("requested_slot", None), FollowupAction("action_listen")]
    if after_break:
        lines, buttons = _break_lines(council, mode, kind, place), _break_buttons(place)
    elif sort == "break" or (sort == "tired" and kind == "carer"):
        lines, buttons = _break_lines(council, mode, kind), _break_buttons(None)
    else:
        lines, buttons = _on_route(kind, reply, sort, council, mode, place, text), safety_buttons(reply)
    for line in lines:
        dispatcher.utter_message(text=line)
    topic = "break" if after_break else sort
    payload = {"type": FOLLOW_UP_TYPE, "kind": kind, "reply": reply, "topic": topic,
               "council": _payload_council(council)}
    if place is not None or given.get("place"):
        payload["place"] = place.name if place is not None else given.get("place")
    dispatcher.utter_message(json_message=payload)
    dispatcher.utter_message(text=closing_line(mode), buttons=buttons)
    return [ActiveLoop(None), SlotSet("requested_slot", None), *_place_events(place, council),
            FollowupAction("action_listen")]


def follow_up(dispatcher: CollectingDispatcher, tracker: Tracker, *, only_if_reluctant: bool = False) -> bool:
    """``after_safety_reply`` as yes or no (the events are not kept): any message when called from the
    fallback, only holding back with ``only_if_reluctant`` (the handoff, so "Speak to someone" still
    reaches a person). Prefer ``after_safety_reply``, whose events set the council of a place named."""
    events = after_safety_reply(dispatcher, tracker, only_if_reluctant=only_if_reluctant,
                                any_message=not only_if_reluctant)
    return events is not None


def _on_route(kind: str, reply: str, sort: str | None, council: councils.Council, mode: str,
              place: places.Place | None, latest: str = "") -> list[str]:
    """The follow-up on the safety route itself: reassurance, the route again (for a place named,
    that place's council), or the numbers again."""
    lines: list[str] = []
    if sort == "place" and place is not None:
        lines.append(_thanks_for(place, council))
    if kind == "suicide":
        return lines + list(_say(_RELUCTANT_WORDS["suicide"] if sort == "reluctant" else _STAY, mode))
    if sort == "fine":  # "she seems fine though" after medicine taken by mistake: still call NHS 111
        return [*lines, *_say(_STILL_RING, mode)]
    if sort == "called":  # "ok the police are going round": thank them, briefly
        return [*lines, *_say(_CALLED_WORDS.get(reply) or _CALLED_WORDS["welfare_check"], mode)]
    if sort == "far":  # "I'm 200 miles away": 999 works from anywhere
        return [*lines, *_say(_FAR_WORDS, mode)]
    if kind == "emergency" and (sort is None or (sort == "reluctant" and reply not in _RELUCTANT_WORDS)):
        # "he's ok now, the ambulance came", "I don't want to make a fuss": the one thing to do
        ok = ["That's OK."] if sort == "reluctant" and mode != "staff" else []
        return [*lines, *ok, *_say(_STILL.get(reply) or _STILL["emergency"], mode)]
    if sort == "reluctant":
        lines += _say(_RELUCTANT_WORDS.get(reply) or _RELUCTANT_WORDS[kind], mode)
    elif sort == "refuses":
        lines += _say(_STILL_HELP, mode)
    if kind == "abuse":
        route = council.safeguarding_lines(mode)
        what_happens = _say(_WHAT_HAPPENS, mode) if sort not in ("place", "reluctant", "refuses") else []
        # "who do I tell?" gets who first; "what happens if I report it?" what happens first
        lines += [*route, *what_happens] if _WHO.search(safety.normalise(latest)) else [*what_happens, *route]
        lines.append(_say(_DANGER_NOW, mode))
    elif kind == "carer" and sort != "reluctant":  # who to ask for urgent help with care
        lines += [*safety.route_lines(reply, council, mode), *carers_crisis_lines(council, mode),
                  _say(_DANGER_NOW, mode), _say(_SAMARITANS_AGAIN, mode)]
    elif kind == "emergency" and sort == "place":  # "she's in Preston": what to do, and that council's route
        lines += [safety.own_lines(reply, mode)[0], *safety.route_lines(reply, council, mode)]
    elif kind == "emergency" and sort != "reluctant":
        # "what do I do?": what to do, again, in short (never the whole reply twice in a row)
        lines += safety.own_lines(reply, mode)
    return list(dict.fromkeys(lines))


def _they(text: str) -> str:
    """ "he's", "she's" or "they're", from the words of the message ("he's fine, he'd just lost his phone")."""
    words = set(safety.normalise(text).split())
    if words & {"he", "hes", "him", "his", "dad", "grandad", "husband", "brother", "son"}:
        return "he's"
    if words & {"she", "shes", "her", "mum", "nan", "wife", "sister", "daughter"}:
        return "she's"
    return "they're"


def _stand_down(reply: str, mode: str, text: str) -> list[str]:
    words = _GLAD_FINE if reply == "accidental_overdose" else _GLAD
    return [line.format(they=_they(text)) for line in _say(words, mode)]


def _stand_down_buttons(reply: str, given: dict[str, Any]) -> list[dict[str, str]]:
    if reply != "welfare_check":
        return safety_buttons()
    place = given.get("place")
    where = {"place": place} if isinstance(place, str) and place else {}
    return [button("Alarms and telecare", intent_payload("find_service", category="telecare", **where)),
            button("Back to the menu", "/help")]


def _last_turn_customs(tracker: Tracker) -> list[dict[str, Any]]:
    """The custom payloads of every bot message between the last two user messages."""
    found: list[dict[str, Any]] = []
    seen_user = False
    for event in reversed(list(tracker.events or [])):
        name = event.get("event")
        if name == "user":
            if seen_user:
                break
            seen_user = True
        elif seen_user and name == "bot" and _custom(event):
            found.append(_custom(event))
    return found


def _young_carer_reply(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """After the young carers' explainer: "I don't want my school to find out" is answered with
    reassurance (their choice who they tell), not "Sorry, I can't help with that" (QA N4)."""
    customs = _last_turn_customs(tracker)
    young = any((c.get("type") == "explanation" and c.get("slug") == "young-carers")
                or c.get("type") == "young_carer_follow_up" for c in customs)
    if not young or not _PRIVATE.search(safety.normalise(latest_text(tracker))):
        return None
    mode = mode_of(tracker)
    for line in _say(_YOUNG_CARER_PRIVATE, mode):
        dispatcher.utter_message(text=line)
    dispatcher.utter_message(json_message={"type": "young_carer_follow_up", "topic": "private"})
    dispatcher.utter_message(text=closing_line(mode), buttons=[
        button("Carers' services near me", intent_payload("find_service", category="carers-support")),
        button("Back to the menu", "/help")])
    return [FollowupAction("action_listen")]


def _thanks_for(place: places.Place, council: councils.Council) -> str:
    return (f"Thank you. {place.name} is covered by {council.name}." if not council.is_national
            else f"Thank you. Here is who to contact for {place.name}.")


def _break_lines(council: councils.Council, mode: str, kind: str, place: places.Place | None = None) -> list[str]:
    """Needing a break from caring: the carer's assessment, the council's crisis help for carers and,
    after a suicide or carer reply, Samaritans again."""
    if mode == "staff":
        lines = [f"Staff guide. The caller needs a break from caring. Tell them they can ask {council.name} "
                 "for a free carer's assessment, which looks at breaks and other help for them."]
    else:
        lines = [f"You can ask {council.name} for a carer's assessment. It is free, and looks at what would "
                 "help you, like a break."]
    if place is not None:  # the place of the person looked after, said after the carers' breaks
        lines.insert(0, _thanks_for(place, council))
    elif mode != "staff":
        lines.insert(0, "It sounds like you really need a break. That is OK, and there is help for carers.")
    lines += council.contact_lines(mode) if council.is_national or council.outside else []
    lines += carers_crisis_lines(council, mode)
    if kind in ("suicide", "carer"):
        lines.append(_say(_SAMARITANS_AGAIN, mode))
    else:
        lines.append(_say(_DANGER_NOW, mode))
    return lines


def _break_buttons(place: places.Place | None) -> list[dict[str, str]]:
    where = {"place": place.name} if place is not None and place.covered else {}
    return [
        button("Breaks and respite", intent_payload("find_service", category="respite", **where)),
        button("Carer's assessment", intent_payload("explain_topic", topic="carers-assessment")),
        button("Carers' services near me", intent_payload("find_service", category="carers-support", **where)),
        *safety_buttons(),
    ]
