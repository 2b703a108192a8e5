import re
from collections import defaultdict

from sqlalchemy import select

from directory.models import Attribute, Phone, Service, TaxonomyTerm
from directory.places import COVERED_COUNCILS

MAIN_CATEGORIES = [
    "day-services", "carers-support", "telecare", "direct-payments", "extra-care", "home-care", "reablement",
    "equipment-adaptations", "care-homes", "supported-living", "shared-lives", "respite", "advice-advocacy",
    "dementia-support", "community-wellbeing", "meals-at-home", "hospital-discharge", "crisis-safeguarding",
]
# The only phone numbers allowed: the one local number in the seeds, and well-known national lines.
ALLOWED_PHONES = {"01472 325500", "999", "111", "116 123", "0808 808 7777", "0800 678 1602", "0800 4 70 80 90",
                  "0800 144 8848", "0800 138 7777", "0800 888 6678", "0333 150 3456", "0800 319 6789"}


def _categories_by_council(session):
    found = defaultdict(set)
    rows = session.execute(
        select(Service.council, TaxonomyTerm.code)
        .join(Attribute, Attribute.link_id == Service.id)
        .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
    ).all()
    for council, code in rows:
        found[council].add(code)
    return found


def test_every_council_has_something_in_every_main_category(sample_session):
    found = _categories_by_council(sample_session)
    for council in COVERED_COUNCILS:
        missing = set(MAIN_CATEGORIES) - found[council]
        assert not missing, (council, missing)


def test_named_services_from_the_seeds_are_present(sample_session):
    names = set(sample_session.execute(select(Service.name)).scalars())
    for expected in (
        "Direct Payment Support Service", "Lancashire County Council Telecare", "Home First",
        "Hospital Aftercare (Take Home and Settle)", "HART - Homecare Assessment and Re-ablement Team",
        "ChooseMySupport", "Care Plus Group day centres", "Carelink telecare", "Carers' Support Centre",
        "Greenacres Court (extra care housing)", "Carers Support Service (B&NES Carers Centre)",
        "Independent Living Service (Curo)", "NHS 111", "Samaritans", "Carers UK Helpline", "Age UK Advice Line",
        "Citizens Advice", "MoneyHelper",
    ):
        assert expected in names, expected


def test_every_real_record_has_provenance_and_samples_say_so(sample_session):
    for service in sample_session.execute(select(Service)).scalars():
        assert service.source, service.name
        if service.is_sample:
            assert service.name.startswith("Sample record"), service.name
            assert "Sample record" in service.description
        elif service.council != "national":
            assert re.search(r"seed 00[0-4]_\w+\.txt, lines? \d", service.source), service.source
            assert service.last_checked is not None
        else:
            assert service.url or service.source.startswith("http")


def test_no_invented_phone_numbers(sample_session):
    numbers = set(sample_session.execute(select(Phone.number)).scalars())
    assert numbers <= ALLOWED_PHONES
    rows = sample_session.execute(select(Service.council, Phone.number).join(Phone, Phone.service_id == Service.id))
    for council, number in rows:
        assert council == "national" or number == "01472 325500"
