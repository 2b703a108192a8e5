"""Turn a message's intent into ``nlu_fallback`` the way Rasa's FallbackClassifier does.

The fallback intent goes on top of the intent ranking, with the classifier's own ranking kept
below it. Rasa's evaluation (``rasa test nlu``) reverts a fallback by taking the second entry of
the ranking, so keeping this shape means the report scores the classifier's real prediction.
"""

from __future__ import annotations

from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


def set_fallback(message: Message) -> None:
    """Make ``nlu_fallback`` the message's intent, keeping the classifier's ranking below it."""
    intent = message.get(INTENT) or {}
    fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": intent.get("confidence") or 0.0}
    ranking = [item for item in message.get(INTENT_RANKING_KEY) or []
               if item.get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME]
    message.set(INTENT, fallback, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
