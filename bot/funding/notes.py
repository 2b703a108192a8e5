"""Choosing the notes that apply to one estimate, with caveats for figures we could not check."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from string import Formatter
from typing import Any

from bot.funding.calculator import Assessment, UsedFigure
from bot.funding.inputs import EstimateInput
from bot.funding.money import format_money
from bot.funding.phrases import phrase
from bot.funding.rules import SETTINGS, YearRules


def select_notes(
    inp: EstimateInput, rules: YearRules, result: Assessment
) -> tuple[list[dict[str, Any]], list[UsedFigure]]:
    """The notes for this estimate (plain-English dicts) and any year figures their words quote."""
    notes = _situation_notes(inp, rules, result)
    quoted: list[UsedFigure] = []
    for note in rules.notes:
        if inp.care_setting not in note.get("settings", SETTINGS) or not _applies(note, inp, rules, result):
            continue
        text, figures = fill_note(note["text"], rules, result, inp.care_setting)
        quoted.extend(figures)
        notes.append(_note(note["topic"], text, rules, note["evidence"], note))
    return notes, quoted


def _applies(note: Mapping[str, Any], inp: EstimateInput, rules: YearRules, result: Assessment) -> bool:
    when = note.get("when", "always")
    if when == "owns_home":
        return inp.owns_home
    if when == "property_counted":
        return result.property_counted
    if when == "property_protected":
        counts_homes = rules.setting(inp.care_setting)["property_counted"]
        return inp.owns_home and inp.partner_or_relative_in_home and counts_homes
    return True


def _situation_notes(inp: EstimateInput, rules: YearRules, result: Assessment) -> list[dict[str, Any]]:
    """Notes that depend on this person's answers rather than on the nation's rules."""
    values = {
        **rules.words(),
        "status_note": rules.status_note,
        "upper": format_money(result.upper) if result.upper is not None else "",
        "allowance": format_money(result.allowance) if result.allowance is not None else "",
    }
    wanted = []
    if rules.status != "confirmed":
        wanted.append("year_not_confirmed")
    status = result.contribution_status
    if status == "estimated" and inp.care_setting == "home":
        wanted.append("home_care_rough")
    if result.age_assumed:
        wanted.append("age_assumed")
    if status in ("pension_age", "no_allowance"):
        wanted.append(status)
    if status == "full_cost" and result.upper is not None:
        wanted.append("full_cost_no_contribution")
    if result.allowance_rule is not None and result.allowance_rule.get("year_unclear"):
        wanted.append("allowance_year_unclear")
    return [_note(topic, phrase("notes", topic, **values), rules, None, None) for topic in wanted]


def fill_note(
    template: str, rules: YearRules, result: Assessment | None, care_setting: str
) -> tuple[str, list[UsedFigure]]:
    """Put the year's figures (and the year's words, such as {figures_year}) into a note's {placeholders}.

    A placeholder is a word from rules.words(), a figure of the year (figures:), or a figure of
    the care setting (such as {upper_capital_limit}), always taken from rules.yml with its source.
    """
    names = [name for _, name, _, _ in Formatter().parse(template) if name]
    words = rules.words()
    values: dict[str, str] = {}
    quoted: list[UsedFigure] = []
    for name in names:
        if name in words:
            values[name] = words[name]
            continue
        if name == "max_weekly_charge" and result is not None and result.max_weekly_charge is not None:
            values[name] = format_money(result.max_weekly_charge)
            continue
        setting_figure = rules.setting(care_setting).get(name)
        figure = rules.figures[name] if name in rules.figures else setting_figure
        amount = Decimal(str(figure["amount"]))
        values[name] = format_money(amount)
        quoted.append(UsedFigure(name.replace("_", " "), amount, figure))
    return " ".join(template.split()).format(**values), quoted


def _note(
    topic: str, text: str, rules: YearRules, evidence: str | None, sourced: Mapping[str, Any] | None
) -> dict[str, Any]:
    caveat = rules.caveats.get(evidence) if evidence else None
    return {
        "topic": topic,
        "text": f"{text} {caveat}" if caveat else text,
        "evidence": evidence,
        "source": sourced.get("source") if sourced else None,
    }

