"""Runs the Alembic migrations from code (on start-up, from the CLI and in tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parent.parent


def alembic_config(database_url: str | None = None, connection=None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    if database_url:
        config.attributes["database_url"] = database_url
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(database_url: str | None = None, connection=None) -> None:
    command.upgrade(alembic_config(database_url, connection), "head")


def downgrade_to_base(database_url: str | None = None, connection=None) -> None:
    command.downgrade(alembic_config(database_url, connection), "base")
