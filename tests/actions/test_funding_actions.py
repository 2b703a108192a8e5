"""Paying for care: the form's questions and answer checks, and the estimate explained."""

from decimal import Decimal

import pytest

from actions.funding import (
    ActionAskFundingSavings,
    ActionAskFundingSetting,
    ActionFundingEstimate,
    ActionStartFunding,
    ValidateFundingForm,
    estimate_input,
    weekly,
)
from tests.actions.conftest import buttons, call, customs, make_tracker, run, slot_events, texts


def validate(method, value, dispatcher, intent="inform"):
    tracker = make_tracker(str(value), intent=intent, active_loop="funding_form")
    return call(getattr(ValidateFundingForm(), method)(value, dispatcher, tracker, {}))


def test_start_clears_answers_and_knows_the_nation_from_the_place(dispatcher):
    tracker = make_tracker("who pays for care", slots={"council": "lancashire", "funding_savings": "100"})
    events = slot_events(run(ActionStartFunding(), tracker, dispatcher))
    assert events["funding_savings"] is None
    assert events["funding_nation"] == "england"
    unknown = slot_events(run(ActionStartFunding(), make_tracker("who pays"), dispatcher))
    assert unknown["funding_nation"] is None


def test_every_question_offers_not_sure_and_rather_not_say(dispatcher):
    for action in (ActionAskFundingSetting(), ActionAskFundingSavings()):
        run(action, make_tracker("x"), dispatcher)
    payloads = [b["payload"] for b in buttons(dispatcher)]
    assert payloads.count("/not_sure") == 2 and payloads.count("/decline") == 2


@pytest.mark.parametrize(
    "answer, stored",
    [("£30,000", "30000"), ("30k", "30000"), ("30 grand", "30000"), ("thirty thousand", "30000"),
     ("about 12.5k", "12500"), ("nothing", "0")],
)
def test_amounts_in_everyday_forms(dispatcher, answer, stored):
    assert Decimal(validate("validate_funding_savings", answer, dispatcher)["funding_savings"]) == Decimal(stored)


def test_not_sure_and_decline_are_answers(dispatcher):
    assert validate("validate_funding_savings", "/not_sure", dispatcher, "not_sure") == {"funding_savings": "not_sure"}
    assert validate("validate_funding_savings", "/decline", dispatcher, "decline") == {"funding_savings": "decline"}
    assert validate("validate_funding_owns_home", "/decline", dispatcher, "decline") == {
        "funding_owns_home": "decline"}


def test_unreadable_amount_asks_again(dispatcher):
    assert validate("validate_funding_savings", "loads", dispatcher) == {"funding_savings": None}
    assert "Not sure" in texts(dispatcher)


def test_setting_nation_and_yes_no(dispatcher):
    assert validate("validate_funding_setting", "care home", dispatcher) == {"funding_setting": "care_home"}
    assert validate("validate_funding_setting", "care at home", dispatcher) == {"funding_setting": "home"}
    assert validate("validate_funding_setting", "banana", dispatcher) == {"funding_setting": None}
    assert validate("validate_funding_nation", "Wales", dispatcher) == {"funding_nation": "wales"}
    assert validate("validate_funding_nation", "northern ireland", dispatcher) == {
        "funding_nation": "northern_ireland"}
    assert validate("validate_funding_owns_home", "/affirm", dispatcher, "affirm") == {"funding_owns_home": "yes"}
    assert validate("validate_funding_owns_home", "we rent", dispatcher) == {"funding_owns_home": "no"}


def test_income_per_month_becomes_weekly(dispatcher):
    result = validate("validate_funding_income", "£900 a month", dispatcher)
    assert Decimal(result["funding_income"]) == weekly(Decimal(900), "a month") == Decimal("207.69")


def test_home_questions_only_for_home_owners(dispatcher, domain):
    slots = domain["forms"]["funding_form"]["required_slots"]
    form = ValidateFundingForm()
    renter = call(form.required_slots(slots, dispatcher, make_tracker("x", slots={"funding_owns_home": "no"}), {}))
    owner = call(form.required_slots(slots, dispatcher, make_tracker("x", slots={"funding_owns_home": "yes"}), {}))
    assert "funding_home_value" not in renter and "funding_home_value" in owner


