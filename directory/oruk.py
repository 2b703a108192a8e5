"""The directory as Open Referral UK 3.0 records and pages.

Records follow ``schema/compiled/service.json`` and ``service_at_location.json``; list
responses use the ORUK page wrapper (``total_items``, ``total_pages``, ``page_number``,
``size``, ``first_page``, ``last_page``, ``empty``, ``contents``).

Signpost adds one extension object to each service, ``x_signpost``, holding what ORUK has
no field for: the council slug, the category slugs, and provenance (``source``,
``last_checked``, ``is_sample``). ORUK allows extra properties, so records still validate.
"""

from __future__ import annotations

import math
from collections import defaultdict

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from directory import categories as cats
from directory.errors import InvalidQuery, NotFound, UnknownPlace
from directory.geo import bounding_box, haversine_km
from directory.models import (
    Attribute,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.places import parse_postcode, resolve_place, suggest_places
from directory.validation import clean_text, parse_number

ORUK_VERSION = "3.0"
PROFILE_URL = "https://openreferraluk.org"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
MAX_PROXIMITY_M = 200_000


def _clean(record: dict) -> dict:
    """Drop empty values: ORUK types do not allow null."""
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def service_summary(service: Service) -> dict:
    """The one-to-one fields of a service (the shape of list items)."""
    return _clean(
        {
            "id": service.id,
            "organization_id": service.organization_id,
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "accreditations": service.accreditations,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": _iso(service.assured_date),
            "alert": service.alert,
            "last_modified": service.last_modified.isoformat() + "Z" if service.last_modified else None,
        }
    )


def organization_record(org: Organization) -> dict:
    return _clean(
        {
            "id": org.id,
            "name": org.name,
            "description": org.description or org.name,
            "email": org.email,
            "website": org.website,
            "uri": org.uri,
            "parent_organization_id": org.parent_organization_id,
        }
    )


def address_record(address) -> dict:
    required = {key: getattr(address, key) or "" for key in ("address_1", "city", "state_province", "postal_code")}
    optional = _clean({"attention": address.attention, "address_2": address.address_2, "region": address.region})
    return {"id": address.id, **required, **optional, "country": address.country or "GB",
            "address_type": address.address_type or "physical"}


def location_record(location: Location) -> dict:
    return _clean(
        {
            "id": location.id,
            "location_type": location.location_type,
            "name": location.name,
            "description": location.description,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "external_identifier": location.external_identifier,
            "external_identifier_type": location.external_identifier_type,
            "addresses": [address_record(address) for address in location.addresses],
        }
    )


def _term_record(term: TaxonomyTerm) -> dict:
    return _clean(
        {
            "id": term.id,
            "code": term.code,
            "name": term.name,
            "description": term.description or term.name,
            "parent_id": term.parent_id,
            "taxonomy_id": term.taxonomy_id,
            "term_uri": term.term_uri,
            "term": term.code,
        }
    )


def service_record(session: Session, service: Service, *, terms: dict | None = None) -> dict:
    """A fully nested ORUK service (the shape of ``/services/{id}``)."""
    record = service_summary(service)
    if terms is None:
        terms = _terms_for(session, [service.id])
    if service.organization is not None:
        record["organization"] = organization_record(service.organization)
    record["service_at_locations"] = [
        _clean(
            {
                "id": sal.id,
                "service_id": service.id,
                "location_id": sal.location_id,
                "description": sal.description,
                "location": location_record(sal.location),
            }
        )
        for sal in service.service_at_locations
    ]
    record["phones"] = [
        _clean({"id": phone.id, "service_id": service.id, "number": phone.number, "description": phone.description})
        for phone in service.phones
    ]
    record["contacts"] = [
        _clean({"id": contact.id, "service_id": service.id, "name": contact.name, "title": contact.title})
        for contact in service.contacts
    ]
    record["schedules"] = [
        _clean(
            {
                "id": schedule.id,
                "service_id": service.id,
                "valid_from": _iso(schedule.valid_from),
                "valid_to": _iso(schedule.valid_to),
                "dtstart": _iso(schedule.dtstart),
                "freq": schedule.freq,
                "interval": schedule.interval,
                "byday": schedule.byday,
                "bymonthday": schedule.bymonthday,
                "opens_at": schedule.opens_at,
                "closes_at": schedule.closes_at,
                "description": schedule.description,
                "attending_type": schedule.attending_type,
                "notes": schedule.notes,
            }
        )
        for schedule in service.schedules
    ]
    record["cost_options"] = [
        _clean(
            {
                "id": cost.id,
                "service_id": service.id,
                "valid_from": _iso(cost.valid_from),
                "valid_to": _iso(cost.valid_to),
                "option": cost.option,
                "amount": cost.amount,
                "amount_description": cost.amount_description,
            }
        )
        for cost in service.cost_options
    ]
    record["service_areas"] = [
        _clean(
            {
                "id": area.id,
                "service_id": service.id,
                "name": area.name,
                "description": area.description,
                "extent": area.extent,
                "extent_type": area.extent_type,
                "uri": area.uri,
            }
        )
        for area in service.service_areas
    ]
    service_terms = terms.get(service.id, [])
    record["attributes"] = [
        {
            "id": attribute_id,
            "link_id": service.id,
            "link_type": "category",
            "link_entity": "service",
            "taxonomy_term_id": term.id,
            "taxonomy_term": _term_record(term),
        }
        for attribute_id, term in service_terms
    ]
    record["x_signpost"] = _clean(
        {
            "council": service.council,
            "categories": [term.code for _, term in service_terms if term.code],
            "source": service.source,
            "last_checked": _iso(service.last_checked),
        }
    ) | {"is_sample": bool(service.is_sample)}
    return _clean(record) | {"id": service.id, "name": service.name, "status": service.status}


def _terms_for(session: Session, service_ids: list[str]) -> dict[str, list]:
    terms: dict[str, list] = defaultdict(list)
    if not service_ids:
        return terms
    rows = session.execute(
        select(Attribute.link_id, Attribute.id, TaxonomyTerm)
        .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
        .where(Attribute.link_id.in_(service_ids))
        .order_by(Attribute.link_id, Attribute.id)
    ).all()
    for link_id, attribute_id, term in rows:
        terms[link_id].append((attribute_id, term))
    for service_id in terms:  # main category first
        terms[service_id].sort(key=lambda item: item[1].code != _main_category(session, service_id))
    return terms


def _main_category(session: Session, service_id: str) -> str | None:
    service = session.get(Service, service_id)
    return service.category if service else None


def _load_options():
    return (
        selectinload(Service.organization),
        selectinload(Service.service_at_locations)
        .selectinload(ServiceAtLocation.location)
        .selectinload(Location.addresses),
        selectinload(Service.phones),
        selectinload(Service.contacts),
        selectinload(Service.schedules),
        selectinload(Service.cost_options),
        selectinload(Service.service_areas),
    )


def get_service(session: Session, service_id: str) -> dict:
    service = None
    if isinstance(service_id, str) and len(service_id) <= 64:
        service = session.execute(
            select(Service).options(*_load_options()).where(Service.id == service_id)
        ).scalar_one_or_none()
    if service is None:
        raise NotFound("There is no service with that id.")
    return service_record(session, service)


def export_services(session: Session) -> list[dict]:
    """Every service as a fully nested ORUK record, ordered by id."""
    services = session.execute(select(Service).options(*_load_options()).order_by(Service.id)).scalars().all()
    terms = _terms_for(session, [service.id for service in services])
    return [service_record(session, service, terms=terms) for service in services]


def page_wrapper(contents: list[dict], total: int, page: int, per_page: int) -> dict:
    total_pages = max(1, math.ceil(total / per_page)) if total else 0
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def paging(page, per_page) -> tuple[int, int]:
    page = parse_number(page, "page", low=1, high=100_000, integer=True) or 1
    per_page = parse_number(per_page, "per_page", low=1, high=MAX_PER_PAGE, integer=True) or DEFAULT_PER_PAGE
    return page, per_page


def term_for(taxonomy_term_id: str | None) -> str | None:
    """A taxonomy term id from an id or a Signpost category slug; raises InvalidQuery."""
    text = clean_text(taxonomy_term_id, "category")
    if not text:
        return None
    category = cats.by_term_id(text) or cats.get_category(text) or cats.match_category(text)
    if category is not None:
        return category.term_id
    if len(text) == 36:
        return text
    raise InvalidQuery("Unknown taxonomy_term_id.", suggestions=cats.suggest(text))


def list_services(session: Session, *, page=None, per_page=None, search=None, taxonomy_term_id=None) -> dict:
    page, per_page = paging(page, per_page)
    term_id = term_for(taxonomy_term_id)
    words = clean_text(search, "q")
    conditions = []
    if term_id:
        conditions.append(Service.id.in_(select(Attribute.link_id).where(Attribute.taxonomy_term_id == term_id)))
    if words:
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(Service.name.ilike(pattern, escape="\\"), Service.description.ilike(pattern, escape="\\"))
        )
    total = session.execute(select(func.count()).select_from(Service).where(*conditions)).scalar_one()
    services = session.execute(
        select(Service).where(*conditions).order_by(Service.name, Service.id).offset((page - 1) * per_page).limit(per_page)
    ).scalars()
    return page_wrapper([service_summary(service) for service in services], total, page, per_page)


