"""describe_thresholds(): quick answers to "what is the savings limit?"."""

from datetime import date
from decimal import Decimal

import pytest

from bot.funding import FundingInputError, describe_thresholds


def test_england_today_uses_2025_26_figures_and_says_so():
    answer = describe_thresholds(today=date(2026, 11, 25))
    assert answer["nation"] == "england"
    assert (answer["year"], answer["figures_year"]) == ("2026/27", "2025/26")
    assert (answer["upper_capital_limit"], answer["lower_capital_limit"]) == (Decimal(23250), Decimal(14250))
    assert "£23,250" in answer["sentence"] and "£14,250" in answer["sentence"]
    assert "not confirmed" in answer["sentence"]
    assert {source["evidence"] for source in answer["sources"]} == {"V"}
    assert all(source["url"].startswith("http") for source in answer["sources"])


def test_england_explicit_year():
    answer = describe_thresholds("england", "2024/25")
    assert answer["figures_status"] == "confirmed"
    assert "not confirmed" not in answer["sentence"]
    assert answer["sentence"].startswith("In England in 2024/25,")


def test_wales_single_limit_and_home_limit_with_caveats():
    answer = describe_thresholds("Wales", "2025/26")
    assert answer["lower_capital_limit"] is None
    assert answer["home_upper_capital_limit"] == Decimal(24000)
    assert "£50,000" in answer["sentence"] and "£24,000" in answer["sentence"] and "£100" in answer["sentence"]
    assert any(caveat.startswith("£24,000") for caveat in answer["caveats"])


def test_scotland_and_northern_ireland():
    scotland = describe_thresholds("scotland", "2025/26")
    assert scotland["figures_year"] == "2024/25"
    assert "£35,000" in scotland["sentence"] and "£21,500" in scotland["sentence"]
    ni = describe_thresholds("northern ireland", "2025/26")
    assert "generally free" in ni["sentence"]
    assert "Health and Social Care Trust" in ni["sentence"]


@pytest.mark.parametrize(("nation", "year"), [("france", None), (None, None), ("england", "1999/00")])
def test_bad_questions(nation, year):
    with pytest.raises(FundingInputError):
        describe_thresholds(nation, year)
