"""action_safety: the right help for each kind of danger, in resident and staff wording, for the
council of the place named; and the turns after it (actions.safety.after_safety_reply)."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.common import SignpostAction
from actions.safety import (
    ActionSafety,
    after_safety_reply,
    follow_up,
    is_reluctant,
    last_safety_turn,
    place_named,
    safety_just_given,
)
from tests.actions.conftest import buttons, customs, entity, make_tracker, run, slot_events, texts


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



# -- QA S1 to S6: the first reply ----------------------------------------------------------------------

def _payloads(dispatcher):
    return [b["payload"] for b in buttons(dispatcher)]


def test_the_place_named_in_the_message_picks_the_council(dispatcher):
    """QA r02: "... she lives in loughborough" on the default (Lancashire) page is Leicestershire's route."""
    tracker = make_tracker("the carer has been taking money from my mums purse, she lives in loughborough")
    events = run(ActionSafety(), tracker, dispatcher)
    said = texts(dispatcher)
    assert "Leicestershire County Council's adult social care team" in said and "leics.gov.uk" in said
    assert "Lancashire" not in said
    assert customs(dispatcher, "safety")[0]["council"]["slug"] == "leicestershire"
    assert slot_events(events)["council"] == "leicestershire"


def test_the_place_named_beats_the_pages_council(dispatcher):
    tracker = make_tracker("my dad lives in Chorley and his carer hits him", metadata={"council": "leicestershire"})
    run(ActionSafety(), tracker, dispatcher)
    assert customs(dispatcher, "safety")[0]["council"]["slug"] == "lancashire"


def test_without_a_place_the_pages_council_is_kept(dispatcher):
    tracker = make_tracker("my carer hits me", metadata={"council": "leicestershire"})
    events = run(ActionSafety(), tracker, dispatcher)
    assert customs(dispatcher, "safety")[0]["council"]["slug"] == "leicestershire"
    assert "council" not in slot_events(events)


def test_a_place_outside_our_areas_names_that_council(dispatcher):
    run(ActionSafety(), make_tracker("my nan lives in Leeds and her son is stealing her pension"), dispatcher)
    said = texts(dispatcher)
    assert "Leeds City Council" in said and "gov.uk/find-local-council" in said


@pytest.mark.parametrize("text", ["the carers leave her in the bath for hours in her own mess",
                                  "i think my dad is being abused, hes in hospital now"])
def test_everyday_words_are_not_places(text):
    assert place_named(make_tracker(text)) is None


@pytest.mark.parametrize("text, place", [
    ("shes in chorley", "Chorley"),
    ("dad lives in wigston", "Wigston"),
    ("we live in BB11", "BB11"),
    ("loughborough actually", "Loughborough"),
    ("Bath", "Bath"),
    ("mum lives in Accrington and I live in Manchester", "Accrington"),
])
def test_place_named_for_the_person(text, place):
    assert place_named(make_tracker(text)).name == place


def test_a_place_entity_counts(dispatcher):
    tracker = make_tracker("she is over in Clitheroe way", entities=[entity("place", "Clitheroe")])
    assert place_named(tracker).name == "Clitheroe"


def test_someone_not_seen_for_days_gets_999_and_the_police(dispatcher):
    """QA a25, r03: not "talk it through"."""
    run(ActionSafety(), make_tracker("my neighbour hasnt been seen for 4 days, her curtains are shut and theres "
                                     "milk on the step, shes 90", intent="describe_needs"), dispatcher)
    said = texts(dispatcher)
    assert dispatcher.messages[0]["text"].startswith("If you think they may be hurt") and "police" in said
    payload = customs(dispatcher, "safety")[0]
    assert (payload["kind"], payload["reply"]) == ("emergency", "welfare_check")


