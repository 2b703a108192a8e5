"""Find services: by category, near a place (ranked by distance), and by words.

``search_services`` returns the same shape as ``GET /api/services``::

    {"location": {...} | None, "results": [...], "total": int, "national": [...], "notice": str | None}

How results are ordered when a place is given: services whose main category is the one
asked for come first, then services that only list it as one of their other categories
("also": a telecare service that also supports carers); each card says which (``match``,
``match_note``). Within each group, real records before sample records; then services with
a location inside the radius, nearest first; then services that cover the whole council
area but have no single address. Only services for the council the place belongs to are
listed (council services are for that council's residents). A place that belongs to another
council gets no local results, a notice saying so, and the national services.

Services only for some districts of a council (their ORUK ``service_area`` names are districts,
for example a carers' pilot in North West Leicestershire and Oadby and Wigston) are left out
of searches from a place in another district (Loughborough is in Charnwood): a resident expects
a list of services they can use, and a card they cannot use reads as help that is not there.
When the place may be in more than one district (a county, or a postcode district that spans
districts), they stay in the list, after the services open to the whole council area, and the
card says who they are for (``area_note``: "Only for people in North West Leicestershire or
Oadby and Wigston.").

Why "also" services are listed at all: some are exactly what the person needs (a crisis
service for carers who can no longer cope, a dementia charity's carers' support), but a
resident who asks for "carers groups" expects carers' services first, and a card from
another kind of service must say why it is there.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import Float, Integer, and_, case, cast, func, literal, null, or_, select, union_all
from sqlalchemy.orm import Session

from directory import categories as cats
from directory.errors import InvalidQuery, UnknownCategory, UnknownPlace
from directory.geo import EARTH_RADIUS_KM, bounding_box
from directory.models import (
    Address,
    Attribute,
    CostOption,
    Location,
    Organization,
    Phone,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceSearch,
)
from directory.places import (
    COVERED_COUNCILS,
    NATIONAL,
    Place,
    council_area,
    council_name,
    councils_with_districts,
    district_name,
    or_list,
    resolve_place,
    service_districts,
    shared_district_line,
    suggest_places,
)
from directory.validation import check_limit, check_offset, check_radius, clean_text

DEFAULT_RADIUS_KM = 30.0
DEFAULT_LIMIT = 5
NATIONAL_LIMIT = 5
GENERAL_NATIONAL_CATEGORY = "advice-advocacy"


def resolve_category(text: str | None) -> cats.Category | None:
    """The category for a slug, name or everyday word; raises UnknownCategory."""
    if not text:
        return None
    category = cats.get_category(text) or cats.match_category(text)
    if category is None:
        raise UnknownCategory(
            f'I don\'t know the category "{text}". Try one of the suggestions, or see /api/categories.',
            suggestions=cats.suggest(text),
        )
    return category


def search_services(
    session: Session,
    *,
    category: str | None = None,
    near: str | None = None,
    radius_km=None,
    q: str | None = None,
    limit=DEFAULT_LIMIT,
    offset=0,
) -> dict:
    """Search the directory. Raises UnknownPlace, UnknownCategory or InvalidQuery."""
    category_text = clean_text(category, "category")
    near_text = clean_text(near, "near")
    q_text = clean_text(q, "q")
    radius = check_radius(radius_km)
    limit = check_limit(limit, DEFAULT_LIMIT)
    offset = check_offset(offset)
    if radius is not None and not near_text:
        raise InvalidQuery("Please say where (near) as well as how far (radius_km).")

    chosen = resolve_category(category_text)
    q_category = cats.find_in_text(q_text) if q_text and chosen is None else None
    wanted = chosen or q_category  # services with this main category are listed first
    national_slug = wanted.slug if wanted else GENERAL_NATIONAL_CATEGORY

    place = None
    if near_text:
        place = resolve_place(near_text)
        if place is None:
            raise UnknownPlace(
                f'I couldn\'t find "{near_text}". Signpost covers Lancashire, Leicestershire, North East '
                "Lincolnshire and Bath and North East Somerset. Try a town or a postcode.",
                suggestions=suggest_places(near_text),
                national=national_services(session, national_slug, labelled=wanted is not None),
            )

    response = {
        "location": place.to_dict() if place else None,
        "results": [],
        "total": 0,
        "national": national_services(session, national_slug, labelled=wanted is not None),
        "notice": None,
    }
    if place is not None:
        response["notice"] = place_notice(place)
        if not place.covered:
            return response

    words = _word_filter(q_text, q_category)
    if place is not None:
        ranked = _ranked_near(session, chosen, words, place, radius or DEFAULT_RADIUS_KM, main=wanted)
    else:
        ranked = _ranked_anywhere(session, chosen, words, main=wanted)
    page = session.execute(ranked.limit(limit).offset(offset)).all()
    if page:
        response["total"] = page[0].total
    elif offset:
        response["total"] = session.execute(select(func.count()).select_from(ranked.subquery())).scalar_one()
    # near a place the index says which services are only for some districts: only those need their areas read
    limited = {row.service_id for row in page if row.area} if place is not None else None
    response["results"] = service_cards(session, [(row.service_id, row.distance) for row in page], category=chosen,
                                        limited=limited)
    return response


def covered_areas_text() -> str:
    """"Lancashire, Leicestershire, North East Lincolnshire and Bath and North East Somerset"."""
    names = [council_area(slug) for slug in COVERED_COUNCILS]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def outside_area_notice(place: Place, mode: str = "resident") -> str:
    """Plain English for a place outside Signpost's areas: who covers it, what Signpost covers,
    a word about different rules in Wales, Scotland and Northern Ireland, and the national services.
    One clear thing to do: contact that council, or (when the postcode alone cannot say) tell
    Signpost the town; never both.

    - a town: "Manchester is covered by Manchester City Council, not by the areas Signpost covers (...)."
    - a postcode district mostly in another council: "Most of LE2 is covered by Leicester City
      Council, not by ... Please contact Leicester City Council ... If your LE2 address is in
      Leicestershire (for example Oadby), tell me your town and I'll search there."
    - a postcode whose district a town names: "BA11 1AA is a Frome area postcode. Frome is covered
      by Somerset Council, not by ..."
    - a postcode known only by its area letters: "M1 is a Manchester area postcode, outside ...
      Please contact the local council for that address ..."; in an area that also holds districts
      Signpost covers, it asks for the town instead.
    ``mode="staff"`` words the advice for an adviser ("Refer the caller to ...").
    """
    staff = mode == "staff"
    covered = covered_areas_text()
    name = place.council_name or council_name(place.council)
    parts = []
    if place.ask_town:
        parts.append(place.note)
        parts.append(f"Signpost covers {covered}.")
        parts.append("Ask the caller which town they live in, then search again." if staff
                     else "Tell me your town and I'll check.")
    elif name:
        subject = place.name
        if place.post_town:
            parts.append(place.note)
            subject = place.post_town
        elif place.kind == "postcode" and place.shared_with and place.outward:
            subject = f"Most of {place.outward}"
        parts.append(f"{subject} is covered by {name}, not by the areas Signpost covers ({covered}).")
        parts.append(f"Refer the caller to {name} adult social care." if staff
                     else f"Please contact {name} about adult social care.")
        parts.append(shared_district_line(place, mode))
    else:
        parts.append(place.note)
        parts.append(f"Signpost covers {covered}.")
        parts.append("Refer the caller to the local council for their address." if staff
                     else "Please contact the local council for that address about adult social care.")
    parts.append(place.nation_note)
    parts.append("The national services below can help anyone.")
    return " ".join(part for part in parts if part)


def place_notice(place: Place, mode: str = "resident") -> str | None:
    """The notice for a search near ``place``: the outside-area answer, the one line about a
    postcode district that other councils share ("If your BA2 address is in Somerset or
    Wiltshire, contact ..."), or the place's note; None when there is nothing to say."""
    if not place.covered:
        return outside_area_notice(place, mode)
    if place.shared_with:
        return shared_district_line(place, mode) or None
    return place.note or None


def _word_filter(q_text: str | None, q_category: cats.Category | None):
    """A condition on Service for the free-text words (or None): the words appear in the
    name, description or eligibility, or they name a category the service is in."""
    if not q_text:
        return None
    pattern = "%" + q_text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    words = or_(
        Service.name.ilike(pattern, escape="\\"),
        Service.description.ilike(pattern, escape="\\"),
        Service.eligibility_description.ilike(pattern, escape="\\"),
    )
    if q_category is not None:
        words = or_(words, Service.id.in_(_category_ids(q_category)))
    return words


def _category_ids(category: cats.Category):
    return select(Attribute.link_id).where(Attribute.taxonomy_term_id == category.term_id)


def _index_query(council: str, category: cats.Category | None, words, districts: tuple[str, ...] = ()):
    """Rows of the search index for a council (and category), joined to the service
    only when words must be matched. With ``districts`` (where the place is), services that are
    only for other districts of the council are left out."""
    query = select(
        ServiceSearch.service_id, ServiceSearch.name, ServiceSearch.is_sample,
        ServiceSearch.latitude, ServiceSearch.longitude,
    ).where(ServiceSearch.council == council)
    if category is not None:
        query = query.where(ServiceSearch.term_id == category.term_id)
    if districts:
        query = query.where(or_(ServiceSearch.area.is_(None), ServiceSearch.area.in_(districts)))
    if words is not None:
        query = query.join(Service, Service.id == ServiceSearch.service_id).where(words)
    return query


def distance_km_expression(lat0: float, lon0: float):
    """Haversine distance in km from (lat0, lon0) to each search-index row, in SQL (SQLite's
    math functions or PostgreSQL's; ``directory.db`` adds them to SQLite builds without)."""
    lat, lon = ServiceSearch.latitude, ServiceSearch.longitude
    half_dlat = func.radians(lat - lat0) / 2
    half_dlon = func.radians(lon - lon0) / 2
    a = func.sin(half_dlat) * func.sin(half_dlat) + math.cos(math.radians(lat0)) * func.cos(
        func.radians(lat)
    ) * func.sin(half_dlon) * func.sin(half_dlon)
    return 2 * EARTH_RADIUS_KM * func.asin(func.sqrt(a))


def _also_rank(main: cats.Category | None):
    """For queries on Service: 0 for a service whose main category is ``main`` (or when there is
    none), 1 for a service only also in it; an ORDER BY term that lists the kind asked for first."""
    if main is None:
        return literal(0)
    return case((Service.category == main.slug, 0), else_=1)


def _main_flag(category: cats.Category | None, main: cats.Category | None):
    """For search-index rows: 1 when the row says ``main`` is the service's main category, else 0
    (always 1 without ``main``). Read from the covering index, never the service table."""
    if main is None:
        return literal(1)
    if category is not None and category.slug == main.slug:  # the rows are already of this category
        return cast(ServiceSearch.is_main, Integer)
    return case((and_(ServiceSearch.term_id == main.term_id, ServiceSearch.is_main), 1), else_=0)


def _ranked_near(session: Session, category, words, place: Place, radius_km: float, main=None):
    """A query of (service_id, distance, name, is_sample, is_main, area), in result order:
    services whose main category is ``main`` before those only also in it; within each, real
    records before sample records, then (when it is not certain which district the place is in:
    a county, or a postcode district that spans districts) services open to the whole council
    area before services only for some districts, then located services inside the radius,
    nearest first (haversine), then area-wide services of the same council. Services only for
    other districts than the place's are left out; ``area`` is one of the districts a service is
    only for (NULL: the whole council area). The bounding box on the indexed latitude (and
    longitude) columns keeps the scan small; the database then ranks and pages."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(place.latitude, place.longitude, radius_km)
    points = (
        _index_query(place.council, category, words, place.districts)
        .with_only_columns(
            ServiceSearch.service_id.label("service_id"),
            distance_km_expression(place.latitude, place.longitude).label("distance"),
            ServiceSearch.name.label("name"),
            cast(ServiceSearch.is_sample, Integer).label("is_sample"),
            _main_flag(category, main).label("is_main"),
            ServiceSearch.area.label("area"),
        )
        .where(ServiceSearch.latitude.between(min_lat, max_lat), ServiceSearch.longitude.between(min_lon, max_lon))
        .subquery()
    )
    located = (
        select(
            points.c.service_id,
            func.min(points.c.distance).label("distance"),
            func.max(points.c.name).label("name"),
            func.max(points.c.is_sample).label("is_sample"),
            func.max(points.c.is_main).label("is_main"),
            func.max(points.c.area).label("area"),
        )
        .where(points.c.distance <= radius_km)
        .group_by(points.c.service_id)
    )
    area_wide = (
        _index_query(place.council, category, words, place.districts)
        .with_only_columns(
            ServiceSearch.service_id.label("service_id"),
            cast(null(), Float).label("distance"),
            func.max(ServiceSearch.name).label("name"),
            func.max(cast(ServiceSearch.is_sample, Integer)).label("is_sample"),
            func.max(_main_flag(category, main)).label("is_main"),
            func.max(ServiceSearch.area).label("area"),
        )
        .where(ServiceSearch.latitude.is_(None))
        .group_by(ServiceSearch.service_id)
    )
    both = union_all(located, area_wide).subquery()
    order = [both.c.is_main.desc(), both.c.is_sample]
    if len(place.districts) != 1 and place.council in councils_with_districts():
        # not certain the place is in a district-only service's district: those come last
        order.append(both.c.area.is_not(None))
    order += [both.c.distance.is_(None), both.c.distance, func.lower(both.c.name), both.c.service_id]
    return select(
        both.c.service_id, both.c.distance, both.c.name, both.c.is_sample, both.c.is_main, both.c.area,
        func.count().over().label("total"),
    ).order_by(*order)


def _ranked_anywhere(session: Session, category, words, main=None):
    query = select(
        Service.id.label("service_id"), cast(null(), Float).label("distance"), Service.name, Service.is_sample
    ).where(Service.council != NATIONAL, Service.status == "active")
    if category is not None:
        query = query.where(Service.id.in_(_category_ids(category)))
    if words is not None:
        query = query.where(words)
    query = query.add_columns(func.count().over().label("total"))
    return query.order_by(_also_rank(main), Service.is_sample, Service.council, Service.name, Service.id)


def national_services(
    session: Session, category_slug: str, limit: int = NATIONAL_LIMIT, *, labelled: bool = True
) -> list[dict]:
    """National services in a category (as result cards), main-category matches first.

    ``labelled``: the cards say whether the category is the service's main one (``match``,
    ``match_note``); False when nobody asked for this category (the general advice lines
    shown when a search names no category)."""
    category = cats.get_category(category_slug)
    if category is None:
        return []
    rows = session.execute(_index_query(NATIONAL, category, None)).all()
    ids = sorted({row[0]: row[1] for row in rows}.items(), key=lambda item: item[1].lower())
    cards = service_cards(session, [(service_id, None) for service_id, _ in ids], category=category)
    cards.sort(key=lambda card: card["category"] != category.slug)
    if not labelled:
        for card in cards:
            card["match"] = card["match_note"] = None
    return cards[:limit]


def match_fields(service_category: str | None, category: cats.Category | None) -> tuple[str | None, str | None]:
    """(``match``, ``match_note``) of a card found by searching ``category``: ("main", None) when
    it is the service's main category, ("also", "Main service: Telecare ... Also listed under:
    Support for carers.") when the service only also offers it; (None, None) without a category."""
    if category is None:
        return None, None
    if service_category == category.slug:
        return "main", None
    main = cats.get_category(service_category or "")
    note = f"Main service: {main.name}. " if main else ""
    return "also", f"{note}Also listed under: {category.name}."


