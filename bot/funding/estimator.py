"""``estimate()``: check the input, pick the rules, do the sums, add notes, sources and words."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from bot.funding.calculator import Assessment, UsedFigure, assess
from bot.funding.explain import explain
from bot.funding.inputs import parse_input
from bot.funding.money import format_money, to_number
from bot.funding.notes import select_notes
from bot.funding.rules import YearRules, rules_for

OUTPUT_KEYS = (
    "nation",
    "year",
    "figures_year",
    "figures_status",
    "care_setting",
    "upper_capital_limit",
    "lower_capital_limit",
    "capital_assessed",
    "property_counted",
    "tariff_income_weekly",
    "likely_to_pay_full_cost",
    "estimated_weekly_contribution",
    "notes",
    "sources",
    "explanation",
)


def estimate(data: Mapping[str, Any], *, today: date | None = None) -> dict[str, Any]:
    """Estimate where someone stands against the capital limits. Money values are ``Decimal``.

    ``data`` holds nation, care_setting, savings, and optionally joint_savings, owns_home,
    home_value, partner_or_relative_in_home, weekly_income, year ("2025/26") and age.
    ``today`` picks the financial year when no year is given (default: the real date).
    Raises FundingInputError with a plain-English message for input it cannot use.
    """
    inp = parse_input(data)
    rules = rules_for(inp.nation, inp.year, today=today)
    result = assess(inp, rules)
    notes, quoted = select_notes(inp, rules, result)
    closing = next(note["text"] for note in notes if note["topic"] == "estimate_only")
    return {
        "nation": rules.nation,
        "year": rules.year,
        "figures_year": rules.figures_year,
        "figures_status": rules.status,
        "care_setting": inp.care_setting,
        "upper_capital_limit": result.upper,
        "lower_capital_limit": result.lower,
        "capital_assessed": result.capital,
        "property_counted": result.property_counted,
        "tariff_income_weekly": result.tariff,
        "likely_to_pay_full_cost": result.full_cost,
        "estimated_weekly_contribution": result.contribution,
        "notes": notes,
        "sources": _sources(rules, result, quoted, notes),
        "explanation": explain(inp, rules, result, closing),
    }


def _sources(
    rules: YearRules, result: Assessment, quoted: list[UsedFigure], notes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Every figure used (with its year, evidence level and source) and every note's source."""
    sources = [figure_source(used, rules.figures_year) for used in (*result.used, *quoted)]
    shown = {note["topic"] for note in notes}
    for note in rules.notes:
        if note["topic"] in shown:
            sources.append(
                {
                    "label": note["topic"].replace("_", " "),
                    "value": None,
                    "year": None,
                    "evidence": note["evidence"],
                    "url": note["source"],
                    "name": " ".join(note["source_name"].split()),
                }
            )
    unique: list[dict[str, Any]] = []
    for source in sources:
        if source not in unique:
            unique.append(source)
    return unique


def figure_source(used: UsedFigure, year: str) -> dict[str, Any]:
    return {
        "label": used.label,
        "value": used.display or format_money(used.amount),
        "year": year,
        "evidence": used.evidence,
        "url": used.figure["source"],
        "name": " ".join(used.figure["source_name"].split()),
    }


def to_jsonable(value: Any) -> Any:
    """The same result with ``Decimal`` money turned into JSON numbers (whole pounds as ints)."""
    if isinstance(value, Decimal):
        return to_number(value)
    if isinstance(value, Mapping):
        return {key: to_jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in value]
    return value
