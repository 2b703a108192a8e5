"""service_search: covering indexes, so a category-and-place search reads only the index

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 10:47:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TERM_PLACE = ["term_id", "council", "latitude", "longitude", "is_sample", "service_id", "name"]
PLACE = ["council", "latitude", "longitude", "is_sample", "service_id", "name"]


def upgrade() -> None:
    with op.batch_alter_table("service_search", schema=None) as batch_op:
        batch_op.drop_index("ix_service_search_term_council_lat")
        batch_op.drop_index("ix_service_search_council_lat")
        batch_op.create_index("ix_service_search_term_place", TERM_PLACE, unique=False)
        batch_op.create_index("ix_service_search_place", PLACE, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("service_search", schema=None) as batch_op:
        batch_op.drop_index("ix_service_search_place")
        batch_op.drop_index("ix_service_search_term_place")
        batch_op.create_index("ix_service_search_council_lat", ["council", "latitude"], unique=False)
        batch_op.create_index("ix_service_search_term_council_lat", ["term_id", "council", "latitude"], unique=False)
