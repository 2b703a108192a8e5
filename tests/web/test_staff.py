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


def _post(client, call_id: str, token: str, message: str):
    return client.post("/api/chat", data=json.dumps({"sender": call_id, "message": message, "metadata": {"mode": "staff"}}),
                       content_type="application/json", headers={"X-CSRFToken": token})


def _open_call(client) -> tuple[str, str]:
    call_id = start_call(client)
    page = client.get(f"/staff/call/{call_id}").get_data(as_text=True)
    return call_id, page.split('name="csrf-token" content="')[1].split('"')[0]


#: Slots as Rasa holds them part way through a call: answers, and Signpost's own bookkeeping.
CALL_SLOTS = {
    "mode": "staff", "results_offset": 0.0, "requested_slot": "triage_carer", "council": "lancashire",
    "session_started_metadata": {"mode": "staff"}, "relation": "mum", "category": "day-services",
    "triage_who": "my mum", "triage_matters": "staying in her own home", "triage_hard": "washing,home_safety",
    "triage_impact": "big", "triage_carer": "just_about", "funding_owns_home": "yes", "funding_savings": "30000",
    "funding_setting": "care_home",
}
INTERNAL = ("Mode", "Results offset", "results_offset", "Requested slot", "Session started", "Relation:",
            "Triage", "triage_", "funding_", "home_safety", "just_about", "day-services", "care_home", "lancashire",
            ": big", "True", "False", "None", "30000", "0.0")


def test_guided_call_builds_the_summary_and_case_note(staff_client, stub):
    call_id, token = _open_call(staff_client)
    page = staff_client.get(f"/staff/call/{call_id}").get_data(as_text=True)
    assert f'data-sender="{call_id}"' in page and 'data-mode="staff"' in page
    _post(staff_client, call_id, token, "/triage")
    stub.slots[call_id] = {"triage_who": "my mum", "mode": "staff", "results_offset": 0.0}
    state = staff_client.get(f"/staff/api/call/{call_id}").get_json()
    assert state["slots"] == {"Person the call is about": "the caller's mum"} and state["summary"] is None
    assert "Person the call is about: the caller's mum" in state["case_note"]
    assert "Not an assessment or an eligibility decision" in state["case_note"]
    assert state["case_note"].startswith("Case note") and state["safety"] == []
    _post(staff_client, call_id, token, "summary")
    state = staff_client.get(f"/staff/api/call/{call_id}").get_json()
    assert state["summary"]["what_matters"].startswith("staying in her own home")
    assert "staying in her own home" in state["case_note"]
    assert state["case_note"].startswith("Case note") and "Not an assessment" in state["case_note"]
    assert state["summary_text"] == state["case_note"]
    assert [line["who"] for line in state["transcript"]][:2] == ["caller", "signpost"]


def test_case_note_before_the_summary_has_plain_words_only(staff_client, stub):
    call_id, token = _open_call(staff_client)
    _post(staff_client, call_id, token, "/triage")
    stub.slots[call_id] = dict(CALL_SLOTS)
    response = staff_client.get(f"/staff/api/call/{call_id}")
    state = response.get_json()
    note = state["case_note"]
    for internal in INTERNAL:
        assert internal not in note, internal
        assert all(internal not in f"{k}: {v}" for k, v in state["slots"].items()), internal
    assert state["answers"] == [
        {"label": "Person the call is about", "value": "the caller's mum"},
        {"label": "What matters to the person", "value": "staying in her own home"},
        {"label": "Everyday difficulties reported (Care Act outcomes)", "value": "washing and moving around the home safely"},
        {"label": "Effect on wellbeing (caller's view)", "value": "a big effect"},
        {"label": "Unpaid carer", "value": "yes, just about coping"},
        {"label": "Council", "value": "Lancashire County Council"},
        {"label": "Services looked for", "value": "Day services"},
        {"label": "Kind of care asked about (paying for care)", "value": "care in a care home"},
        {"label": "Savings and investments in their own name (rough figure)", "value": "£30,000"},
        {"label": "Owns their home", "value": "yes"},
    ]
    # the structured answers, the console's list and the text say the same, in the same order
    assert list(state["slots"].items()) == [(item["label"], item["value"]) for item in state["answers"]]
    assert response.get_data(as_text=True).index("Person the call is about") < \
        response.get_data(as_text=True).index("Owns their home")
    lines = note.splitlines()
    assert lines[1:-1] == [f"{item['label']}: {item['value']}" for item in state["answers"]]


