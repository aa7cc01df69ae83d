"""sign-in hardening: TOTP codes used once, pending sign-ins end after wrong codes, refresh-token
families, invite codes found by their hash only, back-off on rate-limit counters

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 12:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.db

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('person') as batch:
        batch.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))
    with op.batch_alter_table('authsession') as batch:
        batch.add_column(sa.Column('failed_codes', sa.Integer(), nullable=False,
                                   server_default='0'))
        batch.add_column(sa.Column('family', sqlmodel.sql.sqltypes.AutoString(length=32),
                                   nullable=True))
        batch.create_index(batch.f('ix_authsession_family'), ['family'], unique=False)
    with op.batch_alter_table('ratelimitcounter') as batch:
        batch.add_column(sa.Column('blocked_until', app.db.UTCDateTime(timezone=True),
                                   nullable=True))
    # Codes issued before keep working: their hash was always the hash of the whole code.
    with op.batch_alter_table('invite') as batch:
        batch.drop_constraint('uq_invite_code_lookup', type_='unique')
        batch.drop_column('code_lookup')
        batch.drop_column('failed_attempts')
        batch.create_unique_constraint(batch.f('uq_invite_code_hash'), ['code_hash'])


def downgrade() -> None:
    with op.batch_alter_table('invite') as batch:
        batch.drop_constraint(batch.f('uq_invite_code_hash'), type_='unique')
        batch.add_column(sa.Column('failed_attempts', sa.Integer(), nullable=False,
                                   server_default='0'))
        batch.add_column(sa.Column('code_lookup', sqlmodel.sql.sqltypes.AutoString(length=8),
                                   nullable=True))
        batch.create_unique_constraint(batch.f('uq_invite_code_lookup'), ['code_lookup'])
    with op.batch_alter_table('ratelimitcounter') as batch:
        batch.drop_column('blocked_until')
    with op.batch_alter_table('authsession') as batch:
        batch.drop_index(batch.f('ix_authsession_family'))
        batch.drop_column('family')
        batch.drop_column('failed_codes')
    with op.batch_alter_table('person') as batch:
        batch.drop_column('totp_last_step')
