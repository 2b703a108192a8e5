"""Faults from the second round of played conversations (QA findings S9, J1-J7, J10): young carers,
"ok carry on" inside the talk-it-through, places, emoji and repeats given as answers, corrections of
who it is for, first-person messages, "i live in bath", direct questions about giving the house away,
free care at 80 and eligibility, and a few cheap follow-ups."""

from __future__ import annotations

import pytest

from actions.funding import ActionStartFunding, ValidateFundingForm
from actions.general import ActionCarers, ActionExplain, ActionFallback, ActionOutOfScope
from actions.routes import answer_in_passing, correct_who
from actions.services import ActionStartSearch, ValidateServiceSearchForm
from actions.triage import ActionAskTriageMatters, ActionStartTriage, ValidateTriageForm
from actions.understand import everyday_place_in, named_place, place_alone, place_from_text
from tests.actions.conftest import (
    buttons,
    call,
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


def form_run(text, slot, dispatcher, intent="inform", domain=None, before=(), stored=False, **kwargs):
    """validate_triage_form for ``text`` typed as the answer to ``slot``, after the ``before`` events;
    ``stored``: the slot mapping has put the text in the slot (as Rasa does for a from_text slot)."""
    slots = {"triage_who": "my mum", slot: text, **kwargs.pop("slots", {})}
    after = [{"event": "slot", "name": slot, "value": text}] if stored else []
    tracker = make_tracker_after(list(before), text, intent=intent, active_loop="triage_form",
                                 requested_slot=slot, slots=slots, events=after, **kwargs)
    return run(ValidateTriageForm(), tracker, dispatcher, domain)


def opened_with(first: str) -> list[dict]:
    """The events of a talk-it-through started by ``first``."""
    return [user_event(first), {"event": "action", "name": "action_start_triage"},
            {"event": "active_loop", "name": "triage_form"}, {"event": "bot", "text": "What matters most?"}]


def searched(slug: str = "home-care", place: str = "Preston") -> list[dict]:
    """The events of a search just shown (its service_cards payload)."""
    cards = {"type": "service_cards", "category": {"slug": slug, "name": slug}, "location": {"name": place}}
    return [user_event(f"{slug} in {place}"), {"event": "bot", "text": "Here is what I found", "data": {"custom": cards}}]


# -- S9: young carers -------------------------------------------------------------------------------

YOUNG = [
    ("im 15 and i look after my mum shes got MS. i do all the cooking and help her get dressed before school",
     ActionStartTriage(), "describe_needs"),
    ("im a young carer, i'm 14", ActionCarers(), "carer_support"),
    ("I'm 14 and I care for my dad", ActionCarers(), "carer_support"),
    ("im a young carer, i'm 14", ActionStartSearch(), "find_service"),
    ("im a young carer, i'm 14", ActionFallback(), "nlu_fallback"),
]


@pytest.mark.parametrize("text, action, intent", YOUNG)
def test_a_young_carer_gets_young_carers_help_and_never_carers_allowance(dispatcher, text, action, intent):
    events = run(action, make_tracker(text, intent=intent, entities=[entity("relation", "mum")]), dispatcher)
    said = texts(dispatcher)
    assert "Young carers can get help too" in said
    assert "young carer's needs assessment" in said and "Ask the council" in said
    assert "Carer's Allowance" not in said and "83.30" not in said
    payloads = [b["payload"] for b in buttons(dispatcher)]
    assert '/find_service{"category": "carers-support"}' in payloads
    assert not any("carers-allowance" in p for p in payloads)
    assert "What matters most" not in said  # no questions about mum
    assert slot_events(events).get("category") == "carers-support"  # "we live in blackburn" searches there


def test_is_there_anything_for_me_after_a_young_carer_is_about_them(dispatcher):
    earlier = [user_event("im 15 and i look after my mum shes got MS"),
               {"event": "bot", "text": "Young carers can get help too."}]
    for intent, action in [("help", ActionFallback()), ("find_service", ActionStartSearch()),
                           ("describe_needs", ActionStartTriage())]:
        said = type(dispatcher)()
        run(action, make_tracker_after(earlier, "is there anything for me", intent=intent), said)
        assert "Young carers can get help too" in texts(said), intent


def test_is_there_anything_for_me_inside_the_questions_ends_them_for_a_young_carer(dispatcher):
    earlier = [user_event("im 15 and i look after my mum shes got MS"), {"event": "bot", "text": "What matters?"}]
    events = form_run("is there anything for me", "triage_going_well", dispatcher, before=earlier)
    assert "Young carers can get help too" in texts(dispatcher)
    assert any(e["event"] == "active_loop" and e["name"] is None for e in events)
    assert _followups(events) == ["action_listen"]


@pytest.mark.parametrize("text", ["is there anything for me", "young carers groups near Preston",
                                  "I'm 40 and I look after my mum", "im 15 minutes away from my mum"])
def test_not_a_young_carer(dispatcher, text):
    run(ActionCarers(), make_tracker(text, intent="carer_support"), dispatcher)
    assert "Young carers can get help too" not in texts(dispatcher)


# -- J1: "ok carry on" ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["ok carry on", "carry on", "go on", "continue", "OK, carry on please",
                                  "yes go on then", "keep going"])
