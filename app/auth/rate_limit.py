"""Failure counters per key with exponential back-off, in the database so every app instance
shares them."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session

from app.auth.errors import AttemptsExceeded
from app.auth.models import RateLimitCounter
from app.auth.security import token_hash
from app.db import utcnow


@dataclass(frozen=True)
class Backoff:
    """How a key is slowed down: `free` failures pass, then each failure doubles the wait
    (`first`, twice that, ... up to `longest`); a key quiet for `window` after its last
    failure and its last wait starts again."""

    free: int
    window: timedelta
    longest: timedelta
    first: timedelta = timedelta(seconds=1)


def client_key(client_address: str | None) -> str:
    # Hashed: an IP address is personal data and has no place in the database as such.
    return "client:" + token_hash(client_address or "unknown")[:32]


def _current(session: Session, key: str, window: timedelta) -> RateLimitCounter:
    # Insert-if-missing, then lock: two first failures at once cannot collide on the key.
    # Imported here: the PostgreSQL dialect's import alone costs a SQLite server's start 40 ms.
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(
        insert(RateLimitCounter)
        .values(key=key, window_started_at=utcnow(), count=0)
        .on_conflict_do_nothing()
    )
    counter = session.get(
        RateLimitCounter, key, with_for_update=True, populate_existing=True
    )
    now = utcnow()
    # Quiet time counts from the end of the current wait, so sitting out the longest wait
    # does not also wipe the count.
    quiet_since = max(counter.window_started_at, counter.blocked_until or counter.window_started_at)
    if now - quiet_since > window:
        counter.window_started_at = now
        counter.count = 0
        counter.blocked_until = None
    return counter


def _refuse(seconds: float) -> AttemptsExceeded:
    return AttemptsExceeded(headers={"Retry-After": str(max(1, math.ceil(seconds)))})


def ensure_allowed(session: Session, key: str, rule: Backoff) -> None:
    """Raise AttemptsExceeded (with Retry-After) while `key` waits out its back-off."""
    counter = _current(session, key, rule.window)
    now = utcnow()
    if counter.blocked_until is not None and counter.blocked_until > now:
        raise _refuse((counter.blocked_until - now).total_seconds())


def record_failure(session: Session, key: str, rule: Backoff) -> None:
    """Count one failure of `key`; from the `free`-th on, the key waits twice as long each time.

    The window runs from the latest failure, so a slow, steady guesser never starts afresh."""
    counter = _current(session, key, rule.window)
    now = utcnow()
    counter.count += 1
    counter.window_started_at = now
    if counter.count >= rule.free:
        doublings = min(counter.count - rule.free, 30)
        wait = min(rule.first * (2 ** doublings), rule.longest)
        counter.blocked_until = now + wait
    session.flush()


def count_request(session: Session, key: str, *, limit: int, window: timedelta) -> None:
    """Count one use of a limited resource; raise AttemptsExceeded past `limit` in the window."""
    counter = _current(session, key, window)
    if counter.count >= limit:
        remaining = window - (utcnow() - counter.window_started_at)
        raise _refuse(remaining.total_seconds())
    counter.count += 1
    session.flush()
