"""Fixtures for end-to-end tests against the real stack (scripts/stack.py):
the trained Rasa model served by `rasa run`, the rasa-sdk action server and the
Flask app, started once per test session with throw-away databases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests

from scripts.modelcache import current_model
from scripts.stack import Stack


@pytest.fixture(scope="session")
def live_stack(tmp_path_factory):
    model = Path(os.environ.get("SIGNPOST_RASA_MODEL") or current_model())  # SIGNPOST_RASA_MODEL: try a model
    if not model.exists():
        message = f"no trained model {model.name}: run `make train` (make test trains first)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    stack = Stack(tmp_path_factory.mktemp("stack"))
    try:
        stack.start_all()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def chat(live_stack):
    """Send one message through the web app's chat API; returns the JSON list."""
    session = requests.Session()

    def send(sender: str, message: str, **metadata) -> list[dict]:
        resp = session.post(f"{live_stack.web_url}/api/chat",
                            json={"sender": sender, "message": message, "metadata": metadata}, timeout=30)
        assert resp.status_code == 200, resp.text
        return resp.json()

    return send
