"""Fixtures for the web app: a real HTTP Rasa stub, an app wired to it, staff accounts."""

from __future__ import annotations

import pytest

from tests.web.rasa_stub import TOKEN, RasaStub, closed_port
from web.app import create_app
from web.config import TestConfig
from web.staff.models import create_staff, session_scope

STAFF_PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def rasa_stub():
    stub = RasaStub().start()
    yield stub
    stub.stop()


@pytest.fixture
def stub(rasa_stub):
    rasa_stub.reset()
    yield rasa_stub
    rasa_stub.reset()


def make_config(tmp_path, rasa_url: str, **overrides) -> TestConfig:
    config = TestConfig()
    config.DATABASE_URL = f"sqlite:///{tmp_path / 'web.db'}"
    config.TRACKER_STORE_URL = f"sqlite:///{tmp_path / 'tracker.db'}"
    config.RASA_URL = rasa_url
    config.RASA_TOKEN = TOKEN
    config.ACTION_SERVER_URL = f"{rasa_url}/webhook"
    config.RASA_CONNECT_TIMEOUT = 1.0
    config.RASA_READ_TIMEOUT = 1.0
    config.SECRET_KEY = "test-secret"
    config.DEFAULT_COUNCIL = "lancashire"
    config.COUNCIL_ORIGINS = ["'self'", "https://www.example-council.gov.uk"]
    config.REDIS_URL = ""
    for key, value in overrides.items():
        setattr(config, key, value)
    return config


@pytest.fixture
def config(tmp_path, stub):
    return make_config(tmp_path, stub.url)


@pytest.fixture
def app(config):
    return create_app(config)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def down_app(tmp_path):
    """An app whose Rasa and action server refuse connections."""
    return create_app(make_config(tmp_path, f"http://127.0.0.1:{closed_port()}"))


@pytest.fixture
def staff_user(app):
    with session_scope(app.config["DATABASE_URL"]) as s:
        create_staff(s, "alex", STAFF_PASSWORD)
    return "alex"


def csrf_from(html: str) -> str:
    marker = 'name="csrf_token" type="hidden" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


def login(client, username: str = "alex", password: str = STAFF_PASSWORD):
    page = client.get("/staff/login")
    token = csrf_from(page.get_data(as_text=True))
    return client.post("/staff/login", data={"csrf_token": token, "username": username, "password": password})


@pytest.fixture
def staff_client(client, staff_user):
    response = login(client)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client