ANSWERS = {"funding_nation": "england", "funding_setting": "care_home", "funding_savings": "30000",
           "funding_joint_savings": "0", "funding_owns_home": "no", "funding_income": "not_sure"}


def test_estimate_input_leaves_out_unknowns():
    data = estimate_input(make_tracker("x", slots=ANSWERS))
    assert data["savings"] == "30000" and "weekly_income" not in data and data["owns_home"] is False


def test_estimate_explains_and_sends_the_payload(dispatcher):
    run(ActionFundingEstimate(), make_tracker("x", slots=ANSWERS), dispatcher)
    payload = customs(dispatcher, "funding_estimate")[0]
    assert payload["estimate"]["likely_to_pay_full_cost"] is True
    said = texts(dispatcher)
    assert "23,250" in said and "estimate" in said
    assert "income" in said  # it says what it left out


def test_estimate_with_unknown_savings_explains_the_limits(dispatcher):
    slots = {**ANSWERS, "funding_savings": "decline"}
    run(ActionFundingEstimate(), make_tracker("x", slots=slots), dispatcher)
    payload = customs(dispatcher, "funding_estimate")[0]
    assert payload["estimate"] is None and payload["thresholds"]["nation"] == "england"
    assert "23,250" in texts(dispatcher)


def test_estimate_that_needs_the_home_value_falls_back_to_the_limits(dispatcher):
    slots = {**ANSWERS, "funding_owns_home": "yes", "funding_home_value": "not_sure",
             "funding_partner_in_home": "no"}
    run(ActionFundingEstimate(), make_tracker("x", slots=slots), dispatcher)
    assert "home" in texts(dispatcher).lower()
    assert customs(dispatcher, "funding_estimate")[0]["estimate"] is None


def test_staff_mode_reads_the_estimate_to_the_caller(dispatcher):
    run(ActionFundingEstimate(), make_tracker("x", slots={**ANSWERS, "mode": "staff"}), dispatcher)
    assert "Read this to the caller" in texts(dispatcher)


def test_start_keeps_what_the_first_message_said(dispatcher):
    tracker = make_tracker("my dad has 50 grand in savings, will he pay for his care home?", intent="paying_for_care")
    events = slot_events(run(ActionStartFunding(), tracker, dispatcher))
    assert events["funding_setting"] == "care_home"
    assert Decimal(events["funding_savings"]) == Decimal(50000)


def test_start_does_not_take_other_amounts_as_savings(dispatcher):
    tracker = make_tracker("my pension is £200 a week, do I pay for carers at home?", intent="paying_for_care")
    events = slot_events(run(ActionStartFunding(), tracker, dispatcher))
    assert events["funding_savings"] is None
    assert events["funding_setting"] == "home"


@pytest.mark.parametrize("text", ["what is the upper capital limit", "how much can you have in savings before the council pays"])
def test_a_question_about_the_limits_is_answered_before_the_questions(dispatcher, text):
    run(ActionStartFunding(), make_tracker(text, intent="paying_for_care"), dispatcher)
    said = texts(dispatcher)
    assert "£23,250" in said and "£14,250" in said
    assert said.index("£23,250") < said.index("short questions")


def test_the_menu_button_goes_straight_to_the_questions(dispatcher):
    run(ActionStartFunding(), make_tracker("/paying_for_care", intent="paying_for_care"), dispatcher)
    assert "£23,250" not in texts(dispatcher)


def _explained(slug):
    return [{"event": "bot", "text": None, "data": {"custom": {"type": "explanation", "slug": slug}}}]


def test_is_it_free_after_an_explanation_answers_about_that_service(dispatcher):
    tracker = make_tracker("is it free", intent="paying_for_care", events=_explained("reablement"))
    events = run(ActionStartFunding(), tracker, dispatcher)
    said = texts(dispatcher)
    assert "What it costs" in said and "six weeks" in said
    assert "short questions" not in said
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["action_listen"]
    assert "/paying_for_care" in [b["payload"] for b in buttons(dispatcher)]


def test_is_it_free_with_nothing_explained_starts_the_questions(dispatcher):
    run(ActionStartFunding(), make_tracker("is it free", intent="paying_for_care"), dispatcher)
    assert "short questions" in texts(dispatcher)


