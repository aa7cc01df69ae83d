"""organisation rules of the switch: attempts, contract minimum, aftercare, evaluations

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 09:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RULES = ("max_placement_attempts", "min_contract_months", "aftercare_visits_per_year",
         "evaluation_every_months", "youth_max_indication_months")


def upgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        for rule in RULES:
            batch_op.add_column(sa.Column(rule, sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        for rule in reversed(RULES):
            batch_op.drop_column(rule)
