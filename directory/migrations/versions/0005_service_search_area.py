"""service_search.area: the district a service is only for (NULL: the whole council area)

A search near a place leaves out services that are only for another district of the council
(a carers' pilot for North West Leicestershire is no use to someone in Loughborough). The
district lives in the search index, one row per district, inside both covering indexes, so the
search still reads only the index.

Existing rows get NULL (open to the whole council). ``directory.bootstrap.initialise`` rebuilds
the index after this revision, because the districts come from service_area names read through
the gazetteer (application code, not a fixed mapping a migration could copy).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_TERM_PLACE = ["term_id", "council", "latitude", "longitude", "is_sample", "is_main", "service_id", "name"]
OLD_PLACE = ["council", "latitude", "longitude", "is_sample", "is_main", "service_id", "name"]
TERM_PLACE = ["term_id", "council", "latitude", "longitude", "is_sample", "is_main", "area", "service_id", "name"]
PLACE = ["council", "latitude", "longitude", "is_sample", "is_main", "area", "service_id", "name"]


def upgrade() -> None:
    with op.batch_alter_table("service_search", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area", sa.String(length=64), nullable=True))
        batch_op.drop_index("ix_service_search_term_place")
        batch_op.drop_index("ix_service_search_place")
        batch_op.create_index("ix_service_search_term_place", TERM_PLACE, unique=False)
        batch_op.create_index("ix_service_search_place", PLACE, unique=False)


def downgrade() -> None:
    # A service for two districts keeps two rows; searches group rows by service, so that is
    # harmless, and the index can be rebuilt at any time (directory.search_index.rebuild).
    with op.batch_alter_table("service_search", schema=None) as batch_op:
        batch_op.drop_index("ix_service_search_place")
        batch_op.drop_index("ix_service_search_term_place")
        batch_op.create_index("ix_service_search_term_place", OLD_TERM_PLACE, unique=False)
        batch_op.create_index("ix_service_search_place", OLD_PLACE, unique=False)
        batch_op.drop_column("area")
