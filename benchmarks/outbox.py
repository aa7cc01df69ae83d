"""Outbox throughput and exactly-once: two worker processes (`stapwijzer worker --once`) drain N
due e-mails into a local SMTP server (aiosmtpd); prints the time, the throughput and how many
arrived twice (budget: 0) or not at all (budget: 0).

Run: .venv/bin/python -m benchmarks.outbox [N, default 2000]   (needs aiosmtpd: the test extra)
On PostgreSQL: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/EMPTY_DB ..."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from aiosmtpd.controller import Controller

from app.clock import utcnow
from app.db import make_engine, make_session_factory, unit_of_work
from app.migrations_runner import upgrade_to_head
from app.organisations.models import Organisation
from app.outbox.models import Channel, Notification, NotificationStatus
from app.people.models import Person, Role
from benchmarks._server import free_port

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 2


class Counting:
    def __init__(self) -> None:
        self.keys: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        for line in envelope.content.split(b"\r\n"):
            if line.startswith(b"X-Stapwijzer-Id:"):
                with self.lock:
                    self.keys.append(line.split(b":", 1)[1].strip().decode())
                break
        return "250 OK"


def main(count: int) -> int:
    url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{Path(tempfile.mkdtemp(prefix='outbox-bench-')) / 'bench.sqlite3'}")
    upgrade_to_head(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        session.execute(sa.delete(Notification))
        organisation = session.scalar(sa.select(Organisation).where(
            Organisation.slug == "outbox-bench"))
        if organisation is None:
            organisation = Organisation(slug="outbox-bench", name="Outbox benchmark")
            session.add(organisation)
            session.flush()
            session.add_all([Person(organisation_id=organisation.id, role=Role.consultant,
                                    display_name=f"Bench {n}", email=f"bench{n}@example.test")
                             for n in range(10)])
            session.flush()
        people = list(session.scalars(sa.select(Person.id).where(
            Person.organisation_id == organisation.id)))
        now = utcnow()
        session.execute(sa.insert(Notification), [
            {"idempotency_key": f"bench:{n}:{people[n % len(people)]}:email",
             "recipient_id": people[n % len(people)], "channel": Channel.email,
             "event": "question_asked", "params": {}, "link": "/office",
             "status": NotificationStatus.pending, "due_at": now, "attempts": 0,
             "created_at": now} for n in range(count)])
    engine.dispose()

    handler = Counting()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    env = {**os.environ, "DATABASE_URL": url, "ENVIRONMENT": "test", "SMTP_HOST": "127.0.0.1",
           "SMTP_PORT": str(port), "LOG_LEVEL": "WARNING", "BASE_URL": "http://localhost:8000"}
    started = time.perf_counter()
    workers = [subprocess.Popen([sys.executable, "-m", "app", "worker", "--once"], cwd=ROOT,
                                env=env, stdout=subprocess.PIPE, text=True)
               for _ in range(WORKERS)]
    lines = [worker.communicate()[0].strip() for worker in workers]
    elapsed = time.perf_counter() - started
    controller.stop()

    arrived = Counter(handler.keys)
    twice = sum(1 for times in arrived.values() if times > 1)
    missing = count - len(arrived)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"{database}: {WORKERS} workers, {count} e-mails in {elapsed:.1f} s "
          f"({count / elapsed:.0f}/s, process start included)")
    for n, line in enumerate(lines, 1):
        print(f"  worker {n}: {line}")
    print(f"  delivered {len(arrived)}, duplicates {twice}, missing {missing}")
    return 0 if twice == 0 and missing == 0 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
