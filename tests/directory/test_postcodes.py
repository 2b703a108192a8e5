import pytest

from directory.places import find_postcode, parse_postcode


@pytest.mark.parametrize(
    "text, outward, inward",
    [
        ("PR1 2HE", "PR1", "2HE"),
        ("pr1 2he", "PR1", "2HE"),
        ("PR12HE", "PR1", "2HE"),
        ("  pr1   2he ", "PR1", "2HE"),
        ("LE11 3TU", "LE11", "3TU"),
        ("le113tu", "LE11", "3TU"),
        ("DN35 8LN", "DN35", "8LN"),
        ("BA1 1LZ", "BA1", "1LZ"),
        ("SW1A 1AA", "SW1A", "1AA"),
        ("W1A 0AX", "W1A", "0AX"),
        ("PR1", "PR1", None),
        ("bs31", "BS31", None),
        ("L39", "L39", None),
    ],
)
def test_parses_full_and_outward_postcodes(text, outward, inward):
    postcode = parse_postcode(text)
    assert postcode is not None
    assert (postcode.outward, postcode.inward) == (outward, inward)
    assert str(postcode) == (f"{outward} {inward}" if inward else outward)
    assert postcode.is_full == (inward is not None)


@pytest.mark.parametrize(
    "text",
    ["", None, "Preston", "12345", "PR1 2HEX", "P 1AA", "PR1 2CI", "PRR1 2HE", "1PR 2HE", "PR1-2HE", "PR1 2H", "🙂"],
)
def test_rejects_things_that_are_not_postcodes(text):
    assert parse_postcode(text) is None


def test_finds_a_known_postcode_inside_a_sentence():
    found = find_postcode("my mum lives at pr2 9hq near the park")
    assert str(found) == "PR2 9HQ"
    assert find_postcode("nothing here at all") is None
