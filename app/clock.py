"""One clock for the whole app: the current instant in UTC, and local dates and display times
in the zone of `Settings.timezone` (Europe/Amsterdam unless configured otherwise).

Stored datetimes are UTC; a "today" (a step's start, an appointment's day, the caseload's
flags) is the date on the wall in the configured zone, never the UTC date: between 00:00 and
02:00 in Amsterdam the two differ. Tests freeze the clock with `frozen(...)` instead of
patching `datetime`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Europe/Amsterdam"


@dataclass(frozen=True)
class Clock:
    """A zone and, for tests, a fixed instant (None: the system clock)."""

    zone: ZoneInfo
    fixed_at: datetime | None = None

    def now(self) -> datetime:
        if self.fixed_at is not None:
            return self.fixed_at.astimezone(UTC)
        return datetime.now(UTC)


# The app's clock, set once from the settings by `configure` (create_app and the CLI);
# until then it reads the environment's settings on first use.
_app_clock: Clock | None = None
# A frozen clock for the current context (tests); it wins over the app's clock.
_frozen: ContextVar[Clock | None] = ContextVar("frozen_clock", default=None)


def configure(timezone: str) -> None:
    """Use `timezone` (an IANA name) for local dates and display times from now on."""
    global _app_clock  # noqa: PLW0603 - set once at start-up, like the logging configuration
    _app_clock = Clock(ZoneInfo(timezone))


def current() -> Clock:
    frozen_clock = _frozen.get()
    if frozen_clock is not None:
        return frozen_clock
    if _app_clock is None:
        from app.settings import get_settings

        configure(get_settings().timezone)
    assert _app_clock is not None
    return _app_clock


def zone() -> ZoneInfo:
    """The zone dates and times are shown in."""
    return current().zone


def utcnow() -> datetime:
    """The current instant, UTC-aware: what is stored."""
    return current().now()


def local_now() -> datetime:
    """The current instant on the wall clock of the configured zone."""
    clock = current()
    return clock.now().astimezone(clock.zone)


def local_today() -> date:
    """Today's date in the configured zone (not the UTC date)."""
    return local_now().date()


def to_local(value: datetime) -> datetime:
    """A stored datetime shown in the configured zone; a naive value is taken as UTC, as the
    database returns it on SQLite."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(zone())


def local_datetime(day: date, at: time) -> datetime:
    """A wall-clock date and time in the configured zone (as typed in a form), zone-aware."""
    return datetime.combine(day, at, tzinfo=zone())


@contextmanager
def frozen(at: datetime, timezone: str | None = None) -> Iterator[Clock]:
    """Within the block, the clock stands still at `at` (zone-aware), optionally in another
    zone; for tests. Requests served in the block (TestClient) see the same clock."""
    if at.tzinfo is None:
        raise ValueError("give a zone-aware instant")
    clock = Clock(ZoneInfo(timezone) if timezone else zone(), at)
    token = _frozen.set(clock)
    try:
        yield clock
    finally:
        _frozen.reset(token)
