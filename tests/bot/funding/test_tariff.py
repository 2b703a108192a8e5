"""Capital limits and tariff income at and around every boundary."""

from decimal import Decimal

import pytest

from bot.funding import estimate
from bot.funding.calculator import tariff_income

L, U = Decimal(14250), Decimal(23250)


@pytest.mark.parametrize(
    ("capital", "tariff"),
    [
        ("0", 0),
        ("14249", 0),
        ("14249.99", 0),
        ("14250", 0),  # exactly the lower limit: nothing
        ("14250.01", 1),  # a penny over: part of £250 counts as £1
        ("14251", 1),
        ("14499.99", 1),
        ("14500", 1),  # exactly £250 over
        ("14500.01", 2),
        ("14501", 2),
        ("14750", 2),
        ("14751", 3),
        ("15750", 6),  # Cheshire West and Chester's worked example
        ("23000", 35),
        ("23001", 36),
        ("23249", 36),
        ("23250", 36),  # exactly the upper limit: (23,250 - 14,250) / 250 = 36
        ("23251", 36),  # above the upper limit counts only up to it
        ("1000000", 36),
    ],
)
def test_tariff_income_england(capital, tariff):
    assert tariff_income(Decimal(capital), L, U) == Decimal(tariff)


@pytest.mark.parametrize(
    ("savings", "tariff", "full_cost"),
    [
        (14249, 0, False),
        (14250, 0, False),
        (14251, 1, False),
        (14500, 1, False),
        (14501, 2, False),
        (15750, 6, False),
        (23249, 36, False),
        (23250, 36, False),  # at the limit you are not above it
        (23251, 36, True),
    ],
)
@pytest.mark.parametrize("nation", ["england", "northern_ireland"])
def test_boundaries_through_estimate(person, nation, savings, tariff, full_cost):
    result = estimate(person(nation=nation, savings=savings))
    assert result["capital_assessed"] == Decimal(savings)
    assert result["tariff_income_weekly"] == Decimal(tariff)
    assert result["likely_to_pay_full_cost"] is full_cost
    assert result["upper_capital_limit"] == U
    assert result["lower_capital_limit"] == L


@pytest.mark.parametrize(
    ("savings", "tariff", "full_cost"),
    [
        (21499, 0, False),
        (21500, 0, False),
        (21501, 1, False),
        (24000, 10, False),  # Care Information Scotland's worked example
        (34999, 54, False),
        (35000, 54, False),
        (35001, 54, True),
    ],
)
def test_scotland_care_home_boundaries(person, savings, tariff, full_cost):
    result = estimate(person(nation="scotland", savings=savings, year="2024/25"))
    assert result["tariff_income_weekly"] == Decimal(tariff)
    assert result["likely_to_pay_full_cost"] is full_cost
    assert (result["lower_capital_limit"], result["upper_capital_limit"]) == (Decimal(21500), Decimal(35000))


@pytest.mark.parametrize(
    ("setting", "savings", "full_cost"),
    [
        ("care_home", 49999, False),
        ("care_home", 50000, False),
        ("care_home", 50001, True),
        ("home", 23999, False),
        ("home", 24000, False),
        ("home", 24001, True),
    ],
)
def test_wales_single_limits_have_no_tariff(person, setting, savings, full_cost):
    result = estimate(person(nation="wales", care_setting=setting, savings=savings))
    assert result["lower_capital_limit"] is None
    assert result["tariff_income_weekly"] is None
    assert result["likely_to_pay_full_cost"] is full_cost
