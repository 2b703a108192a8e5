"""Self-funder guidance: capital limits, tariff income and a rough weekly contribution for the
four UK nations, by financial year. Plain Python: no Rasa or Flask import.

Public API:
    estimate(data, *, today=None) -> dict       the calculator (money as Decimal)
    describe_thresholds(nation="england", year=None, *, today=None) -> dict
    describe_nation(nation, year=None, *, today=None) -> dict   how Wales, Scotland or NI differ
    to_jsonable(result) -> dict                 Decimal money -> JSON numbers
    FundingInputError                           bad input; ``.message`` is plain English

Rules (every figure with a source URL and evidence level) are in rules.yml; words in wording.yml.
"""

from bot.funding.errors import FundingInputError
from bot.funding.estimator import OUTPUT_KEYS, estimate, to_jsonable
from bot.funding.rules import NATIONS, SETTINGS
from bot.funding.thresholds import describe_nation, describe_thresholds

__all__ = [
    "NATIONS",
    "OUTPUT_KEYS",
    "SETTINGS",
    "FundingInputError",
    "describe_nation",
    "describe_thresholds",
    "estimate",
    "to_jsonable",
]
