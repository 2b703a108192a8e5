"""What the web app reads from, and deletes in, a Rasa conversation.

Reading goes through Rasa's HTTP API (``web.rasa_client``). Deleting does too,
and then, because Rasa's SQL tracker store only ever appends, we also delete the
conversation's rows from that store directly when ``TRACKER_STORE_URL`` points at
a SQL database we can reach.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from web.rasa_client import RasaUnavailable, get_client

log = logging.getLogger(__name__)

SENDER_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def valid_sender(sender: Any) -> bool:
    return isinstance(sender, str) and bool(SENDER_RE.match(sender))


def bot_payloads(tracker: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """Every custom payload of the given ``type`` the bot sent, oldest first."""
    found = []
    for event in tracker.get("events") or []:
        if not isinstance(event, dict) or event.get("event") != "bot":
            continue
        custom = (event.get("data") or {}).get("custom")
        if isinstance(custom, dict) and custom.get("type") == kind:
            found.append(custom)
    return found


def latest_summary(tracker: dict[str, Any]) -> dict[str, Any] | None:
    payloads = bot_payloads(tracker, "triage_summary")
    if not payloads:
        return None
    summary = payloads[-1].get("summary")
    return summary if isinstance(summary, dict) else None


def filled_slots(tracker: dict[str, Any]) -> dict[str, Any]:
    slots = tracker.get("slots") or {}
    skip = {"requested_slot", "session_started_metadata"}
    return {k: v for k, v in slots.items() if v not in (None, "", [], {}) and k not in skip}


def transcript(tracker: dict[str, Any]) -> list[dict[str, str]]:
    lines = []
    for event in tracker.get("events") or []:
        if not isinstance(event, dict):
            continue
        if event.get("event") == "user" and event.get("text"):
            lines.append({"who": "caller", "text": str(event["text"])})
        elif event.get("event") == "bot" and event.get("text"):
            lines.append({"who": "signpost", "text": str(event["text"])})
    return lines


def _delete_from_sql_tracker_store(sender: str) -> bool:
    url = current_app.config.get("TRACKER_STORE_URL") or ""
    if not url.startswith(("sqlite:", "postgresql", "postgres:", "mysql")):
        return False
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not (parsed.database and Path(parsed.database).is_file()):
        return False
    engine = create_engine(url, future=True)
    try:
        if not inspect(engine).has_table("events"):
            return False
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender})
        return True
    except Exception as exc:
        log.warning("Could not delete from the tracker store (%s)", type(exc).__name__)
        return False
    finally:
        engine.dispose()


def delete_conversation(sender: str) -> dict[str, bool]:
    """Forget everything Rasa holds for ``sender``; report which steps worked."""
    steps = {"rasa": False, "tracker_store": False}
    try:
        get_client().reset_conversation(sender)
        steps["rasa"] = True
    except RasaUnavailable:
        pass
    steps["tracker_store"] = _delete_from_sql_tracker_store(sender)
    return steps
