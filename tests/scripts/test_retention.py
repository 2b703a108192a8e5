"""Old conversations are deleted whole from a real Rasa SQL tracker store."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from scripts.retention import purge_conversations


@pytest.fixture
def tracker_url(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    db = tmp_path / "tracker.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    now = time.time()
    for sender, age_days in (("old-one", 40), ("recent", 2)):
        tracker = DialogueStateTracker(sender, slots=[])
        tracker.update(UserUttered("hello", timestamp=now - age_days * 86400))
        tracker.update(UserUttered("more", timestamp=now - age_days * 86400 + 60))
        # in a thread of its own: browser tests may leave an event loop running in this one
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, store.save(tracker)).result()
    store.engine.dispose()
    return f"sqlite:///{db}"


def senders(url: str) -> set[str]:
    engine = sa.create_engine(url, future=True)
    with engine.connect() as conn:
        found = {row[0] for row in conn.execute(sa.text("SELECT DISTINCT sender_id FROM events"))}
    engine.dispose()
    return found


def test_old_conversations_go_and_recent_ones_stay(tracker_url):
    assert senders(tracker_url) == {"old-one", "recent"}
    assert purge_conversations(tracker_url, days=30) == 1
    assert senders(tracker_url) == {"recent"}


def test_nothing_to_do_on_an_empty_store(tmp_path):
    assert purge_conversations(f"sqlite:///{tmp_path / 'none.db'}", days=30) == 0
