import pytest

from directory.errors import InvalidQuery, UnknownCategory, UnknownPlace
from directory.search import search_services

RESULT_KEYS = {
    "id", "name", "organisation", "category", "description", "address", "postcode", "town", "council",
    "distance_km", "phone", "email", "url", "cost", "eligibility", "source", "is_sample", "match", "match_note",
}


def test_result_shape(sample_session):
    result = search_services(sample_session, category="day-services", near="Preston")
    assert set(result) >= {"location", "results", "total", "national"}
    assert set(result["location"]) >= {"name", "kind", "latitude", "longitude", "council", "postcode"}
    assert result["location"]["council"] == "lancashire"
    for card in result["results"] + result["national"]:
        assert set(card) >= RESULT_KEYS


def test_located_results_are_ranked_by_distance(sample_session):
    result = search_services(sample_session, category="day-services", near="Preston", radius_km=60, limit=50)
    located = [card for card in result["results"] if card["distance_km"] is not None and card["match"] == "main"]
    distances = [card["distance_km"] for card in located]
    assert distances == sorted(distances)
    assert located[0]["town"] == "Preston" and located[0]["distance_km"] < 1
    assert {card["town"] for card in located} >= {"Preston", "Chorley", "St Annes", "Lancaster", "Burnley"}
    assert all(card["council"] == "lancashire" for card in result["results"])
    assert result["total"] == len(result["results"])


def test_real_records_come_before_sample_records(sample_session):
    result = search_services(sample_session, category="day-services", near="Preston", limit=50)
    for match in ("main", "also"):  # within the services of the kind asked for, and within the others
        flags = [card["is_sample"] for card in result["results"] if card["match"] == match]
        assert flags == sorted(flags)
    assert result["results"][0]["is_sample"] is False


def test_radius_filters_far_services(sample_session):
    near = search_services(sample_session, category="day-services", near="Preston", radius_km=5, limit=50)
    far = search_services(sample_session, category="day-services", near="Preston", radius_km=80, limit=50)
    towns_near = {card["town"] for card in near["results"] if card["distance_km"] is not None}
    assert towns_near == {"Preston"}
    assert far["total"] > near["total"]
    assert all(card["distance_km"] <= 80 for card in far["results"] if card["distance_km"] is not None)


def test_postcode_search_matches_town_search(sample_session):
    by_postcode = search_services(sample_session, category="extra-care", near="ba1 1lz")
    assert by_postcode["location"]["postcode"] == "BA1 1LZ"
    assert by_postcode["location"]["kind"] == "postcode"
    names = [card["name"] for card in by_postcode["results"]]
    assert "Avondown House (extra care housing)" in names


def test_limit_offset_and_total(sample_session):
    everything = search_services(sample_session, near="Grimsby", limit=50)
    first = search_services(sample_session, near="Grimsby", limit=3)
    second = search_services(sample_session, near="Grimsby", limit=3, offset=3)
    assert len(first["results"]) == 3
    assert first["total"] == second["total"] == everything["total"]
    assert [c["id"] for c in first["results"] + second["results"]] == [c["id"] for c in everything["results"][:6]]


def test_everyday_words_in_q_find_the_category(sample_session):
    result = search_services(sample_session, q="pendant alarm", near="Lancaster", radius_km=100)
    assert "Lancashire County Council Telecare" in [card["name"] for card in result["results"]]
    assert result["national"]


def test_category_accepts_names_and_synonyms(sample_session):
    by_slug = search_services(sample_session, category="telecare", near="Grimsby")
    by_word = search_services(sample_session, category="Lifeline", near="Grimsby")
    assert [c["id"] for c in by_slug["results"]] == [c["id"] for c in by_word["results"]]


def test_national_services_fill_gaps(sample_session):
    result = search_services(sample_session, category="carers-support", near="Bath")
    assert "Carers UK Helpline" in [card["name"] for card in result["national"]]
    assert all(card["council"] == "national" for card in result["national"])


@pytest.mark.parametrize("near", ["Blackpool", "Blackburn", "Leicester", "FY1 1AA"])
def test_places_outside_the_covered_areas_get_a_clear_answer(sample_session, near):
    result = search_services(sample_session, category="day-services", near=near)
    assert result["results"] == [] and result["total"] == 0
    assert result["location"]["covered"] is False
    assert "not by the areas Signpost covers" in result["notice"]
    assert result["national"]


@pytest.mark.parametrize(
    "near, council_name",
    [("Manchester", "Manchester City Council"), ("Coventry", "Coventry City Council"),
     ("Leeds", "Leeds City Council"), ("Cardiff", "Cardiff Council"), ("Glasgow", "Glasgow City Council")],
)
def test_towns_outside_our_areas_name_their_council(sample_session, near, council_name):
    result = search_services(sample_session, category="home-care", near=near)
    assert result["results"] == [] and result["national"]
    notice = result["notice"]
    assert notice.startswith(f"{near} is covered by {council_name}, not by the areas Signpost covers")
    assert "Lancashire" in notice and "national services" in notice


