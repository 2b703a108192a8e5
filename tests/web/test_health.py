"""GET /healthz reports Rasa, the action server and the database."""

from __future__ import annotations


def test_all_up_is_200(client, stub):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["rasa"]["ok"] and body["action_server"]["ok"] and body["database"]["ok"]
    paths = [r["path"] for r in stub.requests]
    assert "/status" in paths and "/health" in paths


def test_rasa_down_is_503(down_app):
    response = down_app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "degraded"
    assert body["rasa"]["ok"] is False and "unreachable" in body["rasa"]["detail"]
    assert body["action_server"]["ok"] is False
    assert body["database"]["ok"] is True


def test_rasa_error_is_503(client, stub):
    stub.mode = "error"
    body = client.get("/healthz").get_json()
    assert body["rasa"] == {"ok": False, "detail": "answered HTTP 500"}


def test_bad_token_is_reported(app, client, stub):
    app.extensions["rasa"].token = "nope"
    body = client.get("/healthz").get_json()
    assert body["rasa"]["detail"] == "running, but the token was refused"


def test_database_down_is_503(app, client, stub, tmp_path):
    app.config["DATABASE_URL"] = f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"]["ok"] is False
