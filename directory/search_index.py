"""Keep the ``service_search`` table (see ``directory.models.ServiceSearch``) in step with
the ORUK tables. Every write path (sample loader, CSV and ORUK importers) calls
``reindex_service`` after writing a service; ``rebuild`` redoes the whole table.

A service whose ``service_area`` names are all districts of its council (see
``directory.places.service_districts``) gets one row per district (``area``); any other
service one row with ``area`` NULL (the whole council area)."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from directory.categories import term_id_for
from directory.models import Attribute, Location, Service, ServiceArea, ServiceAtLocation, ServiceSearch
from directory.places import service_districts


def rows_for(session: Session, service_ids: list[str]) -> list[dict]:
    services = session.execute(
        select(Service.id, Service.council, Service.name, Service.is_sample, Service.category).where(
            Service.id.in_(service_ids), Service.status == "active"
        )
    ).all()
    if not services:
        return []
    terms: dict[str, list] = {}
    for link_id, term_id in session.execute(
        select(Attribute.link_id, Attribute.taxonomy_term_id).where(Attribute.link_id.in_(service_ids))
    ):
        terms.setdefault(link_id, []).append(term_id)
    points: dict[str, list] = {}
    for service_id, lat, lon in session.execute(
        select(ServiceAtLocation.service_id, Location.latitude, Location.longitude)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(ServiceAtLocation.service_id.in_(service_ids), Location.latitude.is_not(None),
               Location.longitude.is_not(None))
    ):
        points.setdefault(service_id, []).append((lat, lon))
    area_names: dict[str, list] = {}
    for service_id, area_name in session.execute(
        select(ServiceArea.service_id, ServiceArea.name).where(ServiceArea.service_id.in_(service_ids))
    ):
        area_names.setdefault(service_id, []).append(area_name)
    rows = []
    for service_id, council, name, is_sample, category in services:
        main_term = term_id_for(category) if category else None
        areas = service_districts(council, area_names.get(service_id, ())) or (None,)
        for term_id in terms.get(service_id) or [None]:
            for lat, lon in points.get(service_id) or [(None, None)]:
                for area in areas:
                    rows.append({"service_id": service_id, "term_id": term_id, "council": council, "latitude": lat,
                                 "longitude": lon, "name": name[:255], "is_sample": bool(is_sample),
                                 "is_main": term_id is not None and term_id == main_term, "area": area})
    return rows


def reindex_service(session: Session, service_id: str) -> None:
    session.flush()
    session.execute(delete(ServiceSearch).where(ServiceSearch.service_id == service_id))
    rows = rows_for(session, [service_id])
    if rows:
        session.execute(insert(ServiceSearch), rows)


def rebuild(session: Session, batch: int = 2000) -> int:
    """Rebuild the whole index. Returns the number of rows written."""
    session.flush()
    session.execute(delete(ServiceSearch))
    ids = list(session.execute(select(Service.id).order_by(Service.id)).scalars())
    written = 0
    for start in range(0, len(ids), batch):
        rows = rows_for(session, ids[start : start + batch])
        if rows:
            session.execute(insert(ServiceSearch), rows)
            written += len(rows)
    return written