@pytest.mark.parametrize("intent", ["stop", "affirm", "inform"])
def test_carry_on_keeps_the_questions_going(dispatcher, text, intent):
    events = form_run(text, "triage_helpers", dispatcher, intent=intent)
    assert events == [{"event": "slot", "timestamp": None, "name": "triage_helpers", "value": None}]


def test_stop_still_stops(dispatcher):
    events = form_run("stop", "triage_helpers", dispatcher, intent="stop")
    assert "triage_helpers" not in slot_events(events)  # nothing validated: the form is rejected, the rule runs


def test_carry_on_in_the_paying_for_care_questions(dispatcher):
    tracker = make_tracker("ok carry on", intent="stop", active_loop="funding_form",
                           requested_slot="funding_savings", slots={"funding_nation": "england"})
    events = call(ValidateFundingForm().get_validation_events(dispatcher, tracker, {}))
    assert slot_events(events) == {"funding_savings": None}


# -- J2: places, emoji and repeats are not answers ---------------------------------------------------

@pytest.mark.parametrize("text, slot, place, council", [
    ("preston", "triage_going_well", "Preston", "lancashire"),
    ("market harborough", "triage_matters", "Market Harborough", "leicestershire"),
    ("shes in Grimsby", "triage_helpers", "Grimsby", "north-east-lincolnshire"),
    ("we live in bath", "triage_hard", "Bath", "bath-and-north-east-somerset"),
])
def test_a_place_given_to_another_question_is_kept_as_the_place(dispatcher, text, slot, place, council):
    events = form_run(text, slot, dispatcher)
    assert slot_events(events) == {slot: None, "place": place, "council": council}
    assert f"I've noted {place}" in texts(dispatcher)


def test_a_place_outside_our_areas_is_said_at_once(dispatcher):
    events = form_run("we live in blackburn", "triage_matters", dispatcher)
    assert slot_events(events)["place"] == "Blackburn"
    assert "Blackburn with Darwen" in texts(dispatcher) and "not by the areas Signpost covers" in texts(dispatcher)


@pytest.mark.parametrize("text, slot", [
    ("my daughter in Preston", "triage_helpers"),
    ("my sister pops in most days", "triage_helpers"),
    ("bath", "triage_hard"),  # washing, not the city
    ("Nelson", "triage_helpers"),  # a name
    ("her garden", "triage_matters"),
    ("going to church", "triage_matters"),
    ("she can walk to preston", "triage_going_well"),
    ("my mum", "triage_who"),
])
def test_answers_that_name_a_place_in_passing_are_still_answers(dispatcher, domain, text, slot):
    events = form_run(text, slot, dispatcher, domain=domain, stored=True)
    assert slot_events(events).get(slot) not in (None, ""), text
    assert "place" not in slot_events(events)


