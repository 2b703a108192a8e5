"""Loading the charging rules (rules.yml) and picking the right nation and financial year."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.funding.errors import FundingInputError

RULES_PATH = Path(__file__).with_name("rules.yml")
EVIDENCE_LEVELS = ("V", "S", "U")
NATIONS = ("england", "wales", "scotland", "northern_ireland")
SETTINGS = ("care_home", "home")
NOTE_CONDITIONS = ("always", "owns_home", "property_counted", "property_protected")
CHARGING_KINDS = ("means_tested", "generally_free", "council_policy")
FIRST_MONTH = 4  # the financial year starts on 1 April

_YEAR = re.compile(r"^(?P<start>20\d\d)\s*[/-]\s*(?P<end>\d\d|20\d\d)$")


class RulesError(RuntimeError):
    """rules.yml is broken. A bug in the shipped data, never the user's fault."""


@dataclass(frozen=True)
class YearRules:
    """The rules that apply to one nation in one financial year."""

    nation: str
    nation_name: str
    authority: str  # who works out charges: "the council", "your Health and Social Care Trust"
    year: str  # the year asked about
    figures_year: str  # the year whose figures are used
    status: str  # "confirmed" | "not_yet_confirmed"
    status_note: str | None
    settings: Mapping[str, Mapping[str, Any]]
    figures: Mapping[str, Mapping[str, Any]]
    notes: tuple[Mapping[str, Any], ...]
    caveats: Mapping[str, str]
    #: the note topics that sum up how the nation differs from England (none for England)
    summary: tuple[str, ...] = ()

    def setting(self, name: str) -> Mapping[str, Any]:
        return self.settings[name]

    def words(self) -> dict[str, str]:
        """The names every sentence may use: nation, years and who works out the charge."""
        authority = self.authority
        return {
            "nation_name": self.nation_name,
            "year": self.year,
            "figures_year": self.figures_year,
            "authority": authority,
            "Authority": authority[0].upper() + authority[1:],
            "authority_s": f"{authority}'s",
            "Authority_s": f"{authority[0].upper() + authority[1:]}'s",
        }


# ------------------------------------------------------------------ loading


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> dict[str, Any]:
    """Read and check rules.yml. Cached: the file only changes with a release."""
    with open(path or RULES_PATH, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    check_rules(raw)
    return raw


def check_rules(raw: Mapping[str, Any]) -> None:
    """Raise RulesError unless every figure and note has an amount, a source URL and an evidence level."""
    if set(raw.get("caveats", {})) != {"S", "U"}:
        raise RulesError("rules.yml must give a caveat for evidence levels S and U")
    nations = raw.get("nations") or {}
    if set(nations) != set(NATIONS):
        raise RulesError(f"rules.yml must cover exactly {NATIONS}")
    for nation, body in nations.items():
        for year in body["years"]:
            parse_year(year)
            entry = _resolved_entry(body["years"], year)
            for setting in SETTINGS:
                _check_setting(entry.get(setting), f"{nation} {year} {setting}")
            for name, figure in (entry.get("figures") or {}).items():
                _check_figure(figure, f"{nation} {year} figures.{name}")
        for note in body.get("notes") or []:
            _check_note(note, nation)
        topics = {note.get("topic") for note in body.get("notes") or []}
        for topic in body.get("summary") or []:
            if topic not in topics:
                raise RulesError(f"{nation}.summary: no note with topic {topic}")


def _check_setting(setting: Any, where: str) -> None:
    if not isinstance(setting, Mapping):
        raise RulesError(f"{where}: missing")
    if setting.get("charging", "means_tested") not in CHARGING_KINDS:
        raise RulesError(f"{where}: unknown charging kind")
    if not isinstance(setting.get("property_counted"), bool):
        raise RulesError(f"{where}: property_counted must be true or false")
    for key in ("upper_capital_limit", "lower_capital_limit", "tariff", "max_weekly_charge"):
        if setting.get(key) is not None:
            _check_figure(setting[key], f"{where}.{key}")
    allowance = setting.get("allowance")
    if allowance is not None:
        if allowance.get("kind") not in ("pea", "mia", "mig"):
            raise RulesError(f"{where}.allowance: unknown kind")
        for band in allowance.get("bands") or [allowance]:
            _check_figure(band, f"{where}.allowance")
            if allowance.get("bands") and not band.get("pension_age") and not (
                isinstance(band.get("min_age"), int) and isinstance(band.get("max_age"), int)
            ):
                raise RulesError(f"{where}.allowance: a band needs min_age and max_age, or pension_age: true")


def _check_figure(figure: Any, where: str) -> None:
    if not isinstance(figure, Mapping):
        raise RulesError(f"{where}: not a mapping")
    for key in ("amount", "weekly", "per"):
        if key in figure:
            try:
                Decimal(str(figure[key]))
            except InvalidOperation as exc:
                raise RulesError(f"{where}.{key}: not a number") from exc
    if "amount" not in figure and "weekly" not in figure:
        raise RulesError(f"{where}: no amount")
    _check_sourced(figure, where)


def _check_note(note: Any, nation: str) -> None:
    where = f"{nation} note {note.get('topic')!r}"
    if not note.get("topic") or not note.get("text"):
        raise RulesError(f"{where}: needs a topic and text")
    if note.get("when", "always") not in NOTE_CONDITIONS:
        raise RulesError(f"{where}: unknown 'when'")
    if not set(note.get("settings", SETTINGS)) <= set(SETTINGS):
        raise RulesError(f"{where}: unknown setting")
    _check_sourced(note, where)


def _check_sourced(item: Mapping[str, Any], where: str) -> None:
    if item.get("evidence") not in EVIDENCE_LEVELS:
        raise RulesError(f"{where}: evidence must be one of {EVIDENCE_LEVELS}")
    if not str(item.get("source", "")).startswith(("http://", "https://")):
        raise RulesError(f"{where}: needs a source URL")
    if not item.get("source_name"):
        raise RulesError(f"{where}: needs a source name")


def _resolved_entry(years: Mapping[str, Any], year: str, depth: int = 0) -> dict[str, Any]:
    entry = years[year]
    base_year = entry.get("based_on")
    if base_year is None:
        return copy.deepcopy(entry)
    if depth > 5 or base_year not in years:
        raise RulesError(f"{year}: based_on {base_year!r} is missing or circular")
    merged = _deep_merge(_resolved_entry(years, base_year, depth + 1), entry)
    merged["figures_year"] = years[base_year].get("figures_year", base_year)
    return merged


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), Mapping):
            base[key] = _deep_merge(dict(base[key]), value)
        else:
            base[key] = copy.deepcopy(value)
    return base


