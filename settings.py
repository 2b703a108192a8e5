"""Signpost's configuration: every setting, read once from the environment.

This is the one documented place for configuration (see the README's table).
Every value has a safe default so that a fresh clone runs on embedded SQLite
with no servers. Plain Python: imports nothing from Rasa or Flask, so every
package (bot, directory, actions, web, scripts) may import it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("SIGNPOST_INSTANCE_DIR", ROOT / "instance"))


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _env_int(name: str, default: int) -> int:
    try:
        return int(_env(name, str(default)))
    except ValueError:
        return default


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in _env(name, default).split(",") if item.strip()]


@dataclass(frozen=True)
class Settings:
    """A snapshot of the environment. Build a new one with ``load()``."""

    database_url: str
    tracker_store_url: str
    rasa_url: str
    rasa_token: str
    action_server_url: str
    web_host: str
    web_port: int
    default_council: str
    log_level: str
    secret_key: str
    council_origins: list[str] = field(default_factory=list)
    retention_days: int = 30
    rate_limit: str = "60 per minute"
    redis_url: str = ""
    staff_session_minutes: int = 30


def load() -> Settings:
    """Read the settings from the environment (call again after changing it)."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    return Settings(
        database_url=_env("SIGNPOST_DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'signpost.db'}"),
        tracker_store_url=_env("SIGNPOST_TRACKER_DB_URL", f"sqlite:///{INSTANCE_DIR / 'tracker.db'}"),
        rasa_url=_env("SIGNPOST_RASA_URL", "http://127.0.0.1:5005"),
        rasa_token=_env("SIGNPOST_RASA_TOKEN", "signpost-local-token"),
        action_server_url=_env("SIGNPOST_ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook"),
        web_host=_env("SIGNPOST_WEB_HOST", "127.0.0.1"),
        web_port=_env_int("SIGNPOST_WEB_PORT", 5000),
        default_council=_env("SIGNPOST_DEFAULT_COUNCIL", "lancashire"),
        log_level=_env("SIGNPOST_LOG_LEVEL", "INFO").upper(),
        secret_key=_env("SIGNPOST_SECRET_KEY", "dev-only-change-me"),
        council_origins=_env_list("SIGNPOST_COUNCIL_ORIGINS", "'self'"),
        retention_days=_env_int("SIGNPOST_RETENTION_DAYS", 30),
        rate_limit=_env("SIGNPOST_RATE_LIMIT", "60 per minute"),
        redis_url=_env("SIGNPOST_REDIS_URL", ""),
        staff_session_minutes=_env_int("SIGNPOST_STAFF_SESSION_MINUTES", 30),
    )
