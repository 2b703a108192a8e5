"""A Rasa NLU component that turns the spaCy entity ruler's labels into Signpost's
entities and removes duplicates.

Three extractors can find the same words: DIET (learned from the training data), the
project spaCy pipeline's entity ruler (directory place names, category words and UK
postcode shapes; labels PLACE, CATEGORY, POSTCODE) and the postcode regex. This
component renames the ruler's labels to ``place``, ``category`` and ``postcode`` and,
where two entities of the same type overlap, keeps the longer one (the first on a tie),
so slots and evaluation see one entity per mention. Runs before EntitySynonymMapper.
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
            message.set(ENTITIES, merge_entities(entities, self.config["labels"]), add_to_output=True)
