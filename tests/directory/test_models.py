import datetime as dt

from sqlalchemy import inspect, select

from directory.db import get_engine
from directory.migrate import alembic_config, current_revision, head_revision, upgrade
from directory.models import (
    Address,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
)

ORUK_TABLES = {
    "organization", "service", "location", "service_at_location", "address", "phone", "contact", "schedule",
    "cost_option", "taxonomy", "taxonomy_term", "attribute", "service_area",
}


def test_migrations_create_every_oruk_table_and_are_idempotent(empty_url):
    tables = set(inspect(get_engine(empty_url)).get_table_names())
    assert ORUK_TABLES <= tables
    assert current_revision(empty_url) == head_revision(empty_url)
    assert upgrade(empty_url) is False


def test_downgrade_then_upgrade(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'down.db'}"
    assert upgrade(url) is True
    command.downgrade(alembic_config(url), "base")
    assert not ORUK_TABLES & set(inspect(get_engine(url)).get_table_names())
    assert upgrade(url) is True


def test_service_with_location_and_provenance_round_trips(empty_session):
    org = Organization(id="11111111-1111-4111-8111-111111111111", name="Test org", description="An org")
    service = Service(
        id="22222222-2222-4222-8222-222222222222",
        organization=org,
        name="Test lunch club",
        council="lancashire",
        category="day-services",
        minimum_age=60,
        source="test document line 4",
        last_checked=dt.date(2026, 11, 25),
        is_sample=True,
    )
    location = Location(id="33333333-3333-4333-8333-333333333333", latitude=53.76, longitude=-2.70, name="Hall")
    location.addresses.append(
        Address(id="44444444-4444-4444-8444-444444444444", address_1="1 Main St", city="Preston", postal_code="PR1 2HE")
    )
    service.service_at_locations.append(ServiceAtLocation(id="55555555-5555-4555-8555-555555555555",
                                                          location=location))
    service.phones.append(Phone(id="66666666-6666-4666-8666-666666666666", number="01234 567890"))
    empty_session.add(service)
    empty_session.commit()
    empty_session.expunge_all()

    loaded = empty_session.execute(select(Service).where(Service.name == "Test lunch club")).scalar_one()
    assert loaded.organization.name == "Test org"
    assert loaded.service_at_locations[0].location.addresses[0].postal_code == "PR1 2HE"
    assert loaded.phones[0].number == "01234 567890"
    assert (loaded.source, loaded.last_checked, loaded.is_sample) == ("test document line 4", dt.date(2026, 11, 25), True)

    empty_session.delete(loaded)
    empty_session.commit()
    assert empty_session.execute(select(Phone)).scalars().all() == []
    assert empty_session.execute(select(ServiceAtLocation)).scalars().all() == []


def test_migrations_match_the_models(empty_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from directory.models import Base

    with get_engine(empty_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": "directory_alembic_version"})
        assert compare_metadata(context, Base.metadata) == []
