"""The full-page chat in a real browser: chatting, cards, escaping, keyboard, summary, errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def start_chat(page, url):
    page.goto(url + "/")
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    page.get_by_role("button", name="Start chat").click()
    expect(page.locator(".sp-msg--bot").first).to_contain_text("Hello, I'm Signpost")


def test_chat_quick_replies_and_service_cards(page, server, outside_requests):
    start_chat(page, server.url)
    expect(page.locator("#sp-input")).to_be_focused()
    page.get_by_role("button", name="Find a service").click()
    expect(page.locator(".sp-msg--user").last).to_contain_text("Find a service")
    cards = page.locator(".sp-card")
    expect(cards).to_have_count(2)
    first = cards.first
    # Hostile text from the "directory" is shown as text and never runs.
    expect(first.locator("h3")).to_have_text("Preston Lunch Club <script>window.__pwned=1</script>")
    expect(first).to_contain_text("Sample record: not a real service")
    expect(first).to_contain_text("about 1 km away")
    assert page.evaluate("() => window.__pwned") is None
    assert first.locator("a[href^='javascript']").count() == 0
    expect(first.get_by_role("link", name="01632 960001")).to_have_attribute("href", "tel:01632960001")
    expect(cards.nth(1).get_by_role("link", name="Website")).to_have_attribute("href", "https://example.org/carers")
    # Quick replies go once answered.
    expect(page.get_by_role("button", name="Find a service")).to_have_count(0)
    shot(page, "chat-cards", full_page=True)
    assert outside_requests == []
    assert page.js_errors == []


def test_typed_html_is_shown_as_text(page, server):
    start_chat(page, server.url)
    page.fill("#sp-input", "<img src=x onerror=\"window.__pwned=3\"><b>bold</b>")
    page.keyboard.press("Enter")
    expect(page.locator(".sp-msg--user").last).to_contain_text("<b>bold</b>")
    expect(page.locator(".sp-msg--bot").last).to_contain_text("You said: <img")
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#sp-log b, #sp-log img").count() == 0


def test_empty_and_too_long_messages_get_clear_errors(page, server, browser_stub):
    start_chat(page, server.url)
    page.keyboard.press("Enter")
    expect(page.locator("#sp-input-error")).to_contain_text("Enter a message")
    page.fill("#sp-input", "a" * 2050)
    expect(page.locator("#sp-count")).to_have_text("You have 50 characters too many")
    page.keyboard.press("Enter")
    expect(page.locator("#sp-input-error")).to_contain_text("2050 characters long")
    assert page.input_value("#sp-input") == "a" * 2050  # nothing lost
    webhook_calls = [r for r in browser_stub.requests if r["path"] == "/webhooks/rest/webhook"]
    assert len(webhook_calls) == 1  # only the greeting reached Rasa


def test_keyboard_only_conversation(page, server):
    page.goto(server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to main content"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Start chat":
            break
    else:
        pytest.fail("Start chat is not reachable by Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".sp-msg--bot").first).to_contain_text("Hello")
    expect(page.locator("#sp-input")).to_be_focused()
    page.keyboard.type("I need some help")
    page.keyboard.press("Enter")
    expect(page.locator(".sp-msg--bot").last).to_contain_text("You said: I need some help")
    page.keyboard.type("/greet")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Talk it through")).to_be_visible()
    # Shift+Tab from the message box reaches the newest quick replies.
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Talk it through")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Someone I care for")).to_be_visible()
    expect(page.locator("#sp-input")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Someone I care for")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".sp-summary-card")).to_contain_text("staying in her own home")
    # The summary link and the conversation tools follow the form in Tab order.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused.startswith("Print or download my summary")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Delete my conversation":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Yes, delete it")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your conversation has been deleted.")).to_be_focused()
    expect(page.locator("#sp-log .sp-msg")).to_have_count(0)
    assert page.js_errors == []


def test_messages_are_announced_politely(page, server):
    start_chat(page, server.url)
    log = page.locator("#sp-log")
    expect(log).to_have_attribute("role", "log")
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.locator(".sp-msg--bot").first.locator(".govuk-visually-hidden")).to_have_text("Signpost said: ")


def test_printable_summary(page, server):
    start_chat(page, server.url)
    page.get_by_role("button", name="Talk it through").click()
    page.get_by_role("button", name="Me", exact=True).click()
    link = page.locator("#sp-summary-link")
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    sender = page.evaluate("() => JSON.parse(sessionStorage.getItem('signpost-chat:lancashire')).sender")
    assert sender in href and len(sender) >= 32
    with page.context.expect_page() as new_tab:
        link.click()
    summary = new_tab.value
    summary.wait_for_load_state()
    expect(summary.get_by_role("heading", name="Your summary")).to_be_visible()
    expect(summary.locator("#sp-summary")).to_contain_text("staying in her own home")
    expect(summary.get_by_role("button", name="Print this summary")).to_be_visible()
    expect(summary.get_by_role("link", name="Download as a text file")).to_be_visible()
    summary.emulate_media(media="print")
    expect(summary.get_by_role("button", name="Print this summary")).to_be_hidden()
    expect(summary.locator(".sp-header")).to_be_hidden()
    shot(summary, "summary-print", full_page=True)


def test_conversation_survives_a_reload_and_restart_clears_it(page, server):
    start_chat(page, server.url)
    page.fill("#sp-input", "remember me")
    page.keyboard.press("Enter")
    expect(page.locator(".sp-msg--bot").last).to_contain_text("You said: remember me")
    page.reload()
    expect(page.locator(".sp-msg--user")).to_contain_text("remember me")
    page.get_by_role("button", name="Start again").click()
    expect(page.locator(".sp-msg--user")).to_have_count(0)
    expect(page.locator(".sp-msg--bot")).to_have_count(1)


def test_rasa_down_shows_a_clear_message_and_keeps_the_text(page, down_server):
    page.goto(down_server.url + "/")
    page.get_by_role("button", name="Start chat").click()
    error = page.locator(".sp-msg--error")
    expect(error).to_contain_text("not working right now")
    expect(error).to_contain_text("Lancashire")
    expect(error).to_contain_text("999")
    page.fill("#sp-input", "is anyone there")
    page.keyboard.press("Enter")
    expect(page.locator(".sp-msg--error")).to_have_count(2)
    assert page.input_value("#sp-input") == "is anyone there"
    expect(page.locator(".sp-msg--user")).to_have_count(0)
    shot(page, "chat-rasa-down", full_page=True)


def test_reflows_at_320_css_pixels(page, server):
    page.set_viewport_size({"width": 320, "height": 640})
    start_chat(page, server.url)
    page.get_by_role("button", name="Find a service").click()
    expect(page.locator(".sp-card")).to_have_count(2)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    shot(page, "chat-320px", full_page=True)
