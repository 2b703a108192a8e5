"""Faults from the third round of played conversations (QA findings N7-N13, N8, d12): the fallback acting
on what it understood (a kind of service, a place, a postcode after a search, a topic), a direct-payments
question about a neighbour, questions inside the paying-for-care questions, a carer who cannot lift his
wife, thanks and kind words inside the talk-it-through, a request for a kind of service inside it, the
first message sent a third time, and "she" as someone else."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.funding import ActionAffirm, ActionStartFunding, ValidateFundingForm
from actions.general import ActionFallback
from actions.triage import ActionAskTriageWho, ActionStartTriage, ValidateTriageForm, pronoun_in
from bot import triage
from tests.actions.conftest import (
    buttons,
    customs,
    entity,
    make_tracker,
    make_tracker_after,
    run,
    slot_events,
    texts,
    user_event,
)


def _followups(events):
    return [e.get("name") for e in events if e.get("event") == "followup"]


def searched(slug: str = "care-homes", place: str = "Scunthorpe") -> list[dict]:
    cards = {"type": "service_cards", "category": {"slug": slug, "name": slug}, "location": {"name": place}}
    return [user_event(f"{slug} in {place}"), {"event": "bot", "text": "Here is what I found", "data": {"custom": cards}}]


# -- item 1: the fallback acts on what it understood ------------------------------------------------

@pytest.mark.parametrize("text, entities", [
    ("carers support", [entity("category", "carers-support")]),
    ("carers support please", [entity("category", "carers-support")]),
    ("carers support please", []),  # no entity: the words name the kind of service
])
def test_a_kind_of_service_in_the_fallback_starts_the_search(dispatcher, text, entities):
    """QA N11 (a21, f06): not "Sorry, I didn't quite understand"; the search form asks for the place."""
    events = run(ActionFallback(), make_tracker(text, intent="nlu_fallback", entities=entities), dispatcher)
    assert slot_events(events)["category"] == "carers-support"
    assert _followups(events) == ["service_search_form"]
    assert "didn't quite understand" not in texts(dispatcher)


def test_a_bare_outcode_after_a_search_searches_there(dispatcher):
    """QA N12 (b08, f01): "dn15" after "care home in scunthorpe"."""
    tracker = make_tracker_after(searched(), "dn15", intent="nlu_fallback", entities=[entity("postcode", "dn15")],
                                 slots={"category": "care-homes"})
    events = run(ActionFallback(), tracker, dispatcher)
    slots = slot_events(events)
    assert slots["category"] == "care-homes" and slots["place"] == "DN15"
    assert _followups(events) == ["service_search_form"]


def test_a_bare_outcode_after_the_place_question_is_the_place(dispatcher):
    earlier = [user_event("care homes"), {"event": "bot", "text": "Which town or postcode should I look near?"}]
    tracker = make_tracker_after(earlier, "dn15", intent="nlu_fallback", slots={"category": "care-homes"})
    slots = slot_events(run(ActionFallback(), tracker, dispatcher))
    assert slots["category"] == "care-homes" and slots["place"] == "DN15"


GLASGOW = "ma da lives in glasgow and he needs a carer coming in, can ye help"
GLASGOW_ENTITIES = [entity("place", "glasgow"), entity("category", "home-care")]


@pytest.mark.parametrize("action, intent", [(ActionFallback(), "nlu_fallback"), (ActionStartTriage(), "describe_needs"),
                                            (ActionAffirm(), "affirm")])
def test_glasgow_and_a_kind_of_service_start_the_search_there(dispatcher, action, intent):
    """QA N9 (a06): the search names Glasgow City Council and Scotland's rules (its notice); no questions."""
    events = run(action, make_tracker(GLASGOW, intent=intent, entities=GLASGOW_ENTITIES), dispatcher)
    slots = slot_events(events)
    assert slots["category"] == "home-care" and slots["place"] == "Glasgow" and slots["council"] == "glasgow"
    assert _followups(events) == ["service_search_form"]


def test_glasgow_in_a_story_without_a_kind_of_service_is_named_at_once(dispatcher):
    events = run(ActionStartTriage(), make_tracker("ma da lives in Glasgow and hes getting frail",
                                                   intent="describe_needs"), dispatcher)
    assert "Glasgow City Council" in texts(dispatcher) and "Scotland" in texts(dispatcher)
    assert slot_events(events)["place"] == "Glasgow"


def test_a_place_alone_in_the_fallback_outside_our_areas_is_named(dispatcher):
    events = run(ActionFallback(), make_tracker("glasgow", intent="nlu_fallback",
                                                entities=[entity("place", "glasgow")]), dispatcher)
    assert "Glasgow City Council" in texts(dispatcher)
    assert slot_events(events)["place"] == "Glasgow" and _followups(events) == ["service_search_form"]


