"""Logging for the web app without personal details.

We never log what people type. As a second line of defence every log record
passes through a redactor: ``bot.redact.redact`` when the conversation core
provides it, otherwise the small local one below (e-mail addresses, UK phone
numbers, postcodes, long digit runs, and the secret tokens in chat and summary
URLs).
"""

from __future__ import annotations

import logging
import re

from flask import Flask

_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[email]"),
    (re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE), "[postcode]"),
    (re.compile(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b"), "[phone]"),
    (re.compile(r"\b\d{6,}\b"), "[number]"),
    (re.compile(r"(/(?:api/chat|summary|staff/call|staff/api/call)/)[A-Za-z0-9_-]+"), r"\1[id]"),
    (re.compile(r"(token=)[^&\s\"']+"), r"\1[secret]"),
]


def local_redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _shared_redactor():
    try:
        from bot.redact import redact  # type: ignore[import-not-found]
    except Exception:  # not written yet, or broken: the local one still runs
        return None
    return redact


def redact(text: str) -> str:
    shared = _shared_redactor()
    if shared is not None:
        try:
            text = shared(text)
        except Exception:
            pass
    return local_redact(text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        record.msg = redact(message)
        record.args = None
        return True


def init_app(app: Flask) -> None:
    level = getattr(logging, str(app.config.get("LOG_LEVEL", "INFO")).upper(), logging.INFO)
    redactor = RedactingFilter()
    for name in ("web", "werkzeug", "waitress", app.logger.name):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(redactor)
    from flask.logging import default_handler

    for handler in [*logging.getLogger().handlers, default_handler]:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(redactor)
    logging.getLogger("web").setLevel(level)
