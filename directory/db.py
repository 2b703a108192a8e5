"""Engines and sessions. One engine per database URL, created once and reused."""

from __future__ import annotations

import math
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

_lock = threading.Lock()
_engines: dict[str, Engine] = {}
_sessionmakers: dict[str, sessionmaker] = {}


def default_url() -> str:
    import settings

    return settings.load().database_url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    try:
        cursor.execute("SELECT sin(0), cos(0), asin(0), sqrt(1), radians(0)")
    except sqlite3.OperationalError:  # SQLite built without its math functions
        for name, function in (("sin", math.sin), ("cos", math.cos), ("asin", math.asin), ("sqrt", math.sqrt),
                               ("radians", math.radians)):
            dbapi_connection.create_function(name, 1, _null_safe(function), deterministic=True)
    cursor.close()


def _null_safe(function):
    def wrapped(value):
        return None if value is None else function(value)

    return wrapped


def get_engine(url: str | None = None) -> Engine:
    """The engine for ``url`` (default: ``settings.load().database_url``), cached per URL."""
    url = url or default_url()
    engine = _engines.get(url)
    if engine is not None:
        return engine
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            kwargs: dict = {"future": True}
            if url.startswith("sqlite"):
                kwargs["connect_args"] = {"check_same_thread": False}
            else:
                kwargs.update(pool_pre_ping=True, pool_size=5, max_overflow=5)
            engine = create_engine(url, **kwargs)
            if url.startswith("sqlite"):
                event.listen(engine, "connect", _sqlite_pragmas)
            _engines[url] = engine
            _sessionmakers[url] = sessionmaker(bind=engine, future=True, expire_on_commit=False)
    return engine


def get_sessionmaker(url: str | None = None) -> sessionmaker:
    url = url or default_url()
    get_engine(url)
    return _sessionmakers[url]


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    session = get_sessionmaker(url)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def dispose(url: str | None = None) -> None:
    """Close and forget the engine for ``url`` (tests use this for temporary databases)."""
    url = url or default_url()
    with _lock:
        engine = _engines.pop(url, None)
        _sessionmakers.pop(url, None)
    if engine is not None:
        engine.dispose()


def unreachable_reason(url: str) -> str | None:
    """None when the database at ``url`` answers, else a short reason (for skips)."""
    engine = create_engine(url, future=True, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return type(exc).__name__
    finally:
        engine.dispose()
    return None


@contextmanager
def temporary_schema(base_url: str, prefix: str = "directory_tmp") -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a new, empty schema; the schema is dropped
    afterwards. Used by the PostgreSQL tests and the benchmark."""
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base_url, future=True)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{base_url}?options=-csearch_path%3D{schema}"
    try:
        yield url
    finally:
        dispose(url)
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
