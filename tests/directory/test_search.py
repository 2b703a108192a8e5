import pytest

from directory.errors import InvalidQuery, UnknownCategory, UnknownPlace
from directory.search import search_services

RESULT_KEYS = {
    "id", "name", "organisation", "category", "description", "address", "postcode", "town", "council",
    "distance_km", "phone", "email", "url", "cost", "eligibility", "source", "is_sample", "match", "match_note",
    "area_note",
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


@pytest.mark.parametrize("near", ["CV99", "BA99 1AA", "PR27"])
def test_postcode_in_a_mixed_area_asks_for_the_town_and_nothing_else(sample_session, near):
    notice = search_services(sample_session, category="day-services", near=near)["notice"]
    assert "Tell me your town and I'll check." in notice
    # one thing to do: not "tell me your town" and "contact the local council" at once
    assert "contact" not in notice and "Most of" not in notice


def test_f4_frome_postcode_names_somerset_council_and_uses_frome(sample_session):
    """QA F4: "carers support BA11 1AA" said "Most of that area is outside... Tell me your town to
    be sure... Please contact the local council", at Bath's city-centre coordinates."""
    result = search_services(sample_session, category="carers-support", near="BA11 1AA")
    assert result["results"] == [] and result["national"]
    assert result["notice"] == (
        "BA11 1AA is a Frome area postcode. Frome is covered by Somerset Council, not by the areas Signpost covers "
        "(Lancashire, Leicestershire, North East Lincolnshire and Bath and North East Somerset). Please contact "
        "Somerset Council about adult social care. The national services below can help anyone.")
    location = result["location"]
    assert (location["council"], location["council_name"], location["covered"]) == (
        "somerset", "Somerset Council", False)
    assert (location["latitude"], location["longitude"]) == (51.228, -2.322)  # Frome, not Bath (51.3811, -2.359)


def test_f4_central_bath_postcode_shows_results_and_one_short_line(sample_session):
    """QA F4: "BA2 3DL" showed "Part of BA2 is in Somerset or Wiltshire." above a Bath result."""
    result = search_services(sample_session, category="carers-support", near="BA2 3DL")
    assert result["notice"] == (
        "If your BA2 address is in Somerset or Wiltshire, contact Somerset Council or Wiltshire Council instead.")
    assert [card["name"] for card in result["results"]] == ["Carers Support Service (B&NES Carers Centre)"]


def test_a_district_mostly_in_another_council_says_who_and_when_to_give_the_town(sample_session):
    result = search_services(sample_session, category="carers-support", near="LE2 5AA")
    assert result["results"] == []
    assert result["notice"] == (
        "Most of LE2 is covered by Leicester City Council, not by the areas Signpost covers (Lancashire, "
        "Leicestershire, North East Lincolnshire and Bath and North East Somerset). Please contact Leicester City "
        "Council about adult social care. If your LE2 address is in Leicestershire (for example Oadby), tell me "
        "your town and I'll search there. The national services below can help anyone.")


@pytest.mark.parametrize("near", ["BA11 1AA", "BA2 3DL", "LE2", "CV99", "FY4"])
def test_postcode_notices_have_a_staff_wording(near):
    from directory.places import resolve_place
    from directory.search import place_notice

    staff = place_notice(resolve_place(near), mode="staff")
    assert "caller" in staff
    assert "Please contact" not in staff and "tell me" not in staff.lower() and "I'll" not in staff


# ------------------------------------------------------------------ services for some districts only (F2)

PILOT = "Carer health and wellbeing service (pilot)"
PILOT_OADBY = "Carer health and wellbeing service (pilot) - Oadby and Wigston"


@pytest.mark.parametrize("near", ["LE11", "Loughborough", "LE11 3TU", "Charnwood", "Melton Mowbray", "Hinckley"])
def test_f2_district_only_services_are_left_out_of_other_districts(sample_session, near):
    """QA F2: carers' support near LE11 (Loughborough, Charnwood) listed two pilots that are only for
    North West Leicestershire or Oadby and Wigston."""
    result = search_services(sample_session, category="carers-support", near=near)
    names = [card["name"] for card in result["results"]]
    assert PILOT not in names and PILOT_OADBY not in names
    assert result["total"] == len(names)
    assert "Carers UK Helpline" in [card["name"] for card in result["national"]]


@pytest.mark.parametrize(
    "near, expected",
    [("Coalville", [PILOT]), ("LE67", [PILOT]), ("NW Leics", [PILOT]), ("Oadby", [PILOT_OADBY, PILOT]),
     ("Wigston", [PILOT_OADBY, PILOT])],
)
def test_f2_district_only_services_are_listed_in_their_districts(sample_session, near, expected):
    result = search_services(sample_session, category="carers-support", near=near)
    assert [card["name"] for card in result["results"]] == expected
    notes = {card["name"]: card["area_note"] for card in result["results"]}
    assert notes[PILOT] == "Only for people in North West Leicestershire or Oadby and Wigston."
    if PILOT_OADBY in notes:
        assert notes[PILOT_OADBY] == "Only for people in Oadby and Wigston."


def test_cards_of_services_for_the_whole_council_have_no_area_note(sample_session):
    result = search_services(sample_session, category="carers-support", near="Preston")
    assert result["results"] and all(card["area_note"] is None for card in result["results"])


def _carers_service(session, key, town, areas=None, council="leicestershire"):
    from directory.records import add_service

    record = {"key": key, "name": f"Test carers group {key}", "category": "carers-support", "town": town}
    if areas is not None:
        record["areas"] = areas
    return add_service(session, record, council=council)


def test_when_the_district_is_not_certain_district_only_services_come_after_the_rest(empty_session):
    _carers_service(empty_session, "nwl", "Coalville", ["North West Leicestershire"])
    _carers_service(empty_session, "county", "Hinckley")  # further from Coalville, open to the whole county
    _carers_service(empty_session, "charnwood", "Loughborough", ["Charnwood"])
    empty_session.flush()

    def names(near):
        return [card["name"] for card in search_services(empty_session, category="carers-support", near=near)["results"]]

    assert names("Coalville") == ["Test carers group nwl", "Test carers group county"]  # certain: by distance
    assert names("Loughborough") == ["Test carers group charnwood", "Test carers group county"]
    # LE67 spans North West Leicestershire, Hinckley and Bosworth and Charnwood: both districts' services
    # stay in, after the service for everyone
    assert names("LE67") == ["Test carers group county", "Test carers group nwl", "Test carers group charnwood"]
    assert names("Leicestershire")[0] == "Test carers group county"
    assert names("Hinckley") == ["Test carers group county"]
    assert search_services(empty_session, category="carers-support", near="Hinckley")["total"] == 1


def test_a_district_only_service_without_an_address_is_filtered_too(empty_session):
    from directory.records import add_service

    add_service(empty_session, {"key": "x", "name": "Area-wide NWL helpline", "category": "carers-support",
                                "areas": "North West Leicestershire"}, council="leicestershire")
    empty_session.flush()
    assert search_services(empty_session, category="carers-support", near="Coalville")["total"] == 1
    assert search_services(empty_session, category="carers-support", near="Loughborough")["total"] == 0


def test_areas_must_be_districts_of_the_council(empty_session):
    with pytest.raises(ValueError, match="not a district of leicestershire"):
        _carers_service(empty_session, "typo", "Coalville", ["North Leicestershire"])
    with pytest.raises(ValueError, match="not a district"):
        _carers_service(empty_session, "wrong-council", "Preston", ["Charnwood"], council="lancashire")


def test_words_search_respects_districts_too(sample_session):
    result = search_services(sample_session, q="pilot", near="Loughborough")
    assert PILOT not in [card["name"] for card in result["results"]]
    assert PILOT in [card["name"] for card in search_services(sample_session, q="pilot", near="Coalville")["results"]]


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
