"""Failure counters per key, in the database so every app instance shares them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from app.auth.errors import AttemptsExceeded
from app.auth.models import RateLimitCounter
from app.auth.security import token_hash
from app.db import utcnow


def client_key(client_address: str | None) -> str:
    # Hashed: an IP address is personal data and has no place in the database as such.
    return "client:" + token_hash(client_address or "unknown")[:32]


def _current(session: Session, key: str, window: timedelta) -> RateLimitCounter:
    # Insert-if-missing, then lock: two first failures at once cannot collide on the key.
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(RateLimitCounter)
        .values(key=key, window_started_at=utcnow(), count=0)
        .on_conflict_do_nothing()
    )
    counter = session.get(
        RateLimitCounter, key, with_for_update=True, populate_existing=True
    )
    if utcnow() - counter.window_started_at > window:
        counter.window_started_at = utcnow()
        counter.count = 0
    return counter


def ensure_allowed(session: Session, key: str, *, limit: int, window: timedelta) -> None:
    """Raise AttemptsExceeded when `key` already failed `limit` times in the window."""
    counter = _current(session, key, window)
    if counter.count >= limit:
        raise AttemptsExceeded(headers={"Retry-After": str(int(window.total_seconds()))})


def record_failure(session: Session, key: str, *, window: timedelta) -> None:
    counter = _current(session, key, window)
    counter.count += 1
    session.flush()


def count_request(session: Session, key: str, *, limit: int, window: timedelta) -> None:
    """Count one use of a limited resource; raise AttemptsExceeded past `limit` in the window."""
    counter = _current(session, key, window)
    if counter.count >= limit:
        raise AttemptsExceeded(headers={"Retry-After": str(int(window.total_seconds()))})
    counter.count += 1
    session.flush()
