"""Turn one flat service record (from the shipped YAML, or a row of the CSV template)
into ORUK rows: organisation, service, location, address, phone, cost option, service
area and the category links. Identifiers are stable UUIDs made from the record's key."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from directory import categories as cats
from directory.geo import valid_coordinates
from directory.models import (
    Address,
    Attribute,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceSearch,
    Taxonomy,
    TaxonomyTerm,
)
from directory.places import (
    council_districts,
    council_name,
    district_for,
    district_name,
    parse_postcode,
    resolve_place,
)
from directory.search_index import reindex_service

NAMESPACE = cats.NAMESPACE

#: The seed documents the sample data is built from (see docs/directory.md).
SEEDS = {
    "000": "Lancashire County Council Market Position Statement (2019), seed 000_8c03ca493d727126.txt",
    "001": "Lancashire County Council scrutiny report on the care market (2016), seed 001_112fbd2cc4488375.txt",
    "002": "Leicestershire County Council Market Position Statement (May 2013), seed 002_59189f15e795e661.txt",
    "003": "North East Lincolnshire Council Market Position Statement 2022-25, seed 003_1fdf55699f768352.txt",
    "004": "Bath and North East Somerset Council draft Market Position Statement (March 2018), "
    "seed 004_668b3317ec3df7a2.txt",
}
SAMPLE_SOURCE = "Sample record made up for the Signpost demonstration. Not a real service."
_REF = re.compile(r"\b(00[0-4]):(\d+(?:-\d+)?)")


def stable_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def attribute_id(service_id: str, term_id: str) -> str:
    return stable_id("attribute", f"{service_id}:{term_id}")


def expand_source(source: str | None) -> str | None:
    """"000:366-369; 001:302" -> "<document 000>, lines 366-369; <document 001>, line 302"."""
    if not source:
        return None
    refs = _REF.findall(source)
    if not refs:
        return source
    grouped: dict[str, list[str]] = {}
    for seed, lines in refs:
        grouped.setdefault(seed, []).append(lines)
    parts = []
    for seed, all_lines in grouped.items():
        label = "lines" if len(all_lines) > 1 or "-" in all_lines[0] else "line"
        parts.append(f"{SEEDS[seed]}, {label} {', '.join(all_lines)}")
    return "; ".join(parts)


def ensure_taxonomy(session: Session) -> None:
    """Create (or refresh) the Signpost category taxonomy and its terms."""
    taxonomy = session.get(Taxonomy, cats.TAXONOMY_ID)
    if taxonomy is None:
        taxonomy = Taxonomy(id=cats.TAXONOMY_ID)
        session.add(taxonomy)
    taxonomy.name = "Signpost adult social care categories"
    taxonomy.description = "Plain-English categories of adult social care services used by Signpost."
    taxonomy.version = "1"
    for category in cats.all_categories():
        term = session.get(TaxonomyTerm, category.term_id)
        if term is None:
            term = TaxonomyTerm(id=category.term_id)
            session.add(term)
        term.code = category.slug
        term.name = category.name
        term.description = category.summary
        term.taxonomy_id = cats.TAXONOMY_ID
    session.flush()


def upsert_organisation(session: Session, org_id: str, data: Mapping, defaults: Mapping) -> Organization:
    org = session.get(Organization, org_id) or Organization(id=org_id)
    org.name = data["name"]
    org.description = data.get("description") or ""
    org.email = data.get("email") or None
    org.website = data.get("website") or None
    org.source = expand_source(data.get("source")) or defaults.get("source") or (
        SAMPLE_SOURCE if data.get("is_sample") else None
    )
    org.last_checked = _date(data.get("last_checked", defaults.get("last_checked")))
    org.is_sample = bool(data.get("is_sample", False))
    session.add(org)
    return org


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _int(value) -> int | None:
    return None if value in (None, "") else int(value)


def categories_for(record: Mapping) -> list[str]:
    """The record's category slugs, main one first; unknown words are mapped by synonym."""
    slugs: list[str] = []
    raw = [record.get("category"), *(record.get("also") or [])]
    for value in raw:
        if not value:
            continue
        category = cats.get_category(str(value)) or cats.match_category(str(value))
        if category is None:
            raise ValueError(f"unknown category {value!r}")
        if category.slug not in slugs:
            slugs.append(category.slug)
    return slugs


def remove_service(session: Session, service_id: str) -> None:
    """Delete a service and everything hanging off it (before re-importing it)."""
    location_ids = list(
        session.execute(select(ServiceAtLocation.location_id).where(ServiceAtLocation.service_id == service_id))
        .scalars()
        .all()
    )
    session.execute(delete(ServiceSearch).where(ServiceSearch.service_id == service_id))
    session.execute(delete(Attribute).where(Attribute.link_id == service_id))
    for model in (ServiceAtLocation, Phone, CostOption, ServiceArea, Contact, Schedule):
        session.execute(delete(model).where(model.service_id == service_id))
    session.execute(delete(Service).where(Service.id == service_id))
    if location_ids:
        still_used = set(
            session.execute(
                select(ServiceAtLocation.location_id).where(ServiceAtLocation.location_id.in_(location_ids))
            ).scalars()
        )
        orphans = [location_id for location_id in location_ids if location_id not in still_used]
        if orphans:
            session.execute(delete(Address).where(Address.location_id.in_(orphans)))
            session.execute(delete(Location).where(Location.id.in_(orphans)))
    session.flush()


