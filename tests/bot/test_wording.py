"""Resident and staff wording templates."""

from __future__ import annotations

import pytest

from bot import wording


def test_every_key_has_resident_and_staff_wording():
    for key in wording.keys():
        assert wording.template(key, "resident")
        assert wording.template(key, "staff")


def test_staff_wording_differs_from_resident_wording():
    same = [k for k in wording.keys() if wording.template(k, "staff") == wording.template(k, "resident")]
    assert not same


@pytest.mark.parametrize("key", wording.keys())
def test_every_template_fills_without_leftover_braces(key):
    for mode in wording.MODES:
        values = {name: "X" for name in wording.placeholders(key, mode)}
        text = wording.say(key, mode, **values)
        assert "{" not in text and "}" not in text


def test_say_fills_values():
    assert wording.say("amount.confirm", amount="£30,000") == "Thanks. I have £30,000."
    assert wording.say("amount.confirm", "staff", amount="£30,000") == "Recorded: £30,000."


def test_missing_value_is_blank_not_a_crash(caplog):
    assert wording.say("amount.confirm") == "Thanks. I have ."
    assert "no value" in caplog.text


def test_unknown_key():
    with pytest.raises(wording.UnknownMessage):
        wording.say("no.such.key")


@pytest.mark.parametrize("mode, expected", [("staff", "staff"), ("STAFF", "staff"), ("resident", "resident"),
                                            (None, "resident"), ("admin", "resident")])
def test_normalise_mode(mode, expected):
    assert wording.normalise_mode(mode) == expected


def test_staff_questions_are_a_guided_script():
    assert wording.say("triage.start", "staff").startswith("Guided conversation")
