"""The contact-centre console: login, CSRF, expiry, guided calls, case notes, call-backs, CLI."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.web.conftest import STAFF_PASSWORD, csrf_from, login
from web.staff.models import (
    CallbackRequest,
    StaffAccountError,
    create_staff,
    purge_callbacks,
    session_scope,
    utcnow,
)


@pytest.mark.parametrize("path", ["/staff", "/staff/call/call-abcdefghijkl"])
def test_staff_pages_need_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_staff_api_needs_login(client):
    response = client.get("/staff/api/call/call-abcdefghijkl")
    assert response.status_code == 401
    assert response.get_json()["error"] == "login_required"


@pytest.mark.parametrize("path", ["/staff/calls", "/staff/logout", "/staff/call/call-abcdefghijkl/callback",
                                  "/staff/callbacks/1/delete"])
def test_staff_posts_need_login(client, path):
    response = client.post(path)
    assert response.status_code in (302, 400)
    assert response.status_code != 200


def test_login_and_logout(client, staff_user):
    assert login(client, password="wrong password").status_code == 400
    assert login(client, username="nobody").status_code == 400
    response = login(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff")
    page = client.get("/staff").get_data(as_text=True)
    assert "Signed in as alex" in page
    client.post("/staff/logout", data={"csrf_token": csrf_from(page)})
    assert client.get("/staff").status_code == 302


def test_wrong_password_message_does_not_say_which(client, staff_user):
    html = login(client, password="nope nope nope").get_data(as_text=True)
    assert "The username or password is not right" in html
    assert html == html.replace("nope nope nope", "")  # the password is not echoed back


def test_login_without_csrf_is_refused(client, staff_user):
    response = client.post("/staff/login", data={"username": "alex", "password": STAFF_PASSWORD})
    assert response.status_code == 400
    assert client.get("/staff").status_code == 302


def test_login_redirect_stays_on_site(client, staff_user):
    token = csrf_from(client.get("/staff/login").get_data(as_text=True))
    response = client.post("/staff/login?next=//evil.example/staff", data={
        "csrf_token": token, "username": "alex", "password": STAFF_PASSWORD})
    assert response.headers["Location"] == "/staff"


def test_login_is_rate_limited(tmp_path, stub):
    from tests.web.conftest import make_config
    from web.app import create_app

    app = create_app(make_config(tmp_path, stub.url, LOGIN_RATE_LIMIT="2 per minute"))
    client = app.test_client()
    codes = [login(client, password="bad password!").status_code for _ in range(3)]
    assert codes == [400, 400, 429]


def test_session_expires_after_inactivity(app, staff_client):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(minutes=30)
    with staff_client.session_transaction() as sess:
        sess["last_seen"] = time.time() - 31 * 60
    response = staff_client.get("/staff")
    assert response.status_code == 302
    assert "/staff/login" in response.headers["Location"]


def test_polling_does_not_keep_the_session_alive(app, staff_client):
    call_id = start_call(staff_client)
    old = time.time() - 29 * 60
    with staff_client.session_transaction() as sess:
        sess["last_seen"] = old
    staff_client.get(f"/staff/api/call/{call_id}")
    with staff_client.session_transaction() as sess:
        assert sess["last_seen"] == old


def start_call(client) -> str:
    token = csrf_from(client.get("/staff").get_data(as_text=True))
    response = client.post("/staff/calls", data={"csrf_token": token})
    assert response.status_code == 302
    return response.headers["Location"].rsplit("/", 1)[1]


def test_guided_call_builds_the_summary_and_case_note(staff_client, stub):
    call_id = start_call(staff_client)
    page = staff_client.get(f"/staff/call/{call_id}").get_data(as_text=True)
    assert f'data-sender="{call_id}"' in page and 'data-mode="staff"' in page
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    staff_client.post("/api/chat", data=json.dumps({"sender": call_id, "message": "/triage", "metadata": {"mode": "staff"}}),
                      content_type="application/json", headers={"X-CSRFToken": token})
    state = staff_client.get(f"/staff/api/call/{call_id}").get_json()
    assert state["slots"] == {"person": "mum"} and state["summary"] is None
    assert "Person: mum" in state["case_note"] and "does not decide eligibility" in state["case_note"]
    staff_client.post("/api/chat", data=json.dumps({"sender": call_id, "message": "summary", "metadata": {"mode": "staff"}}),
                      content_type="application/json", headers={"X-CSRFToken": token})
    state = staff_client.get(f"/staff/api/call/{call_id}").get_json()
    assert state["summary"]["what_matters"].startswith("staying in her own home")
    assert "staying in her own home" in state["case_note"]
    assert state["case_note"].startswith("Case note") and "Not an assessment" in state["case_note"]
    assert [line["who"] for line in state["transcript"]][:2] == ["caller", "signpost"]


def test_unknown_call_is_404(staff_client):
    assert staff_client.get("/staff/call/call-doesnotexist1").status_code == 404
    assert staff_client.get("/staff/api/call/call-doesnotexist1").status_code == 404


def test_call_state_when_rasa_is_down(staff_client, app, stub):
    call_id = start_call(staff_client)
    stub.mode = "error"
    response = staff_client.get(f"/staff/api/call/{call_id}")
    assert response.status_code == 503
    assert "Keep notes by hand" in response.get_json()["message"]


def test_record_a_callback(staff_client, app):
    call_id = start_call(staff_client)
    page = staff_client.get(f"/staff/call/{call_id}").get_data(as_text=True)
    token = csrf_from(page)
    bad = staff_client.post(f"/staff/call/{call_id}/callback", data={"csrf_token": token, "name": "", "phone": "abc"})
    assert bad.status_code == 400
    html = bad.get_data(as_text=True)
    assert "There is a problem" in html and "Enter the caller&#39;s name" in html
    good = staff_client.post(f"/staff/call/{call_id}/callback", data={
        "csrf_token": token, "name": "<b>Pat</b>", "phone": "01632 960 000", "best_time": "mornings",
        "reason": "Wants to talk about a carer's assessment"})
    assert good.status_code == 302
    dashboard = staff_client.get("/staff").get_data(as_text=True)
    assert "&lt;b&gt;Pat&lt;/b&gt;" in dashboard and "01632 960 000" in dashboard
    with session_scope(app.config["DATABASE_URL"]) as s:
        saved = s.execute(select(CallbackRequest)).scalar_one()
        assert saved.call_id == call_id and saved.best_time == "mornings"
        saved_id = saved.id
    staff_client.post(f"/staff/callbacks/{saved_id}/delete", data={"csrf_token": csrf_from(dashboard)})
    with session_scope(app.config["DATABASE_URL"]) as s:
        assert s.execute(select(CallbackRequest)).first() is None


def test_callback_without_csrf_is_refused(staff_client):
    call_id = start_call(staff_client)
    response = staff_client.post(f"/staff/call/{call_id}/callback", data={
        "name": "Pat", "phone": "01632 960 000", "reason": "x"})
    assert response.status_code == 400


def test_old_callbacks_are_purged(app):
    url = app.config["DATABASE_URL"]
    with session_scope(url) as s:
        s.add(CallbackRequest(name="Old", phone="0", reason="x", created_at=utcnow() - timedelta(days=40)))
        s.add(CallbackRequest(name="New", phone="0", reason="x"))
    with session_scope(url) as s:
        assert purge_callbacks(s, 30) == 1
    with session_scope(url) as s:
        assert [c.name for c in s.execute(select(CallbackRequest)).scalars()] == ["New"]


def test_account_rules(app):
    with session_scope(app.config["DATABASE_URL"]) as s:
        with pytest.raises(StaffAccountError):
            create_staff(s, "sam", "short")
        user = create_staff(s, "sam", "a long enough password")
        assert user.password_hash != "a long enough password" and user.check_password("a long enough password")
        with pytest.raises(StaffAccountError):
            create_staff(s, "sam", "another long password")


def test_create_staff_cli(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-staff", "robin", "--password-stdin"], input="a very good password\n")
    assert result.exit_code == 0, result.output
    assert "Made staff account 'robin'" in result.output
    again = runner.invoke(args=["create-staff", "robin", "--password-stdin"], input="a very good password\n")
    assert again.exit_code != 0 and "already an account" in again.output
    short = runner.invoke(args=["create-staff", "kim", "--password-stdin"], input="short\n")
    assert short.exit_code != 0 and "at least 12" in short.output
    purge = runner.invoke(args=["purge-callbacks"])
    assert purge.exit_code == 0 and "Removed 0" in purge.output
