import csv

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
        assert 50.0 < lat < 55.5 and -3.5 < lon < 0.5, row
        assert row["kind"] in {"county", "district", "town", "postcode_district"}, row
        assert places.council_name(row["council"]) == row["council_name"], row
        if row["council"] not in COVERED_COUNCILS:
            assert row["note"], row  # outside areas always explain themselves
    for row in districts:
        assert places.parse_postcode(row["outward"]).outward == row["outward"] == row["name"]
    for outward in ("PR1", "PR2", "PR3", "PR4", "PR5", "LA1", "FY5", "FY8", "BB7", "L39", "L40", "WN8", "LE11",
                    "LE67", "DN31", "DN32", "DN33", "DN34", "DN35", "DN36", "DN37", "DN40", "BA1", "BA2", "BS31",
                    "BA3", "BS39", "BS40"):
        assert outward in places.known_outward_codes()
