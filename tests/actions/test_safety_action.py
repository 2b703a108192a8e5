"""action_safety: the right help for each kind of danger, in resident and staff wording."""

import pytest

from actions.safety import ActionSafety
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
