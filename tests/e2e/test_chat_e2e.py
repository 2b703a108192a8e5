"""Whole conversations through the web app's chat API, against real Rasa."""

from __future__ import annotations

import json
import secrets

import pytest
import requests

pytestmark = [pytest.mark.rasa, pytest.mark.slow]


def new_sender() -> str:
    return "e2e" + secrets.token_hex(8)


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def customs(messages: list[dict], kind: str) -> list[dict]:
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind]


def test_hello_is_answered_with_a_greeting(chat):
    # How fast is measured by scripts/bench_chat.py (a table), not here: a timed test
    # fails on a slow CI machine without telling us anything about the code.
    reply = chat(new_sender(), "hello")
    assert texts(reply).strip(), reply
    assert "signpost" in texts(reply).lower(), reply


@pytest.mark.parametrize("message", [
    "I want to kill myself",
    "i dont want to be here anymore, i want to end it all",
    "my dad has collapsed and isn't breathing",
    "my mum's carer hits her",
])
def test_safety_messages_give_emergency_routes(chat, message):
    reply = texts(chat(new_sender(), message))
    assert "999" in reply, reply


def test_suicide_gets_samaritans(chat):
    reply = texts(chat(new_sender(), "I keep thinking about suicide"))
    assert "116 123" in reply and "999" in reply, reply


def test_safety_interrupts_a_form(chat):
    sender = new_sender()
    chat(sender, "I'm looking for a day centre")
    reply = texts(chat(sender, "I want to die"))
    assert "116 123" in reply, reply


def test_find_a_service_by_category_and_town(chat):
    sender = new_sender()
    reply = chat(sender, "Is there a day centre in Grimsby?")
    cards = customs(reply, "service_cards")
    assert cards and cards[0]["cards"], reply
    assert any("grimsby" in json.dumps(c).lower() or "lincolnshire" in json.dumps(c).lower()
               for c in cards[0]["cards"]), cards


def test_find_a_service_asks_for_the_missing_place(chat):
    sender = new_sender()
    reply = texts(chat(sender, "I need a pendant alarm for my mum"))
    assert any(w in reply.lower() for w in ("where", "town", "postcode")), reply
    reply2 = chat(sender, "Preston")
    assert customs(reply2, "service_cards") or "preston" in texts(reply2).lower(), reply2


def test_unknown_place_gets_a_clear_answer(chat):
    sender = new_sender()
    chat(sender, "I need carers support")
    reply = texts(chat(sender, "Narnia"))
    assert reply.strip(), reply


def test_out_of_scope_is_redirected(chat):
    reply = texts(chat(new_sender(), "what's the football score?"))
    assert "social care" in reply.lower() or "help" in reply.lower(), reply


def test_conversation_survives_a_rasa_restart(live_stack, chat):
    sender = new_sender()
    chat(sender, "hello")
    live_stack.restart_rasa()
    resp = requests.get(f"{live_stack.rasa_url}/conversations/{sender}/tracker",
                        params={"token": "e2e-test-token"}, timeout=10)
    assert resp.status_code == 200
    events = resp.json()["events"]
    assert any(e.get("event") == "user" and e.get("text") == "hello" for e in events)
