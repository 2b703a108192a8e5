"""Removing personal details from text before it is logged.

``redact`` replaces emails, UK phone numbers, UK postcodes, NHS-number-like digit runs,
money amounts and names given after "my name is" / "I'm called" / "call me" with
placeholders such as ``[email]``. Use it on anything a user typed before writing it to a
log. It is deliberately greedy: losing a little detail in a log is better than keeping
personal data.

Public API::

    redact(text) -> str
    redact_mapping(data) -> data with every string value redacted (for structured logs)
"""

from __future__ import annotations

import re
from typing import Any

from bot.text import clean

_EMAIL = re.compile(r"(?<![\w.+'-])[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
# UK numbers: 07700 900123, +44 7700 900 123, (01772) 123456, 0800 123 4567, 01472 325500
_PHONE = re.compile(r"(?<![\w£])(?:\+\s?44\s?\(?0?\)?|\(?0)(?:[\s\-()]*\d){9,10}(?!\d)")
_LONG_DIGITS = re.compile(r"(?<![\w£])\d(?:[\s-]?\d){8,}(?!\d)")  # NHS numbers, account numbers
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_MONEY = re.compile(
    r"(?:£|\bgbp\s?)\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|grand|thousand|million)\b)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:k|grand|quid|pounds?|thousand pounds)\b",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"\b((?i:my name is|my names|my name's|i am called|i'm called|im called|call me|"
    r"name is|i am|i'm|im))\s+(?=[A-Z])((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){0,2})",
)
_NAME_ANY_CASE = re.compile(
    r"\b(my name is|my names|my name's|i am called|i'm called|im called|call me)\s+([\w'-]+(?:\s+[\w'-]+)?)",
    re.IGNORECASE,
)
_NOT_NAMES = {"a", "an", "the", "not", "so", "very", "just", "worried", "looking", "calling", "ringing",
              "asking", "here", "on", "in", "at", "her", "his", "their", "mum", "dad", "from", "about",
              "back", "later", "when", "if", "tomorrow", "please", "anytime", "asap", "now", "again",
              "today", "tonight", "soon", "after", "before", "between", "any", "to", "for", "and", "or"}


def _name(match: re.Match[str]) -> str:
    words = match.group(2).split()
    if words and words[0].lower() in _NOT_NAMES:
        return match.group(0)
    return f"{match.group(1)} [name]"


def redact(text: object) -> str:
    """``text`` with personal details replaced by [email], [phone], [number], [postcode],
    [amount] and [name] placeholders. Accepts any value; never raises."""
    value = clean(text)
    value = _EMAIL.sub("[email]", value)
    value = _NAME_ANY_CASE.sub(_name, value)
    value = _NAME.sub(_name, value)
    value = _MONEY.sub("[amount]", value)
    value = _PHONE.sub("[phone]", value)
    value = _LONG_DIGITS.sub("[number]", value)
    value = _POSTCODE.sub("[postcode]", value)
    return value


def redact_mapping(data: Any) -> Any:
    """A copy of ``data`` (dicts, lists, strings, other values) with every string redacted."""
    if isinstance(data, str):
        return redact(data)
    if isinstance(data, dict):
        return {key: redact_mapping(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [redact_mapping(value) for value in data]
    return data
