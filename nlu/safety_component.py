"""A Rasa NLU component that runs the deterministic safety screen on every message.

The intent classifier may miss a message about danger, suicide or abuse, so this
component (last in the pipeline) calls ``bot.safety.screen`` on the text. When a
phrase matches, it replaces the intent with the matching safety intent at
confidence 1.0; the rules in data/rules/safety.yml then run ``action_safety``,
which interrupts any active form.

The other way round, a safety intent that only the classifier found, with less than
``classifier_threshold`` confidence ("he likes his allotment" -> abuse_report 0.6), is
turned into ``nlu_fallback``: the fallback reply still says "call 999 if someone is in
danger", and inside a form the words are kept as the answer.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.base import MessageProcessor
from nlu.fallback import set_fallback

logger = logging.getLogger(__name__)

#: SafetyMatch.kind -> the intent the dialogue rules react to. Every one of them runs action_safety,
#: which screens the text again for the words; a carer at breaking point ("I'm scared I'll snap and
#: hurt my mum") is an emergency to the rules, so it is answered at once, even inside a form.
SAFETY_INTENTS = {"emergency": "emergency", "suicide": "suicidal", "carer": "emergency", "abuse": "abuse_report"}


def safety_intent(text: str | None) -> str | None:
    """The safety intent for ``text``, or None when the screen finds nothing."""
    if not text or text.startswith("/"):
        # button payloads ("/find_service") are not typed words
        return None
    from bot import safety  # imported here so the model trains and loads even if bot/ is broken

    match = safety.screen(text)
    if match is None:
        return None
    return SAFETY_INTENTS.get(match.kind)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyScreen(MessageProcessor):
    """Overrides the predicted intent when the deterministic safety screen matches."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"classifier_threshold": 0.8}

    def process_message(self, message: Message) -> None:
        try:
            intent_name = safety_intent(message.get(TEXT))
        except Exception:  # the screen must never stop a message getting through
            logger.exception("safety screen failed")
            return
        if intent_name is None:
            self._doubt_classifier(message)
            return
        intent = {"name": intent_name, "confidence": 1.0}
        ranking = [intent] + [
            {**item, "confidence": 0.0}
            for item in message.get(INTENT_RANKING_KEY) or []
            if item.get("name") != intent_name
        ]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

    def _doubt_classifier(self, message: Message) -> None:
        intent = message.get(INTENT) or {}
        text = message.get(TEXT) or ""
        if (intent.get("name") in SAFETY_INTENTS.values() and not text.startswith("/")
                and (intent.get("confidence") or 0.0) < self.config["classifier_threshold"]):
            set_fallback(message)
