"""The calculator: joint capital, property, each nation and setting, years, weekly contribution, notes."""

from datetime import date
from decimal import Decimal

import pytest

from bot.funding import OUTPUT_KEYS, estimate


def topics(result):
    return [note["topic"] for note in result["notes"]]


def test_output_has_exactly_the_documented_keys(person):
    assert tuple(estimate(person(savings=1000))) == OUTPUT_KEYS


# ------------------------------------------------------------------ joint capital


@pytest.mark.parametrize(
    ("savings", "joint", "capital", "tariff"),
    [
        (0, 28500, "14250", 0),  # half of joint savings exactly at the lower limit
        (0, 28502, "14251", 1),
        (10000, 10000, "15000", 3),
        (14250, "0.01", "14250.00", 0),  # half a penny is rounded down, never against the person
        (14250, "0.02", "14250.01", 1),
        (0, 46500, "23250", 36),
        (0, 46502, "23251", 36),
    ],
)
def test_half_of_joint_savings_counts(person, savings, joint, capital, tariff):
    result = estimate(person(savings=savings, joint_savings=joint))
    assert result["capital_assessed"] == Decimal(capital)
    assert result["tariff_income_weekly"] == Decimal(tariff)


# ------------------------------------------------------------------ property


def test_home_counts_for_care_home_when_nobody_else_lives_there(person):
    result = estimate(person(savings=5000, owns_home=True, home_value=150000))
    assert result["property_counted"] is True
    assert result["capital_assessed"] == Decimal(155000)
    assert result["likely_to_pay_full_cost"] is True
    assert {"property_disregard", "deferred_payment"} <= set(topics(result))
    assert "first 12 weeks" in result["explanation"]
    assert "£5,000" in result["explanation"]  # money during the 12-week disregard


def test_home_not_counted_when_partner_or_relative_lives_there(person):
    result = estimate(person(savings=5000, owns_home=True, home_value=150000, partner_or_relative_in_home=True))
    assert result["property_counted"] is False
    assert result["capital_assessed"] == Decimal(5000)
    assert result["likely_to_pay_full_cost"] is False
    assert "property_protected" in topics(result)
    assert "property_disregard" not in topics(result)


def test_home_value_not_needed_when_partner_lives_there(person):
    result = estimate(person(savings=0, owns_home=True, partner_or_relative_in_home=True))
    assert result["property_counted"] is False


@pytest.mark.parametrize("nation", ["england", "wales", "scotland", "northern_ireland"])
def test_home_never_counted_for_care_at_home(person, nation):
    result = estimate(person(nation=nation, care_setting="home", savings=1000, owns_home=True, home_value=900000))
    assert result["property_counted"] is False
    assert result["capital_assessed"] == Decimal(1000)
    assert "home_not_counted" in topics(result)
    assert "property_disregard" not in topics(result)


def test_home_value_ignored_when_not_owned(person):
    result = estimate(person(savings=1000, owns_home=False, home_value=900000))
    assert result["property_counted"] is False
    assert result["capital_assessed"] == Decimal(1000)
    assert "deferred_payment" not in topics(result)


@pytest.mark.parametrize("nation", ["england", "wales", "scotland", "northern_ireland"])
def test_property_rule_in_each_nation(person, nation):
    result = estimate(person(nation=nation, savings=0, owns_home=True, home_value=100000))
    assert result["property_counted"] is True
    assert result["likely_to_pay_full_cost"] is True


# ------------------------------------------------------------------ nations and settings


@pytest.mark.parametrize(
    ("nation", "setting", "upper", "lower", "full_cost_at_60k"),
    [
        ("england", "care_home", 23250, 14250, True),
        ("england", "home", 23250, 14250, True),
        ("wales", "care_home", 50000, None, True),
        ("wales", "home", 24000, None, True),
        ("scotland", "care_home", 35000, 21500, True),
        ("scotland", "home", None, None, None),
        ("northern_ireland", "care_home", 23250, 14250, True),
        ("northern_ireland", "home", None, None, False),
    ],
)
def test_each_nation_and_setting(person, nation, setting, upper, lower, full_cost_at_60k):
    result = estimate(person(nation=nation, care_setting=setting, savings=60000))
    assert result["nation"] == nation
    assert result["care_setting"] == setting
    assert result["upper_capital_limit"] == (Decimal(upper) if upper else None)
    assert result["lower_capital_limit"] == (Decimal(lower) if lower else None)
    assert result["likely_to_pay_full_cost"] is full_cost_at_60k
    assert topics(result)[-1] == "estimate_only"


def test_northern_ireland_has_no_deferred_payments(person):
    result = estimate(person(nation="northern_ireland", savings=0, owns_home=True, home_value=90000))
    assert "no_deferred_payment" in topics(result)
    assert "deferred_payment" not in topics(result)


def test_scotland_free_personal_care_payments_carry_caveat(person):
    result = estimate(person(nation="scotland", savings=1000))
    note = next(n for n in result["notes"] if n["topic"] == "free_personal_care_payments")
    assert "£254.60" in note["text"] and "£114.55" in note["text"]
    assert note["evidence"] == "S"
    assert "could not check" in note["text"]


