"""Understanding money amounts the way people type them.

``parse_amount`` reads "£30,000", "30000", "30k", "£30K", "30 grand", "thirty thousand",
"thirty-five thousand pounds", "a hundred and twenty thousand", "1.2m", "£1,250.50",
"about 40k", "half a million", "between 20k and 30k". It also knows "nothing" / "none"
(0), "not sure" / "don't know" and "rather not say" / "skip". The phrase lists live in
``bot/data/amounts.yml``.

Public API::

    parse_amount(text) -> AmountAnswer
    format_amount(value) -> str            # Decimal -> "£30,000" / "£1,250.50"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from bot.datafiles import load_yaml
from bot.text import clean, fold, word_pattern

AMOUNTS_FILE = "amounts.yml"
MAX_VALUE = Decimal(10) ** 12  # a trillion pounds: anything bigger is a typo or a joke

UNITS = {
    "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"thousand": 1000, "k": 1000, "grand": 1000, "g": 1000, "thou": 1000, "million": 10**6, "m": 10**6,
          "mil": 10**6, "mill": 10**6, "millions": 10**6, "billion": 10**9, "bn": 10**9}
_FILLERS = {"and", "a", "an", "half", "point", "hundred", "dozen"}
_NUMBER_TOKEN = re.compile(r"^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class AmountAnswer:
    """What someone said about an amount of money.

    ``status`` is "amount" (``value`` is a Decimal in pounds), "not_sure", "decline" (they would
    rather not say) or "unknown" (we could not read it; ``value`` is None). ``approximate`` is True
    for "about 40k" or a range; ``low``/``high`` are set for a range ("between 20k and 30k"),
    whose ``value`` is the midpoint. ``reason`` explains an "unknown" in plain English.
    """

    status: str
    value: Decimal | None = None
    approximate: bool = False
    low: Decimal | None = None
    high: Decimal | None = None
    reason: str = ""

    @property
    def is_amount(self) -> bool:
        """True when a number of pounds was understood."""
        return self.status == "amount"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (Decimals as strings, so pence are never lost)."""
        as_str = lambda v: None if v is None else str(v)  # noqa: E731
        return {"status": self.status, "value": as_str(self.value), "approximate": self.approximate,
                "low": as_str(self.low), "high": as_str(self.high), "reason": self.reason}


@lru_cache(maxsize=1)
def _phrases() -> dict[str, re.Pattern[str]]:
    data = load_yaml(AMOUNTS_FILE)
    return {key: re.compile("|".join(word_pattern(p) for p in data[key]))
            for key in ("decline", "not_sure", "zero", "hedges")}


@lru_cache(maxsize=1)
def _zero_exact() -> frozenset[str]:
    return frozenset(fold(p) for p in load_yaml(AMOUNTS_FILE)["zero_exact"])


