"""Council profiles: every detail sourced, nothing invented, sensible fallbacks."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from bot import councils
from bot.datafiles import load_yaml

SLUGS = ["lancashire", "leicestershire", "north-east-lincolnshire", "bath-and-north-east-somerset"]
PHONE = re.compile(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b")


@pytest.mark.parametrize("slug", [*SLUGS, "national"])
def test_every_contract_slug_has_a_profile(slug):
    council = councils.get_council(slug)
    assert council.slug == slug
    assert council.name and council.website.value.startswith("https://")


def test_all_councils_lists_the_four_and_national_only_when_asked():
    assert [c.slug for c in councils.all_councils()] == SLUGS
    assert councils.all_councils(include_national=True)[-1].slug == "national"


def _details(raw):
    """Every {value, ...} mapping anywhere in a council's raw profile."""
    if isinstance(raw, dict):
        if "value" in raw:
            yield raw
        for value in raw.values():
            yield from _details(value)
    elif isinstance(raw, list):
        for value in raw:
            yield from _details(value)


@pytest.mark.parametrize("slug", [*SLUGS, "national"])
def test_every_detail_has_a_source_and_year_or_is_a_sample(slug):
    raw = load_yaml("councils.yml")["councils"][slug]
    details = list(_details(raw))
    assert details
    for detail in details:
        assert detail.get("is_sample") or (detail.get("source") and detail.get("year")), detail


def test_no_phone_number_is_offered_as_an_adult_social_care_contact():
    # The seeds give no adult social care phone numbers; the only number (NEL's Wellbeing
    # Service, drugs and alcohol) must never appear as the council's contact.
    for council in councils.all_councils(include_national=True):
        text = " ".join(council.contact_lines() + council.safeguarding_lines() + council.out_of_hours_lines())
        assert not PHONE.search(text), (council.slug, text)
        assert council.adult_social_care.phone is None


def test_banes_commissioning_email_is_not_a_front_door():
    text = str(councils.get_council("bath-and-north-east-somerset").to_dict())
    assert "asc_commissioning" not in text


def test_nel_wellbeing_number_is_kept_only_with_its_purpose():
    nel = councils.get_council("north-east-lincolnshire")
    (contact,) = [c for c in nel.other_contacts if c["value"] == "01472 325500"]
    assert "Not for adult social care" in contact["purpose"]


def test_contact_lines_say_there_is_no_checked_number_and_give_the_website():
    lines = councils.get_council("leicestershire").contact_lines()
    assert any("don't have a checked phone number" in line for line in lines)
    assert any("https://www.leics.gov.uk" in line for line in lines)


def test_lancashire_safeguarding_uses_its_sourced_page():
    lines = councils.get_council("lancashire").safeguarding_lines()
    assert any(line.endswith("/safeguarding-adults/") for line in lines)


def test_out_of_hours_falls_back_to_999_and_111():
    lines = councils.get_council("lancashire").out_of_hours_lines()
    assert any("999" in line for line in lines) and any("111" in line for line in lines)


@pytest.mark.parametrize("alias, slug", [
    ("Lancashire", "lancashire"), ("LANCS", "lancashire"), ("Lancashire County Council", "lancashire"),
    ("banes", "bath-and-north-east-somerset"), ("B&NES", "bath-and-north-east-somerset"),
    ("Bath and North East Somerset", "bath-and-north-east-somerset"),
    ("NE Lincs", "north-east-lincolnshire"), ("north east lincolnshire", "north-east-lincolnshire"),
    ("leics", "leicestershire"),
])
def test_aliases(alias, slug):
    assert councils.get_council(alias).slug == slug


def test_unknown_council_raises_with_plain_message():
    with pytest.raises(councils.UnknownCouncil) as info:
        councils.get_council("atlantis")
    assert "atlantis" in info.value.message


def test_partial_slug_gives_suggestions():
    with pytest.raises(councils.UnknownCouncil) as info:
        councils.get_council("lincolnshire")
    assert "north-east-lincolnshire" in info.value.suggestions


@pytest.mark.parametrize("place, slug", [
    (SimpleNamespace(name="Preston", council="lancashire"), "lancashire"),
    ({"name": "Grimsby", "council": "north-east-lincolnshire"}, "north-east-lincolnshire"),
    ("bath-and-north-east-somerset", "bath-and-north-east-somerset"),
    (SimpleNamespace(name="Cardiff", council=None), "national"),
    (SimpleNamespace(name="Somewhere", council="not-a-council"), "national"),
    ("", "national"),
])
def test_council_for_place(place, slug):
    assert councils.council_for_place(place).slug == slug


def test_council_for_no_place_is_the_default(default_council_env):
    default_council_env("leicestershire")
    assert councils.council_for_place(None).slug == "leicestershire"


def test_default_council_reads_settings(default_council_env):
    default_council_env("north-east-lincolnshire")
    assert councils.default_council().slug == "north-east-lincolnshire"


def test_bad_default_council_falls_back_to_national(default_council_env):
    default_council_env("nowhere")
    assert councils.default_council().slug == "national"


