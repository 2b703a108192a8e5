"""GET /healthz: is everything Signpost needs answering? 200 when all is well, 503 if not."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from web.rasa_client import get_client

bp = Blueprint("health", __name__)


def database_status() -> dict:
    from web.staff.models import get_engine

    try:
        with get_engine(current_app.config["DATABASE_URL"]).connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        return {"ok": False, "detail": f"unreachable ({type(exc).__name__})"}
    return {"ok": True, "detail": "ok"}


@bp.get("/healthz")
def healthz():
    checks = {name: status.as_dict() for name, status in get_client().status().items()}
    checks["database"] = database_status()
    healthy = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if healthy else "degraded", **checks}
    return jsonify(body), 200 if healthy else 503
