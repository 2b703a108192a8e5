import csv
import re

import pytest

from directory import places
from directory.places import COVERED_COUNCILS, all_place_names, resolve_place, suggest_places


@pytest.mark.parametrize(
    "text, council",
    [
        ("Preston", "lancashire"),
        ("preston", "lancashire"),
        ("PRESTON", "lancashire"),
        ("St Annes", "lancashire"),
        ("St Anne's", "lancashire"),
        ("Saint Annes", "lancashire"),
        ("Lytham St Annes", "lancashire"),
        ("Lytham St. Annes", "lancashire"),
        ("Grimsby", "north-east-lincolnshire"),
        ("Cleethorpes", "north-east-lincolnshire"),
        ("Bath", "bath-and-north-east-somerset"),
        ("Keynsham", "bath-and-north-east-somerset"),
        ("Loughborough", "leicestershire"),
        ("Market Harborough", "leicestershire"),
        ("Melton Mowbray", "leicestershire"),
        ("Hinckley", "leicestershire"),
        ("Coalville", "leicestershire"),
        ("Preston, Lancashire", "lancashire"),
        ("near Lancaster", "lancashire"),
        ("B&NES", "bath-and-north-east-somerset"),
        ("PR1", "lancashire"),
        ("pr2 9hq", "lancashire"),
        ("FY8", "lancashire"),
        ("L40", "lancashire"),
        ("WN8 6AA", "lancashire"),
        ("LE11 3TU", "leicestershire"),
        ("LE67", "leicestershire"),
        ("DN31", "north-east-lincolnshire"),
        ("DN40 1AA", "north-east-lincolnshire"),
        ("BS31", "bath-and-north-east-somerset"),
        ("BA3", "bath-and-north-east-somerset"),
        ("BS40", "bath-and-north-east-somerset"),
    ],
)
def test_known_places_resolve_to_their_council(text, council):
    place = resolve_place(text)
    assert place is not None, text
    assert place.council == council
    assert place.covered


@pytest.mark.parametrize(
    "text, council",
    [
        ("Blackpool", "blackpool"),
        ("FY1", "blackpool"),
        ("Blackburn", "blackburn-with-darwen"),
        ("Darwen", "blackburn-with-darwen"),
        ("BB2 1AA", "blackburn-with-darwen"),
        ("Leicester", "leicester"),
        ("LE1 5WW", "leicester"),
        ("Southport", "sefton"),
    ],
)
def test_neighbouring_unitary_councils_are_not_mapped_to_the_county(text, council):
    place = resolve_place(text)
    assert place is not None
    assert place.council == council
    assert not place.covered
    assert place.council_name
    assert place.council not in COVERED_COUNCILS


@pytest.mark.parametrize("text", ["Narnia", "", "   ", "ZZ99 9ZZ", "Manchester Airport Terminal 9"])
def test_unknown_places_resolve_to_none(text):
    assert resolve_place(text) is None


def test_postcode_place_keeps_the_full_postcode():
    place = resolve_place("pr12he")
    assert place.kind == "postcode"
    assert place.postcode == "PR1 2HE"
    assert place.outward == "PR1"
    assert place.to_dict()["postcode"] == "PR1 2HE"


def test_suggestions_for_a_misspelt_town():
    assert "Preston" in suggest_places("Prestn")
    assert "Loughborough" in suggest_places("Loughbrough")
    assert suggest_places("qqqqqqqq") == []


def test_all_place_names_lists_towns_and_aliases():
    names = all_place_names()
    for name in ("Preston", "Lytham St Annes", "St Annes", "Grimsby", "Bath", "Melton Mowbray", "B&NES"):
        assert name in names
    assert names == sorted(set(names), key=str.lower)


