"""overlapping steps (runs_beside) and the way-back choices a route offers

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 09:35:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('steptemplate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('runs_beside', sa.JSON(), nullable=False,
                                      server_default='[]'))
    with op.batch_alter_table('journeystep', schema=None) as batch_op:
        batch_op.add_column(sa.Column('runs_beside', sa.JSON(), nullable=False,
                                      server_default='[]'))
    with op.batch_alter_table('routetemplate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('way_back_choices', sa.JSON(), nullable=False,
                                      server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('routetemplate', schema=None) as batch_op:
        batch_op.drop_column('way_back_choices')
    with op.batch_alter_table('journeystep', schema=None) as batch_op:
        batch_op.drop_column('runs_beside')
    with op.batch_alter_table('steptemplate', schema=None) as batch_op:
        batch_op.drop_column('runs_beside')