@pytest.mark.parametrize(("text", "line"), [
    ("is reablement free", "What it costs: Reablement"),
    ("how much does a pendant alarm cost?", "What it costs: Most people pay a weekly or monthly fee"),
    ("do I have to pay for a care home for my mum", "What it costs: The council checks your savings"),
    ("are day centres free for pensioners", "What it costs: Some groups are free"),
])
def test_the_cost_of_a_service_named_in_the_question(dispatcher, text, line):
    events = run(ActionStartFunding(), make_tracker(text, intent="paying_for_care"), dispatcher)
    said = texts(dispatcher)
    assert line in said and "rough idea" in said and "short questions" not in said
    assert _followups(events) == ["action_listen"]


@pytest.mark.parametrize(("text", "line"), [
    ("is a needs assessment free?", "A needs assessment is free"),
    ("do I have to pay for a carers assessment", "A carer's assessment is free"),
    ("is CHC free", "the NHS pays for all of your care"),
])
def test_a_free_assessment_or_nhs_care_is_said_to_be_free_with_no_estimate(dispatcher, text, line):
    run(ActionStartFunding(), make_tracker(text, intent="paying_for_care"), dispatcher)
    said = texts(dispatcher)
    assert line in said and "rough idea" not in said and "short questions" not in said
    assert "/describe_needs" in [b["payload"] for b in buttons(dispatcher)]


@pytest.mark.parametrize("text", ["will I have to pay for my care?", "how much will I pay for a care home",
                                  "is care free"])
def test_questions_about_what_i_will_pay_start_the_questions(dispatcher, text):
    run(ActionStartFunding(), make_tracker(text, intent="paying_for_care"), dispatcher)
    assert "short questions" in texts(dispatcher)


# -- questions answered in passing instead of starting the form (actions/routes.py) ----------------

def _searched(slug, name):
    return [{"event": "bot", "text": None, "data": {"custom": {
        "type": "service_cards", "category": {"slug": slug, "name": name}, "cards": [], "national": []}}}]


def _followups(events):
    return [e.get("name") for e in events if e.get("event") == "followup"]


@pytest.mark.parametrize("text", ["what does it cost", "how much is it", "is it free", "are they free?",
                                  "how much do they cost"])
def test_the_cost_after_a_search_is_that_services_cost(dispatcher, text):
    tracker = make_tracker(text, intent="paying_for_care", events=_searched("day-services", "Day services"))
    events = run(ActionStartFunding(), tracker, dispatcher)
    said = texts(dispatcher)
    assert "What it costs: Some groups are free" in said
    assert "short questions" not in said and "rough idea" in said
    assert _followups(events) == ["action_listen"]
    assert buttons(dispatcher)[0]["payload"] == "/paying_for_care"


def test_the_cost_of_a_search_two_turns_ago_is_not_assumed(dispatcher):
    earlier = [*_searched("day-services", "Day services"), {"event": "user", "text": "thanks"},
               {"event": "bot", "text": "You're welcome."}, {"event": "user", "text": "how much is it"}]
    run(ActionStartFunding(), make_tracker("how much is it", intent="paying_for_care", events=earlier), dispatcher)
    assert "short questions" in texts(dispatcher)


@pytest.mark.parametrize("text", ["will they make me sell my house", "do I have to sell my home to pay for care?",
                                  "will the council take mum's house"])
def test_selling_the_home_gets_a_direct_answer_then_the_offer(dispatcher, text):
    events = run(ActionStartFunding(), make_tracker(text, intent="paying_for_care"), dispatcher)
    said = texts(dispatcher)
    assert "12 weeks" in said and "deferred payment agreement" in said and "£23,250" in said
    assert "short questions" not in said
    assert _followups(events) == ["action_listen"]
    payload = customs(dispatcher, "explanation")[0]
    assert payload["slug"] == "selling-the-home"
    assert all(fact["source"] and fact["year"] for fact in payload["facts"])
    payloads = [b["payload"] for b in buttons(dispatcher)]
    assert payloads[0] == "/paying_for_care"
    assert any("deferred-payment" in p for p in payloads)


