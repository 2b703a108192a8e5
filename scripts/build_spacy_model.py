"""Build Signpost's small spaCy pipeline for Rasa's spaCy components.

No pretrained spaCy model can be downloaded, so this builds one: a blank English
pipeline with an entity ruler that knows the directory's places (from
directory/data/places.csv), its categories and their everyday words (from
directory/data/categories.yml) and the shape of UK postcodes. Rasa loads it
through SpacyNLP (``model: models/spacy/signpost_en``) and SpacyEntityExtractor
returns the PLACE, POSTCODE and CATEGORY labels.

    python scripts/build_spacy_model.py [--out models/spacy/signpost_en]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

from directory import categories, places  # noqa: E402

DEFAULT_OUT = ROOT / "models" / "spacy" / "signpost_en"

# A full postcode split by spaCy's tokenizer into outward + inward ("PR1 2AB"),
# a full postcode written without the space ("PR12AB") and an outward code alone
# with two letters ("PR1", "LE11", "DN31"). Case-insensitive.
OUTWARD = r"(?i)^[a-z]{1,2}[0-9][a-z0-9]?$"
INWARD = r"(?i)^[0-9][a-z]{2}$"
POSTCODE_PATTERNS = [
    {"label": "POSTCODE", "pattern": [{"TEXT": {"REGEX": OUTWARD}}, {"TEXT": {"REGEX": INWARD}}]},
    {"label": "POSTCODE", "pattern": [{"TEXT": {"REGEX": r"(?i)^[a-z]{1,2}[0-9][a-z0-9]?[0-9][a-z]{2}$"}}]},
    {"label": "POSTCODE", "pattern": [{"TEXT": {"REGEX": r"(?i)^[a-z]{2}[0-9][a-z0-9]?$"}}]},
]


def place_patterns() -> list[dict]:
    """One pattern per place name the directory knows, in any case, except place names that are
    also everyday words ("I can't get in the bath"): those count only with a capital letter."""
    names = sorted({name.strip() for name in places.all_place_names() if name and name.strip()})
    everyday = {word.lower() for word in places.everyday_place_names()}
    patterns = []
    for name in names:
        if name.lower() in everyday:
            pattern: str | list[dict] = [{"ORTH": word} for word in name.split()]
        else:
            pattern = name
        patterns.append({"label": "PLACE", "pattern": pattern, "id": name})
    return patterns


def category_patterns() -> list[dict]:
    """One phrase pattern per category name and everyday synonym, with the slug as id."""
    patterns = []
    seen: set[str] = set()
    for category in categories.all_categories():
        for phrase in [category.name, *(category.synonyms or [])]:
            text = " ".join(str(phrase).split())
            if text and text.lower() not in seen:
                seen.add(text.lower())
                patterns.append({"label": "CATEGORY", "pattern": text, "id": category.slug})
    return patterns


def build(out: Path = DEFAULT_OUT) -> Path:
    """Write the pipeline to ``out`` and return the path."""
    nlp = spacy.blank("en")
    nlp.meta["name"] = "signpost_en"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Signpost entity ruler: directory places, categories and UK postcodes"
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    # postcodes first: a postcode wins over anything else on the same tokens
    ruler.add_patterns(POSTCODE_PATTERNS + category_patterns() + place_patterns())
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the pipeline")
    args = parser.parse_args(argv)
    path = build(args.out)
    print(f"wrote spaCy pipeline to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
