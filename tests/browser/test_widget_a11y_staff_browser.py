"""The embeddable widget on the demo page, axe-core checks, and the staff console in a browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import run_axe, shot
from tests.web.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser


def open_widget(page, url):
    page.goto(url + "/demo")
    launcher = page.locator("[data-signpost-widget] .sp-w__launcher")
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    frame = page.frame_locator("iframe.sp-w__frame")
    expect(frame.get_by_role("button", name="Start chat")).to_be_focused()
    return launcher, frame


def test_widget_opens_chats_and_closes(page, server, outside_requests):
    launcher, frame = open_widget(page, server.url)
    iframe = page.locator("iframe.sp-w__frame")
    expect(iframe).to_have_attribute("title", "Signpost chat about adult social care")
    # The council's loud stylesheet (dashed red borders on every iframe and button) cannot reach the widget.
    assert iframe.evaluate("el => getComputedStyle(el).borderTopStyle") == "none"
    assert launcher.evaluate("el => getComputedStyle(el).borderTopStyle") != "dashed"
    frame.get_by_role("button", name="Start chat").click()
    expect(frame.locator(".sp-msg--bot").first).to_contain_text("Hello")
    frame.locator("#sp-input").fill("lunch club")
    frame.locator("#sp-input").press("Enter")
    expect(frame.locator(".sp-card")).to_have_count(2)
    shot(page, "demo-widget-open")
    frame.get_by_role("button", name="Close the chat").click()
    expect(iframe).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    # Escape inside the chat closes it too, and the conversation is still there when reopened.
    launcher.click()
    expect(frame.locator(".sp-card")).to_have_count(2)
    frame.locator("#sp-input").press("Escape")
    expect(launcher).to_be_focused()
    assert outside_requests == []
    assert page.js_errors == []


def test_widget_iframe_uses_the_council_from_the_snippet(page, server):
    page.goto(server.url + "/demo?council=leicestershire")
    page.locator("[data-signpost-widget] .sp-w__launcher").click()
    src = page.locator("iframe.sp-w__frame").get_attribute("src")
    assert src.endswith("/?embed=1&council=leicestershire")


def test_widget_is_full_screen_on_a_phone(page, server):
    page.set_viewport_size({"width": 320, "height": 640})
    open_widget(page, server.url)
    box = page.locator("iframe.sp-w__frame").bounding_box()
    assert box["width"] == 320 and box["height"] >= 600
    shot(page, "demo-widget-phone")


def _assert_no_violations(frame, where):
    violations = run_axe(frame)
    assert violations == [], f"axe found problems on {where}: {violations}"


@pytest.mark.parametrize("path", ["/", "/privacy", "/demo", "/staff/login"])
def test_axe_pages(page, server, path):
    page.goto(server.url + path)
    page.wait_for_load_state("networkidle")
    _assert_no_violations(page, path)


def test_axe_chat_in_use_and_at_320px(page, server):
    page.goto(server.url + "/")
    page.get_by_role("button", name="Start chat").click()
    page.get_by_role("button", name="Find a service").click()
    expect(page.locator(".sp-card")).to_have_count(2)
    page.get_by_role("button", name="Delete my conversation").click()
    _assert_no_violations(page, "/ with cards")
    page.set_viewport_size({"width": 320, "height": 640})
    _assert_no_violations(page, "/ at 320px")


def test_axe_inside_the_widget(page, server):
    _, frame = open_widget(page, server.url)
    _assert_no_violations(page, "/demo with the widget open")
    inner = page.frame(url=lambda url: "embed=1" in url)
    _assert_no_violations(inner, "the widget's iframe")
    frame.get_by_role("button", name="Start chat").click()
    frame.get_by_role("button", name="Talk it through").click()
    frame.get_by_role("button", name="Me", exact=True).click()
    expect(frame.locator(".sp-summary-card")).to_be_visible()
    _assert_no_violations(inner, "the widget's iframe with a summary")


def staff_login(page, url):
    page.goto(url + "/staff")
    expect(page).to_have_url(url + "/staff/login?next=/staff")
    page.get_by_label("Username").fill("alex")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Staff console")).to_be_visible()


def test_staff_login_errors_are_accessible(page, server):
    page.goto(server.url + "/staff/login")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    page.get_by_label("Username").fill("alex")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The username or password is not right")
    _assert_no_violations(page, "/staff/login with errors")
    shot(page, "staff-login-error")


def test_staff_console_guided_call(page, server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    staff_login(page, server.url)
    _assert_no_violations(page, "/staff")
    page.get_by_role("button", name="Start a new call").click()
    expect(page.get_by_role("heading", name="Guided call")).to_be_visible()
    expect(page.locator(".sp-msg--bot").first).to_contain_text("Ask the caller")  # staff wording
    page.get_by_role("button", name="Talk it through").click()
    expect(page.locator("#sp-call-slots")).to_contain_text("Person", timeout=10000)
    page.get_by_role("button", name="Someone I care for").click()
    expect(page.locator("#sp-call-summary")).to_contain_text("Case note", timeout=10000)
    expect(page.locator("#sp-case-note")).to_have_value(re.compile("^Case note"))
    page.get_by_role("button", name="Copy case note").click()
    expect(page.locator("#sp-copy-status")).to_have_text("Case note copied.")
    assert page.evaluate("() => navigator.clipboard.readText()").startswith("Case note")
    _assert_no_violations(page, "/staff/call")
    shot(page, "staff-call", full_page=True)
    page.get_by_label("Caller's name").fill("Pat <script>x</script>")
    page.get_by_label("Phone number").fill("01632 960 000")
    page.get_by_label("Best time to call").fill("mornings")
    page.get_by_label("Reason for the call-back").fill("Carer's assessment")
    page.get_by_role("button", name="Save call-back request").click()
    expect(page.get_by_text("Call-back request saved.")).to_be_visible()
    page.get_by_role("link", name="Back to the console").click()
    expect(page.get_by_role("cell", name="Pat <script>x</script>", exact=True)).to_be_visible()
    _assert_no_violations(page, "/staff with a call-back")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto(server.url + "/staff")
    expect(page).to_have_url(server.url + "/staff/login?next=/staff")
