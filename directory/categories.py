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
    plural: bool = False
    sentence_name: str = ""
    question: str = ""

    @property
    def in_sentence(self) -> str:
        """The name as it reads inside a sentence ("day services", "Shared Lives")."""
        return self.sentence_name or self.name.lower()

    @property
    def question_title(self) -> str:
        """A grammatical question about the category: "What are day services?", "What is home care?"
        (or the ``question`` written in categories.yml when the name does not fit the pattern)."""
        if self.question:
            return self.question
        return f"What {'are' if self.plural else 'is'} {self.in_sentence}?"

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
            "plural": self.plural,
            "in_sentence": self.in_sentence,
            "question_title": self.question_title,
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
                plural=bool(item.get("plural", False)),
                sentence_name=str(item.get("sentence_name") or ""),
                question=str(item.get("question") or ""),
            )
        )
    return tuple(categories)


def _number_variants(word: str) -> list[str]:
    """The other grammatical number of a phrase's last word: "day centre" <-> "day centres"."""
    if len(word) < 4 or not word[-1].isalpha():
        return []
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith("s") and not word.endswith(("ss", "'s", "us")):
        return [word[:-1]]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word[:-1] + "ies", word + "s"]
    return [word + "s"]


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    """Every normalised slug, name and synonym as written in categories.yml -> slug."""
    words: dict[str, str] = {}
    for category in _load():
        for word in (category.slug, category.slug.replace("-", " "), category.name, *category.synonyms):
            words.setdefault(_normalise(word), category.slug)
    return words


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Every normalised slug, name and synonym -> slug, then singular/plural forms of each
    (an exact word always wins over a made-up number variant of another category's word)."""
    index = dict(_words())
    for word, slug in _words().items():
        for variant in _number_variants(word):
            index.setdefault(variant, slug)
    return index


# Words around a one-word answer that do not change its meaning: "an alarm please", "some respite".
_FILLER = re.compile(
    r"^(?:(?:i need|i want|i'd like|id like|we need|looking for|i'm looking for|im looking for|"
    r"a|an|some|any|the|just|maybe|probably|yes|yeah|ok|okay|um|erm|er)\s+)+"
    r"|(?:\s+(?:please|thanks|thank you|pls|plz|i think|maybe|really))+$"
)
FUZZY_CUTOFF = 0.88
_FUZZY_MIN_LENGTH = 6
_FUZZY_MAX_WORDS = 4  # a short answer, not a sentence that happens to look like a long synonym


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


def match_category(text: str, fuzzy: bool = True) -> Category | None:
    """The category named by a short answer like "alarm", "Alarms please", "stairlfit" or "a break".

    Tries, in order: the exact slug, name or synonym (any case, singular or plural); the same
    without filler words ("an", "some", "please"); then a close spelling of a word written in
    categories.yml (difflib ratio at least ``FUZZY_CUTOFF``, same first letter) for answers of six
    letters or more and at most four words, unless ``fuzzy`` is False. None when nothing is close,
    so everyday words stay themselves ("learning" is not "cleaning", "buses" is not "abuses").
    """
    index = _index()
    normal = _normalise(text or "")
    stripped = _FILLER.sub("", normal).strip()
    for candidate in (normal, stripped):
        if candidate in index:
            return get_category(index[candidate])
    if not fuzzy or len(stripped) < _FUZZY_MIN_LENGTH or len(stripped.split()) > _FUZZY_MAX_WORDS:
        return None
    words = _words()
    candidates = [word for word in words if word[:1] == stripped[:1]]
    close = difflib.get_close_matches(stripped, candidates, n=1, cutoff=FUZZY_CUTOFF)
    return get_category(words[close[0]]) if close else None


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
