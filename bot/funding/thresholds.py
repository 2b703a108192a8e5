"""``describe_thresholds()``: the savings limits for quick answers such as "what is the savings limit?"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.funding.calculator import UsedFigure
from bot.funding.errors import FundingInputError
from bot.funding.estimator import figure_source
from bot.funding.inputs import NATION_ALIASES
from bot.funding.money import format_money
from bot.funding.notes import fill_note
from bot.funding.phrases import phrase
from bot.funding.rules import rules_for


def describe_thresholds(nation: str = "england", year: str | None = None, *, today: date | None = None) -> dict:
    """The care-home (and care-at-home) savings limits for a nation and year, with sources.

    Returns {nation, nation_name, year, figures_year, figures_status, upper_capital_limit,
    lower_capital_limit, home_upper_capital_limit, home_lower_capital_limit, sentence, caveats,
    sources}. Money values are ``Decimal`` (or None where a nation has no such limit).
    """
    key = str(nation).strip().lower() if isinstance(nation, str) else ""
    if key not in NATION_ALIASES:
        raise FundingInputError("Please choose England, Wales, Scotland or Northern Ireland.", "nation")
    rules = rules_for(NATION_ALIASES[key], year, today=today)
    care_home, home = rules.setting("care_home"), rules.setting("home")
    used = []
    for label, figure in (
        ("upper capital limit (care home)", care_home.get("upper_capital_limit")),
        ("lower capital limit (care home)", care_home.get("lower_capital_limit")),
        ("upper capital limit (care at home)", home.get("upper_capital_limit")),
        ("most the council can charge for care at home", home.get("max_weekly_charge")),
    ):
        if figure is not None:
            used.append(UsedFigure(label, Decimal(str(figure["amount"])), figure))
    upper, lower = _amount(care_home, "upper_capital_limit"), _amount(care_home, "lower_capital_limit")
    home_upper, max_charge = _amount(home, "upper_capital_limit"), _amount(home, "max_weekly_charge")
    values = {
        **rules.words(),
        "upper": _money(upper),
        "lower": _money(lower),
        "home_upper": _money(home_upper),
        "max_weekly_charge": _money(max_charge),
    }
    sentences = [phrase("thresholds", "two_limits" if lower is not None else "single_limit", **values)]
    if home_upper is not None and home_upper != upper:
        sentences.append(phrase("thresholds", "home_limit", **values))
    if max_charge is not None:
        sentences.append(phrase("thresholds", "home_max_charge", **values))
    charging = home.get("charging", "means_tested")
    if charging != "means_tested":
        sentences.append(phrase("thresholds", f"home_{charging}", **values))
    if rules.status != "confirmed":
        sentences.append(phrase("thresholds", "not_confirmed", **values))
    caveats = [f"{format_money(u.amount)}: {rules.caveats[u.evidence]}" for u in used if u.evidence != "V"]
    closing = next(note["text"] for note in rules.notes if note["topic"] == "estimate_only")
    sentences.append(" ".join(closing.split()))
    return {
        "nation": rules.nation,
        "nation_name": rules.nation_name,
        "year": rules.year,
        "figures_year": rules.figures_year,
        "figures_status": rules.status,
        "upper_capital_limit": upper,
        "lower_capital_limit": lower,
        "home_upper_capital_limit": home_upper,
        "home_lower_capital_limit": _amount(home, "lower_capital_limit"),
        "sentence": " ".join(sentences),
        "caveats": caveats,
        "sources": [figure_source(u, rules.figures_year) for u in used],
    }


def describe_nation(nation: str, year: str | None = None, *, today: date | None = None) -> dict:
    """What is different about paying for care in a nation other than England, for a question such
    as "I live in Edinburgh, do I pay for personal care?": {nation, nation_name, sentence, sources}.
    The sentence is the nation's ``summary`` notes from rules.yml (with a caveat for any figure or
    claim we could not check); England has none, so its sentence is empty."""
    key = str(nation).strip().lower().replace("-", "_") if isinstance(nation, str) else ""
    if key not in NATION_ALIASES:
        raise FundingInputError("Please choose England, Wales, Scotland or Northern Ireland.", "nation")
    rules = rules_for(NATION_ALIASES[key], year, today=today)
    wanted = rules.summary
    notes = [note for topic in wanted for note in rules.notes if note["topic"] == topic]
    sentences = [phrase("nations", "different", **rules.words())] if notes else []
    for note in notes:
        caveat = rules.caveats.get(note["evidence"]) if note["evidence"] != "V" else None
        setting = (note.get("settings") or ["care_home"])[0]
        text = fill_note(note["text"], rules, None, setting)[0]
        sentences.append(text + (f" {caveat}" if caveat else ""))
    if notes:
        sentences.append(phrase("nations", "ask", **rules.words()))
    return {
        "nation": rules.nation,
        "nation_name": rules.nation_name,
        "sentence": " ".join(sentences),
        "sources": [{"topic": note["topic"], "evidence": note["evidence"], "url": note["source"],
                     "name": " ".join(note["source_name"].split())} for note in notes],
    }


def _amount(setting, key: str) -> Decimal | None:
    figure = setting.get(key)
    return Decimal(str(figure["amount"])) if figure is not None else None


def _money(amount: Decimal | None) -> str:
    return format_money(amount) if amount is not None else ""