def test_a_topic_alone_in_the_fallback_is_explained(dispatcher):
    """QA N10 (b19): "CHC checklist?"."""
    run(ActionFallback(), make_tracker("CHC checklist?", intent="nlu_fallback", entities=[entity("topic", "CHC")]),
        dispatcher)
    assert customs(dispatcher, "explanation")[0]["slug"] == "nhs-continuing-healthcare"


def test_in_the_bath_is_not_a_place_in_the_fallback(dispatcher):
    events = run(ActionFallback(), make_tracker("she can't get in the bath anymore", intent="nlu_fallback",
                                                entities=[entity("place", "bath")]), dispatcher)
    assert slot_events(events).get("place") != "Bath"
    assert "service_search_form" not in _followups(events)


def test_a_safety_concern_keeps_the_old_fallback(dispatcher):
    tracker = make_tracker("carers support", intent="nlu_fallback", entities=[entity("category", "carers-support")])
    tracker.latest_message["intent_ranking"] = [{"name": "abuse_report", "confidence": 0.4}]
    events = run(ActionFallback(), tracker, dispatcher)
    assert "999" in texts(dispatcher) and "service_search_form" not in _followups(events)


def test_another_language_still_gets_the_language_notice(dispatcher):
    tracker = make_tracker("Shwmae, dw i angen help gyda gofal i mam", intent="nlu_fallback",
                           entities=[entity("relation", "mam")])
    run(ActionFallback(), tracker, dispatcher)
    assert "Welsh" in texts(dispatcher)


def test_english_after_the_language_notice_is_acted_on(dispatcher):
    """QA N13 (b10): after the Welsh notice, "sorry, i need help with care for my mum in Swansea"."""
    earlier = [user_event("Shwmae, dw i angen help gyda gofal i mam"),
               {"event": "bot", "text": "It looks like you wrote in Welsh.", "data": {"custom": {"type": "language"}}}]
    tracker = make_tracker_after(earlier, "sorry, i need help with care for my mum in Swansea", intent="nlu_fallback",
                                 entities=[entity("relation", "mum"), entity("place", "Swansea")])
    events = run(ActionFallback(), tracker, dispatcher)
    assert slot_events(events)["place"] == "Swansea" and _followups(events) == ["service_search_form"]
    assert "Swansea Council" in texts(dispatcher) and "didn't quite understand" not in texts(dispatcher)


def test_nothing_useful_keeps_the_fallback(dispatcher):
    run(ActionFallback(), make_tracker("wot is there", intent="nlu_fallback"), dispatcher)
    assert "didn't quite understand" in texts(dispatcher)


# -- item 2: direct payments to a neighbour; questions inside the paying-for-care questions -----------

@pytest.mark.parametrize("text", ["can i use direct payments to pay my neighbour to help me",
                                  "can I pay my friend with direct payments",
                                  "can i use my direct payment to pay someone i know"])
def test_paying_a_neighbour_with_direct_payments_is_answered(dispatcher, text):
    """QA N7 (b01): the answer, not the paying-for-care questions."""
    events = run(ActionStartFunding(), make_tracker(text, intent="paying_for_care",
                                                    entities=[entity("category", "direct-payments")]), dispatcher)
    assert customs(dispatcher, "explanation")[0]["slug"] == "direct-payments-family"
    assert _followups(events) == ["action_listen"]
    assert "neighbour" in texts(dispatcher)


@pytest.mark.parametrize("text, intent", [("how do i apply", "out_of_scope"),
                                          ("what about my daughter, she lives with me", "inform")])
def test_a_question_inside_the_funding_form_is_not_a_country(dispatcher, domain, text, intent):
    tracker = make_tracker(text, intent=intent, active_loop="funding_form", requested_slot="funding_nation",
                           slots={"funding_nation": text},
                           events=[{"event": "slot", "name": "funding_nation", "value": text}])
    events = slot_events(run(ValidateFundingForm(), tracker, dispatcher, domain))
    assert events["funding_nation"] is None
    said = texts(dispatcher)
    assert "Please choose England" not in said and said


def test_a_country_is_still_an_answer(dispatcher, domain):
    tracker = make_tracker("wales", intent="inform", active_loop="funding_form", requested_slot="funding_nation",
                           slots={"funding_nation": "wales"},
                           events=[{"event": "slot", "name": "funding_nation", "value": "wales"}])
    assert slot_events(run(ValidateFundingForm(), tracker, dispatcher, domain))["funding_nation"] == "wales"


# -- item 3: a carer who cannot lift his wife; thanks and requests inside the questions --------------