def test_council_for_a_real_resolved_place():
    places = pytest.importorskip("directory.places")
    place = places.resolve_place("Preston")
    assert place is not None, "directory.places should know Preston"
    assert councils.council_for_place(place).slug == "lancashire"


def test_to_dict_carries_sources():
    data = councils.get_council("lancashire").to_dict()
    assert data["website"]["source"] and data["website"]["year"] == 2019
    assert data["safeguarding"]["web"]["value"].startswith("https://www.lancashire.gov.uk")
    assert data["contact_lines"]


def test_sample_details_are_labelled():
    sample = councils.Sourced(value="01234 567890", is_sample=True)
    council = councils.Council(slug="x", name="X Council", short_name="X",
                               website=councils.Sourced("https://x.example", "test", 2026),
                               adult_social_care=councils.Route(phone=sample))
    assert any("sample detail, not a real contact" in line for line in council.contact_lines())


def test_detail_without_source_is_rejected():
    with pytest.raises(ValueError):
        councils._sourced({"value": "01234 567890"})


@pytest.mark.parametrize("slug", ["lancashire", "leicestershire", "north-east-lincolnshire",
                                  "bath-and-north-east-somerset", "national"])
def test_staff_contact_lines_are_in_an_advisers_voice(slug):
    council = councils.get_council(slug)
    staff = council.contact_lines("staff")
    text = " ".join(staff)
    assert "caller" in text
    assert "I don't" not in text and "You can find" not in text
    assert council.website.value in text


@pytest.mark.parametrize("slug", ["lancashire", "leicestershire"])
def test_staff_line_when_there_is_no_checked_number(slug):
    council = councils.get_council(slug)
    line = council.contact_lines("staff")[-1]
    assert line.startswith(f"There is no checked phone number for {council.short_name} in Signpost; "
                           "give the caller the council website: ")
    assert council.website.value in line


def test_resident_contact_lines_are_unchanged_by_default():
    lines = councils.get_council("leicestershire").contact_lines()
    assert lines == councils.get_council("leicestershire").contact_lines("resident")
    assert any("I don't have a checked phone number" in line for line in lines)


@pytest.mark.parametrize("method", ["safeguarding_lines", "out_of_hours_lines"])
def test_staff_safeguarding_and_out_of_hours_lines_talk_about_the_caller(method):
    council = councils.get_council("lancashire")
    staff = " ".join(getattr(council, method)("staff"))
    resident = " ".join(getattr(council, method)())
    assert "caller" in staff and "caller" not in resident


def test_profile_dict_has_both_voices():
    data = councils.get_council("lancashire").to_dict()
    assert data["contact_lines"] != data["staff_contact_lines"]


@pytest.mark.parametrize(("place", "name"), [
    ("Manchester", "Manchester City Council"), ("Blackpool", "Blackpool Council"), ("Cardiff", "Cardiff Council"),
    ("Belfast", "Belfast Health and Social Care Trust"),
])
def test_places_outside_our_areas_get_a_profile_named_for_their_council(place, name):
    from directory.places import resolve_place

    for given in (resolve_place(place), resolve_place(place).council):  # a Place, or the slug in a slot
        council = councils.council_for_place(given)
        assert council.name == name and council.outside and not council.is_national
        text = " ".join(council.contact_lines() + council.safeguarding_lines())
        assert f"Contact {name} and ask for adult social care." in text
        assert "gov.uk/find-local-council" in text
        assert not PHONE.search(text)  # nothing invented
        staff = " ".join(council.contact_lines("staff"))
        assert "caller" in staff and "I don't" not in staff
        assert council.to_dict()["outside"] is True


def test_unknown_slugs_and_postcode_areas_still_get_the_national_profile():
    assert councils.council_for_place("atlantis").is_national
    assert councils.council_for_place("outside-area").is_national
    assert councils.council_for_place({"council": "outside-area", "council_name": ""}).is_national


def test_abuse_reply_for_a_place_outside_our_areas_names_that_council():
    from bot import safety
    from directory.places import resolve_place

    text = " ".join(safety.response("abuse", resolve_place("Leeds")))
    assert "Leeds City Council's adult social care team" in text


def test_each_council_has_an_example_place_and_postcode_from_the_gazetteer():
    import csv

    from settings import ROOT

    with open(ROOT / "directory" / "data" / "places.csv", encoding="utf-8") as handle:
        rows = {(row["name"], row["outward"], row["council"]) for row in csv.DictReader(handle)}
    for council in councils.all_councils():
        assert council.example_place, council.slug
        assert (council.example_place, council.example_postcode.split()[0], council.slug) in rows, council.slug


def test_place_example_uses_the_first_council_with_one():
    leics = councils.get_council("leicestershire")
    assert councils.place_example(leics) == "Loughborough, or LE11"
    assert councils.place_example(councils.get_council("national"), leics) == "Loughborough, or LE11"
    assert councils.place_example(None) == "Preston, or PR1 2HE"  # the default council, Lancashire