@pytest.mark.parametrize("text", ["👍", "😢😢", "...", "👍👍"])
def test_emoji_alone_is_not_an_answer(dispatcher, text):
    events = form_run(text, "triage_helpers", dispatcher)
    assert slot_events(events) == {"triage_helpers": None}
    assert "I can only read words" in texts(dispatcher)


def test_a_question_mark_alone_asks_why(dispatcher):
    events = form_run("?", "triage_matters", dispatcher)
    assert slot_events(events) == {"triage_matters": None} and "I ask so" in texts(dispatcher)


def test_the_first_message_sent_again_is_not_an_answer(dispatcher):
    events = form_run("HELP WITH MY MUM", "triage_going_well", dispatcher, intent="describe_needs",
                      before=opened_with("help with my mum"))
    assert slot_events(events) == {"triage_going_well": None}
    assert "I have that already" in texts(dispatcher)


def test_the_same_short_answer_to_two_questions_is_kept(dispatcher, domain):
    earlier = [*opened_with("my mum needs help"), user_event("my daughter")]
    events = form_run("my daughter", "triage_carer", dispatcher, domain=domain, before=earlier, stored=True)
    assert slot_events(events)["triage_carer"] == "my daughter"


# -- J3: "actually it's for my dad not my mum" ------------------------------------------------------

def test_a_correction_inside_the_questions_changes_who_and_asks_again(dispatcher):
    text = "actually sorry its my dad i'm more worried about, mum is coping ok its him thats getting confused"
    events = form_run(text, "triage_matters", dispatcher)
    assert slot_events(events) == {"triage_who": "my dad", "triage_matters": None}
    assert texts(dispatcher) == "OK, your dad."
    asked = type(dispatcher)()
    run(ActionAskTriageMatters(), make_tracker("x", slots={"triage_who": "my dad"}), asked)
    assert texts(asked) == "What matters most to your dad right now?"


def test_a_correction_with_a_place_inside_the_questions(dispatcher):
    events = form_run("no it's for my dad not my mum, he lives in grimsby", "triage_going_well", dispatcher,
                      metadata={"mode": "staff"}, slots={"mode": "staff"})
    assert slot_events(events) == {"triage_who": "my dad", "triage_going_well": None, "place": "Grimsby",
                                   "council": "north-east-lincolnshire"}
    assert texts(dispatcher) == "Noted: the call is about the caller's dad in Grimsby."


def test_a_correction_to_the_who_question_is_the_answer(dispatcher):
    events = form_run("not my mum, my dad", "triage_who", dispatcher, slots={"triage_who": "not my mum, my dad"})
    assert slot_events(events) == {"triage_who": "my dad"}


@pytest.mark.parametrize("intent, action", [("nlu_fallback", ActionFallback()), ("find_service", ActionStartSearch()),
                                            ("describe_needs", ActionStartTriage()), ("inform", ActionStartSearch())])
def test_a_correction_after_a_search_searches_the_new_place(dispatcher, intent, action):
    tracker = make_tracker_after(searched(), "actually it's for my dad not my mum, he lives in grimsby", intent=intent)
    events = run(action, tracker, dispatcher)
    said = texts(dispatcher)
    assert said.startswith("OK, your dad in Grimsby.")
    assert slot_events(events)["place"] == "Grimsby" and slot_events(events)["category"] == "home-care"
    cards = customs(dispatcher, "service_cards")
    assert cards and cards[0]["location"]["name"] == "Grimsby"
    assert "What matters most" not in said


def test_a_correction_after_a_search_without_a_place(dispatcher):
    tracker = make_tracker_after(searched(), "sorry i meant my dad not my mum", intent="inform")
    events = correct_who(dispatcher, tracker)
    assert texts(dispatcher).startswith("OK, your dad.") and customs(dispatcher, "service_cards") == []
    assert "/describe_needs" in [b["payload"] for b in buttons(dispatcher)]
    assert "place" not in slot_events(events)


@pytest.mark.parametrize("text", ["actually my son helps", "my mum helps me", "no its my dad who helps",
                                  "actually it's for my dad not my mum"])
