"""Helpers shared by the directory's web tests (tests/web/test_directory_api.py, test_oruk.py)."""

from __future__ import annotations

from directory.bootstrap import initialise
from web.app import create_app
from web.config import TestConfig as WebTestConfig


def make_directory_app(folder):
    """A Flask app on a fresh SQLite database holding the sample directory. Returns
    (app, url); call ``directory.db.dispose(url)`` when done."""
    url = f"sqlite:///{folder / 'directory.db'}"
    initialise(url)
    config = WebTestConfig()
    config.DATABASE_URL = url
    config.REDIS_URL = ""
    config.SECRET_KEY = "test-secret"
    return create_app(config), url
