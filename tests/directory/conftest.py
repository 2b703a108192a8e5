"""Fixtures for the directory tests: temporary SQLite databases built with the real
migrations, with or without the shipped sample directory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from directory.bootstrap import initialise
from directory.db import dispose, session_scope


@contextmanager
def temporary_database(path, *, load_sample: bool) -> Iterator[str]:
    url = f"sqlite:///{path}"
    initialise(url, load_sample=load_sample)
    try:
        yield url
    finally:
        dispose(url)


@pytest.fixture(scope="session")
def sample_url(tmp_path_factory):
    """A database with the sample directory loaded (treat as read-only)."""
    with temporary_database(tmp_path_factory.mktemp("directory") / "sample.db", load_sample=True) as url:
        yield url


@pytest.fixture
def sample_session(sample_url):
    with session_scope(sample_url) as session:
        yield session
        session.rollback()


@pytest.fixture
def empty_url(tmp_path):
    """A fresh database with the schema and no services."""
    with temporary_database(tmp_path / "empty.db", load_sample=False) as url:
        yield url


@pytest.fixture
def empty_session(empty_url):
    with session_scope(empty_url) as session:
        yield session
