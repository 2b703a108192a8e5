"""Fixtures for the funding tests."""

from datetime import date

import pytest

# Today in the project's world: 25 November 2026, in financial year 2026/27.
TODAY = date(2026, 11, 25)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def person():
    """Build an input mapping: a person in England with only the fields a test cares about."""

    def build(**fields):
        data = {"nation": "england", "care_setting": "care_home", "savings": 0, "year": "2025/26"}
        data.update(fields)
        return {key: value for key, value in data.items() if value is not None}

    return build
