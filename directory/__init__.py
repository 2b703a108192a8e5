"""The service directory: Open Referral UK 3.0 data model (SQLAlchemy), sample
data for four council areas, the places gazetteer and postcode parsing,
search, ORUK and CSV import/export, and the ``python -m directory`` CLI.
May import: the standard library, SQLAlchemy, Alembic, PyYAML, ``settings``.
Never imports Rasa, Flask or ``bot``.
"""
