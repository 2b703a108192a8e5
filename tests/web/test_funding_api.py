"""POST /api/funding/estimate through the Flask test client."""

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.funding import OUTPUT_KEYS
from web import config as web_config
from web.app import create_app

URL = "/api/funding/estimate"
GOOD = {"nation": "england", "care_setting": "care_home", "savings": 15750, "weekly_income": 200, "year": "2025/26"}


@pytest.fixture(scope="module")
def app():
    config = web_config.TestConfig()
    config.RATE_LIMIT = "100000 per minute"  # these tests send many requests; rate limits are tested elsewhere
    config.REDIS_URL = ""  # count in this process only, never in the shared Redis
    config.FUNDING_TODAY = date(2026, 11, 25)
    return create_app(config)


@pytest.fixture
def client(app):
    return app.test_client()


def post_raw(client, body, content_type="application/json"):
    return client.post(URL, data=body, content_type=content_type)


def test_estimate_as_json(client):
    response = client.post(URL, json=GOOD)
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == set(OUTPUT_KEYS)
    assert body["upper_capital_limit"] == 23250
    assert body["lower_capital_limit"] == 14250
    assert body["capital_assessed"] == 15750
    assert body["tariff_income_weekly"] == 6
    assert body["estimated_weekly_contribution"] == 175.35
    assert body["likely_to_pay_full_cost"] is False
    assert body["year"] == "2025/26"
    assert "This is an estimate, not a financial assessment." in body["explanation"]
    assert all(source["url"].startswith("http") for source in body["sources"])
    assert response.headers["Cache-Control"] == "no-store"


def test_numeric_strings_are_accepted(client):
    body = client.post(URL, json={**GOOD, "savings": "£15,750", "weekly_income": "200.00"}).get_json()
    assert body["tariff_income_weekly"] == 6


def test_year_defaults_to_today(client):
    body = client.post(URL, json={key: value for key, value in GOOD.items() if key != "year"}).get_json()
    assert (body["year"], body["figures_year"], body["figures_status"]) == ("2026/27", "2025/26", "not_yet_confirmed")


def test_decimal_precision_is_kept(client):
    response = post_raw(client, '{"nation": "england", "care_setting": "care_home", "savings": 14250.01}')
    assert response.get_json()["tariff_income_weekly"] == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"savings": -1}, "less than £0"),
        ({"savings": "abc"}, "amount in pounds"),
        ({"savings": True}, "amount in pounds"),
        ({"savings": 10**12}, "too big"),
        ({"savings": "£100,000,001"}, "too big"),
        ({"nation": "atlantis"}, "England, Wales, Scotland or Northern Ireland"),
        ({"care_setting": "moon"}, "care_home"),
        ({"nation": None}, "Please tell us the nation"),
        ({"year": "2019/20"}, "We only hold"),
        ({"owns_home": "perhaps"}, "yes or no"),
        ({"weekly_income": {"a": 1}}, "amount in pounds"),
    ],
)
def test_bad_fields_get_400(client, change, words):
    data = {**GOOD, **change}
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(URL, json=data)
    assert response.status_code == 400
    assert words in response.get_json()["error"]


def test_missing_fields_get_400(client):
    response = client.post(URL, json={"nation": "england", "care_setting": "home"})
    assert response.status_code == 400
    assert "savings" in response.get_json()["error"]


@pytest.mark.parametrize(
    ("body", "content_type", "words"),
    [
        ('{"nation": "england", "care_setting": "home", "savings": NaN}', "application/json", "could not read"),
        ('{"nation": "england", "care_setting": "home", "savings": Infinity}', "application/json", "could not read"),
        ('{"nation": "england", "care_setting": "home", "savings": -Infinity}', "application/json", "could not read"),
        ('{"nation": "england", "care_setting": "home", "savings": 1e400}', "application/json", "too big"),
        ('{"nation": "england", "care_setting": "home", "savings": ' + "9" * 5000 + "}", "application/json",
         "could not read"),
        ("{not json", "application/json", "could not read"),
        ("", "application/json", "could not read"),
        ("\xff\xfe", "application/json", "could not read"),
        ("[1, 2]", "application/json", "JSON object"),
        ('"england"', "application/json", "JSON object"),
        ("null", "application/json", "JSON object"),
        ("[" * 5000 + "]" * 5000, "application/json", "could not read"),
        (json.dumps(GOOD), "text/plain", "Content-Type: application/json"),
        (json.dumps(GOOD), "application/x-www-form-urlencoded", "Content-Type: application/json"),
        (json.dumps({**GOOD, "padding": "x" * 20000}), "application/json", "too big"),
        (json.dumps({**GOOD, "padding": "x" * 200000}), "application/json", "too big"),
    ],
)
def test_bad_bodies_get_400(client, body, content_type, words):
    response = post_raw(client, body.encode("utf-8", "surrogateescape") if isinstance(body, str) else body,
                        content_type)
    assert response.status_code == 400
    assert words in response.get_json()["error"]


def test_invalid_utf8_gets_400(client):
    response = post_raw(client, b'{"nation": "\xff"}')
    assert response.status_code == 400


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=10,
)
field_names = st.sampled_from(["nation", "care_setting", "savings", "joint_savings", "owns_home", "home_value",
                               "partner_or_relative_in_home", "weekly_income", "year", "age"])


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.dictionaries(field_names, json_values, max_size=6))
def test_any_json_object_gets_200_or_400_never_500(client, data):
    response = client.post(URL, json={**GOOD, **data})
    assert response.status_code in (200, 400)
    body = response.get_json()
    assert ("error" in body) is (response.status_code == 400)
