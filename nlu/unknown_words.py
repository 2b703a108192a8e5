"""A Rasa NLU component that sends messages made of words it has never seen to the fallback.

DIET can be very sure about text that means nothing ("asdfgh qwerty zxcv" -> find_service
1.0). This component learns the words of the training data; when fewer than
``min_known`` of a message's words (three letters or more) are known and no entity was
found, the intent becomes ``nlu_fallback``, so the person gets "Sorry, I didn't
understand" and the menu. So does a message with no letters or digits at all ("?", an
emoji on its own), which DIET would otherwise read as some intent. Typed payloads ("/find_service") are left alone. The safety
screen runs after this component, so danger words always win.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.fallback import set_fallback

WORD = re.compile(r"[a-z]{3,}")
FILE = "vocabulary.json"


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("'", ""))


def looks_unknown(text: str, vocabulary: set[str], min_known: float) -> bool:
    """True when too few of the words in ``text`` are in ``vocabulary``, or when it holds
    no letters or digits at all ("?", "...", an emoji on its own)."""
    if text.startswith("/"):
        return False
    if text.strip() and not any(ch.isalnum() for ch in text):
        return True
    found = words(text)
    if not found:
        return False
    known = sum(1 for word in found if word in vocabulary)
    return known / len(found) < min_known


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsGuard(GraphComponent):
    """Turns messages made of unknown words (and with no entities) into nlu_fallback."""

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 vocabulary: set[str] | None = None) -> None:
        self.config = config
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary or set()

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"min_known": 0.34}

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> UnknownWordsGuard:
        return cls({**cls.get_default_config(), **config}, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        for example in training_data.training_examples:
            self.vocabulary.update(words(example.get(TEXT) or ""))
        for values in training_data.lookup_tables:
            for element in values.get("elements") or []:
                self.vocabulary.update(words(str(element)))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / FILE).write_text(json.dumps(sorted(self.vocabulary)), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> UnknownWordsGuard:
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = set(json.loads((directory / FILE).read_text(encoding="utf-8")))
        except (ValueError, FileNotFoundError):
            vocabulary = set()
        return cls({**cls.get_default_config(), **config}, model_storage, resource, vocabulary)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if not self.vocabulary or any(self._vouches(entity, message) for entity in message.get(ENTITIES) or []):
                continue
            if looks_unknown(message.get(TEXT) or "", self.vocabulary, self.config["min_known"]):
                set_fallback(message)
        return messages

    def _vouches(self, entity: dict[str, Any], message: Message) -> bool:
        """An entity keeps a message of unknown words out of the fallback when a rule found it (the
        spaCy ruler, the postcode regex) or its words are known: DIET alone tags "zxcv" in
        "asdfgh qwerty zxcv" as a place, which is not a reason to search."""
        if entity.get("extractor") != "DIETClassifier":
            return True
        text = message.get(TEXT) or ""
        start, end = entity.get("start"), entity.get("end")
        span = text[start:end] if isinstance(start, int) and isinstance(end, int) else str(entity.get("value") or "")
        return any(word in self.vocabulary for word in words(span))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
