"""Crash: SIGKILL the server mid-load, and separately the outbox worker mid-delivery, against a
real uvicorn server (2 workers), a real `stapwijzer worker` and a real SMTP server (aiosmtpd).

1. Server: writers (questions, updates, appointments, case notes) and readers run; the server
   and its workers are killed with SIGKILL, started again, and the load goes on.
   Budget: every acknowledged write stored, nothing half-written (an appointment without its
   notice or its notification, a question without its notification), the server answers again.
2. Worker: the notifications those writes queued are delivered by `stapwijzer worker` to a
   slow local SMTP server; the worker is killed with SIGKILL mid-batch and started again.
   Budget: every notification delivered (none lost); duplicates reported (at-least-once: only
   the message in flight at the kill may arrive twice, and it carries its X-Stapwijzer-Id).

Run: .venv/bin/python -m benchmarks.crash [seconds of load before each kill, default 10]
On PostgreSQL: DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/EMPTY_DB ..."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter

import httpx
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, text

from benchmarks._load import Tally, accounting, half_written, prepare, run_load
from benchmarks._server import (
    PYTHON,
    ROOT,
    bench_env,
    free_port,
    start_uvicorn,
    wait_until_ready,
)
from benchmarks.concurrent_writes import kill, sync_url

WRITERS, READERS = 60, 10
LEASE_SECONDS = 5  # a killed worker's claim comes back this soon


class Counting:
    """The SMTP server's handler: counts each notification's deliveries by its key."""

    def __init__(self) -> None:
        self.keys: Counter = Counter()
        self.lock = threading.Lock()
        self.delay = 0.0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.delay:
            await asyncio.sleep(self.delay)
        for line in envelope.content.split(b"\r\n"):
            if line.startswith(b"X-Stapwijzer-Id:"):
                with self.lock:
                    self.keys[line.split(b":", 1)[1].strip().decode()] += 1
                break
        return "250 OK"

    def total(self) -> int:
        with self.lock:
            return sum(self.keys.values())




def server_crash(env: dict, port: int, engine, links: dict, seconds: float) -> tuple[bool, str]:
    base = f"http://127.0.0.1:{port}"
    server = start_uvicorn(env, port, workers=2, own_process_group=True)
    wait_until_ready(base, 120, server)
    personas = prepare(base, engine, links)
    tally = Tally()
    restarted: dict[str, float] = {}

    async def load_with_a_kill() -> None:
        nonlocal server
        stop = asyncio.Event()
        load = asyncio.create_task(run_load(personas, writers=WRITERS, readers=READERS,
                                            seconds=None, stop=stop, tally=tally, timeout=10))
        await asyncio.sleep(seconds)
        before = tally.writes
        kill(server)
        killed_at = time.perf_counter()
        server = start_uvicorn(env, port, workers=2, own_process_group=True)
        restarted["answer"] = await asyncio.to_thread(wait_until_ready, base, 120, server)
        # Load goes on after the restart until writes are acknowledged again.
        while tally.writes == before or tally.writes < before + WRITERS:
            await asyncio.sleep(0.1)
        restarted["writes"] = time.perf_counter() - killed_at
        await asyncio.sleep(seconds / 2)
        stop.set()
        await load

    try:
        asyncio.run(load_with_a_kill())
        answers = httpx.get(f"{base}/readyz").status_code == 200
    finally:
        kill(server, signal.SIGTERM)
    counts = accounting(engine, tally)
    broken = half_written(engine)
    acknowledged = sum(row["acknowledged"] for row in counts.values())
    stored = sum(row["stored"] for row in counts.values())
    lost = sum(row["lost"] for row in counts.values())
    cut_off = sum(row["unacknowledged"] for row in counts.values())
    refused = {key: n for key, n in tally.errors.items() if isinstance(key[1], int)}
    summary = (
        f"1. server SIGKILL mid-load ({WRITERS} writers, {READERS} readers): "
        f"{acknowledged} writes acknowledged, {stored} stored, {lost} lost, {cut_off} stored "
        f"without an answer (cut off by the kill); half-written {sum(broken.values())} "
        f"{broken}; answers again {restarted['answer']:.1f} s after the restart started, "
        f"writes acknowledged again {restarted['writes']:.1f} s after the kill; answers now: "
        f"{answers}; refusals (HTTP status) {refused or 'none'}; dropped connections "
        f"{sum(n for key, n in tally.errors.items() if not isinstance(key[1], int))}")
    return (lost == 0 and not any(broken.values()) and answers and not refused), summary


def worker_env(env: dict, smtp_port: int) -> dict:
    return {**env, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port),
            "WORKER_POLL_SECONDS": "0.2", "WORKER_BATCH_SIZE": "20",
            "WORKER_LEASE_SECONDS": str(LEASE_SECONDS), "SMTP_TIMEOUT_SECONDS": "2"}


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen([PYTHON, "-m", "app", "worker"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL)


def statuses(engine) -> Counter:
    with engine.connect() as db:
        return Counter(dict(db.execute(text(
            "SELECT status, count(*) FROM notification WHERE channel = 'email' "
            "GROUP BY status")).all()))


def worker_crash(env: dict, engine) -> tuple[bool, str]:
    with engine.connect() as db:
        due = set(db.execute(text(
            "SELECT idempotency_key FROM notification WHERE channel = 'email' "
            "AND status = 'pending' AND due_at <= CURRENT_TIMESTAMP")).scalars())
    handler = Counting()
    handler.delay = 0.02  # slow enough to kill it mid-batch
    smtp_port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    wenv = worker_env(env, smtp_port)
    try:
        worker = start_worker(wenv)
        deadline = time.monotonic() + 120
        while handler.total() < min(30, len(due) // 3) and time.monotonic() < deadline:
            time.sleep(0.01)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        killed_at = time.perf_counter()
        at_kill = handler.total()
        with engine.connect() as db:
            held = db.execute(text(
                "SELECT count(*) FROM notification WHERE status = 'pending' "
                "AND locked_until IS NOT NULL")).scalar_one()
        worker = start_worker(wenv)
        resumed = None
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if resumed is None and handler.total() > at_kill:
                resumed = time.perf_counter() - killed_at
            with engine.connect() as db:
                waiting = db.execute(text(
                    "SELECT count(*) FROM notification WHERE channel = 'email' "
                    "AND status = 'pending' AND due_at <= CURRENT_TIMESTAMP")).scalar_one()
            if waiting == 0:
                break
            time.sleep(0.2)
        drained = time.perf_counter() - killed_at
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    finally:
        controller.stop()
    delivered = set(handler.keys)
    missing = due - delivered
    duplicates = {key: n for key, n in handler.keys.items() if n > 1}
    summary = (
        f"2. worker SIGKILL mid-batch: {len(due)} e-mails due, killed after {at_kill} "
        f"deliveries holding {held} leased rows; after restart: delivered {len(due & delivered)}"
        f" of {len(due)}, missing {len(missing)}, duplicates {len(duplicates)} "
        f"({sum(duplicates.values()) - len(duplicates)} extra copies); delivering again "
        f"{resumed if resumed is None else round(resumed, 1)} s after the kill (lease "
        f"{LEASE_SECONDS} s), all delivered {drained:.1f} s after it; statuses now "
        f"{dict(statuses(engine))}")
    return (not missing and resumed is not None), summary


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    folder = tempfile.mkdtemp(prefix="stapwijzer-crash-")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/crash.sqlite3"
    database = "PostgreSQL" if database_url.startswith("postgresql") else "SQLite"
    port = free_port()
    env = bench_env(database_url, port)
    links = json.loads(subprocess.run([PYTHON, "-m", "app", "demo", "--json"], env=env,
                                      cwd=ROOT, check=True, capture_output=True,
                                      text=True).stdout)
    engine = create_engine(sync_url(database_url))
    print(f"Crash on {database}:")
    try:
        server_ok, line = server_crash(env, port, engine, links, seconds)
        print(line)
        worker_ok, line = worker_crash(env, engine)
        print(line)
    finally:
        engine.dispose()
    ok = server_ok and worker_ok
    print("all budgets met" if ok else "budget missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
