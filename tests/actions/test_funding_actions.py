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