def test_paying_a_daughter_after_direct_payments_is_answered_from_content(dispatcher):
    tracker = make_tracker("can I pay my daughter with it", intent="paying_for_care",
                           events=_explained("direct-payments"))
    events = run(ActionStartFunding(), tracker, dispatcher)
    said = texts(dispatcher)
    assert "for the council to decide" in said and "personal assistant" in said
    assert "short questions" not in said
    assert _followups(events) == ["action_listen"]
    assert "/human_handoff" in [b["payload"] for b in buttons(dispatcher)]


def test_paying_a_daughter_after_something_else_is_not_about_direct_payments(dispatcher):
    tracker = make_tracker("can I pay my daughter with it", intent="paying_for_care",
                           events=_explained("attendance-allowance"))
    run(ActionStartFunding(), tracker, dispatcher)
    assert "for the council to decide" not in texts(dispatcher)


@pytest.mark.parametrize("text, slug", [("Does the council have to assess my mother?", "needs-assessment"),
                                        ("will they assess me as a carer", "carers-assessment")])
def test_a_question_about_being_assessed_explains_the_assessment(dispatcher, text, slug):
    events = run(ActionStartFunding(), make_tracker(text, intent="paying_for_care"), dispatcher)
    assert customs(dispatcher, "explanation")[0]["slug"] == slug
    assert "short questions" not in texts(dispatcher)
    assert _followups(events) == ["action_listen"]


def test_a_question_about_the_financial_assessment_still_starts_the_questions(dispatcher):
    run(ActionStartFunding(), make_tracker("will the financial assessment count my pension",
                                           intent="paying_for_care"), dispatcher)
    assert "short questions" in texts(dispatcher)


# -- "no" to an amount question ---------------------------------------------------------------

@pytest.mark.parametrize("slot", ["funding_home_value", "funding_income", "funding_savings"])
@pytest.mark.parametrize("answer", ["no", "No.", "nope"])
def test_a_bare_no_is_not_an_amount(dispatcher, slot, answer):
    assert validate(f"validate_{slot}", answer, dispatcher, intent="deny") == {slot: None}
    assert "not an amount" in texts(dispatcher)


def test_none_and_nothing_are_still_no_savings(dispatcher):
    assert validate("validate_funding_savings", "none", dispatcher, intent="deny") == {"funding_savings": "0"}
    assert validate("validate_funding_savings", "no savings", dispatcher) == {"funding_savings": "0"}


@pytest.mark.parametrize("answer", ["they don't own a home", "they rent", "she rents it from the council", "no house"])
def test_no_home_to_value_means_they_do_not_own_one(dispatcher, answer):
    result = validate("validate_funding_home_value", answer, dispatcher)
    assert result == {"funding_owns_home": "no", "funding_home_value": None, "funding_partner_in_home": None}


def test_the_home_value_question_offers_no_home(dispatcher):
    from actions.funding import ActionAskFundingHomeValue

    run(ActionAskFundingHomeValue(), make_tracker("x"), dispatcher)
    assert "They don't own a home" in [b["title"] for b in buttons(dispatcher)]


def test_no_home_moves_the_form_on_to_income(dispatcher, domain):
    slots = {"funding_nation": "england", "funding_setting": "care_home", "funding_savings": "1000",
             "funding_joint_savings": "0", "funding_owns_home": "yes", "funding_home_value": "they rent"}
    tracker = make_tracker("they rent", intent="inform", slots=slots, active_loop="funding_form",
                           requested_slot="funding_home_value",
                           events=[{"event": "slot", "name": "funding_home_value", "value": "they rent"}])
    events = slot_events(run(ValidateFundingForm(), tracker, dispatcher, domain))
    assert events["funding_owns_home"] == "no" and events["requested_slot"] == "funding_income"


@pytest.mark.parametrize("text", ["how do I get help paying for care", "how can I get help with paying for care for mum"])
def test_how_to_get_help_paying_for_care_is_the_paying_journey(dispatcher, text):
    run(ActionStartFunding(), make_tracker(text, intent="paying_for_care"), dispatcher)
    assert "short questions" in texts(dispatcher) and "How to get" not in texts(dispatcher)


