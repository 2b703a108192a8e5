"""/api/services and /api/categories through Flask's test client, on a real SQLite
database built by the directory migrations and sample data."""

from __future__ import annotations

import pytest

from directory.db import dispose
from tests.directory.helpers import make_directory_app

RESULT_KEYS = {
    "id", "name", "organisation", "category", "description", "address", "postcode", "town", "council",
    "distance_km", "phone", "email", "url", "cost", "eligibility", "source", "is_sample",
}


@pytest.fixture(scope="module")
def directory_app(tmp_path_factory):
    app, url = make_directory_app(tmp_path_factory.mktemp("directory_app"))
    yield app
    dispose(url)


@pytest.fixture
def client(directory_app):
    return directory_app.test_client()


def assert_error(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    body = response.get_json()
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["suggestions"], list)
    return body


def test_services_near_a_town(client):
    response = client.get("/api/services?category=day-services&near=Preston&radius_km=60&limit=10")
    assert response.status_code == 200
    body = response.get_json()
    assert body["location"]["name"] == "Preston" and body["location"]["council"] == "lancashire"
    assert set(body["location"]) >= {"name", "kind", "latitude", "longitude", "council", "postcode"}
    assert body["results"] and body["total"] >= len(body["results"])
    for card in body["results"]:
        assert set(card) >= RESULT_KEYS
    distances = [c["distance_km"] for c in body["results"] if c["distance_km"] is not None]
    assert distances == sorted(distances)


def test_services_by_postcode_any_spacing(client):
    a = client.get("/api/services?category=telecare&near=le113tu").get_json()
    b = client.get("/api/services?category=telecare&near=LE11%203TU").get_json()
    assert a["location"]["postcode"] == b["location"]["postcode"] == "LE11 3TU"
    assert [c["id"] for c in a["results"]] == [c["id"] for c in b["results"]]


def test_outside_area_answer(client):
    body = client.get("/api/services?category=day-services&near=Blackpool").get_json()
    assert body["results"] == [] and body["national"]
    assert "Blackpool Council" in body["notice"]


def test_categories(client):
    response = client.get("/api/categories")
    assert response.status_code == 200
    categories = response.get_json()["categories"]
    assert [c["slug"] for c in categories[:5]] == [
        "day-services", "carers-support", "telecare", "direct-payments", "extra-care"]
    assert all(c["synonyms"] and c["description"] for c in categories)
    one = client.get("/api/categories/telecare").get_json()
    assert "pendant alarm" in one["synonyms"]


def test_unknown_place_is_404_with_suggestions(client):
    body = assert_error(client.get("/api/services?category=telecare&near=Prestn"), 404)
    assert "Preston" in body["suggestions"]
    assert body["national"]


def test_unknown_category_is_400_with_suggestions(client):
    body = assert_error(client.get("/api/services?category=day%20cen&near=Preston"), 400)
    assert "day-services" in body["suggestions"]


def test_unknown_category_page_is_404(client):
    assert_error(client.get("/api/categories/not-a-category"), 404)
    assert_error(client.get("/api/categories/" + "x" * 500), 404)


@pytest.mark.parametrize(
    "query",
    [
        "near=Preston%27%3B%20DROP%20TABLE%20service%3B--",
        "q=%27%20OR%201%3D1%20--",
        "q=1%20UNION%20SELECT%20name%20FROM%20sqlite_master",
        "near=" + "a" * 10_000,
        "q=" + "b" * 300,
        "near=Pre%00ston",
        "q=%00",
        "near=%E2%80%AEnotsuspicious",
        "near=%F0%9F%99%82",
        "near=%FF%FE",
        "q=%ED%A0%80",
        "radius_km=abc&near=Bath",
        "radius_km=1e309&near=Bath",
        "radius_km=-5&near=Bath",
        "radius_km=10",
        "limit=0",
        "limit=9999",
        "limit=abc",
        "offset=-1",
        "category=telecare&category=respite",
    ],
)
def test_hostile_input_gets_400_never_500(client, query):
    assert_error(client.get("/api/services?" + query), 400)


def test_empty_parameters_are_treated_as_not_given(client):
    response = client.get("/api/services?category=&near=&q=")
    assert response.status_code == 200
    assert response.get_json()["location"] is None


def test_database_down_is_503_json(tmp_path):
    from web.app import create_app
    from web.config import TestConfig as WebTestConfig

    config = WebTestConfig()
    config.DATABASE_URL = f"sqlite:///{tmp_path / 'missing-dir' / 'nope.db'}"
    config.REDIS_URL = ""
    config.SECRET_KEY = "x"
    client = create_app(config).test_client()
    response = client.get("/api/services?category=telecare&near=Preston")
    assert response.status_code == 503
    assert response.get_json()["error"]


@pytest.mark.parametrize("near, expected", [("Manchester", "Manchester City Council"), ("CV1", "Coventry area postcode"),
                                            ("Cardiff", "Wales has its own social care law")])
def test_outside_area_answers_for_towns_and_postcodes_across_the_uk(client, near, expected):
    response = client.get(f"/api/services?category=home-care&near={near}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["results"] == [] and body["national"]
    assert body["location"]["covered"] is False
    assert expected in body["notice"]
