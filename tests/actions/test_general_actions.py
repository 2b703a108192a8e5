"""Staff mode, speaking to a person, stopping, fallback, explanations and the carers' menu."""

import pytest

from actions.general import (
    ActionCarers,
    ActionExplain,
    ActionFallback,
    ActionHandoff,
    ActionInterrupt,
    ActionOutOfScope,
    ActionSetMode,
)
from tests.actions.conftest import buttons, customs, entity, make_tracker, run, slot_events, texts


def test_set_mode_follows_metadata(dispatcher):
    events = run(ActionSetMode(), make_tracker("hello", metadata={"mode": "staff"}), dispatcher)
    assert slot_events(events) == {"mode": "staff"}
    events = run(ActionSetMode(), make_tracker("hello", slots={"mode": "staff"}), dispatcher)
    assert events == []  # staff mode lasts until metadata says otherwise
    events = run(ActionSetMode(), make_tracker("hi", slots={"mode": "staff"}, metadata={"mode": "resident"}),
                 dispatcher)
    assert slot_events(events) == {"mode": "resident"}
    assert dispatcher.messages == []


def test_handoff_gives_the_councils_contact_and_ends_forms(dispatcher):
    tracker = make_tracker("can I speak to a person", intent="human_handoff",
                           slots={"council": "leicestershire"}, active_loop="funding_form")
    events = run(ActionHandoff(), tracker, dispatcher)
    said = texts(dispatcher)
    assert "Leicestershire County Council" in said
    assert "call back" in said
    payload = customs(dispatcher, "handoff")[0]
    assert payload["callback"] is True and payload["council"]["slug"] == "leicestershire"
    assert any(e["event"] == "active_loop" and e["name"] is None for e in events)


def test_handoff_without_a_place_uses_the_default_council(dispatcher):
    run(ActionHandoff(), make_tracker("speak to someone"), dispatcher)
    assert "Lancashire County Council" in texts(dispatcher)


def test_stop_ends_the_form_and_offers_the_menu(dispatcher):
    events = run(ActionInterrupt(), make_tracker("stop", intent="stop", active_loop="triage_form"), dispatcher)
    assert any(e["event"] == "active_loop" for e in events)
    assert "/find_service" in [b["payload"] for b in buttons(dispatcher)]


def test_fallback_suggests_the_category_it_recognised(dispatcher):
    # a long message with a kind of service in it but no entity: suggested, not searched for
    text = "i was wondering about one of those pendant alarm thingy things blah"
    run(ActionFallback(), make_tracker(text, intent="nlu_fallback"), dispatcher)
    payloads = [b["payload"] for b in buttons(dispatcher)]
    assert '/find_service{"category": "telecare"}' in payloads
    assert "/human_handoff" in payloads


def test_fallback_with_nothing_recognised_offers_the_menu(dispatcher):
    run(ActionFallback(), make_tracker("zzqx", intent="nlu_fallback"), dispatcher)
    assert "didn't quite understand" in texts(dispatcher)
    assert len(buttons(dispatcher)) == 5


def test_explain_a_topic_from_its_entity(dispatcher):
    tracker = make_tracker("what is a carers assessment", intent="explain_topic",
                           entities=[entity("topic", "carers assessment")])
    run(ActionExplain(), tracker, dispatcher)
    assert "carer" in texts(dispatcher).lower()
    assert customs(dispatcher, "explanation")[0]["slug"] == "carers-assessment"


def test_explain_a_misspelt_category_and_remember_it(dispatcher):
    tracker = make_tracker("what is telecair", intent="explain_topic", entities=[entity("category", "telecair")])
    events = run(ActionExplain(), tracker, dispatcher)
    assert customs(dispatcher, "explanation")[0]["slug"] == "telecare"
    assert slot_events(events) == {"category": "telecare", "requested_slot": None}
    assert '/find_service{"category": "telecare"}' in [b["payload"] for b in buttons(dispatcher)]


def test_explain_unknown_topic_lists_what_it_can_explain(dispatcher):
    tracker = make_tracker("what is a flibbertigibbet", intent="explain_topic",
                           entities=[entity("topic", "flibbertigibbet")])
    run(ActionExplain(), tracker, dispatcher)
    assert "NHS Continuing Healthcare" in texts(dispatcher)


def test_explain_with_nothing_to_explain_is_the_fallback(dispatcher):
    run(ActionExplain(), make_tracker("asdfgh qwerty", intent="explain_topic"), dispatcher)
    assert "didn't quite understand" in texts(dispatcher)


def test_topics_win_over_categories(dispatcher):
    tracker = make_tracker("what is a needs assessment", intent="explain_topic",
                           entities=[entity("category", "advice-advocacy")])
    run(ActionExplain(), tracker, dispatcher)
    assert customs(dispatcher, "explanation")[0]["slug"] == "needs-assessment"