def _location_for(record: Mapping, service_id: str, provenance: dict) -> Location | None:
    """A location from explicit coordinates, else an address postcode, else a town."""
    lat, lon = record.get("latitude"), record.get("longitude")
    town = (record.get("town") or record.get("city") or "").strip()
    postcode = parse_postcode(record.get("postcode") or "")
    name = None
    if lat not in (None, "") and lon not in (None, "") and valid_coordinates(lat, lon):
        lat, lon = float(lat), float(lon)
    else:
        place = (resolve_place(str(postcode)) if postcode and postcode.is_full else None) or (
            resolve_place(town) if town else None
        )
        if place is None and postcode:
            place = resolve_place(postcode.outward)
        if place is None:
            return None
        lat, lon = place.latitude, place.longitude
        name = f"{place.name} (approximate location)"
    location = Location(
        id=stable_id("location", service_id),
        location_type="physical",
        name=record.get("location_name") or name or town or None,
        latitude=lat,
        longitude=lon,
        **provenance,
    )
    address_1 = (record.get("address_1") or record.get("address") or "").strip()
    if address_1 or postcode or town:
        location.addresses.append(
            Address(
                id=stable_id("address", service_id),
                address_1=address_1,
                city=town,
                state_province=record.get("county") or "",
                postal_code=str(postcode) if postcode else "",
                country="GB",
                address_type="physical",
            )
        )
    return location


def add_service(session: Session, record: Mapping, *, council: str, defaults: Mapping | None = None) -> Service:
    """Create (or replace) one service from a flat record. Returns the Service."""
    defaults = defaults or {}
    key = record.get("key") or record.get("id") or record["name"]
    service_id = str(record["id"]) if _is_uuid(record.get("id")) else stable_id("service", f"{council}:{key}")
    remove_service(session, service_id)
    slugs = categories_for(record)
    is_sample = _bool(record.get("is_sample", False))
    provenance = {
        "source": expand_source(record.get("source")) or defaults.get("source") or (SAMPLE_SOURCE if is_sample else None),
        "last_checked": _date(record.get("last_checked", defaults.get("last_checked"))),
        "is_sample": is_sample,
    }
    org_id = record.get("organization_id")
    service = Service(
        id=service_id,
        organization_id=org_id,
        name=record["name"],
        description=(record.get("description") or "").strip() or None,
        url=record.get("url") or None,
        email=record.get("email") or None,
        status="active",
        minimum_age=_int(record.get("min_age") or record.get("minimum_age")),
        maximum_age=_int(record.get("max_age") or record.get("maximum_age")),
        eligibility_description=record.get("eligibility") or None,
        council=council,
        category=slugs[0] if slugs else None,
        **provenance,
    )
    session.add(service)
    if record.get("phone"):
        service.phones.append(Phone(id=stable_id("phone", service_id), number=str(record["phone"]).strip()))
    if record.get("cost"):
        service.cost_options.append(
            CostOption(id=stable_id("cost", service_id), amount_description=str(record["cost"]).strip())
        )
    for index, area_name in enumerate(area_names(record, council)):
        area_id = stable_id("area", service_id if index == 0 else f"{service_id}:{index}")
        service.service_areas.append(ServiceArea(id=area_id, name=area_name))
    location = _location_for(record, service_id, provenance)
    if location is not None:
        session.add(location)
        service.service_at_locations.append(
            ServiceAtLocation(id=stable_id("sal", service_id), location_id=location.id)
        )
    for slug in slugs:
        session.add(
            Attribute(
                id=attribute_id(service_id, cats.term_id_for(slug)),
                link_id=service_id,
                link_type="category",
                link_entity="service",
                taxonomy_term_id=cats.term_id_for(slug),
            )
        )
    reindex_service(session, service_id)
    return service


def area_names(record: Mapping, council: str) -> list[str]:
    """The ORUK ``service_area`` names for a record: its ``areas`` (districts of the council the
    service is only for: a list, or words separated by ";"), else its ``area``, else the whole
    council area ("England" for national services). Raises ValueError for an ``areas`` entry that
    is not a district of the council, so a typo cannot quietly open or close a service."""
    wanted = record.get("areas") or []
    if isinstance(wanted, str):
        wanted = wanted.split(";")
    names: list[str] = []
    for value in (str(item).strip() for item in wanted):
        if not value:
            continue
        slug = district_for(council, value)
        if slug is None:
            known = ", ".join(council_districts(council))
            raise ValueError(f"{value!r} is not a district of {council}" + (f" (districts: {known})" if known else ""))
        if district_name(council, slug) not in names:
            names.append(district_name(council, slug))
    if names:
        return names
    area = record.get("area") or ("England" if council == "national" else council_name(council))
    return [area] if area else []


def _bool(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "yes", "1", "y"}
    return bool(value)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except (TypeError, ValueError):
        return False
    return True