def test_not_a_correction_or_nothing_before(dispatcher, text):
    # a helper is not a correction; and with no search or explanation before, nothing to correct
    tracker = make_tracker(text, intent="inform")
    assert correct_who(dispatcher, tracker) is None and dispatcher.messages == []


@pytest.mark.parametrize("text", ["actually my son helps", "my mum helps her with meals"])
def test_a_helper_answer_is_not_a_correction_inside_the_questions(dispatcher, domain, text):
    events = form_run(text, "triage_helpers", dispatcher, domain=domain, stored=True)
    assert slot_events(events)["triage_helpers"] == text and "triage_who" not in slot_events(events)


# -- J4: first-person messages ----------------------------------------------------------------------

@pytest.mark.parametrize("text, entities, who", [
    ("i have a learning disability and want to meet friends", ["friends"], "myself"),
    ("i have a lerning disability. i want to do things in the day and meet frends", [], "myself"),
    ("nobody has spoken to me all week. i'm 84. is there anything", [], "myself"),
    ("my mum helps me but i cant get out", ["mum"], "myself"),
    ("my mum helps me look after my dad", ["mum", "dad"], "my dad"),
    ("my dad is going blind, is there any help for him", ["dad"], "my dad"),
    ("I'd like to talk it through", [], None),
    ("i have no idea what to do, she keeps falling", [], None),
    ("I'm 78 and struggling with washing and dressing since my hip operation", [], "myself"),
])
def test_who_it_is_for_from_the_first_message(dispatcher, text, entities, who):
    tracker = make_tracker(text, intent="describe_needs", entities=[entity("relation", e) for e in entities])
    assert slot_events(run(ActionStartTriage(), tracker, dispatcher)).get("triage_who") == who


def test_my_mum_helps_me_as_the_answer_to_who_is_about_the_writer(dispatcher):
    run(ActionAskTriageMatters(), make_tracker("x", slots={"triage_who": "my mum helps me"}), dispatcher)
    assert texts(dispatcher) == "What matters most to you right now?"


@pytest.mark.parametrize("before, text, who", [
    ("can you just tell me if mum is eligible for council funded care or not",
     "she has dementia, lives alone, has about 10k savings", "my mum"),
    ("meels on weels for my nan in cleethorpes", "she cant cook anymore", "my nan"),
    ("hello", "she cant cook anymore", None),
])
def test_she_after_naming_someone_is_them(dispatcher, before, text, who):
    earlier = [user_event(before), {"event": "bot", "text": "..."}]
    tracker = make_tracker_after(earlier, text, intent="describe_needs")
    assert slot_events(run(ActionStartTriage(), tracker, dispatcher)).get("triage_who") == who


# -- J5: "i live in bath" ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("i live in bath", "bath"), ("in bath", "bath"), ("we're in bath", "bath"), ("care homes in bath", "bath"),
    ("she lives near wells", "wells"), ("he moved to bath", "bath"),
    ("she can't get in the bath", None), ("get in bath", None), ("a bath", None), ("help getting in bath", None),
    ("she needs help in bath", None), ("next to bath", None), ("day centres in Bath", None),
])
def test_everyday_place_in(text, expected):
    assert everyday_place_in(text) == expected


@pytest.mark.parametrize("text, name", [
    ("i live in bath", "Bath"), ("in bath", "Bath"), ("bath", "Bath"), ("we're in bath please", "Bath"),
    ("she can't get in the bath", None), ("a bath", None),
])
def test_bath_as_the_answer_to_where(text, name):
    place = place_from_text(text, make_tracker(text, intent="inform"))
    assert (place.name if place else None) == name


def test_named_place_finds_bath_in_lower_case_where_only_a_place_fits():
    assert named_place("sorry no England, we live in bath").name == "Bath"
    assert named_place("she can't get in the bath") is None


def test_i_live_in_bath_asks_what_kind_of_help_there(dispatcher):
    tracker = make_tracker("i live in bath", intent="describe_needs", entities=[entity("place", "bath")])
    events = run(ActionStartTriage(), tracker, dispatcher)
    assert slot_events(events)["place"] == "Bath"
    assert slot_events(events)["council"] == "bath-and-north-east-somerset"
    assert _followups(events) == ["service_search_form"]
    assert "don't know" not in texts(dispatcher)


