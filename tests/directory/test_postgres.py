"""The same directory on the machine's PostgreSQL (127.0.0.1:5432, trust auth, db ``test``).

Each run uses its own schema (via the URL's ``search_path`` option) and drops it after."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from directory import schemas
from directory.bootstrap import initialise
from directory.db import get_engine, session_scope, temporary_schema, unreachable_reason
from directory.errors import UnknownPlace
from directory.importers import import_oruk
from directory.oruk import export_services, list_service_at_locations
from directory.search import search_services

pytestmark = pytest.mark.postgres

BASE_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="module")
def pg_url():
    reason = unreachable_reason(BASE_URL)
    if reason:
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 (db test) is not reachable: {reason}")
    with temporary_schema(BASE_URL, "directory_test") as url:
        yield url


def test_init_migrates_loads_and_is_idempotent(pg_url):
    first = initialise(pg_url)
    assert first["migrated"] and first["loaded"] > 100
    assert initialise(pg_url) == {"migrated": False, "loaded": 0, "updated": 0}
    assert "service" in inspect(get_engine(pg_url)).get_table_names()


def test_search_ranks_by_distance_on_postgres(pg_url):
    initialise(pg_url)
    with session_scope(pg_url) as session:
        result = search_services(session, category="day-services", near="Preston", radius_km=60, limit=20)
        distances = [c["distance_km"] for c in result["results"] if c["distance_km"] is not None]
        assert distances and distances == sorted(distances)
        words = search_services(session, q="pendant alarm", near="Grimsby")
        assert "Carelink telecare" in [c["name"] for c in words["results"]]
        with pytest.raises(UnknownPlace):
            search_services(session, near="Narnia")
        page = list_service_at_locations(session, postcode="PR1", proximity="15000", taxonomy_term_id="day-services")
        assert schemas.page_errors("service_at_location", page) == []


def test_export_validates_and_import_round_trips_on_postgres(pg_url, tmp_path):
    import json

    initialise(pg_url)
    with session_scope(pg_url) as session:
        first = export_services(session)
    assert all(schemas.record_errors("service", record) == [] for record in first)
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(first))
    with session_scope(pg_url) as session:
        report = import_oruk(session, str(feed))
    assert report.services == len(first)
    with session_scope(pg_url) as session:
        assert export_services(session) == first


def test_category_search_lists_the_kind_asked_for_first_on_postgres(pg_url):
    initialise(pg_url)
    with session_scope(pg_url) as session:
        cards = search_services(session, category="carers groups", near="Grimsby", limit=10)["results"]
        assert cards[0]["name"] == "Carers' Support Centre" and cards[0]["match"] == "main"
        assert [card["match"] for card in cards] == sorted((card["match"] for card in cards), key=["main", "also"].index)
        assert next(card for card in cards if card["name"] == "Carelink telecare")["match"] == "also"
        words = [card["category"] for card in search_services(session, q="carers", near="Grimsby", limit=20)["results"]]
        assert words[0] == "carers-support"
        meals = search_services(session, category="meals on wheels", near="Cleethorpes")["results"]
        assert meals and {card["category"] for card in meals} == {"meals-at-home"}


def test_district_only_services_on_postgres(pg_url):
    """QA F2 on PostgreSQL: the district filter and the "uncertain district last" order."""
    initialise(pg_url)
    pilot = "Carer health and wellbeing service (pilot)"
    with session_scope(pg_url) as session:
        assert search_services(session, category="carers-support", near="LE11")["results"] == []
        near_coalville = search_services(session, category="carers-support", near="Coalville")["results"]
        assert [card["name"] for card in near_coalville] == [pilot]
        assert near_coalville[0]["area_note"] == "Only for people in North West Leicestershire or Oadby and Wigston."
        county = [card["name"] for card in search_services(session, category="carers-support", near="Leicestershire")[
            "results"]]
        assert set(county) == {pilot, f"{pilot} - Oadby and Wigston"}
        frome = search_services(session, category="carers-support", near="BA11 1AA")
        assert frome["location"]["council"] == "somerset" and "Somerset Council" in frome["notice"]
