"""Checking what the user gave us and turning it into one tidy, typed record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from bot.funding.errors import FundingInputError
from bot.funding.money import MAX_WEEKLY, parse_money
from bot.funding.rules import NATIONS, parse_year

NATION_ALIASES = {
    **{nation: nation for nation in NATIONS},
    "northern ireland": "northern_ireland",
    "northern-ireland": "northern_ireland",
    "ni": "northern_ireland",
    "cymru": "wales",
}
SETTING_ALIASES = {
    "care_home": "care_home",
    "care home": "care_home",
    "care-home": "care_home",
    "residential": "care_home",
    "nursing_home": "care_home",
    "nursing home": "care_home",
    "home": "home",
    "care_at_home": "home",
    "care at home": "home",
    "home_care": "home",
    "home care": "home",
    "at_home": "home",
}
YES = {"yes", "y", "true"}
NO = {"no", "n", "false"}
MIN_AGE, MAX_AGE = 18, 120

LABELS = {
    "savings": "savings in your own name",
    "joint_savings": "savings you share with someone else",
    "home_value": "the value of your home",
    "weekly_income": "weekly income",
}


@dataclass(frozen=True)
class EstimateInput:
    nation: str
    care_setting: str
    savings: Decimal
    joint_savings: Decimal
    owns_home: bool
    home_value: Decimal | None
    partner_or_relative_in_home: bool
    weekly_income: Decimal | None
    year: str | None
    age: int | None
    #: said to be over State Pension age (gets a State Pension or Pension Credit, retired) without an age
    pension_age: bool = False


def parse_input(data: object) -> EstimateInput:
    """Check ``data`` and return an EstimateInput, or raise FundingInputError in plain English."""
    if not isinstance(data, Mapping):
        raise FundingInputError("Please send the details as a set of named fields.")
    nation = _choice(data, "nation", NATION_ALIASES, "Please choose England, Wales, Scotland or Northern Ireland.")
    setting = _choice(
        data, "care_setting", SETTING_ALIASES, 'Please choose "care_home" or "home" (care in your own home).'
    )
    savings = _money(data, "savings", required=True)
    joint = _money(data, "joint_savings") or Decimal(0)
    owns_home = _flag(data, "owns_home", "whether you own your home")
    partner = _flag(data, "partner_or_relative_in_home", "whether a partner or relative lives in the home")
    home_value = _money(data, "home_value")
    if owns_home and setting == "care_home" and not partner and home_value is None:
        raise FundingInputError(
            "Please tell us roughly what your home is worth (home_value). A guess is fine.", "home_value"
        )
    weekly_income = _money(data, "weekly_income", maximum=MAX_WEEKLY)
    year = parse_year(data["year"]) if data.get("year") not in (None, "") else None
    return EstimateInput(
        nation=nation,
        care_setting=setting,
        savings=savings,
        joint_savings=joint,
        owns_home=owns_home,
        home_value=home_value if owns_home else None,
        partner_or_relative_in_home=partner,
        weekly_income=weekly_income,
        year=year,
        age=_age(data.get("age")),
        pension_age=_flag(data, "pension_age", "whether you are over State Pension age"),
    )


def _choice(data: Mapping, field: str, aliases: Mapping[str, str], message: str) -> str:
    value = data.get(field)
    if value is None or value == "":
        raise FundingInputError(f"Please tell us the {field.replace('_', ' ')}. {message}", field)
    if not isinstance(value, str) or value.strip().lower() not in aliases:
        raise FundingInputError(f"We do not know that {field.replace('_', ' ')}. {message}", field)
    return aliases[value.strip().lower()]


def _money(data: Mapping, field: str, *, required: bool = False, maximum: Decimal | None = None) -> Decimal | None:
    value = data.get(field)
    if value is None or value == "":
        if required:
            raise FundingInputError(
                f"Please tell us your {LABELS[field]} (£0 is fine if you have none).", field
            )
        return None
    if maximum is None:
        return parse_money(value, field=field, label=LABELS[field])
    return parse_money(value, field=field, label=LABELS[field], maximum=maximum)


def _flag(data: Mapping, field: str, label: str) -> bool:
    value = data.get(field)
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in YES | NO:
        return value.strip().lower() in YES
    raise FundingInputError(f"Please answer yes or no for {label}.", field)


def _age(value: object) -> int | None:
    if value is None or value == "":
        return None
    message = f"Please give age as a whole number of years from {MIN_AGE} to {MAX_AGE}."
    if isinstance(value, bool):
        raise FundingInputError(message, "age")
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 3:
        value = int(value.strip())
    if not isinstance(value, int) or not MIN_AGE <= value <= MAX_AGE:
        raise FundingInputError(message, "age")
    return value
