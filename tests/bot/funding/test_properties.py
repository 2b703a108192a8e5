"""Properties that must hold for any input (hypothesis)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.funding import estimate

MEANS_TESTED = [("england", "care_home"), ("england", "home"), ("scotland", "care_home"),
                ("northern_ireland", "care_home")]
pounds = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)
nation_setting = st.sampled_from(MEANS_TESTED)
years = st.sampled_from(["2024/25", "2025/26", "2026/27"])


def run(nation, setting, savings, year, **extra):
    data = {"nation": nation, "care_setting": setting, "savings": savings, "year": year, **extra}
    return estimate(data)


@given(nation_setting, years, pounds, pounds)
def test_tariff_never_negative_and_never_falls_as_savings_rise(pair, year, savings, extra):
    nation, setting = pair
    low = run(nation, setting, savings, year)
    high = run(nation, setting, savings + extra, year)
    assert low["tariff_income_weekly"] >= 0
    assert high["tariff_income_weekly"] >= low["tariff_income_weekly"]
    # and the tariff is never more than the whole band between the limits allows
    band = (low["upper_capital_limit"] - low["lower_capital_limit"]) / 250
    assert high["tariff_income_weekly"] <= band


@given(nation_setting, years, pounds)
def test_above_the_upper_limit_always_means_full_cost(pair, year, savings):
    nation, setting = pair
    result = run(nation, setting, savings, year)
    assert result["likely_to_pay_full_cost"] is (result["capital_assessed"] > result["upper_capital_limit"])


@given(st.sampled_from(["england", "wales", "scotland", "northern_ireland"]), years,
       st.sampled_from(["care_home", "home"]), pounds)
def test_capital_over_every_upper_limit_means_full_cost_where_limits_apply(nation, year, setting, extra):
    result = run(nation, setting, Decimal(50_000) + Decimal("0.01") + extra, year)
    if result["upper_capital_limit"] is not None:
        assert result["likely_to_pay_full_cost"] is True
        assert result["estimated_weekly_contribution"] is None


@given(nation_setting, years, pounds, pounds, st.booleans(), pounds, st.booleans(),
       st.one_of(st.none(), st.decimals(min_value=0, max_value=5000, places=2)), st.randoms())
@settings(max_examples=60)
def test_result_does_not_depend_on_field_order(pair, year, savings, joint, owns, home, partner, income, rnd):
    nation, setting = pair
    data = {"nation": nation, "care_setting": setting, "savings": savings, "joint_savings": joint,
            "owns_home": owns, "home_value": home, "partner_or_relative_in_home": partner,
            "weekly_income": income, "year": year}
    items = list(data.items())
    rnd.shuffle(items)
    assert estimate(dict(items)) == estimate(data)


@given(nation_setting, years, pounds, st.decimals(min_value=0, max_value=5000, places=2))
def test_contribution_is_never_negative(pair, year, savings, income):
    nation, setting = pair
    result = run(nation, setting, savings, year, weekly_income=income)
    contribution = result["estimated_weekly_contribution"]
    assert contribution is None or contribution >= 0


@given(pounds, pounds)
def test_joint_savings_count_half(savings, joint):
    both = run("england", "care_home", savings, "2025/26", joint_savings=joint)
    assert both["capital_assessed"] <= savings + joint / 2
    assert both["capital_assessed"] > savings + joint / 2 - Decimal("0.01")