def test_gazetteer_rows_are_well_formed():
    with (places.DATA / "places.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    districts = [row for row in rows if row["kind"] == "postcode_district"]
    assert len(rows) - len(districts) > 100 and len(districts) > 60
    for row in rows:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        if row["council"] in COVERED_COUNCILS:
            assert 50.0 < lat < 55.5 and -3.5 < lon < 0.5, row
        else:  # anywhere in the UK
            assert 49.8 < lat < 61.0 and -8.3 < lon < 1.8, row
        assert row["kind"] in {"county", "district", "town", "postcode_district"}, row
        assert places.council_name(row["council"]) == row["council_name"], row
        assert row["nation"] in {"", "wales", "scotland", "northern-ireland"}, row
        if row["council"] not in COVERED_COUNCILS:
            assert row["note"] or row["shared_with"], row  # outside areas always explain themselves
        for name in filter(None, row["districts"].split("|")):
            assert places.district_for(row["council"], name), row  # a district row of the same council
        for slug in filter(None, row["shared_with"].split("|")):
            assert slug != row["council"] and places.council_name(slug), row
        if row["shared_with"]:
            assert row["kind"] == "postcode_district" and not row["note"], row  # the note is made from it
    for row in districts:
        assert places.parse_postcode(row["outward"]).outward == row["outward"] == row["name"]
    for outward in ("PR1", "PR2", "PR3", "PR4", "PR5", "LA1", "FY5", "FY8", "BB7", "L39", "L40", "WN8", "LE11",
                    "LE67", "DN31", "DN32", "DN33", "DN34", "DN35", "DN36", "DN37", "DN40", "BA1", "BA2", "BS31",
                    "BA3", "BS39", "BS40"):
        assert outward in places.known_outward_codes()


@pytest.mark.parametrize(
    "text, council, council_name",
    [
        ("Manchester", "manchester", "Manchester City Council"),
        ("coventry", "coventry", "Coventry City Council"),
        ("Birmingham", "birmingham", "Birmingham City Council"),
        ("London", "london", "your London borough council"),
        ("Leeds", "leeds", "Leeds City Council"),
        ("Liverpool", "liverpool", "Liverpool City Council"),
        ("Sheffield", "sheffield", "Sheffield City Council"),
        ("Nottingham", "nottingham", "Nottingham City Council"),
        ("Bristol", "bristol", "Bristol City Council"),
        ("Hull", "hull", "Hull City Council"),
        ("Kingston upon Hull", "hull", "Hull City Council"),
        ("Lincoln", "lincolnshire", "Lincolnshire County Council"),
        ("Scunthorpe", "north-lincolnshire", "North Lincolnshire Council"),
        ("Derby", "derby", "Derby City Council"),
        ("Northampton", "west-northamptonshire", "West Northamptonshire Council"),
        ("Swindon", "swindon", "Swindon Borough Council"),
        ("Wigan", "wigan", "Wigan Council"),
        ("Bolton", "bolton", "Bolton Council"),
        ("Kendal", "westmorland-and-furness", "Westmorland and Furness Council"),
        ("Barrow-in-Furness", "westmorland-and-furness", "Westmorland and Furness Council"),
        ("Newcastle", "newcastle", "Newcastle City Council"),
        ("Stoke", "stoke-on-trent", "Stoke-on-Trent City Council"),
        ("Kent", "kent", "Kent County Council"),
        ("near Wells", "somerset", "Somerset Council"),
    ],
)
def test_towns_across_england_resolve_to_their_own_council(text, council, council_name):
    place = resolve_place(text)
    assert place is not None, text
    assert (place.council, place.council_name) == (council, council_name)
    assert not place.covered
    assert place.nation == "england" and place.nation_note == ""
    assert place.note


@pytest.mark.parametrize(
    "text, nation",
    [
        ("Cardiff", "wales"), ("Swansea", "wales"), ("Wrexham", "wales"), ("Wales", "wales"),
        ("Edinburgh", "scotland"), ("Glasgow", "scotland"), ("Aberdeen", "scotland"),
        ("Belfast", "northern-ireland"), ("Derry", "northern-ireland"), ("Londonderry", "northern-ireland"),
    ],
)
def test_wales_scotland_and_northern_ireland_say_the_rules_differ(text, nation):
    place = resolve_place(text)
    assert place is not None and not place.covered
    assert place.nation == nation
    assert "different" in place.nation_note and place.nation_note in place.note
    assert place.to_dict()["nation"] == nation


@pytest.mark.parametrize(
    "text, town",
    [("M1", "Manchester"), ("m1 1ae", "Manchester"), ("B1", "Birmingham"), ("LS1", "Leeds"), ("ls1 4ap", "Leeds"),
     ("CV99", "Coventry"), ("SW1A 1AA", "South West London"), ("EC1", "Central London"), ("G1", "Glasgow"),
     ("EH1 1YZ", "Edinburgh"), ("CF10", "Cardiff"), ("BT1", "Belfast"), ("NE1", "Newcastle upon Tyne")],
)
def test_postcodes_outside_the_listed_districts_resolve_by_their_area(text, town):
    place = resolve_place(text)
    assert place is not None, text
    assert place.kind == "postcode" and not place.covered
    assert place.council == places.OUTSIDE_AREA
    assert f"{town} area postcode" in place.note


@pytest.mark.parametrize("text", ["PR27", "LE99", "DN99", "BS99", "BA99 1AA"])
def test_unlisted_districts_in_a_mixed_area_ask_for_the_town(text):
    place = resolve_place(text)
    assert place is not None and not place.covered
    assert place.ask_town and place.council == places.OUTSIDE_AREA
    # a statement of fact for the summary too; the search notice adds "Tell me your town"
    assert "some are not" in place.note and "Tell me" not in place.note and "Most of" not in place.note


@pytest.mark.parametrize(
    "text, town, council, council_name",
    [("BA11 1AA", "Frome", "somerset", "Somerset Council"), ("ba11", "Frome", "somerset", "Somerset Council"),
     ("BA12 9AA", "Warminster", "wiltshire", "Wiltshire Council"),
     ("CV1", "Coventry", "coventry", "Coventry City Council"),
     ("BS23 1AA", "Weston-super-Mare", "north-somerset", "North Somerset Council")],
)
def test_a_district_that_a_town_names_resolves_to_that_town_not_the_area_centre(text, town, council, council_name):
    """BA11 is Frome's postcode district (places.csv): Somerset Council and Frome's centre, not
    "somewhere in the Bath area" at Bath's city-centre coordinates."""
    place = resolve_place(text)
    row = next(row for row in places._rows() if row["name"] == town)
    assert (place.council, place.council_name, place.post_town) == (council, council_name, town)
    assert (place.latitude, place.longitude) == (float(row["latitude"]), float(row["longitude"]))
    assert not place.covered and not place.ask_town and place.kind == "postcode"
    assert place.note == f"{place.name} is a {town} area postcode."


def test_a_district_shared_by_towns_of_different_councils_is_not_guessed():
    rows = [row for row in places._rows() if row["kind"] == "town" and row["outward"] == "BA11"]
    assert {row["council"] for row in rows} == {"somerset"}
    assert places._post_town("BA11")["name"] == "Frome"
    assert places._post_town("LE12") is None  # a covered council's district: never guessed from towns


@pytest.mark.parametrize(
    "text, note",
    [("BA2 3DL", "If your BA2 address is in Somerset or Wiltshire, contact Somerset Council or Wiltshire Council "
                 "instead."),
     ("BA3", "If your BA3 address is in Somerset, contact Somerset Council instead."),
     ("DE12", "If your DE12 address is in Derbyshire, contact Derbyshire County Council instead."),
     ("DN40 1AA", "If your DN40 address is in North Lincolnshire, contact North Lincolnshire Council instead."),
     ("OL12", "If your OL12 address is in Rochdale, contact Rochdale Borough Council instead.")],
)
def test_a_covered_district_that_another_council_shares_says_who_to_contact(text, note):
    place = resolve_place(text)
    assert place.covered
    assert place.note == note


@pytest.mark.parametrize(
    "text, most, example",
    [("LE2 5AA", "Most of LE2 is covered by Leicester City Council.", " (for example Oadby)"),
     ("LE3", "Most of LE3 is covered by Leicester City Council.", " (for example Glenfield or Braunstone Town)"),
     ("FY4", "Most of FY4 is covered by Blackpool Council.", ""),
     ("BB1", "Most of BB1 is covered by Blackburn with Darwen Borough Council.", "")],
)
def test_a_district_mostly_in_another_council_says_so_and_asks_for_the_town_only_for_our_part(text, most, example):
    place = resolve_place(text)
    assert not place.covered and place.note.startswith(most)
    area = "Leicestershire" if text.startswith("LE") else "Lancashire"
    assert place.note.endswith(f"address is in {area}{example}, tell me your town and I'll search there.")


@pytest.mark.parametrize(
    "text, districts",
    [("Loughborough", ("charnwood",)), ("LE11", ("charnwood",)), ("le11 3tu", ("charnwood",)),
     ("Coalville", ("north-west-leicestershire",)), ("Charnwood", ("charnwood",)),
     ("NW Leics", ("north-west-leicestershire",)), ("Oadby", ("oadby-and-wigston",)),
     ("LE67", ("north-west-leicestershire", "hinckley-and-bosworth", "charnwood")),
     ("Leicestershire", ()), ("Preston", ("preston",)), ("Morecambe", ("lancaster",)), ("Grimsby", ()),
     ("Bath", ())],
)
def test_places_know_their_district(text, districts):
    assert resolve_place(text).districts == districts


def test_every_town_and_postcode_district_of_a_two_tier_council_has_a_district():
    for row in places._rows():
        if row["council"] in ("lancashire", "leicestershire") and row["kind"] in ("town", "postcode_district"):
            assert row["districts"], row
    for row in places._rows():  # and every covered town's postcode district is listed
        if row["kind"] == "town" and row["council"] in COVERED_COUNCILS and row["outward"]:
            assert row["outward"] in places.known_outward_codes(), row


def test_districts_of_a_council():
    assert places.council_districts("leicestershire") == [
        "Blaby", "Charnwood", "Harborough", "Hinckley and Bosworth", "Melton", "North West Leicestershire",
        "Oadby and Wigston"]
    assert len(places.council_districts("lancashire")) == 12
    # a unitary council's own name is not a district within it
    assert "North East Lincolnshire" not in places.council_districts("north-east-lincolnshire")
    assert places.district_for("leicestershire", "north-west-leicestershire") == "north-west-leicestershire"
    assert places.district_for("leicestershire", "Oadby & Wigston") == "oadby-and-wigston"
    assert places.district_for("lancashire", "Charnwood") is None
    assert places.service_districts("leicestershire", ["North West Leicestershire", "Oadby and Wigston"]) == (
        "north-west-leicestershire", "oadby-and-wigston")
    # the council, free text or nothing: the whole council area
    assert places.service_districts("leicestershire", ["Leicestershire County Council"]) == ()
    assert places.service_districts("leicestershire", ["Charnwood", "anywhere in the county"]) == ()
    assert places.service_districts("leicestershire", []) == ()


def test_radstock_somerset_is_radstock_not_frome():
    assert resolve_place("Radstock Somerset").council == "bath-and-north-east-somerset"
    assert resolve_place("Radstock, Somerset").council == "bath-and-north-east-somerset"


def test_an_before_a_vowel_in_postcode_notes():
    assert "is an Edinburgh area postcode" in resolve_place("EH1").note
    assert "is an Ipswich area postcode" in resolve_place("IP1").note


def test_every_postcode_area_has_a_post_town_and_uk_coordinates():
    areas = places._postcode_areas()
    assert len(areas) >= 120
    for area, row in areas.items():
        assert re.fullmatch(r"[A-Z]{1,2}", area), area
        assert row["post_town"], area
        assert 49.8 < float(row["latitude"]) < 61.0 and -8.3 < float(row["longitude"]) < 1.8, area
        assert row["nation"] in {"", "wales", "scotland", "northern-ireland"}, area


def test_known_districts_still_win_over_the_area_table():
    assert resolve_place("PR1").council == "lancashire"
    assert resolve_place("FY1").council == "blackpool"
    assert resolve_place("LE1").council == "leicester"


def test_place_names_are_not_category_words():
    """A town name typed on its own must never be read as a kind of service (fuzzy matching)."""
    from directory.categories import match_category

    clashes = [name for name in all_place_names() if match_category(name) is not None]
    assert not clashes, clashes


def test_everyday_place_names_are_real_places_in_the_gazetteer():
    words = places.everyday_place_names()
    assert {"bury", "hull", "bath", "wells"} <= words
    known = {places.normalise_name(name) for name in all_place_names()}
    assert all(word == word.lower() for word in words)
    assert [word for word in words if word not in known] == []


@pytest.mark.parametrize("name", ["Barry", "Leigh", "Beverley", "Stone", "Sale", "Settle", "Reading", "reading", "Rugby", "Angus"])
def test_first_names_and_common_words_are_not_outside_area_towns(name):
    """"my son Barry", "lost a stone", "house sale" must not become a place outside our areas."""
    place = resolve_place(name)
    assert place is None or place.covered, (name, place)
