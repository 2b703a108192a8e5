"""Talking it through: questions, answer checks and the summary (text + structured payload)."""

import pytest

from actions.common import council_of
from actions.safety import ActionSafety
from actions.triage import (
    ActionAskTriageCarer,
    ActionAskTriageHard,
    ActionAskTriageMatters,
    ActionAskTriageWho,
    ActionStartTriage,
    ActionTriageSummary,
    ValidateTriageForm,
    mentioned_hard_things,
    opening_text,
    person_place,
    triage_answers,
)
from bot import wording
from tests.actions.conftest import (
    bot_event,
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


def _safety_reply_events(text: str, intent: str, mode: str, at: float) -> list[dict]:
    """The events Rasa records when action_safety answers ``text``: the user message, the action
    and each message it sent (its safety payload included), as the tracker holds them."""
    from rasa_sdk.executor import CollectingDispatcher

    said = CollectingDispatcher()
    run(ActionSafety(), make_tracker(text, intent=intent, slots={"mode": mode}), said)
    events = [{**user_event(text, {"mode": mode}), "parse_data": {"text": text, "intent": {"name": intent}},
               "timestamp": at},
              {"event": "action", "name": "action_safety", "timestamp": at}]
    for message in said.messages:
        events.append({"event": "bot", "text": message.get("text"), "timestamp": at,
                       "data": {"custom": message.get("custom"), "buttons": message.get("buttons")}})
    return events


def test_staff_case_note_starts_with_a_safeguarding_disclosure_made_earlier(dispatcher):
    import time

    at = time.time() - 600
    earlier = _safety_reply_events("caller says her son hits her", "abuse_report", "staff", at)
    tracker = make_tracker_after(earlier, "/affirm", slots={**SLOTS, "mode": "staff"})
    run(ActionTriageSummary(), tracker, dispatcher)
    note = texts(dispatcher)
    first = note.splitlines()[0]
    assert first.startswith("Safety concern: possible abuse or neglect disclosed; safeguarding route given at ")
    assert first.endswith("(Lancashire County Council adult social care).")
    assert note.splitlines()[1].startswith("Case note")
    assert "hits" not in note
    summary = customs(dispatcher, "triage_summary")[0]["summary"]
    assert [(c["kind"], c["council"]["name"]) for c in summary["safety"]] == [("abuse", "Lancashire County Council")]
    assert "hits" not in str(summary)


def test_resident_summary_never_carries_the_safety_concern(dispatcher):
    earlier = _safety_reply_events("my son hits me", "abuse_report", "resident", 1751547720.0)
    tracker = make_tracker_after(earlier, "/affirm", slots={**SLOTS, "mode": "resident"})
    run(ActionTriageSummary(), tracker, dispatcher)
    assert "Safety concern" not in texts(dispatcher)
    assert "safety" not in customs(dispatcher, "triage_summary")[0]["summary"]


def test_staff_case_note_without_a_safety_concern_starts_with_the_heading(dispatcher):
    run(ActionTriageSummary(), make_tracker("x", slots={**SLOTS, "mode": "staff"}), dispatcher)
    assert texts(dispatcher).startswith("Case note")
    assert customs(dispatcher, "triage_summary")[0]["summary"]["safety"] == []


def test_summary_with_everything_skipped_still_works(dispatcher):
    slots = {key: "" for key in SLOTS}
    run(ActionTriageSummary(), make_tracker("x", slots=slots), dispatcher)
    assert customs(dispatcher, "triage_summary")[0]["summary"]["hard_things"] == []


# -- the council of the page the chat is on (metadata from the web widget) ------------------------

def test_council_comes_from_the_page_metadata_when_no_place_was_given():
    assert council_of(make_tracker("hi", metadata={"council": "leicestershire", "mode": "resident"})).slug == \
        "leicestershire"
    assert council_of(make_tracker("hi")).slug == "lancashire"  # the deployment default


def test_a_place_the_person_gave_beats_the_page():
    tracker = make_tracker("hi", slots={"council": "lancashire"}, metadata={"council": "leicestershire"})
    assert council_of(tracker).slug == "lancashire"


@pytest.mark.parametrize("metadata", [{"council": "national"}, {"council": "atlantis"}, {"council": 3}, {}])
def test_an_unknown_page_council_gives_the_default(metadata):
    assert council_of(make_tracker("hi", metadata=metadata)).slug == "lancashire"


def test_an_earlier_message_metadata_counts_when_the_latest_has_none():
    tracker = make_tracker_after([user_event("hello", {"council": "north-east-lincolnshire"})], "/affirm")
    assert council_of(tracker).slug == "north-east-lincolnshire"


def test_abuse_disclosure_gets_the_page_councils_safeguarding_route(dispatcher):
    tracker = make_tracker("my carer hits me", intent="abuse_report", metadata={"council": "north-east-lincolnshire"})
    run(ActionSafety(), tracker, dispatcher)
    assert customs(dispatcher, "safety")[0]["council"]["slug"] == "north-east-lincolnshire"
    assert "Lancashire" not in texts(dispatcher)


def test_summary_without_a_place_names_the_page_council_and_does_not_fix_the_slot(dispatcher):
    slots = {**{k: v for k, v in SLOTS.items() if k not in ("place", "council")}}
    tracker = make_tracker("x", slots=slots, metadata={"council": "leicestershire"})
    events = run(ActionTriageSummary(), tracker, dispatcher)
    assert customs(dispatcher, "triage_summary")[0]["summary"]["council"] == "leicestershire"
    assert "Leicestershire County Council" in texts(dispatcher) and "Lancashire" not in texts(dispatcher)
    assert "council" not in slot_events(events)


# -- the place of the person the chat is about -----------------------------------------------------

MUM_AND_ME = "My mum lives in Accrington and I live in Manchester, she keeps falling"


def test_place_is_the_cared_for_persons_not_the_writers(dispatcher):
    tracker = make_tracker(MUM_AND_ME, intent="describe_needs", slots={"triage_who": "my mum"},
                           entities=[entity("place", "Accrington"), entity("place", "Manchester")])
    result = call(ValidateTriageForm().validate_place("Manchester", dispatcher, tracker, {}))
    assert result == {"place": "Accrington", "council": "lancashire"}


@pytest.mark.parametrize("text, who, expected", [
    ("I'm in Manchester but she's in Clitheroe", "my mum", "Clitheroe"),
    ("I live in Preston and my dad lives on his own in Clitheroe", "my dad", "Clitheroe"),
    (MUM_AND_ME, "myself", "Manchester"),
    ("Preston", "my mum", "Preston"),
])
def test_person_place(text, who, expected):
    tracker = make_tracker(text, slots={"triage_who": who})
    assert person_place(tracker, expected if text == "Preston" else "Manchester") == expected


# -- bereavement -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, sorry", [
    ("since the wife died i dont see anyone from one week to the next", "I'm sorry about your wife."),
    ("the missus passed away in march and im lost", "I'm sorry about your wife."),
    ("since he died I'm not coping at all", "I'm sorry for your loss."),
])
def test_a_bereaved_writer_is_talked_to_as_you_with_a_word_of_sympathy(dispatcher, text, sorry):
    named = [entity("relation", "wife")] if "wife" in text or "missus" in text else []
    tracker = make_tracker(text, intent="describe_needs", entities=named)
    events = slot_events(run(ActionStartTriage(), tracker, dispatcher))
    assert events.get("triage_who") == "myself"
    assert dispatcher.messages[0]["text"] == sorry
    asked = type(dispatcher)()
    run(ActionAskTriageMatters(), make_tracker("x", slots={"triage_who": "myself"}), asked)
    assert texts(asked) == "What matters most to you right now?"


