"""Three faults found by playing real conversations: a message in another language got "can't help";
a follow-up naming a place after an answer ("what about in Bath instead") started the talk-it-through
questions; a question inside the talk-it-through ("how much does a care home cost?") was stored as the
answer."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.funding import ActionStartFunding, nation_in
from actions.general import ActionCarers, ActionExplain, ActionFallback, ActionInterrupt, ActionOutOfScope
from actions.routes import answer_between_questions, search_there_instead
from actions.services import ActionStartSearch
from actions.triage import ActionStartTriage, ValidateTriageForm
from actions.understand import describes_a_situation, everyday_word, named_place, place_follow_up
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

POLISH = "moja mama potrzebuje pomocy w domu"
URDU = "میری ماں کو مدد کی ضرورت ہے"


def _followups(events):
    return [e.get("name") for e in events if e.get("event") == "followup"]


# -- 1. other languages ------------------------------------------------------------------------------

#: Every action a rule may run for a typed message outside a form, with its intent: each starts with
#: routes.answer_in_passing, so whatever the classifier makes of the message, the answer is the same.
ENTRY_ACTIONS = [
    (ActionOutOfScope(), "out_of_scope"),
    (ActionFallback(), "nlu_fallback"),
    (ActionStartTriage(), "describe_needs"),
    (ActionStartSearch(), "find_service"),
    (ActionStartSearch(), "inform"),
    (ActionExplain(), "explain_topic"),
    (ActionCarers(), "carer_support"),
    (ActionStartFunding(), "paying_for_care"),
    (ActionInterrupt(), "help"),
]


@pytest.mark.parametrize("action, intent", ENTRY_ACTIONS)
@pytest.mark.parametrize("text", [POLISH, URDU, "ਮੇਰੀ ਮਾਂ ਨੂੰ ਮਦਦ ਦੀ ਲੋੜ ਹੈ", "mi madre necesita ayuda en casa"])
def test_another_language_gets_english_only_and_an_interpreter_whatever_the_intent(dispatcher, action, intent, text):
    events = run(action, make_tracker(text, intent=intent), dispatcher)
    said = texts(dispatcher)
    assert "only works in English" in said and "interpreter" in said
    assert "Lancashire County Council" in said  # the deployment default's contacts
    assert "didn't quite understand" not in said and "short questions" not in said
    assert "Let's talk it through" not in said
    assert not any(m.get("response") == "utter_out_of_scope" for m in dispatcher.messages)
    assert customs(dispatcher, "language")[0]["council"]["slug"] == "lancashire"
    assert buttons(dispatcher)[0]["payload"] == "/human_handoff"
    assert "/find_service" in [b["payload"] for b in buttons(dispatcher)]
    assert "triage_form" not in _followups(events) and "funding_form" not in _followups(events)


@pytest.mark.parametrize("intent", ["deny", "stop", "not_sure", "decline"])
def test_another_language_taken_for_no_or_stop_gets_the_interpreter_reply(dispatcher, intent):
    run(ActionInterrupt(), make_tracker(POLISH, intent=intent), dispatcher)
    assert "interpreter" in texts(dispatcher) and "That's fine" not in texts(dispatcher)


@pytest.mark.parametrize("text, intent", [("no", "deny"), ("stop", "stop"), ("nah ta", "deny"), ("dunno", "not_sure")])
def test_english_no_and_stop_are_unchanged(dispatcher, text, intent):
    run(ActionInterrupt(), make_tracker(text, intent=intent), dispatcher)
    assert "interpreter" not in texts(dispatcher)


def test_the_interpreter_reply_gives_the_page_councils_contacts_and_a_line_to_show(dispatcher):
    run(ActionFallback(), make_tracker(POLISH, intent="nlu_fallback", metadata={"council": "leicestershire"}),
        dispatcher)
    said = texts(dispatcher)
    assert said.startswith("If someone is in danger now, call 999.")
    assert "It looks like you wrote in Polish" in said
    assert "Leicestershire County Council can arrange an interpreter" in said
    assert "https://www.leics.gov.uk" in said
    assert "ask for a Polish interpreter" in said
    assert customs(dispatcher, "language")[0]["language"] == "Polish"


def test_the_interpreter_reply_uses_the_council_of_the_place_given(dispatcher):
    run(ActionOutOfScope(), make_tracker(URDU, intent="out_of_scope", slots={"council": "north-east-lincolnshire"}),
        dispatcher)
    assert "North East Lincolnshire Council can arrange an interpreter" in texts(dispatcher)
    assert "ask for an interpreter" in texts(dispatcher)  # the script does not say which language


def test_the_interpreter_reply_in_staff_mode_is_a_guide(dispatcher):
    run(ActionFallback(), make_tracker(POLISH, intent="nlu_fallback", metadata={"mode": "staff"}), dispatcher)
    said = texts(dispatcher)
    assert "Staff guide. This message looks like Polish." in said
    assert "Caller needs a Polish interpreter." in said


@pytest.mark.parametrize("text", [
    "ok ta", "nvm", "wot", "mum in grimsby", "lifeline alarm", "Llandudno", "Ashby-de-la-Zouch",
    "what's the football score", "can you book me a taxi", "me mam ne", "la la la", "hola", "merci",
])
def test_english_out_of_scope_is_unchanged(dispatcher, text):
    run(ActionOutOfScope(), make_tracker(text, intent="out_of_scope"), dispatcher)
    assert dispatcher.messages[0].get("response") == "utter_out_of_scope"
    assert "interpreter" not in texts(dispatcher)


@pytest.mark.parametrize("text", ["asdfgh qwerty", "ok ta", "nvm", "wot", "Llandudno", "Ashby-de-la-Zouch"])
def test_english_fallback_is_unchanged(dispatcher, text):
    events = run(ActionFallback(), make_tracker(text, intent="nlu_fallback"), dispatcher)
    assert "interpreter" not in texts(dispatcher)
    assert "didn't quite understand" in texts(dispatcher) or customs(dispatcher, "service_cards") or any(
        e.get("name") == "service_search_form" for e in events)  # a place alone starts the search


def test_another_language_inside_the_talk_it_through_is_not_stored(dispatcher):
    events = form_run(POLISH, "triage_matters", dispatcher)
    assert slot_events(events) == {"triage_matters": None}  # the same question comes again
    assert "only works in English" in texts(dispatcher) and "interpreter" in texts(dispatcher)
    assert buttons(dispatcher) == []  # the form asks its own question, with its own buttons


def test_safety_still_comes_first_for_a_reluctant_reply(dispatcher):
    """The safety screen runs in the NLU; straight after a safety reply, the fallback's safety follow-up
    still answers before anything else."""
    from actions.safety import ActionSafety

    said = CollectingDispatcher()
    run(ActionSafety(), make_tracker("he hits me", intent="abuse_report"), said)
    earlier = [user_event("he hits me"), *[{"event": "bot", "text": m.get("text"), "data": {"custom": m.get("custom")}}
                                           for m in said.messages]]
    run(ActionFallback(), make_tracker_after(earlier, "I don't want to get him in trouble", intent="nlu_fallback"),
        dispatcher)
    assert "interpreter" not in texts(dispatcher)
    assert "didn't quite understand" not in texts(dispatcher)


# -- 2. a follow-up naming a place ------------------------------------------------------------------

def searched(slug="day-services", name="Day services", place="Preston"):
    """The turn before: a search for ``slug`` near ``place`` with its cards and ways on."""
    return [user_event(f"{name} in {place}"),
            {"event": "bot", "text": f"Here is what I found for {name.lower()} near {place} (1 to 3 of 3):"},
            {"event": "bot", "text": None, "data": {"custom": {
                "type": "service_cards", "category": {"slug": slug, "name": name}, "cards": [], "national": []}}},
            {"event": "bot", "text": "What would you like to do next?", "data": {"buttons": [
                {"title": "Search somewhere else", "payload": "/search_elsewhere"}]}}]


def explained(slug):
    return [user_event(f"what is {slug}"),
            {"event": "bot", "text": None, "data": {"custom": {"type": "explanation", "slug": slug}}},
            {"event": "bot", "text": "What would you like to do next?"}]


FOLLOW_UPS = [
    ("what about in Bath instead", "Bath", "bath-and-north-east-somerset"),
    ("are there any in Bath", "Bath", "bath-and-north-east-somerset"),
    ("and in Grimsby?", "Grimsby", "north-east-lincolnshire"),
    ("what about Chorley", "Chorley", "lancashire"),
    ("ok what about Loughborough then", "Loughborough", "leicestershire"),
    ("any near Cleethorpes?", "Cleethorpes", "north-east-lincolnshire"),
    ("try Lancaster instead", "Lancaster", "lancashire"),
    ("is there anything in Keynsham", "Keynsham", "bath-and-north-east-somerset"),
]


@pytest.mark.parametrize("action, intent", ENTRY_ACTIONS)
@pytest.mark.parametrize("text, place, council", FOLLOW_UPS)
def test_a_place_after_a_search_searches_the_same_kind_of_service_there(dispatcher, action, intent, text, place,
                                                                         council):
    events = run(action, make_tracker_after(searched(), text, intent=intent), dispatcher)
    cards = customs(dispatcher, "service_cards")
    assert cards and cards[0]["category"]["slug"] == "day-services"
    assert cards[0]["location"]["name"] == place and cards[0]["location"]["council"] == council
    slots = slot_events(events)
    assert slots["category"] == "day-services" and slots["place"] == place and slots["council"] == council
    assert "Let's talk it through" not in texts(dispatcher)
    assert "triage_form" not in _followups(events)


def test_the_followup_after_the_search_form_listens_next(dispatcher):
    events = run(ActionStartSearch(), make_tracker_after(searched(), "what about in Bath instead", intent="find_service",
                                                         entities=[entity("place", "Bath")]), dispatcher)
    assert _followups(events) == ["action_listen"]  # searched already: not the form again
    assert any(e.get("event") == "active_loop" and e.get("name") is None for e in events)


@pytest.mark.parametrize("text, intent", [("are there any in Bath", "describe_needs"),
                                          ("what about Grimsby", "find_service"), ("and in Chorley?", "nlu_fallback")])
def test_a_place_after_explaining_a_kind_of_service_searches_it_there(dispatcher, text, intent):
    action = {"describe_needs": ActionStartTriage(), "find_service": ActionStartSearch(),
              "nlu_fallback": ActionFallback()}[intent]
    run(action, make_tracker_after(explained("telecare"), text, intent=intent), dispatcher)
    assert customs(dispatcher, "service_cards")[0]["category"]["slug"] == "telecare"


def test_a_place_after_explaining_a_topic_says_how_to_get_it_there(dispatcher):
    events = run(ActionFallback(), make_tracker_after(explained("carers-assessment"), "what about in Leicestershire?",
                                                      intent="nlu_fallback"), dispatcher)
    assert "How to get a carer's assessment" in texts(dispatcher)
    assert "Leicestershire County Council" in texts(dispatcher)
    assert slot_events(events)["council"] == "leicestershire"


def test_a_search_that_showed_no_cards_is_followed_too(dispatcher):
    before = [user_event("care homes in Radstock"), {"event": "bot", "text": "I couldn't find any care homes near "
              "Radstock in the directory."}, {"event": "bot", "text": "What would you like to do next?", "data": {
              "buttons": [{"title": "Search somewhere else", "payload": "/search_elsewhere"}]}}]
    tracker = make_tracker_after(before, "what about Bath", intent="describe_needs", slots={"category": "care-homes"})
    run(ActionStartTriage(), tracker, dispatcher)
    assert customs(dispatcher, "service_cards")[0]["category"]["slug"] == "care-homes"


@pytest.mark.parametrize("text", [
    "what about in the bath",  # not Bath
    "and in the bath?",
    "what about bath instead",  # an everyday word counts only with its capital letter
    "what about me",
    "and for my dad?",
    "any more?",
    "anything else?",
    "what about tomorrow",
    "what about day centres in Bath",  # a kind of service named: a search of its own, not this follow-up
    "what about Narnia",
])
def test_not_a_follow_up_naming_a_known_place(dispatcher, text):
    tracker = make_tracker_after(searched(), text, intent="describe_needs")
    assert place_follow_up(tracker) is None
    assert search_there_instead(dispatcher, tracker) is None
    assert dispatcher.messages == []


def test_a_place_with_nothing_searched_or_explained_just_before_is_not_a_follow_up(dispatcher):
    assert search_there_instead(dispatcher, make_tracker("what about in Bath instead", intent="describe_needs")) is None
    long_ago = [*searched(), user_event("thanks"), {"event": "bot", "text": "You're welcome."},
                user_event("is it free"), {"event": "bot", "text": "What it costs: ..."}]
    assert search_there_instead(dispatcher, make_tracker_after(long_ago, "what about Bath", intent="inform")) is None


def test_a_new_kind_of_service_in_a_place_is_still_the_search_forms(dispatcher):
    tracker = make_tracker_after(searched(), "what about day centres in Bath", intent="find_service",
                                 entities=[entity("category", "day centres"), entity("place", "Bath")])
    events = run(ActionStartSearch(), tracker, dispatcher)
    assert customs(dispatcher, "service_cards") == [] and _followups(events) == []  # the form runs next


def test_the_town_bath_is_not_a_bath_when_a_search_is_asked_for(dispatcher):
    tracker = make_tracker("are there any in Bath", intent="find_service", entities=[entity("place", "Bath")])
    assert describes_a_situation(tracker) is False  # was True: "Bath" read as washing
    tracker = make_tracker("she can't get in the bath any more and my mum is struggling", intent="find_service")
    assert describes_a_situation(tracker) is True


# -- one helper for "which place does this name?" -----------------------------------------------------

@pytest.mark.parametrize("text, candidates, name", [
    ("sorry no England, he lives in Bath", [], "Bath"),
    ("she moved to Market Harborough last year", [], "Market Harborough"),
    ("somewhere near PR7 1AA", [], "PR7"),  # a postcode in the text: its district
    ("how do i get a carers assessment in leicestershire", ["leicestershire"], "Leicestershire"),
    ("what about Chorley", ["Chorley"], "Chorley"),
    ("she can't get in the bath", [], None),
    ("she can't get in the bath", ["bath"], None),  # an everyday word tagged as a place
    ("she can't get in the bath", ["the bath"], None),
    ("what about in the bath", ["in the bath"], None),
    ("she still goes healing", ["healing"], None),
    ("/inform", ["Bath"], None),  # a button payload
    ("", [], None),
])
def test_named_place_serves_funding_and_the_answers_in_passing(text, candidates, name):
    place = named_place(text, candidates)
    assert (place.name if place else None) == name


def test_funding_still_reads_the_nation_from_a_place():
    assert nation_in("he lives in Cardiff")[0] == "wales"
    assert nation_in("she lives in Bath")[0] == "england"
    assert nation_in("she can't get in the bath")[0] is None


@pytest.mark.parametrize("word, everyday", [("bath", True), ("in the bath", True), ("Bath", False),
                                            ("healing", True), ("Healing", False), ("Preston", False),
                                            ("preston", False)])
def test_everyday_words(word, everyday):
    assert everyday_word(word) is everyday


# -- 3. questions inside the talk-it-through --------------------------------------------------------

def form_run(text, slot, dispatcher, intent="describe_needs", domain=None, **kwargs):
    tracker = make_tracker(text, intent=intent, active_loop="triage_form", requested_slot=slot,
                           slots={"triage_who": "my mum", slot: text, **kwargs.pop("slots", {})}, **kwargs)
    return run(ValidateTriageForm(), tracker, dispatcher, domain)


@pytest.mark.parametrize("text, slot, said", [
    ("how much does a care home cost?", "triage_matters", "What it costs"),
    ("what is reablement?", "triage_matters", "reablement"),
    ("what's supported living", "triage_going_well", "supported living"),
    ("what does CHC mean?", "triage_helpers", "NHS Continuing Healthcare"),
    ("tell me about day centres", "triage_hard", "day services"),
    ("will they make me sell her house?", "triage_impact", "12 weeks"),
    ("does she need an assessment?", "triage_carer", "needs assessment"),
    ("is a pendant alarm free?", "place", "What it costs"),
    ("how do I get a carer's assessment?", "triage_matters", "How to get a carer's assessment"),
])
@pytest.mark.parametrize("intent", ["describe_needs", "explain_topic", "paying_for_care", "inform", "find_service"])
def test_a_question_inside_the_talk_it_through_is_answered_then_asked_again(dispatcher, text, slot, said, intent):
    events = form_run(text, slot, dispatcher, intent=intent)
    assert slot_events(events) == {slot: None}  # not stored: the same question comes again
    assert [e["event"] for e in events] == ["slot"]  # the form goes on (not rejected)
    assert said.lower() in texts(dispatcher).lower()
    assert buttons(dispatcher) == []  # no "what next?": the form asks its question with its own buttons
    assert "What would you like to do next?" not in texts(dispatcher)


def test_a_cost_answered_in_passing_says_the_estimate_comes_at_the_end(dispatcher):
    form_run("how much does a care home cost?", "triage_matters", dispatcher)
    said = texts(dispatcher)
    assert "What it costs" in said and "Paying for care" in said and "Would you like a rough idea" not in said


def test_a_cost_question_with_nothing_named_keeps_the_existing_reply(dispatcher):
    events = form_run("is she entitled to free care?", "triage_matters", dispatcher, intent="paying_for_care")
    assert slot_events(events) == {"triage_matters": None}
    assert "Paying for care" in texts(dispatcher)


def test_why_do_you_ask_keeps_its_own_answer(dispatcher):
    events = form_run("why do you ask?", "triage_matters", dispatcher, intent="explain_topic")
    assert "so that any help fits" in texts(dispatcher) and customs(dispatcher, "explanation") == []
    assert slot_events(events) == {"triage_matters": None}


def test_a_new_search_still_leaves_the_form(dispatcher):
    events = form_run("show me day centres in Preston", "triage_matters", dispatcher, intent="find_service")
    assert [e["event"] for e in events] == ["action_execution_rejected"]


@pytest.mark.parametrize("text, slot", [
    ("I don't know, maybe her garden?", "triage_matters"),
    ("seeing her grandchildren", "triage_matters"),
    ("what's important is her garden", "triage_matters"),
    ("what matters is being at home", "triage_matters"),
    ("is still walking to the shops", "triage_going_well"),
    ("can still cook her own meals", "triage_going_well"),
    ("does her own shopping?", "triage_going_well"),
    ("my sister helps, is that what you mean?", "triage_helpers"),
    ("help with her washing", "triage_hard"),
    ("she needs help getting dressed?", "triage_hard"),
    ("will need help with meals I think", "triage_hard"),
    ("she had an assessment last year", "triage_helpers"),
    ("she worries they will make her sell her house", "triage_matters"),
])
def test_genuine_answers_are_still_stored(dispatcher, domain, text, slot):
    events = form_run(text, slot, dispatcher, domain=domain, events=[{"event": "slot", "name": slot, "value": text}])
    assert slot_events(events).get(slot) not in (None, ""), text
    assert "interpreter" not in texts(dispatcher) and customs(dispatcher, "explanation") == []


@pytest.mark.parametrize("text", ["I don't know, maybe her garden?", "seeing her grandchildren", "/affirm",
                                  "can she get help with her shopping?", "is there a day centre near her?"])
def test_not_answered_between_questions(dispatcher, text):
    tracker: Tracker = make_tracker(text, intent="describe_needs", active_loop="triage_form",
                                    requested_slot="triage_matters")
    assert answer_between_questions(dispatcher, tracker) is None
    assert dispatcher.messages == []
