"""Read-only Open Referral UK 3.0 API over the service directory.

- ``GET /oruk/``: API information (ORUK version, profile, OpenAPI URL)
- ``GET /oruk/services?page=&per_page=&search=&taxonomy_term_id=``
- ``GET /oruk/services/<id>``: one fully nested service
- ``GET /oruk/service_at_locations?taxonomy_term_id=&postcode=&proximity=&page=&per_page=``
  (``proximity`` in metres from the postcode's centre)
- ``GET /oruk/taxonomy_terms``

Errors are JSON ``{"error": "...", "suggestions": [...]}`` (400 or 404), never a 500.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy.exc import SQLAlchemyError

from directory import oruk
from directory.db import session_scope
from directory.errors import DirectoryError
from web.blueprints.directory_api import database_error, directory_error, single_params

bp = Blueprint("oruk", __name__, url_prefix="/oruk")
bp.register_error_handler(DirectoryError, directory_error)
bp.register_error_handler(SQLAlchemyError, database_error)

PAGE_PARAMS = {"page", "per_page"}


def _session():
    return session_scope(current_app.config["DATABASE_URL"])


@bp.get("/")
def index():
    return jsonify({"version": oruk.ORUK_VERSION, "profile": oruk.PROFILE_URL, "openapi_url": oruk.OPENAPI_URL})


@bp.get("/services")
def services():
    params = single_params(PAGE_PARAMS | {"search", "taxonomy_term_id"})
    with _session() as session:
        return jsonify(oruk.list_services(session, **params))


@bp.get("/services/<string:service_id>")
def service(service_id: str):
    with _session() as session:
        return jsonify(oruk.get_service(session, service_id))


@bp.get("/service_at_locations")
def service_at_locations():
    params = single_params(PAGE_PARAMS | {"taxonomy_term_id", "postcode", "proximity"})
    with _session() as session:
        return jsonify(oruk.list_service_at_locations(session, **params))


@bp.get("/taxonomy_terms")
def taxonomy_terms():
    params = single_params(PAGE_PARAMS)
    with _session() as session:
        return jsonify(oruk.list_taxonomy_terms(session, **params))