# ------------------------------------------------------------------ years


def financial_year_for(day: date) -> str:
    """The financial year a date falls in: 1 April 2026 to 31 March 2027 is "2026/27"."""
    start = day.year if day.month >= FIRST_MONTH else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def parse_year(value: object) -> str:
    """Read "2025/26", "2025-26" or "2025/2026" and return "2025/26"."""
    message = 'Please give the year like "2025/26".'
    if not isinstance(value, str):
        raise FundingInputError(message, "year")
    match = _YEAR.match(value.strip())
    if not match:
        raise FundingInputError(message, "year")
    start = int(match.group("start"))
    end = int(match.group("end"))
    if end not in (start + 1, (start + 1) % 100):
        raise FundingInputError(f'{value.strip()} is not a financial year. {message}', "year")
    return f"{start}/{(start + 1) % 100:02d}"


def available_years(nation: str) -> list[str]:
    return sorted(load_rules()["nations"][nation]["years"])


def rules_for(nation: str, year: str | None = None, *, today: date | None = None) -> YearRules:
    """The rules for ``nation`` in ``year`` (or in the financial year that ``today`` falls in).

    An explicit year we hold no figures for is an input error. A year worked out from the date
    that is later than our newest figures uses the newest figures, and says so.
    """
    raw = load_rules()
    body = raw["nations"][nation]
    years = body["years"]
    held = sorted(years)
    if year is not None:
        wanted = parse_year(year)
        if wanted not in years:
            raise FundingInputError(
                f"We only hold {body['name']} figures for {_list_years(held)}.", "year"
            )
    else:
        wanted = financial_year_for(today or date.today())
        if wanted < held[0]:
            raise FundingInputError(f"We only hold {body['name']} figures for {_list_years(held)}.", "year")
    entry_year = wanted if wanted in years else held[-1]
    entry = _resolved_entry(years, entry_year)
    figures_year = entry.get("figures_year", entry_year)
    status = entry.get("status", "confirmed")
    status_note = _clean(entry.get("status_note"))
    if entry_year != wanted:
        status = "not_yet_confirmed"
        status_note = (
            f"We do not have the {body['name']} figures for {wanted} yet, "
            f"so we are using the figures for {figures_year}."
        )
    return YearRules(
        nation=nation,
        nation_name=body["name"],
        authority=body.get("authority", "the council"),
        year=wanted,
        figures_year=figures_year,
        status=status,
        status_note=status_note,
        settings={name: entry[name] for name in SETTINGS},
        figures=entry.get("figures") or {},
        notes=tuple(body.get("notes") or ()),
        caveats=raw["caveats"],
        summary=tuple(body.get("summary") or ()),
    )


def _list_years(years: list[str]) -> str:
    return years[0] if len(years) == 1 else f"{', '.join(years[:-1])} and {years[-1]}"


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None
