"""Load the shipped sample directory (directory/data/services/*.yml) into a database."""

from __future__ import annotations

from pathlib import Path

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory.models import Service
from directory.records import add_service, ensure_taxonomy, stable_id, upsert_organisation

SERVICES_DIR = Path(__file__).resolve().parent / "data" / "services"


def sample_files() -> list[Path]:
    return sorted(SERVICES_DIR.glob("*.yml"))


def load_file(session: Session, path: Path) -> int:
    """Load one council file. Returns the number of services."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    council = data["council"]
    defaults = {"last_checked": data.get("last_checked")}
    org_ids = {}
    for key, org in (data.get("organisations") or {}).items():
        org_ids[key] = stable_id("organization", f"{council}:{key}")
        upsert_organisation(session, org_ids[key], org, defaults)
    session.flush()
    for record in data.get("services") or []:
        record = dict(record)
        record["organization_id"] = org_ids[record["organisation"]]
        record.setdefault("source", (data["organisations"][record["organisation"]] or {}).get("source"))
        add_service(session, record, council=council, defaults=defaults)
    session.flush()
    return len(data.get("services") or [])


def load_sample_data(session: Session) -> int:
    """Load every shipped file. Returns the number of services loaded."""
    ensure_taxonomy(session)
    return sum(load_file(session, path) for path in sample_files())


def service_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Service)).scalar_one()
