"""Delete conversations older than the retention period from Rasa's tracker store.

A conversation is deleted whole once its newest event is older than
``SIGNPOST_RETENTION_DAYS`` (default 30). Runs at every `make run` and can be
scheduled (cron) in production:  python -m scripts.retention [--days N]
"""

from __future__ import annotations

import argparse
import sys
import time

import sqlalchemy as sa

import settings


def purge_conversations(tracker_url: str, days: int, now: float | None = None) -> int:
    """Delete every conversation whose last event is older than ``days``; return how many."""
    cutoff = (now if now is not None else time.time()) - days * 86400
    engine = sa.create_engine(tracker_url, future=True)
    try:
        if not sa.inspect(engine).has_table("events"):
            return 0
        events = sa.Table("events", sa.MetaData(), autoload_with=engine)
        last_seen = (
            sa.select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(sa.func.max(events.c.timestamp) < cutoff)
        )
        with engine.begin() as conn:
            senders = [row[0] for row in conn.execute(last_seen)]
            for start in range(0, len(senders), 500):
                conn.execute(sa.delete(events).where(events.c.sender_id.in_(senders[start:start + 500])))
        return len(senders)
    finally:
        engine.dispose()


def main(argv: list[str]) -> int:
    s = settings.load()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=s.retention_days)
    args = parser.parse_args(argv)
    if args.days < 1:
        parser.error("--days must be 1 or more")
    deleted = purge_conversations(s.tracker_store_url, args.days)
    if deleted:
        print(f"==> Deleted {deleted} conversation(s) older than {args.days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
