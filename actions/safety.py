"""action_safety: the reply to danger, suicidal thoughts or abuse. Ends any active form."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import SignpostAction, button, council_of, latest_intent, latest_text, mode_of
from bot import safety

#: What to say when the classifier (not the phrase screen) found the concern.
KIND_FOR_INTENT = {"emergency": "emergency", "suicidal": "suicide", "abuse_report": "abuse"}


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
        dispatcher.utter_message(
            text="When you are ready, I am still here." if mode_of(tracker) == "resident"
            else "Staff guide. When it is safe to carry on, choose what to do next.",
            buttons=[button("Speak to someone", "/human_handoff"), button("Back to the menu", "/help")],
        )
        return [ActiveLoop(None), SlotSet("requested_slot", None)]
