"""Config objects for the Flask app, built from ``settings`` (the one place
where the environment is read)."""

from __future__ import annotations

import settings as signpost_settings


class Config:
    def __init__(self) -> None:
        s = signpost_settings.load()
        self.SIGNPOST = s
        self.SECRET_KEY = s.secret_key
        self.DATABASE_URL = s.database_url
        self.RASA_URL = s.rasa_url
        self.RASA_TOKEN = s.rasa_token
        self.TESTING = False


class TestConfig(Config):
    def __init__(self) -> None:
        super().__init__()
        self.TESTING = True


def config_from_name(name: str | None):
    return {"test": TestConfig}.get(name or "", Config)()
