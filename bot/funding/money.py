"""Money: turning user amounts into exact ``Decimal`` pounds, and writing them back out."""

from __future__ import annotations

import math
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from bot.funding.errors import FundingInputError

PENNY = Decimal("0.01")
MAX_CAPITAL = Decimal("100000000")  # £100 million: anything above is a typing mistake
MAX_WEEKLY = Decimal("1000000")  # £1 million a week

# "30000", "30000.50", "£30,000", "£ 30,000.00" (commas only in groups of three).
_AMOUNT = re.compile(r"^£?\s*(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?$")


def parse_money(value: object, *, field: str, label: str, maximum: Decimal = MAX_CAPITAL) -> Decimal:
    """Return ``value`` as pounds rounded to the penny.

    Accepts JSON numbers (int, float, Decimal) and numeric strings such as "30000" or "£30,000".
    Rejects booleans, NaN, infinity, negative amounts and amounts above ``maximum``.
    """
    amount = _to_decimal(value, field=field, label=label)
    if amount < 0:
        raise FundingInputError(f"The amount for {label} cannot be less than £0.", field)
    if amount > maximum:
        raise FundingInputError(
            f"The amount for {label} looks too big. Please check it is no more than {format_money(maximum)}.",
            field,
        )
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def _to_decimal(value: object, *, field: str, label: str) -> Decimal:
    bad = FundingInputError(
        f"Please give {label} as an amount in pounds, like 30000 or £30,000.", field
    )
    if isinstance(value, bool) or value is None:
        raise bad
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise bad
        return Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise bad
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("-") or text.startswith("£-") or text.startswith("-£"):
            raise FundingInputError(f"The amount for {label} cannot be less than £0.", field)
        match = _AMOUNT.match(text)
        if not match or len(text) > 40:
            raise bad
        try:
            return Decimal(match.group("int").replace(",", "") + (match.group("frac") or ""))
        except InvalidOperation as exc:  # pragma: no cover - the pattern only lets digits through
            raise bad from exc
    raise bad


def down_to_penny(amount: Decimal) -> Decimal:
    """Round down to the penny (half of a joint penny is never rounded up against the person)."""
    return amount.quantize(PENNY, rounding=ROUND_DOWN)


def format_money(amount: Decimal) -> str:
    """"£14,250" for whole pounds, "£30.65" otherwise."""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount.quantize(PENNY, rounding=ROUND_HALF_UP):,.2f}"


def to_number(amount: Decimal) -> int | float:
    """A JSON-friendly number: an int for whole pounds, else a float with at most two decimals."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount.quantize(PENNY, rounding=ROUND_HALF_UP))
