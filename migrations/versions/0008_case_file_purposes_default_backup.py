"""case file notes and contact moments, appointment purposes, a default backup per consultant

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 09:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.db

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PURPOSES = ('other', 'three_way_talk', 'uwv_interview', 'aftercare_visit', 'progress_talk')


def upgrade() -> None:
    op.create_table('casenote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('note', 'phone', 'visit', 'email', 'message', name='casenotekind', native_enum=False, length=30), nullable=False),
    sa.Column('with_whom', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('with_role', sa.Enum('candidate', 'parent', 'employer', 'care_provider', 'uwv', 'benefits_office', name='contactrole', native_enum=False, length=30), nullable=True),
    sa.Column('happened_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('purpose_code', sa.Enum(*PURPOSES, name='purpose', native_enum=False, length=30), nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['person.id'], name=op.f('fk_casenote_author_id_person')),
    sa.ForeignKeyConstraint(['candidate_id'], ['person.id'], name=op.f('fk_casenote_candidate_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_casenote'))
    )
    with op.batch_alter_table('casenote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_casenote_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_casenote_happened_at'), ['happened_at'], unique=False)

    with op.batch_alter_table('appointment', schema=None) as batch_op:
        # Existing appointments were planned without a purpose: "other".
        batch_op.add_column(sa.Column('purpose_code', sa.Enum(*PURPOSES, name='purpose', native_enum=False, length=30), nullable=False, server_default='other'))

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('default_backup_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_person_default_backup_id_person'), 'person', ['default_backup_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_person_default_backup_id_person'), type_='foreignkey')
        batch_op.drop_column('default_backup_id')

    with op.batch_alter_table('appointment', schema=None) as batch_op:
        batch_op.drop_column('purpose_code')

    with op.batch_alter_table('casenote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_casenote_happened_at'))
        batch_op.drop_index(batch_op.f('ix_casenote_candidate_id'))

    op.drop_table('casenote')
