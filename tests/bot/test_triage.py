"""Strengths-based triage: outcome parsing, answers, suggestions, the assessment rule and the summary."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from bot import triage
from bot.datafiles import load_yaml

ALL_OUTCOMES = ["meals", "washing", "toilet", "dressing", "home_safety", "home_clean", "relationships",
                "work", "community", "child"]


def test_ten_outcomes_in_order_with_care_act_wording():
    outcomes = triage.outcomes()
    assert [o.id for o in outcomes] == ALL_OUTCOMES
    assert all(o.label and o.care_act for o in outcomes)
    assert triage.outcome_label("home_safety") == "moving around the home safely"


@pytest.mark.parametrize("text, expected", [
    ("she can't cook any more and forgets to eat", ["meals"]),
    ("lonely", ["relationships"]),
    ("he doesn't see anyone", ["relationships"]),
    ("fell in the bathroom", ["washing", "home_safety"]),
    ("she struggles to get in the bath", ["washing"]),
    ("he wets himself and can't get dressed", ["toilet", "dressing"]),
    ("can't manage the stairs", ["home_safety"]),
    ("the house is a mess and she can't do the hoovering", ["home_clean"]),
    ("needs help with the washing and ironing", ["home_clean"]),
    ("she used to go to church but can't get out now", ["community"]),
    ("he can't do the shopping", ["community"]),
    ("had to give up work to look after him", ["work"]),
    ("she can't look after the kids", ["child"]),
    ("she's housebound and lonely", ["relationships", "community"]),
    ("SHE CAN'T COOK", ["meals"]),
    ("struggles with washing, dressing and meals", ["meals", "washing", "dressing"]),
    ("she keeps falling", ["home_safety"]),
    ("the house is filthy and she won't let anyone clean", ["home_clean"]),
    ("he hasn't been out of the house for weeks", ["community"]),
    ("she misses going to her knitting group", ["community"]),
    ("she needs help looking after her grandchildren", ["child"]),
    ("dad is incontinent at night", ["toilet"]),
    ("he gets confused and wanders at night", ["home_safety"]),
    ("mum needs a hand with personal care", ["washing"]),
])
def test_find_outcomes(text, expected):
    assert triage.find_outcomes(text) == expected


@pytest.mark.parametrize("text", ["", "hello", "the social worker said to call", "she's fine",
                                  "what is a day centre"])
def test_find_outcomes_finds_nothing_in_unrelated_text(text):
    assert triage.find_outcomes(text) == []


def test_strengths_are_not_counted_as_hard():
    assert triage.find_outcomes("she can still cook") == []
    assert triage.find_strengths("she can still cook") == ["meals"]
    assert triage.find_outcomes("she can still cook but struggles with the stairs") == ["home_safety"]
    assert triage.find_outcomes("she still cooks but forgets to eat") == ["meals"]
    assert triage.find_outcomes("no problems with dressing") == []
    assert triage.find_strengths("no problems with dressing") == ["dressing"]


def test_laundry_is_the_home_not_personal_washing():
    assert triage.find_outcomes("she can't do the washing") == ["home_clean"]
    assert triage.find_outcomes("she can't wash herself") == ["washing"]


@pytest.mark.parametrize("value, expected", [
    (["meals", "washing"], ["meals", "washing"]),
    ("meals,toilet", ["meals", "toilet"]),
    (["Moving around the home safely"], ["home_safety"]),
    (["washing", "she fell on the stairs", "meals"], ["meals", "washing", "home_safety"]),
    ([{"outcome": "dressing", "label": "dressing"}], ["dressing"]),
    ("she can't cook", ["meals"]),
    (None, []),
    ([], []),
    ("none", []),
])
def test_parse_hard_things(value, expected):
    assert triage.parse_hard_things(value) == expected


@pytest.mark.parametrize("value, for_, relation", [
    ("my mum", "other", "mum"),
    ("My Mother", "other", "mum"),
    ("for my dad", "other", "dad"),
    ("my husband", "other", "husband"),
    ("my nan", "other", "nan"),
    ("myself", "self", None),
    ("me", "self", None),
    ("self", "self", None),
    ("family", "other", "relative"),
    ("friend", "other", "friend"),
    ("a lady next door", "other", "neighbour"),
    ("someone from church", "other", None),
    ({"for": "self"}, "self", None),
])
def test_parse_who(value, for_, relation):
    who = triage.parse_who(value)
    assert (who["for"], who["relation"]) == (for_, relation)
    assert who["label"]


def test_parse_who_empty():
    assert triage.parse_who(None)["for"] is None


@pytest.mark.parametrize("value, expected", [
    ("big", "big"), ("A big effect", "big"), ("massive", "big"), ("it's really hard", "big"),
    ("some", "some"), ("a bit", "some"), ("Some effect", "some"),
    ("little", "little"), ("Only a little", "little"), ("not really", "little"), ("not much", "little"),
    ("hmm", None), ("", None), (None, None),
])
def test_parse_impact(value, expected):
    assert triage.parse_impact(value) == expected


@pytest.mark.parametrize("value, present, coping", [
    ("struggling", True, "struggling"),
    ("well", True, "well"),
    ("just_about", True, "just_about"),
    ("none", False, None),
    ("No one does", False, None),
    ("nobody", False, None),
    ("my daughter helps but she's exhausted", True, "struggling"),
    ("I do, I'm coping fine", True, "well"),
    ("my husband, he's just about managing", True, "just_about"),
    ("yes", True, None),
    ("", None, None),
    ({"present": True, "coping": "struggling"}, True, "struggling"),
])
def test_parse_carer(value, present, coping):
    assert triage.parse_carer(value) == {"present": present, "coping": coping}


def test_parse_carer_with_separate_coping_answer():
    assert triage.parse_carer("yes", coping="not coping at all") == {"present": True, "coping": "struggling"}


class TestSuggestCategories:
    def test_prevention_first_order(self):
        slugs = [c["slug"] for c in triage.suggest_categories(["meals", "washing", "home_safety"])]
        ladder = load_yaml("triage.yml")["ladder"]
        assert slugs == sorted(slugs, key=ladder.index)
        assert slugs[0] == "community-wellbeing"
        assert "home-care" not in slugs[:3]

    def test_loneliness_suggests_groups_and_day_services(self):
        slugs = [c["slug"] for c in triage.suggest_categories(["relationships"])]
        assert "community-wellbeing" in slugs and "day-services" in slugs
        assert "care-homes" not in slugs

    def test_falls_suggest_telecare_and_equipment(self):
        slugs = [c["slug"] for c in triage.suggest_categories(["home_safety"])]
        assert {"telecare", "equipment-adaptations"} <= set(slugs)

    def test_struggling_carer_gets_carers_support_and_respite(self):
        slugs = [c["slug"] for c in triage.suggest_categories(["meals"], "myself", {"present": True,
                                                                                    "coping": "struggling"})]
        assert {"carers-support", "respite"} <= set(slugs)

    def test_asking_for_someone_else_offers_carers_support(self):
        slugs = [c["slug"] for c in triage.suggest_categories(["meals"], "my mum")]
        assert "carers-support" in slugs

    def test_no_carer_for_self_means_no_carers_support(self):
        slugs = [c["slug"] for c in triage.suggest_categories(["meals"], "me", "no one")]
        assert "carers-support" not in slugs

    def test_many_needs_with_big_impact_bring_longer_term_options(self):
        few = [c["slug"] for c in triage.suggest_categories(["meals"], impact="big")]
        many = triage.suggest_categories(ALL_OUTCOMES[:5], impact="big")
        assert "direct-payments" not in few
        assert len(many) <= load_yaml("triage.yml")["max_suggestions"]

    def test_context_words_add_dementia_support(self):
        slugs = [c["slug"] for c in triage.suggest_categories(["relationships"], context="she's getting forgetful")]
        assert "dementia-support" in slugs

    def test_items_have_directory_names_and_reasons(self):
        pytest.importorskip("directory.categories")
        from directory import categories

        for item in triage.suggest_categories(ALL_OUTCOMES, "my mum", "struggling", impact="big"):
            category = categories.get_category(item["slug"])
            assert category is not None, f"{item['slug']} is not a directory category"
            assert item["name"] == category.name and item["why"]

    def test_every_mapped_slug_is_a_directory_category(self):
        pytest.importorskip("directory.categories")
        from directory import categories

        data = load_yaml("triage.yml")
        slugs = set(data["ladder"]) | set(data["carer_categories"]) | set(data["always_categories"])
        slugs |= set(data["many_needs_categories"]) | set(data["context_categories"])
        for values in data["need_categories"].values():
            slugs |= set(values)
        missing = {s for s in slugs if categories.get_category(s) is None}
        assert not missing
        assert set(data["category_reasons"]) >= slugs


class TestAssessmentRule:
    @pytest.mark.parametrize("hard, impact, expected", [
        (["meals", "washing"], "big", True),
        (["meals", "washing", "toilet"], "big", True),
        (["meals"], "big", False),
        (["meals", "washing"], "some", False),
        (["meals", "washing"], "little", False),
        (["meals", "washing"], None, False),
        ([], "big", False),
    ])
    def test_needs_assessment_two_or_more_and_big_effect(self, hard, impact, expected):
        result = triage.assessment(hard, impact)
        assert result["needs_assessment_worthwhile"] is expected
        assert result["reason"]

    @pytest.mark.parametrize("carer, expected", [
        ({"present": True, "coping": "struggling"}, True),
        ({"present": True, "coping": "just_about"}, True),
        ({"present": True, "coping": "well"}, False),
        ({"present": False, "coping": None}, False),
        ("my son helps but he's worn out", True),
        (None, False),
    ])
    def test_carers_assessment_when_carer_struggles(self, carer, expected):
        assert triage.assessment([], None, carer)["carers_assessment_worthwhile"] is expected


def _answers(**extra):
    answers = {
        "who": "my mum",
        "what_matters": "Staying in her own home and seeing her friends",
        "strengths": "She can still do her own shopping",
        "support_network": "My brother visits on Sundays",
        "hard_things": ["meals", "washing", "she fell on the stairs"],
        "impact": "big",
        "carer": "I help but I'm exhausted",
        "place": SimpleNamespace(name="Preston", council="lancashire"),
    }
    answers.update(extra)
    return answers


class TestBuildSummary:
    KEYS = {"who", "what_matters", "strengths", "support_network", "hard_things", "impact", "carer", "place",
            "council", "other_concerns", "hard_things_note", "suggested_categories", "assessment", "contact", "generated_at"}

    def test_keys_and_values(self):
        summary = triage.build_summary(_answers())
        assert set(summary) == self.KEYS
        assert summary["who"]["relation"] == "mum"
        assert [h["outcome"] for h in summary["hard_things"]] == ["meals", "washing", "home_safety"]
        assert summary["hard_things"][2]["label"] == "moving around the home safely"
        assert summary["impact"] == "big"
        assert summary["carer"] == {"present": True, "coping": "struggling"}
        assert summary["place"] == {"name": "Preston", "council": "lancashire"}
        assert summary["council"] == "lancashire"
        assert summary["assessment"]["needs_assessment_worthwhile"] is True
        assert summary["assessment"]["carers_assessment_worthwhile"] is True
        assert summary["contact"]["name"] == "Lancashire County Council"
        assert summary["generated_at"].startswith("20")

    def test_is_json_serialisable(self):
        json.dumps(triage.build_summary(_answers()))

    def test_place_as_text_is_resolved_through_the_directory(self):
        pytest.importorskip("directory.places")
        summary = triage.build_summary(_answers(place="Grimsby"))
        assert summary["council"] == "north-east-lincolnshire"

    def test_explicit_council_wins(self):
        summary = triage.build_summary(_answers(place=None, council="leicestershire"))
        assert summary["council"] == "leicestershire"

    def test_unknown_place_uses_default_council(self, default_council_env):
        default_council_env("bath-and-north-east-somerset")
        summary = triage.build_summary(_answers(place="Narnia"))
        assert summary["place"]["name"] == "Narnia"
        assert summary["council"] == "bath-and-north-east-somerset"

    def test_empty_answers_still_give_a_summary(self, default_council_env):
        default_council_env("lancashire")
        summary = triage.build_summary({})
        assert summary["hard_things"] == [] and summary["impact"] is None
        assert summary["assessment"]["needs_assessment_worthwhile"] is False
        assert summary["suggested_categories"]
        assert triage.summary_text(summary)

    def test_separate_carer_slots(self):
        summary = triage.build_summary(_answers(carer=None, carer_present="yes", carer_coping="struggling"))
        assert summary["carer"] == {"present": True, "coping": "struggling"}

    def test_hostile_and_huge_text_is_trimmed(self):
        summary = triage.build_summary(_answers(what_matters="<b>x</b>" * 5000, strengths=["a", None, "b"]))
        assert len(summary["what_matters"]) <= triage.MAX_TEXT
        assert summary["strengths"] == "a and b"


class TestSummaryText:
    def test_resident_wording(self):
        text = triage.summary_text(triage.build_summary(_answers()))
        assert "about your mum" in text
        assert "may be worth asking Lancashire County Council for a free needs assessment" in text
        assert "carer's assessment" in text
        assert "Only the council can decide" in text
        assert "meals, washing and moving around the home safely" in text
        assert "Caller" not in text

    def test_staff_case_note(self):
        text = triage.summary_text(triage.build_summary(_answers()), mode="staff")
        assert text.startswith("Case note")
        assert "Caller reports on behalf of their mum." in text
        assert "not an eligibility decision" in text
        assert "Care Act outcomes" in text

    def test_no_assessment_indicated_still_says_anyone_can_ask(self):
        text = triage.summary_text(triage.build_summary(_answers(hard_things=["meals"], impact="little")))
        assert "Anyone can ask" in text
        assert "may be worth asking" not in text

    def test_never_says_eligible_or_decides(self):
        for mode in ("resident", "staff"):
            text = triage.summary_text(triage.build_summary(_answers()), mode=mode).lower()
            assert "you are eligible" not in text and "you qualify" not in text


class TestQuestions:
    def test_all_questions_in_order(self):
        ids = [q["id"] for q in triage.questions()]
        assert ids == ["who", "what_matters", "strengths", "support_network", "hard_things", "impact", "carer",
                       "place"]

    def test_hard_things_is_multi_select_with_all_outcomes(self):
        question = triage.question("hard_things")
        assert question["multi_select"] is True
        assert [o["value"] for o in question["options"]] == ALL_OUTCOMES

    def test_personalised_for_resident(self):
        assert triage.question("what_matters", who="my mum")["text"] == "What matters most to your mum right now?"
        assert "your wellbeing" in triage.question("impact", who="me")["text"]

    def test_staff_script(self):
        question = triage.question("what_matters", mode="staff", who="my dad")
        assert question["text"].startswith("Ask the caller")
        assert "the caller's dad" in question["text"]

    def test_unknown_question(self):
        with pytest.raises(KeyError):
            triage.question("favourite_colour")


@pytest.mark.parametrize(("text", "relation"), [
    ("my mams got dementia and shes wandering at nite, we live in grimsby", "mum"),
    ("me mam", "mum"), ("me mum", "mum"), ("mammy", "mum"), ("my mom", "mum"), ("mummy", "mum"),
    ("nan", "nan"), ("my nana", "nan"), ("nanna", "nan"), ("me gran", "nan"), ("grandma", "nan"),
    ("my nans house", "nan"), ("grandad", "grandad"), ("me grandads", "grandad"), ("grandpa", "grandad"),
    ("hubby", "husband"), ("the husband", "husband"), ("my hubbys poorly", "husband"),
    ("the wife", "wife"), ("the missus", "wife"), ("my other half", "partner"),
    ("our kid", "brother"), ("me da", "dad"), ("my dads", "dad"), ("our lass", "daughter"),
    ("the lady next door", "neighbour"), ("my pal", "friend"), ("my cousin", "relative"),
    ("my mother in law", "relative"), ("my father-in-law", "relative"),
])
def test_parse_who_knows_everyday_and_regional_relation_words(text, relation):
    who = triage.parse_who(text)
    assert who["for"] == "other" and who["relation"] == relation, (text, who)
    assert who["label"].startswith("your ")


@pytest.mark.parametrize("text", ["me", "for myself", "I want help for me", "it's for me"])
def test_parse_who_still_knows_self(text):
    assert triage.parse_who(text)["for"] == "self"


@pytest.mark.parametrize("text, for_, relation, gone", [
    ("im so lonely since my husband died, i dont go out anymore", "self", None, {"husband"}),
    ("I lost my wife last year and can't cope", "self", None, {"wife"}),
    ("my mum is lonely since my dad passed away", "other", "mum", {"dad"}),
    ("my mum passed out", "other", "mum", set()),
    ("my mum is getting forgetful", "other", "mum", set()),
])
def test_someone_who_has_died_is_not_who_the_chat_is_about(text, for_, relation, gone):
    who = triage.parse_who(text)
    assert (who["for"], who["relation"]) == (for_, relation)
    assert triage.bereaved_relations(text) == gone


def test_the_first_person_named_is_the_one_the_chat_is_about():
    assert triage.parse_who("my wife and I are worried about her mum")["relation"] == "wife"


@pytest.mark.parametrize("place", ["Preston", "Loughborough", "Grimsby", "Bath"])
def test_staff_case_note_contact_lines_are_in_staff_voice(place):
    summary = triage.build_summary({"who": "my husband", "place": place, "hard_things": "washing"})
    note = triage.summary_text(summary, mode="staff")
    resident = triage.summary_text(summary)
    assert "I don't have a checked phone number" not in note
    assert "You can find it on the council's website" not in note
    assert all(line in note for line in summary["contact"]["staff_lines"])
    assert summary["contact"]["website"] in note
    assert "Tell the caller" not in resident


def test_staff_case_note_from_an_older_summary_without_staff_lines():
    summary = triage.build_summary({"who": "my mum", "place": "Preston"})
    summary["contact"].pop("staff_lines")
    note = triage.summary_text(summary, mode="staff")
    assert "I don't have a checked phone number" not in note


@pytest.mark.parametrize(("place", "council_name"), [
    ("Skegness", "Lincolnshire County Council"), ("Manchester", "Manchester City Council"),
    ("Blackpool", "Blackpool Council"), ("Coventry", "Coventry City Council"),
])
def test_triage_place_outside_our_areas_names_its_own_council(place, council_name):
    summary = triage.build_summary({"who": "my dad", "place": place, "council": "lancashire"})
    assert summary["council"] != "lancashire"
    assert summary["contact"]["name"] == council_name
    text = triage.summary_text(summary)
    assert f"{place} is covered by {council_name}, not by the areas Signpost covers" in text
    assert "Lancashire County Council" not in text
    note = triage.summary_text(summary, mode="staff")
    assert f"Refer the caller to {council_name}" in note


def test_triage_place_in_wales_says_the_rules_differ():
    text = triage.summary_text(triage.build_summary({"who": "my mum", "place": "Cardiff"}))
    assert "Wales has its own social care law" in text


def test_triage_postcode_outside_our_areas_says_so():
    text = triage.summary_text(triage.build_summary({"who": "my mum", "place": "M1 1AE"}))
    assert "M1 1AE is a Manchester area postcode, outside the areas Signpost covers." in text


def test_triage_covered_place_still_wins_over_nothing_and_explicit_council_without_place():
    assert triage.build_summary({"place": "Preston", "council": "lancashire"})["council"] == "lancashire"
    assert triage.build_summary({"council": "leicestershire"})["council"] == "leicestershire"


def test_the_place_named_in_triage_wins_over_the_website_council():
    assert triage.build_summary({"place": "Grimsby", "council": "lancashire"})["council"] == "north-east-lincolnshire"


# -- QA findings: bereavement, places, other concerns, messages that are not answers ----------------

@pytest.mark.parametrize("text, gone", [
    ("since the wife died i dont see anyone from one week to the next", {"wife"}),
    ("the husband passed away last year", {"husband"}),
    ("since the missus passed i'm on my own", {"wife"}),
    ("our mam died in the spring", {"mum"}),
    ("lost me dad at christmas", {"dad"}),
    ("wife passed away in march", {"wife"}),
    ("my dad has died", {"dad"}),
    ("my mum nearly died last year", set()),
    ("my daughter passed her driving test", set()),
    ("my mum passed out", set()),
])
def test_bereaved_relations_in_everyday_words(text, gone):
    assert triage.bereaved_relations(text) == gone


def test_the_writer_is_who_the_chat_is_about_after_a_loss():
    assert triage.parse_who("since the wife died i dont see anyone from one week to the next")["for"] == "self"


@pytest.mark.parametrize("text, mode, expected", [
    ("since the wife died i dont see anyone", "resident", "I'm sorry about your wife."),
    ("since he died I can't cope", "resident", "I'm sorry for your loss."),
    ("I was widowed last year", "resident", "I'm sorry for your loss."),
    ("since the wife died i dont see anyone", "staff", "The caller has been bereaved (their wife). Acknowledge the loss."),
    ("my mum is getting forgetful", "resident", None),
])
def test_condolence(text, mode, expected):
    assert triage.condolence(text, mode) == expected


@pytest.mark.parametrize("text, expected", [
    ("My mother lives in Accrington and I live in Manchester",
     [("person", "accrington"), ("writer", "manchester")]),
    ("she's in Clitheroe", [("person", "clitheroe")]),
    ("I'm in Preston but mum's in Accrington", [("writer", "preston"), ("person", "accrington")]),
    ("dad lives on his own in Clitheroe, I live in Leeds", [("person", "clitheroe"), ("writer", "leeds")]),
    ("my dad fell in the kitchen", []),
    ("Preston", []),
])
def test_place_mentions(text, expected):
    assert triage.place_mentions(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("she hasnt been out in weeks", ["community"]),
    ("he doesn't go out any more", ["community"]),
    ("she hasn't seen anyone since christmas", ["relationships"]),
])
def test_find_outcomes_not_going_out(text, expected):
    assert triage.find_outcomes(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("she forgets to take her tablets", ["medication"]),
    ("he won't take his medication", ["medication"]),
    ("i havent slept properly in months", ["sleep"]),
    ("she's been very anxious", ["mood"]),
    ("she can still take her own tablets", []),
    ("quite a lot", []),
])
def test_find_concerns(text, expected):
    assert triage.find_concerns(text) == expected


def test_concerns_and_notes_are_kept_apart_from_the_outcomes():
    value = ["home_safety", "medication", "she is just not herself"]
    assert triage.parse_hard_things(value) == ["home_safety"]
    assert triage.parse_concerns(value) == ["medication"]
    assert triage.hard_things_note(value) == "she is just not herself"
    assert triage.hard_things_note(["meals", "none"]) == ""


def test_summary_with_concerns_and_a_note_does_not_say_nothing_is_hard():
    summary = triage.build_summary({"who": "my mum", "hard_things": ["medication", "quite a lot"]})
    assert summary["hard_things"] == []
    assert summary["other_concerns"] == [{"id": "medication", "label": "taking medicines"}]
    assert summary["hard_things_note"] == "quite a lot"
    assert "telecare" in [c["slug"] for c in summary["suggested_categories"]]
    assert summary["assessment"]["needs_assessment_worthwhile"] is False  # concerns are not outcomes
    text = triage.summary_text(summary)
    assert "did not tell me about anything" not in text
    assert "Also mentioned: taking medicines." in text and "In your words: quite a lot" in text
    staff = triage.summary_text(summary, "staff")
    assert "Other concerns reported: taking medicines." in staff


def test_summary_with_nothing_hard_still_says_so():
    assert "did not tell me about anything" in triage.summary_text(triage.build_summary({"hard_things": []}))


def test_hard_things_question_offers_what_else():
    asked = triage.hard_things_question("resident", "my mum", ["washing", "dressing"])
    assert asked["text"].startswith("You told me washing and dressing are hard. Is anything else hard now?")
    assert "washing" not in [o["value"] for o in asked["options"]]
    one = triage.hard_things_question("resident", "my mum", ["home_safety"])
    assert "moving around the home safely is hard" in one["text"]
    assert triage.hard_things_question("resident", "my mum", [])["text"].startswith("Which everyday things")
    assert triage.hard_things_question("staff", None, ["meals"])["text"].startswith("The caller has mentioned meals")


def test_every_question_says_why_it_is_asked():
    for asked in triage.questions():
        assert triage.why(asked["id"], "resident", "my mum")
        assert triage.why(asked["id"], "staff").startswith("If the caller asks why")
    assert "your mum" in triage.why("what_matters", "resident", "my mum")


@pytest.mark.parametrize("text, about, cost, bye", [
    ("why do you ask", True, False, False),
    ("Why?", True, False, False),
    ("what do you mean what matters", True, False, False),
    ("I don't understand the question", True, False, False),
    ("how much will it cost her", False, True, False),
    ("will she have to pay?", False, True, False),
    ("bye", False, False, True),
    ("ok thanks bye", False, False, True),
    ("I'm off now", False, False, True),
    ("my son helps but he has to pay for the bus", False, False, False),
    ("she goes to church on sundays", False, False, False),
    ("quite a lot", False, False, False),
    ("why she fell I don't know but she did", False, False, False),
])
def test_messages_that_are_not_answers(text, about, cost, bye):
    assert triage.asks_about_the_question(text) is about
    assert triage.asks_about_cost(text) is cost
    assert triage.says_goodbye(text) is bye


# -- the staff case note: plain words only, and any safety concern first --------------------------------

def _safety_event(kind: str, at: float | None, council: dict | None = None, also: tuple = ()) -> dict:
    custom = {"type": "safety", "kind": kind, "rule": "some_rule_id", "also": list(also)}
    if council is not None:
        custom["council"] = council
    event = {"event": "bot", "text": None, "data": {"custom": custom}}
    if at is not None:
        event["timestamp"] = at
    return event


LANCASHIRE = {"slug": "lancashire", "name": "Lancashire County Council"}
#: 14:02 on 3 July 2025, UK summer time (13:02 UTC)
JULY_1402 = 1751547720.0


def test_staff_case_note_has_no_slugs_ids_or_true_false():
    summary = triage.build_summary(_answers())
    note = triage.summary_text(summary, mode="staff")
    for item in summary["suggested_categories"]:
        assert item["name"] in note
        assert f"({item['slug']})" not in note and item["slug"] not in note
    for internal in ("home_safety", "True", "False", "None", "struggling,", "generated_at", "T0", "+00:00"):
        assert internal not in note


def test_staff_case_note_date_is_uk_time():
    summary = triage.build_summary(_answers())
    summary["generated_at"] = "2025-07-03T13:02:00+00:00"
    note = triage.summary_text(summary, mode="staff")
    assert note.startswith("Case note, 3 July 2025 at 14:02. Caller reports on behalf of their mum.")
    summary["generated_at"] = "2025-12-03T13:02:00+00:00"
    assert triage.summary_text(summary, mode="staff").startswith("Case note, 3 December 2025 at 13:02.")


def test_safety_concerns_are_read_from_the_safety_payloads():
    events = [
        {"event": "user", "text": "my son hits me and takes my pension", "timestamp": JULY_1402 - 5,
         "parse_data": {"intent": {"name": "abuse_report"}}},
        {"event": "action", "name": "action_safety", "timestamp": JULY_1402},
        {"event": "bot", "text": "This may be a safeguarding concern.", "timestamp": JULY_1402},
        _safety_event("abuse", JULY_1402, LANCASHIRE),
        {"event": "bot", "text": "Here are some services.", "data": {"custom": {"type": "service_cards"}}},
    ]
    concerns = triage.safety_concerns(events)
    assert concerns == [{"kind": "abuse", "council": LANCASHIRE, "at": "2025-07-03T13:02:00+00:00"}]
    assert "hits" not in str(concerns) and "some_rule_id" not in str(concerns)


def test_safety_concerns_count_the_other_kinds_a_reply_covered():
    concerns = triage.safety_concerns([_safety_event("emergency", JULY_1402, LANCASHIRE, also=("abuse",))])
    assert [c["kind"] for c in concerns] == ["emergency", "abuse"]


def test_safety_concerns_from_an_action_run_without_a_payload():
    events = [
        {"event": "user", "text": "I want to end it all", "parse_data": {"intent": {"name": "suicidal"}}},
        {"event": "action", "name": "action_safety", "timestamp": JULY_1402},
        {"event": "action", "name": "action_listen", "timestamp": JULY_1402},
    ]
    assert triage.safety_concerns(events) == [{"kind": "suicide", "council": None, "at": "2025-07-03T13:02:00+00:00"}]


@pytest.mark.parametrize("events", [None, [], "junk", [None, 3, {"event": "bot", "data": "x"}],
                                    [{"event": "bot", "data": {"custom": {"type": "safety", "kind": "bogus"}}}]])
def test_safety_concerns_of_odd_events_are_empty(events):
    assert triage.safety_concerns(events) == []


def test_safety_lines_are_short_neutral_and_most_urgent_first():
    concerns = [
        {"kind": "abuse", "council": LANCASHIRE, "at": JULY_1402},
        {"kind": "abuse", "council": LANCASHIRE, "at": JULY_1402 + 300},
        {"kind": "suicide", "council": None, "at": JULY_1402 + 60},
        {"kind": "emergency", "council": None, "at": None},
    ]
    lines = triage.safety_lines(concerns, now=JULY_1402)
    assert lines == [
        "Safety concern: possible emergency (someone may be in danger or hurt); caller told to call 999 "
        "(time not recorded).",
        "Safety concern: possible risk of suicide or self-harm; 999, Samaritans (116 123) and NHS 111 option 2 "
        "given at 14:03.",
        "Safety concern: possible abuse or neglect disclosed; safeguarding route given at 14:02 and 14:07 "
        "(Lancashire County Council adult social care).",
    ]


def test_safety_line_on_another_day_has_its_date_and_a_national_route_is_named_plainly():
    concerns = [{"kind": "abuse", "council": {"slug": "national", "name": "your local council"}, "at": JULY_1402}]
    (line,) = triage.safety_lines(concerns, now=JULY_1402 + 3 * 86400)
    assert line == ("Safety concern: possible abuse or neglect disclosed; safeguarding route given at 14:02 on "
                    "3 July 2025 (the adult social care team of the council where the person lives).")


def test_staff_case_note_starts_with_the_safety_concern_and_a_resident_summary_never_shows_it():
    concerns = triage.safety_concerns([_safety_event("abuse", JULY_1402, LANCASHIRE)])
    summary = triage.build_summary({**_answers(), "safety": concerns})
    assert summary["safety"] == concerns
    note = triage.summary_text(summary, mode="staff")
    first, second = note.splitlines()[:2]
    assert first.startswith("Safety concern: possible abuse or neglect disclosed; safeguarding route given at 14:02")
    assert "Lancashire County Council" in first
    assert second.startswith("Case note, ")
    resident = triage.summary_text(summary)
    assert "Safety concern" not in resident and "abuse" not in resident.lower()


def test_summary_without_safety_answers_has_no_safety_key():
    assert "safety" not in triage.build_summary(_answers())
    assert triage.build_summary({**_answers(), "safety": [{"kind": "nonsense"}, "x"]})["safety"] == []


def test_case_note_items_are_plain_words():
    items = triage.case_note_items({
        "who": "my mum", "what_matters": "Staying at home", "hard_things": "washing,home_safety,she forgets her tablets",
        "impact": "big", "carer": "just_about", "place": "Preston",
    })
    assert items == [
        {"label": "Person the call is about", "value": "the caller's mum"},
        {"label": "What matters to the person", "value": "Staying at home"},
        {"label": "Everyday difficulties reported (Care Act outcomes)", "value": "washing and moving around the home safely"},
        {"label": "Other concerns reported", "value": "taking medicines"},
        {"label": "Difficulties in the caller's words", "value": "she forgets her tablets"},
        {"label": "Effect on wellbeing (caller's view)", "value": "a big effect"},
        {"label": "Unpaid carer", "value": "yes, just about coping"},
        {"label": "Location", "value": "Preston"},
    ]
    assert triage.case_note_items({"who": "myself", "hard_things": "none", "carer": "none"}) == [
        {"label": "Person the call is about", "value": "the caller"},
        {"label": "Everyday difficulties reported (Care Act outcomes)", "value": "none"},
        {"label": "Unpaid carer", "value": "no one"},
    ]
    assert triage.case_note_items({}) == [] and triage.case_note_items(None) == []


def test_case_note_labels_match_the_staff_summary_wording():
    from bot import wording

    for key, label in triage.CASE_NOTE_LABELS.items():
        if key in ("who", "other_concerns", "hard_things_note"):
            continue
        assert wording.template(f"summary.{key}", "staff").startswith(label + ":"), key
    for key, wording_key in (("other_concerns", "summary_concerns"), ("hard_things_note", "summary_note")):
        assert triage.reply(wording_key, "staff", text="x").startswith(triage.CASE_NOTE_LABELS[key] + ":")


# -- helpers and company are not the person; the writer about themselves (QA round 2, J4) ------------

@pytest.mark.parametrize("text, for_, relation, side", [
    ("i have a learning disability and want to meet friends", "self", None, {"friend"}),
    ("my mum helps me", "self", None, {"mum"}),
    ("my mum helps me look after my dad", "other", "dad", {"mum"}),
    ("my daughter does my shopping but i cant cook", "self", None, {"daughter"}),
    ("i get help from my son but i cant manage the stairs", "self", None, {"son"}),
    ("my son pops in but my husband is struggling", "other", "husband", {"son"}),
    ("help with my mum", "other", "mum", set()),
    ("my friend wants to meet friends", "other", "friend", set()),
    ("my mum is getting forgetful", "other", "mum", set()),
])
def test_helpers_and_company_are_not_who_the_chat_is_about(text, for_, relation, side):
    who = triage.parse_who(text)
    assert (who["for"], who["relation"]) == (for_, relation)
    assert triage.side_relations(text) == side


@pytest.mark.parametrize("text, expected", [
    ("i have a learning disability and want to meet friends", True),
    ("i want to do things in the day", True),
    ("nobody has spoken to me all week. i'm 84", True),
    ("im deaf", True),
    ("I can't get out any more", True),
    ("I'd like to talk it through", False),
    ("i want to talk it through", False),
    ("i need some advice", False),
    ("i have a question about care homes", False),
    ("I'm worried about someone", False),
])
def test_speaks_for_self(text, expected):
    assert triage.speaks_for_self(text) is expected


# -- corrections of who it is for (J3) -------------------------------------------------------------

@pytest.mark.parametrize("text, relation", [
    ("actually it's for my dad not my mum, he lives in grimsby", "dad"),
    ("actually sorry its my dad i'm more worried about, mum is coping ok", "dad"),
    ("not my mum, my dad", "dad"),
    ("sorry i meant my dad", "dad"),
    ("no it's about my nan not my mum", "nan"),
    ("its my mum not my dad who needs help", "mum"),
    ("actually my son helps", None),
    ("no its my dad who helps", None),
    ("my mum helps me", None),
    ("its for my mum", None),
    ("my mum is not eating", None),
])
def test_corrected_relation(text, relation):
    assert triage.corrected_relation(text) == relation


# -- young carers (S9) -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, young, age", [
    ("im 15 and i look after my mum shes got MS", True, 15),
    ("im a young carer, i'm 14", True, 14),
    ("I am 13 years old and I help my dad get dressed", True, 13),
    ("caller is a young carer looking after his dad", True, None),
    ("young carers groups near preston", False, None),
    ("im 15 minutes away from my mum and look after her", False, None),
    ("im 84 and I look after my wife", False, 84),
    ("i'm 16 stone and care for my wife", False, None),
    ("im 15", False, 15),
])
def test_young_carer(text, young, age):
    assert triage.young_carer(text) is young
    assert triage.writer_age(text) == age


def test_living_in_bath_is_not_washing():
    assert triage.find_outcomes("i live in bath") == []
    assert triage.find_outcomes("we're in bath and mum can't get in the bath") == ["washing"]


# -- QA round 3: a carer who cannot lift the person; misspelt relations -------------------------------

@pytest.mark.parametrize("text, expected", [
    ("my wif has parkinsons and i carnt lift her no more we live in burnly", True),
    ("I can't get him up off the floor when he falls", True),
    ("im struggling to move him in bed", True),
    ("lifting her is getting too much", True),
    ("i can lift her fine", False),
    ("she cant lift her arm", False),
    ("he can't move his legs", False),
])
def test_carer_cannot_lift(text, expected):
    assert triage.carer_cannot_lift(text) is expected


@pytest.mark.parametrize("text, relation", [("my wif has parkinsons", "wife"), ("me wif is poorly", "wife"),
                                            ("my husbnd has dementia", "husband"), ("come wif me", None)])
def test_misspelt_relations(text, relation):
    assert triage.parse_who(text)["relation"] == relation