def test_medicine_taken_by_mistake_gets_111_not_samaritans(dispatcher):
    """QA a27, r04."""
    run(ActionSafety(), make_tracker("mum has taken too many of her tablets by mistake i think she took the "
                                     "whole days dose twice", intent="suicidal"), dispatcher)
    said = texts(dispatcher)
    assert "NHS 111" in said and "999" in said and "Samaritans" not in said and "option 2" not in said
    assert customs(dispatcher, "safety")[0]["reply"] == "accidental_overdose"


def test_a_carer_afraid_of_hurting_mum_gets_calm_urgent_help(dispatcher):
    """QA r14: not the carers' menu; 999, Samaritans, the council for urgent help with care, its crisis
    support for carers from the directory, and a way to breaks."""
    events = run(ActionSafety(), make_tracker("I'm scared I'm going to snap and hurt my mum, I'm so tired",
                                              intent="carer_support"), dispatcher)
    said = texts(dispatcher)
    assert "999" in said and "116 123" in said and "urgent help with care" in said
    assert "Crisis support at home" in said  # Lancashire's, for when a carer can no longer cope
    assert customs(dispatcher, "safety")[0]["kind"] == "carer"
    assert {"/find_service{\"category\": \"respite\"}", "/human_handoff", "/help"} <= set(_payloads(dispatcher))
    assert slot_events(events)["requested_slot"] is None


def test_carer_crisis_help_is_only_the_councils_own(dispatcher):
    """Leicestershire has no real crisis service for carers in the directory: none is made up."""
    run(ActionSafety(), make_tracker("I'm at breaking point, mum lives in Loughborough"), dispatcher)
    said = texts(dispatcher)
    assert "Leicestershire County Council's adult social care team" in said
    assert "Crisis support at home" not in said and "Sample record" not in said


def test_self_neglect_gets_the_safeguarding_route_and_talk_it_through(dispatcher):
    """QA b13: "lives in lancaster" in the same message; r05."""
    run(ActionSafety(), make_tracker("my brother is 60 and lives in lancaster, his house is full of rubbish floor "
                                     "to ceiling, hes stopped washing and wont let anyone in"), dispatcher)
    said = texts(dispatcher)
    assert "self-neglect" in said and "safeguarding" in said and "lancashire.gov.uk" in said
    assert "/describe_needs" in _payloads(dispatcher)


def test_a_friend_sworn_to_secrecy_is_told_it_is_right_to_ask(dispatcher):
    """QA b32 (B&NES page)."""
    run(ActionSafety(), make_tracker("my friends carer has been using her bank card, she told me but made me "
                                     "promise not to tell anyone", intent="carer_support",
                                     metadata={"council": "bath-and-north-east-somerset"}), dispatcher)
    said = texts(dispatcher)
    assert "Bath and North East Somerset Council" in said and "asked not to tell" in said
    assert "Carer's Allowance" not in said


def test_staff_get_a_script_for_the_new_replies(dispatcher):
    run(ActionSafety(), make_tracker("I'm scared I'm going to snap and hurt my mum", metadata={"mode": "staff"}),
        dispatcher)
    said = texts(dispatcher)
    assert "caller" in said and "You do not" not in said and "116 123" in said


# -- QA S3, S5, S7, S8: the turns after ----------------------------------------------------------------

def _conversation(turns, metadata=None):
    """Play ``turns`` [(text, intent)] through action_safety (when the text screens) and
    after_safety_reply (otherwise); returns the dispatcher and events of the last turn."""
    history, slots = [], {}
    for text, intent in turns:
        tracker = make_tracker(text, intent=intent, slots=dict(slots), metadata=metadata)
        tracker.events = history + list(tracker.events)
        said = CollectingDispatcher()
        from bot import safety

        if safety.screen(text):
            name, events = "action_safety", ActionSafety().respond(said, tracker)
        else:
            name = "action_fallback" if intent == "nlu_fallback" else "action_start_search"
            events = after_safety_reply(said, tracker, any_message=intent == "nlu_fallback")
        slots.update({k: v for k, v in slot_events(events or []).items() if k == "council"})
        history = [*tracker.events, {"event": "action", "name": name}]
        history += [{"event": "bot", "text": m.get("text"), "data": {"custom": m.get("custom"),
                                                                      "buttons": m.get("buttons")}}
                    for m in said.messages]
        history.append({"event": "action", "name": "action_listen"})
    return said, events