# -- QA: "yes" to the offer of an estimate ---------------------------------------------------------

def _offer(before="do I have to pay for a care home for my mum"):
    """The previous turn: a question, then Signpost's offer of an estimate (actions.routes.offer_estimate)."""
    return [{"event": "user", "text": before},
            {"event": "bot", "text": "What it costs: The council checks your savings."},
            {"event": "bot", "text": "Would you like a rough idea of what you might pay?",
             "data": {"buttons": [{"title": "Work out what I might pay", "payload": "/paying_for_care"},
                                  {"title": "Find a local service", "payload": "/find_service"}]}}]


def _after(history, text, intent, **kwargs):
    tracker = make_tracker(text, intent=intent, **kwargs)
    latest = tracker.events[0]
    tracker.events = [*history, latest]
    return tracker


def test_yes_straight_after_the_offer_starts_the_questions(dispatcher):
    from actions.funding import ActionAffirm

    events = run(ActionAffirm(), _after(_offer(), "yes please", "affirm"), dispatcher)
    assert "short questions" in texts(dispatcher)
    assert _followups(events) == ["funding_form"]
    assert slot_events(events)["funding_setting"] == "care_home"  # from the question the offer answered


def test_yes_with_nothing_offered_is_still_unclear(dispatcher):
    from actions.funding import ActionAffirm

    history = [{"event": "user", "text": "hello"}, {"event": "bot", "text": "Hello! How can I help?"}]
    events = run(ActionAffirm(), _after(history, "yes", "affirm"), dispatcher)
    assert events == [] and dispatcher.messages[0]["response"] == "utter_affirm_unclear"


def test_yes_two_turns_after_the_offer_is_not_taken_as_yes(dispatcher):
    from actions.funding import ActionAffirm, offered_an_estimate

    history = [*_offer(), {"event": "user", "text": "hmm"}, {"event": "bot", "text": "OK."}]
    tracker = _after(history, "yes", "affirm")
    assert not offered_an_estimate(tracker)
    run(ActionAffirm(), tracker, dispatcher)
    assert "short questions" not in texts(dispatcher)


def test_paying_for_care_intent_for_a_yes_after_the_offer_is_not_answered_in_passing(dispatcher):
    tracker = _after(_offer("is it free"), "yes please", "paying_for_care")
    run(ActionStartFunding(), tracker, dispatcher)
    assert "short questions" in texts(dispatcher) and "What it costs" not in texts(dispatcher)


# -- QA: pension age -----------------------------------------------------------------------------

HOME_ANSWERS = {"funding_nation": "england", "funding_setting": "home", "funding_savings": "0",
                "funding_joint_savings": "0", "funding_owns_home": "no", "funding_income": "230"}


def test_state_pension_means_pension_age_not_the_working_age_amount(dispatcher):
    history = [{"event": "user", "text": "how much would mum pay for carers at home"},
               {"event": "user", "text": "state pension about 230 a week"}]
    tracker = make_tracker("state pension about 230 a week", slots=HOME_ANSWERS, events=history)
    assert estimate_input(tracker)["pension_age"] is True
    run(ActionFundingEstimate(), tracker, dispatcher)
    said = texts(dispatcher)
    assert "25 to 65" not in said and "£112.50" not in said
    assert "State Pension age" in said
    assert customs(dispatcher, "funding_estimate")[0]["estimate"]["estimated_weekly_contribution"] is None


def test_an_age_said_earlier_is_used(dispatcher):
    history = [{"event": "user", "text": "I'm 55 and my mum is 84, she needs help at home"}]
    data = estimate_input(make_tracker("230", slots=HOME_ANSWERS, events=history))
    assert data["age"] == 84 and "pension_age" not in data


def test_no_age_or_pension_words_keeps_the_assumption(dispatcher):
    data = estimate_input(make_tracker("230", slots=HOME_ANSWERS))
    assert "age" not in data and "pension_age" not in data


# -- QA: corrections and values -----------------------------------------------------------------------

def _form(text, requested, slots, intent="inform", **kwargs):
    slots = {**slots, requested: text}
    return make_tracker(text, intent=intent, slots=slots, active_loop="funding_form", requested_slot=requested,
                        events=[{"event": "slot", "name": requested, "value": text}], **kwargs)