def test_case_note_after_the_summary_has_no_slugs(staff_client, stub):
    call_id, token = _open_call(staff_client)
    _post(staff_client, call_id, token, "summary")
    state = staff_client.get(f"/staff/api/call/{call_id}").get_json()
    for item in state["summary"]["suggested_categories"]:
        assert item["name"] in state["case_note"] and f"({item['slug']})" not in state["case_note"]
    assert "UTC" not in state["case_note"].splitlines()[0]


def _abuse_disclosed_at(call_id: str, stub, at: float) -> None:
    """The events Rasa records when action_safety answers a disclosure (its safety payload included)."""
    stub.trackers[call_id] = [
        {"event": "user", "text": "caller says her son hits her and takes her pension", "timestamp": at - 2,
         "parse_data": {"intent": {"name": "abuse_report", "confidence": 1.0}}, "metadata": {"mode": "staff"}},
        {"event": "action", "name": "action_safety", "timestamp": at},
        {"event": "bot", "text": "This may be a safeguarding concern.", "timestamp": at, "data": {}},
        {"event": "bot", "text": None, "timestamp": at, "data": {"custom": {
            "type": "safety", "kind": "abuse", "rule": "abuse_hit", "also": [],
            "council": {"slug": "lancashire", "name": "Lancashire County Council"}}}},
    ]


def _uk_hhmm(at: float) -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.fromtimestamp(at, ZoneInfo("Europe/London")).strftime("%H:%M")


def test_a_safeguarding_disclosure_is_at_the_top_of_the_case_note(staff_client, stub):
    call_id, token = _open_call(staff_client)
    at = time.time() - 120
    _abuse_disclosed_at(call_id, stub, at)
    stub.slots[call_id] = {"mode": "staff", "triage_who": "my mum"}
    state = staff_client.get(f"/staff/api/call/{call_id}").get_json()
    expected = (f"Safety concern: possible abuse or neglect disclosed; safeguarding route given at {_uk_hhmm(at)} "
                "(Lancashire County Council adult social care).")
    assert state["case_note"].splitlines()[0] == expected
    assert state["case_note"].splitlines()[1].startswith("Case note")
    assert state["safety"] == [{"kind": "abuse", "text": expected}]
    # the disclosure itself is not copied, nor Signpost's rule ids
    assert "hits" not in state["case_note"] and "pension" not in state["case_note"]
    assert "abuse_hit" not in json.dumps(state["safety"])


def test_the_safety_concern_stays_at_the_top_once_the_summary_is_made(staff_client, stub):
    call_id, token = _open_call(staff_client)
    at = time.time() - 300
    _abuse_disclosed_at(call_id, stub, at)
    _post(staff_client, call_id, token, "summary")
    state = staff_client.get(f"/staff/api/call/{call_id}").get_json()
    lines = state["case_note"].splitlines()
    assert lines[0].startswith("Safety concern: possible abuse or neglect disclosed; safeguarding route given at "
                               f"{_uk_hhmm(at)}")
    assert lines[1].startswith("Case note") and "staying in her own home" in state["case_note"]
    assert state["summary_text"] == state["case_note"]
    assert [c["kind"] for c in state["summary"]["safety"]] == ["abuse"]


def test_a_safety_reply_without_a_time_or_council_is_still_noted(staff_client, stub):
    call_id, token = _open_call(staff_client)
    _post(staff_client, call_id, token, "someone is in danger")
    state = staff_client.get(f"/staff/api/call/{call_id}").get_json()
    assert state["case_note"].splitlines()[0] == (
        "Safety concern: possible emergency (someone may be in danger or hurt); caller told to call 999 "
        "(time not recorded).")


def test_the_console_has_a_place_for_safety_warnings(staff_client):
    call_id = start_call(staff_client)
    page = staff_client.get(f"/staff/call/{call_id}").get_data(as_text=True)
    assert 'id="sp-call-safety" aria-live="polite"' in page


def test_triage_slot_names_match_the_triage_form():
    from actions.triage import QUESTIONS
    from web.staff.case_note import TRIAGE_SLOTS

    assert TRIAGE_SLOTS == {slot: key for slot, (_, key) in QUESTIONS.items()}


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


def test_the_fallback_listing_has_plain_words_only():
    from tests.web.rasa_stub import SUMMARY
    from web.staff.case_note import generic_text

    text = generic_text(SUMMARY)
    assert "What matters to the person: staying in her own home" in text
    for item in SUMMARY["suggested_categories"]:
        assert item["slug"] not in text
    assert "True" not in text and "False" not in text and "lancashire" not in text