def test_a_place_after_the_safeguarding_reply_gives_that_councils_route():
    """QA b22: "dad lives in wigston" after the neglect reply: Leicestershire, and the council slot."""
    said, events = _conversation([
        ("my brother is dads carer and i think hes not feeding him properly", "abuse_report"),
        ("dad lives in wigston", "find_service")])
    text = texts(said)
    assert "Wigston is covered by Leicestershire County Council" in text and "leics.gov.uk" in text
    assert slot_events(events)["council"] == "leicestershire"
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_listen"]
    follow = [m["custom"] for m in said.messages if m.get("custom")][0]
    assert (follow["type"], follow["topic"], follow["council"]["slug"]) == ("safety_follow_up", "place",
                                                                           "leicestershire")


def test_holding_back_after_a_place_keeps_that_councils_route():
    said, _ = _conversation([
        ("my brother is dads carer and i think hes not feeding him properly", "abuse_report"),
        ("dad lives in wigston", "find_service"),
        ("i dont want to get my brother in trouble", "find_service")])
    text = texts(said)
    assert "keep a say" in text and "Leicestershire County Council" in text and "Lancashire" not in text


@pytest.mark.parametrize("question", ["who do i tell", "what happens if i report it", "how do i report it",
                                      "who do i contact", "what should i do", "should i call the police"])
def test_questions_after_the_safeguarding_reply_get_the_route(question):
    """QA a10, b32: not "I don't know that kind of service"."""
    said, events = _conversation([
        ("ive noticed bruises on mums arms after the carers been in the morning, she says they grab her when "
         "they wash her", "abuse_report"),
        ("shes in chorley", "find_service"),
        (question, "explain_topic")])
    assert events is not None
    text = texts(said)
    assert "safeguarding" in text and "lancashire.gov.uk" in text and "999" in text
    assert "don't know that kind of service" not in text


def test_who_comes_first_when_asked_who():
    said, _ = _conversation([("my carer hits me", "abuse_report"), ("who do i tell", "explain_topic")])
    assert said.messages[0]["text"].startswith("To report a worry about abuse or neglect")
    said, _ = _conversation([("my carer hits me", "abuse_report"), ("what happens if i report it", "explain_topic")])
    assert said.messages[0]["text"].startswith("When you tell the council")


@pytest.mark.parametrize("text, intent", [("i dont know", "not_sure"), ("nothing", "inform"),
                                          ("whatever", "nlu_fallback"), ("idk", "not_sure"),
                                          ("what do i do", "help"), ("im so tired", "carer_support")])
def test_not_knowing_what_to_say_after_the_suicide_reply_stays_with_the_person(text, intent):
    """QA a26: not the cheerful capability menu."""
    said, events = _conversation([("whats the point in carrying on, im just a burden to my kids", "suicidal"),
                                  (text, intent)])
    assert events is not None
    reply = texts(said)
    assert "116 123" in reply and "111" in reply and "999" in reply
    assert "I can find local services" not in reply


def test_needing_a_break_after_the_suicide_reply_moves_to_carers_breaks():
    """QA a09: "no i wouldnt hurt her i just need a break" is not "you don't have to talk to anyone"."""
    said, events = _conversation([
        ("i cant do this anymore. looking after mum 24/7 with her dementia, i havent slept properly in weeks and "
         "i feel like im going to snap. nobody helps", "suicidal"),
        ("no i wouldnt hurt her i just need a break", "nlu_fallback")])
    text = texts(said)
    assert "need a break" in text and "carer's assessment" in text and "116 123" in text
    assert "don't have to talk to anyone" not in text
    payloads = _payloads(said)
    assert '/find_service{"category": "respite"}' in payloads


