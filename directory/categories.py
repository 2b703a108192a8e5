"""The service categories, their plain-English descriptions and everyday synonyms.

Data: ``directory/data/categories.yml``. Loaded once and cached.
"""

from __future__ import annotations

import difflib
import re
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "categories.yml"
NAMESPACE = uuid.UUID("5b8f3c2e-6a57-4f0c-9d0e-2f4c5a9b7e11")
TAXONOMY_ID = str(uuid.uuid5(NAMESPACE, "taxonomy:signpost-categories"))


@dataclass(frozen=True)
class CostFact:
    figure: str
    year: str
    source: str


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    summary: str
    description: str
    who_for: str
    how_to_get: str
    cost: str
    synonyms: tuple[str, ...] = ()
    cost_facts: tuple[CostFact, ...] = field(default_factory=tuple)

    @property
    def term_id(self) -> str:
        """The ORUK taxonomy_term id for this category (stable across installs)."""
        return term_id_for(self.slug)

    def to_dict(self) -> dict:
        return {
            "slug": self.slug,
            "id": self.term_id,
            "name": self.name,
            "summary": self.summary,
            "description": self.description,
            "who_for": self.who_for,
            "how_to_get": self.how_to_get,
            "cost": self.cost,
            "cost_facts": [vars(fact) for fact in self.cost_facts],
            "synonyms": list(self.synonyms),
        }


def term_id_for(slug: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"taxonomy_term:{slug}"))


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("&", " and ")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _load() -> tuple[Category, ...]:
    with DATA.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    categories = []
    for item in raw:
        facts = tuple(CostFact(**fact) for fact in item.get("cost_facts") or ())
        categories.append(
            Category(
                slug=item["slug"],
                name=item["name"],
                summary=item["summary"],
                description=item["description"],
                who_for=item["who_for"],
                how_to_get=item["how_to_get"],
                cost=item["cost"],
                synonyms=tuple(str(word) for word in item.get("synonyms") or ()),
                cost_facts=facts,
            )
        )
    return tuple(categories)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Every normalised slug, name and synonym -> slug."""
    index: dict[str, str] = {}
    for category in _load():
        for word in (category.slug, category.slug.replace("-", " "), category.name, *category.synonyms):
            index.setdefault(_normalise(word), category.slug)
    return index


def all_categories() -> list[Category]:
    return list(_load())


def get_category(slug: str) -> Category | None:
    for category in _load():
        if category.slug == slug:
            return category
    return None


def by_term_id(term_id: str) -> Category | None:
    for category in _load():
        if category.term_id == term_id:
            return category
    return None


def match_category(text: str) -> Category | None:
    """The category whose slug, name or synonym is exactly ``text`` (any case), else None."""
    slug = _index().get(_normalise(text or ""))
    return get_category(slug) if slug else None


def find_in_text(text: str) -> Category | None:
    """The category whose longest synonym appears as whole words in ``text``, else None."""
    padded = f" {_normalise(text or '')} "
    best: tuple[int, str] | None = None
    for word, slug in _index().items():
        if word and f" {word} " in padded and (best is None or len(word) > best[0]):
            best = (len(word), slug)
    return get_category(best[1]) if best else None


def suggest(text: str, limit: int = 3) -> list[str]:
    """Close category slugs for a mistyped category."""
    words = difflib.get_close_matches(_normalise(text or ""), list(_index()), n=limit * 3, cutoff=0.6)
    slugs: list[str] = []
    for word in words:
        slug = _index()[word]
        if slug not in slugs:
            slugs.append(slug)
    return slugs[:limit] or [category.slug for category in _load()[:limit]]
