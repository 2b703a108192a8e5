"""A Rasa NLU component that turns the spaCy entity ruler's labels into Signpost's
entities and removes duplicates.

Three extractors can find the same words: DIET (learned from the training data), the
project spaCy pipeline's entity ruler (directory place names, category words and UK
postcode shapes; labels PLACE, CATEGORY, POSTCODE) and the postcode regex. This
component renames the ruler's labels to ``place``, ``category`` and ``postcode`` and,
where two entities of the same type overlap, keeps the longer one (the first on a tie),
so slots and evaluation see one entity per mention. A place name that is also an everyday
word, written in lower case straight after "the", "a", "my" and the like ("what about in the
bath", "her wells") is not a place and is dropped: DIET learned "in <place>" and would otherwise
read "in the bath" as Bath ("i live in bath" keeps it). Runs before EntitySynonymMapper.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
)
from rasa.shared.nlu.training_data.message import Message

from directory import places
from nlu.base import MessageProcessor

DEFAULT_LABELS = {"PLACE": "place", "POSTCODE": "postcode", "CATEGORY": "category"}


def merge_entities(entities: list[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Rename ruler labels and drop overlapping entities of the same type (longer span wins)."""
    renamed = [{**e, ENTITY_ATTRIBUTE_TYPE: labels.get(e.get(ENTITY_ATTRIBUTE_TYPE), e.get(ENTITY_ATTRIBUTE_TYPE))}
               for e in entities]
    kept: list[dict[str, Any]] = []
    for entity in renamed:
        clash = next((k for k in kept if _same_type_overlap(k, entity)), None)
        if clash is None:
            kept.append(entity)
        elif _length(entity) > _length(clash):
            kept[kept.index(clash)] = entity
    return sorted(kept, key=lambda e: e.get(ENTITY_ATTRIBUTE_START, 0))


#: words after which an everyday place word ("bath", "wells") is the everyday thing, not the place
NOT_BEFORE_A_PLACE = frozenset({"the", "a", "an", "my", "his", "her", "their", "our", "your", "own", "its"})


def drop_everyday_words(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """Leave out ``place`` entities like the "bath" in "in the bath" (see the module docstring)."""
    everyday = places.everyday_place_names()

    def everyday_thing(entity: dict[str, Any]) -> bool:
        start, end = int(entity.get(ENTITY_ATTRIBUTE_START, 0)), int(entity.get(ENTITY_ATTRIBUTE_END, 0))
        word = text[start:end]
        if entity.get(ENTITY_ATTRIBUTE_TYPE) != "place" or word.lower() not in everyday or word[:1].isupper():
            return False
        before = text[:start].split()
        return bool(before) and before[-1].lower() in NOT_BEFORE_A_PLACE

    return [entity for entity in entities if not everyday_thing(entity)]


def _length(entity: dict[str, Any]) -> int:
    return int(entity.get(ENTITY_ATTRIBUTE_END, 0)) - int(entity.get(ENTITY_ATTRIBUTE_START, 0))


def _same_type_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get(ENTITY_ATTRIBUTE_TYPE) != b.get(ENTITY_ATTRIBUTE_TYPE):
        return False
    return a.get(ENTITY_ATTRIBUTE_START, 0) < b.get(ENTITY_ATTRIBUTE_END, 0) and b.get(
        ENTITY_ATTRIBUTE_START, 0
    ) < a.get(ENTITY_ATTRIBUTE_END, 0)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class EntityMerger(MessageProcessor):
    """Maps spaCy ruler labels to Rasa entities and de-duplicates overlapping entities."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"labels": dict(DEFAULT_LABELS)}

    def process_message(self, message: Message) -> None:
        entities = message.get(ENTITIES) or []
        if entities:
            merged = merge_entities(entities, self.config["labels"])
            message.set(ENTITIES, drop_everyday_words(merged, message.get("text") or ""), add_to_output=True)