def test_a_place_after_the_carers_breaks_names_its_council_and_searches_there():
    said, _ = _conversation([
        ("I'm scared I'm going to snap and hurt my mum, I'm so tired", "carer_support"),
        ("i just need a break", "find_service"),
        ("loughborough actually", "find_service")])
    text = texts(said)
    assert "Loughborough is covered by Leicestershire County Council" in text
    payloads = _payloads(said)
    assert '/find_service{"category": "respite", "place": "Loughborough"}' in payloads


def test_after_a_welfare_check_reply_holding_back_is_answered():
    said, _ = _conversation([("my neighbour hasnt been seen for 4 days", "describe_needs"),
                             ("i dont want to waste their time", "deny")])
    text = texts(said)
    assert "not be wasting anyone's time" in text and "999" in text


def test_what_do_i_do_after_an_accidental_overdose_repeats_111():
    said, _ = _conversation([("dad accidentally took his tablets twice this morning", "describe_needs"),
                             ("what do i do", "help")])
    assert "NHS 111" in texts(said)


@pytest.mark.parametrize("text, intent", [("can you find a day centre for him in Preston", "find_service"),
                                          ("what happens at a day centre", "explain_topic"),
                                          ("/find_service", "find_service"),
                                          ("ok", "affirm"),
                                          ("thanks", "thanks")])
def test_a_new_request_or_a_button_leaves_the_safety_route(text, intent):
    assert _leaves_the_route(text, "my carer hits me", intent)


def _leaves_the_route(text, first, intent):
    """True when ``text``, just after the safety reply to ``first``, is not answered on the route."""
    said = CollectingDispatcher()
    return after_safety_reply(said, _after_safety(text, first, intent=intent)) is None and said.messages == []


def test_places_after_the_suicide_reply_are_not_kept_on_the_route():
    assert after_safety_reply(CollectingDispatcher(), _after_safety("shes in chorley", "I want to die")) is None


def test_the_follow_up_payload_keeps_the_route_going():
    tracker = _after_safety("i dont know", "I want to die", intent="not_sure")
    said = CollectingDispatcher()
    after_safety_reply(said, tracker)
    history = [*tracker.events, {"event": "action", "name": "action_interrupt"}]
    history += [{"event": "bot", "data": {"custom": m.get("custom")}} for m in said.messages]
    history += [{"event": "action", "name": "action_listen"}]
    following = make_tracker("nothing", intent="inform")
    following.events = history + list(following.events)
    assert last_safety_turn(following)["type"] == "safety_follow_up"
    assert safety_just_given(following) == "suicide"


# -- wired into the actions a message can start (actions/common.SignpostAction.safety_first) -----------

wired = pytest.mark.skipif(not hasattr(SignpostAction, "safety_first"),
                           reason="the lead wires after_safety_reply into SignpostAction.run (see the report)")


@wired
@pytest.mark.parametrize("action_path, text, intent, must_say", [
    ("actions.services.ActionStartSearch", "shes in chorley", "find_service", "Chorley is covered"),
    ("actions.services.ActionStartSearch", "i dont want to get my brother in trouble", "find_service", "keep a say"),
    ("actions.general.ActionExplain", "who do i tell", "explain_topic", "safeguarding"),
    ("actions.general.ActionOutOfScope", "how do i report it", "out_of_scope", "safeguarding"),
    ("actions.general.ActionHandoff", "who do i contact", "human_handoff", "safeguarding"),
    ("actions.funding.ActionStartFunding", "will they take her away", "paying_for_care", "keep a say"),
    ("actions.triage.ActionStartTriage", "what should i do", "describe_needs", "safeguarding"),
])
def test_follow_ups_after_an_abuse_reply_stay_on_the_route(dispatcher, action_path, text, intent, must_say):
    import importlib

    module, name = action_path.rsplit(".", 1)
    action = getattr(importlib.import_module(module), name)()
    events = run(action, _after_safety(text, "my carer hits me", intent=intent), dispatcher)
    assert must_say in texts(dispatcher) and "What kind of help" not in texts(dispatcher)
    assert [e["name"] for e in events if e["event"] == "followup"] == ["action_listen"]


