"""Load the shipped sample directory (directory/data/services/*.yml) into a database."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from directory.models import Service, ServiceArea
from directory.records import add_service, area_names, ensure_taxonomy, stable_id, upsert_organisation
from directory.search_index import reindex_service

SERVICES_DIR = Path(__file__).resolve().parent / "data" / "services"


def sample_files() -> list[Path]:
    return sorted(SERVICES_DIR.glob("*.yml"))


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when built: three times faster


def _read(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)  # a safe loader (C or pure Python)


def service_id_for(council: str, record: dict) -> str:
    """The stable id ``add_service`` gives a shipped record."""
    return stable_id("service", f"{council}:{record['key']}")


def load_file(session: Session, path: Path, only: set[str] | None = None) -> int:
    """Load one council file (or only the services whose ids are in ``only``). Returns the
    number of services loaded."""
    data = _read(path)
    council = data["council"]
    defaults = {"last_checked": data.get("last_checked")}
    org_ids = {}
    for key, org in (data.get("organisations") or {}).items():
        org_ids[key] = stable_id("organization", f"{council}:{key}")
        upsert_organisation(session, org_ids[key], org, defaults)
    session.flush()
    loaded = 0
    for record in data.get("services") or []:
        if only is not None and service_id_for(council, record) not in only:
            continue
        record = dict(record)
        record["organization_id"] = org_ids[record["organisation"]]
        record.setdefault("source", (data["organisations"][record["organisation"]] or {}).get("source"))
        add_service(session, record, council=council, defaults=defaults)
        loaded += 1
    session.flush()
    return loaded


def load_sample_data(session: Session) -> int:
    """Load every shipped file. Returns the number of services loaded."""
    ensure_taxonomy(session)
    return sum(load_file(session, path) for path in sample_files())


def shipped_files() -> list[tuple[Path, dict]]:
    """(path, parsed file) for every shipped council file."""
    return [(path, _read(path)) for path in sample_files()]


def add_missing_sample_records(session: Session, shipped: list[tuple[Path, dict]] | None = None) -> int:
    """In a database that holds the shipped sample directory, add shipped records it does not
    have yet (records added to directory/data/services after the database was loaded, such as
    a new category's services). A database holding none of the shipped records (a council's
    own directory) is left alone. Returns the number of services added."""
    wanted = {
        path: {service_id_for(data["council"], record) for record in data.get("services") or []}
        for path, data in (shipped if shipped is not None else shipped_files())
    }
    every = set().union(*wanted.values())
    present = set(session.execute(select(Service.id).where(Service.id.in_(every))).scalars())
    if not present or present == every:
        return 0
    return sum(load_file(session, path, only=ids - present) for path, ids in wanted.items() if ids - present)


def update_sample_areas(session: Session, shipped: list[tuple[Path, dict]] | None = None) -> int:
    """Keep the service areas (ORUK ``service_area`` names) of shipped records in step with the
    shipped files, and reindex the services whose areas changed: a later release may say that a
    shipped service is only for some districts (``areas``), and a search must then leave it out
    elsewhere. Only shipped records are touched, so a council's own directory is left alone.
    Returns the number of services changed."""
    expected: dict[str, list[str]] = {}
    for _, data in shipped if shipped is not None else shipped_files():
        for record in data.get("services") or []:
            expected[service_id_for(data["council"], record)] = area_names(record, data["council"])
    present = set(session.execute(select(Service.id).where(Service.id.in_(expected))).scalars())
    if not present:
        return 0
    stored: dict[str, list[str]] = {}
    for service_id, name in session.execute(
        select(ServiceArea.service_id, ServiceArea.name).where(ServiceArea.service_id.in_(present))
    ):
        stored.setdefault(service_id, []).append(name)
    changed = 0
    for service_id in sorted(present):
        if sorted(stored.get(service_id, [])) == sorted(expected[service_id]):
            continue
        session.execute(delete(ServiceArea).where(ServiceArea.service_id == service_id))
        for index, name in enumerate(expected[service_id]):
            session.add(ServiceArea(id=stable_id("area", service_id if index == 0 else f"{service_id}:{index}"),
                                    service_id=service_id, name=name))
        reindex_service(session, service_id)
        changed += 1
    return changed


def service_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Service)).scalar_one()
