"""The short plain-English explanation of an estimate (words live in wording.yml)."""

from __future__ import annotations

from bot.funding.calculator import Assessment
from bot.funding.inputs import EstimateInput
from bot.funding.money import format_money
from bot.funding.phrases import phrase
from bot.funding.rules import YearRules


def explain(inp: EstimateInput, rules: YearRules, result: Assessment, closing: str) -> str:
    """A few short sentences: the year, the limits, the person's money, what that means, caveats."""
    money = {
        **rules.words(),
        "capital": format_money(result.capital),
        "capital_without_home": format_money(result.capital_without_home),
        "home_value": format_money(inp.home_value) if inp.home_value is not None else "",
    }
    for name in ("upper", "lower", "tariff", "allowance", "contribution", "max_weekly_charge"):
        value = getattr(result, name)
        money[name] = format_money(value) if value is not None else ""

    def say(key: str) -> str:
        return phrase("explanation", key, **money)

    year_key = "year_confirmed" if rules.status == "confirmed" else "year_not_confirmed"
    parts = [say(year_key)]
    parts += [say(key) for key in _limit_keys(result)]
    parts += [say(key) for key in _capital_keys(inp, rules, result)]
    parts += [say(key) for key in _outcome_keys(inp, result)]
    unchecked = _unchecked(result)
    if unchecked:
        parts.append(phrase("explanation", "unchecked_figures", figures=unchecked))
    parts.append(closing)
    return " ".join(parts)


def _limit_keys(result: Assessment) -> list[str]:
    if result.charging != "means_tested":
        return [result.charging]
    keys = ["limit_upper", "limit_lower" if result.lower is not None else "limit_single"]
    if result.max_weekly_charge is not None:
        keys.append("limit_max_charge")
    return keys


def _capital_keys(inp: EstimateInput, rules: YearRules, result: Assessment) -> list[str]:
    if result.charging != "means_tested":
        return []
    keys = ["capital"]
    if inp.joint_savings > 0:
        keys.append("capital_joint")
    if result.property_counted:
        keys.append("capital_home")
    elif inp.owns_home and inp.care_setting == "care_home" and inp.partner_or_relative_in_home:
        keys.append("home_protected")
    elif inp.owns_home and inp.care_setting == "home":
        keys.append("home_not_counted_at_home")
    return keys


def _outcome_keys(inp: EstimateInput, result: Assessment) -> list[str]:
    if result.charging != "means_tested":
        return []
    if result.full_cost:
        keys = ["full_cost"]
        if result.max_weekly_charge is not None:
            keys.append("full_cost_capped")
        if result.property_counted:
            keys.append("first_12_weeks")
        return keys
    if result.tariff:
        keys = ["between_limits"]
    elif result.lower is not None:
        keys = ["below_lower"]
    else:
        keys = ["below_single"]
    status = result.contribution_status
    if status == "estimated":
        keys.append("contribution_care_home" if inp.care_setting == "care_home" else "contribution_home")
        if result.age_assumed:
            keys.append("age_assumed")
    elif status == "no_income":
        keys.append("ask_income")
    elif status == "pension_age" and inp.pension_age and inp.age is None:
        keys += ["pension_age_said", status]
    elif status in ("no_allowance", "pension_age"):
        keys.append(status)
    return keys


def _unchecked(result: Assessment) -> str:
    """The figures the explanation relied on that were not checked in an official source."""
    shown = []
    for used in result.used:
        if used.evidence == "V" or (used.label == "tariff income" and (result.full_cost or not result.tariff)):
            continue
        text = used.display or format_money(used.amount)
        if text not in shown:
            shown.append(text)
    return ", ".join(shown)