def test_no_sympathy_when_nobody_has_died(dispatcher):
    run(ActionStartTriage(), make_tracker("my mum nearly died last year", intent="describe_needs"), dispatcher)
    assert "sorry" not in texts(dispatcher).lower()


# -- which everyday things are hard ----------------------------------------------------------------

@pytest.mark.parametrize("answer, stored", [
    ("she forgets to take her tablets and she hasnt been out in weeks", "community,medication"),
    ("i havent slept properly in months", "sleep"),
    ("he doesn't go out and won't take his medication", "community,medication"),
])
def test_hard_things_read_medicines_sleep_and_not_going_out(dispatcher, answer, stored):
    assert validate("validate_triage_hard", answer, dispatcher) == {"triage_hard": stored}
    assert not texts(dispatcher)


SORRY = wording.say("triage.not_understood_hard_things")


def asked_again(text: str, **kwargs):
    """A tracker for the second answer to the hard-things question (after one "didn't catch")."""
    earlier = [user_event("hmm well"), bot_event(SORRY), bot_event("Which everyday things are hard now?")]
    return make_tracker_after(earlier, text, intent="inform", active_loop="triage_form",
                              requested_slot="triage_hard", **kwargs)


@pytest.mark.parametrize("answer", ["quite a lot", "yes me", "Preston"])
def test_hard_things_are_asked_once_more_then_kept_in_their_words(dispatcher, answer):
    tracker = asked_again(answer)
    result = call(ValidateTriageForm().validate_triage_hard(answer, dispatcher, tracker, {}))
    assert result == {"triage_hard": answer}
    assert SORRY not in texts(dispatcher)


def test_the_note_reaches_the_summary(dispatcher):
    slots = {**SLOTS, "triage_hard": "quite a lot"}
    run(ActionTriageSummary(), make_tracker("x", slots=slots), dispatcher)
    summary = customs(dispatcher, "triage_summary")[0]["summary"]
    assert summary["hard_things_note"] == "quite a lot"
    assert "did not tell me about anything" not in texts(dispatcher)
    assert "In your words: quite a lot" in texts(dispatcher)


