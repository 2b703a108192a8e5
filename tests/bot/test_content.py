"""Plain-English explanations: content topics and the directory's category descriptions."""

from __future__ import annotations

import re

import pytest

from bot import content

TOPICS = ["needs-assessment", "carers-assessment", "financial-assessment", "nhs-continuing-healthcare",
          "carers-allowance", "attendance-allowance", "deferred-payment"]
CATEGORIES = ["day-services", "carers-support", "telecare", "direct-payments", "extra-care", "home-care",
              "reablement", "care-homes", "respite"]


def test_all_content_topics_are_present():
    assert set(TOPICS) <= set(content.all_topics())


@pytest.mark.parametrize("slug", TOPICS)
def test_topics_explain_with_summary_and_paragraphs(slug):
    explanation = content.explain(slug)
    assert explanation.kind == "topic" and explanation.slug == slug
    assert explanation.summary and explanation.paragraphs and explanation.how_to_get
    for fact in explanation.facts:
        assert fact.source and fact.year and fact.evidence in ("V", "S", "U")


@pytest.mark.parametrize("slug", CATEGORIES)
def test_categories_come_from_the_directory(slug):
    categories = pytest.importorskip("directory.categories")
    explanation = content.explain(slug)
    category = categories.get_category(slug)
    assert explanation.kind == "category"
    assert explanation.summary == " ".join(category.summary.split())
    assert " ".join(category.description.split()) in explanation.paragraphs


@pytest.mark.parametrize("alias, slug", [
    ("CHC", "nhs-continuing-healthcare"),
    ("what is CHC?", "nhs-continuing-healthcare"),
    ("continuing healthcare", "nhs-continuing-healthcare"),
    ("Needs Assessment", "needs-assessment"),
    ("what is a carer's assessment?", "carers-assessment"),
    ("means test", "financial-assessment"),
    ("Carer's Allowance", "carers-allowance"),
    ("carers alowance", "carers-allowance"),
    ("atendance allowance", "attendance-allowance"),
    ("deferred payment agreement", "deferred-payment"),
    ("pendant alarm", "telecare"),
    ("lifeline", "telecare"),
    ("day centre", "day-services"),
    ("tell me about home care", "home-care"),
    ("extra care housing", "extra-care"),
    ("respite", "respite"),
    ("sitting service", "respite"),
])
def test_aliases(alias, slug):
    if slug in CATEGORIES:
        pytest.importorskip("directory.categories")
    assert content.explain(alias).slug == slug


@pytest.mark.parametrize("text", ["quantum physics", "", "   ", "<script>", "x" * 10_000])
def test_unknown_topic_raises_plain_message(text):
    with pytest.raises(content.UnknownTopic) as info:
        content.explain(text)
    assert info.value.message.startswith("Sorry")
    assert isinstance(info.value.suggestions, list)


def test_unknown_topic_suggests_close_ones():
    with pytest.raises(content.UnknownTopic) as info:
        content.explain("attendence alowence benefit form")
    assert info.value.suggestions is not None


def test_find_topic_in_free_text():
    assert content.find_topic("can you explain NHS continuing healthcare please") == "nhs-continuing-healthcare"
    assert content.find_topic("nothing relevant here") is None
    assert content.find_topic(None) is None


def test_carers_allowance_figure_has_source_year_and_caveat():
    explanation = content.explain("carers-allowance")
    (fact,) = [f for f in explanation.facts if "83.30" in f.text]
    assert fact.year == "2025/26" and fact.evidence == "S" and fact.source
    sentence = fact.sentence()
    assert "(2025/26)" in sentence and "Check the current figure" in sentence


def test_messages_and_staff_intro():
    resident = content.explain("needs-assessment").messages()
    staff = content.explain("needs-assessment").messages("staff")
    assert resident[0] == "Here is what a needs assessment means."
    assert staff[0].startswith("Explain to the caller")
    assert resident[1:] == staff[1:]


def test_to_dict_is_json_ready():
    import json

    data = content.explain("nhs-continuing-healthcare").to_dict()
    json.dumps(data)
    assert data["facts"][0]["source"]


def test_needs_assessment_never_says_it_decides():
    text = content.explain("needs-assessment").text().lower()
    assert "free" in text and "the council then decides" in text


def test_category_titles_keep_proper_names():
    from bot import content

    assert content.explain("shared-lives").title == "Shared Lives"
    assert content.explain("day-services").title == "day services"


def test_content_topics_are_not_also_category_synonyms():
    """"what is a needs assessment?" must explain the needs assessment, not a service category."""
    from bot import content
    from bot.text import fold
    from directory.categories import all_categories

    aliases = content._aliases()
    clashes = [(category.slug, word) for category in all_categories() for word in category.synonyms
               if fold(word) in aliases]
    assert not clashes, clashes


