"""Soak: 200 writers and 50 readers for N seconds against a real uvicorn server (2 workers) on a
fresh demo database, then every acknowledged write counted in the database.

Writers take turns over four kinds of write (the candidate's questions, the consultant's
updates, appointments, case-file notes); readers over the pages and endpoints people use every
day (candidate home, updates, money, caseload page and API, the consultant's view of a file).
Budget: 0 errors (a 429/503 with Retry-After is retried and reported, not an error), every
acknowledged write stored, nothing half-written. Prints p50/p95/p99 per kind, as the client
measured them (the client shares the machine: the figures include its own waiting).

Run: .venv/bin/python -m benchmarks.soak [seconds, default 60] [writers] [readers]
On PostgreSQL: DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/EMPTY_DB ..."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

from sqlalchemy import create_engine

from benchmarks._load import accounting, half_written, latency_table, prepare, run_load
from benchmarks._server import PYTHON, ROOT, bench_env, free_port, start_uvicorn, wait_until_ready
from benchmarks.concurrent_writes import kill, sync_url


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    writers = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    readers = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    folder = tempfile.mkdtemp(prefix="stapwijzer-soak-")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/soak.sqlite3"
    database = "PostgreSQL" if database_url.startswith("postgresql") else "SQLite"
    port = free_port()
    env = bench_env(database_url, port)
    base = f"http://127.0.0.1:{port}"
    links = json.loads(subprocess.run([PYTHON, "-m", "app", "demo", "--json"], env=env,
                                      cwd=ROOT, check=True, capture_output=True,
                                      text=True).stdout)
    engine = create_engine(sync_url(database_url))
    server = start_uvicorn(env, port, workers=int(os.environ.get("SOAK_WORKERS", "2")),
                           own_process_group=True)
    try:
        wait_until_ready(base, seconds=120, server=server)
        personas = prepare(base, engine, links)
        started = time.perf_counter()
        tally = asyncio.run(run_load(personas, writers=writers, readers=readers,
                                     seconds=seconds))
        elapsed = time.perf_counter() - started
    finally:
        kill(server, signal.SIGTERM)
    counts = accounting(engine, tally)
    broken = half_written(engine)
    engine.dispose()

    print(f"Soak on {database}: {writers} writers, {readers} readers, {elapsed:.0f} s; "
          f"{tally.writes / elapsed:.0f} writes/s, {tally.reads / elapsed:.0f} reads/s")
    print("\n".join(latency_table(tally)))
    print(f"  {'write kind':<16} {'acked':>7} {'stored':>7} {'lost':>5} {'unacked':>8}")
    for kind, row in counts.items():
        print(f"  {kind:<16} {row['acknowledged']:>7} {row['stored']:>7} {row['lost']:>5} "
              f"{row['unacknowledged']:>8}")
    print(f"  errors by status: {dict(tally.errors) or 'none'}; retried after Retry-After: "
          f"{dict(tally.retried) or 'none'}; half-written: {broken}")
    lost = sum(row["lost"] for row in counts.values())
    ok = not tally.errors and lost == 0 and not any(broken.values())
    print("all budgets met" if ok else "budget missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