def test_scotland_care_at_home_is_left_to_the_council(person):
    result = estimate(person(nation="scotland", care_setting="home", savings=1000, weekly_income=300))
    assert result["estimated_weekly_contribution"] is None
    assert result["tariff_income_weekly"] is None
    assert "personal care at home is free" in result["explanation"]


def test_northern_ireland_care_at_home_generally_free_with_caveat(person):
    result = estimate(person(nation="northern_ireland", care_setting="home", savings=90000, weekly_income=300))
    assert result["likely_to_pay_full_cost"] is False
    assert result["estimated_weekly_contribution"] is None
    assert "generally free" in result["explanation"]
    assert "could not check" in result["explanation"]


def test_wales_care_at_home_full_cost_is_capped(person):
    result = estimate(person(nation="wales", care_setting="home", savings=30000))
    assert result["likely_to_pay_full_cost"] is True
    assert "£100 a week" in result["explanation"]
    assert "could not check" in result["explanation"]  # £24,000 and £100 are secondary-source figures


# ------------------------------------------------------------------ years


@pytest.mark.parametrize(
    ("day", "year", "figures_year", "status"),
    [
        (date(2025, 3, 31), "2024/25", "2024/25", "confirmed"),
        (date(2025, 4, 1), "2025/26", "2025/26", "confirmed"),  # the financial year starts on 1 April
        (date(2026, 3, 31), "2025/26", "2025/26", "confirmed"),
        (date(2026, 4, 1), "2026/27", "2025/26", "not_yet_confirmed"),
        (date(2026, 11, 25), "2026/27", "2025/26", "not_yet_confirmed"),
        (date(2028, 6, 1), "2028/29", "2025/26", "not_yet_confirmed"),  # later than we hold: newest figures
    ],
)
def test_year_from_today(person, day, year, figures_year, status):
    result = estimate(person(year=None, savings=15000), today=day)
    assert (result["year"], result["figures_year"], result["figures_status"]) == (year, figures_year, status)
    if status == "not_yet_confirmed":
        assert topics(result)[0] == "year_not_confirmed"
        assert figures_year in result["notes"][0]["text"]


def test_england_2026_27_uses_2025_26_figures_and_says_so(person, today):
    result = estimate(person(year=None, savings=20000, weekly_income=250), today=today)
    assert result["year"] == "2026/27"
    assert result["figures_year"] == "2025/26"
    assert "2026/27" in result["explanation"] and "2025/26" in result["explanation"]
    assert "£30.65" in result["explanation"]  # the 2025/26 Personal Expenses Allowance


@pytest.mark.parametrize("year", ["2024/25", "2024-25", "2024/2025", " 2024-2025 "])
def test_explicit_year_formats(person, year):
    assert estimate(person(year=year, savings=1))["year"] == "2024/25"


def test_scotland_later_years_carry_the_unverified_caveat(person):
    result = estimate(person(nation="scotland", year="2025/26", savings=1000))
    assert result["figures_year"] == "2024/25"
    assert result["figures_status"] == "not_yet_confirmed"
    assert "could not check" in result["notes"][0]["text"].lower()


def test_personal_expenses_allowance_by_year(person):
    older = estimate(person(year="2024/25", savings=0, weekly_income=200))
    newer = estimate(person(year="2025/26", savings=0, weekly_income=200))
    assert older["estimated_weekly_contribution"] == Decimal("169.85")  # 200 - 30.15
    assert newer["estimated_weekly_contribution"] == Decimal("169.35")  # 200 - 30.65


def test_nursing_care_figure_follows_the_year(person, today):
    by_year = {
        year: next(n["text"] for n in estimate(person(year=year, savings=1))["notes"]
                   if n["topic"] == "nhs_funded_nursing_care")
        for year in ("2024/25", "2025/26", "2026/27")
    }
    assert "£235.88" in by_year["2024/25"]
    assert "£254.06" in by_year["2025/26"]
    assert "£267.68" in by_year["2026/27"]


# ------------------------------------------------------------------ weekly contribution


@pytest.mark.parametrize(
    ("savings", "income", "expected"),
    [
        (0, 200, "169.35"),  # 200 + 0 - 30.65
        (15750, 200, "175.35"),  # 200 + 6 - 30.65
        (0, 30, "0"),  # never below zero
        (0, "30.65", "0"),
        (20000, 0, "0"),  # 0 + 23 - 30.65 floored
    ],
)
def test_care_home_contribution(person, savings, income, expected):
    result = estimate(person(savings=savings, weekly_income=income))
    assert result["estimated_weekly_contribution"] == Decimal(expected)


def test_no_contribution_without_income_or_above_the_limit(person):
    assert estimate(person(savings=1000))["estimated_weekly_contribution"] is None
    above = estimate(person(savings=30000, weekly_income=500))
    assert above["estimated_weekly_contribution"] is None
    assert "full_cost_no_contribution" in topics(above)


