"""The sums: capital assessed, tariff income, full cost or not, and a rough weekly contribution.

All money is ``Decimal`` pounds. Nothing here writes words for the user (see explain.py and notes.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from typing import Any

from bot.funding.inputs import EstimateInput
from bot.funding.money import down_to_penny
from bot.funding.rules import YearRules

ZERO = Decimal(0)
TWO = Decimal(2)


@dataclass(frozen=True)
class UsedFigure:
    """A figure from rules.yml that the estimate relied on."""

    label: str
    amount: Decimal
    figure: Mapping[str, Any]
    display: str | None = None  # how to show it when "£amount" is not enough

    @property
    def evidence(self) -> str:
        return self.figure["evidence"]


@dataclass(frozen=True)
class Assessment:
    charging: str  # means_tested | generally_free | council_policy
    upper: Decimal | None
    lower: Decimal | None
    capital: Decimal
    capital_without_home: Decimal
    property_counted: bool
    tariff: Decimal | None
    full_cost: bool | None
    allowance: Decimal | None
    contribution: Decimal | None
    # why there is no contribution, or "estimated": no_income, full_cost, no_allowance,
    # pension_age, generally_free, council_policy
    contribution_status: str
    age_assumed: bool
    max_weekly_charge: Decimal | None
    allowance_rule: Mapping[str, Any] | None = None  # the rules.yml entry behind ``allowance``
    used: tuple[UsedFigure, ...] = field(default=())


def tariff_income(
    capital: Decimal, lower: Decimal, upper: Decimal, *, weekly: Decimal = Decimal(1), per: Decimal = Decimal(250)
) -> Decimal:
    """£``weekly`` a week for every £``per``, or part of £``per``, of capital between the limits.

    Capital at or below the lower limit gives nothing. Capital above the upper limit counts only up
    to the upper limit (the person pays the full cost anyway).
    """
    if capital <= lower:
        return ZERO
    band = min(capital, upper) - lower
    return weekly * (band / per).to_integral_value(rounding=ROUND_CEILING)


def assess(inp: EstimateInput, rules: YearRules) -> Assessment:
    setting = rules.setting(inp.care_setting)
    used: list[UsedFigure] = []

    def take(label: str, figure: Mapping[str, Any] | None, key: str = "amount", display: str | None = None):
        if figure is None:
            return None
        amount = Decimal(str(figure[key]))
        used.append(UsedFigure(label, amount, figure, display))
        return amount

    charging = setting.get("charging", "means_tested")
    upper = take("upper capital limit", setting.get("upper_capital_limit"))
    lower = take("lower capital limit", setting.get("lower_capital_limit"))
    max_charge = take("most the council can charge for care at home", setting.get("max_weekly_charge"))

    property_counted = bool(setting["property_counted"] and inp.owns_home and not inp.partner_or_relative_in_home)
    without_home = down_to_penny(inp.savings + inp.joint_savings / TWO)
    capital = down_to_penny(without_home + (inp.home_value or ZERO)) if property_counted else without_home

    tariff_rule = setting.get("tariff")
    tariff = None
    if tariff_rule is not None and upper is not None and lower is not None:
        display = f"£{tariff_rule['weekly']} a week for every £{tariff_rule['per']}, or part of £{tariff_rule['per']}"
        weekly = take("tariff income", tariff_rule, "weekly", display)
        tariff = tariff_income(capital, lower, upper, weekly=weekly, per=Decimal(str(tariff_rule["per"])))

    full_cost: bool | None
    if upper is not None:
        full_cost = capital > upper
    else:
        full_cost = False if charging == "generally_free" else None

    allowance_rule, allowance_label, age_assumed, missing = _allowance(inp, setting)
    allowance = contribution = None
    if charging != "means_tested":
        status = charging
    elif full_cost:
        status = "full_cost"
    elif inp.weekly_income is None:
        status = "no_income"
    elif allowance_rule is None:
        status = missing
    else:
        allowance = take(allowance_label, allowance_rule)
        contribution = max(ZERO, inp.weekly_income + (tariff or ZERO) - allowance)
        if max_charge is not None:
            contribution = min(contribution, max_charge)
        status = "estimated"
    return Assessment(
        charging=charging,
        upper=upper,
        lower=lower,
        capital=capital,
        capital_without_home=without_home,
        property_counted=property_counted,
        tariff=tariff,
        full_cost=full_cost,
        allowance=allowance,
        contribution=contribution,
        contribution_status=status,
        age_assumed=age_assumed and status == "estimated",
        max_weekly_charge=max_charge,
        allowance_rule=allowance_rule if allowance is not None else None,
        used=tuple(used),
    )


ALLOWANCE_LABELS = {
    "pea": "Personal Expenses Allowance (money to spend on yourself)",
    "mia": "Minimum Income Amount (money to spend on yourself)",
    "mig": "Minimum Income Guarantee (money to live on)",
}


def _allowance(inp: EstimateInput, setting: Mapping[str, Any]) -> tuple[Mapping | None, str, bool, str]:
    """The rule for what the council leaves the person each week.

    Returns (rule or None, label, whether the age was assumed, why it is missing).
    """
    rule = setting.get("allowance")
    if rule is None:
        return None, "", False, "no_allowance"
    label = ALLOWANCE_LABELS[rule["kind"]]
    if rule["kind"] != "mig":
        return rule, label, False, ""
    bands = rule["bands"]
    by_age = [band for band in bands if "min_age" in band]
    if inp.age is None and not inp.pension_age:
        return next(band for band in by_age if band["min_age"] == 25), label, True, ""
    if inp.age is not None:
        for band in by_age:
            if band["min_age"] <= inp.age <= band["max_age"]:
                return band, label, False, ""
    # over State Pension age (an age above the working-age bands, or said in words): the pension-age
    # band when rules.yml holds one, else no weekly figure (never the working-age amount)
    pension = next((band for band in bands if band.get("pension_age")), None)
    if pension is not None:
        return pension, label, False, ""
    return None, label, False, "pension_age"
