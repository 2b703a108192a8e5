"""The safety screen component overrides the classifier's intent when a phrase matches."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu.safety_component import SafetyScreen, safety_intent


def message(text: str, intent: str = "greet") -> Message:
    msg = Message(data={"text": text})
    msg.set("intent", {"name": intent, "confidence": 0.9})
    msg.set("intent_ranking", [{"name": intent, "confidence": 0.9}, {"name": "suicidal", "confidence": 0.1}])
    return msg


@pytest.mark.parametrize(
    "text, intent",
    [
        ("I want to kill myself", "suicidal"),
        ("i cant go on", "suicidal"),
        ("mum is on the floor and cant get up", "emergency"),
        ("my carer hits me", "abuse_report"),
        ("I think my mum is being abused", "abuse_report"),
        # QA S1 to S6: each reaches action_safety, which finds the words for it
        ("my neighbour hasnt been seen for 4 days, her curtains are shut", "emergency"),
        ("dad accidentally took his tablets twice this morning what do i do", "emergency"),
        ("mum has taken too many of her tablets by mistake", "emergency"),
        ("I'm scared I'm going to snap and hurt my mum, I'm so tired", "emergency"),
        ("my friends carer has been using her bank card", "abuse_report"),
        ("his house is full of rubbish floor to ceiling and he wont let anyone in", "abuse_report"),
    ],
)
def test_matching_phrases_override_the_intent(text, intent):
    [processed] = SafetyScreen({"classifier_threshold": 0.8}).process([message(text)])
    assert processed.get("intent") == {"name": intent, "confidence": 1.0}
    ranking = processed.get("intent_ranking")
    assert ranking[0]["name"] == intent and all(r["confidence"] == 0.0 for r in ranking[1:])
    assert len({r["name"] for r in ranking}) == len(ranking)


@pytest.mark.parametrize("text", ["hello", "is there a day centre in Preston", "", "/find_service", "x" * 20000])
def test_other_messages_are_left_alone(text):
    [processed] = SafetyScreen({"classifier_threshold": 0.8}).process([message(text, "find_service")])
    assert processed.get("intent")["name"] == "find_service"


def test_button_payloads_are_not_screened():
    assert safety_intent('/inform{"place": "I want to die"}') is None


def test_a_broken_screen_never_blocks_a_message(monkeypatch):
    from bot import safety

    def boom(text):
        raise RuntimeError("broken")

    monkeypatch.setattr(safety, "screen", boom)
    [processed] = SafetyScreen({"classifier_threshold": 0.8}).process([message("I want to die", "suicidal")])
    assert processed.get("intent")["name"] == "suicidal"


def test_unsure_classifier_only_safety_becomes_fallback():
    msg = message("he likes his allotment", "abuse_report")
    msg.set("intent", {"name": "abuse_report", "confidence": 0.6})
    [processed] = SafetyScreen({"classifier_threshold": 0.8}).process([msg])
    assert processed.get("intent")["name"] == "nlu_fallback"


def test_confident_classifier_only_safety_is_kept():
    msg = message("something awful is happening to my mum", "abuse_report")
    msg.set("intent", {"name": "abuse_report", "confidence": 0.95})
    [processed] = SafetyScreen({"classifier_threshold": 0.8}).process([msg])
    assert processed.get("intent")["name"] == "abuse_report"


def test_every_safety_kind_has_an_intent_the_rules_answer():
    from bot import safety
    from nlu.safety_component import SAFETY_INTENTS

    assert set(SAFETY_INTENTS) == set(safety.KINDS)
    assert set(SAFETY_INTENTS.values()) == {"emergency", "suicidal", "abuse_report"}


@pytest.mark.parametrize("text", ["my mum hasn't been out for days", "she takes too many tablets a day for her heart",
                                  "I'm tired of the paperwork", "the house is a bit of a mess",
                                  "my carer helps with my bank"])
def test_near_misses_keep_the_classifiers_intent(text):
    [processed] = SafetyScreen({"classifier_threshold": 0.8}).process([message(text, "describe_needs")])
    assert processed.get("intent")["name"] == "describe_needs"
