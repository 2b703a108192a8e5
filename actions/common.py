"""Helpers every action shares: who we are talking to (resident or staff), which
council applies, what the latest message held, and how to build buttons."""

from __future__ import annotations

import functools
import json
import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecutionRejected
from rasa_sdk.executor import CollectingDispatcher

from bot import content, councils

logger = logging.getLogger(__name__)

SAFETY_INTENTS = ("emergency", "suicidal", "abuse_report")
#: "Skip" on a question: the same as "I'd rather not say".
SKIP_BUTTON = ("Skip", "/decline")
MODES = ("resident", "staff")

#: The main menu offered after greetings, help and fallbacks.
MAIN_MENU = (
    ("Find a local service", "/find_service"),
    ("Talk it through", "/describe_needs"),
    ("Help for carers", "/carer_support"),
    ("Paying for care", "/paying_for_care"),
    ("Speak to someone", "/human_handoff"),
)


def mode_of(tracker: Tracker) -> str:
    """"staff" when this message's metadata (or an earlier one, kept in the slot) says so."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    mode = metadata.get("mode") if isinstance(metadata, dict) else None
    if mode in MODES:
        return mode
    return "staff" if tracker.get_slot("mode") == "staff" else "resident"


def is_staff(tracker: Tracker) -> bool:
    return mode_of(tracker) == "staff"


def council_of(tracker: Tracker) -> councils.Council:
    """The council profile for this conversation: from a place the person gave (the ``council``
    slot), else the council of the page the chat is on (message metadata ``council``, as the web
    widget sends it from ``data-council``), else the deployment default."""
    slug = tracker.get_slot("council")
    if slug:
        return councils.council_for_place(slug)
    return page_council(tracker) or councils.default_council()


def page_council(tracker: Tracker) -> councils.Council | None:
    """The known council named in the latest message's metadata ({"council": "leicestershire"}), or
    in the most recent earlier user message that had one; None if none names a council we cover."""
    candidates = [(tracker.latest_message or {}).get("metadata")]
    candidates += [event.get("metadata") for event in reversed(tracker.events or []) if event.get("event") == "user"]
    for metadata in candidates:
        slug = metadata.get("council") if isinstance(metadata, dict) else None
        if not isinstance(slug, str) or not slug.strip():
            continue
        try:
            council = councils.get_council(slug.strip()[:80])
        except councils.UnknownCouncil:
            return None  # an unknown council on the page: the default, not an older message's
        return None if council.is_national else council
    return None


def latest_intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def entity_values(tracker: Tracker, *names: str) -> list[str]:
    """Values of the latest message's entities with any of ``names``, in order."""
    found = []
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") in names and entity.get("value") not in (None, ""):
            found.append(str(entity["value"]))
    return found


def button(title: str, payload: str) -> dict[str, str]:
    return {"title": title, "payload": payload}


def intent_payload(intent: str, **entities: Any) -> str:
    """A button payload that sets an intent (and entities) without going through the NLU."""
    return f"/{intent}" + (json.dumps(entities) if entities else "")


def menu_buttons(*skip: str) -> list[dict[str, str]]:
    return [button(title, payload) for title, payload in MAIN_MENU if payload not in skip]


def guide(tracker: Tracker, resident: str, staff: str | None = None) -> str:
    """The resident wording, or the staff guided-script wording in staff mode."""
    if is_staff(tracker):
        return staff or f"Staff guide. {resident}"
    return resident


class SignpostAction(Action):
    """A custom action named by ``action_name`` whose reply is written by ``respond``.

    An action a message can start (``safety_first = True``) first lets ``actions.safety`` answer
    a message that follows a safety reply on the safety route ("she's in Chorley", "who do I tell?",
    "I don't want to get him in trouble", "I don't know" after the Samaritans reply)."""

    action_name = ""
    safety_first = False

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if self.safety_first:
            from actions.safety import after_safety_reply  # here: actions.safety imports this module

            events = after_safety_reply(dispatcher, tracker)
            if events is not None:
                return events
        return self.respond(dispatcher, tracker)

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        raise NotImplementedError


