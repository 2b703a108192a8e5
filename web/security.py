"""Security headers on every response.

The Content-Security-Policy allows scripts, styles, images and fonts only from
our own origin: no inline script, no inline style, no request to anyone else.
The chat page may be framed by the configured council origins (the widget's
iframe); every other page may only be framed by ourselves.
"""

from __future__ import annotations

from flask import Flask, Response, request

FRAMEABLE_ENDPOINTS = {"pages.chat"}


def _frame_ancestors(app: Flask, frameable: bool) -> str:
    if not frameable:
        return "'self'"
    origins = [o for o in app.config.get("COUNCIL_ORIGINS", []) if o]
    if "'self'" not in origins:
        origins.insert(0, "'self'")
    # An origin must be a plain scheme://host[:port] or a CSP keyword: drop anything that could
    # smuggle in another directive.
    safe = [o for o in origins if ";" not in o and "," not in o and " " not in o]
    return " ".join(safe)


def content_security_policy(app: Flask, frameable: bool) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {_frame_ancestors(app, frameable)}",
        ]
    )


def init_app(app: Flask) -> None:
    @app.after_request
    def _headers(response: Response) -> Response:
        frameable = request.endpoint in FRAMEABLE_ENDPOINTS
        response.headers["Content-Security-Policy"] = content_security_policy(app, frameable)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = (
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
        )
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if not frameable:
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        if request.path.startswith(("/api/", "/staff", "/summary")):
            response.headers["Cache-Control"] = "no-store"
        return response