@wired
def test_i_dont_know_after_the_suicide_reply_is_not_the_menu(dispatcher):
    from actions.general import ActionInterrupt

    run(ActionInterrupt(), _after_safety("i dont know", "whats the point in carrying on", intent="not_sure"),
        dispatcher)
    assert "116 123" in texts(dispatcher) and "I can find local services" not in texts(dispatcher)


@wired
def test_the_menu_button_after_a_safety_reply_still_shows_the_menu(dispatcher):
    from actions.general import ActionInterrupt

    run(ActionInterrupt(), _after_safety("/help", "I want to die", intent="help"), dispatcher)
    assert "116 123" not in texts(dispatcher) and buttons(dispatcher)


def test_follow_up_words_are_short_plain_sentences():
    """The follow-ups' own words (actions/safety.py) keep to the readability rules of bot/data."""
    import re

    from actions import safety as module

    words = [module._STAY, module._WHAT_HAPPENS, module._STILL_HELP, module._DANGER_NOW, module._SAMARITANS_AGAIN,
             *module._RELUCTANT_WORDS.values(), *module._STILL.values(), module._STILL_RING, module._FAR_WORDS,
             module._GLAD, module._GLAD_FINE, module._YOUNG_CARER_PRIVATE, *module._CALLED_WORDS.values()]
    lines = [line for pair in words for mode in pair for line in ([mode] if isinstance(mode, str) else mode)]
    assert len(lines) > 20
    for line in lines:
        for sentence in re.split(r"(?<=[.!?:])\s+", line):
            assert len(sentence.split()) <= 25, sentence
        for number in re.findall(r"\b\d[\d ]{1,}\d\b", line):
            assert number.strip() in ("999", "111", "116 123"), line


# -- QA round 3: the follow-ups to the welfare check, accidental overdose and breaking point replies ----

@pytest.mark.parametrize("text", ["he seems fine, do i still need to ring", "she seems fine though",
                                  "do i still need to call 111", "she looks ok now"])
def test_seems_fine_after_an_accidental_overdose_still_means_ringing_111(text):
    """QA N1 (d08, e09): not "Let's talk it through"."""
    said, events = _conversation([("dad accidentally took his tablets twice this morning", "describe_needs"),
                                  (text, "describe_needs")])
    reply = texts(said)
    assert events is not None
    assert reply.startswith("Yes, please still call NHS 111 now")
    assert "hours later" in reply and "999" in reply and "drowsy" in reply
    assert "talk it through" not in reply.lower()
    follow = [m["custom"] for m in said.messages if m.get("custom")][0]
    assert (follow["type"], follow["topic"]) == ("safety_follow_up", "fine")


def test_after_ringing_111_and_seeming_fine_the_route_ends():
    said, events = _conversation([("nan took her morning tablets twice by mistake", "describe_needs"),
                                  ("we rang 111 and she's fine", "inform")])
    reply = texts(said)
    assert "glad she's OK" in reply and "999" in reply
    assert not [m for m in said.messages if (m.get("custom") or {}).get("type") == "safety_follow_up"]


_GRIMSBY = "I haven't heard from my dad since Tuesday and he's not answering his phone, he lives on his own in Grimsby"


def test_the_place_in_a_welfare_check_is_kept_for_a_search():
    """QA N3 (d07): the pendant alarm search looks in Grimsby, not Preston."""
    said = CollectingDispatcher()
    events = ActionSafety().respond(said, make_tracker(_GRIMSBY))
    slots = slot_events(events)
    assert slots["place"] == "Grimsby" and slots["council"] == "north-east-lincolnshire"
    assert customs(said, "safety")[0]["place"] == "Grimsby"


