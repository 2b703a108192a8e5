"""A category search lists the kind of service asked for first, and says why any other kind is
there (played conversations showed a crisis service and a telecare service as cards for "carers
groups"). Meals on wheels are a category of their own ("meals on wheels in Cleethorpes" listed
community groups)."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from directory import oruk, schemas
from directory.bootstrap import initialise
from directory.categories import all_categories, get_category, term_id_for
from directory.db import dispose, get_engine, session_scope
from directory.migrate import alembic_config, upgrade
from directory.models import Service, ServiceSearch
from directory.records import add_service, remove_service
from directory.search import match_fields, search_services
from directory.search_index import rows_for

ORDER = ["main", "also"]
TOWNS = ["Preston", "Ormskirk", "Lancaster", "Grimsby", "Cleethorpes", "Loughborough", "Coalville", "Bath",
         "Keynsham"]


def _service_id(session, name: str) -> str:
    return session.execute(select(Service.id).where(Service.name == name)).scalar_one()


# ---- search relevance -------------------------------------------------------------------------

def test_carers_groups_in_grimsby_lists_carers_services_before_telecare(sample_session):
    cards = search_services(sample_session, category="carers groups", near="Grimsby", limit=10)["results"]
    assert cards[0]["name"] == "Carers' Support Centre"
    assert cards[0]["category"] == "carers-support" and cards[0]["match"] == "main" and not cards[0]["match_note"]
    carelink = next(card for card in cards if card["name"] == "Carelink telecare")
    assert carelink["match"] == "also"
    assert carelink["match_note"] == (
        "Main service: Telecare and technology that helps you stay safe. Also listed under: Support for carers."
    )
    last_carers = max(i for i, card in enumerate(cards) if card["category"] == "carers-support")
    assert cards.index(carelink) > last_carers


def test_carers_groups_do_not_open_with_a_crisis_service(sample_session):
    result = search_services(sample_session, category="carers groups", near="Ormskirk", limit=10)
    cards = result["results"]
    assert [card["category"] for card in cards[:3]] == ["carers-support"] * 3
    crisis = next(card for card in cards if card["name"] == "Crisis support at home")
    assert crisis["match"] == "also" and crisis["match_note"].startswith("Main service: Home care.")
    assert crisis is cards[-1]
    national = result["national"]
    assert national[0]["name"] == "Carers UK Helpline" and national[0]["match"] == "main"
    samaritans = next(card for card in national if card["name"] == "Samaritans")
    assert samaritans["match"] == "also"
    assert samaritans["match_note"] == (
        "Main service: Urgent help, crisis and safeguarding. Also listed under: Support for carers."
    )


@pytest.mark.parametrize("near", TOWNS)
def test_every_category_lists_its_own_services_first_and_labels_the_rest(sample_session, near):
    for category in all_categories():
        result = search_services(sample_session, category=category.slug, near=near, limit=50)
        assert result["total"] == len(result["results"])
        for cards in (result["results"], result["national"]):
            kinds = ["main" if card["category"] == category.slug else "also" for card in cards]
            assert kinds == sorted(kinds, key=ORDER.index), (category.slug, near, [c["name"] for c in cards])
            assert [card["match"] for card in cards] == kinds
            for card in cards:
                if card["match"] == "also":
                    assert card["match_note"].endswith(f"Also listed under: {category.name}.")
                else:
                    assert card["match_note"] is None


def test_pages_follow_the_same_order(sample_session):
    everything = search_services(sample_session, category="carers-support", near="Preston", limit=50)
    pages = [search_services(sample_session, category="carers-support", near="Preston", limit=2, offset=offset)
             for offset in (0, 2)]
    assert [c["id"] for page in pages for c in page["results"]] == [c["id"] for c in everything["results"][:4]]
    assert {page["total"] for page in pages} == {everything["total"]}


def test_search_without_a_place_lists_the_kind_asked_for_first(sample_session):
    cards = search_services(sample_session, category="carers-support", limit=50)["results"]
    kinds = [card["match"] for card in cards]
    assert "also" in kinds and kinds == sorted(kinds, key=ORDER.index)


@pytest.mark.parametrize("near", [None, "Grimsby"])
def test_words_naming_a_category_put_that_category_first(sample_session, near):
    cards = search_services(sample_session, q="carers", near=near, limit=50)["results"]
    found = [card["category"] for card in cards]
    count = found.count("carers-support")
    assert count and found[:count] == ["carers-support"] * count
    assert all(card["match"] is None for card in cards)  # a word search is not labelled by category


def test_cards_have_no_match_label_without_a_category(sample_session):
    result = search_services(sample_session, near="Grimsby", limit=5)
    assert all(card["match"] is None and card["match_note"] is None for card in result["results"] + result["national"])


def test_match_fields():
    carers = get_category("carers-support")
    assert match_fields("carers-support", carers) == ("main", None)
    assert match_fields("dementia-support", carers) == (
        "also", "Main service: Dementia support. Also listed under: Support for carers.")
    assert match_fields(None, carers) == ("also", "Also listed under: Support for carers.")
    assert match_fields("telecare", None) == (None, None)


def test_search_index_marks_the_main_category(sample_session):
    carelink = _service_id(sample_session, "Carelink telecare")
    rows = dict(sample_session.execute(
        select(ServiceSearch.term_id, ServiceSearch.is_main).where(ServiceSearch.service_id == carelink)).all())
    assert rows == {term_id_for("telecare"): True, term_id_for("carers-support"): False}


def test_migration_fills_is_main_for_an_existing_index(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'older.db'}"
    try:
        initialise(url)
        command.downgrade(alembic_config(url), "0003")
        columns = {column["name"] for column in inspect(get_engine(url)).get_columns("service_search")}
        assert "is_main" not in columns
        assert upgrade(url) is True
        with session_scope(url) as session:
            rows = session.execute(select(ServiceSearch.service_id, ServiceSearch.term_id, ServiceSearch.latitude,
                                          ServiceSearch.longitude, ServiceSearch.is_main)).all()
            expected = rows_for(session, sorted({row.service_id for row in rows}))
        have = sorted((r.service_id, r.term_id or "", r.latitude or 0, r.longitude or 0, bool(r.is_main)) for r in rows)
        want = sorted((r["service_id"], r["term_id"] or "", r["latitude"] or 0, r["longitude"] or 0, r["is_main"])
                      for r in expected)
        assert have == want
        assert {flag for *_, flag in have} == {True, False}
    finally:
        dispose(url)


# ---- meals at home ------------------------------------------------------------------------------

def test_meals_on_wheels_in_cleethorpes_lists_meals_services_not_community_groups(sample_session):
    result = search_services(sample_session, category="meals on wheels", near="Cleethorpes")
    assert result["location"]["council"] == "north-east-lincolnshire"
    cards = result["results"]
    assert cards and all(card["category"] == "meals-at-home" and card["match"] == "main" for card in cards)
    assert cards[0]["name"] == "Sample record - meals on wheels in Cleethorpes" and cards[0]["is_sample"]
    assert all(card["category"] != "community-wellbeing" for card in result["national"])


@pytest.mark.parametrize(
    "words, near, first",
    [
        ("mobile meals", "Loughborough", "Mobile meals"),
        ("meals-at-home", "Preston", "Sample record - meals on wheels in Preston"),
        ("hot meals delivered", "Bath", "Sample record - meals on wheels in Bath"),
        ("frozen meals", "Immingham", "Sample record - frozen meals delivered in Immingham"),
    ],
)
def test_every_council_has_meals_at_home(sample_session, words, near, first):
    cards = search_services(sample_session, category=words, near=near)["results"]
    assert cards[0]["name"] == first
    assert {card["category"] for card in cards} == {"meals-at-home"}


def test_leicestershire_mobile_meals_is_the_real_record_from_the_seed(sample_session):
    service = sample_session.execute(select(Service).where(Service.name == "Mobile meals")).scalar_one()
    assert service.category == "meals-at-home" and service.council == "leicestershire"
    assert not service.is_sample and "£" not in service.description
    assert "seed 002_59189f15e795e661.txt" in service.source and "526" in service.source


def test_meal_sample_records_follow_the_sample_convention(sample_session):
    samples = sample_session.execute(
        select(Service).where(Service.category == "meals-at-home", Service.is_sample.is_(True))).scalars().all()
    assert {service.council for service in samples} == {
        "lancashire", "leicestershire", "north-east-lincolnshire", "bath-and-north-east-somerset"}
    for service in samples:
        assert service.name.startswith("Sample record - ") and service.description.startswith("Sample record.")
        assert not service.phones and not service.email and not service.url


def test_meals_at_home_is_an_oruk_taxonomy_term(sample_session):
    terms = oruk.list_taxonomy_terms(sample_session, per_page=100)
    assert schemas.page_errors("taxonomy_term", terms) == []
    term = next(term for term in terms["contents"] if term["code"] == "meals-at-home")
    assert term["id"] == term_id_for("meals-at-home") and term["name"] == "Meals at home"
    page = oruk.list_services(sample_session, taxonomy_term_id="meals on wheels", per_page=50)
    assert schemas.page_errors("service", page) == []
    assert "Mobile meals" in {item["name"] for item in page["contents"]} and page["total_items"] == 8
    record = oruk.get_service(sample_session, _service_id(sample_session, "Mobile meals"))
    assert schemas.record_errors("service", record) == []
    assert [a["taxonomy_term"]["code"] for a in record["attributes"]] == ["meals-at-home"]
    assert record["x_signpost"]["categories"] == ["meals-at-home"]


# ---- init adds shipped records an older sample database lacks -------------------------------------

def test_init_adds_shipped_records_missing_from_an_older_sample_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    try:
        initialise(url)
        with session_scope(url) as session:
            meals = list(session.execute(select(Service.id).where(Service.category == "meals-at-home")).scalars())
            for service_id in meals:
                remove_service(session, service_id)
        assert initialise(url) == {"migrated": False, "loaded": len(meals), "updated": 0}
        assert initialise(url) == {"migrated": False, "loaded": 0, "updated": 0}
        with session_scope(url) as session:
            cards = search_services(session, category="meals on wheels", near="Cleethorpes")["results"]
            assert cards[0]["name"] == "Sample record - meals on wheels in Cleethorpes"
    finally:
        dispose(url)


def test_init_leaves_a_councils_own_directory_alone(tmp_path):
    url = f"sqlite:///{tmp_path / 'council.db'}"
    try:
        initialise(url, load_sample=False)
        with session_scope(url) as session:
            add_service(session, {"key": "own", "name": "Our meals service", "category": "meals-at-home"},
                        council="lancashire")
        assert initialise(url) == {"migrated": False, "loaded": 0, "updated": 0}
        with session_scope(url) as session:
            assert list(session.execute(select(Service.name)).scalars()) == ["Our meals service"]
    finally:
        dispose(url)


def test_talk_it_through_suggests_meals_at_home_for_meals_before_home_care():
    from bot import triage

    slugs = [item["slug"] for item in triage.suggest_categories(["meals"])]
    assert "meals-at-home" in slugs and slugs.index("meals-at-home") < slugs.index("home-care")
    assert slugs.index("community-wellbeing") < slugs.index("meals-at-home")  # prevention first
    assert [item["slug"] for item in triage.suggest_categories(["washing"])].count("meals-at-home") == 0
