import re

from directory.categories import all_categories, find_in_text, get_category, match_category, suggest

EXPECTED = [
    "day-services", "carers-support", "telecare", "direct-payments", "extra-care", "home-care", "reablement",
    "equipment-adaptations", "care-homes", "supported-living", "shared-lives", "respite", "advice-advocacy",
    "dementia-support", "community-wellbeing", "hospital-discharge", "crisis-safeguarding",
]


def test_the_first_five_slugs_are_the_shared_contract():
    assert [category.slug for category in all_categories()[:5]] == EXPECTED[:5]


def test_every_category_from_the_issue_is_present_with_plain_english_text():
    categories = {category.slug: category for category in all_categories()}
    assert set(categories) == set(EXPECTED)
    for category in categories.values():
        for field in ("name", "summary", "description", "who_for", "how_to_get", "cost"):
            assert getattr(category, field).strip(), (category.slug, field)
        assert len(category.synonyms) >= 5, category.slug


def test_descriptions_use_short_sentences_and_uk_spelling():
    for category in all_categories():
        text = " ".join([category.summary, category.description, category.who_for, category.how_to_get, category.cost])
        sentences = [s for s in re.split(r"[.!?]\s", text) if s.strip()]
        average = sum(len(s.split()) for s in sentences) / len(sentences)
        assert average <= 20, (category.slug, average)
        for american in (" center", "program ", "color", "organize", "aging", "neighbor"):
            assert american not in text.lower(), (category.slug, american)


def test_every_money_figure_has_a_source_and_year():
    for category in all_categories():
        if "£" in category.cost:
            assert category.cost_facts, category.slug
        for fact in category.cost_facts:
            assert fact.source and fact.year and fact.figure


def test_everyday_synonyms_map_to_categories():
    cases = {
        "pendant alarm": "telecare", "Lifeline": "telecare", "careline": "telecare", "personal alarm": "telecare",
        "falls alarm": "telecare", "day centre": "day-services", "day care": "day-services",
        "lunch club": "day-services", "sitting service": "respite", "short break": "respite",
        "carers coming in": "home-care", "home help": "home-care", "personal budget": "direct-payments",
        "PA": "direct-payments", "personal assistant": "direct-payments", "nursing home": "care-homes",
        "stairlift": "equipment-adaptations", "Extra Care": "extra-care", "day-services": "day-services",
    }
    for word, slug in cases.items():
        assert match_category(word).slug == slug, word


def test_finds_a_category_inside_a_sentence_preferring_the_longest_phrase():
    assert find_in_text("Mum needs a pendant alarm please").slug == "telecare"
    assert find_in_text("is there a lunch club near me").slug == "day-services"
    assert find_in_text("completely unrelated words") is None


def test_get_category_and_suggestions():
    assert get_category("telecare").name
    assert get_category("nope") is None
    assert "day-services" in suggest("day centr")
    assert suggest("zzzzzz")  # always offers something to pick from


def test_to_dict_has_the_api_fields():
    data = get_category("telecare").to_dict()
    assert set(data) >= {"slug", "id", "name", "summary", "description", "who_for", "how_to_get", "cost", "synonyms"}


def test_no_word_belongs_to_two_categories():
    from directory.categories import _normalise

    owners = {}
    for category in all_categories():
        for word in (category.name, *category.synonyms):
            assert owners.setdefault(_normalise(word), category.slug) == category.slug, word
