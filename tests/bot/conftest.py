"""Fixtures for the conversation core (bot/) tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def default_council_env(monkeypatch):
    """Set SIGNPOST_DEFAULT_COUNCIL for one test; returns a setter."""

    def set_default(slug: str) -> None:
        monkeypatch.setenv("SIGNPOST_DEFAULT_COUNCIL", slug)

    return set_default
