import re

import pytest

from directory.categories import all_categories, find_in_text, get_category, match_category, suggest

EXPECTED = [
    "day-services", "carers-support", "telecare", "direct-payments", "extra-care", "home-care", "reablement",
    "equipment-adaptations", "care-homes", "supported-living", "shared-lives", "respite", "advice-advocacy",
    "dementia-support", "community-wellbeing", "meals-at-home", "hospital-discharge", "crisis-safeguarding",
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


@pytest.mark.parametrize(
    "answer, slug",
    [
        ("alarm", "telecare"), ("alarms", "telecare"), ("Alarm please", "telecare"), ("an alarm", "telecare"),
        ("pendant alarms", "telecare"), ("lifeline alarms", "telecare"), ("personal alarms", "telecare"),
        ("cleaner", "home-care"), ("a cleaner", "home-care"), ("help with cleaning", "home-care"),
        ("help with shopping", "home-care"), ("help at home", "home-care"), ("Help at home", "home-care"),
        ("someone to help at home", "home-care"), ("carers coming in", "home-care"),
        ("help with the housework", "home-care"),
        ("groups", "community-wellbeing"), ("social groups", "community-wellbeing"),
        ("meals on wheels", "meals-at-home"), ("mobile meals", "meals-at-home"), ("hot meals", "meals-at-home"),
        ("frozen meals", "meals-at-home"), ("meals delivered", "meals-at-home"), ("Meals at home", "meals-at-home"),
        ("meal on wheels please", "meals-at-home"),
        ("dementia group", "dementia-support"), ("dementia groups", "dementia-support"),
        ("memory cafes", "dementia-support"),
        ("carers group", "carers-support"), ("carers groups", "carers-support"), ("carers", "carers-support"),
        ("stair lift", "equipment-adaptations"), ("stairlift", "equipment-adaptations"),
        ("stair lifts", "equipment-adaptations"), ("stairlifts", "equipment-adaptations"),
        ("handyman", "equipment-adaptations"), ("grab rails", "equipment-adaptations"),
        ("lunch club", "day-services"), ("lunch clubs", "day-services"), ("day centres", "day-services"),
        ("respite", "respite"), ("a break", "respite"), ("sitting service", "respite"),
        ("sitting services", "respite"), ("short breaks", "respite"),
        ("care homes", "care-homes"), ("nursing homes", "care-homes"),
    ],
)
def test_one_word_and_everyday_answers_map_to_a_category(answer, slug):
    category = match_category(answer)
    assert category is not None, answer
    assert category.slug == slug, (answer, category.slug)


@pytest.mark.parametrize(
    "typo, slug",
    [
        ("stairlfit", "equipment-adaptations"), ("respit", "respite"), ("pendent alarm", "telecare"),
        ("daycentre", "day-services"), ("day centers", "day-services"), ("meals on wheel", "meals-at-home"),
        ("luch club", "day-services"), ("befriendng", "community-wellbeing"), ("telecar", "telecare"),
        ("dementa group", "dementia-support"), ("nursing hom", "care-homes"),
    ],
)
def test_simple_typos_are_tolerated(typo, slug):
    category = match_category(typo)
    assert category is not None and category.slug == slug, (typo, category)


@pytest.mark.parametrize(
    "text",
    ["yes", "no", "hello", "help", "care", "home", "asdfgh", "jjjjjjjj", "Preston", "Fleetwood", "I don't know",
     "never mind", "my mum", "", "   ", "what is this", "thank you"],
)
def test_words_that_are_not_services_match_nothing(text):
    assert match_category(text) is None, (text, match_category(text))


@pytest.mark.parametrize(
    "sentence, slug",
    [
        ("help at home in Chorley", "home-care"),
        ("what about lifeline alarms in Chorley", "telecare"),
        ("meals on wheels coventry", "meals-at-home"),
        ("does anyone do hot meals delivered round here", "meals-at-home"),
        ("can mum get frozen meals delivered in Bath", "meals-at-home"),
        ("I need a break", "respite"),
        ("is there a dementia group near Grimsby", "dementia-support"),
        ("my dad needs a stair lift", "equipment-adaptations"),
        ("someone to do the shopping for mum", "home-care"),
    ],
)
def test_everyday_words_are_found_inside_sentences(sentence, slug):
    assert find_in_text(sentence).slug == slug


def test_odd_synonyms_are_gone():
    for category in all_categories():
        for word in category.synonyms:
            assert not word.lower().startswith("alarm for my"), word


@pytest.mark.parametrize(
    "slug, question",
    [
        ("day-services", "What are day services?"),
        ("care-homes", "What are care homes?"),
        ("respite", "What are respite and short breaks?"),
        ("home-care", "What is home care?"),
        ("telecare", "What is telecare?"),
        ("shared-lives", "What is Shared Lives?"),
        ("dementia-support", "What is dementia support?"),
    ],
)
def test_question_titles_are_grammatical(slug, question):
    category = get_category(slug)
    assert category.question_title == question
    assert category.to_dict()["question_title"] == question


def test_plural_flag_and_sentence_name():
    assert get_category("day-services").plural is True
    assert get_category("home-care").plural is False
    assert get_category("shared-lives").in_sentence == "Shared Lives"
    assert get_category("day-services").in_sentence == "day services"
    for category in all_categories():
        title = category.question_title
        assert title.startswith("What ") and title.endswith("?") and ".." not in title, title


def test_fuzzy_matching_is_for_short_answers_not_sentences():
    assert match_category("I look after my dad every day") is None
    assert match_category("stairlfit", fuzzy=False) is None
    assert match_category("stairlift", fuzzy=False).slug == "equipment-adaptations"


@pytest.mark.parametrize(
    "answer",
    ["shopping", "cleaning", "housework", "washing", "dressing", "reading", "learning", "buses", "sisters",
     "getting dressed", "gramps", "cooking", "walking", "meals", "going out", "washing, dressing and meals"],
)
def test_everyday_activities_in_triage_answers_are_not_service_names(answer):
    """Triage asks what is hard or what still goes well: answers like "shopping" or "reading" must
    not be read as a request for a service (and fuzzy matching must not turn "learning" into "cleaning")."""
    assert match_category(answer) is None, (answer, match_category(answer))


def test_meals_at_home_is_its_own_category_not_community_groups():
    """"meals on wheels in Cleethorpes" listed community groups: meals are a category of their own."""
    meals = get_category("meals-at-home")
    assert meals.name == "Meals at home" and meals.question_title == "What are meals at home?"
    assert "meals on wheels" in meals.summary and "mobile meals" in meals.description
    community = get_category("community-wellbeing")
    assert not [word for word in community.synonyms if "meal" in word], community.synonyms
    # no price was found in any source, so the cost text points to the provider and has no figure
    assert not meals.cost_facts and "£" not in meals.cost
    assert "provider or the council will tell you" in meals.cost
    # "help with meals" is a care worker at home; "meals" alone is a triage answer, not a service
    assert match_category("help with meals").slug == "home-care"
    assert match_category("meals") is None and match_category("food") is None
