"""Finding a service: the search form's validation and questions, results as cards, paging."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.services import (
    ActionAskCategory,
    ActionAskPlace,
    ActionMoreResults,
    ActionSearchElsewhere,
    ActionSearchServices,
    ActionStartSearch,
    ValidateServiceSearchForm,
    category_from_text,
)
from actions.understand import validate_place_value
from tests.actions.conftest import buttons, call, customs, entity, make_tracker, run, slot_events, texts


@pytest.mark.parametrize(
    "words, slug",
    [
        ("pendant alarm", "telecare"),
        ("lifeline", "telecare"),
        ("telecair", "telecare"),
        ("day centre", "day-services"),
        ("sitting service", "respite"),
        ("respit", "respite"),
        ("demensia", "dementia-support"),
        ("carers coming in", "home-care"),
        ("day-services", "day-services"),
        ("I'd like a lunch club for my dad", "day-services"),
    ],
)
def test_everyday_words_and_typos_find_the_category(words, slug):
    assert category_from_text(words).slug == slug


@pytest.mark.parametrize("words", ["", "   ", "Preston", "xyzzy", "a" * 5000])
def test_nonsense_finds_no_category(words):
    assert category_from_text(words) is None


def validate(method, value, tracker, dispatcher):
    return call(getattr(ValidateServiceSearchForm(), method)(value, dispatcher, tracker, {}))


def test_validate_category_accepts_everyday_words(dispatcher):
    tracker = make_tracker("a pendant alarm", active_loop="service_search_form", requested_slot="category")
    assert validate("validate_category", "a pendant alarm", tracker, dispatcher) == {"category": "telecare"}


def test_validate_category_rejects_unknown_with_a_message(dispatcher):
    tracker = make_tracker("a unicorn", active_loop="service_search_form", requested_slot="category")
    assert validate("validate_category", "a unicorn", tracker, dispatcher) == {"category": None}
    assert "don't know that kind of service" in texts(dispatcher)


def test_an_unknown_kind_before_the_question_is_asked_just_asks_it(dispatcher):
    tracker = make_tracker("help with a shower instead of a bath", active_loop="service_search_form",
                           entities=[entity("category", "a bath")])
    assert validate("validate_category", "a bath", tracker, dispatcher) == {"category": None}
    assert texts(dispatcher) == ""


def test_second_unknown_kind_in_a_row_ends_the_form_with_ways_on(dispatcher):
    earlier = [{"event": "active_loop", "name": "service_search_form"},
               {"event": "bot", "text": "Sorry, I don't know that kind of service yet."}]
    tracker = make_tracker("a unicorn", active_loop="service_search_form", requested_slot="category",
                           events=earlier)
    assert validate("validate_category", "a unicorn", tracker, dispatcher) == {
        "category": None, "requested_slot": None}
    assert "talk it through" in texts(dispatcher) and "speak to someone" in texts(dispatcher)


def test_a_miss_in_an_earlier_search_does_not_count(dispatcher):
    earlier = [{"event": "bot", "text": "Sorry, I don't know that kind of service yet."},
               {"event": "active_loop", "name": "service_search_form"}]
    tracker = make_tracker("a unicorn", active_loop="service_search_form", requested_slot="category",
                           events=earlier)
    assert validate("validate_category", "a unicorn", tracker, dispatcher) == {"category": None}


@pytest.mark.parametrize(
    "value, name, council",
    [
        ("Preston", "Preston", "lancashire"),
        ("in Loughborough please", "Loughborough", "leicestershire"),
        ("pr1 2he", "PR1 2HE", "lancashire"),
        ("BA1 1AA", "BA1 1AA", "bath-and-north-east-somerset"),
        ("Grimsby", "Grimsby", "north-east-lincolnshire"),
    ],
)
def test_validate_place_resolves_towns_and_postcodes(dispatcher, value, name, council):
    tracker = make_tracker(value, active_loop="service_search_form", requested_slot="place")
    assert validate("validate_place", value, tracker, dispatcher) == {"place": name, "council": council}


def test_unknown_place_outside_our_areas_says_what_is_covered(dispatcher):
    tracker = make_tracker("Narnia", entities=[entity("place", "Narnia")], active_loop="service_search_form",
                           requested_slot="place")
    assert validate("validate_place", "Narnia", tracker, dispatcher) == {"place": None}
    assert "\"Narnia\"" in texts(dispatcher) and "Leicestershire" in texts(dispatcher)


def test_validate_place_suggests_close_names(dispatcher):
    tracker = make_tracker("Prestn", active_loop="service_search_form", requested_slot="place")
    assert validate("validate_place", "Prestn", tracker, dispatcher) == {"place": None}
    assert "Preston" in [b["title"] for b in buttons(dispatcher)]


def test_validate_place_falls_back_to_an_entity_in_the_sentence(dispatcher):
    text = "she lives over in Chorley"
    tracker = make_tracker(text, entities=[entity("place", "Chorley")], active_loop="service_search_form",
                           requested_slot="place")
    assert validate("validate_place", text, tracker, dispatcher)["place"] == "Chorley"


@pytest.mark.parametrize("value", ["", "x" * 5000, "'; DROP TABLE service; --", "🙂🙂🙂"])
def test_validate_place_handles_bad_input(dispatcher, value):
    tracker = make_tracker(value, active_loop="service_search_form", requested_slot="place")
    assert validate("validate_place", value, tracker, dispatcher) == {"place": None}
    said = texts(dispatcher)
    assert "town or postcode" in said and "DROP" not in said


def test_form_run_validates_slots_from_this_turn(dispatcher, domain):
    tracker = make_tracker(
        "lifeline in Chorley",
        active_loop="service_search_form",
        requested_slot="category",
        slots={"category": "lifeline", "place": "Chorley"},
        events=[{"event": "slot", "name": "category", "value": "lifeline"},
                {"event": "slot", "name": "place", "value": "Chorley"}],
    )
    events = run(ValidateServiceSearchForm(), tracker, dispatcher, domain)
    assert slot_events(events) == {"category": "telecare", "place": "Chorley", "council": "lancashire"}


def test_start_search_forgets_an_old_category_but_keeps_the_place(dispatcher):
    tracker = make_tracker("/find_service", intent="find_service", slots={"category": "telecare", "place": "Bath"})
    assert slot_events(run(ActionStartSearch(), tracker, dispatcher)) == {"results_offset": 0.0, "category": None}


def test_a_short_answer_with_nothing_to_search_for_is_not_a_search(dispatcher):
    tracker = make_tracker("she's 80", intent="inform")
    events = run(ActionStartSearch(), tracker, dispatcher)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["action_listen"]
    assert "didn't quite understand" in texts(dispatcher) and buttons(dispatcher)


def test_a_person_on_their_own_starts_the_search_that_offers_talk_it_through(dispatcher):
    events = run(ActionStartSearch(), make_tracker("for my dad", intent="inform"), dispatcher)
    assert not [e for e in events if e.get("event") == "followup"]


@pytest.mark.parametrize("text, entities", [
    ("Can my husband get help with a shower instead of a bath? We live in Lancaster", [("category", "a bath")]),
    ("my son is 19 and autistic, what happens now he's an adult?", []),
])
def test_a_situation_with_no_known_service_is_talked_through(dispatcher, text, entities):
    tracker = make_tracker(text, intent="find_service", entities=[entity(*e) for e in entities])
    events = run(ActionStartSearch(), tracker, dispatcher)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["triage_form"]


@pytest.mark.parametrize(("text", "entities", "slug"), [
    ("can I get carers allowance for looking after my dad",
     [("topic", "carers allowance"), ("category", "carers"), ("relation", "dad")], "carers-allowance"),
    ("NHS continuing healthcare for my mum in Preston", [("place", "Preston")], "nhs-continuing-healthcare"),
])
def test_a_named_topic_is_explained_not_searched_for(dispatcher, text, entities, slug):
    tracker = make_tracker(text, intent="find_service", entities=[entity(*e) for e in entities])
    events = run(ActionStartSearch(), tracker, dispatcher)
    assert [c.get("slug") for c in customs(dispatcher, "explanation")] == [slug]
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["action_listen"]
    assert "Which town" not in texts(dispatcher)


@pytest.mark.parametrize("text", ["Grimsby", "day centres"])
def test_a_short_answer_naming_a_place_or_service_starts_the_search(dispatcher, text):
    events = run(ActionStartSearch(), make_tracker(text, intent="inform"), dispatcher)
    assert not [e for e in events if e.get("event") == "followup"]


def test_start_search_keeps_a_category_named_now(dispatcher):
    tracker = make_tracker("day centres", intent="find_service", entities=[entity("category", "day centres")])
    assert slot_events(run(ActionStartSearch(), tracker, dispatcher)) == {"results_offset": 0.0}


def test_ask_category_offers_buttons_and_staff_wording(dispatcher):
    run(ActionAskCategory(), make_tracker("find a service"), dispatcher)
    assert '/inform{"category": "telecare"}' in [b["payload"] for b in buttons(dispatcher)]
    staff = type(dispatcher)()
    run(ActionAskCategory(), make_tracker("find a service", metadata={"mode": "staff"}), staff)
    assert "Ask the caller" in texts(staff)


def test_ask_place_words_the_question_for_triage(dispatcher):
    run(ActionAskPlace(), make_tracker("x", active_loop="triage_form", slots={"triage_who": "my mum"}), dispatcher)
    assert "live" in texts(dispatcher)
    assert buttons(dispatcher)[0]["payload"] == "/decline"


@pytest.mark.parametrize(
    "metadata, slots, example",
    [
        ({"council": "leicestershire"}, {}, "For example Loughborough, or LE11."),
        ({"council": "north-east-lincolnshire"}, {}, "For example Grimsby, or DN31."),
        ({}, {"council": "bath-and-north-east-somerset"}, "For example Bath, or BA1."),
        ({"council": "leicestershire"}, {"council": "blackpool"}, "For example Loughborough, or LE11."),
        ({}, {}, "For example Preston, or PR1 2HE."),  # the deployment default, Lancashire
    ],
)
def test_ask_place_example_comes_from_the_council_in_use(dispatcher, metadata, slots, example):
    run(ActionAskPlace(), make_tracker("find a day centre", metadata=metadata, slots=slots), dispatcher)
    assert example in texts(dispatcher)
    assert "Preston" not in texts(dispatcher) or example.startswith("For example Preston")


def test_search_sends_cards_text_and_next_steps(dispatcher):
    tracker = make_tracker("day centres in Preston", slots={"category": "day-services", "place": "Preston"})
    events = run(ActionSearchServices(), tracker, dispatcher)
    cards = customs(dispatcher, "service_cards")[0]
    assert cards["cards"], "the sample directory has day services near Preston"
    first = cards["cards"][0]
    assert {"name", "description", "distance_km", "phone", "cost", "is_sample", "source"} <= set(first)
    assert first["name"] in texts(dispatcher)
    titles = [b["title"] for b in buttons(dispatcher)]
    assert "Search somewhere else" in titles
    assert slot_events(events)["council"] == "lancashire"


def test_more_results_moves_to_the_next_page(dispatcher):
    slots = {"category": "day-services", "place": "Preston", "results_offset": 0.0}
    first_page = type(dispatcher)()
    run(ActionSearchServices(), make_tracker("x", slots=slots), first_page)
    events = run(ActionMoreResults(), make_tracker("more", intent="more_results", slots=slots), dispatcher)
    assert slot_events(events)["results_offset"] == 5.0
    before = {c["id"] for c in customs(first_page, "service_cards")[0]["cards"]}
    after = customs(dispatcher, "service_cards")
    if after and after[0]["cards"]:
        assert not before & {c["id"] for c in after[0]["cards"]}
    else:
        assert "couldn't find any more" in texts(dispatcher)


def test_more_results_without_a_search_offers_to_start_one(dispatcher):
    run(ActionMoreResults(), make_tracker("more", intent="more_results"), dispatcher)
    assert "/find_service" in [b["payload"] for b in buttons(dispatcher)]


def test_search_outside_the_covered_areas_gives_national_services(dispatcher):
    tracker = make_tracker("x", slots={"category": "carers-support", "place": "Manchester"})
    run(ActionSearchServices(), tracker, dispatcher)
    said = texts(dispatcher)
    assert said  # a clear message, never silence
    national = [c for p in customs(dispatcher, "service_cards") for c in p.get("national", [])]
    assert national or "couldn't" in said


def test_search_when_the_directory_is_down_says_so(dispatcher, monkeypatch):
    monkeypatch.setenv("SIGNPOST_DATABASE_URL", "sqlite:////nonexistent/dir/x.db")
    run(ActionSearchServices(), make_tracker("x", slots={"category": "telecare", "place": "Bath"}), dispatcher)
    assert "can't search the directory just now" in texts(dispatcher)


def test_search_elsewhere_forgets_the_place_unless_a_new_one_is_named(dispatcher):
    events = run(ActionSearchElsewhere(), make_tracker("somewhere else", slots={"place": "Bath"}), dispatcher)
    assert slot_events(events) == {"results_offset": 0.0, "place": None}
    tracker = make_tracker("what about Burnley", entities=[entity("place", "Burnley")])
    assert slot_events(run(ActionSearchElsewhere(), tracker, dispatcher)) == {"results_offset": 0.0}


def test_a_huge_answer_is_read_without_trouble(dispatcher):
    text = "lifeline " + "blah " * 5000
    assert category_from_text(text).slug == "telecare"
    tracker = make_tracker(text, active_loop="service_search_form", requested_slot="place")
    assert validate("validate_place", text, tracker, dispatcher) == {"place": None}


def test_a_place_alone_searches_the_same_kind_of_service_there(dispatcher):
    tracker = make_tracker("Grimsby", intent="find_service", entities=[entity("place", "Grimsby")],
                           slots={"category": "day-services", "place": "Preston"})
    assert slot_events(run(ActionStartSearch(), tracker, dispatcher)) == {"results_offset": 0.0}


def test_everyday_words_in_an_answer_are_not_places(dispatcher):
    text = "she cant get in the bath"
    tracker = make_tracker(text, active_loop="service_search_form", requested_slot="place")
    assert validate("validate_place", text, tracker, dispatcher) == {"place": None}


def test_an_everyday_word_tagged_as_a_place_is_not_taken(dispatcher):
    tracker = make_tracker("she cant get in the bath", entities=[entity("place", "Bath")],
                           active_loop="service_search_form", requested_slot="place")
    assert validate("validate_place", "Bath", tracker, dispatcher) == {"place": None}
    whole = make_tracker("bath", entities=[entity("place", "bath")], active_loop="service_search_form",
                         requested_slot="place")
    assert validate("validate_place", "bath", whole, dispatcher)["place"] == "Bath"


@pytest.mark.parametrize("text, entities", [
    ("how do i get a carers assessment in leicestershire",
     [entity("category", "carers-support"), entity("place", "leicestershire")]),
    ("how do i get a carers assessment in leicestershire", []),  # no entities: the place is read from the words
])
def test_how_to_get_a_carers_assessment_is_not_a_search(dispatcher, text, entities):
    events = run(ActionStartSearch(), make_tracker(text, intent="find_service", entities=entities), dispatcher)
    said = texts(dispatcher)
    assert "How to get a carer's assessment" in said
    assert "Leicestershire County Council" in said and "leics.gov.uk" in said
    assert slot_events(events)["council"] == "leicestershire"
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["action_listen"]
    assert "/human_handoff" in [b["payload"] for b in buttons(dispatcher)]


def test_how_to_get_a_service_is_still_a_search(dispatcher):
    tracker = make_tracker("how do I get a lifeline alarm in Hinckley", intent="find_service",
                           entities=[entity("category", "telecare"), entity("place", "Hinckley")])
    events = run(ActionStartSearch(), tracker, dispatcher)
    assert not [e for e in events if e.get("event") == "followup"]
    assert "How to get" not in texts(dispatcher)


def test_how_do_i_get_it_after_a_search_says_how_to_get_that_service(dispatcher):
    searched = [{"event": "bot", "text": None, "data": {"custom": {
        "type": "service_cards", "category": {"slug": "telecare", "name": "Telecare"}}}}]
    events = run(ActionStartSearch(), make_tracker("how do I get one", intent="find_service", events=searched),
                 dispatcher)
    assert "How to get" in texts(dispatcher)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["action_listen"]


@pytest.mark.parametrize(("text", "slug"), [
    ("actually I just want to find a service near me", None),  # "a service" is not "day service"
    ("I need a service", None),
    ("telecair", "telecare"),
    ("help at hom", "home-care"),
    ("a day centr", "day-services"),
])
def test_near_misses_are_kinds_of_service_but_small_words_are_not(text, slug):
    found = category_from_text(text)
    assert (found.slug if found else None) == slug


@pytest.mark.parametrize("metadata, example", [
    ({"council": "leicestershire"}, "like Loughborough, or LE11."),
    ({"council": "north-east-lincolnshire"}, "like Grimsby, or DN31."),
    ({}, "like Preston, or PR1 2HE."),
])
def test_an_unknown_place_is_answered_with_the_pages_councils_example(metadata, example):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("Narnia", intent="inform", metadata=metadata)
    assert validate_place_value("Narnia", dispatcher, tracker) == {"place": None}
    assert example in texts(dispatcher)