@pytest.mark.parametrize(
    ("age", "expected", "assumed"),
    [
        (None, "187.50", True),  # 300 - 112.50, age assumed 25 to 65 and said so
        (30, "187.50", False),
        (20, "210.85", False),  # 300 - 89.15
    ],
)
def test_home_care_rough_figure_uses_minimum_income_guarantee(person, age, expected, assumed):
    result = estimate(person(care_setting="home", savings=0, weekly_income=300, age=age))
    assert result["estimated_weekly_contribution"] == Decimal(expected)
    assert "home_care_rough" in topics(result)
    assert ("age_assumed" in topics(result)) is assumed
    assert "rough" in result["explanation"]
    assert "could not check" in result["explanation"]  # the MIG figures are secondary-source [S]


def test_home_care_pension_age_gets_no_figure(person):
    result = estimate(person(care_setting="home", savings=0, weekly_income=300, age=80))
    assert result["estimated_weekly_contribution"] is None
    assert "pension_age" in topics(result)


def test_home_care_2024_25_has_no_minimum_income_figure(person):
    result = estimate(person(care_setting="home", year="2024/25", savings=0, weekly_income=300))
    assert result["estimated_weekly_contribution"] is None
    assert "no_allowance" in topics(result)


def test_wales_care_home_contribution_uses_minimum_income_amount_with_caveat(person):
    result = estimate(person(nation="wales", savings=40000, weekly_income="239.50"))
    assert result["tariff_income_weekly"] is None
    assert result["estimated_weekly_contribution"] == Decimal("200.00")
    assert "allowance_year_unclear" in topics(result)
    assert "£39.50" in result["explanation"] and "could not check" in result["explanation"]


def test_northern_ireland_care_home_has_no_current_allowance(person):
    result = estimate(person(nation="northern_ireland", savings=0, weekly_income=300))
    assert result["estimated_weekly_contribution"] is None
    assert "no_allowance" in topics(result)


# ------------------------------------------------------------------ notes and sources


@pytest.mark.parametrize("nation", ["england", "wales", "scotland", "northern_ireland"])
@pytest.mark.parametrize("setting", ["care_home", "home"])
def test_notes_cover_the_essentials(person, nation, setting):
    result = estimate(person(nation=nation, care_setting=setting, savings=1000, owns_home=True, home_value=1))
    found = set(topics(result))
    assert {"nhs_continuing_healthcare", "attendance_allowance", "free_needs_assessment", "estimate_only"} <= found
    if setting == "care_home":
        assert "property_disregard" in found
        assert found & {"deferred_payment", "no_deferred_payment"}
        assert found & {"nhs_funded_nursing_care", "free_personal_care_payments"}
    for note in result["notes"]:
        if note["evidence"] in ("S", "U"):
            assert "please treat it with care" in note["text"]


def test_sources_name_every_figure_used(person):
    result = estimate(person(savings=15000, weekly_income=200))
    figures = {source["label"]: source for source in result["sources"] if source["value"]}
    assert figures["upper capital limit"]["value"] == "£23,250"
    assert figures["lower capital limit"]["value"] == "£14,250"
    assert figures["Personal Expenses Allowance (money to spend on yourself)"]["value"] == "£30.65"
    for source in result["sources"]:
        assert source["url"].startswith("http")
        assert source["evidence"] in ("V", "S", "U")


def test_northern_ireland_names_the_trust_not_the_council(person):
    result = estimate(person(nation="northern_ireland", savings=16000, weekly_income=300))
    assert "Health and Social Care Trust" in result["explanation"]
    assert "council" not in result["explanation"]


def test_pension_age_said_in_words_gets_no_working_age_figure(person):
    # "state pension about 230 a week", no age: not the 25 to 65 amount (the pension-age amount is not held)
    result = estimate(person(care_setting="home", savings=0, weekly_income=230, pension_age=True))
    assert result["estimated_weekly_contribution"] is None
    assert "pension_age" in topics(result) and "age_assumed" not in topics(result)
    assert "25 to 65" not in result["explanation"] and "112.50" not in result["explanation"]
    assert "we took it that you are over State Pension age" in result["explanation"]


def test_a_known_working_age_wins_over_pension_words(person):
    result = estimate(person(care_setting="home", savings=0, weekly_income=300, age=40, pension_age=True))
    assert result["estimated_weekly_contribution"] == Decimal("187.50")


def test_a_pension_age_band_is_used_when_rules_hold_one(person, monkeypatch):
    from bot.funding import calculator

    band = {"pension_age": True, "amount": "200", "evidence": "U", "source": "https://example.org", "source_name": "x"}
    rule = {"kind": "mig", "bands": [{"min_age": 25, "max_age": 65, "amount": "112.50"}, band]}
    inp = calculator.EstimateInput("england", "home", Decimal(0), Decimal(0), False, None, False, Decimal(300),
                                   None, None, pension_age=True)
    assert calculator._allowance(inp, {"allowance": rule})[0] is band
