"""Talking it through: questions, answer checks and the summary (text + structured payload)."""

import pytest

from actions.triage import (
    ActionAskTriageCarer,
    ActionAskTriageHard,
    ActionAskTriageWho,
    ActionStartTriage,
    ActionTriageSummary,
    ValidateTriageForm,
    triage_answers,
)
from tests.actions.conftest import buttons, call, customs, entity, make_tracker, run, slot_events, texts


def validate(method, value, dispatcher, intent="inform", **kwargs):
    tracker = make_tracker(str(value), intent=intent, active_loop="triage_form", **kwargs)
    return call(getattr(ValidateTriageForm(), method)(value, dispatcher, tracker, {}))


def test_start_clears_old_answers_and_notes_who_from_the_first_message(dispatcher):
    tracker = make_tracker("my mum is getting forgetful", intent="describe_needs",
                           entities=[entity("relation", "mum")], slots={"triage_matters": "old answer"})
    events = slot_events(run(ActionStartTriage(), tracker, dispatcher))
    assert events["triage_who"] == "my mum"
    assert events["triage_matters"] is None
    assert "place" not in events  # a place already given is kept
    assert "questions" in texts(dispatcher)


@pytest.mark.parametrize("text, who", [
    ("I'm 78 and struggling with washing and dressing since my hip operation", "myself"),
    ("I'd like to talk it through", None),
    ("I'm worried my dad can't cook any more", "my dad"),
])
def test_start_notes_a_person_writing_about_themselves(dispatcher, text, who):
    events = slot_events(run(ActionStartTriage(), make_tracker(text, intent="describe_needs"), dispatcher))
    assert events.get("triage_who") == who


def test_start_does_not_ask_about_someone_who_has_died(dispatcher):
    tracker = make_tracker("im so lonely since my husband died, i dont go out anymore", intent="describe_needs",
                           entities=[entity("relation", "husband")])
    assert slot_events(run(ActionStartTriage(), tracker, dispatcher)).get("triage_who") == "myself"


def test_questions_are_personal_and_have_buttons(dispatcher):
    run(ActionAskTriageWho(), make_tracker("talk it through"), dispatcher)
    assert "/decline" in [b["payload"] for b in buttons(dispatcher)]
    hard = type(dispatcher)()
    run(ActionAskTriageHard(), make_tracker("x", slots={"triage_who": "my dad"}), hard)
    payloads = [b["payload"] for b in buttons(hard)]
    assert {"meals", "washing", "toilet", "dressing", "home_safety", "relationships", "nothing"} <= set(payloads)


def test_staff_mode_asks_as_a_guided_script(dispatcher):
    run(ActionAskTriageCarer(), make_tracker("x", metadata={"mode": "staff"}), dispatcher)
    assert "Ask the caller" in texts(dispatcher)


@pytest.mark.parametrize(
    "answer, stored",
    [
        ("she can't cook any more and forgets to eat", "meals"),
        ("washing", "washing"),
        ("nothing", "none"),
        ("none of these", "none"),
    ],
)
def test_hard_things_are_read_from_buttons_or_words(dispatcher, answer, stored):
    assert validate("validate_triage_hard", answer, dispatcher) == {"triage_hard": stored}


def test_hard_things_not_understood_asks_again(dispatcher):
    assert validate("validate_triage_hard", "hmm well", dispatcher) == {"triage_hard": None}
    assert "didn't catch" in texts(dispatcher)


def test_skipping_a_question_moves_on(dispatcher):
    assert validate("validate_triage_matters", "/decline", dispatcher, intent="decline") == {"triage_matters": ""}
    assert validate("validate_place", "/decline", dispatcher, intent="decline") == {"place": ""}


def test_impact_must_be_one_of_the_levels(dispatcher):
    assert validate("validate_triage_impact", "a big effect really", dispatcher) == {"triage_impact": "big"}
    assert validate("validate_triage_impact", "purple", dispatcher) == {"triage_impact": None}


def test_long_answers_are_cut(dispatcher):
    assert len(validate("validate_triage_matters", "x " * 2000, dispatcher)["triage_matters"]) <= 600


SLOTS = {
    "triage_who": "my mum",
    "triage_matters": "staying in her own home and seeing her friends",
    "triage_going_well": "she still does her own shopping",
    "triage_helpers": "me and a neighbour",
    "triage_hard": "meals,washing,relationships",
    "triage_impact": "big",
    "triage_carer": "struggling",
    "place": "Preston",
    "council": "lancashire",
}


def test_answers_map_to_the_summary_fields():
    answers = triage_answers(make_tracker("x", slots=SLOTS))
    assert answers["hard_things"] == ["meals", "washing", "relationships"]
    assert answers["what_matters"].startswith("staying")
    assert answers["council"] == "lancashire"


def test_summary_text_payload_and_next_steps(dispatcher):
    run(ActionTriageSummary(), make_tracker("x", slots=SLOTS), dispatcher)
    summary = customs(dispatcher, "triage_summary")[0]["summary"]
    assert [h["outcome"] for h in summary["hard_things"]] == ["meals", "washing", "relationships"]
    assert summary["assessment"]["needs_assessment_worthwhile"] is True
    assert summary["council"] == "lancashire"
    said = texts(dispatcher)
    assert "needs assessment" in said and "Lancashire County Council" in said
    assert any(b["payload"].startswith("/find_service") for b in buttons(dispatcher))


def test_staff_summary_is_a_case_note(dispatcher):
    tracker = make_tracker("x", slots={**SLOTS, "mode": "staff"})
    run(ActionTriageSummary(), tracker, dispatcher)
    assert "Case note" in texts(dispatcher)
    assert customs(dispatcher, "triage_summary")[0]["mode"] == "staff"


def test_summary_with_everything_skipped_still_works(dispatcher):
    slots = {key: "" for key in SLOTS}
    run(ActionTriageSummary(), make_tracker("x", slots=slots), dispatcher)
    assert customs(dispatcher, "triage_summary")[0]["summary"]["hard_things"] == []