WIF = "my wif has parkinsons and i carnt lift her no more we live in burnly"


def test_wif_is_a_wife():
    assert triage.parse_who(WIF)["relation"] == "wife"
    assert triage.parse_who("come wif me")["relation"] is None


def test_a_carer_who_cannot_lift_his_wife_gets_equipment_and_a_carers_assessment(dispatcher):
    """QA N8 (a02): not "What matters most to the person you are asking about"."""
    events = run(ActionStartTriage(), make_tracker(WIF, intent="describe_needs",
                                                   entities=[entity("relation", "wif")]), dispatcher)
    said = texts(dispatcher)
    assert "hoist" in said and "carer's assessment" in said and "Let's talk it through" not in said
    payloads = [b["payload"] for b in buttons(dispatcher)]
    assert '/find_service{"category": "equipment-adaptations", "place": "Burnley"}' in payloads
    assert slot_events(events)["place"] == "Burnley"
    assert _followups(events) == ["action_listen"]


def test_a_relation_entity_that_is_a_misspelling_is_read_from_the_words(dispatcher):
    events = run(ActionStartTriage(), make_tracker("my wif has parkinsons and is getting worse",
                                                   intent="describe_needs", entities=[entity("relation", "wif")]),
                 dispatcher)
    assert slot_events(events)["triage_who"] == "my wife"


def form_run(text, slot, dispatcher, intent="inform", before=(), domain=None, **kwargs):
    slots = {"triage_who": "my wife", slot: text, **kwargs.pop("slots", {})}
    tracker = make_tracker_after(list(before), text, intent=intent, active_loop="triage_form", requested_slot=slot,
                                 slots=slots, events=[{"event": "slot", "name": slot, "value": text}], **kwargs)
    return run(ValidateTriageForm(), tracker, dispatcher, domain)


@pytest.mark.parametrize("text, intent", [("thank u", "thanks"), ("ta love", "thanks"), ("thanks pet", "inform")])
def test_thanks_inside_the_questions_is_not_an_answer(dispatcher, text, intent):
    events = form_run(text, "triage_helpers", dispatcher, intent=intent)
    assert slot_events(events) == {"triage_helpers": None}
    assert "You're welcome" in texts(dispatcher)


def test_a_kind_of_service_inside_the_questions_searches_with_the_place(dispatcher):
    events = form_run("equipmnt for lifting", "triage_going_well", dispatcher, intent="carer_support",
                      entities=[entity("category", "equipmnt")], slots={"place": "Burnley"})
    slots = slot_events(events)
    assert slots["category"] == "equipment-adaptations" and slots["triage_going_well"] is None
    assert any(e.get("event") == "active_loop" and e.get("name") is None for e in events)
    assert customs(dispatcher, "service_cards") or "couldn't find" in texts(dispatcher)


def test_a_kind_of_service_inside_the_questions_without_a_place_asks_for_it(dispatcher):
    events = form_run("equipment for lifting", "triage_matters", dispatcher, intent="find_service")
    assert slot_events(events)["category"] == "equipment-adaptations"
    assert _followups(events) == ["service_search_form"]


@pytest.mark.parametrize("text", ["seeing friends", "her garden", "staying at home"])
def test_ordinary_answers_are_kept(dispatcher, domain, text):
    events = form_run(text, "triage_matters", dispatcher, domain=domain)
    assert slot_events(events) == {"triage_matters": text}


# -- item 6: the first message sent a third time ----------------------------------------------------

def test_the_first_message_sent_again_twice_changes_tack(dispatcher):
    first = [user_event("help with my mum"), {"event": "action", "name": "action_start_triage"},
             {"event": "active_loop", "name": "triage_form"}, {"event": "bot", "text": "What matters most?"}]
    again = [*first, user_event("help with my mum"), {"event": "bot", "text": triage.reply("repeated")}]
    form_run("help with my mum", "triage_matters", dispatcher, intent="nlu_fallback", before=again)
    said = texts(dispatcher)
    assert "I have that already" not in said and "going round in circles" in said
    assert "/human_handoff" in [b["payload"] for b in buttons(dispatcher)]


# -- item 7: "she can't get in the bath anymore" -----------------------------------------------------

def test_she_is_someone_else(dispatcher):
    events = run(ActionStartTriage(), make_tracker("she can't get in the bath anymore", intent="describe_needs"),
                 dispatcher)
    assert "triage_who" not in {k for k, v in slot_events(events).items() if v}
    asked = type(dispatcher)()
    tracker = make_tracker_after([user_event("she can't get in the bath anymore"),
                                  {"event": "action", "name": "action_start_triage"},
                                  {"event": "active_loop", "name": "triage_form"}], "x", active_loop="triage_form")
    run(ActionAskTriageWho(), tracker, asked)
    assert texts(asked) == "Who is she to you? For example your mum, your wife or a friend."
    assert "Myself" not in [b["title"] for b in buttons(asked)]