def list_service_at_locations(
    session: Session, *, page=None, per_page=None, taxonomy_term_id=None, postcode=None, proximity=None
) -> dict:
    """Service-at-location records, optionally near a postcode (``proximity`` in metres)
    and in a category. With a postcode, results are ordered nearest first."""
    page, per_page = paging(page, per_page)
    term_id = term_for(taxonomy_term_id)
    radius_m = parse_number(proximity, "proximity", low=1, high=MAX_PROXIMITY_M)
    postcode_text = clean_text(postcode, "near")
    place = None
    if postcode_text:
        if parse_postcode(postcode_text) is None:
            raise InvalidQuery("The postcode is not a valid UK postcode (for example PR1 2HE or PR1).")
        place = resolve_place(postcode_text)
        if place is None:
            raise UnknownPlace("I don't know where that postcode is.", suggestions=suggest_places(postcode_text))
    elif radius_m is not None:
        raise InvalidQuery("Please give a postcode with proximity.")
    stmt = (
        select(ServiceAtLocation, Service, Location)
        .join(Service, Service.id == ServiceAtLocation.service_id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
    )
    if term_id:
        stmt = stmt.where(Service.id.in_(select(Attribute.link_id).where(Attribute.taxonomy_term_id == term_id)))
    if place is not None and radius_m is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(place.latitude, place.longitude, radius_m / 1000)
        stmt = stmt.where(Location.latitude.between(min_lat, max_lat), Location.longitude.between(min_lon, max_lon))
    rows = session.execute(stmt.options(selectinload(Location.addresses))).all()
    ranked = []
    for sal, service, location in rows:
        distance = None
        if place is not None and location.latitude is not None and location.longitude is not None:
            distance = haversine_km(place.latitude, place.longitude, location.latitude, location.longitude)
            if radius_m is not None and distance * 1000 > radius_m:
                continue
        ranked.append((distance if distance is not None else math.inf, service.name, sal, service, location))
    ranked.sort(key=lambda row: (row[0], row[1]))
    start = (page - 1) * per_page
    contents = [
        _clean(
            {
                "id": sal.id,
                "service_id": service.id,
                "location_id": location.id,
                "description": sal.description,
                "service": service_summary(service),
                "location": location_record(location),
            }
        )
        for _, _, sal, service, location in ranked[start : start + per_page]
    ]
    return page_wrapper(contents, len(ranked), page, per_page)


def list_taxonomy_terms(session: Session, *, page=None, per_page=None) -> dict:
    page, per_page = paging(page, per_page)
    total = session.execute(select(func.count()).select_from(TaxonomyTerm)).scalar_one()
    terms = session.execute(
        select(TaxonomyTerm).order_by(TaxonomyTerm.name).offset((page - 1) * per_page).limit(per_page)
    ).scalars()
    return page_wrapper([_term_record(term) for term in terms], total, page, per_page)
