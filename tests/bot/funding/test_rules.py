"""rules.yml: every figure is sourced, every year and nation is there, and broken rules are caught."""

import copy
from datetime import date

import pytest
import yaml

from bot.funding import FundingInputError
from bot.funding.rules import (
    NATIONS,
    RULES_PATH,
    RulesError,
    available_years,
    check_rules,
    financial_year_for,
    load_rules,
    rules_for,
)


@pytest.fixture
def raw():
    with open(RULES_PATH, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def walk_figures(node, path=""):
    """Every mapping that holds an amount (or a tariff's weekly amount)."""
    if isinstance(node, dict):
        if "amount" in node or "weekly" in node:
            yield path, node
        for key, value in node.items():
            yield from walk_figures(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_figures(value, f"{path}[{index}]")


def test_shipped_rules_pass_the_check(raw):
    check_rules(raw)
    assert load_rules() == raw


def test_every_figure_has_a_source_url_and_evidence_level(raw):
    figures = list(walk_figures(raw["nations"]))
    assert len(figures) > 20
    for path, figure in figures:
        assert figure["evidence"] in ("V", "S", "U"), path
        assert figure["source"].startswith(("https://", "http://")), path
        assert figure["source_name"], path


@pytest.mark.parametrize("nation", NATIONS)
def test_each_nation_has_three_years(nation):
    assert available_years(nation) == ["2024/25", "2025/26", "2026/27"]


def test_the_headline_figures(raw):
    def limits(nation, year, setting="care_home"):
        entry = rules_for(nation, year).setting(setting)
        return entry["upper_capital_limit"]["amount"], (entry["lower_capital_limit"] or {}).get("amount")

    assert limits("england", "2024/25") == ("23250", "14250")
    assert limits("england", "2025/26") == ("23250", "14250")
    assert limits("wales", "2025/26") == ("50000", None)
    assert limits("wales", "2025/26", "home") == ("24000", None)
    assert limits("scotland", "2024/25") == ("35000", "21500")
    assert limits("northern_ireland", "2025/26") == ("23250", "14250")


def test_england_2026_27_is_marked_not_confirmed():
    rules = rules_for("england", "2026/27")
    assert rules.status == "not_yet_confirmed"
    assert rules.figures_year == "2025/26"
    assert "2025/26" in rules.status_note
    assert rules.setting("care_home")["allowance"]["amount"] == "30.65"


def test_unverified_or_secondary_figures_are_marked(raw):
    england_mig = rules_for("england", "2025/26").setting("home")["allowance"]["bands"]
    assert {band["evidence"] for band in england_mig} == {"S"}
    assert rules_for("wales", "2025/26").setting("home")["upper_capital_limit"]["evidence"] == "S"
    assert rules_for("northern_ireland", "2025/26").setting("care_home")["tariff"]["evidence"] == "U"
    assert raw["caveats"]["S"] and raw["caveats"]["U"]


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2025, 3, 31), "2024/25"),
        (date(2025, 4, 1), "2025/26"),
        (date(2026, 11, 25), "2026/27"),
        (date(2099, 12, 31), "2099/00"),
        (date(2100, 1, 1), "2099/00"),
    ],
)
def test_financial_year_for(day, year):
    assert financial_year_for(day) == year


def test_dates_before_the_figures_we_hold_are_refused():
    with pytest.raises(FundingInputError, match="2024/25"):
        rules_for("england", today=date(2023, 5, 1))


@pytest.mark.parametrize(
    "breakage",
    [
        lambda r: r["nations"]["england"]["years"]["2024/25"]["care_home"]["upper_capital_limit"].pop("source"),
        lambda r: r["nations"]["wales"]["years"]["2025/26"]["care_home"]["upper_capital_limit"].update(evidence="X"),
        lambda r: r["nations"]["scotland"]["years"]["2024/25"]["care_home"]["tariff"].update(weekly="one"),
        lambda r: r["nations"]["england"]["notes"][0].pop("source_name"),
        lambda r: r["nations"]["england"]["notes"][0].update(when="sometimes"),
        lambda r: r["nations"]["england"]["years"]["2026/27"].update(based_on="1999/00"),
        lambda r: r["nations"].pop("wales"),
        lambda r: r["caveats"].pop("U"),
    ],
)
def test_check_catches_broken_rules(raw, breakage):
    broken = copy.deepcopy(raw)
    breakage(broken)
    with pytest.raises(RulesError):
        check_rules(broken)


@pytest.mark.parametrize("nation", NATIONS)
def test_note_topics_are_unique_and_end_with_the_estimate_warning(raw, nation):
    notes = [note["topic"] for note in raw["nations"][nation]["notes"]]
    assert len(notes) == len(set(notes))
    assert notes[-1] == "estimate_only"
