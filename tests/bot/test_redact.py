"""Redacting personal details before logging."""

from __future__ import annotations

import pytest

from bot.redact import redact, redact_mapping


@pytest.mark.parametrize("text, hidden, placeholder", [
    ("my email is sarah.j+care@example.co.uk", "sarah.j", "[email]"),
    ("call me on 07700 900123", "900123", "[phone]"),
    ("ring 07700900123 please", "07700900123", "[phone]"),
    ("my number is +44 7700 900 123", "7700", "[phone]"),
    ("landline (01772) 123456", "123456", "[phone]"),
    ("01472 325500", "325500", "[phone]"),
    ("I live at PR1 2AB", "PR1 2AB", "[postcode]"),
    ("postcode le11 3ab", "le11 3ab", "[postcode]"),
    ("DN31 1HU is mum's", "DN31", "[postcode]"),
    ("She has £30,000 in savings", "30,000", "[amount]"),
    ("about 20k in the ISA", "20k", "[amount]"),
    ("we have 30 grand", "30 grand", "[amount]"),
    ("house worth £1.2m", "1.2m", "[amount]"),
    ("NHS number 943 476 5919", "5919", "[number]"),
    ("My name is Sarah Jones", "Sarah", "[name]"),
    ("my name is sarah", "sarah", "[name]"),
    ("I'm called Bob", "Bob", "[name]"),
    ("Hi, I am Margaret", "Margaret", "[name]"),
    ("call me Dave", "Dave", "[name]"),
])
def test_personal_details_are_replaced(text, hidden, placeholder):
    result = redact(text)
    assert hidden not in result, result
    assert placeholder in result


@pytest.mark.parametrize("text", ["my mum is 85 and lives in Preston", "I am worried about my dad",
                                  "I am in Lancaster", "she needs help 3 times a day", "call me back please"])
def test_ordinary_text_is_kept(text):
    assert redact(text) == text


def test_redact_mapping():
    data = {"text": "email a@b.com", "n": 3, "nested": [{"t": "PR1 2AB"}], "none": None}
    assert redact_mapping(data) == {"text": "email [email]", "n": 3, "nested": [{"t": "[postcode]"}], "none": None}


@pytest.mark.parametrize("value", [None, 5, "", "x" * 100_000, "\x00💥"])
def test_odd_input(value):
    assert isinstance(redact(value), str)
