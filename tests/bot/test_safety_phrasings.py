"""The safety screen against the training data and the everyday words it folds.

Runs the screen over every user example of a non-safety intent in data/nlu/*.yml: the screen
must never turn an ordinary training example into a safety alert. (The extra phrasings that
must or must not trigger are in tests/bot/safety_cases.py, used by test_safety.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot import safety

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("text", "expected"), [
    ("me mam", "my mum"),
    ("our kid", "my brother"),
    ("the wife", "my wife"),
    ("hubby", "husband"),
    ("me nans purse", "my nans purse"),
    ("grandma", "nan"),
    ("hes hittin her", "hes hitting her"),
])
def test_family_words_and_typos_are_folded(text, expected):
    assert safety.normalise(text) == expected


SAFETY_INTENTS = {"emergency", "suicidal", "abuse_report"}
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")

# Training examples that are genuinely ambiguous, where a safety reply is the right call.
# "I don't want to carry on" (intent stop) may be about life itself: the screen answers it with
# Samaritans and 111; conv-rasa has been asked to reword the example ("... with this chat").
# ("I'm at breaking point caring for my husband" was a carer_support example; the screen now gives it
# the carer-at-breaking-point reply, so it left the training data.)
AMBIGUOUS_EXAMPLES = {"I don't want to carry on"}


def _nlu_examples():
    files = sorted((ROOT / "data" / "nlu").glob("*.yml"))
    examples = []
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("nlu") or []:
            intent = item.get("intent")
            if not intent or intent in SAFETY_INTENTS:
                continue
            for line in (item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append((path.name, intent, _ANNOTATION.sub(r"\1", line[2:])))
    return examples


def test_screen_never_fires_on_ordinary_training_examples():
    examples = _nlu_examples()
    if not examples:
        pytest.skip("no data/nlu/*.yml training examples in this checkout")
    fired = [(name, intent, text, safety.screen(text).rule) for name, intent, text in examples
             if text not in AMBIGUOUS_EXAMPLES and safety.screen(text) is not None]
    assert not fired, fired


def test_single_letter_copy_keeps_real_words_that_would_read_as_others():
    screen = safety._screen()
    assert safety._single_letters("i feel too tired and kiill myself", screen) == "i feel too tired and kil myself"
    assert safety.screen("I feel awful and can't get up") is None  # "feel" must not read as "fell"
    assert safety.screen("I want to kiiiill myself").kind == "suicide"


def _safety_examples():
    kinds = {"emergency": "emergency", "suicidal": "suicide", "abuse_report": "abuse"}
    examples = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("nlu") or []:
            if item.get("intent") in kinds:
                examples += [(kinds[item["intent"]], _ANNOTATION.sub(r"\1", line.strip()[2:]))
                             for line in (item.get("examples") or "").splitlines() if line.strip().startswith("- ")]
    return examples


def test_screen_backs_up_the_classifier_on_the_safety_training_examples():
    """The screen should catch (nearly) every safety example the classifier learns from, with the
    right kind; a few are too vague for a phrase rule ("I've written a note")."""
    examples = _safety_examples()
    if not examples:
        pytest.skip("no safety intents in data/nlu/*.yml in this checkout")
    missed = [(kind, text) for kind, text in examples
              if safety.screen(text) is None or safety.screen(text).kind != kind]
    assert len(missed) <= max(2, len(examples) // 20), missed


def test_qa_paid_carers_neglect_and_shouting_is_abuse():
    """QA: long sentences about paid carers must still reach the safeguarding reply."""
    match = safety.screen("the carers that come to dad leave him sat in his own mess for hours and shout at him")
    assert match is not None and match.kind == "abuse"
    # the shouting alone, far from "carers", and the neglect alone
    assert safety.screen("the carers that come to dad every morning are in a rush and shout at him").kind == "abuse"
    assert safety.screen("they leave him sat in his own mess").kind == "abuse"
    # someone else shouting at the carers is not a concern about the carers
    assert safety.screen("the carers are lovely but mum shouts at them when shes confused") is None


def test_weak_welfare_signs_need_the_person_to_be_missing():
    """QA round 3 (N2): curtains shut or milk on the step count only when nothing says the person is
    there or gives a reason; not being seen or not answering for a time still counts on its own."""
    quiet = [
        "mum keeps her curtains shut all day since dad died, she's very low and won't go out",
        "mum has her curtains shut all day because the sun hurts her eyes, what can help with light sensitivity",
        "she can't get to the door so the milk gets left on the step, can someone help",
    ]
    for text in quiet:
        assert safety.screen(text) is None, (text, safety.screen(text))
    # the same signs, with someone not seen: still the welfare check
    for text in ["her curtains are shut all day and nobody has seen her since monday",
                 "the milk gets left on the step and shes not answering the door"]:
        match = safety.screen(text)
        assert match is not None and match.reply == "welfare_check", text
    assert safety.screen("her curtains have been closed for three days").rule == "welfare-check-signs"


def test_breaking_point_with_an_organisation_is_not_a_carer_crisis():
    """QA round 3 (N6)."""
    for place in ("the council", "the hospital", "the paperwork", "the phone queue"):
        assert safety.screen(f"I'm at breaking point with {place}") is None, place
    assert safety.screen("I'm at breaking point with mum").reply == "carer_breaking_point"