def test_carers_question_about_carers_allowance_is_answered(dispatcher):
    tracker = make_tracker("can I get carers allowance for looking after my dad", intent="carer_support")
    run(ActionCarers(), tracker, dispatcher)
    assert customs(dispatcher, "explanation")[0]["slug"] == "carers-allowance"


def test_explain_from_a_button_payload(dispatcher):
    tracker = make_tracker('/explain_topic{"topic": "carers-allowance"}', intent="explain_topic",
                           entities=[entity("topic", "carers-allowance")])
    run(ActionExplain(), tracker, dispatcher)
    assert customs(dispatcher, "explanation")[0]["slug"] == "carers-allowance"


def test_carers_menu_offers_the_carers_journey(dispatcher):
    run(ActionCarers(), make_tracker("I look after my mum", intent="carer_support"), dispatcher)
    payloads = [b["payload"] for b in buttons(dispatcher)]
    assert '/explain_topic{"topic": "carers-assessment"}' in payloads
    assert '/find_service{"category": "respite"}' in payloads
    assert '/find_service{"category": "carers-support"}' in payloads
    assert '/explain_topic{"topic": "carers-allowance"}' in payloads
    assert "carer's assessment" in texts(dispatcher)


def test_handoff_uses_the_council_for_a_place_named_now(dispatcher):
    tracker = make_tracker("how do I contact adult social care in Grimsby", intent="human_handoff",
                           entities=[entity("place", "Grimsby")])
    events = run(ActionHandoff(), tracker, dispatcher)
    assert "North East Lincolnshire" in texts(dispatcher)
    assert slot_events(events)["council"] == "north-east-lincolnshire"


def test_help_and_no_leave_a_form_with_the_menu(dispatcher):
    events = run(ActionInterrupt(), make_tracker("help", intent="help", active_loop="service_search_form"),
                 dispatcher)
    assert any(e["event"] == "active_loop" for e in events)
    assert "I can find local services" in texts(dispatcher)
    other = type(dispatcher)()
    run(ActionInterrupt(), make_tracker("no", intent="deny", metadata={"mode": "staff"}), other)
    assert texts(other).startswith("Staff guide.")


EXPLAINED = [{"event": "bot", "text": None, "data": {"custom": {"type": "explanation", "slug": "nhs-continuing-healthcare"}}}]


def test_how_do_i_apply_after_an_explanation_says_how_to_get_it(dispatcher):
    tracker = make_tracker("how do we apply for it", intent="out_of_scope", events=EXPLAINED)
    run(ActionOutOfScope(), tracker, dispatcher)
    said = texts(dispatcher)
    assert "How to get" in said and "checklist" in said
    assert "/human_handoff" in [b["payload"] for b in buttons(dispatcher)]


@pytest.mark.parametrize("text, events", [
    ("how do we apply for it", []),  # nothing explained just before
    ("what's the football score", EXPLAINED),
])
def test_out_of_scope_otherwise(dispatcher, text, events):
    run(ActionOutOfScope(), make_tracker(text, intent="out_of_scope", events=events), dispatcher)
    assert "How to get" not in texts(dispatcher)
    assert dispatcher.messages[0].get("response") == "utter_out_of_scope"


def test_fallback_talks_through_a_situation_it_could_not_classify(dispatcher):
    text = "can u help me my nan fell last week and now she is scared to be on her own in her flat in loughborough"
    events = run(ActionFallback(), make_tracker(text, intent="nlu_fallback"), dispatcher)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["triage_form"]
    assert slot_events(events).get("triage_who") == "my nan"
    assert "didn't quite understand" not in texts(dispatcher)


SEARCHED = [{"event": "bot", "text": None, "data": {"custom": {
    "type": "service_cards", "category": {"slug": "reablement", "name": "Reablement"}}}}]


def test_the_cost_after_a_search_in_the_fallback(dispatcher):
    run(ActionFallback(), make_tracker("how much is it?", intent="nlu_fallback", events=SEARCHED), dispatcher)
    said = texts(dispatcher)
    assert "six weeks" in said and "didn't quite understand" not in said


def test_carers_how_to_get_an_assessment_in_a_place(dispatcher):
    tracker = make_tracker("how do i get a carers assessment in leicestershire", intent="carer_support")
    events = run(ActionCarers(), tracker, dispatcher)
    assert "How to get a carer's assessment" in texts(dispatcher)
    assert slot_events(events)["council"] == "leicestershire"


def test_explain_paying_a_family_member_with_direct_payments(dispatcher):
    tracker = make_tracker("can I use direct payments to pay my son", intent="explain_topic",
                           entities=[entity("category", "direct-payments")])
    run(ActionExplain(), tracker, dispatcher)
    assert customs(dispatcher, "explanation")[0]["slug"] == "direct-payments-family"
    assert "for the council to decide" in texts(dispatcher)


def test_explain_a_question_about_being_assessed(dispatcher):
    run(ActionExplain(), make_tracker("does the council have to assess my mother", intent="explain_topic"),
        dispatcher)
    assert customs(dispatcher, "explanation")[0]["slug"] == "needs-assessment"
