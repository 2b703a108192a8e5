"""JSON API over the service directory.

- ``GET /api/services?category=<slug>&near=<town or postcode>&radius_km=&q=&limit=&offset=``
- ``GET /api/categories`` and ``GET /api/categories/<slug>``

Errors are JSON ``{"error": "...", "suggestions": [...]}`` with 400 (bad input) or 404
(unknown place or category page). Nothing the caller sends can cause a 500.
"""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy.exc import SQLAlchemyError

from directory import categories as cats
from directory.db import session_scope
from directory.errors import DirectoryError, InvalidQuery, NotFound
from directory.search import search_services

bp = Blueprint("directory_api", __name__)
log = logging.getLogger(__name__)

ALLOWED_PARAMS = {"category", "near", "radius_km", "q", "limit", "offset"}
MAX_QUERY_STRING = 2000


def directory_error(error: DirectoryError):
    response = jsonify(error.to_dict())
    response.status_code = error.status
    return response


def database_error(error: SQLAlchemyError):
    log.error("directory database error: %s", type(error).__name__)
    response = jsonify({"error": "The service directory is not available right now. Please try again soon.",
                        "suggestions": []})
    response.status_code = 503
    return response


bp.register_error_handler(DirectoryError, directory_error)
bp.register_error_handler(SQLAlchemyError, database_error)


def single_params(allowed: set[str]) -> dict[str, str]:
    """Query parameters, each given at most once; raises InvalidQuery otherwise."""
    if len(request.query_string) > MAX_QUERY_STRING:
        raise InvalidQuery("The request is too long.")
    params: dict[str, str] = {}
    for key in request.args:
        values = request.args.getlist(key)
        if key in allowed:
            if len(values) > 1:
                raise InvalidQuery(f"Please give {key} only once.")
            params[key] = values[0]
    return params


@bp.get("/api/services")
def services():
    params = single_params(ALLOWED_PARAMS)
    with session_scope(current_app.config["DATABASE_URL"]) as session:
        result = search_services(
            session,
            category=params.get("category"),
            near=params.get("near"),
            radius_km=params.get("radius_km"),
            q=params.get("q"),
            limit=params.get("limit"),
            offset=params.get("offset"),
        )
    return jsonify(result)


@bp.get("/api/categories")
def categories():
    return jsonify({"categories": [category.to_dict() for category in cats.all_categories()]})


@bp.get("/api/categories/<string:slug>")
def category(slug: str):
    found = cats.get_category(slug) if len(slug) <= 80 else None
    if found is None:
        raise NotFound("There is no category with that name.", suggestions=cats.suggest(slug[:80]))
    return jsonify(found.to_dict())
