"""The production configuration: PostgreSQL tracker store and Redis lock store,
selected by configuration alone, with the real Rasa server."""

from __future__ import annotations

import secrets

import pytest
import requests

from scripts.modelcache import current_model
from scripts.stack import TOKEN, Stack, wait_for

pytestmark = [pytest.mark.rasa, pytest.mark.postgres, pytest.mark.slow]

PG = "postgresql://postgres@127.0.0.1:5432"


@pytest.fixture(scope="module")
def tracker_db():
    psycopg2 = pytest.importorskip("psycopg2")
    name = "signpost_tracker_" + secrets.token_hex(4)
    try:
        conn = psycopg2.connect(f"{PG}/test", connect_timeout=3)
    except psycopg2.OperationalError as exc:
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432: {exc}")
    conn.autocommit = True
    conn.cursor().execute(f'CREATE DATABASE "{name}"')
    yield f"{PG}/{name}"
    conn.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def test_conversation_is_stored_in_postgresql_with_redis_locks(tmp_path, tracker_db):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"no Redis at 127.0.0.1:6379: {exc}")
    if not current_model().exists():
        pytest.skip("no trained model: run `make train`")
    stack = Stack(tmp_path)
    stack.env["SIGNPOST_TRACKER_DB_URL"] = tracker_db
    stack.env["SIGNPOST_REDIS_URL"] = "redis://127.0.0.1:6379/3"
    stack.init_directory()
    rasa = stack.start("rasa", "rasa")
    try:
        wait_for(f"{stack.rasa_url}/", rasa, "Rasa server", timeout=180)
        sender = "pg" + secrets.token_hex(8)
        resp = requests.post(f"{stack.rasa_url}/webhooks/rest/webhook", params={"token": TOKEN},
                             json={"sender": sender, "message": "hello"}, timeout=30)
        assert resp.status_code == 200, stack.log("rasa")
        assert resp.json(), "Rasa gave no answer"
    finally:
        stack.stop()
    import psycopg2

    with psycopg2.connect(tracker_db) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM events WHERE sender_id = %s", (sender,))
        assert cur.fetchone()[0] > 0