def _tidy(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.quantize(Decimal("0.01"))


def format_amount(value: Decimal | int | float) -> str:
    """Pounds as people write them: "£30,000", "£1,250.50" (pence shown only when not whole)."""
    value = _tidy(Decimal(str(value)))
    if value == value.to_integral_value():
        return f"£{int(value):,}"
    return f"£{value:,.2f}"


def _tokenise(text: str) -> list[str]:
    value = clean(text).lower().replace("£", " ").replace("\u00a3", " ")
    value = re.sub(r"(?<=\d),(?=\d{3}\b)", "", value)          # 30,000 -> 30000
    value = re.sub(r"(?<=\d)\s(?=\d{3}\b)", "", value)           # 30 000 -> 30000
    value = re.sub(r"\b(\d+)\s*(?:p|pence)\b", lambda m: str(Decimal(m.group(1)) / 100), value)  # 50p
    value = re.sub(r"(\d)\s*(k|m|bn|g|mil|mill)\b", r"\1 \2", value)
    value = re.sub(r"(\d)(?=[a-z])", r"\1 ", value)             # 30grand -> 30 grand
    value = _slash_fractions(value)                                # 1/4 million -> 0.25 million
    value = re.sub(r"(?<=\d)\s*-\s*(?=\d)", " to ", value)         # 20-30k -> 20 to 30k
    value = value.replace("-", " ")                               # thirty-five -> thirty five
    value = fold(value, keep=".")
    value = _word_fractions(value)                                 # a quarter of a million -> 0.25 million
    tokens = []
    for token in value.split():
        token = token.strip(".")
        if token:
            tokens.append(token)
    return tokens


_SCALE_WORDS = "|".join(sorted(map(re.escape, SCALES), key=len, reverse=True))
_SLASH_FRACTION = re.compile(rf"\b(\d+)\s*/\s*(\d+)\s*(?:of\s+)?(?:an?\s+)?(?=(?:{_SCALE_WORDS})\b)")


def _slash_fractions(value: str) -> str:
    """ "1/4 million" -> "0.25 million" (only before a scale word: "1/4" alone may be a date)."""

    def decimal(match: re.Match[str]) -> str:
        top, bottom = Decimal(match.group(1)), Decimal(match.group(2))
        if not bottom or top >= bottom:
            return match.group(0)
        return f"{_tidy(round(top / bottom, 6))} "

    return _SLASH_FRACTION.sub(decimal, value)


@lru_cache(maxsize=1)
def _fraction_words() -> tuple[re.Pattern[str], dict[str, str]]:
    fractions = {fold(str(words)): str(value) for words, value in load_yaml(AMOUNTS_FILE)["fractions"].items()}
    names = "|".join(sorted(map(re.escape, fractions), key=len, reverse=True))
    # not after "and" ("four and a half million" is read as it is: 4.5 million)
    pattern = re.compile(rf"(?<!\band )(?<!\band a )(?<!\band an )\b({names})\s+(?:of\s+)?(?:an?\s+)?(?=(?:{_SCALE_WORDS})\b)")
    return pattern, fractions


def _word_fractions(value: str) -> str:
    """ "a quarter of a million" -> "0.25 million", "half a million" -> "0.5 million"."""
    pattern, fractions = _fraction_words()
    return pattern.sub(lambda match: f"{fractions[match.group(1)]} ", value)


def _is_number_word(token: str) -> bool:
    return (bool(_NUMBER_TOKEN.match(token)) or token in UNITS or token in TENS or token in SCALES
            or token == "hundred")


_NOT_A_NUMBER_BEFORE_ONE = {"no", "any", "every", "some", "each", "the", "this", "that", "which", "anyone"}


def _runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Index ranges of tokens that together spell one number."""
    runs, start = [], None
    for i, token in enumerate(tokens):
        if token == "one" and i and tokens[i - 1] in _NOT_A_NUMBER_BEFORE_ONE:
            token = "-"
        joins = token in _FILLERS and start is not None
        if token in ("a", "an", "half") and start is None:
            following = tokens[i + 1:i + 3]
            joins = any(t in SCALES or t in ("hundred", "half", "dozen") for t in following)
            if joins:
                start = i
                continue
        if _is_number_word(token) or joins:
            # a lone scale word ("thousands", "k") only counts after a number
            if start is None and token in SCALES:
                continue
            if start is not None and _NUMBER_TOKEN.match(token) and _NUMBER_TOKEN.match(tokens[i - 1]):
                runs.append((start, i))  # "1 2 3" is three numbers, not one
                start = None
            start = i if start is None else start
            continue
        if start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(tokens)))
    runs = [piece for s, e in runs for piece in _split_on_and(tokens, s, e)]
    return [_trim(tokens, s, e) for s, e in runs if any(_is_number_word(t) for t in tokens[s:e])]


def _split_on_and(tokens: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Split "20k and 30k" or "20000 and 30000" into two numbers; keep "a hundred and twenty"."""
    for i in range(start + 1, end - 1):
        if tokens[i] != "and":
            continue
        left, right = tokens[start:i], tokens[i + 1:end]
        both_scaled = any(t in SCALES for t in left) and any(t in SCALES for t in right)
        both_digits = bool(_NUMBER_TOKEN.match(left[-1])) and bool(_NUMBER_TOKEN.match(right[0]))
        if both_scaled or both_digits:
            return [(start, i), *_split_on_and(tokens, i + 1, end)]
    return [(start, end)]


def _trim(tokens: list[str], start: int, end: int) -> tuple[int, int]:
    while end > start and tokens[end - 1] in ("and", "a", "an", "point"):
        end -= 1
    return start, end


def _value(tokens: list[str]) -> Decimal | None:
    """The number spelled by ``tokens`` (digits, words and scales mixed), or None."""
    total, current, last_scale, i = Decimal(0), Decimal(0), Decimal(1), 0
    seen = False
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if _NUMBER_TOKEN.match(token):
            current += Decimal(token)
            seen = True
        elif token in UNITS:
            current += UNITS[token]
            seen = True
        elif token in TENS:
            current += TENS[token]
            seen = True
        elif token == "point" and nxt and (nxt in UNITS or nxt.isdigit()):
            digits = []
            while i + 1 < len(tokens) and (tokens[i + 1] in UNITS or tokens[i + 1].isdigit()):
                i += 1
                digits.append(str(UNITS.get(tokens[i], tokens[i])))
            current += Decimal("0." + "".join(digits))
        elif token in ("a", "an") and nxt not in ("half",):
            current += 1 if current == 0 else 0
        elif token == "half" or (token == "and" and tokens[i + 1:i + 3] == ["a", "half"]):
            if token == "and":
                i += 2
            if current:
                current += Decimal("0.5")
            elif seen:
                total += Decimal("0.5") * last_scale
            else:
                current = Decimal("0.5")
            seen = True
        elif token == "hundred":
            current = (current or 1) * 100
            seen = True
        elif token == "dozen":
            current = (current or 1) * 12
        elif token in SCALES:
            last_scale = Decimal(SCALES[token])
            total += (current or 1) * last_scale
            current = Decimal(0)
            seen = True
        i += 1
    return total + current if seen else None


def _answer(value: Decimal, approximate: bool) -> AmountAnswer:
    if value < 0:
        return AmountAnswer("unknown", reason="That looks like a negative amount.")
    if value > MAX_VALUE:
        return AmountAnswer("unknown", reason="That amount is too large to be right.")
    return AmountAnswer("amount", _tidy(value), approximate=approximate)


def parse_amount(text: object) -> AmountAnswer:
    """Read an amount of money from what someone typed.

    Returns an ``AmountAnswer``: status "amount" with a Decimal ``value``, or "not_sure",
    "decline" or "unknown". Never raises, whatever the input.
    """
    try:
        return _parse(text)
    except (InvalidOperation, ValueError, ArithmeticError):
        return AmountAnswer("unknown", reason="I couldn't read that as an amount of money.")


def _parse(text: object) -> AmountAnswer:
    folded = fold(text)
    if not folded:
        return AmountAnswer("unknown", reason="There was no answer.")
    phrases = _phrases()
    if phrases["decline"].search(folded):
        return AmountAnswer("decline")
    raw = clean(text)
    if re.search(r"-\s*£?\s*\d", raw) and not re.search(r"\d\s*-\s*£?\s*\d", raw):
        return AmountAnswer("unknown", reason="That looks like a negative amount.")
    tokens = _tokenise(raw)
    runs = _runs(tokens)
    hedged = bool(phrases["hedges"].search(folded)) or bool(phrases["not_sure"].search(folded))
    values = [_value(tokens[s:e]) for s, e in runs]
    values = [v for v in values if v is not None]
    if len(values) == 1:
        return _answer(values[0], hedged)
    if len(values) == 2:
        if _is_range(tokens, runs):
            low, high = _range(values, tokens, runs)
            if low is not None:
                mid = _tidy((low + high) / 2)
                return AmountAnswer("amount", mid, approximate=True, low=low, high=high)
        return AmountAnswer("unknown", reason="I found more than one amount. Please give one figure.")
    if len(values) > 2:
        return AmountAnswer("unknown", reason="I found more than one amount. Please give one figure.")
    if phrases["not_sure"].search(folded):
        return AmountAnswer("not_sure")
    if folded in _zero_exact() or phrases["zero"].search(folded):
        return AmountAnswer("amount", Decimal(0))
    return AmountAnswer("unknown", reason="I couldn't read that as an amount of money.")


_RANGE_GLUE = {"to", "or", "and", "pounds", "pound", "quid", "maybe", "perhaps"}


def _is_range(tokens: list[str], runs: list[tuple[int, int]]) -> bool:
    """True for "20 to 30k", "20k or 30k", "between 20k and 30k" (and not "30k ... and 200k")."""
    between = tokens[runs[0][1]:runs[1][0]]
    if not between or not set(between) <= _RANGE_GLUE:
        return False
    if "to" in between or "or" in between:
        return True
    return "and" in between and "between" in tokens[:runs[0][0] + 1]


def _range(values: list[Decimal], tokens: list[str], runs: list[tuple[int, int]]):
    low, high = values
    # "20 to 30k": the scale written once applies to both ends
    first_has_scale = any(t in SCALES for t in tokens[runs[0][0]:runs[0][1]])
    second_scale = next((t for t in tokens[runs[1][0]:runs[1][1]] if t in SCALES), None)
    if not first_has_scale and second_scale and low < high / SCALES[second_scale]:
        low = low * SCALES[second_scale]
    low, high = _tidy(Decimal(low)), _tidy(Decimal(high))
    if low > high:
        low, high = high, low
    if high > MAX_VALUE:
        return None, None
    return low, high
