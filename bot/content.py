"""Plain-English explanations: assessments, benefits, ways of paying and service categories.

Topics (needs assessment, carer's assessment, financial assessment, NHS Continuing
Healthcare, Carer's Allowance, Attendance Allowance, deferred payments) live in
``bot/content/*.yml``. Short answers to questions people ask in passing ("will they make me
sell my house?") live in ``bot/content/answers.yml``. Service categories (day services, telecare, home care, respite ...)
are explained from the directory's own descriptions (``directory.categories``), so
there is one description per category in the project.

Public API::

    explain(topic) -> Explanation                      # raises UnknownTopic (with suggestions)
    find_topic(text) -> str | None                     # topic or category slug named in free text
    all_topics() -> list[str]                          # content topic slugs
    find_answer(text, just_before=None) -> str | None  # a question answers.yml answers
    answer(slug) -> Explanation                        # that short answer (kind "answer")
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot import wording
from bot.datafiles import CONTENT_DIR, load_yaml
from bot.text import fold, word_pattern

EVIDENCE_NOTES = {
    "S": "This figure is from a secondary source. Check the current figure on GOV.UK.",
    "U": "This figure is not confirmed. Check the current figure on GOV.UK.",
}


class UnknownTopic(LookupError):
    """No explanation for this topic. ``.message`` is plain English; ``.suggestions`` lists slugs."""

    def __init__(self, topic: str, suggestions: list[str]):
        self.topic = topic
        self.suggestions = suggestions
        self.message = "Sorry, I don't have an explanation for that yet."
        super().__init__(self.message)


@dataclass(frozen=True)
class Fact:
    """A figure or rule with its ``source``, ``year`` and ``evidence`` ("V" checked, "S" secondary)."""

    text: str
    source: str
    year: str
    evidence: str = "V"

    @property
    def note(self) -> str:
        """A caveat to show with the fact ("" for checked facts)."""
        return EVIDENCE_NOTES.get(self.evidence, "")

    def sentence(self) -> str:
        """The fact as a sentence with its year, and a caveat when it is not fully checked."""
        text = self.text.rstrip(".")
        year = f" ({self.year})" if self.year and self.year != "current" else ""
        return f"{text}{year}." + (f" {self.note}" if self.note else "")


@dataclass(frozen=True)
class Explanation:
    """What a topic or category means: ``title``, ``summary``, ``paragraphs``, ``facts``, ``how_to_get``.

    ``kind`` is "topic" (from bot/content), "category" (from the directory's categories) or
    "answer" (a short answer from bot/content/answers.yml; ``extra["related"]`` names a topic to
    offer next, ``extra["estimate"]`` is True when the answer is about paying).
    """

    slug: str
    kind: str
    title: str
    summary: str
    paragraphs: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    how_to_get: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def messages(self, mode: str = "resident") -> list[str]:
        """Short chat messages: the summary, then each paragraph, facts and how to get it (for an
        answer, the facts come before the paragraphs)."""
        facts = [fact.sentence() for fact in self.facts]
        if self.kind == "answer":  # a direct answer: the rules first, then what they mean
            lines = [wording.say("explain.answer", mode, title=self.title), self.summary, *facts, *self.paragraphs]
        else:
            lines = [wording.say("explain.intro", mode, title=self.title), self.summary, *self.paragraphs, *facts]
        if self.how_to_get:
            lines.append(self.how_to_get)
        return [line for line in lines if line]

    def text(self, mode: str = "resident") -> str:
        """All the messages as one block of text."""
        return "\n".join(self.messages(mode))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, facts with their sources."""
        return {"slug": self.slug, "kind": self.kind, "title": self.title, "summary": self.summary,
                "paragraphs": list(self.paragraphs), "how_to_get": self.how_to_get,
                "facts": [vars(f) | {"note": f.note} for f in self.facts], **self.extra}


def _squash(text: object) -> str:
    return " ".join(str(text or "").split())


@lru_cache(maxsize=1)
def _topics() -> dict[str, dict[str, Any]]:
    topics: dict[str, dict[str, Any]] = {}
    for path in sorted(CONTENT_DIR.glob("*.yml")):
        for raw in load_yaml(path).get("topics", []):
            if raw["slug"] in topics:
                raise ValueError(f"duplicate content topic {raw['slug']} in {path}")
            topics[raw["slug"]] = raw
    return topics


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    index = {}
    for slug, raw in _topics().items():
        for alias in (slug, slug.replace("-", " "), raw["title"], *raw.get("aliases", [])):
            index[fold(alias)] = slug
    return index


def _categories_module():
    try:
        from directory import categories
    except ImportError:  # the directory package ships with the project; tolerate a partial checkout
        return None
    return categories


def all_topics() -> list[str]:
    """Slugs of the content topics (not the directory categories)."""
    return list(_topics())


def _topic_explanation(slug: str) -> Explanation:
    return _from_raw(_topics()[slug], "topic")


def _from_raw(raw: dict[str, Any], kind: str, **extra: Any) -> Explanation:
    facts = tuple(Fact(_squash(f["text"]), _squash(f["source"]), str(f.get("year", "")),
                       str(f.get("evidence", "V"))) for f in raw.get("facts", []))
    return Explanation(slug=raw["slug"], kind=kind, title=raw["title"], summary=_squash(raw["summary"]),
                       paragraphs=tuple(_squash(p) for p in raw.get("paragraphs", [])),
                       facts=facts, how_to_get=_squash(raw.get("how_to_get")), extra=extra)


ANSWERS_FILE = CONTENT_DIR / "answers.yml"


@lru_cache(maxsize=1)
def _answers() -> dict[str, dict[str, Any]]:
    return {raw["slug"]: raw for raw in load_yaml(ANSWERS_FILE).get("answers", [])}


def _names_any(folded: str, phrases: list[str]) -> bool:
    return any(re.search(word_pattern(fold(phrase)), folded) for phrase in phrases)


def find_answer(text: object, just_before: str | None = None) -> str | None:
    """The slug of the short answer (bot/content/answers.yml) that ``text`` asks for, else None.

    ``just_before`` is the topic or category slug explained or searched for just before: "can I
    pay my daughter with it?" is about direct payments only after direct payments.
    """
    folded = fold(str(text or "")[:500])
    if not folded:
        return None
    for slug, raw in _answers().items():
        if not _names_any(folded, raw["asks"]):
            continue
        about = raw.get("about")
        if about and just_before not in about.get("slugs", []) and not _names_any(folded, about.get("words", [])):
            continue
        return slug
    return None


def answer(slug: str) -> Explanation:
    """The short answer ``slug`` from bot/content/answers.yml (kind "answer"). KeyError if unknown."""
    raw = _answers()[slug]
    return _from_raw(raw, "answer", **{key: raw[key] for key in ("related", "estimate") if raw.get(key)})


def _category_explanation(category: Any) -> Explanation:
    facts = tuple(Fact(_squash(f.figure), _squash(f.source), str(f.year),
                       "S" if "[S]" in f.source else ("U" if "[U]" in f.source else "V"))
                  for f in getattr(category, "cost_facts", ()))
    paragraphs = (_squash(category.description), f"Who it is for: {_squash(category.who_for)}",
                  f"What it costs: {_squash(category.cost)}")
    name = category.name
    title = getattr(category, "in_sentence", "") or (name if name[:2].isupper() else name[:1].lower() + name[1:])
    return Explanation(slug=category.slug, kind="category", title=title,
                       summary=_squash(category.summary), paragraphs=paragraphs, facts=facts,
                       how_to_get=f"How to get it: {_squash(category.how_to_get)}",
                       extra={"name": category.name})


def explain_or_none(topic: object) -> Explanation | None:
    """``explain(topic)``, or None when nothing matches (no suggestions needed)."""
    try:
        return explain(topic)
    except UnknownTopic:
        return None


def cost_line(explanation: Explanation) -> str | None:
    """What the thing costs in one line ("What it costs: ..."), for "is it free?": a category's
    cost text, or a topic's ``cost`` field; None when the content says nothing about cost."""
    if explanation.kind == "category":
        return next((line for line in explanation.paragraphs if line.startswith("What it costs")), None)
    raw = _topics().get(explanation.slug) if explanation.kind == "topic" else None
    cost = _squash((raw or {}).get("cost"))
    return f"What it costs: {cost}" if cost else None


def find_topic(text: object) -> str | None:
    """The slug of the topic or service category named in ``text`` ("what is CHC?" ->
    "nhs-continuing-healthcare", "tell me about pendant alarms" -> "telecare"), else None.

    Content topics and directory categories are both searched. A topic named in the text wins
    ("can I get carer's allowance for looking after my dad?" is about Carer's Allowance, not the
    carers' services category); otherwise the category with the longest name found.
    """
    folded = fold(text)
    if not folded:
        return None
    best: tuple[int, str] | None = None
    for alias, slug in _aliases().items():
        if alias and re.search(word_pattern(alias), folded) and (best is None or len(alias) > best[0]):
            best = (len(alias), slug)
    if best is not None:
        return best[1]
    categories = _categories_module()
    if categories is not None:
        found = categories.match_category(folded) or categories.find_in_text(folded)
        if found is not None:
            return found.slug
    return None


def explain(topic: object) -> Explanation:
    """Explain a topic in plain English.

    ``topic`` is a slug ("needs-assessment", "telecare"), an alias ("CHC", "pendant alarm") or a
    question naming it ("what is a carer's assessment?"). Raises ``UnknownTopic`` with
    suggestions when nothing matches. Render it with ``messages(mode)`` or ``text(mode)``.
    """
    key = fold(topic)
    slug = _aliases().get(key)
    if slug:
        return _topic_explanation(slug)
    categories = _categories_module()
    category = categories.get_category(str(topic).strip()) if categories else None
    if category is None and categories is not None:
        category = categories.match_category(key, fuzzy=False)
    if category is not None:
        return _category_explanation(category)
    slug = _close_alias(key)
    if slug is None and categories is not None:
        close = categories.match_category(key)  # a near spelling of a service ("stairlfit")
        slug = close.slug if close is not None else None
    slug = slug or find_topic(key)
    if slug in _topics():
        return _topic_explanation(slug)
    if slug and categories is not None:
        return _category_explanation(categories.get_category(slug))
    raise UnknownTopic(str(topic), _suggestions(key))


def _close_alias(key: str) -> str | None:
    """A content topic whose alias is a near spelling of ``key`` ("carers alowance")."""
    close = difflib.get_close_matches(key, list(_aliases()), n=1, cutoff=0.85)
    return _aliases()[close[0]] if close else None


def _suggestions(key: str, limit: int = 3) -> list[str]:
    names = dict(_aliases())
    categories = _categories_module()
    if categories is not None:
        for category in categories.all_categories():
            for name in (category.slug.replace("-", " "), category.name, *category.synonyms):
                names.setdefault(fold(name), category.slug)
    close = difflib.get_close_matches(key, list(names), n=limit * 3, cutoff=0.6)
    slugs: list[str] = []
    for name in close:
        if names[name] not in slugs:
            slugs.append(names[name])
    return slugs[:limit]
