"""Pages, the printable summary, security headers, escaping, rate limits and log redaction."""

from __future__ import annotations

import json
import logging

import pytest

from web.app import create_app
from web.logs import local_redact
from web.ratelimit import Limit, MemoryBackend

SENDER = "wpages000000000000001"


def chat(client, message, sender=SENDER):
    return client.post("/api/chat", data=json.dumps({"sender": sender, "message": message}),
                       content_type="application/json")


@pytest.mark.parametrize("path", ["/", "/?embed=1&council=leicestershire", "/demo", "/privacy", "/staff/login"])
def test_pages_render(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="en-GB"' in html
    assert "<script>" not in html and " style=" not in html  # no inline script or style for the CSP


def test_chat_page_has_the_accessible_parts(client):
    html = client.get("/").get_data(as_text=True)
    assert 'class="govuk-skip-link"' in html
    assert 'role="log"' in html and 'aria-live="polite"' in html
    assert '<label class="govuk-label" for="sp-input">' in html
    assert "Before you start" in html and "/privacy" in html


def test_demo_page_embeds_the_widget(client):
    html = client.get("/demo?council=leicestershire").get_data(as_text=True)
    assert 'src="/static/widget.js" data-council="leicestershire"' in html


def test_unknown_council_in_query_uses_the_default(client):
    html = client.get("/?council=%3Cscript%3E").get_data(as_text=True)
    assert 'data-council="lancashire"' in html


def test_csp_and_security_headers(client):
    response = client.get("/staff/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'self'" in csp and "example-council" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_only_the_chat_page_may_be_framed_by_councils(client):
    response = client.get("/?embed=1")
    assert "frame-ancestors 'self' https://www.example-council.gov.uk" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers


def test_hostile_origins_cannot_inject_csp(tmp_path, stub):
    from tests.web.conftest import make_config

    app = create_app(make_config(tmp_path, stub.url, COUNCIL_ORIGINS=["https://ok.example", "x; script-src *"]))
    csp = app.test_client().get("/").headers["Content-Security-Policy"]
    assert "script-src *" not in csp and "https://ok.example" in csp


def test_404_is_a_friendly_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "We could not find that page" in response.get_data(as_text=True)


def test_unexpected_error_is_friendly_and_hides_the_trace(app, caplog):
    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret internals")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom-for-test")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "secret internals" not in html and "Traceback" not in html
    assert "something went wrong" in html


# ---- summary --------------------------------------------------------------------------------------
def test_summary_page_shows_the_triage_summary_escaped(client, stub):
    chat(client, "summary please")
    stub.trackers[SENDER][-1]["data"]["custom"]["summary"] = {"what_matters": "<script>alert(1)</script> garden"}
    response = client.get(f"/summary/{SENDER}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; garden" in html
    assert "<script>alert" not in html
    assert response.headers["Cache-Control"] == "no-store"


def test_summary_page_without_summary(client, stub):
    chat(client, "hello")
    html = client.get(f"/summary/{SENDER}").get_data(as_text=True)
    assert "There is no summary yet" in html


def test_summary_needs_a_valid_sender(client, stub):
    assert client.get("/summary/x").status_code == 404
    assert client.get("/summary/bad.id!").status_code == 404


def test_summary_does_not_show_someone_elses(client, stub):
    chat(client, "summary please")
    html = client.get("/summary/wsomeoneelse0000000001").get_data(as_text=True)
    assert "There is no summary yet" in html


def test_summary_download(client, stub):
    chat(client, "summary please")
    response = client.get(f"/summary/{SENDER}.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert "attachment" in response.headers["Content-Disposition"]
    assert "staying in her own home" in response.get_data(as_text=True)
    assert client.get("/summary/wnosummary00000000001.txt").status_code == 404


def test_summary_when_rasa_is_down(down_app):
    response = down_app.test_client().get(f"/summary/{SENDER}")
    assert response.status_code == 503
    assert "cannot show your summary" in response.get_data(as_text=True)


# ---- rate limiting ------------------------------------------------------------------------------
def test_limit_parsing():
    assert Limit.parse("60 per minute") == Limit(60, 60)
    assert Limit.parse("10/second") == Limit(10, 1)
    assert Limit.parse("100 per 5 minutes") == Limit(100, 300)
    with pytest.raises(ValueError):
        Limit.parse("lots")


def test_window_opens_at_the_first_request_not_at_a_clock_edge():
    backend = MemoryBackend()
    start = 1_000_059.9  # just before a whole minute: a clock-edge window would reset 0.1 s later
    assert backend.hit("k", 60, start) == (1, 60)
    assert backend.hit("k", 60, start + 0.2)[0] == 2
    assert backend.hit("k", 60, start + 59.9)[0] == 3
    count, remaining = backend.hit("k", 60, start + 60)
    assert (count, remaining) == (1, 60)
    assert backend.hit("other", 60, start + 1)[0] == 1


def test_api_is_rate_limited_per_client(tmp_path, stub):
    from tests.web.conftest import make_config

    app = create_app(make_config(tmp_path, stub.url, RATE_LIMIT="3 per minute"))
    client = app.test_client()
    codes = [chat(client, "hi").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = chat(client, "hi")
    assert limited.get_json()["message"].startswith("You have sent a lot of messages")
    assert int(limited.headers["Retry-After"]) >= 1
    other = client.post("/api/chat", data=json.dumps({"sender": SENDER, "message": "hi"}),
                        content_type="application/json", environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200
    assert client.get("/").status_code == 200  # pages are not limited


@pytest.mark.parametrize("backend", ["memory", "redis"])
def test_limiter_backends(tmp_path, stub, backend):
    from tests.web.conftest import make_config

    redis_url = "redis://127.0.0.1:6379/15" if backend == "redis" else ""
    if redis_url:
        redis = pytest.importorskip("redis")
        try:
            redis.Redis.from_url(redis_url, socket_connect_timeout=0.5).ping()
        except Exception:
            pytest.skip("Redis is not running on 127.0.0.1:6379")
    app = create_app(make_config(tmp_path, stub.url, RATE_LIMIT="2 per minute", REDIS_URL=redis_url))
    client = app.test_client()
    remote = {"REMOTE_ADDR": f"10.1.{len(str(tmp_path)) % 250}.{id(app) % 250}"}
    if redis_url:
        redis.Redis.from_url(redis_url).delete(f"signpost:rl:api:{remote['REMOTE_ADDR']}")
    codes = [client.post("/api/chat", data="{}", content_type="application/json", environ_base=remote).status_code
             for _ in range(3)]
    assert codes == [400, 400, 429]


def test_redis_down_still_limits_in_memory(tmp_path, stub):
    from tests.web.conftest import make_config

    app = create_app(make_config(tmp_path, stub.url, RATE_LIMIT="1 per minute", REDIS_URL="redis://127.0.0.1:1/0"))
    client = app.test_client()
    assert [chat(client, "hi").status_code for _ in range(2)] == [200, 429]


# ---- logs -------------------------------------------------------------------------------------------
def test_local_redactor():
    text = local_redact("call 07700 900123 or mail jo@example.com at PR1 1AA; /summary/wabcdef12345678?token=s3cret")
    assert "07700" not in text and "jo@example.com" not in text and "PR1 1AA" not in text
    assert "wabcdef12345678" not in text and "s3cret" not in text


def test_messages_are_not_logged(client, stub, caplog):
    caplog.set_level(logging.DEBUG)
    chat(client, "my phone is 07700 900123 and I live at PR1 1AA")
    stub.mode = "error"
    chat(client, "my email is jo@example.com")
    assert "07700" not in caplog.text and "jo@example.com" not in caplog.text and "PR1 1AA" not in caplog.text
    assert "stub-token" not in caplog.text