def test_i_live_in_bath_at_the_place_question(dispatcher):
    tracker = make_tracker("i live in bath", intent="inform", active_loop="triage_form", requested_slot="place",
                           slots={"triage_who": "myself"})
    result = call(ValidateTriageForm().validate_place("i live in bath", dispatcher, tracker, {}))
    assert result == {"place": "Bath", "council": "bath-and-north-east-somerset"}
    assert dispatcher.messages == []


def test_i_live_in_bath_is_not_washing():
    from bot import triage

    assert triage.find_outcomes("i live in bath") == []
    assert triage.find_outcomes("she can't get in the bath") == ["washing"]


def test_place_alone():
    assert place_alone("we live in blackburn").name == "Blackburn"
    assert place_alone("bath") is None and place_alone("in bath").name == "Bath"
    assert place_alone("my daughter in Preston helps") is None
    assert place_alone("/inform") is None


# -- J6: direct questions ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, action, intent", [
    ("can i sign my house over to my children to avoid care fees", ActionStartFunding(), "paying_for_care"),
    ("can i give my house to my kids now so i dont have to pay for a care home later", ActionStartFunding(),
     "paying_for_care"),
    ("can i sign my house over to my children to avoid care fees", ActionFallback(), "nlu_fallback"),
])
def test_giving_the_house_away_is_not_the_estimate(dispatcher, text, action, intent):
    events = run(action, make_tracker(text, intent=intent), dispatcher)
    said = texts(dispatcher)
    assert "independent advice" in said and "talk to the council" in said
    assert "Which country" not in said and "8 short questions" not in said
    assert customs(dispatcher, "explanation")[0]["slug"] == "giving-away-the-home"
    assert "funding_nation" not in slot_events(events)


def test_seven_years_after_giving_the_house_away_makes_no_rule_up(dispatcher):
    earlier = [user_event("can i give my house to my kids"),
               {"event": "bot", "text": "About giving away a home",
                "data": {"custom": {"type": "explanation", "slug": "giving-away-the-home"}}}]
    run(ActionStartFunding(), make_tracker_after(earlier, "what if i do it 7 years before", intent="paying_for_care"),
        dispatcher)
    said = texts(dispatcher)
    assert "I don't have checked rules about time limits" in said and "Which country" not in said


def test_care_is_not_free_at_80(dispatcher):
    run(ActionStartFunding(), make_tracker("is care free once your over 80", intent="paying_for_care"), dispatcher)
    said = texts(dispatcher)
    assert "Care does not become free because of age" in said
    assert "£23,250 you usually pay the full cost (2025/26)" in said
    assert "Which country" not in said
    assert "/paying_for_care" in [b["payload"] for b in buttons(dispatcher)]  # the estimate is offered


@pytest.mark.parametrize("text, action, intent", [
    ("can you just tell me if mum is eligible for council funded care or not", ActionCarers(), "carer_support"),
    ("is my mum eligible for help from the council", ActionExplain(), "explain_topic"),
    ("is my mum eligible for help from the council", ActionOutOfScope(), "out_of_scope"),
])
def test_eligibility_is_for_the_council_to_decide(dispatcher, text, action, intent):
    run(action, make_tracker(text, intent=intent), dispatcher)
    said = texts(dispatcher)
    assert "Signpost can't decide that. Only the council can, after a needs assessment." in said
    assert "support for carers means" not in said
    payloads = [b["payload"] for b in buttons(dispatcher)]
    assert "/describe_needs" in payloads
    assert '/explain_topic{"topic": "needs-assessment"}' in payloads


def test_is_she_eligible_inside_the_questions_is_answered_and_asked_again(dispatcher):
    events = form_run("so is she eligible yes or no", "triage_matters", dispatcher)
    assert slot_events(events) == {"triage_matters": None}
    assert "Only the council can" in texts(dispatcher) and buttons(dispatcher) == []


