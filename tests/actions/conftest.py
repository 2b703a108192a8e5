"""Fixtures for the custom action tests: a real directory database and tracker builders.

The directory database is a temporary SQLite file built with ``python -m directory init``
(the same command a deployment runs), and SIGNPOST_DATABASE_URL points the actions at it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def directory_db(tmp_path_factory) -> str:
    """A directory database with the shipped sample services, for the whole session."""
    url = f"sqlite:///{tmp_path_factory.mktemp('directory') / 'signpost.db'}"
    env = {**os.environ, "SIGNPOST_DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "directory", "init"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=300)
    return url


@pytest.fixture(autouse=True)
def _settings_env(monkeypatch, directory_db, tmp_path) -> None:
    monkeypatch.setenv("SIGNPOST_DATABASE_URL", directory_db)
    monkeypatch.setenv("SIGNPOST_DEFAULT_COUNCIL", "lancashire")
    monkeypatch.setenv("SIGNPOST_INSTANCE_DIR", str(tmp_path))


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    with (ROOT / "domain.yml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    text: str = "",
    intent: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    active_loop: str | None = None,
    requested_slot: str | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A rasa_sdk Tracker as the action server receives it after a user message."""
    slot_values = {"mode": "resident", **(slots or {})}
    if requested_slot:
        slot_values["requested_slot"] = requested_slot
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities or [],
        "metadata": metadata or {},
    }
    history = [{"event": "user", "text": text, "parse_data": latest, "metadata": metadata or {}}]
    return Tracker(
        sender_id="test-user",
        slots=slot_values,
        latest_message=latest,
        events=history + list(events or []),
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": len(value)}


def texts(dispatcher: CollectingDispatcher) -> str:
    """Everything the action said, as one string."""
    return "\n".join(message.get("text") or "" for message in dispatcher.messages)


def customs(dispatcher: CollectingDispatcher, kind: str) -> list[dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if (m.get("custom") or {}).get("type") == kind]


def buttons(dispatcher: CollectingDispatcher) -> list[dict[str, str]]:
    return [b for m in dispatcher.messages for b in (m.get("buttons") or [])]


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def run(action, tracker: Tracker, dispatcher: CollectingDispatcher, domain: dict[str, Any] | None = None):
    """Run an action (its run() is a coroutine) and return its events."""
    import asyncio

    return asyncio.run(action.run(dispatcher, tracker, domain or {}))


def call(coroutine):
    import asyncio

    return asyncio.run(coroutine)


def make_tracker_after(earlier: list[dict[str, Any]], text: str = "", **kwargs: Any) -> Tracker:
    """Like ``make_tracker``, with ``earlier`` events (oldest first) before the latest user message."""
    tracker = make_tracker(text, **kwargs)
    tracker.events = list(earlier) + tracker.events
    return tracker


def user_event(text: str, metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {"text": text}, "metadata": metadata or {}}


def bot_event(text: str) -> dict[str, Any]:
    return {"event": "bot", "text": text, "data": {}}
