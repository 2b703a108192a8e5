"""The chat API: the browser talks to this, and only this talks to Rasa.

POST   /api/chat           {"sender", "message", "metadata"} -> list of bot messages
DELETE /api/chat/<sender>  forget the conversation ("delete my conversation")
"""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from web.conversations import delete_conversation, valid_sender
from web.councils import SLUG_RE, contact_for, unavailable_message
from web.rasa_client import RasaUnavailable, get_client
from web.staff.case_note import summary_as_text

log = logging.getLogger(__name__)
bp = Blueprint("chat", __name__, url_prefix="/api/chat")

MAX_MESSAGE_CHARS = 2000
ALLOWED_MODES = {"resident", "staff"}
MESSAGE_KEYS = ("text", "buttons", "custom", "image")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def error(status: int, code: str, message: str, **extra: Any):
    response = jsonify({"error": code, "message": message, **extra})
    response.status_code = status
    return response


def _staff_request_ok() -> bool:
    """Staff mode needs a signed-in staff member *and* the page's CSRF token."""
    if not getattr(current_user, "is_authenticated", False):
        return False
    try:
        validate_csrf(request.headers.get("X-CSRFToken", ""))
    except (ValidationError, CSRFError):
        return False
    return True


def clean_metadata(raw: dict[str, Any]) -> dict[str, Any]:
    """Pass on only the keys Rasa's actions understand, with checked values."""
    council = raw.get("council")
    if not (isinstance(council, str) and SLUG_RE.match(council)):
        council = current_app.config.get("DEFAULT_COUNCIL", "")
    mode = raw.get("mode") if raw.get("mode") in ALLOWED_MODES else "resident"
    if mode == "staff" and not _staff_request_ok():
        mode = "resident"
    return {"council": council, "mode": mode}


def with_summary_text(custom: Any, mode: str) -> Any:
    """Add the plain-English wording to a triage summary so every client shows the same words."""
    if isinstance(custom, dict) and custom.get("type") == "triage_summary" and isinstance(custom.get("summary"), dict):
        if "summary_text" not in custom:
            return {**custom, "summary_text": summary_as_text(custom["summary"], mode)}
    return custom


def clean_message(message: dict[str, Any], mode: str = "resident") -> dict[str, Any]:
    out = {key: message[key] for key in MESSAGE_KEYS if key in message}
    if "custom" in out:
        out["custom"] = with_summary_text(out["custom"], mode)
    if "buttons" in out:
        out["buttons"] = [
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in out["buttons"] or []
            if isinstance(b, dict)
        ]
    return out


def _unavailable(council: str | None):
    contact = contact_for(council)
    return error(503, "unavailable", unavailable_message(contact), council=contact.as_dict())


@bp.post("")
def send():
    if not request.is_json:
        return error(415, "json_required", "Please send the message as JSON.")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return error(400, "invalid_json", "We could not read that request. Please try again.")
    sender = body.get("sender")
    if not valid_sender(sender):
        return error(400, "invalid_sender", "This conversation has an unexpected ID. Please restart the chat.")
    message = body.get("message")
    if not isinstance(message, str):
        return error(400, "invalid_message", "Please type your message as text.")
    message = _CONTROL_RE.sub("", message).strip()
    if not message:
        return error(400, "empty_message", "Please type a message before sending.")
    if len(message) > MAX_MESSAGE_CHARS:
        return error(
            400,
            "message_too_long",
            f"Your message is {len(message):,} characters long. Please keep it under "
            f"{MAX_MESSAGE_CHARS:,} characters, or send it in shorter parts.",
            max_chars=MAX_MESSAGE_CHARS,
        )
    raw_metadata = body.get("metadata", {})
    if raw_metadata is None:
        raw_metadata = {}
    if not isinstance(raw_metadata, dict):
        return error(400, "invalid_metadata", "The metadata must be a JSON object.")
    metadata = clean_metadata(raw_metadata)
    try:
        replies = get_client().send(sender, message, metadata)
    except RasaUnavailable:
        return _unavailable(metadata["council"])
    return jsonify([clean_message(m, metadata["mode"]) for m in replies])


@bp.delete("/<sender>")
def forget(sender: str):
    if not valid_sender(sender):
        return error(400, "invalid_sender", "This conversation has an unexpected ID.")
    steps = delete_conversation(sender)
    if not any(steps.values()):
        contact = contact_for(request.args.get("council"))
        return error(
            503,
            "unavailable",
            unavailable_message(
                contact, "Sorry, we could not delete your conversation just now. Please try again later."
            ),
            council=contact.as_dict(),
        )
    return jsonify({"status": "deleted", "message": "Your conversation has been deleted.", "steps": steps})