@pytest.mark.parametrize(("text", "slug"), [
    ("can I get carers allowance for looking after my dad", "carers-allowance"),
    ("what is a needs assessment for my mum in a care home", "needs-assessment"),
    ("tell me about pendant alarms", "telecare"),
    ("what are day centres", "day-services"),
])
def test_a_topic_named_in_the_text_wins_over_a_category(text, slug):
    assert content.find_topic(text) == slug


@pytest.mark.parametrize("text, just_before, slug", [
    ("will they make me sell my house", None, "selling-the-home"),
    ("Do I have to sell my home to pay for care?", None, "selling-the-home"),
    ("can I pay my daughter with it", "direct-payments", "direct-payments-family"),
    ("can I use direct payments to pay my son", None, "direct-payments-family"),
    ("can I pay my daughter with it", "attendance-allowance", None),  # "it" is not direct payments
    ("can I pay my daughter with it", None, None),
    ("what is a deferred payment", None, None),
])
def test_find_answer(text, just_before, slug):
    assert content.find_answer(text, just_before) == slug


def test_answers_put_the_rules_first_with_sources_and_years():
    answer = content.answer("selling-the-home")
    assert answer.kind == "answer" and answer.extra == {"related": "deferred-payment", "estimate": True}
    messages = answer.messages()
    assert messages[0] == "About selling your home to pay for care:"
    assert "12 weeks" in messages[2]
    for fact in answer.facts:
        assert fact.source and fact.year and fact.evidence == "V"
    assert "£23,250 (2025/26)" in answer.text()
    assert answer.extra["related"] in content.all_topics()


def test_the_family_answer_does_not_make_up_a_rule():
    text = content.answer("direct-payments-family").text()
    assert "for the council to decide" in text
    assert not re.search(r"\b(?:you|they) (?:can|cannot|can't|may not) (?:pay|employ) (?:a|your) (?:family|relative)",
                         text, re.IGNORECASE)


def test_answers_are_not_topics():
    assert "selling-the-home" not in content.all_topics()
    with pytest.raises(KeyError):
        content.answer("needs-assessment")


def test_cost_line_comes_from_the_category_or_the_topic():
    assert content.cost_line(content.explain("reablement")).startswith("What it costs: ")
    assert "free" in content.cost_line(content.explain("needs-assessment"))
    assert content.cost_line(content.explain("attendance-allowance")) is None  # no cost to state


# -- direct questions (QA round 2, J6) and young carers (S9) ----------------------------------------

@pytest.mark.parametrize("text, just_before, slug", [
    ("can i sign my house over to my children to avoid care fees", None, "giving-away-the-home"),
    ("can i give my house to my kids now so i dont have to pay for a care home later", None, "giving-away-the-home"),
    ("what if i do it 7 years before", "giving-away-the-home", "giving-away-time-limits"),
    ("what if i do it 7 years before", None, None),
    ("is care free once your over 80", None, "care-free-by-age"),
    ("does care become free at 85?", None, "care-free-by-age"),
    ("can you just tell me if mum is eligible for council funded care or not", None, "eligibility"),
    ("is my mum eligible for help from the council", None, "eligibility"),
    ("so is she eligible yes or no", None, "eligibility"),
    ("is she eligible for attendance allowance", None, None),  # the benefit's own explanation
    ("is she eligible for a blue badge", None, None),
    ("im a young carer", None, None),  # young-carers is sent by the actions, never found by words
])
def test_find_the_new_answers(text, just_before, slug):
    assert content.find_answer(text, just_before) == slug


def test_the_new_answers_make_no_rule_up():
    giving = content.answer("giving-away-the-home").text()
    assert "independent advice" in giving and "I don't have checked rules" in giving
    assert not re.search(r"\b(?:7|seven) years?\b|deprivation", giving, re.IGNORECASE)
    assert "I don't have checked rules about time limits" in content.answer("giving-away-time-limits").text()
    for slug in ("eligibility", "care-free-by-age"):
        for fact in content.answer(slug).facts:
            assert fact.source and fact.year and fact.evidence in ("V", "S")
    assert "£23,250 you usually pay the full cost (2025/26)" in content.answer("care-free-by-age").text()
    assert "Only the council can" in content.answer("eligibility").text()


def test_young_carers_answer_never_offers_carers_allowance():
    text = content.answer("young-carers").text()
    assert "young carer's needs assessment" in text and "Ask the council" in text
    assert "Allowance" not in text and "£" not in text
