"""guarantee: income on return (one source for the way back), texts per language;
money inputs: debt restructuring and budget manager

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-06 11:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0013'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('fallbackguarantee') as batch:
        batch.add_column(sa.Column('income_on_return',
                                   sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
        batch.add_column(sa.Column('expected_gap_weeks', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('texts', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('moneyinputs') as batch:
        batch.add_column(sa.Column('debt_restructuring', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column('budget_manager', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('moneyinputs') as batch:
        batch.drop_column('budget_manager')
        batch.drop_column('debt_restructuring')
    with op.batch_alter_table('fallbackguarantee') as batch:
        batch.drop_column('texts')
        batch.drop_column('expected_gap_weeks')
        batch.drop_column('income_on_return')