def opened_with(text: str, latest: str = "x", **kwargs):
    """A tracker inside the form that was started by ``text``."""
    earlier = [user_event(text), {"event": "action", "name": "action_start_triage"},
               {"event": "active_loop", "name": "triage_form"}, bot_event("What matters most?"),
               user_event("staying at home")]
    return make_tracker_after(earlier, latest, active_loop="triage_form", requested_slot="triage_hard", **kwargs)


@pytest.mark.parametrize("first, mentioned", [
    ("my mum keeps falling over", ["home_safety"]),
    ("my dad is lonely", ["relationships"]),
    ("mum needs help with washing dressing", ["washing", "dressing"]),
    ("my husband can't manage stairs", ["home_safety"]),
    ("dad has stopped eating, lost weight", ["meals"]),
])
def test_difficulties_in_the_first_message_are_remembered(first, mentioned):
    assert mentioned_hard_things(opened_with(first)) == mentioned


def test_difficulties_in_the_first_message_are_offered_and_kept(dispatcher):
    tracker = opened_with("mum needs help with washing dressing", slots={"triage_who": "my mum"})
    run(ActionAskTriageHard(), tracker, dispatcher)
    assert "You told me washing and dressing are hard" in texts(dispatcher)
    payloads = [b["payload"] for b in buttons(dispatcher)]
    assert "washing" not in payloads and "meals" in payloads and "nothing" in payloads
    for answer, stored in [("nothing else", "washing,dressing"), ("/decline", "washing,dressing"),
                           ("she can't cook", "washing,dressing,meals")]:
        intent = "decline" if answer == "/decline" else "inform"
        tracker = opened_with("mum needs help with washing dressing", answer, intent=intent)
        assert call(ValidateTriageForm().validate_triage_hard(answer, dispatcher, tracker, {})) == \
            {"triage_hard": stored}


def test_first_message_difficulties_reach_the_summary_and_the_assessment(dispatcher):
    slots = {**SLOTS, "triage_hard": "washing,dressing", "triage_impact": "big"}
    run(ActionTriageSummary(), make_tracker("x", slots=slots), dispatcher)
    summary = customs(dispatcher, "triage_summary")[0]["summary"]
    assert summary["assessment"]["needs_assessment_worthwhile"] is True


def test_opening_text_is_empty_for_a_button_or_without_the_form():
    assert opening_text(opened_with("/describe_needs")) == ""
    assert opening_text(make_tracker("x")) == ""


# -- messages that are not answers -----------------------------------------------------------------

def form_run(text, slot, dispatcher, intent="inform", domain=None, **kwargs):
    tracker = make_tracker(text, intent=intent, active_loop="triage_form", requested_slot=slot, **kwargs)
    return run(ValidateTriageForm(), tracker, dispatcher, domain)


@pytest.mark.parametrize("text, slot, because", [
    ("why do you ask", "triage_matters", "so that any help fits"),
    ("what do you mean what matters", "triage_matters", "so that any help fits"),
    ("Why?", "triage_helpers", "already there"),
    ("why do you need to know that", "place", "which council"),
])
def test_a_question_about_the_question_is_explained_and_asked_again(dispatcher, text, slot, because):
    events = form_run(text, slot, dispatcher)
    assert because in texts(dispatcher)
    assert slot_events(events) == {slot: None}  # not stored: the same question comes again


def test_a_cost_question_is_not_stored_as_an_answer(dispatcher):
    events = form_run("how much will it cost her", "triage_going_well", dispatcher, intent="paying_for_care")
    assert "Paying for care" in texts(dispatcher)
    assert slot_events(events) == {"triage_going_well": None}


@pytest.mark.parametrize("text, intent", [("bye", "goodbye"), ("ok thanks bye", "thanks"), ("I'm off now", "goodbye")])
def test_goodbye_ends_the_form_politely(dispatcher, text, intent):
    events = form_run(text, "triage_helpers", dispatcher, intent=intent, metadata={"council": "leicestershire"})
    assert "Thank you for talking to me" in texts(dispatcher) and "Leicestershire" in texts(dispatcher)
    assert slot_events(events) == {"triage_helpers": None, "requested_slot": None}
    assert any(e["event"] == "active_loop" and e["name"] is None for e in events)
    assert any(e["event"] == "followup" and e["name"] == "action_listen" for e in events)


def test_an_ordinary_answer_is_still_stored(dispatcher, domain):
    answer = "my sister pops in most days"
    events = form_run(answer, "triage_helpers", dispatcher, domain=domain,
                      slots={"triage_helpers": answer},
                      events=[{"event": "slot", "name": "triage_helpers", "value": answer}])
    assert slot_events(events)["triage_helpers"] == "my sister pops in most days"
