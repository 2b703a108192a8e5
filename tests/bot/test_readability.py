"""Readability of everything the assistant says from bot/ data files.

Checks short sentences, no unexplained jargon for residents, UK spelling, and that
phrase lists parse as text (YAML reads a bare `no` as False).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.datafiles import CONTENT_DIR, load_yaml

MAX_WORDS = 25
JARGON = [
    "service user", "service users", "referral", "refer", "referred", "eligible needs", "eligibility criteria",
    "domiciliary", "statutory", "commissioning", "commissioned", "provision", "utilise", "facilitate",
    "in receipt of", "signposting", "care package", "package of care", "safeguarding concern is raised",
    "interventions", "multi-disciplinary", "mdt", "dst", "la ", "asc ",
]
# The word may appear when the same text explains it in plain words.
EXPLAINED = {"safeguarding": "abuse or neglect"}
US_SPELLINGS = [
    "program", "programs", "center", "centers", "color", "colors", "organization", "organize", "organized",
    "behavior", "favor", "favorite", "neighbor", "neighbors", "labor", "honor", "mom", "license", "catalog",
    "aging", "caregiver", "caregivers", "gray", "zip code", "vacation", "apartment", "realize", "recognize",
    "specialized", "personalized", "analyze", "fulfill", "enrollment", "check-up", "counselor",
]


def _texts(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _content_texts() -> Iterator[tuple[str, str, str]]:
    for path in sorted(CONTENT_DIR.glob("*.yml")):
        data = load_yaml(path)
        for topic in [*data.get("topics", []), *data.get("answers", [])]:
            for key in ("summary", "paragraphs", "how_to_get"):
                for text in _texts(topic.get(key)):
                    yield f"{path.name}:{topic['slug']}:{key}", "resident", text
            for fact in topic.get("facts", []):
                yield f"{path.name}:{topic['slug']}:fact", "resident", fact["text"]


def _wording_texts() -> Iterator[tuple[str, str, str]]:
    for key, entry in load_yaml("wording.yml")["messages"].items():
        for mode, text in entry.items():
            yield f"wording.yml:{key}", mode, text


def _safety_texts() -> Iterator[tuple[str, str, str]]:
    """Every line a safety reply shows: the resident and staff lines, and the `route_intro` and `after`
    lines by mode (`route` names a council field, it is not text)."""
    for kind, parts in load_yaml("safety.yml")["responses"].items():
        for key, value in parts.items():
            if key == "route":
                continue
            by_mode = value if key in ("route_intro", "after") else {key: value}
            for mode, lines in by_mode.items():
                for text in [lines] if isinstance(lines, str) else lines:
                    yield f"safety.yml:{kind}:{key}", mode, text


def _triage_texts() -> Iterator[tuple[str, str, str]]:
    data = load_yaml("triage.yml")
    for question in data["questions"]:
        for mode in ("resident", "staff"):
            yield f"triage.yml:{question['id']}", mode, question[mode]
        for option in question.get("options", []):
            yield f"triage.yml:{question['id']}:option", "resident", option["title"]
    for slug, text in data["category_reasons"].items():
        yield f"triage.yml:reason:{slug}", "resident", text
    for outcome in data["outcomes"]:
        yield f"triage.yml:{outcome['id']}:label", "resident", outcome["label"]
        yield f"triage.yml:{outcome['id']}:long_label", "resident", outcome["long_label"]


def _council_texts() -> Iterator[tuple[str, str, str]]:
    for slug, council in load_yaml("councils.yml")["councils"].items():
        for route in ("adult_social_care", "safeguarding", "out_of_hours"):
            how = (council.get(route) or {}).get("how")
            if how:
                yield f"councils.yml:{slug}:{route}", "resident", how["value"]
        for contact in council.get("other_contacts", []):
            yield f"councils.yml:{slug}:other", "resident", contact["purpose"]
        if council["website"].get("note"):
            yield f"councils.yml:{slug}:note", "resident", council["website"]["note"]


ALL = [*_content_texts(), *_wording_texts(), *_safety_texts(), *_triage_texts(), *_council_texts()]


def _sentences(text: str) -> list[str]:
    text = re.sub(r"https?://\S+|www\.\S+", "link", " ".join(text.split()))
    return [s for s in re.split(r"(?<=[.!?:])\s+", text) if s.strip()]


def test_there_is_a_lot_to_check():
    assert len(ALL) > 150


@pytest.mark.parametrize("where, mode, text", ALL, ids=[w for w, _, _ in ALL])
def test_sentences_are_short(where, mode, text):
    for sentence in _sentences(text):
        assert len(sentence.split()) <= MAX_WORDS, f"{where}: {sentence}"


@pytest.mark.parametrize("where, mode, text", [t for t in ALL if t[1] == "resident"],
                         ids=[w for w, m, _ in ALL if m == "resident"])
def test_resident_text_has_no_unexplained_jargon(where, mode, text):
    lowered = f" {' '.join(text.lower().split())} "
    for word in JARGON:
        assert not re.search(rf"(?<![\w-]){re.escape(word.strip())}(?![\w-])", lowered), f"{where}: '{word}'"
    for word, explanation in EXPLAINED.items():
        if word in lowered:
            assert explanation in lowered, f"{where}: '{word}' used without '{explanation}'"


@pytest.mark.parametrize("where, mode, text", ALL, ids=[w for w, _, _ in ALL])
def test_uk_spelling(where, mode, text):
    lowered = text.lower()
    for word in US_SPELLINGS:
        assert not re.search(rf"\b{re.escape(word)}\b", lowered), f"{where}: US spelling '{word}'"


@pytest.mark.parametrize("name", ["safety.yml", "triage.yml", "amounts.yml"])
def test_phrase_lists_are_all_text(name):
    """A bare `no`, `yes`, `on` or `off` in YAML becomes a boolean and silently breaks matching."""

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str), f"{name}:{path}: key {key!r} is not text"
                walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for item in value:
                assert not isinstance(item, bool), f"{name}:{path}: {item!r} should be quoted"
                walk(item, path)

    walk(load_yaml(name), "")
