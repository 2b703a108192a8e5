"""Browser fixtures: the real app served on a free port, the Rasa stub, headless Chromium."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.web.conftest import STAFF_PASSWORD, make_config
from tests.web.rasa_stub import RasaStub, closed_port
from web.app import create_app
from web.staff.models import create_staff, session_scope

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = Path(os.environ.get("SIGNPOST_SCREENSHOTS", "/tmp/signpost-screenshots"))

pytestmark = pytest.mark.browser


class Served:
    def __init__(self, app) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def browser_stub():
    stub = RasaStub().start()
    yield stub
    stub.stop()


def _serve(tmp_path_factory, rasa_url: str, name: str) -> tuple[Served, object]:
    tmp = tmp_path_factory.mktemp(name)
    app = create_app(make_config(tmp, rasa_url, RATE_LIMIT="10000 per minute", LOGIN_RATE_LIMIT="1000 per minute",
                                 COUNCIL_ORIGINS=["'self'"]))
    with session_scope(app.config["DATABASE_URL"]) as s:
        create_staff(s, "alex", STAFF_PASSWORD)
    return Served(app), app


@pytest.fixture(scope="session")
def server(tmp_path_factory, browser_stub):
    served, _ = _serve(tmp_path_factory, browser_stub.url, "browser-app")
    yield served
    served.stop()


@pytest.fixture(scope="session")
def down_server(tmp_path_factory):
    served, _ = _serve(tmp_path_factory, f"http://127.0.0.1:{closed_port()}", "browser-down")
    yield served
    served.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, browser_stub):
    browser_stub.reset()
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.js_errors = errors
    yield page
    context.close()


@pytest.fixture
def outside_requests(page, server):
    """Every request the page makes to anywhere but our own origin (must stay empty)."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url)
            if not request.url.startswith((server.url, "data:", "about:", "blob:")) else None)
    return seen


def run_axe(frame) -> list[dict]:
    """Run axe-core (WCAG 2.0-2.2 A and AA) in a page or frame; return its violations."""
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.evaluate(AXE.read_text(encoding="utf-8"))
    result = frame.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary).slice(0, 5)}));
        }"""
    )
    return result


def shot(page, name: str, **kwargs) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), **kwargs)
    return path