def test_eligible_for_a_benefit_is_the_benefit(dispatcher):
    run(ActionExplain(), make_tracker("is she eligible for attendance allowance", intent="explain_topic",
                                      entities=[entity("topic", "attendance allowance")]), dispatcher)
    assert "Attendance Allowance is money" in texts(dispatcher)


# -- J7 / J10: cheap follow-ups -----------------------------------------------------------------------

def test_can_mum_get_attendance_allowance_explains_it(dispatcher):
    tracker = make_tracker("can mum get attendance allowance, shes 82 and needs help at night",
                           intent="describe_needs", entities=[entity("relation", "mum")])
    events = run(ActionStartTriage(), tracker, dispatcher)
    assert "Attendance Allowance is money" in texts(dispatcher)
    assert _followups(events) == ["action_listen"] and "triage_who" not in slot_events(events)


def test_a_mention_of_a_benefit_is_still_talked_through(dispatcher):
    tracker = make_tracker("is there any help for my dad, he gets attendance allowance", intent="describe_needs",
                           entities=[entity("relation", "dad")])
    events = run(ActionStartTriage(), tracker, dispatcher)
    assert slot_events(events)["triage_who"] == "my dad" and "Attendance Allowance is" not in texts(dispatcher)


def test_lifeline_cost_inside_the_questions_gives_the_cost(dispatcher):
    events = form_run("how much is a lifeline a month in lancashire", "triage_matters", dispatcher,
                      intent="paying_for_care")
    assert slot_events(events) == {"triage_matters": None}
    assert "What it costs" in texts(dispatcher)


def test_wait_whats_a_carers_assessment_is_answered(dispatcher):
    events = form_run("wait whats a carers assessment", "triage_going_well", dispatcher)
    assert slot_events(events) == {"triage_going_well": None}
    assert "carer's assessment" in texts(dispatcher)


def test_who_does_it_after_continuing_healthcare(dispatcher):
    earlier = [user_event("CHC checklist?"),
               {"event": "bot", "text": "Here is what NHS Continuing Healthcare means.",
                "data": {"custom": {"type": "explanation", "slug": "nhs-continuing-healthcare"}}}]
    answered = answer_in_passing(dispatcher, make_tracker_after(earlier, "who does it", intent="nlu_fallback"))
    assert answered is not None and "checklist" in texts(dispatcher)


def test_whats_the_cost_after_a_search(dispatcher):
    tracker = make_tracker_after(searched("day-services", "Lancaster"), "whats the cost", intent="paying_for_care")
    run(ActionStartFunding(), tracker, dispatcher)
    assert "What it costs" in texts(dispatcher) and "Which country" not in texts(dispatcher)


def _search_place(text, dispatcher, **kwargs):
    tracker = make_tracker(text, intent=kwargs.pop("intent", "inform"), active_loop="service_search_form",
                           requested_slot="place", slots={"category": "care-homes", "place": text}, **kwargs)
    return call(ValidateServiceSearchForm().validate_place(text, dispatcher, tracker, {}))


def test_why_do_you_need_to_know_where_i_live(dispatcher):
    assert _search_place("why do you need to know where i live?", dispatcher) == {"place": None}
    assert "A town or the first part of a postcode is enough" in texts(dispatcher)
    assert "don't know" not in texts(dispatcher)


def test_a_new_kind_of_service_at_the_place_question_is_not_an_unknown_place(dispatcher):
    result = _search_place("no wait, I meant a sitting service for dad", dispatcher, intent="find_service",
                           entities=[entity("category", "sitting service")])
    assert result == {"place": None} and dispatcher.messages == []
    assert _search_place("Hinckley", type(dispatcher)())["place"] == "Hinckley"


def test_a_first_person_situation_filed_as_a_search_is_talked_through():
    from actions.understand import describes_a_situation

    tracker = make_tracker("i have a learning disability and want to meet friends", intent="find_service",
                           entities=[entity("relation", "friends")])
    assert describes_a_situation(tracker) is True
    assert describes_a_situation(make_tracker("i live in bath", intent="find_service")) is False
