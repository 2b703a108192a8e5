"""SQLAlchemy models aligned with the Open Referral UK (ORUK) 3.0 core.

Table and column names follow ORUK 3.0 (``organization``, ``service``, ``location``,
``service_at_location``, ``address``, ``phone``, ``contact``, ``schedule``, ``cost_option``,
``taxonomy``, ``taxonomy_term``, ``attribute``, ``service_area``). Identifiers are UUID
strings, as ORUK requires.

Signpost additions:
- provenance on organisations, services and locations: ``source`` (document and line, or
  URL), ``last_checked`` (date) and ``is_sample`` (True for made-up demonstration records);
- ``service.council``: the council slug whose residents the service is for
  (``national`` for services open to everyone in England);
- ``service.category``: the main category slug (also linked through ``attribute`` to a
  ``taxonomy_term``, the ORUK way), kept on the row so searches stay fast;
- ``service.eligibility_description``: who the service is for, in words (the ORUK v1/LGA
  ``eligibility`` table; ages are ORUK's ``minimum_age``/``maximum_age``).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship
from sqlalchemy.sql import expression

Base = declarative_base()

ID = String(36)


def _id_column(**kwargs) -> Column:
    return Column(ID, primary_key=True, **kwargs)


def _fk(target: str, nullable: bool = True, index: bool = True) -> Column:
    return Column(ID, ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=index)


class ProvenanceMixin:
    source = Column(Text, nullable=True)
    last_checked = Column(Date, nullable=True)
    is_sample = Column(Boolean, nullable=False, default=False)


class Organization(ProvenanceMixin, Base):
    __tablename__ = "organization"

    id = _id_column()
    name = Column(String(255), nullable=False)
    description = Column(Text, nullable=False, default="")
    email = Column(String(255))
    website = Column(String(500))
    uri = Column(String(500))
    parent_organization_id = Column(ID)

    services = relationship("Service", back_populates="organization")


class Service(ProvenanceMixin, Base):
    __tablename__ = "service"
    __table_args__ = (Index("ix_service_council_category", "council", "category"),)

    id = _id_column()
    organization_id = Column(ID, ForeignKey("organization.id", ondelete="SET NULL"), index=True)
    name = Column(String(255), nullable=False)
    description = Column(Text)
    url = Column(String(500))
    email = Column(String(255))
    status = Column(String(32), nullable=False, default="active")
    accreditations = Column(Text)
    minimum_age = Column(Integer)
    maximum_age = Column(Integer)
    eligibility_description = Column(Text)
    assured_date = Column(Date)
    alert = Column(Text)
    last_modified = Column(DateTime)
    council = Column(String(64), nullable=False, default="national")
    category = Column(String(64), index=True)

    organization = relationship("Organization", back_populates="services")
    service_at_locations = relationship(
        "ServiceAtLocation", back_populates="service", cascade="all, delete-orphan", passive_deletes=True
    )
    phones = relationship("Phone", back_populates="service", cascade="all, delete-orphan", passive_deletes=True)
    contacts = relationship(
        "Contact", back_populates="service", cascade="all, delete-orphan", passive_deletes=True
    )
    schedules = relationship(
        "Schedule", back_populates="service", cascade="all, delete-orphan", passive_deletes=True
    )
    cost_options = relationship(
        "CostOption", back_populates="service", cascade="all, delete-orphan", passive_deletes=True
    )
    service_areas = relationship(
        "ServiceArea", back_populates="service", cascade="all, delete-orphan", passive_deletes=True
    )


class Location(ProvenanceMixin, Base):
    __tablename__ = "location"
    __table_args__ = (Index("ix_location_lat_lon", "latitude", "longitude"),)

    id = _id_column()
    location_type = Column(String(16), nullable=False, default="physical")
    name = Column(String(255))
    description = Column(Text)
    latitude = Column(Float)
    longitude = Column(Float)
    external_identifier = Column(String(64))
    external_identifier_type = Column(String(32))

    addresses = relationship(
        "Address", back_populates="location", cascade="all, delete-orphan", passive_deletes=True
    )


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"

    id = _id_column()
    service_id = _fk("service.id", nullable=False)
    location_id = _fk("location.id", nullable=False)
    description = Column(Text)

    service = relationship("Service", back_populates="service_at_locations")
    location = relationship("Location")


class Address(Base):
    __tablename__ = "address"

    id = _id_column()
    location_id = _fk("location.id")
    attention = Column(String(255))
    address_1 = Column(String(255), nullable=False, default="")
    address_2 = Column(String(255))
    city = Column(String(128), nullable=False, default="")
    region = Column(String(128))
    state_province = Column(String(128), nullable=False, default="")
    postal_code = Column(String(16), nullable=False, default="")
    country = Column(String(2), nullable=False, default="GB")
    address_type = Column(String(16), nullable=False, default="physical")

    location = relationship("Location", back_populates="addresses")


class Phone(Base):
    __tablename__ = "phone"

    id = _id_column()
    service_id = _fk("service.id")
    location_id = _fk("location.id")
    organization_id = _fk("organization.id")
    number = Column(String(64), nullable=False)
    extension = Column(Integer)
    type = Column(String(32))
    description = Column(Text)

    service = relationship("Service", back_populates="phones")


class Contact(Base):
    __tablename__ = "contact"

    id = _id_column()
    service_id = _fk("service.id")
    organization_id = _fk("organization.id")
    name = Column(String(255))
    title = Column(String(255))
    department = Column(String(255))
    email = Column(String(255))

    service = relationship("Service", back_populates="contacts")


class Schedule(Base):
    __tablename__ = "schedule"

    id = _id_column()
    service_id = _fk("service.id")
    location_id = _fk("location.id")
    valid_from = Column(Date)
    valid_to = Column(Date)
    dtstart = Column(Date)
    freq = Column(String(16))
    interval = Column(Integer)
    byday = Column(String(64))
    bymonthday = Column(String(64))
    opens_at = Column(String(16))
    closes_at = Column(String(16))
    description = Column(Text)
    attending_type = Column(Text)
    notes = Column(Text)

    service = relationship("Service", back_populates="schedules")


class CostOption(Base):
    __tablename__ = "cost_option"

    id = _id_column()
    service_id = _fk("service.id", nullable=False)
    valid_from = Column(Date)
    valid_to = Column(Date)
    option = Column(Text)
    amount = Column(Float)
    currency = Column(String(3))
    amount_description = Column(Text)

    service = relationship("Service", back_populates="cost_options")


class Taxonomy(Base):
    __tablename__ = "taxonomy"

    id = _id_column()
    name = Column(String(255), nullable=False)
    description = Column(Text, nullable=False, default="")
    uri = Column(String(500))
    version = Column(String(32))


class TaxonomyTerm(Base):
    __tablename__ = "taxonomy_term"

    id = _id_column()
    code = Column(String(64), index=True)
    name = Column(String(255), nullable=False)
    description = Column(Text, nullable=False, default="")
    parent_id = Column(ID)
    taxonomy_id = Column(ID, ForeignKey("taxonomy.id", ondelete="SET NULL"), index=True)
    term_uri = Column(String(500))

    taxonomy = relationship("Taxonomy")


class Attribute(Base):
    """Links any record to a taxonomy term (ORUK). Signpost uses it for service categories."""

    __tablename__ = "attribute"
    __table_args__ = (Index("ix_attribute_term_link", "taxonomy_term_id", "link_id"),)

    id = _id_column()
    link_id = Column(ID, nullable=False, index=True)
    link_type = Column(String(64))
    link_entity = Column(String(64), nullable=False, default="service")
    taxonomy_term_id = Column(ID, ForeignKey("taxonomy_term.id", ondelete="CASCADE"), nullable=False)
    value = Column(Text)

    taxonomy_term = relationship("TaxonomyTerm")


class ServiceArea(Base):
    __tablename__ = "service_area"

    id = _id_column()
    service_id = _fk("service.id")
    name = Column(String(255))
    description = Column(Text)
    extent = Column(Text)
    extent_type = Column(String(32))
    uri = Column(String(500))

    service = relationship("Service", back_populates="service_areas")




class ServiceSearch(Base):
    """Signpost's search index (not part of ORUK): one row per service, category and
    location (``latitude`` NULL for services that cover the whole council area without a
    single address). Derived from the tables above by ``directory.search_index``; it lets a
    category-and-place search read one index range instead of joining four tables.
    ``is_main`` says the row's category is the service's main one (``service.category``), so a
    search can list the kind asked for before services that only also offer it. ``area`` is
    the district (slug, for example ``north-west-leicestershire``) a service is only for, one
    row per district; NULL for a service open to the whole council area. It comes from the
    service's ORUK ``service_area`` names (see ``directory.search_index``)."""

    __tablename__ = "service_search"
    __table_args__ = (
        # Covering indexes: a search reads only the index, never the table.
        Index("ix_service_search_term_place", "term_id", "council", "latitude", "longitude", "is_sample",
              "is_main", "area", "service_id", "name"),
        Index("ix_service_search_place", "council", "latitude", "longitude", "is_sample", "is_main", "area",
              "service_id", "name"),
    )

    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ID, ForeignKey("service.id", ondelete="CASCADE"), nullable=False, index=True)
    term_id = Column(ID, nullable=True)
    council = Column(String(64), nullable=False)
    latitude = Column(Float)
    longitude = Column(Float)
    name = Column(String(255), nullable=False)
    is_sample = Column(Boolean, nullable=False, default=False)
    is_main = Column(Boolean, nullable=False, default=True, server_default=expression.true())
    area = Column(String(64), nullable=True)
