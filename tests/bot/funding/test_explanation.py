"""The words: short, plain, UK spelling, the year and figures used, no promises, jargon explained."""

import itertools
import re

import pytest

from bot.funding import estimate
from bot.funding.money import format_money
from tests.bot.funding.readability import average_sentence_length, flesch_kincaid_grade, sentences

NATIONS = ["england", "wales", "scotland", "northern_ireland"]
CASES = [
    {"nation": n, "care_setting": s, "savings": sv, "weekly_income": inc, "owns_home": own,
     "home_value": 150000, "joint_savings": joint, "age": age, "year": year}
    for n, s, sv, inc, own, joint, age, year in itertools.product(
        NATIONS, ["care_home", "home"], [0, 15000, 20000, 30000, 60000], [None, 100, 400], [False, True],
        [0, 3000], [None, 80], ["2024/25", "2026/27"],
    )
]
# Jargon may appear only with its plain-English explanation next to it.
JARGON = {
    r"\bcapital\b": None,
    r"\btariff\b": None,
    r"\bdisregard": None,
    r"\bmeans[- ]test": None,
    r"Personal Expenses Allowance": "to spend on yourself",
    r"Minimum Income Guarantee": "to live on",
    r"\bdeferred payment": "pay care home fees later",
    r"financial assessment": "Only (the council|your Health and Social Care Trust) can work out what you will pay",
    r"\b(UCL|LCL|PEA|MIG|MIA|CHC|FNC|DPA|LA|ICB)\b": None,
    r"self-funder": None,
}
US_SPELLINGS = r"\b(color|favor|center|program|organiz|recogniz|realiz|apologiz|licens|analyz|percent)\w*"
PROMISES = r"\b(promise|definitely|certainly|guaranteed|will get|you will not pay|won't pay|free of charge for you)\b"


@pytest.fixture(scope="module")
def results():
    return [estimate(case) for case in CASES]


def test_short_sentences(results):
    for result in results:
        assert average_sentence_length(result["explanation"]) <= 20, result["explanation"]
        assert max(len(s.split()) for s in sentences(result["explanation"])) <= 30, result["explanation"]


def test_reading_age_about_nine_to_eleven(results):
    # Flesch-Kincaid grade 6 is roughly a reading age of 11.
    for result in results:
        assert flesch_kincaid_grade(result["explanation"]) <= 6.5, result["explanation"]


@pytest.mark.parametrize(("term", "explainer"), JARGON.items())
def test_no_unexplained_jargon(results, term, explainer):
    for result in results:
        text = result["explanation"]
        if re.search(term, text):
            assert explainer and re.search(explainer, text), (term, text)


def test_uk_spelling_and_no_promises(results):
    for result in results:
        texts = [result["explanation"], *(note["text"] for note in result["notes"])]
        for text in texts:
            assert not re.search(US_SPELLINGS, text, re.IGNORECASE), text
            assert not re.search(PROMISES, text, re.IGNORECASE), text


def test_always_says_it_is_an_estimate(results):
    for result in results:
        assert "This is an estimate, not a financial assessment." in result["explanation"]
        assert re.search(r"Only (the council|your Health and Social Care Trust) can work out what you will pay\.$",
                         result["explanation"])


def test_states_the_year_and_the_figures_used(results):
    for result in results:
        text = result["explanation"]
        assert result["year"] in text
        if result["figures_year"] != result["year"]:
            assert result["figures_year"] in text
        if result["care_setting"] == "care_home" or result["nation"] in ("england", "wales"):
            assert format_money(result["upper_capital_limit"]) in text
            assert format_money(result["capital_assessed"]) in text
        if result["lower_capital_limit"] is not None:
            assert format_money(result["lower_capital_limit"]) in text
        if result["tariff_income_weekly"] and not result["likely_to_pay_full_cost"]:
            assert f"{format_money(result['tariff_income_weekly'])} a week" in text
        if result["estimated_weekly_contribution"] is not None:
            assert f"{format_money(result['estimated_weekly_contribution'])} a week" in text


def test_unchecked_figures_are_flagged(results):
    for result in results:
        unchecked = [s for s in result["sources"] if s["value"] and s["evidence"] != "V"
                     and s["value"] in result["explanation"]]
        if unchecked:
            assert "could not check" in result["explanation"], result["explanation"]


def test_example_wording():
    result = estimate({"nation": "england", "care_setting": "care_home", "savings": "£15,750",
                       "weekly_income": 200, "year": "2025/26"})
    assert result["explanation"] == (
        "We used the England figures for 2025/26. "
        "If your savings and other money come to more than £23,250, you usually pay the full cost of your care. "
        "Money up to £14,250 is not counted. "
        "We counted £15,750 as your money. "
        "This is between £14,250 and £23,250. "
        "For every £250 over £14,250, or part of £250, the council adds £1 a week to what you pay. "
        "For you, that is £6 a week. "
        "The council leaves you £30.65 a week to spend on yourself. "
        "So you may pay about £175.35 a week from your income. "
        "This is an estimate, not a financial assessment. Only the council can work out what you will pay."
    )
