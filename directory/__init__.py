"""Signpost's service directory: Open Referral UK 3.0 data model, sample data for four
council areas, a place gazetteer, search, ORUK import/export and a CLI.

Public API (see docs/directory.md):
- ``directory.db.get_engine(url=None)`` / ``directory.db.session_scope(url=None)``
- ``directory.search.search_services(session, *, category, near, radius_km, q, limit, offset)``
- ``directory.categories.all_categories()`` / ``get_category(slug)``
- ``directory.places.resolve_place(text)`` / ``parse_postcode(text)`` / ``all_place_names()``
"""
