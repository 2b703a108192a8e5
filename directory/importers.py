"""Import a directory feed: Open Referral UK 3.0 JSON (a file or a URL) or the simple CSV
template (``directory/data/import_template.csv``).

Each imported service replaces any service with the same id. Provenance: the file or URL
it came from, today's date as ``last_checked``, and ``is_sample`` False (unless the
record's ``x_signpost`` extension, written by our own export, says otherwise).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from directory import categories as cats
from directory.errors import ImportProblem
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
    TaxonomyTerm,
)
from directory.places import COVERED_COUNCILS, NATIONAL, district_name, service_districts
from directory.records import add_service, attribute_id, ensure_taxonomy, remove_service, stable_id
from directory.search_index import reindex_service

MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024
MAX_PAGES = 1000
TEMPLATE = Path(__file__).resolve().parent / "data" / "import_template.csv"
VALID_COUNCILS = (*COVERED_COUNCILS, NATIONAL)


@dataclass
class ImportReport:
    services: int = 0
    warnings: list[str] = field(default_factory=list)


def _check_council(council: str | None) -> str | None:
    if council is not None and council not in VALID_COUNCILS:
        raise ImportProblem(f"Unknown council {council!r}. Use one of: {', '.join(VALID_COUNCILS)}.")
    return council


# ---------------------------------------------------------------- reading feeds


def read_json_source(source: str) -> Iterable[tuple[dict, str]]:
    """(service record, origin) pairs from a file path or an http(s) URL (following ORUK
    pages when the feed is paginated)."""
    if source.startswith(("http://", "https://")):
        yield from _read_url(source)
        return
    path = Path(source)
    if not path.is_file():
        raise ImportProblem(f"There is no file at {source}.")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportProblem(f"{source} is not valid JSON ({exc}).") from None
    for record in service_records(document):
        yield record, str(path)


def service_records(document) -> list[dict]:
    """The service records in an ORUK document: one service, a page, or a list."""
    if isinstance(document, Mapping) and "contents" in document:
        items = document["contents"]
    elif isinstance(document, Mapping):
        items = [document]
    elif isinstance(document, list):
        items = document
    else:
        raise ImportProblem("The feed is not an ORUK service, page or list of services.")
    if not all(isinstance(item, Mapping) for item in items):
        raise ImportProblem("Every item in the feed must be a JSON object.")
    return [dict(item) for item in items]


def _read_url(url: str) -> Iterable[tuple[dict, str]]:
    import requests

    page_url = url
    for page_number in range(1, MAX_PAGES + 1):
        try:
            response = requests.get(page_url, timeout=(5, 30), stream=True, headers={"Accept": "application/json"})
            response.raise_for_status()
            body = response.raw.read(MAX_DOWNLOAD_BYTES + 1, decode_content=True)
        except requests.RequestException as exc:
            raise ImportProblem(f"Could not download {page_url}: {type(exc).__name__}.") from None
        if len(body) > MAX_DOWNLOAD_BYTES:
            raise ImportProblem(f"{page_url} is larger than {MAX_DOWNLOAD_BYTES // (1024 * 1024)} MB.")
        try:
            document = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ImportProblem(f"{page_url} did not return JSON.") from None
        for record in service_records(document):
            yield record, url
        if not isinstance(document, Mapping) or document.get("last_page", True) or not document.get("contents"):
            return
        page_url = _with_page(url, page_number + 1)


def _with_page(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query["page"] = str(page)
    return urlunsplit(parts._replace(query=urlencode(query)))


# ---------------------------------------------------------------- ORUK records -> rows


def import_oruk(session: Session, source: str, *, council: str | None = None) -> ImportReport:
    """Import an ORUK 3.0 JSON feed (file or URL)."""
    _check_council(council)
    ensure_taxonomy(session)
    report = ImportReport()
    try:
        for record, origin in read_json_source(source):
            import_service_record(session, record, origin=origin, council=council, report=report)
        session.flush()
    except SQLAlchemyError as exc:
        raise ImportProblem(f"The feed could not be saved ({type(exc).__name__}); nothing was imported.") from None
    return report


def _uuid_or(value, kind: str, fallback_key: str) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except (TypeError, ValueError):
        return stable_id(kind, fallback_key)


def _fresh_id(session: Session, model, value, kind: str, key: str) -> str:
    """The record's own id when it is a UUID not already used by another record (feeds
    sometimes repeat child ids across services), else a stable id made from ``key``."""
    candidate = _uuid_or(value, kind, key)
    if session.get(model, candidate) is not None or candidate in _pending_ids(session, model):
        return stable_id(kind, f"{key}:{candidate}")
    return candidate


def _pending_ids(session: Session, model) -> set[str]:
    return {obj.id for obj in session.new if isinstance(obj, model)}


def _date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _datetime(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed


def _number(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _int(value) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


def _text(value, limit: int | None = None) -> str | None:
    if value in (None, ""):
        return None
    text = str(value)
    return text[:limit] if limit else text


def import_service_record(
    session: Session, record: Mapping, *, origin: str, council: str | None, report: ImportReport
) -> Service | None:
    name = _text(record.get("name"), 255)
    if not name:
        report.warnings.append(f"Skipped a record with no name (id {record.get('id')!r}).")
        return None
    extension = record.get("x_signpost") or {}
    service_council = _check_council(extension.get("council")) or council
    if service_council is None:
        raise ImportProblem("Please say which council this feed is for (for example --council lancashire).")
    service_id = _uuid_or(record.get("id"), "service", f"{origin}:{name}")
    remove_service(session, service_id)
    org_id = _import_organisation(session, record, origin)
    slugs, term_ids = _categories(session, record, extension)
    provenance = {
        "source": extension.get("source") or f"{origin} (Open Referral UK feed, service {service_id})",
        "last_checked": _date(extension.get("last_checked")) if extension else dt.date.today(),
        "is_sample": bool(extension.get("is_sample", False)),
    }
    status = record.get("status") if record.get("status") in {"active", "inactive", "defunct", "temporarily closed"} else "active"
    service = Service(
        id=service_id,
        organization_id=org_id,
        name=name,
        description=_text(record.get("description")),
        url=_text(record.get("url"), 500),
        email=_text(record.get("email"), 255),
        status=status,
        accreditations=_text(record.get("accreditations")),
        minimum_age=_int(record.get("minimum_age")),
        maximum_age=_int(record.get("maximum_age")),
        eligibility_description=_text(record.get("eligibility_description") or extension.get("eligibility")),
        assured_date=_date(record.get("assured_date")),
        alert=_text(record.get("alert")),
        last_modified=_datetime(record.get("last_modified")),
        council=service_council,
        category=slugs[0] if slugs else None,
        **provenance,
    )
    session.add(service)
    for index, sal in enumerate(record.get("service_at_locations") or []):
        _import_location(session, service, sal, index, provenance, report)
    phones = list(record.get("phones") or [])
    for contact in record.get("contacts") or []:
        phones.extend(contact.get("phones") or [])
        service.contacts.append(
            Contact(
                id=_fresh_id(session, Contact, contact.get("id"), "contact", f"{service_id}:{contact.get('name')}"),
                name=_text(contact.get("name"), 255),
                title=_text(contact.get("title"), 255),
                email=_text(contact.get("email"), 255),
            )
        )
    for index, phone in enumerate(phones):
        if phone.get("number"):
            service.phones.append(
                Phone(
                    id=_fresh_id(session, Phone, phone.get("id"), "phone", f"{service_id}:{index}"),
                    number=str(phone["number"])[:64],
                    description=_text(phone.get("description")),
                )
            )
    for index, cost in enumerate(record.get("cost_options") or []):
        service.cost_options.append(
            CostOption(
                id=_fresh_id(session, CostOption, cost.get("id"), "cost", f"{service_id}:{index}"),
                valid_from=_date(cost.get("valid_from")),
                valid_to=_date(cost.get("valid_to")),
                option=_text(cost.get("option")),
                amount=_number(cost.get("amount")),
                amount_description=_text(cost.get("amount_description")),
            )
        )
    for index, item in enumerate(record.get("schedules") or []):
        service.schedules.append(_schedule(item, _fresh_id(session, Schedule, item.get("id"), "schedule", f"{service_id}:{index}")))
    for index, area in enumerate(record.get("service_areas") or []):
        service.service_areas.append(
            ServiceArea(
                id=_fresh_id(session, ServiceArea, area.get("id"), "area", f"{service_id}:{index}"),
                name=_text(area.get("name"), 255),
                description=_text(area.get("description")),
                extent=_text(area.get("extent")),
                extent_type=_text(area.get("extent_type"), 32),
                uri=_text(area.get("uri"), 500),
            )
        )
    for term_id in term_ids:
        session.add(
            Attribute(
                id=attribute_id(service_id, term_id),
                link_id=service_id,
                link_type="category",
                link_entity="service",
                taxonomy_term_id=term_id,
            )
        )
    reindex_service(session, service_id)
    report.services += 1
    return service


def _schedule(item: Mapping, schedule_id: str) -> Schedule:
    return Schedule(
        id=schedule_id,
        valid_from=_date(item.get("valid_from")),
        valid_to=_date(item.get("valid_to")),
        dtstart=_date(item.get("dtstart")),
        freq=_text(item.get("freq"), 16),
        interval=_int(item.get("interval")),
        byday=_text(item.get("byday"), 64),
        bymonthday=_text(item.get("bymonthday"), 64),
        opens_at=_text(item.get("opens_at"), 16),
        closes_at=_text(item.get("closes_at"), 16),
        description=_text(item.get("description")),
        attending_type=_text(item.get("attending_type")),
        notes=_text(item.get("notes")),
    )


def _import_organisation(session: Session, record: Mapping, origin: str) -> str | None:
    data = record.get("organization")
    if not isinstance(data, Mapping) or not data.get("name"):
        org_id = record.get("organization_id")
        return str(org_id) if org_id and session.get(Organization, str(org_id)) else None
    org_id = _uuid_or(data.get("id"), "organization", f"{origin}:{data['name']}")
    org = session.get(Organization, org_id) or Organization(id=org_id)
    org.name = str(data["name"])[:255]
    org.description = _text(data.get("description")) or ""
    org.email = _text(data.get("email"), 255)
    org.website = _text(data.get("website"), 500)
    org.uri = _text(data.get("uri"), 500)
    org.parent_organization_id = _text(data.get("parent_organization_id"), 36)
    org.source = org.source or f"{origin} (Open Referral UK feed)"
    org.last_checked = dt.date.today()
    session.add(org)
    session.flush()
    return org_id


def _categories(session: Session, record: Mapping, extension: Mapping) -> tuple[list[str], list[str]]:
    """Signpost category slugs, and every taxonomy term id to link (foreign terms kept)."""
    slugs: list[str] = []
    term_ids: list[str] = []
    for slug in extension.get("categories") or []:
        category = cats.get_category(str(slug))
        if category and category.slug not in slugs:
            slugs.append(category.slug)
            term_ids.append(category.term_id)
    for attribute in record.get("attributes") or []:
        term = attribute.get("taxonomy_term") or {}
        term_id = term.get("id") or attribute.get("taxonomy_term_id")
        category = cats.by_term_id(str(term_id)) if term_id else None
        for word in (term.get("code"), term.get("term"), term.get("name")):
            if category is None and word:
                category = cats.get_category(str(word)) or cats.match_category(str(word))
        if category is not None:
            if category.slug not in slugs:
                slugs.append(category.slug)
                term_ids.append(category.term_id)
            continue
        if term.get("name"):
            foreign_id = _uuid_or(term_id, "taxonomy_term", str(term["name"]))
            existing = session.get(TaxonomyTerm, foreign_id)
            if existing is None:
                session.add(
                    TaxonomyTerm(
                        id=foreign_id,
                        code=_text(term.get("term") or term.get("code"), 64),
                        name=str(term["name"])[:255],
                        description=_text(term.get("description")) or "",
                        term_uri=_text(term.get("term_uri"), 500),
                    )
                )
                session.flush()
            if foreign_id not in term_ids:
                term_ids.append(foreign_id)
    return slugs, term_ids


def _import_location(session, service, sal: Mapping, index: int, provenance: dict, report: ImportReport) -> None:
    data = sal.get("location") or {}
    location_id = _uuid_or(data.get("id") or sal.get("location_id"), "location", f"{service.id}:{index}")
    location = session.get(Location, location_id)
    if location is None:
        location = Location(id=location_id)
        session.add(location)
    lat, lon = data.get("latitude"), data.get("longitude")
    if lat is not None or lon is not None:
        if valid_coordinates(lat, lon):
            location.latitude, location.longitude = float(lat), float(lon)
        else:
            report.warnings.append(f"{service.name}: ignored impossible coordinates ({lat}, {lon}).")
            location.latitude = location.longitude = None
    location.location_type = data.get("location_type") if data.get("location_type") in {
        "physical", "postal", "virtual"} else "physical"
    location.name = _text(data.get("name"), 255)
    location.description = _text(data.get("description"))
    location.external_identifier = _text(data.get("external_identifier"), 64)
    location.external_identifier_type = _text(data.get("external_identifier_type"), 32)
    for key, value in provenance.items():
        setattr(location, key, value)
    location.addresses.clear()
    session.flush()
    for number, address in enumerate(data.get("addresses") or []):
        location.addresses.append(
            Address(
                id=_fresh_id(session, Address, address.get("id"), "address", f"{location_id}:{number}"),
                attention=_text(address.get("attention"), 255),
                address_1=str(address.get("address_1") or "")[:255],
                address_2=_text(address.get("address_2"), 255),
                city=str(address.get("city") or "")[:128],
                region=_text(address.get("region"), 128),
                state_province=str(address.get("state_province") or "")[:128],
                postal_code=str(address.get("postal_code") or "")[:16],
                country=str(address.get("country") or "GB")[:2],
                address_type=str(address.get("address_type") or "physical")[:16],
            )
        )
    service.service_at_locations.append(
        ServiceAtLocation(
            id=_fresh_id(session, ServiceAtLocation, sal.get("id"), "sal", f"{service.id}:{index}"),
            location_id=location_id,
            description=_text(sal.get("description")),
        )
    )


# ---------------------------------------------------------------- CSV template

CSV_COLUMNS = [
    "name", "organisation", "category", "also", "description", "address_1", "town", "postcode",
    "latitude", "longitude", "phone", "email", "url", "cost", "eligibility", "minimum_age",
    "maximum_age", "council", "areas", "source", "last_checked", "is_sample",
]


def import_csv(session: Session, source: str, *, council: str | None = None) -> ImportReport:
    """Import the CSV template: one service per row."""
    _check_council(council)
    path = Path(source)
    if not path.is_file():
        raise ImportProblem(f"There is no file at {source}.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(f"{source} is not UTF-8 text.") from None
    ensure_taxonomy(session)
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text))
    missing = {"name", "category"} - set(reader.fieldnames or [])
    if missing:
        raise ImportProblem(f"The CSV is missing the column(s): {', '.join(sorted(missing))}.")
    for line, row in enumerate(reader, start=2):
        row = {key: (value or "").strip() for key, value in row.items() if key}
        if not row.get("name"):
            report.warnings.append(f"Line {line}: skipped (no name).")
            continue
        row_council = _check_council(row.get("council") or council)
        if row_council is None:
            raise ImportProblem(f"Line {line}: please give a council (column or --council).")
        record = dict(row)
        record["also"] = [word.strip() for word in row.get("also", "").split(";") if word.strip()]
        record["key"] = f"csv:{row['name']}:{row.get('postcode', '')}"
        record["source"] = row.get("source") or f"{path.name} line {line}"
        record["last_checked"] = row.get("last_checked") or None
        if row.get("organisation"):
            record["organization_id"] = _csv_organisation(session, row["organisation"], record["source"])
        try:
            add_service(session, record, council=row_council)
        except ValueError as exc:
            report.warnings.append(f"Line {line}: skipped ({exc}).")
            continue
        report.services += 1
    session.flush()
    return report


def _csv_organisation(session: Session, name: str, source: str) -> str:
    org_id = stable_id("organization", f"csv:{name.lower()}")
    org = session.get(Organization, org_id)
    if org is None:
        session.add(Organization(id=org_id, name=name[:255], description="", source=source))
        session.flush()
    return org_id


def csv_rows(session: Session) -> list[dict]:
    """Every service as a row of the CSV template (main location and phone only)."""
    from sqlalchemy import select

    from directory.search import service_cards

    services = session.execute(select(Service).order_by(Service.council, Service.name)).scalars().all()
    cards = {card["id"]: card for card in service_cards(session, [(service.id, None) for service in services])}
    rows = []
    for service in services:
        card = cards[service.id]
        location = service.service_at_locations[0].location if service.service_at_locations else None
        extra = [slug for slug in _service_slugs(session, service.id) if slug != service.category]
        rows.append(
            {
                "name": service.name,
                "organisation": card["organisation"] or "",
                "category": service.category or "",
                "also": ";".join(extra),
                "description": service.description or "",
                "address_1": card["address"] or "",
                "town": card["town"] or "",
                "postcode": card["postcode"] or "",
                "latitude": location.latitude if location is not None and location.latitude is not None else "",
                "longitude": location.longitude if location is not None and location.longitude is not None else "",
                "phone": card["phone"] or "",
                "email": service.email or "",
                "url": service.url or "",
                "cost": card["cost"] or "",
                "eligibility": service.eligibility_description or "",
                "minimum_age": service.minimum_age if service.minimum_age is not None else "",
                "maximum_age": service.maximum_age if service.maximum_age is not None else "",
                "council": service.council,
                "areas": ";".join(_district_areas(service)),
                "source": service.source or "",
                "last_checked": service.last_checked.isoformat() if service.last_checked else "",
                "is_sample": "true" if service.is_sample else "false",
            }
        )
    return rows


def _district_areas(service: Service) -> list[str]:
    """The districts a service is only for, by name ([] for the whole council area)."""
    names = [area.name for area in service.service_areas]
    return [district_name(service.council, slug) for slug in service_districts(service.council, names)]


def _service_slugs(session: Session, service_id: str) -> list[str]:
    from sqlalchemy import select

    return [
        code
        for code in session.execute(
            select(TaxonomyTerm.code)
            .join(Attribute, Attribute.taxonomy_term_id == TaxonomyTerm.id)
            .where(Attribute.link_id == service_id)
            .order_by(TaxonomyTerm.code)
        ).scalars()
        if code and cats.get_category(code)
    ]


def export_csv(rows: Iterable[dict]) -> str:
    """Rows (see ``csv_rows``) as CSV text in the template's columns."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
