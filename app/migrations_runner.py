"""Runs the Alembic migrations from code (on start-up, from the CLI and in tests)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSIONS_DIR = ROOT / "migrations" / "versions"
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision[^=\n]*=\s*(.+)$", re.MULTILINE)


def alembic_config(database_url: str | None = None, connection=None):
    from alembic.config import Config  # Alembic costs ~0.1 s to import: only when migrating

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    if database_url:
        config.attributes["database_url"] = database_url
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(database_url: str | None = None, connection=None) -> None:
    from alembic import command

    command.upgrade(alembic_config(database_url, connection), "head")


def downgrade_to_base(database_url: str | None = None, connection=None) -> None:
    from alembic import command

    command.downgrade(alembic_config(database_url, connection), "base")


def head_revisions(versions_dir: Path = VERSIONS_DIR) -> frozenset[str]:
    """The heads of the migration history, read from the files without Alembic: revisions no
    other file names as its down_revision."""
    revisions, parents = set(), set()
    for file in versions_dir.glob("*.py"):
        text = file.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return frozenset()  # not understood: the caller lets Alembic decide
        revisions.add(revision.group(1))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return frozenset(revisions - parents)


def is_at_head(engine) -> bool:
    """Whether the database already has every migration: a restart then skips Alembic (its
    import and its look at the database cost more than the rest of a restart's check). Any
    doubt (no version table, an unknown revision, files not understood) answers False."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    heads = head_revisions()
    if not heads:
        return False
    try:
        with engine.connect() as connection:
            stored = {row[0] for row in connection.execute(
                text("SELECT version_num FROM alembic_version"))}
    except SQLAlchemyError:
        return False
    return stored == heads
