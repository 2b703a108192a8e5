"""Ruler labels become Signpost's entities, one entity per mention."""

from nlu.entity_merger import DEFAULT_LABELS, merge_entities


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
