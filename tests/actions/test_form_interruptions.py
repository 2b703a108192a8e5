"""A new request inside a form leaves the form; a plain answer never does."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import asks_for_something_new
from actions.funding import ValidateFundingForm
from actions.services import ValidateServiceSearchForm
from actions.triage import ValidateTriageForm


def tracker(text: str, intent: str, requested_slot: str | None = "funding_setting", **slots) -> Tracker:
    return Tracker(
        sender_id="t1",
        slots={"requested_slot": requested_slot, **slots},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": "funding_form"},
        latest_action_name="action_listen",
    )


@pytest.mark.parametrize("text,intent", [
    ("care home", "find_service"),
    ("a care home", "find_service"),
    ("meals and keeping the house clean", "find_service"),
    ("reading", "find_service"),
    ("dressing", "explain_topic"),
    ("she goes to a lunch club", "find_service"),
    ("I look after him", "carer_support"),
    ("show me day centres", "describe_needs"),  # not another journey's intent
])
def test_plain_answers_stay_answers(text, intent):
    assert not asks_for_something_new(tracker(text, intent))


@pytest.mark.parametrize("text,intent", [
    ("just show me pendant alarms in Lytham please", "find_service"),
    ("I just want to find a service near me", "find_service"),
    ("what is a needs assessment?", "explain_topic"),
    ("is there a day centre in Preston", "find_service"),
    ("tell me about direct payments", "explain_topic"),
])
def test_new_requests_are_recognised(text, intent):
    assert asks_for_something_new(tracker(text, intent))


@pytest.mark.parametrize("form", [ValidateFundingForm, ValidateTriageForm])
def test_a_new_request_rejects_the_form(form):
    events = asyncio.run(form().run(CollectingDispatcher(), tracker("show me day centres in Preston", "find_service"),
                                    {"slots": {}, "forms": {}}))
    assert [e["event"] for e in events] == ["action_execution_rejected"]
    # the form's own name: Rasa marks the active loop as rejected only then (a validation
    # action's name made Rasa predict the form again forever)
    assert events[0]["name"] == form().form_name() and not events[0]["name"].startswith("validate_")


@pytest.mark.parametrize("text,expected", [
    ("caller's husband is struggling at home in Cleethorpes", True),
    ("can you help me think through what my brother needs, he lives in Hinckley", True),
    ("my dad can't cook any more and he's struggling", True),
    ("my dad is getting forgetful", False),  # a dementia-support word: search
    ("my mum needs help at home", False),  # names a service: search
    ("I need a pendant alarm for my mum", False),
    ("day centres in Preston", False),
    ("/find_service", False),
])
def test_a_situation_without_a_service_is_talked_through(text, expected):
    from actions.services import describes_a_situation

    t = tracker(text, "find_service", requested_slot=None)
    assert describes_a_situation(t) is expected


def test_start_search_hands_a_situation_to_triage():
    from actions.services import ActionStartSearch

    dispatcher = CollectingDispatcher()
    events = ActionStartSearch().respond(dispatcher, tracker("my brother is struggling at home", "find_service",
                                                             requested_slot=None))
    assert {"event": "followup", "name": "triage_form"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events]
    assert any(e.get("name") == "triage_who" and e.get("value") for e in events if e["event"] == "slot")


def test_a_stray_category_word_in_a_place_answer_keeps_the_chosen_category():
    from actions.services import ValidateServiceSearchForm

    t = Tracker(
        sender_id="t2",
        slots={"requested_slot": "place", "category": "DROP TABLE"},
        latest_message={"text": "Robert'); DROP TABLE places;--", "intent": {"name": "inform", "confidence": 0.5},
                        "entities": [{"entity": "category", "value": "DROP TABLE"}]},
        events=[
            {"event": "user", "text": "care homes"},
            {"event": "slot", "name": "category", "value": "care-homes"},
            {"event": "user", "text": "Robert'); DROP TABLE places;--"},
            {"event": "slot", "name": "category", "value": "DROP TABLE"},
        ],
        paused=False, followup_action=None, active_loop={"name": "service_search_form"},
        latest_action_name="action_listen",
    )
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateServiceSearchForm().validate_category("DROP TABLE", dispatcher, t, {}))
    assert result == {"category": "care-homes"}
    assert dispatcher.messages == []


def test_a_question_about_something_else_leaves_the_search_form():
    """"what is reablement?" when asked for a town: explained, not looked up as a place."""
    asked_for_place = tracker("what is reablement", "explain_topic", requested_slot="place")
    events = asyncio.run(ValidateServiceSearchForm().run(CollectingDispatcher(), asked_for_place,
                                                         {"slots": {}, "forms": {}}))
    assert [(e["event"], e["name"]) for e in events] == [("action_execution_rejected", "service_search_form")]


def test_a_new_search_inside_the_search_form_is_an_answer_not_a_rejection():
    asked_for_place = tracker("is there anything in Preston", "find_service", requested_slot="place")
    events = asyncio.run(ValidateServiceSearchForm().run(CollectingDispatcher(), asked_for_place,
                                                         {"slots": {}, "forms": {}}))
    assert "action_execution_rejected" not in [e["event"] for e in events]
