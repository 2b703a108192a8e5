"""scripts/serve.py turns settings into the variables endpoints.yml reads."""

from __future__ import annotations

import os

import pytest
import yaml

import settings
from scripts.modelcache import ROOT
from scripts.serve import command, rasa_env


@pytest.fixture
def env(monkeypatch, tmp_path):
    for key in list(os.environ):
        if key.startswith("SIGNPOST_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("SIGNPOST_INSTANCE_DIR", str(tmp_path))
    return monkeypatch


def test_defaults_are_embedded_sqlite_and_in_memory_locks(env):
    s = settings.load()
    out = rasa_env(s)
    assert out["SIGNPOST_TRACKER_DIALECT"] == "sqlite"
    assert out["SIGNPOST_TRACKER_DB_URL"].startswith("sqlite:///")
    assert out["SIGNPOST_LOCK_STORE_TYPE"] == "in_memory"
    assert s.web_port == 5000 and s.rasa_url == "http://127.0.0.1:5005"


def test_production_stores_come_from_configuration(env):
    env.setenv("SIGNPOST_TRACKER_DB_URL", "postgresql://signpost@db.internal:5432/tracker")
    env.setenv("SIGNPOST_REDIS_URL", "redis://cache.internal:6380/2")
    out = rasa_env(settings.load())
    assert out["SIGNPOST_TRACKER_DIALECT"] == "postgresql"
    assert out["SIGNPOST_TRACKER_DB_URL"] == "postgresql://signpost@db.internal:5432/tracker"
    assert (out["SIGNPOST_LOCK_STORE_TYPE"], out["SIGNPOST_REDIS_HOST"], out["SIGNPOST_REDIS_PORT"],
            out["SIGNPOST_REDIS_DB"]) == ("redis", "cache.internal", "6380", "2")


def test_bad_port_falls_back_to_default(env):
    env.setenv("SIGNPOST_WEB_PORT", "not-a-port")
    assert settings.load().web_port == 5000


def test_every_endpoints_variable_is_provided(env):
    text = (ROOT / "endpoints.yml").read_text()
    needed = {part.split("}")[0] for part in text.split("${")[1:]}
    assert needed <= set(rasa_env(settings.load()))
    yaml.safe_load(text)


def test_rasa_listens_on_loopback_with_a_token(env, monkeypatch):
    import scripts.serve as serve

    monkeypatch.setattr(serve, "current_model", lambda: ROOT / "pyproject.toml")
    cmd = command("rasa", settings.load())
    assert cmd[cmd.index("--interface") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--auth-token") + 1] == "signpost-local-token"
    assert "--enable-api" in cmd


def test_unknown_process_is_refused(env):
    with pytest.raises(SystemExit):
        command("nonsense", settings.load())


def test_a_process_that_stops_by_itself_is_named_as_failed(env, monkeypatch, capsys):
    import sys

    import scripts.serve as serve

    monkeypatch.setattr(serve, "command", lambda name, s: [sys.executable, "-c", "pass"])
    assert serve.main(["actions"]) == 1  # exit code 0 on its own still counts as a failure
    assert "the action server stopped unexpectedly" in capsys.readouterr().err
