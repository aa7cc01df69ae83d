"""records by kind; money hours may be left to the contract

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 09:21:34.302634
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.db


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('candidaterecord',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('record_no', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('uwv_advice', 'decision', 'contract', 'trial', 'wage_value', 'screening', 'plan_goals', 'ladder_rung', 'evaluation', 'hours_plan', 'first_salary', name='recordkind', native_enum=False, length=30), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=True),
    sa.Column('step_kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
    sa.Column('dated_on', sa.Date(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['person.id'], name=op.f('fk_candidaterecord_candidate_id_person')),
    sa.ForeignKeyConstraint(['created_by_id'], ['person.id'], name=op.f('fk_candidaterecord_created_by_id_person')),
    sa.ForeignKeyConstraint(['step_id'], ['journeystep.id'], name=op.f('fk_candidaterecord_step_id_journeystep')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidaterecord')),
    sa.UniqueConstraint('candidate_id', 'record_no', 'number', name=op.f('uq_candidaterecord_candidate_id'))
    )
    with op.batch_alter_table('candidaterecord', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidaterecord_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_candidaterecord_kind'), ['kind'], unique=False)

    # Money inputs may leave the hours to the contract record.
    with op.batch_alter_table('moneyinputs', schema=None) as batch_op:
        batch_op.alter_column('planned_hours',
               existing_type=sa.FLOAT(),
               nullable=True)



def downgrade() -> None:
    # Hours left to the contract were "not set": before, that was 0.
    op.execute("UPDATE moneyinputs SET planned_hours = 0 WHERE planned_hours IS NULL")
    with op.batch_alter_table('moneyinputs', schema=None) as batch_op:
        batch_op.alter_column('planned_hours',
               existing_type=sa.FLOAT(),
               nullable=False)

    with op.batch_alter_table('candidaterecord', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidaterecord_kind'))
        batch_op.drop_index(batch_op.f('ix_candidaterecord_candidate_id'))

    op.drop_table('candidaterecord')
