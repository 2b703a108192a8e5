"""The read-only ORUK 3.0 API, validated against the shipped ORUK JSON schemas with
jsonschema's Draft 2020-12 validator (list pages: wrapper against openapi.json's Page,
items against the record schema)."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from directory import schemas
from directory.db import dispose
from tests.directory.helpers import make_directory_app


@pytest.fixture(scope="module")
def oruk_app(tmp_path_factory):
    app, url = make_directory_app(tmp_path_factory.mktemp("oruk_app"))
    yield app
    dispose(url)


@pytest.fixture
def client(oruk_app):
    return oruk_app.test_client()


def test_validators_are_draft_2020_12():
    assert isinstance(schemas.validator("service"), Draft202012Validator)
    assert isinstance(schemas.page_validator(), Draft202012Validator)


def test_index(client):
    body = client.get("/oruk/").get_json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].startswith("https://")


def test_services_pages_validate(client):
    first = client.get("/oruk/services?per_page=50").get_json()
    assert schemas.page_errors("service", first) == []
    assert first["first_page"] is True and first["size"] == 50 and first["total_items"] > 100
    last = client.get(f"/oruk/services?per_page=50&page={first['total_pages']}").get_json()
    assert last["last_page"] is True
    assert schemas.page_errors("service", last) == []


def test_services_filtered_by_taxonomy_term_and_search(client):
    terms = client.get("/oruk/taxonomy_terms?per_page=100").get_json()
    assert schemas.page_errors("taxonomy_term", terms) == []
    telecare = next(term for term in terms["contents"] if term["code"] == "telecare")
    page = client.get(f"/oruk/services?taxonomy_term_id={telecare['id']}").get_json()
    assert page["total_items"] >= 4
    by_slug = client.get("/oruk/services?taxonomy_term_id=telecare").get_json()
    assert by_slug["total_items"] == page["total_items"]
    searched = client.get("/oruk/services?search=Carelink").get_json()
    assert [item["name"] for item in searched["contents"]] == ["Carelink telecare"]


def test_every_service_record_validates(client):
    page = client.get("/oruk/services?per_page=100").get_json()
    ids = [item["id"] for item in page["contents"]]
    page2 = client.get("/oruk/services?per_page=100&page=2").get_json()
    ids += [item["id"] for item in page2["contents"]]
    assert len(ids) == page["total_items"]
    for service_id in ids:
        response = client.get(f"/oruk/services/{service_id}")
        assert response.status_code == 200
        record = response.get_json()
        assert schemas.record_errors("service", record) == [], record["name"]
        assert record["x_signpost"]["council"]


def test_service_at_locations_by_postcode_and_proximity(client):
    page = client.get(
        "/oruk/service_at_locations?taxonomy_term_id=extra-care&postcode=BA1%201LZ&proximity=20000"
    ).get_json()
    assert schemas.page_errors("service_at_location", page) == []
    names = [item["service"]["name"] for item in page["contents"]]
    assert "Avondown House (extra care housing)" in names
    assert "Hawthorn Court (extra care housing)" in names  # Keynsham, about 10 km away
    assert "Greenacres Court (extra care housing)" not in names or page["total_items"] >= 5
    closer = client.get(
        "/oruk/service_at_locations?taxonomy_term_id=extra-care&postcode=BA1&proximity=2000"
    ).get_json()
    assert closer["total_items"] < page["total_items"]


@pytest.mark.parametrize(
    "url, status",
    [
        ("/oruk/services/not-a-real-id", 404),
        ("/oruk/services/" + "a" * 300, 404),
        ("/oruk/services?page=0", 400),
        ("/oruk/services?per_page=100000", 400),
        ("/oruk/services?search=%27%3B%20DROP%20TABLE%20service%3B--", 400),
        ("/oruk/services?taxonomy_term_id=nonsense", 400),
        ("/oruk/service_at_locations?postcode=NOTAPOSTCODE", 400),
        ("/oruk/service_at_locations?postcode=ZZ99%209ZZ", 404),
        ("/oruk/service_at_locations?proximity=1000", 400),
        ("/oruk/service_at_locations?postcode=PR1&proximity=abc", 400),
        ("/oruk/service_at_locations?postcode=PR1%00", 400),
    ],
)
def test_errors_are_json(client, url, status):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert body["error"] and isinstance(body["suggestions"], list)
