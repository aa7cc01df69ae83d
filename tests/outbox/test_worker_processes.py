"""Workers as the real command (`stapwijzer worker`) in their own processes, against one
database (SQLite, or PostgreSQL with TEST_DATABASE_URL) and a real SMTP server: two at once
send each notification exactly once; one killed mid-batch loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from app.clock import utcnow
from app.db import make_engine, make_session_factory, unit_of_work
from app.migrations_runner import upgrade_to_head
from app.organisations.models import Organisation
from app.outbox.models import Channel, Notification, NotificationStatus
from app.people.models import Person, Role
from tests.conftest import drop_postgres_database, fresh_database_url, is_postgres

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 5


@pytest.fixture(scope="module")
def outbox_database(tmp_path_factory):
    """A database of its own that the workers' processes share (they must see commits)."""
    url = fresh_database_url(tmp_path_factory, "outbox")
    upgrade_to_head(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        organisation = Organisation(slug="outbox-test", name="Outbox test")
        session.add(organisation)
        session.flush()
        session.add_all([Person(organisation_id=organisation.id, role=Role.consultant,
                                display_name=f"Staff {n}", email=f"staff{n}@example.test")
                         for n in range(RECIPIENTS)])
    yield url, engine, factory
    engine.dispose()
    if is_postgres(url):
        drop_postgres_database(url)


def _fill(factory, count: int, prefix: str) -> list[str]:
    with unit_of_work(factory) as session:
        session.execute(sa.delete(Notification))
        people = list(session.scalars(select(Person.id).order_by(Person.id)))
        now = utcnow()
        rows = [{"idempotency_key": f"{prefix}:{n}:{people[n % len(people)]}:email",
                 "recipient_id": people[n % len(people)], "channel": Channel.email,
                 "event": "question_asked", "params": {}, "link": "/office",
                 "status": NotificationStatus.pending, "due_at": now, "attempts": 0,
                 "created_at": now} for n in range(count)]
        session.execute(sa.insert(Notification), rows)
    return [row["idempotency_key"] for row in rows]


def _env(url: str, smtp_port: int, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SMTP_", "WORKER_"))}
    env.update({
        "DATABASE_URL": url, "ENVIRONMENT": "test", "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port), "LOG_LEVEL": "WARNING", "BASE_URL": "http://testserver",
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "WORKER_POLL_SECONDS": "0.2", **{k.upper(): str(v) for k, v in extra.items()}})
    return env


def _worker(url: str, smtp_port: int, *args: str, **settings) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app", "worker", *args], cwd=ROOT,
                            env=_env(url, smtp_port, **settings), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _statuses(factory) -> Counter:
    with factory() as session:
        return Counter(session.scalars(select(Notification.status)))


def test_two_workers_send_500_notifications_each_exactly_once(outbox_database, smtp):
    url, _engine, factory = outbox_database
    keys = _fill(factory, 500, "two-workers")
    workers = [_worker(url, smtp.port, "--once", worker_batch_size=25) for _ in range(2)]
    outputs = [worker.communicate(timeout=60) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs
    # One line each, counts only: nothing personal printed.
    for out, _err in outputs:
        assert out.startswith("Outbox: ") and "@" not in out and out.count("\n") == 1
    delivered = Counter(smtp.collector.keys())
    assert set(delivered) == set(keys)
    assert max(delivered.values()) == 1
    assert _statuses(factory) == Counter({NotificationStatus.sent: 500})
    # Both took part (the claims interleave); with 20 batches one alone would be a fluke.
    sent_counts = [int(out.split()[1]) for out, _err in outputs]
    assert sum(sent_counts) == 500


def test_a_worker_killed_mid_batch_loses_nothing(outbox_database, smtp):
    url, _engine, factory = outbox_database
    keys = _fill(factory, 60, "killed")
    smtp.collector.delay = 0.05  # slow enough to be caught in the middle
    # A lease long enough that the second worker's process (a few seconds to start on a busy
    # machine) surely runs inside it.
    first = _worker(url, smtp.port, worker_batch_size=20, worker_lease_seconds=8)
    deadline = time.monotonic() + 30
    while len(smtp.collector.messages) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    with factory() as session:
        held = session.scalar(select(func.count()).select_from(Notification).where(
            Notification.status == NotificationStatus.pending,
            Notification.locked_until.is_not(None)))
        lease_end = session.scalar(select(func.max(Notification.locked_until)))
    assert held > 0  # it died holding leased rows
    # Before the lease ends another worker leaves them alone …
    smtp.collector.delay = 0
    before = len(smtp.collector.messages)
    early = _worker(url, smtp.port, "--once", worker_batch_size=20)
    early.communicate(timeout=30)
    assert utcnow() < lease_end, "the check ran after the lease: make the lease longer"
    with factory() as session:
        still_held = session.scalar(select(func.count()).select_from(Notification).where(
            Notification.status == NotificationStatus.pending,
            Notification.locked_until.is_not(None)))
    assert still_held == held and len(smtp.collector.messages) >= before
    # … and sends them after it.
    time.sleep(max(0.0, (lease_end - utcnow()).total_seconds()) + 0.3)
    second = _worker(url, smtp.port, "--once", worker_batch_size=20)
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    delivered = Counter(smtp.collector.keys())
    assert set(delivered) == set(keys)  # none lost
    repeats = [key for key, times in delivered.items() if times > 1]
    assert len(repeats) <= 1  # only the one in flight when it died; its key drops it
    assert _statuses(factory) == Counter({NotificationStatus.sent: 60})


def test_a_running_worker_stops_cleanly_on_sigterm(outbox_database, smtp):
    url, _engine, factory = outbox_database
    _fill(factory, 3, "sigterm")
    worker = _worker(url, smtp.port)
    deadline = time.monotonic() + 30
    while len(smtp.collector.messages) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.send_signal(signal.SIGTERM)
    _out, err = worker.communicate(timeout=15)
    assert worker.returncode == 0, err
    assert _statuses(factory) == Counter({NotificationStatus.sent: 3})
