"""service_search.is_main: whether a row's category is the service's main one

A category search lists services whose main category is the one asked for before services
that only also offer it (a telecare service that also supports carers). The flag lives in the
search index, inside both covering indexes, so the search still reads only the index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:00:00
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The same stable term ids as directory.categories.term_id_for (copied, so this script does not
# change meaning if the application code does).
NAMESPACE = uuid.UUID("5b8f3c2e-6a57-4f0c-9d0e-2f4c5a9b7e11")

OLD_TERM_PLACE = ["term_id", "council", "latitude", "longitude", "is_sample", "service_id", "name"]
OLD_PLACE = ["council", "latitude", "longitude", "is_sample", "service_id", "name"]
TERM_PLACE = ["term_id", "council", "latitude", "longitude", "is_sample", "is_main", "service_id", "name"]
PLACE = ["council", "latitude", "longitude", "is_sample", "is_main", "service_id", "name"]


def _term_id(slug: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"taxonomy_term:{slug}"))


def upgrade() -> None:
    with op.batch_alter_table("service_search", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_main", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.drop_index("ix_service_search_term_place")
        batch_op.drop_index("ix_service_search_place")
        batch_op.create_index("ix_service_search_term_place", TERM_PLACE, unique=False)
        batch_op.create_index("ix_service_search_place", PLACE, unique=False)

    # Rows already in the index: main only when the row's term is the service's main category.
    bind = op.get_bind()
    search = sa.table("service_search", sa.column("service_id"), sa.column("term_id"), sa.column("is_main"))
    service = sa.table("service", sa.column("id"), sa.column("category"))
    bind.execute(sa.update(search).values(is_main=False))
    slugs = bind.execute(sa.select(service.c.category).where(service.c.category.is_not(None)).distinct()).scalars()
    for slug in list(slugs):
        bind.execute(
            sa.update(search)
            .where(search.c.term_id == _term_id(slug),
                   search.c.service_id.in_(sa.select(service.c.id).where(service.c.category == slug)))
            .values(is_main=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("service_search", schema=None) as batch_op:
        batch_op.drop_index("ix_service_search_place")
        batch_op.drop_index("ix_service_search_term_place")
        batch_op.create_index("ix_service_search_term_place", OLD_TERM_PLACE, unique=False)
        batch_op.create_index("ix_service_search_place", OLD_PLACE, unique=False)
        batch_op.drop_column("is_main")