@pytest.mark.parametrize("near", ["Cardiff", "Edinburgh", "Belfast", "CF10 1AA", "EH1", "BT1"])
def test_wales_scotland_and_northern_ireland_notices_say_the_rules_differ(sample_session, near):
    notice = search_services(sample_session, category="home-care", near=near)["notice"]
    assert "different" in notice


def test_english_places_outside_our_areas_do_not_mention_other_nations(sample_session):
    notice = search_services(sample_session, category="home-care", near="Manchester")["notice"]
    assert "Wales" not in notice and "Scotland" not in notice


@pytest.mark.parametrize("near, town", [("M1", "Manchester"), ("B1 1AA", "Birmingham"), ("LS1", "Leeds")])
def test_outward_postcodes_outside_our_areas_are_not_unknown_places(sample_session, near, town):
    result = search_services(sample_session, category="day-services", near=near)
    assert result["location"]["covered"] is False
    assert f"{town} area postcode" in result["notice"]
    assert "Please contact the local council" in result["notice"]
    assert result["national"]


def test_postcode_in_a_mixed_area_asks_for_the_town(sample_session):
    notice = search_services(sample_session, category="day-services", near="CV1")["notice"]
    assert "Tell me your town" in notice


def test_unknown_place_raises_with_suggestions_and_national_services(sample_session):
    with pytest.raises(UnknownPlace) as caught:
        search_services(sample_session, category="telecare", near="Prestn")
    assert "Preston" in caught.value.suggestions
    assert caught.value.national
    assert caught.value.status == 404


def test_unknown_category_raises_with_suggestions(sample_session):
    with pytest.raises(UnknownCategory) as caught:
        search_services(sample_session, category="day cen")
    assert "day-services" in caught.value.suggestions


def test_a_close_misspelling_of_a_category_is_understood(sample_session):
    result = search_services(sample_session, category="day centr", near="Preston")
    assert all(card["category"] == "day-services" for card in result["results"]) and result["results"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"near": "Preston'; DROP TABLE service;--"},
        {"q": "' OR 1=1 --"},
        {"q": "x UNION SELECT name FROM sqlite_master"},
        {"near": "a" * 10_000},
        {"q": "b" * 201},
        {"near": "Pre\x00ston"},
        {"near": "Preston\u202e"},
        {"q": "zero\u200bwidth"},
        {"near": "🙂🙂"},
        {"radius_km": "abc", "near": "Bath"},
        {"radius_km": "nan", "near": "Bath"},
        {"radius_km": "-1", "near": "Bath"},
        {"radius_km": "0", "near": "Bath"},
        {"radius_km": "10"},
        {"limit": "0"},
        {"limit": "51"},
        {"limit": "1.5"},
        {"offset": "-1"},
        {"category": ["telecare"]},
    ],
)
def test_hostile_or_bad_input_is_rejected_cleanly(sample_session, kwargs):
    with pytest.raises(InvalidQuery) as caught:
        search_services(sample_session, **kwargs)
    assert caught.value.message and caught.value.status == 400


def test_accented_and_other_alphabet_text_is_searched_not_rejected(sample_session):
    result = search_services(sample_session, q="café")
    assert "results" in result
    with pytest.raises(UnknownPlace):
        search_services(sample_session, near="Łódź")


def test_no_filters_lists_local_services_only(sample_session):
    result = search_services(sample_session, limit=50)
    assert result["location"] is None
    assert all(card["council"] != "national" for card in result["results"])
    assert result["total"] > 100


@pytest.mark.parametrize(
    "km, unit, words",
    [(0.0, "km", "less than 1 km away"), (0.04, "km", "less than 1 km away"), (0.96, "km", "less than 1 km away"),
     (1.0, "km", "about 1 km away"), (2.4, "km", "about 2 km away"), (2.5, "km", "about 3 km away"),
     (12.26, "km", "about 12 km away"), (0.5, "miles", "less than 1 mile away"),
     (1.7, "miles", "about 1 mile away"), (5.0, "miles", "about 3 miles away"),
     (None, "km", ""), ("x", "km", ""), (-1, "km", ""), (float("nan"), "km", "")],
)
def test_distance_words_never_say_zero_km(km, unit, words):
    from directory.geo import distance_words

    assert distance_words(km, unit) == words


@pytest.mark.parametrize("near", ["Manchester", "M1"])
def test_outside_area_notice_has_a_staff_wording(near):
    from directory.places import resolve_place
    from directory.search import outside_area_notice

    staff = outside_area_notice(resolve_place(near), mode="staff")
    assert "Refer the caller to" in staff and "Please contact" not in staff
    assert "Please contact" in outside_area_notice(resolve_place(near))
