"""file data version: a counter on the person row, bumped with every change to that person's
file, which keys the render cache of the candidate's pages

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 13:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('person') as batch:
        batch.add_column(sa.Column('data_version', sa.Integer(), nullable=False,
                                   server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('person') as batch:
        batch.drop_column('data_version')
