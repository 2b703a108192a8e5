"""Ruler labels become Signpost's entities, one entity per mention."""

import pytest

from nlu.entity_merger import DEFAULT_LABELS, drop_everyday_words, merge_entities


def ent(kind, start, end, value, extractor="DIETClassifier"):
    return {"entity": kind, "start": start, "end": end, "value": value, "extractor": extractor}


def test_ruler_labels_are_renamed():
    merged = merge_entities([ent("PLACE", 0, 7, "Preston", "SpacyEntityExtractor")], DEFAULT_LABELS)
    assert merged == [ent("place", 0, 7, "Preston", "SpacyEntityExtractor")]


def test_overlapping_entities_of_one_type_keep_the_longest():
    entities = [ent("place", 10, 16, "Lytham"), ent("PLACE", 10, 25, "Lytham St Annes", "SpacyEntityExtractor")]
    assert [e["value"] for e in merge_entities(entities, DEFAULT_LABELS)] == ["Lytham St Annes"]


def test_a_tie_keeps_the_first_and_other_types_are_kept():
    entities = [ent("category", 0, 10, "day centre"), ent("CATEGORY", 0, 10, "day centre", "Spacy"),
                ent("postcode", 14, 21, "PR1 2HE"), ent("postcode", 14, 21, "PR1 2HE", "RegexEntityExtractor"),
                ent("relation", 25, 28, "mum")]
    merged = merge_entities(entities, DEFAULT_LABELS)
    assert [(e["entity"], e["extractor"]) for e in merged] == [
        ("category", "DIETClassifier"), ("postcode", "DIETClassifier"), ("relation", "DIETClassifier")]


def place_in(text, word):
    start = text.index(word)
    return ent("place", start, start + len(word), word)


@pytest.mark.parametrize("text, word", [
    ("what about in the bath", "bath"),
    ("she can't get in the bath", "bath"),
    ("he needs a bath every day", "bath"),
    ("help getting in and out of her bath", "bath"),
    ("water from the wells", "wells"),
])
def test_an_everyday_word_after_the_or_a_is_not_a_place(text, word):
    assert drop_everyday_words([place_in(text, word), ent("relation", 0, 1, "x")], text) == [ent("relation", 0, 1, "x")]


@pytest.mark.parametrize("text, word", [
    ("i live in bath", "bath"),
    ("bath", "bath"),
    ("what about in Bath", "Bath"),
    ("care homes near the Bath area", "Bath"),
    ("day centres in the preston area", "preston"),
])
def test_a_place_stays_a_place(text, word):
    entity = place_in(text, word)
    assert drop_everyday_words([entity], text) == [entity]


def test_only_places_are_dropped():
    text = "she needs a bath"
    category = {**place_in(text, "bath"), "entity": "category"}
    assert drop_everyday_words([category], text) == [category]
