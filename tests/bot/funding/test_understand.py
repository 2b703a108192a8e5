"""Reading what people say in passing: pension age, ages, amounts per period, countries, facts."""

from decimal import Decimal

import pytest

from bot.funding import understand


@pytest.mark.parametrize("text", ["state pension about 230 a week", "she gets pension credit", "dad is retired",
                                  "are day centres free for pensioners", "my pension is £200 a week",
                                  "her pension and attendance allowance"])
def test_pension_words_mean_pension_age(text):
    assert understand.says_pension_age(text)


@pytest.mark.parametrize("text", ["about 230 a week", "he's not retired yet", "she isn't on pension credit",
                                  "before state pension age", "universal credit 400 a month"])
def test_other_words_do_not(text):
    assert not understand.says_pension_age(text)


@pytest.mark.parametrize(("texts", "age"), [
    (["mum is 84"], 84), (["my 79 year old dad"], 79), (["she's 91 and lives alone"], 91),
    (["I'm 52 and my mum is 84"], 84), (["I am 70"], 70), (["aged 67"], 67),
    (["mum is 84", "she has 230 a week"], 84), (["she gets 230 a week"], None), (["she has £90"], None),
    (["my son is 12"], None), (["dad has 14 grand"], None),
])
def test_the_age_of_the_person(texts, age):
    assert understand.age_of_person(texts) == age


@pytest.mark.parametrize(("text", "period"), [
    ("about 1500 a month", "month"), ("£900 pcm", "month"), ("230 a week", "week"), ("230pw", "week"),
    ("12k a year", "year"), ("£12,000 per annum", "year"), ("£400 a fortnight", "fortnight"), ("200k", None),
    ("about 20k", None),
])
def test_amounts_per_period(text, period):
    assert understand.period_of(text) == period


def test_as_weekly():
    assert understand.as_weekly(Decimal(900), "£900 a month") == Decimal("207.69")
    assert understand.as_weekly(Decimal(5200), "5200 a year") == Decimal("100.00")
    assert understand.as_weekly(Decimal(230), "230") == Decimal("230.00")


def test_implausible_weekly_income():
    assert understand.implausible_weekly_income(Decimal(180000))
    assert not understand.implausible_weekly_income(Decimal(230))


@pytest.mark.parametrize(("text", "nation"), [
    ("sorry no England, he lives in Bath", "england"), ("not Wales, England", "england"), ("not in Wales", None),
    ("he's Scottish", "scotland"), ("Northern Ireland", "northern_ireland"), ("care home", None),
])
def test_nation_named(text, nation):
    assert understand.nation_named(text) == nation


@pytest.mark.parametrize(("text", "owns"), [
    ("she owns her house", "yes"), ("they own the flat outright", "yes"), ("he's a homeowner", "yes"),
    ("she rents from the council", "no"), ("they don't own a home", "no"), ("care home please", None),
    ("she doesn't own it", "no"),
])
def test_owns_home(text, owns):
    assert understand.owns_home_from_text(text) == owns


@pytest.mark.parametrize(("text", "yes"), [
    ("mum still lives in their house", True), ("dad is going into a home but mum will stay in the house", True),
    ("his wife lives there", True), ("mum lives alone", False), ("she lives in her own home", False),
])
def test_partner_in_home(text, yes):
    assert (understand.partner_in_home_from_text(text) == "yes") is yes


@pytest.mark.parametrize(("text", "savings"), [
    ("mum has 14 grand", "14000"), ("she's 84 and has about 20k", "20000"), ("I've got 30k saved", "30000"),
    ("£5,000 in the bank", "5000"), ("my pension is £200 a week", None), ("her house is worth 200k", None),
    ("she has 2 carers a day", None), ("mum is 84", None), ("she has a disability", None),
    ("about 1500 a month", None),
])
def test_savings_said_in_passing(text, savings):
    found = understand.savings_said(text)
    assert (str(found) if found is not None else None) == savings
