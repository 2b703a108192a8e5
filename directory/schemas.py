"""Check records against the Open Referral UK 3.0 JSON schemas shipped in
``directory/oruk_schema`` (CC BY-SA 4.0; see its README and LICENSE).

The published compiled ``*_list.json`` schemas describe a record, not the page wrapper,
so a page is checked as: wrapper against ``Page`` in ``openapi.json``, each item of
``contents`` against the record schema."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_DIR = Path(__file__).resolve().parent / "oruk_schema" / "schema"
RECORD_SCHEMAS = {
    "service": "compiled/service.json",
    "service_at_location": "compiled/service_at_location.json",
    "taxonomy_term": "taxonomy_term.json",
}


@cache
def validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / RECORD_SCHEMAS[kind]).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


@lru_cache(maxsize=1)
def page_validator() -> Draft202012Validator:
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))
    page = dict(openapi["components"]["schemas"]["Page"])
    page["required"] = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"]
    page["properties"] = dict(page["properties"]) | {"contents": {"type": "array"}}
    return Draft202012Validator(page, format_checker=FormatChecker())


def record_errors(kind: str, record: dict) -> list[str]:
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(record)'}: {error.message}"
        for error in validator(kind).iter_errors(record)
    ]


def page_errors(kind: str, page: dict) -> list[str]:
    errors = [f"page: {error.message}" for error in page_validator().iter_errors(page)]
    for index, item in enumerate(page.get("contents") or []):
        errors.extend(f"contents/{index}/{message}" for message in record_errors(kind, item))
    return errors
