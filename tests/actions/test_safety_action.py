"""action_safety: the right help for each kind of danger, in resident and staff wording."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.safety import ActionSafety, follow_up, is_reluctant, safety_just_given
from tests.actions.conftest import customs, make_tracker, run, slot_events, texts


@pytest.mark.parametrize(
    "text, kind, must_say",
    [
        ("I want to end my life", "suicide", "116 123"),
        ("I want to kill myself", "suicide", "999"),
        ("my mum has collapsed and isn't breathing", "emergency", "999"),
        ("my carer hits me", "abuse", "safeguarding"),
    ],
)
def test_screened_message_gets_matching_help(dispatcher, text, kind, must_say):
    tracker = make_tracker(text, intent="greet")  # the classifier's intent does not matter
    events = run(ActionSafety(), tracker, dispatcher)
    assert must_say in texts(dispatcher)
    payload = customs(dispatcher, "safety")[0]
    assert payload["kind"] == kind
    assert payload["council"]["slug"] == "lancashire"
    assert {"event": "active_loop", "name": None} in [
        {"event": e["event"], "name": e.get("name")} for e in events if e["event"] == "active_loop"
    ]
    assert slot_events(events)["requested_slot"] is None


def test_classifier_only_abuse_still_gets_safeguarding_route(dispatcher):
    tracker = make_tracker("something odd is going on with her money", intent="abuse_report",
                           slots={"council": "bath-and-north-east-somerset"})
    run(ActionSafety(), tracker, dispatcher)
    said = texts(dispatcher)
    assert "safeguarding" in said.lower()
    assert "Bath" in said
    assert customs(dispatcher, "safety")[0]["rule"] == "classifier"


def test_staff_mode_speaks_to_the_adviser(dispatcher):
    resident, staff = dispatcher, type(dispatcher)()
    run(ActionSafety(), make_tracker("I want to die"), resident)
    run(ActionSafety(), make_tracker("I want to die", metadata={"mode": "staff"}), staff)
    assert texts(resident) != texts(staff)
    assert "116 123" in texts(staff)



# -- the turn straight after a safety reply -------------------------------------------------------

def _after_safety(text, first, intent="nlu_fallback", slots=None, metadata=None):
    """A tracker for ``text`` sent just after action_safety answered ``first``, with the events
    Rasa records (action_safety, its bot messages, action_listen, then the new user message)."""
    said = CollectingDispatcher()
    first_tracker = make_tracker(first, slots=slots, metadata=metadata)
    ActionSafety().respond(said, first_tracker)
    history = [*first_tracker.events, {"event": "action", "name": "action_safety"}]
    history += [{"event": "bot", "text": m.get("text"), "data": {"custom": m.get("custom"), "buttons": m.get("buttons")}}
                for m in said.messages]
    history += [{"event": "slot", "name": "requested_slot", "value": None},
                {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(text, intent=intent, slots=slots, metadata=metadata)
    tracker.events = history + list(tracker.events)
    return tracker


@pytest.mark.parametrize("first, kind", [
    ("I want to end my life", "suicide"),
    ("the carers leave him sat in his own mess and shout at him", "abuse"),
    ("my husband has collapsed", "emergency"),
])
def test_safety_just_given_reads_the_last_turn(first, kind):
    assert safety_just_given(_after_safety("ok", first)) == kind


def test_no_follow_up_without_a_safety_reply_just_before(dispatcher):
    assert safety_just_given(make_tracker("i dont want to talk to anyone")) is None
    tracker = _after_safety("i dont want to talk to anyone", "I want to die")
    tracker.events = [*tracker.events[:-1], {"event": "action", "name": "action_search"},
                      {"event": "action", "name": "action_listen"}, tracker.events[-1]]
    assert safety_just_given(tracker) is None
    assert follow_up(dispatcher, tracker) is False
    assert dispatcher.messages == []


def test_suicide_follow_up_is_gentle_and_keeps_the_numbers(dispatcher):
    tracker = _after_safety("i dont want to talk to anyone", "I want to kill myself", intent="human_handoff")
    assert follow_up(dispatcher, tracker, only_if_reluctant=True) is True
    said = texts(dispatcher)
    assert "don't have to talk to anyone" in said
    assert "116 123" in said and "111" in said and "999" in said
    assert "/human_handoff" in [b["payload"] for m in dispatcher.messages for b in (m.get("buttons") or [])]


def test_abuse_follow_up_says_they_keep_a_say_and_repeats_the_route(dispatcher):
    tracker = _after_safety("i dont want to get him in trouble", "he pushes me about and ive got nowhere to go",
                            slots={"council": "bath-and-north-east-somerset"})
    assert follow_up(dispatcher, tracker) is True
    said = texts(dispatcher)
    assert "keep a say" in said
    assert "safeguarding" in said.lower() and "Bath" in said
    assert "999" in said


def test_staff_follow_up_speaks_to_the_adviser(dispatcher):
    tracker = _after_safety("she doesnt want to talk to anyone", "I want to die", metadata={"mode": "staff"})
    assert follow_up(dispatcher, tracker) is True
    said = texts(dispatcher)
    assert said.startswith("Staff guide.")
    assert "116 123" in said


def test_speak_to_someone_after_safety_still_reaches_a_person(dispatcher):
    """The handoff calls follow_up only for holding back; the button itself is a real request."""
    tracker = _after_safety("/human_handoff", "I want to die", intent="human_handoff")
    assert follow_up(dispatcher, tracker, only_if_reluctant=True) is False
    assert dispatcher.messages == []


def test_a_new_safety_concern_is_left_to_action_safety(dispatcher):
    tracker = _after_safety("i dont want to live anymore", "my carer hits me")
    assert follow_up(dispatcher, tracker) is False


@pytest.mark.parametrize("text, expected", [
    ("i dont want to talk to anyone", True),
    ("I don't want to get him in trouble", True),
    ("not ready yet", True),
    ("no thanks", True),
    ("I'm too scared to ring them", True),
    ("he'd kill me if he found out", True),
    ("/human_handoff", False),
    ("can I speak to someone please", False),
    ("yes please", False),
])
def test_is_reluctant(text, expected):
    assert is_reluctant(text) is expected


# -- wired into the journeys the follow-up can land in -----------------------------------------------

def test_holding_back_after_an_abuse_reply_is_reassured_not_talked_through(dispatcher):
    from actions.triage import ActionStartTriage

    tracker = _after_safety("i dont want to get him in trouble", "my son takes my pension and hits me",
                            intent="describe_needs")
    events = run(ActionStartTriage(), tracker, dispatcher)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["action_listen"]
    assert "Let's talk it through" not in texts(dispatcher) and "999" in texts(dispatcher)


def test_not_wanting_to_talk_after_the_suicide_reply_keeps_samaritans_in_the_handoff(dispatcher):
    from actions.general import ActionHandoff

    tracker = _after_safety("i dont want to talk to anyone", "I want to end my life", intent="human_handoff")
    run(ActionHandoff(), tracker, dispatcher)
    assert "116 123" in texts(dispatcher) and "adult social care team" not in texts(dispatcher)


def test_a_message_after_an_abuse_reply_in_the_fallback_repeats_the_route(dispatcher):
    from actions.general import ActionFallback

    tracker = _after_safety("what happens now", "my son takes my pension and hits me")
    run(ActionFallback(), tracker, dispatcher)
    assert "999" in texts(dispatcher) and "didn't quite understand" not in texts(dispatcher)