def service_cards(
    session: Session,
    ranked: Iterable[tuple[str, float | None]],
    category: cats.Category | None = None,
    *,
    limited: set[str] | None = None,
) -> list[dict]:
    """Result cards (the JSON shape of one result) for (id, distance) pairs, in order. With the
    ``category`` searched for, each card says whether that is the service's main category.
    ``limited``: the ids that may be only for some districts (from the search index), when the
    caller knows; the others get no ``area_note`` without a lookup."""
    ranked = list(ranked)
    ids = [service_id for service_id, _ in ranked]
    if not ids:
        return []
    services = {
        service.id: (service, org)
        for service, org in session.execute(
            select(Service, Organization)
            .outerjoin(Organization, Organization.id == Service.organization_id)
            .where(Service.id.in_(ids))
        ).all()
    }
    places: dict[str, tuple] = {}
    for service_id, address in session.execute(
        select(ServiceAtLocation.service_id, Address)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .outerjoin(Address, Address.location_id == Location.id)
        .where(ServiceAtLocation.service_id.in_(ids))
    ).all():
        places.setdefault(service_id, address)
    phones: dict[str, str] = {}
    for service_id, number in session.execute(
        select(Phone.service_id, Phone.number).where(Phone.service_id.in_(ids)).order_by(Phone.id)
    ).all():
        phones.setdefault(service_id, number)
    costs: dict[str, list[str]] = {}
    for cost in session.execute(select(CostOption).where(CostOption.service_id.in_(ids))).scalars():
        costs.setdefault(cost.service_id, []).append(cost_text(cost))
    areas: dict[str, list] = {}
    with_districts = councils_with_districts()
    area_ids = [service_id for service_id, (service, _) in services.items()
                if service.council in with_districts and (limited is None or service_id in limited)]
    if area_ids:
        for service_id, area_name in session.execute(
            select(ServiceArea.service_id, ServiceArea.name).where(ServiceArea.service_id.in_(area_ids))
        ).all():
            areas.setdefault(service_id, []).append(area_name)
    cards = []
    for service_id, distance in ranked:
        if service_id not in services:
            continue
        service, org = services[service_id]
        address = places.get(service_id)
        match, match_note = match_fields(service.category, category)
        cards.append(
            {
                "id": service.id,
                "name": service.name,
                "organisation": org.name if org else None,
                "category": service.category,
                "description": service.description,
                "address": (address.address_1 or None) if address else None,
                "postcode": (address.postal_code or None) if address else None,
                "town": (address.city or None) if address else None,
                "council": service.council,
                "distance_km": round(distance, 1) if distance is not None else None,
                "phone": phones.get(service_id),
                "email": service.email,
                "url": service.url or (org.website if org else None),
                "cost": "; ".join(text for text in costs.get(service_id, []) if text) or None,
                "eligibility": eligibility_text(service),
                "source": service.source,
                "is_sample": bool(service.is_sample),
                "match": match,
                "match_note": match_note,
                "area_note": area_note(service.council, areas.get(service_id, ())),
            }
        )
    return cards


def area_note(council: str, area_names) -> str | None:
    """"Only for people in North West Leicestershire or Oadby and Wigston." for a service that is
    only for some districts of its council (from its ORUK service_area names), else None."""
    districts = service_districts(council, area_names)
    if not districts:
        return None
    return f"Only for people in {or_list(sorted(district_name(council, slug) for slug in districts))}."


def cost_text(cost: CostOption) -> str:
    parts = []
    if cost.option:
        parts.append(cost.option.strip())
    if cost.amount is not None:
        amount = Decimal(cost.amount)
        parts.append(f"£{amount:,.2f}" + (f" {cost.amount_description.strip()}" if cost.amount_description else ""))
    elif cost.amount_description:
        parts.append(cost.amount_description.strip())
    return ": ".join(parts)


def eligibility_text(service: Service) -> str | None:
    ages = None
    if service.minimum_age is not None and service.maximum_age is not None:
        ages = f"Ages {service.minimum_age} to {service.maximum_age}."
    elif service.minimum_age is not None:
        ages = f"Ages {service.minimum_age} and over."
    elif service.maximum_age is not None:
        ages = f"Ages up to {service.maximum_age}."
    text = " ".join(part for part in (service.eligibility_description, ages) if part)
    return text or None
