"""action_safety: the reply to danger, suicidal thoughts or abuse. Ends any active form.

Also ``follow_up``: a gentle reply for the turn straight after a safety reply, when the person
holds back ("I don't want to talk to anyone", "I don't want to get him in trouble"). The
fallback and the handoff call it first, so such a message does not start a search, the
talk-it-through questions or a council handoff. It reads the conversation's events (the
``{"type": "safety"}`` payload action_safety sends), so it needs no slot and no retraining.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import SignpostAction, button, council_of, latest_intent, latest_text, mode_of
from bot import safety

#: What to say when the classifier (not the phrase screen) found the concern.
KIND_FOR_INTENT = {"emergency": "emergency", "suicidal": "suicide", "abuse_report": "abuse"}

SAFETY_BUTTONS = (("Speak to someone", "/human_handoff"), ("Back to the menu", "/help"))

#: Holding back after a safety reply: "I don't want to talk to anyone", "not ready", "no thanks",
#: "I don't want to get him in trouble", "she'd kill me if I told", "I can't tell anyone".
_RELUCTANT = re.compile(
    r"\b(?:(?:dont|do not|doesnt|didnt|not|never|wont|wouldnt|rather not|id rather not|prefer not)"
    r" (?:\w+ )?(?:want|wanna|ready|feel ready|like|to talk|talk|tell|say|ring|call|phone|speak)"
    r"|no thanks?|leave it|forget it|not yet|not now|rather not|in trouble|into trouble|get (?:him|her|them) into"
    r"|cant tell|couldnt tell|cant talk|couldnt talk|scared to|frightened to|afraid to|too scared|too embarrassed"
    r"|ashamed|my fault|(?:hell|shell|theyll|hed|shed|theyd) (?:kill|go mad|be angry|find out)|no one (?:can|will) help"
    r"|nobody (?:can|will) help|whats the point|no point|leave me alone)\b"
)

_FOLLOW_UP = {
    "suicide": {
        "resident": [
            "That's OK. You don't have to talk to anyone until you feel ready.",
            "If that changes, Samaritans are there any time, day or night. Call 116 123. It is free.",
            "You can also call NHS 111 and choose option 2 for mental health help.",
            "If you are in danger right now, call 999.",
        ],
        "staff": [
            "Staff guide. The caller does not want to talk to anyone yet. Do not push, and stay with them "
            "if your procedure allows.",
            "Give the numbers again: Samaritans 116 123 (free, 24 hours) and NHS 111, option 2 for "
            "mental health. If anyone is in danger right now, call 999.",
            "Follow your suicide and self-harm procedure.",
        ],
    },
    "abuse": {
        "resident": [
            "That's OK. It can be very hard to talk about, especially when it is someone you care about.",
            "Asking for advice does not take things out of your hands. The safeguarding team will listen "
            "to what you want, and you keep a say in what happens.",
            "You can ring them just to talk it over and ask what would happen next.",
        ],
        "staff": [
            "Staff guide. The caller is worried about what happens if they tell. Reassure them: the "
            "safeguarding team will listen to what they want, and they keep a say in what happens.",
            "Follow your adult safeguarding procedure, and record what the caller said, in their words.",
        ],
    },
    "emergency": {
        "resident": [
            "That's OK. If someone is still in danger or badly hurt, please call 999 now.",
        ],
        "staff": [
            "Staff guide. If anyone is still in danger or badly hurt, tell the caller to call 999 now, "
            "or follow your emergency procedure.",
        ],
    },
}


def safety_buttons() -> list[dict[str, str]]:
    return [button(title, payload) for title, payload in SAFETY_BUTTONS]


def closing_line(mode: str) -> str:
    return ("When you are ready, I am still here." if mode == "resident"
            else "Staff guide. When it is safe to carry on, choose what to do next.")


class ActionSafety(SignpostAction):
    action_name = "action_safety"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        match = safety.screen(latest_text(tracker))
        kind = match.kind if match else KIND_FOR_INTENT.get(latest_intent(tracker) or "", "emergency")
        council = council_of(tracker)
        for line in safety.response(match or kind, council, mode=mode_of(tracker)):
            dispatcher.utter_message(text=line)
        payload = match.to_dict() if match else {"type": "safety", "kind": kind, "rule": "classifier", "also": []}
        payload["council"] = {"slug": council.slug, "name": council.name}
        dispatcher.utter_message(json_message=payload)
        dispatcher.utter_message(text=closing_line(mode_of(tracker)), buttons=safety_buttons())
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


def _custom(event: dict[str, Any]) -> dict[str, Any]:
    data = event.get("data") or {}
    custom = data.get("custom") if isinstance(data, dict) else None
    return custom if isinstance(custom, dict) else {}


def safety_just_given(tracker: Tracker) -> str | None:
    """The kind of safety reply ("emergency", "suicide", "abuse") the bot gave on its last turn,
    just before the latest message, or None when its last turn was something else."""
    events = list(tracker.events or [])
    seen_user = False
    for event in reversed(events):
        name = event.get("event")
        if not seen_user:
            seen_user = name == "user"
            continue
        if name == "bot":
            kind = _custom(event).get("kind")
            if _custom(event).get("type") == "safety" and kind in safety.KINDS:
                return kind
        elif name == "action":
            if event.get("name") not in ("action_listen", "action_safety"):
                return None
            if event.get("name") == "action_safety":
                return None  # action_safety ran but sent no payload we can read
        elif name == "user":
            return None
    return None


def is_reluctant(text: str) -> bool:
    """True for holding back: "I don't want to talk to anyone", "I don't want to get him in trouble"."""
    return bool(_RELUCTANT.search(safety.normalise(text)))


def follow_up(dispatcher: CollectingDispatcher, tracker: Tracker, *, only_if_reluctant: bool = False) -> bool:
    """Answer the message straight after a safety reply gently, and return True; else say nothing
    and return False.

    Call it first in the fallback (any message) and in the handoff (``only_if_reluctant=True``, so
    that "Speak to someone" still reaches a person). A message that itself screens as a safety
    concern is left to action_safety. Suicide: keeps Samaritans 116 123, NHS 111 and 999.
    Abuse: the person keeps a say, can talk it over with the council's safeguarding team (whose
    route is repeated), and 999 if anyone is in danger now.
    """
    kind = safety_just_given(tracker)
    text = latest_text(tracker)
    if kind is None or safety.screen(text) is not None:
        return False
    if only_if_reluctant and not is_reluctant(text):
        return False
    mode = mode_of(tracker)
    lines = list(_FOLLOW_UP[kind][mode])
    if kind == "abuse":
        lines.extend(council_of(tracker).safeguarding_lines(mode))
        lines.append("If anyone is in danger right now, call 999.")
    for line in lines:
        dispatcher.utter_message(text=line)
    dispatcher.utter_message(text=closing_line(mode), buttons=safety_buttons())
    return True
