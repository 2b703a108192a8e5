"""POST /api/chat and DELETE /api/chat/<sender>: the contract and every error case."""

from __future__ import annotations

import json
import time

import pytest

from web.rasa_client import RasaClient, RasaUnavailable

SENDER = "wtest0000000000000001"


def post(client, payload, **kwargs):
    return client.post("/api/chat", data=json.dumps(payload), content_type="application/json", **kwargs)


def webhook_bodies(stub):
    return [json.loads(r["body"]) for r in stub.requests if r["path"] == "/webhooks/rest/webhook"]


def test_forwards_message_and_returns_rasa_shape(client, stub):
    response = post(client, {"sender": SENDER, "message": "/greet", "metadata": {"council": "leicestershire"}})
    assert response.status_code == 200
    messages = response.get_json()
    assert messages[0]["text"].startswith("Hello, I'm Signpost")
    assert messages[0]["buttons"] == [
        {"title": "Find a service", "payload": "/find_service"},
        {"title": "Talk it through", "payload": "/triage"},
    ]
    assert "recipient_id" not in messages[0]
    sent = stub.requests[-1]
    assert sent["args"]["token"] == "stub-token"
    assert webhook_bodies(stub)[-1] == {
        "sender": SENDER, "message": "/greet", "metadata": {"council": "leicestershire", "mode": "resident"},
    }


def test_custom_payloads_pass_through(client, stub):
    messages = post(client, {"sender": SENDER, "message": "lunch club please"}).get_json()
    assert messages[1]["custom"]["type"] == "service_cards"
    assert messages[1]["custom"]["cards"][0]["name"].startswith("Preston Lunch Club")


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"sender": "short", "message": "hi"}, "invalid_sender"),
        ({"sender": "has spaces in it!", "message": "hi"}, "invalid_sender"),
        ({"sender": "x" * 65, "message": "hi"}, "invalid_sender"),
        ({"sender": "../../etc/passwd", "message": "hi"}, "invalid_sender"),
        ({"sender": 12345678, "message": "hi"}, "invalid_sender"),
        ({"message": "hi"}, "invalid_sender"),
        ({"sender": SENDER}, "invalid_message"),
        ({"sender": SENDER, "message": ["hi"]}, "invalid_message"),
        ({"sender": SENDER, "message": ""}, "empty_message"),
        ({"sender": SENDER, "message": "   \n\t "}, "empty_message"),
        ({"sender": SENDER, "message": "\x00\x07"}, "empty_message"),
        ({"sender": SENDER, "message": "a" * 2001}, "message_too_long"),
        ({"sender": SENDER, "message": "hi", "metadata": "staff"}, "invalid_metadata"),
        ({"sender": SENDER, "message": "hi", "metadata": ["mode", "staff"]}, "invalid_metadata"),
    ],
)
def test_bad_input_gets_a_clear_400(client, stub, payload, code):
    response = post(client, payload)
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == code
    assert body["message"] and "Traceback" not in body["message"]
    assert webhook_bodies(stub) == []


def test_too_long_message_says_the_limit(client, stub):
    body = post(client, {"sender": SENDER, "message": "a" * 2500}).get_json()
    assert "2,500" in body["message"] and "2,000" in body["message"]


def test_exactly_2000_characters_is_accepted(client, stub):
    assert post(client, {"sender": SENDER, "message": "a" * 2000}).status_code == 200


