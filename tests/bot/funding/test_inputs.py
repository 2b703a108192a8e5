"""Bad input gets a clear, plain-English FundingInputError; good input in several shapes is accepted."""

from decimal import Decimal

import pytest

from bot.funding import FundingInputError, estimate


@pytest.mark.parametrize(
    ("value", "pounds"),
    [
        (30000, "30000"),
        (30000.5, "30000.50"),
        (Decimal("30000.505"), "30000.51"),
        ("30000", "30000"),
        ("£30,000", "30000"),
        ("£ 30,000.00", "30000"),
        (" 1,234,567 ", "1234567"),
        ("0", "0"),
        (0, "0"),
    ],
)
def test_amount_shapes_accepted(person, value, pounds):
    assert estimate(person(savings=value))["capital_assessed"] == Decimal(pounds)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"savings": -1}, "savings", "less than £0"),
        ({"savings": "-£5"}, "savings", "less than £0"),
        ({"savings": "lots"}, "savings", "amount in pounds"),
        ({"savings": "30k"}, "savings", "amount in pounds"),
        ({"savings": "30,00"}, "savings", "amount in pounds"),
        ({"savings": True}, "savings", "amount in pounds"),
        ({"savings": float("nan")}, "savings", "amount in pounds"),
        ({"savings": float("inf")}, "savings", "amount in pounds"),
        ({"savings": Decimal("NaN")}, "savings", "amount in pounds"),
        ({"savings": [1]}, "savings", "amount in pounds"),
        ({"savings": 100_000_001}, "savings", "too big"),
        ({"joint_savings": -5}, "joint_savings", "less than £0"),
        ({"weekly_income": 1_000_001}, "weekly_income", "too big"),
        ({"weekly_income": False}, "weekly_income", "amount in pounds"),
        ({"savings": None}, "savings", "£0 is fine"),
        ({"savings": ""}, "savings", "£0 is fine"),
        ({"nation": None}, "nation", "Please tell us the nation"),
        ({"nation": "france"}, "nation", "England, Wales, Scotland or Northern Ireland"),
        ({"nation": 1}, "nation", "We do not know"),
        ({"care_setting": "hospital"}, "care_setting", "care_home"),
        ({"care_setting": None}, "care_setting", "Please tell us"),
        ({"owns_home": "maybe"}, "owns_home", "yes or no"),
        ({"owns_home": 1}, "owns_home", "yes or no"),
        ({"owns_home": True}, "home_value", "what your home is worth"),
        ({"year": "2019/20"}, "year", "2024/25, 2025/26 and 2026/27"),
        ({"year": "2025/27"}, "year", "not a financial year"),
        ({"year": "next year"}, "year", "2025/26"),
        ({"year": 2025}, "year", "2025/26"),
        ({"age": 17}, "age", "18 to 120"),
        ({"age": "old"}, "age", "18 to 120"),
        ({"age": True}, "age", "18 to 120"),
    ],
)
def test_bad_input_is_explained(person, fields, field, words):
    with pytest.raises(FundingInputError) as caught:
        estimate({**person(), **fields})
    assert caught.value.field == field
    assert words in caught.value.message


@pytest.mark.parametrize("data", [None, [], "england", 42])
def test_input_must_be_a_mapping(data):
    with pytest.raises(FundingInputError, match="named fields"):
        estimate(data)


@pytest.mark.parametrize(
    ("nation", "expected"),
    [("England", "england"), (" WALES ", "wales"), ("Northern Ireland", "northern_ireland"), ("NI", "northern_ireland")],
)
def test_nation_names(person, nation, expected):
    assert estimate(person(nation=nation, savings=0))["nation"] == expected


@pytest.mark.parametrize(("setting", "expected"), [("Care home", "care_home"), ("care at home", "home")])
def test_setting_names(person, setting, expected):
    assert estimate(person(care_setting=setting))["care_setting"] == expected


@pytest.mark.parametrize(("answer", "counted"), [("yes", True), ("No", False), ("true", True), (False, False)])
def test_yes_no_answers(person, answer, counted):
    result = estimate(person(owns_home=answer, home_value=100000))
    assert result["property_counted"] is counted


def test_unknown_fields_are_ignored(person):
    assert estimate(person(savings=1, favourite_colour="blue"))["capital_assessed"] == Decimal(1)
