"""``init``: create or upgrade the schema, then load the sample directory if it is empty (or,
when it holds the sample directory, add shipped records added since it was loaded and bring
the service areas of shipped records in step with the shipped files).

Several processes may start at once (web, actions, tests), so the work runs under a lock
(PostgreSQL advisory lock; a lock file on SQLite), and a sample load that loses a race to
another process is not an error."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from directory.db import default_url, get_engine, session_scope
from directory.migrate import current_revision, upgrade
from directory.records import ensure_taxonomy
from directory.sample import (
    add_missing_sample_records,
    load_sample_data,
    service_count,
    shipped_files,
    update_sample_areas,
)
from directory.search_index import rebuild

ADVISORY_LOCK_KEY = 73_590_412  # any constant; "directory init"


@contextmanager
def init_lock(url: str) -> Iterator[None]:
    """One ``init`` at a time per database: an advisory lock on PostgreSQL, a lock file
    beside the database file on SQLite."""
    if url.startswith("sqlite"):
        database = make_url(url).database
        if not database or database == ":memory:":
            yield
            return
        with open(f"{database}.init-lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    if not url.startswith("postgresql"):
        yield
        return
    with get_engine(url).connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
            connection.commit()


#: The first revision whose search index holds service areas (``service_search.area``): a
#: database upgraded across it gets its index rebuilt once.
AREA_INDEX_REVISION = "0005"


def initialise(url: str | None = None, *, load_sample: bool = True) -> dict:
    """Idempotent and quick when there is nothing to do. Returns what happened."""
    url = url or default_url()
    with init_lock(url):
        before = current_revision(url)
        migrated = upgrade(url)
        loaded = updated = 0
        if migrated and before is not None and before < AREA_INDEX_REVISION:
            with session_scope(url) as session:
                rebuild(session)  # rows made before the index knew service areas
        try:
            with session_scope(url) as session:
                if load_sample and service_count(session) == 0:
                    loaded = load_sample_data(session)
                else:
                    ensure_taxonomy(session)  # picks up category text changes in categories.yml
                    if load_sample:  # shipped records added (or given areas) since this database was loaded
                        shipped = shipped_files()
                        loaded = add_missing_sample_records(session, shipped)
                        updated = update_sample_areas(session, shipped)
        except IntegrityError:
            with session_scope(url) as session:  # another process loaded it first
                if service_count(session) == 0:
                    raise
            loaded = updated = 0
    return {"migrated": migrated, "loaded": loaded, "updated": updated}
