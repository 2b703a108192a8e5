"""Schema creation and upgrades with Alembic (scripts in directory/migrations)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from directory.db import get_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "directory_alembic_version"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def current_revision(url: str) -> str | None:
    with get_engine(url).connect() as connection:
        return MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_revision()


def upgrade(url: str) -> bool:
    """Bring the schema to the newest revision. Returns True if anything was run."""
    if current_revision(url) == head_revision(url):
        return False
    command.upgrade(alembic_config(url), "head")
    return True
