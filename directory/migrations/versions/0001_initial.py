"""initial ORUK 3.0 directory schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 10:25:51.311055
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('location',
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('last_checked', sa.Date(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('location_type', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('external_identifier', sa.String(length=64), nullable=True),
    sa.Column('external_identifier_type', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.create_index('ix_location_lat_lon', ['latitude', 'longitude'], unique=False)

    op.create_table('organization',
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('last_checked', sa.Date(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('email', sa.String(length=255), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('uri', sa.String(length=500), nullable=True),
    sa.Column('parent_organization_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('taxonomy',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('uri', sa.String(length=500), nullable=True),
    sa.Column('version', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('address',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('location_id', sa.String(length=36), nullable=True),
    sa.Column('attention', sa.String(length=255), nullable=True),
    sa.Column('address_1', sa.String(length=255), nullable=False),
    sa.Column('address_2', sa.String(length=255), nullable=True),
    sa.Column('city', sa.String(length=128), nullable=False),
    sa.Column('region', sa.String(length=128), nullable=True),
    sa.Column('state_province', sa.String(length=128), nullable=False),
    sa.Column('postal_code', sa.String(length=16), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('address_type', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('address', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_address_location_id'), ['location_id'], unique=False)

    op.create_table('service',
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('last_checked', sa.Date(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('email', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('accreditations', sa.Text(), nullable=True),
    sa.Column('minimum_age', sa.Integer(), nullable=True),
    sa.Column('maximum_age', sa.Integer(), nullable=True),
    sa.Column('eligibility_description', sa.Text(), nullable=True),
    sa.Column('assured_date', sa.Date(), nullable=True),
    sa.Column('alert', sa.Text(), nullable=True),
    sa.Column('last_modified', sa.DateTime(), nullable=True),
    sa.Column('council', sa.String(length=64), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_category'), ['category'], unique=False)
        batch_op.create_index('ix_service_council_category', ['council', 'category'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_organization_id'), ['organization_id'], unique=False)

    op.create_table('taxonomy_term',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('taxonomy_id', sa.String(length=36), nullable=True),
    sa.Column('term_uri', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['taxonomy_id'], ['taxonomy.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('taxonomy_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_taxonomy_term_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_taxonomy_term_taxonomy_id'), ['taxonomy_id'], unique=False)

    op.create_table('attribute',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('link_id', sa.String(length=36), nullable=False),
    sa.Column('link_type', sa.String(length=64), nullable=True),
    sa.Column('link_entity', sa.String(length=64), nullable=False),
    sa.Column('taxonomy_term_id', sa.String(length=36), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['taxonomy_term_id'], ['taxonomy_term.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attribute', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attribute_link_id'), ['link_id'], unique=False)
        batch_op.create_index('ix_attribute_term_link', ['taxonomy_term_id', 'link_id'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('organization_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('department', sa.String(length=255), nullable=True),
    sa.Column('email', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_service_id'), ['service_id'], unique=False)

    op.create_table('cost_option',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('option', sa.Text(), nullable=True),
    sa.Column('amount', sa.Float(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('amount_description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cost_option', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cost_option_service_id'), ['service_id'], unique=False)

    op.create_table('phone',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('location_id', sa.String(length=36), nullable=True),
    sa.Column('organization_id', sa.String(length=36), nullable=True),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('extension', sa.Integer(), nullable=True),
    sa.Column('type', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('phone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_phone_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_phone_service_id'), ['service_id'], unique=False)

    op.create_table('schedule',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('location_id', sa.String(length=36), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('dtstart', sa.Date(), nullable=True),
    sa.Column('freq', sa.String(length=16), nullable=True),
    sa.Column('interval', sa.Integer(), nullable=True),
    sa.Column('byday', sa.String(length=64), nullable=True),
    sa.Column('bymonthday', sa.String(length=64), nullable=True),
    sa.Column('opens_at', sa.String(length=16), nullable=True),
    sa.Column('closes_at', sa.String(length=16), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('attending_type', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('schedule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schedule_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_schedule_service_id'), ['service_id'], unique=False)

    op.create_table('service_area',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('extent', sa.Text(), nullable=True),
    sa.Column('extent_type', sa.String(length=32), nullable=True),
    sa.Column('uri', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_area_service_id'), ['service_id'], unique=False)

    op.create_table('service_at_location',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=False),
    sa.Column('location_id', sa.String(length=36), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['service_id'], ['service.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service_at_location', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_at_location_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_at_location_service_id'), ['service_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('service_at_location', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_at_location_service_id'))
        batch_op.drop_index(batch_op.f('ix_service_at_location_location_id'))

    op.drop_table('service_at_location')
    with op.batch_alter_table('service_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_area_service_id'))

    op.drop_table('service_area')
    with op.batch_alter_table('schedule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schedule_service_id'))
        batch_op.drop_index(batch_op.f('ix_schedule_location_id'))

    op.drop_table('schedule')
    with op.batch_alter_table('phone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_phone_service_id'))
        batch_op.drop_index(batch_op.f('ix_phone_organization_id'))
        batch_op.drop_index(batch_op.f('ix_phone_location_id'))

    op.drop_table('phone')
    with op.batch_alter_table('cost_option', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cost_option_service_id'))

    op.drop_table('cost_option')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_service_id'))
        batch_op.drop_index(batch_op.f('ix_contact_organization_id'))

    op.drop_table('contact')
    with op.batch_alter_table('attribute', schema=None) as batch_op:
        batch_op.drop_index('ix_attribute_term_link')
        batch_op.drop_index(batch_op.f('ix_attribute_link_id'))

    op.drop_table('attribute')
    with op.batch_alter_table('taxonomy_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_taxonomy_term_taxonomy_id'))
        batch_op.drop_index(batch_op.f('ix_taxonomy_term_code'))

    op.drop_table('taxonomy_term')
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_organization_id'))
        batch_op.drop_index('ix_service_council_category')
        batch_op.drop_index(batch_op.f('ix_service_category'))

    op.drop_table('service')
    with op.batch_alter_table('address', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_address_location_id'))

    op.drop_table('address')
    op.drop_table('taxonomy')
    op.drop_table('organization')
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.drop_index('ix_location_lat_lon')

    op.drop_table('location')
