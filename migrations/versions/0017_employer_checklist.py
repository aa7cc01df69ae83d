"""employer checklist: per organisation, the ordered items an employer should know (support
allowance, no-risk policy, wage subsidy, wage value, training), each with a checked-on date

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 15:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db import UTCDateTime

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'employerchecklist',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('employerchecklist') as batch:
        batch.create_index(batch.f('ix_employerchecklist_organisation_id'), ['organisation_id'],
                           unique=True)
    op.create_table(
        'employerchecklistitem',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('checklist_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('topic', sa.Enum('support_allowance', 'no_risk_policy', 'wage_subsidy',
                                   'wage_value', 'training', 'contact', 'other',
                                   name='checklisttopic', native_enum=False,
                                   length=30), nullable=False),
        sa.Column('texts', sa.JSON(), nullable=False),
        sa.Column('checked_on', sa.Date(), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('version', sa.Integer(), server_default='1', nullable=False),
        sa.ForeignKeyConstraint(['checklist_id'], ['employerchecklist.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('employerchecklistitem') as batch:
        batch.create_index(batch.f('ix_employerchecklistitem_checklist_id'), ['checklist_id'],
                           unique=False)


def downgrade() -> None:
    with op.batch_alter_table('employerchecklistitem') as batch:
        batch.drop_index(batch.f('ix_employerchecklistitem_checklist_id'))
    op.drop_table('employerchecklistitem')
    with op.batch_alter_table('employerchecklist') as batch:
        batch.drop_index(batch.f('ix_employerchecklist_organisation_id'))
    op.drop_table('employerchecklist')
