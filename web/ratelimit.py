"""A small fixed-window rate limiter (Flask-Limiter cannot be installed beside Rasa).

Limits are written like "60 per minute" or "10/second". Counts live in memory
(one process) or in Redis when ``REDIS_URL`` is set, so several web workers
share them. A client over its limit gets HTTP 429 with a plain message.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from dataclasses import dataclass

from flask import Flask, current_app, jsonify, make_response, render_template, request

log = logging.getLogger(__name__)

_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_LIMIT_RE = re.compile(r"^\s*(\d+)\s*(?:per|/)\s*(\d+)?\s*(second|minute|hour|day)s?\s*$", re.IGNORECASE)
TOO_MANY = "You have sent a lot of messages very quickly. Please wait a minute and try again."


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        match = _LIMIT_RE.match(text or "")
        if not match:
            raise ValueError(f"Not a rate limit: {text!r} (write it like '60 per minute')")
        amount, multiple, unit = match.groups()
        return cls(int(amount), int(multiple or 1) * _UNITS[unit.lower()])


class MemoryBackend:
    """Counts per key in this process. A key's window opens at its first request."""

    def __init__(self) -> None:
        self._counts: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, seconds: int, now: float) -> tuple[int, float]:
        """Count one request; return (count in this window, seconds until it closes)."""
        with self._lock:
            opened, count = self._counts.get(key, (now, 0))
            if now - opened >= seconds:
                opened, count = now, 0
            count += 1
            self._counts[key] = (opened, count)
            if len(self._counts) > 10000:
                self._counts = {k: v for k, v in self._counts.items() if now - v[0] < seconds}
            return count, opened + seconds - now


class RedisBackend:
    """Counts in Redis so several web workers share them; the key's expiry is the window."""

    def __init__(self, url: str) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)

    def hit(self, key: str, seconds: int, now: float) -> tuple[int, float]:
        redis_key = f"signpost:rl:{key}"
        pipe = self._redis.pipeline()
        pipe.set(redis_key, 0, ex=seconds, nx=True)
        pipe.incr(redis_key)
        pipe.ttl(redis_key)
        _, count, ttl = pipe.execute()
        return int(count), float(ttl if ttl and ttl > 0 else seconds)


class RateLimiter:
    """Fixed windows that open at a client's first request (no clock-edge resets)."""

    def __init__(self, backend) -> None:
        self.backend = backend
        self.fallback = MemoryBackend()

    def allow(self, scope: str, client: str, limit: Limit) -> tuple[bool, int]:
        """Count one request; return (allowed, seconds until the window resets)."""
        now = time.monotonic()
        key = f"{scope}:{client}"
        try:
            count, remaining = self.backend.hit(key, limit.seconds, now)
        except Exception as exc:  # Redis down: keep limiting, per process
            log.warning("Rate-limit store unavailable (%s); counting in memory", type(exc).__name__)
            count, remaining = self.fallback.hit(key, limit.seconds, now)
        return count <= limit.count, max(1, math.ceil(remaining))


def client_id() -> str:
    return request.remote_addr or "unknown"


def _scope_for_request(app: Flask) -> tuple[str, Limit] | None:
    if request.path.startswith("/api/"):
        return "api", app.extensions["rate_limits"]["api"]
    if request.endpoint == "staff.login" and request.method == "POST":
        return "login", app.extensions["rate_limits"]["login"]
    return None


def _check():
    app = current_app._get_current_object()
    scoped = _scope_for_request(app)
    if scoped is None:
        return None
    scope, limit = scoped
    allowed, retry_after = app.extensions["ratelimiter"].allow(scope, client_id(), limit)
    if allowed:
        return None
    if scope == "login":
        message = "Too many sign-in attempts. Please wait a minute and try again."
        response = make_response(render_template("error.html", title="Too many attempts", message=message), 429)
    else:
        response = jsonify({"error": "rate_limited", "message": TOO_MANY})
        response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    return response


def init_app(app: Flask) -> RateLimiter:
    url = app.config.get("REDIS_URL") or ""
    limiter = RateLimiter(RedisBackend(url) if url else MemoryBackend())
    app.extensions["ratelimiter"] = limiter
    app.extensions["rate_limits"] = {
        "api": Limit.parse(app.config.get("RATE_LIMIT", "60 per minute")),
        "login": Limit.parse(app.config.get("LOGIN_RATE_LIMIT", "10 per minute")),
    }
    app.before_request(_check)
    return limiter