@pytest.mark.parametrize("text, pronoun", [("she can't get in the bath anymore", "she"),
                                           ("he keeps forgetting his tablets", "he"),
                                           ("my mum can't get in the bath", None),
                                           ("i need help with washing", None)])
def test_pronoun_in(text, pronoun):
    assert pronoun_in(text) == pronoun


def test_thanks_to_someone_is_an_answer(dispatcher, domain):
    events = form_run("thanks to my daughter", "triage_helpers", dispatcher, intent="thanks", domain=domain)
    assert slot_events(events) == {"triage_helpers": "thanks to my daughter"}


def test_a_plain_yes_is_still_unclear(dispatcher):
    run(ActionAffirm(), make_tracker("yes that would be great thanks", intent="affirm"), dispatcher)
    assert dispatcher.messages[0].get("response") == "utter_affirm_unclear"


def test_a_place_of_ours_wins_over_a_place_outside(dispatcher):
    events = run(ActionStartTriage(), make_tracker("I live in Manchester and mum lives in Accrington, she is frail",
                                                   intent="describe_needs"), dispatcher)
    assert "Manchester" not in texts(dispatcher) and slot_events(events).get("place") != "Manchester"


# -- found by the clean-clone run: the carers' journey and a cost asked in a longer message ----------

def test_a_carer_who_cannot_lift_gets_equipment_from_the_carers_journey_too():
    from actions.general import ActionCarers

    tracker = make_tracker("my wif has parkinsons and i carnt lift her no more we live in burnly",
                           intent="carer_support", entities=[entity("relation", "wif")])
    dispatcher = CollectingDispatcher()
    run(ActionCarers(), tracker, dispatcher)
    assert "hoist" in texts(dispatcher)
    assert buttons(dispatcher)[0]["payload"] == '/find_service{"category": "equipment-adaptations", "place": "Burnley"}'


@pytest.mark.parametrize("text, category, answered", [
    ("mum keeps pressing her pendant alarm by accident, does it cost anything each time", "pendant alarm", True),
    ("mum keeps setting her lifeline off, do we get charged", "lifeline", True),
    ("how much will I pay for a care home", "care home", False),  # the estimate, not a cost line
    ("my mum has a pendant alarm", "pendant alarm", False),
])
def test_a_cost_asked_in_a_longer_message_gets_that_services_cost(text, category, answered):
    from actions.funding import ActionStartFunding as Start

    tracker = make_tracker(text, intent="paying_for_care", entities=[entity("category", category)])
    dispatcher = CollectingDispatcher()
    run(Start(), tracker, dispatcher)
    assert ("What it costs" in texts(dispatcher)) is answered


def test_no_word_about_caring_is_talked_through_not_the_carers_menu():
    from actions.general import ActionCarers

    dispatcher = CollectingDispatcher()
    events = run(ActionCarers(), make_tracker("my son is 19 and autistic, he wants to move out, what are the options",
                                              intent="carer_support", entities=[entity("relation", "son")]), dispatcher)
    assert "Let's talk it through" in texts(dispatcher)
    assert {"event": "followup", "timestamp": None, "name": "triage_form"} in events
    dispatcher = CollectingDispatcher()
    run(ActionCarers(), make_tracker("I look after my mum who has dementia", intent="carer_support",
                                     entities=[entity("relation", "mum")]), dispatcher)
    assert "carer's assessment" in texts(dispatcher)


@pytest.mark.parametrize("text, asks_again", [
    ("Robert'); DROP TABLE places;--", True),
    ("can I speak to someone", False),
    ("this is useless", False),
])
def test_speak_to_someone_inside_a_form_needs_a_word_about_a_person(text, asks_again):
    from actions.general import ActionHandoff

    dispatcher = CollectingDispatcher()
    events = run(ActionHandoff(), make_tracker(text, intent="human_handoff", active_loop="service_search_form",
                                               requested_slot="place"), dispatcher)
    assert (events == [{"event": "followup", "timestamp": None, "name": "service_search_form"}]) is asks_again
    assert ("speak to a person" in texts(dispatcher)) is not asks_again


def test_asking_to_talk_it_through_starts_the_questions_whatever_the_classifier_said():
    dispatcher = CollectingDispatcher()
    events = run(ActionFallback(), make_tracker("I'd like to talk it through please", intent="nlu_fallback"), dispatcher)
    assert "Let's talk it through" in texts(dispatcher)
    assert {"event": "followup", "timestamp": None, "name": "triage_form"} in events
