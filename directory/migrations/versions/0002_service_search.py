"""service_search: Signpost's search index (one row per service, category and location)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 10:38:39.936339
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('service_search',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=False),
    sa.Column('term_id', sa.String(length=36), nullable=True),
    sa.Column('council', sa.String(length=64), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service_search', schema=None) as batch_op:
        batch_op.create_index('ix_service_search_council_lat', ['council', 'latitude'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_search_service_id'), ['service_id'], unique=False)
        batch_op.create_index('ix_service_search_term_council_lat', ['term_id', 'council', 'latitude'], unique=False)

    # Fill the index from any services already in the database.
    op.execute(
        """
        INSERT INTO service_search (service_id, term_id, council, latitude, longitude, name, is_sample)
        SELECT s.id, a.taxonomy_term_id, s.council, l.latitude, l.longitude, s.name, s.is_sample
        FROM service s
        LEFT JOIN attribute a ON a.link_id = s.id
        LEFT JOIN service_at_location sal ON sal.service_id = s.id
        LEFT JOIN location l ON l.id = sal.location_id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
        WHERE s.status = 'active'
        """
    )



def downgrade() -> None:
    with op.batch_alter_table('service_search', schema=None) as batch_op:
        batch_op.drop_index('ix_service_search_term_council_lat')
        batch_op.drop_index(batch_op.f('ix_service_search_service_id'))
        batch_op.drop_index('ix_service_search_council_lat')

    op.drop_table('service_search')