def test_a_later_correction_of_the_country_switches_it(dispatcher, domain):
    tracker = _form("sorry no England, he lives in Bath", "funding_setting", {"funding_nation": "wales"},
                    intent="deny")
    events = slot_events(run(ValidateFundingForm(), tracker, dispatcher, domain))
    assert events["funding_nation"] == "england"
    assert events["requested_slot"] == "funding_setting"  # asked again
    said = texts(dispatcher)
    assert "England" in said and "Please choose" not in said


def test_a_correction_does_not_answer_a_yes_no_question(dispatcher, domain):
    slots = {"funding_nation": "wales", "funding_setting": "care_home", "funding_savings": "100",
             "funding_joint_savings": "0"}
    tracker = _form("no, England actually", "funding_owns_home", slots, intent="deny")
    events = slot_events(run(ValidateFundingForm(), tracker, dispatcher, domain))
    assert events["funding_nation"] == "england" and events["funding_owns_home"] is None


def test_a_place_answers_the_country_question(dispatcher):
    tracker = make_tracker("he lives in Bath", intent="inform", active_loop="funding_form")
    result = call(ValidateFundingForm().validate_funding_nation("he lives in Bath", dispatcher, tracker, {}))
    assert result == {"funding_nation": "england"}


@pytest.mark.parametrize("slot", ["funding_home_value", "funding_savings"])
def test_a_monthly_amount_is_not_a_home_value_or_savings(dispatcher, slot):
    assert validate(f"validate_{slot}", "about 1500 a month", dispatcher) == {slot: None}
    said = texts(dispatcher)
    assert "£1,500 a month sounds like income" in said


def test_an_implausible_weekly_income_is_checked_in_staff_mode(dispatcher):
    tracker = make_tracker("180k", intent="inform", active_loop="funding_form", slots={"mode": "staff"})
    result = call(ValidateFundingForm().validate_funding_income("180k", dispatcher, tracker, {}))
    assert result == {"funding_income": None}
    said = texts(dispatcher)
    assert "£180,000 a week" in said and said.startswith("Staff guide")
    assert "/affirm" in [b["payload"] for b in buttons(dispatcher)]


def _income_checked(text, intent, said="Just to check: £180,000 a week is a lot of income."):
    history = [{"event": "user", "text": "180k"}, {"event": "bot", "text": said},
               {"event": "bot", "text": "Last one: roughly how much income do they get each week?"}]
    return _after(history, text, intent, active_loop="funding_form")


def test_a_checked_income_can_be_confirmed_or_corrected(dispatcher):
    form = ValidateFundingForm()
    yes = call(form.validate_funding_income("/affirm", dispatcher, _income_checked("/affirm", "affirm"), {}))
    assert Decimal(yes["funding_income"]) == Decimal(180000)
    again = call(form.validate_funding_income("180k", dispatcher, _income_checked("180k", "inform"), {}))
    assert Decimal(again["funding_income"]) == Decimal(180000)
    yearly = call(form.validate_funding_income("180k a year", dispatcher, _income_checked("180k a year", "inform"), {}))
    assert Decimal(yearly["funding_income"]) == Decimal("3461.54")  # the period was said when asked


def test_a_normal_income_is_not_questioned(dispatcher):
    assert validate("validate_funding_income", "state pension about 230 a week", dispatcher) == {
        "funding_income": "230.00"}
    assert "check" not in texts(dispatcher).lower()


@pytest.mark.parametrize("answer", ["don't know", "dunno", "I'd have to ask my son"])
@pytest.mark.parametrize("slot", ["funding_owns_home", "funding_partner_in_home"])
def test_dont_know_about_the_home_is_unknown_not_no(dispatcher, answer, slot):
    assert validate(f"validate_{slot}", answer, dispatcher, intent="deny") == {slot: "not_sure"}


def test_dont_know_about_joint_savings_is_not_none(dispatcher):
    assert validate("validate_funding_joint_savings", "don't know", dispatcher, intent="deny") == {
        "funding_joint_savings": "not_sure"}