class SlotQuestion(Action):
    """``action_ask_<slot>``: asks a form's question; subclasses set ``slot`` and write ``question``."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text, buttons = self.question(tracker)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []

    def question(self, tracker: Tracker) -> tuple[str, list[dict[str, str]]]:
        raise NotImplementedError


def keep_none(method):
    """For a FormValidationAction's ``validate_<slot>``: a slot being cleared (value None, as when a
    journey starts afresh) stays empty without a message; only real answers are checked."""

    @functools.wraps(method)
    async def wrapper(self, value, dispatcher, tracker, domain):
        if value is None:
            return {method.__name__.removeprefix("validate_"): None}
        return await method(self, value, dispatcher, tracker, domain)

    return wrapper


# A message that asks for something new, rather than answering the form's question: an
# intent of another journey plus request words ("show me", "what is", "find"...). Plain
# answers such as "care home" or "meals and cleaning" have no request words, so they stay
# answers even when the classifier files them under find_service.
NEW_REQUEST_INTENTS = ("find_service", "explain_topic", "paying_for_care", "carer_support")
REQUEST_WORDS = re.compile(
    r"\b(find|show me|search|look(?:ing)? for|is there|are there|where can|where is|near me|"
    r"what(?:'s| is| are| does)|tell me about|explain|instead)\b",
    re.IGNORECASE,
)


def asks_for_something_new(tracker: Tracker, intents: tuple[str, ...] = NEW_REQUEST_INTENTS) -> bool:
    """True when the latest message inside a form is a new request, not an answer."""
    return latest_intent(tracker) in intents and bool(REQUEST_WORDS.search(latest_text(tracker)))


class LeavesFormOnNewRequest:
    """Mixin for a FormValidationAction: a new request rejects the form (the request's own
    rule then runs) instead of being stored as the answer to the current question."""

    #: the intents that, with request words, leave this form
    new_request_intents: tuple[str, ...] = NEW_REQUEST_INTENTS

    async def run(self, dispatcher, tracker, domain):
        if tracker.get_slot("requested_slot") and asks_for_something_new(tracker, self.new_request_intents):
            # named after the form (not its validation action), so Rasa marks the loop as rejected
            # and the new request's own rule runs; naming the validation action made Rasa predict
            # the form again and again
            return [ActionExecutionRejected(self.form_name())]
        return await super().run(dispatcher, tracker, domain)


def bot_turn_before(tracker: Tracker) -> tuple[list[dict[str, Any]], str | None]:
    """(the bot's messages between the previous user message and the latest one, the previous user
    message's text)."""
    bots: list[dict[str, Any]] = []
    users = 0
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return bots, str(event.get("text") or "")
        elif event.get("event") == "bot" and users == 1:
            bots.append(event)
    return bots, None


def last_subject(tracker: Tracker, within_turns: int = 2) -> str | None:
    """The slug of the topic or kind of service Signpost explained or searched for in the last few
    turns, if any (from the ``explanation`` and ``service_cards`` payloads)."""
    users = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users > within_turns:
                return None
        elif event.get("event") == "bot":
            custom = (event.get("data") or {}).get("custom")
            if not isinstance(custom, dict):
                continue
            if custom.get("type") == "explanation" and custom.get("slug"):
                return str(custom["slug"])
            category = custom.get("category") if custom.get("type") == "service_cards" else None
            if isinstance(category, dict) and category.get("slug"):
                return str(category["slug"])
    return None


def explained_just_before(
    tracker: Tracker, question: re.Pattern[str], within_turns: int = 2, max_length: int = 80
) -> content.Explanation | None:
    """The explanation of what was explained or searched for in the last few turns, when the
    latest message is a short follow-up matching ``question`` ("how do I apply for it?", "is it
    free?"); else None."""
    text = latest_text(tracker)
    if len(text) >= max_length or not question.match(text):
        return None
    slug = last_subject(tracker, within_turns)
    return content.explain_or_none(slug) if slug else None