def test_welfare_check_follow_ups_do_not_loop():
    """QA N3 (d07): far away, the police going round, safe, then a request: never the whole script again."""
    turns = [(_GRIMSBY, "inform")]
    turns.append(("I'm 200 miles away, what should I do", "ask_question"))
    said, _ = _conversation(turns)
    far = texts(said)
    assert "999 from anywhere" in far and "where the person lives" in far
    assert "adult social care" not in far and "Website" not in far

    turns.append(("ok the police are going round", "inform"))
    said, _ = _conversation(turns)
    called = texts(said)
    assert "done the right thing" in called and "call 999 now" not in called
    assert len([m for m in said.messages if m.get("text")]) <= 4

    turns.append(("he's fine, he'd just lost his phone", "inform"))
    said, events = _conversation(turns)
    safe = texts(said)
    assert "I'm glad he's safe" in safe and "call 999" not in safe
    assert not [m for m in said.messages if (m.get("custom") or {}).get("type") == "safety_follow_up"]
    assert '/find_service{"category": "telecare", "place": "Grimsby"}' in _payloads(said)
    assert events is not None


def test_asking_again_after_a_welfare_check_gets_the_short_version():
    said, _ = _conversation([("my neighbour hasnt been seen for 4 days", "describe_needs"),
                             ("what should i do", "help")])
    reply = texts(said)
    assert "call 999 now and ask for the police" in reply
    assert "adult social care" not in reply and "Website" not in reply


def test_a_request_after_a_welfare_check_leaves_the_route():
    assert _leaves_the_route("can he get a pendant alarm", _GRIMSBY, "find_service")


@pytest.mark.parametrize("text", ["i think he's fine really", "i'm sure she's ok"])
def test_not_sure_they_are_safe_is_not_standing_down(text):
    said, _ = _conversation([("my neighbour hasnt been seen for 4 days", "describe_needs"), (text, "inform")])
    assert "not be wasting anyone's time" in texts(said) and "glad" not in texts(said)


@pytest.mark.parametrize("text, intent", [("what respite is there near preston", "find_service"),
                                          ("any carers groups in Bath", "find_service"),
                                          ("I need respite in Preston", "find_service")])
def test_a_search_after_the_breaking_point_reply_leaves_the_route(text, intent):
    """QA N5 (d09): a request for a kind of service is searched, even with a word about a break in it."""
    assert _leaves_the_route(text, "I'm at breaking point caring for my husband, he has dementia", intent)


@pytest.mark.parametrize("text", ["i just need a break", "no i wouldnt hurt him i just need a break",
                                  "I need some respite"])
def test_needing_a_break_after_the_breaking_point_reply_stays_on_the_route(text):
    said, events = _conversation([("I'm at breaking point caring for my husband", "carer_support"),
                                  (text, "carer_support")])
    assert events is not None and "carer's assessment" in texts(said)


def _after_young_carers(text, intent="out_of_scope"):
    said = [{"text": "About help for young carers:"},
            {"custom": {"type": "explanation", "slug": "young-carers", "kind": "answer"}},
            {"text": "What would you like to do next?"}]
    history = [{"event": "user", "text": "i'm 13 and i help look after my dad he has MS, we live in preston"},
               {"event": "action", "name": "action_explain"},
               *[{"event": "bot", "text": m.get("text"), "data": {"custom": m.get("custom")}} for m in said],
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(text, intent=intent)
    tracker.events = history + list(tracker.events)
    return tracker


@pytest.mark.parametrize("text", ["i don't want my school to find out", "will my teachers find out",
                                  "i dont want anyone to know"])
def test_a_young_carer_who_wants_it_kept_private_is_reassured(dispatcher, text):
    """QA N4 (d10): not "Sorry, I can't help with that"; no numbers we have not sourced."""
    events = after_safety_reply(dispatcher, _after_young_carers(text))
    reply = texts(dispatcher)
    assert events is not None
    assert "your choice who you tell" in reply and "young carers" in reply
    assert "0800" not in reply and "Childline" not in reply


def test_other_messages_after_the_young_carers_explainer_are_left_alone(dispatcher):
    assert after_safety_reply(dispatcher, _after_young_carers("can i get carers allowance", "explain_topic")) is None
    assert dispatcher.messages == []
