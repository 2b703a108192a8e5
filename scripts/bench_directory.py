"""Benchmark: p50/p95 latency of a category-and-place search (``directory.search.search_services``,
the same call the API and the Rasa actions make) at 1,000, 10,000 and 100,000 synthetic
services, on SQLite and on PostgreSQL. Prints a table.

    .venv/bin/python scripts/bench_directory.py [--sizes 1000 10000 100000] [--queries 300]
        [--pg-url postgresql+psycopg2://postgres@127.0.0.1:5432/test]

The PostgreSQL row is skipped, with a message, when the server cannot be reached. Each
PostgreSQL run uses its own schema and drops it afterwards. Target: p95 < 10 ms at 10,000
services on SQLite.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402

from directory import categories as cats  # noqa: E402
from directory.bootstrap import initialise  # noqa: E402
from directory.db import dispose, get_engine, session_scope, temporary_schema, unreachable_reason  # noqa: E402
from directory.models import (  # noqa: E402
    Attribute,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceSearch,
)
from directory.places import COVERED_COUNCILS, _places  # noqa: E402
from directory.search import search_services  # noqa: E402

DEFAULT_PG = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
BATCH = 5000


def covered_places():
    index, _ = _places()
    unique = {place.name: place for place in index.values() if place.covered}
    return sorted(unique.values(), key=lambda place: place.name)


def populate(url: str, size: int, seed: int = 7) -> None:
    """Insert ``size`` synthetic services, each at a location near a covered town."""
    rng = random.Random(seed)
    initialise(url, load_sample=False)
    places = covered_places()
    slugs = [category.slug for category in cats.all_categories()]
    org_id = str(uuid.uuid4())
    engine = get_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(Organization), [{"id": org_id, "name": "Benchmark org", "description": "",
                                                   "is_sample": True}])
        for start in range(0, size, BATCH):
            services, locations, links, attributes, index_rows = [], [], [], [], []
            for number in range(start, min(size, start + BATCH)):
                place = rng.choice(places)
                slug = rng.choice(slugs)
                service_id, location_id = str(uuid.uuid4()), str(uuid.uuid4())
                services.append({
                    "id": service_id, "organization_id": org_id, "name": f"Synthetic service {number}",
                    "description": "Synthetic benchmark record", "status": "active", "council": place.council,
                    "category": slug, "is_sample": True,
                })
                lat = place.latitude + rng.uniform(-0.08, 0.08)
                lon = place.longitude + rng.uniform(-0.12, 0.12)
                locations.append({"id": location_id, "location_type": "physical", "is_sample": True,
                                  "latitude": lat, "longitude": lon})
                index_rows.append({"service_id": service_id, "term_id": cats.term_id_for(slug),
                                   "council": place.council, "latitude": lat, "longitude": lon,
                                   "name": f"Synthetic service {number}", "is_sample": True})
                links.append({"id": str(uuid.uuid4()), "service_id": service_id, "location_id": location_id})
                attributes.append({"id": str(uuid.uuid4()), "link_id": service_id, "link_type": "category",
                                   "link_entity": "service", "taxonomy_term_id": cats.term_id_for(slug)})
            connection.execute(insert(Service), services)
            connection.execute(insert(Location), locations)
            connection.execute(insert(ServiceAtLocation), links)
            connection.execute(insert(Attribute), attributes)
            connection.execute(insert(ServiceSearch), index_rows)
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def measure(url: str, queries: int, seed: int = 11) -> tuple[float, float, float]:
    rng = random.Random(seed)
    places = [place.name for place in covered_places()]
    slugs = [category.slug for category in cats.all_categories()]
    timings = []
    with session_scope(url) as session:
        for _ in range(20):  # warm up caches and connections
            search_services(session, category=rng.choice(slugs), near=rng.choice(places))
        for _ in range(queries):
            category, near = rng.choice(slugs), rng.choice(places)
            started = time.perf_counter()
            search_services(session, category=category, near=near, limit=5)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return p50, p95, timings[-1]


def run_sqlite(size: int, queries: int) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        try:
            populate(url, size)
            return measure(url, queries)
        finally:
            dispose(url)


def run_postgres(base_url: str, size: int, queries: int) -> tuple[float, float, float]:
    with temporary_schema(base_url, "directory_bench") as url:
        populate(url, size)
        return measure(url, queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    args = parser.parse_args(argv)

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"Machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine inflates the tails)")
    print(f"Category + place search, {args.queries} random queries per row "
          f"({len(COVERED_COUNCILS)} council areas, {len(cats.all_categories())} categories, radius 30 km)")
    print(f"{'database':<12}{'services':>10}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for size in args.sizes:
        p50, p95, worst = run_sqlite(size, args.queries)
        print(f"{'SQLite':<12}{size:>10,}{p50:>10.2f}{p95:>10.2f}{worst:>10.2f}", flush=True)
    problem = unreachable_reason(args.pg_url)
    if problem:
        print(f"PostgreSQL   skipped: cannot reach {args.pg_url.split('@')[-1]} ({problem})")
        return 0
    for size in args.sizes:
        p50, p95, worst = run_postgres(args.pg_url, size, args.queries)
        print(f"{'PostgreSQL':<12}{size:>10,}{p50:>10.2f}{p95:>10.2f}{worst:>10.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
