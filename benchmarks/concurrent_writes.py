"""Concurrency and crash safety, against a real uvicorn server (2 workers) on a fresh demo database.

1. Many writers: 200 concurrent clients post updates to the demo candidate for N seconds.
   Budget: no errors, and every acknowledged write is in the database (counted directly).
2. Two writers, one object: 50 clients change the same appointment with the same If-Match.
   Budget: exactly one succeeds, the others get 412, the version went up by one.
3. Crash: writers plan appointments (an appointment and its notice in one transaction); the
   server is killed with SIGKILL mid-load and started again. Budget: every acknowledged
   appointment exists, and no appointment is without its notice (nothing half-written).

Run: .venv/bin/python -m benchmarks.concurrent_writes [seconds, default 60]
On PostgreSQL: DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/EMPTY_DB ..."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import create_engine, text

from benchmarks._server import (
    PYTHON,
    ROOT,
    bench_env,
    free_port,
    start_uvicorn,
    wait_until_ready,
)

WRITERS = 200


def start_server(env: dict, port: int) -> subprocess.Popen:
    # Its own process group, so SIGKILL reaches the supervisor and both workers.
    server = start_uvicorn(env, port, workers=2, own_process_group=True)
    wait_until_ready(f"http://127.0.0.1:{port}", server=server)
    return server


def kill(server: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    os.killpg(server.pid, sig)  # the uvicorn supervisor and both workers
    server.wait(timeout=10)


def sync_url(database_url: str) -> str:
    return database_url.replace("postgresql://", "postgresql+psycopg://", 1)


async def many_writers(base: str, token: str, candidate: int, seconds: float) -> tuple:
    acknowledged: list[str] = []
    statuses: Counter = Counter()
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=WRITERS, max_keepalive_connections=WRITERS)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30,
                                 headers={"Authorization": f"Bearer {token}"}) as client:
        async def writer(number: int) -> None:
            count = 0
            while time.perf_counter() < deadline:
                body = f"bench-{number}-{count}: je afspraak staat vast."
                count += 1
                try:
                    response = await client.post(f"/api/v1/candidates/{candidate}/updates",
                                                 json={"body": body})
                    statuses[response.status_code] += 1
                    if response.status_code == 201:
                        acknowledged.append(body)
                except httpx.HTTPError as error:
                    statuses[type(error).__name__] += 1
        await asyncio.gather(*(writer(n) for n in range(WRITERS)))
    return acknowledged, statuses


async def same_object(base: str, token: str, candidate: int) -> tuple[Counter, int, int]:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, timeout=30, headers=headers) as client:
        start = datetime.now(UTC) + timedelta(days=30)
        created = await client.post(f"/api/v1/candidates/{candidate}/appointments", json={
            "title": "Gesprek", "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat()})
        created.raise_for_status()
        appointment = created.json()
        url = f"/api/v1/candidates/{candidate}/appointments/{appointment['id']}"
        if_match = {"If-Match": f'W/"{appointment["version"]}"'}
        responses = await asyncio.gather(*(
            client.patch(url, json={"place_name": f"Plek {n}"}, headers=if_match)
            for n in range(50)))
        after = (await client.get(url)).json()
    return Counter(r.status_code for r in responses), appointment["version"], after["version"]


async def crash_writers(base: str, token: str, candidate: int, stop: asyncio.Event) -> list:
    acknowledged: list[int] = []
    async with httpx.AsyncClient(base_url=base, timeout=10,
                                 headers={"Authorization": f"Bearer {token}"}) as client:
        async def writer(number: int) -> None:
            count = 0
            while not stop.is_set():
                start = datetime.now(UTC) + timedelta(days=10, minutes=number * 100 + count)
                count += 1
                try:
                    response = await client.post(
                        f"/api/v1/candidates/{candidate}/appointments",
                        json={"title": f"crash-{number}-{count}", "starts_at": start.isoformat(),
                              "ends_at": (start + timedelta(minutes=30)).isoformat()})
                    if response.status_code == 201:
                        acknowledged.append(response.json()["id"])
                except httpx.HTTPError:
                    await asyncio.sleep(0.01)  # the server is gone; keep trying until stopped
        await asyncio.gather(*(writer(n) for n in range(50)))
    return acknowledged


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    folder = tempfile.mkdtemp(prefix="stapwijzer-writes-")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/writes.sqlite3"
    port = free_port()
    env = bench_env(database_url, port)
    base = f"http://127.0.0.1:{port}"
    subprocess.run([PYTHON, "-m", "app", "demo", "--json"], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    engine = create_engine(sync_url(database_url))
    with engine.connect() as db:
        candidate = db.execute(text(
            "SELECT id FROM person WHERE display_name = 'Guy Visser'")).scalar_one()
        email = db.execute(text(
            "SELECT email FROM person WHERE display_name = 'Floor de Vries'")).scalar_one()
    server = start_server(env, port)
    failures = 0
    try:
        from app.demo.seed import DEMO_PASSWORD
        login = httpx.post(f"{base}/api/v1/auth/login",
                           json={"email": email, "password": DEMO_PASSWORD})
        login.raise_for_status()
        token = login.json()["access_token"]

        acknowledged, statuses = asyncio.run(many_writers(base, token, candidate, seconds))
        with engine.connect() as db:
            stored = set(db.execute(text(
                "SELECT body FROM message WHERE body LIKE 'bench-%'")).scalars())
        lost = [body for body in acknowledged if body not in stored]
        errors = {k: v for k, v in statuses.items() if k != 201}
        print(f"1. {WRITERS} writers, {seconds:.0f} s: {len(acknowledged)} updates acknowledged "
              f"({len(acknowledged) / seconds:.0f}/s), {len(stored)} stored, {len(lost)} lost, "
              f"other answers: {errors or 'none'}")
        failures += bool(lost or errors or len(stored) != len(acknowledged))

        answers, before, after = asyncio.run(same_object(base, token, candidate))
        print(f"2. 50 writers, one appointment, one If-Match: answers {dict(answers)}, "
              f"version {before} -> {after}")
        failures += not (answers[200] == 1 and answers[412] == 49 and after == before + 1)

        async def crash() -> list[int]:
            nonlocal server
            stop = asyncio.Event()
            task = asyncio.create_task(crash_writers(base, token, candidate, stop))
            await asyncio.sleep(3)
            kill(server)
            await asyncio.sleep(0.5)
            stop.set()
            return await task
        acknowledged_ids = asyncio.run(crash())
        server = start_server(env, port)
        with engine.connect() as db:
            stored_ids = set(db.execute(text(
                "SELECT id FROM appointment WHERE title LIKE 'crash-%'")).scalars())
            without_notice = db.execute(text(
                "SELECT count(*) FROM appointment a WHERE a.title LIKE 'crash-%' AND NOT EXISTS "
                "(SELECT 1 FROM message m WHERE m.about_appointment_id = a.id)")).scalar_one()
        lost_ids = [i for i in acknowledged_ids if i not in stored_ids]
        print(f"3. SIGKILL mid-load: {len(acknowledged_ids)} appointments acknowledged, "
              f"{len(stored_ids)} stored, {len(lost_ids)} lost, {without_notice} without "
              f"their notice; server answers again: "
              f"{httpx.get(f'{base}/readyz').status_code == 200}")
        failures += bool(lost_ids or without_notice)
    finally:
        kill(server, signal.SIGTERM)
        engine.dispose()
    print("all budgets met" if failures == 0 else f"{failures} budget(s) missed")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