def test_not_json_is_refused(client, stub):
    response = client.post("/api/chat", data="sender=x&message=hi", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.get_json()["error"] == "json_required"
    broken = client.post("/api/chat", data="{not json", content_type="application/json")
    assert broken.status_code == 400
    assert broken.get_json()["error"] == "invalid_json"
    assert post(client, ["a list"]).status_code == 400


def test_huge_body_is_refused_without_a_500(client, stub):
    response = post(client, {"sender": SENDER, "message": "a" * 100_000})
    assert response.status_code == 413
    assert response.get_json()["message"]


def test_metadata_is_allow_listed(client, stub):
    post(client, {"sender": SENDER, "message": "hi", "metadata": {
        "council": "bath-and-north-east-somerset", "mode": "resident", "is_admin": True, "slots": {"x": 1}}})
    assert webhook_bodies(stub)[-1]["metadata"] == {"council": "bath-and-north-east-somerset", "mode": "resident"}


def test_bad_council_falls_back_to_default(client, stub):
    post(client, {"sender": SENDER, "message": "hi", "metadata": {"council": "<script>"}})
    assert webhook_bodies(stub)[-1]["metadata"]["council"] == "lancashire"


def test_staff_mode_is_ignored_without_a_staff_session(client, stub):
    post(client, {"sender": SENDER, "message": "hi", "metadata": {"mode": "staff"}})
    assert webhook_bodies(stub)[-1]["metadata"]["mode"] == "resident"


def test_staff_mode_needs_the_csrf_token_too(staff_client, stub):
    post(staff_client, {"sender": SENDER, "message": "hi", "metadata": {"mode": "staff"}})
    assert webhook_bodies(stub)[-1]["metadata"]["mode"] == "resident"
    page = staff_client.get("/staff").get_data(as_text=True)
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    post(staff_client, {"sender": SENDER, "message": "hi", "metadata": {"mode": "staff"}},
         headers={"X-CSRFToken": token})
    assert webhook_bodies(stub)[-1]["metadata"]["mode"] == "staff"


def _assert_friendly_503(response):
    assert response.status_code == 503
    body = response.get_json()
    assert body["error"] == "unavailable"
    assert "not working right now" in body["message"]
    assert "Lancashire" in body["message"] and "999" in body["message"]
    assert body["council"]["name"] == "Lancashire County Council"
    assert "Traceback" not in response.get_data(as_text=True)


def test_rasa_down_gives_503_with_council_contact(down_app):
    started = time.monotonic()
    response = post(down_app.test_client(), {"sender": SENDER, "message": "hello"})
    assert time.monotonic() - started < 3
    _assert_friendly_503(response)


def test_rasa_slow_gives_503_quickly(client, stub):
    stub.mode, stub.delay = "slow", 3.0
    started = time.monotonic()
    response = post(client, {"sender": SENDER, "message": "hello"})
    assert time.monotonic() - started < 2.5  # read timeout is 1s in tests
    _assert_friendly_503(response)


def test_rasa_error_gives_503(client, stub):
    stub.mode = "error"
    _assert_friendly_503(post(client, {"sender": SENDER, "message": "hello"}))


def test_wrong_token_gives_503_not_a_leak(app, client, stub):
    app.extensions["rasa"].token = "wrong"
    response = post(client, {"sender": SENDER, "message": "hello"})
    _assert_friendly_503(response)
    assert "wrong" not in response.get_data(as_text=True)


def test_council_in_503_follows_the_metadata(down_app):
    body = post(down_app.test_client(), {"sender": SENDER, "message": "hi",
                                         "metadata": {"council": "leicestershire"}}).get_json()
    assert body["council"]["slug"] == "leicestershire"
    assert "Leicestershire" in body["message"]


@pytest.mark.slow
def test_default_timeouts_answer_within_ten_seconds(stub):
    stub.mode, stub.delay = "slow", 12.0
    client = RasaClient(stub.url, "stub-token")
    started = time.monotonic()
    with pytest.raises(RasaUnavailable):
        client.send(SENDER, "hello")
    assert time.monotonic() - started < 10


def test_one_pooled_session_per_app(app):
    client = app.extensions["rasa"]
    adapter = client.session.get_adapter("http://127.0.0.1")
    assert adapter._pool_maxsize >= 50
    assert client.timeout == (1.0, 1.0)


# ---- delete my conversation -----------------------------------------------------------------------
def test_delete_conversation_resets_rasa(client, stub):
    post(client, {"sender": SENDER, "message": "summary please"})
    assert stub.trackers[SENDER]
    response = client.delete(f"/api/chat/{SENDER}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "deleted" and body["steps"]["rasa"] is True
    calls = [(r["method"], r["path"]) for r in stub.requests if "tracker/events" in r["path"]]
    assert calls == [("POST", f"/conversations/{SENDER}/tracker/events"),
                     ("PUT", f"/conversations/{SENDER}/tracker/events")]
    assert stub.trackers[SENDER] == []
    assert SENDER not in stub.slots


def test_delete_also_removes_sql_tracker_store_rows(app, client, stub, tmp_path):
    from sqlalchemy import create_engine, text

    engine = create_engine(app.config["TRACKER_STORE_URL"], future=True)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name VARCHAR(255), "
                          "timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"))
        conn.execute(text("INSERT INTO events (sender_id, type_name, data) VALUES (:a, 'user', '{}'), (:a, 'bot', '{}'), "
                          "(:b, 'user', '{}')"), {"a": SENDER, "b": "someone-else-123"})
    body = client.delete(f"/api/chat/{SENDER}").get_json()
    assert body["steps"] == {"rasa": True, "tracker_store": True}
    with engine.connect() as conn:
        left = conn.execute(text("SELECT sender_id FROM events")).scalars().all()
    assert left == ["someone-else-123"]
    engine.dispose()


def test_delete_with_rasa_down_and_no_store_is_503(down_app):
    response = down_app.test_client().delete(f"/api/chat/{SENDER}")
    assert response.status_code == 503
    assert "could not delete" in response.get_json()["message"]


def test_delete_bad_sender(client, stub):
    assert client.delete("/api/chat/bad").status_code == 400
    assert client.delete("/api/chat/has%20space%20here").status_code == 400


def test_wrong_method_is_json_405(client, stub):
    response = client.get("/api/chat")
    assert response.status_code == 405
    assert response.get_json()["message"]