def test_the_first_message_answers_later_questions(dispatcher):
    text = "my dad is going into a care home, he has 14 grand, owns his house and mum still lives in the house"
    events = slot_events(run(ActionStartFunding(), make_tracker(text, intent="paying_for_care"), dispatcher))
    assert events["funding_setting"] == "care_home" and Decimal(events["funding_savings"]) == 14000
    assert events["funding_owns_home"] == "yes" and events["funding_partner_in_home"] == "yes"
    assert "I've noted" in texts(dispatcher)


def test_an_answer_in_the_form_fills_later_questions_too(dispatcher, domain):
    tracker = _form("care home, mum still lives in their house", "funding_setting", {"funding_nation": "england"})
    events = slot_events(run(ValidateFundingForm(), tracker, dispatcher, domain))
    assert events["funding_setting"] == "care_home" and events["funding_partner_in_home"] == "yes"
    assert events["requested_slot"] == "funding_savings"


def test_facts_in_passing_do_not_overwrite_answers(dispatcher, domain):
    slots = {"funding_nation": "england", "funding_setting": "care_home", "funding_savings": "3000"}
    tracker = _form("she has 14 grand in a joint account", "funding_joint_savings", slots)
    events = slot_events(run(ValidateFundingForm(), tracker, dispatcher, domain))
    assert "funding_savings" not in events


# -- QA: another nation named in the first message ----------------------------------------------------

def test_edinburgh_says_scotland_differs_instead_of_asking_the_country(dispatcher):
    tracker = make_tracker("I live in Edinburgh, do I pay for personal care", intent="paying_for_care",
                           entities=[{"entity": "place", "value": "Edinburgh"}])
    events = slot_events(run(ActionStartFunding(), tracker, dispatcher))
    said = texts(dispatcher)
    assert events["funding_nation"] == "scotland"
    assert "personal care" in said and "free" in said and "City of Edinburgh Council" in said
    assert said.index("Scotland") < said.index("short questions")


def test_care_at_home_in_scotland_needs_no_money_questions(dispatcher, domain):
    slots = domain["forms"]["funding_form"]["required_slots"]
    tracker = make_tracker("x", slots={"funding_nation": "scotland", "funding_setting": "home"})
    assert call(ValidateFundingForm().required_slots(slots, dispatcher, tracker, {})) == [
        "funding_nation", "funding_setting"]
    run(ActionFundingEstimate(), tracker, dispatcher)
    assert "personal care at home is free" in texts(dispatcher)
    assert customs(dispatcher, "funding_estimate")[0]["estimate"] is not None


# -- QA F6: "yes" to the joint-accounts question --------------------------------------------------------

@pytest.mark.parametrize("answer, intent", [("yes", "affirm"), ("yes joint with her", "inform"), ("yeah", "affirm")])
def test_yes_to_joint_accounts_asks_how_much_instead_of_rejecting_it(dispatcher, answer, intent):
    assert validate("validate_funding_joint_savings", answer, dispatcher, intent=intent) == {
        "funding_joint_savings": None}
    assert "amount" not in texts(dispatcher)


@pytest.mark.parametrize("answer, value", [("yes about 10k", "10000"), ("yes, 1/4 million", "250000"),
                                           ("no", "0")])
def test_yes_with_an_amount_or_no_answers_the_joint_accounts_question(dispatcher, answer, value):
    result = validate("validate_funding_joint_savings", answer, dispatcher)
    assert Decimal(result["funding_joint_savings"]) == Decimal(value)


def test_after_yes_the_joint_question_asks_how_much(dispatcher):
    from actions.funding import QUESTIONS, ActionAskFundingJointSavings
    from tests.actions.conftest import bot_event, make_tracker_after, user_event

    earlier = [user_event("12000"), bot_event(QUESTIONS["funding_joint_savings"][0])]
    tracker = make_tracker_after(earlier, "yes joint with her", active_loop="funding_form",
                                 requested_slot="funding_joint_savings")
    run(ActionAskFundingJointSavings(), tracker, dispatcher)
    said = texts(dispatcher)
    assert "how much is in the joint accounts altogether" in said and "Is there any money" not in said
    first = type(dispatcher)()
    run(ActionAskFundingJointSavings(), make_tracker_after([user_event("hi")], "12000"), first)
    assert "Is there any money in joint accounts" in texts(first)
