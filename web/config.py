"""Config objects for the Flask app, built from ``settings`` (the one place
where the environment is read). Pass ``create_app`` one of these, a name
("test", "production"...) or ``None`` for the default."""

from __future__ import annotations

from datetime import timedelta

import settings as signpost_settings


class Config:
    TESTING = False

    def __init__(self) -> None:
        s = signpost_settings.load()
        self.SIGNPOST = s
        self.SECRET_KEY = s.secret_key
        self.DATABASE_URL = s.database_url
        self.TRACKER_STORE_URL = s.tracker_store_url
        self.RASA_URL = s.rasa_url
        self.RASA_TOKEN = s.rasa_token
        self.ACTION_SERVER_URL = s.action_server_url
        self.RASA_CONNECT_TIMEOUT = 2.0
        self.RASA_READ_TIMEOUT = 8.0
        self.DEFAULT_COUNCIL = s.default_council
        self.COUNCIL_ORIGINS = list(s.council_origins)
        self.RATE_LIMIT = s.rate_limit
        self.LOGIN_RATE_LIMIT = "10 per minute"
        self.REDIS_URL = s.redis_url
        self.RETENTION_DAYS = s.retention_days
        self.LOG_LEVEL = s.log_level
        # Staff sessions end after this long without a request.
        self.PERMANENT_SESSION_LIFETIME = timedelta(minutes=s.staff_session_minutes)
        self.SESSION_REFRESH_EACH_REQUEST = True
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = False
        self.REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
        self.WTF_CSRF_TIME_LIMIT = None  # the session lifetime already bounds the token
        self.MAX_CONTENT_LENGTH = 64 * 1024


class ProductionConfig(Config):
    def __init__(self) -> None:
        super().__init__()
        self.SESSION_COOKIE_SECURE = True


class TestConfig(Config):
    TESTING = True

    def __init__(self) -> None:
        super().__init__()
        self.TESTING = True


def config_from_name(name: str | None):
    return {"test": TestConfig, "production": ProductionConfig}.get(name or "", Config)()
