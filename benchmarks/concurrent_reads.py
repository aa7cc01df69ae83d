"""Concurrent reads of a candidate's file, each of which writes the access log, beside writers,
against a real uvicorn server (2 workers) on a fresh demo database.

Readers are the consultant and the parent (a network member), each on the JSON API and on a
page; writers are the candidate (questions) and the backup consultant (updates). Per scenario
it prints the reads answered, the errors (any other status), the resets (dropped connections),
and the access-log rows written against the rows those reads should have written.
Budget: no errors, no resets, every answered read logged.

1. Burst: 100 parallel consultant reads of the file over the API.
2. Two readers (consultant and parent) for N seconds.
3. One writer beside five readers for N seconds.
4. Twenty readers beside five writers for N seconds.

Run: .venv/bin/python -m benchmarks.concurrent_reads [seconds, default 10]
On PostgreSQL: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/EMPTY_DB ..."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
from sqlalchemy import bindparam, create_engine, text

from benchmarks._server import (
    PYTHON,
    ROOT,
    bench_env,
    free_port,
    sign_in,
    start_uvicorn,
    wait_until_ready,
)
from benchmarks.concurrent_writes import kill, sync_url


@dataclass
class Tally:
    reads: Counter = field(default_factory=Counter)  # answered 200, per (persona, path)
    writes: int = 0
    errors: Counter = field(default_factory=Counter)  # other statuses, per (read|write, status)
    resets: Counter = field(default_factory=Counter)  # dropped connections, per read|write

    def answer(self, response: httpx.Response, key, ok: int) -> None:
        kind = "write" if key is None else "read"
        if response.status_code != ok:
            self.errors[kind, response.status_code] += 1
        elif key is None:
            self.writes += 1
        else:
            self.reads[key] += 1

    def failed(self, kind: str) -> tuple[int, int]:
        """(errors, resets) of reads or of writes."""
        return (sum(n for (k, _), n in self.errors.items() if k == kind), self.resets[kind])


@dataclass
class Setup:
    base: str
    engine: object
    candidate: int
    readers: dict[str, int]  # persona -> person id, whose log rows are counted
    cookies: dict[str, httpx.Cookies]
    tokens: dict[str, str]  # writers' bearer tokens
    paths: dict[str, list[str]]  # persona -> what that reader reads
    rows_per_read: dict[tuple[str, str], int]


def logged(setup: Setup) -> int:
    """Access-log rows about the candidate by the counted readers."""
    statement = text("SELECT count(*) FROM accesslogentry WHERE candidate_id = :candidate "
                     "AND actor_id IN :actors").bindparams(bindparam("actors", expanding=True))
    with setup.engine.connect() as db:
        return db.execute(statement, {"candidate": setup.candidate,
                                      "actors": list(setup.readers.values())}).scalar_one()


async def run_load(setup: Setup, readers: list[str], writers: list[str], *,
                   seconds: float | None = None, rounds: int = 1) -> Tally:
    """Each reader persona in `readers` reads its paths (for `seconds`, or `rounds` times);
    each writer in `writers` posts until the readers are done."""
    tally = Tally()
    deadline = time.perf_counter() + seconds if seconds else None
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    clients: list[httpx.AsyncClient] = []

    def client_for(**kwargs) -> httpx.AsyncClient:
        client = httpx.AsyncClient(base_url=setup.base, limits=limits, timeout=60, **kwargs)
        clients.append(client)
        return client

    async def reader(persona: str) -> None:
        client = client_for(cookies=setup.cookies[persona])
        count = 0
        while (time.perf_counter() < deadline) if deadline else count < rounds:
            count += 1
            for path in setup.paths[persona]:
                try:
                    tally.answer(await client.get(path), (persona, path), 200)
                except httpx.HTTPError:  # the server dropped the connection
                    tally.resets["read"] += 1

    async def writer(persona: str, number: int) -> None:
        kind = "messages" if persona == "candidate" else "updates"
        client = client_for(headers={"Authorization": f"Bearer {setup.tokens[persona]}"})
        count = 0
        while not stop.is_set():
            count += 1
            try:
                response = await client.post(f"/api/v1/candidates/{setup.candidate}/{kind}",
                                             json={"body": f"read-bench-{number}-{count}."})
                tally.answer(response, None, 201)
            except httpx.HTTPError:
                tally.resets["write"] += 1

    async def readers_then_stop() -> None:
        await asyncio.gather(*(reader(persona) for persona in readers))
        stop.set()

    try:
        await asyncio.gather(readers_then_stop(),
                             *(writer(persona, n) for n, persona in enumerate(writers)))
    finally:
        for client in clients:
            await client.aclose()
    return tally


def scenario(setup: Setup, label: str, readers: list[str], writers: list[str], **load) -> bool:
    before = logged(setup)
    started = time.perf_counter()
    tally = asyncio.run(run_load(setup, readers, writers, **load))
    elapsed = time.perf_counter() - started
    written = logged(setup) - before
    expected = sum(setup.rows_per_read[key] * count for key, count in tally.reads.items())
    reads = sum(tally.reads.values())
    read_errors, read_resets = tally.failed("read")
    write_errors, write_resets = tally.failed("write")
    tried = reads + read_errors + read_resets
    print(f"{label} ({elapsed:.1f} s): reads {reads} of {tried} answered "
          f"({reads / elapsed:.0f}/s), {read_errors} errors, {read_resets} resets; "
          f"writes {tally.writes}, {write_errors} errors, {write_resets} resets; "
          f"log rows {written} of {expected} expected; statuses {dict(tally.errors) or '-'}")
    return not tally.errors and not tally.resets and written == expected


def prepare(base: str, engine, links: dict[str, str]) -> Setup:
    from app.demo.seed import DEMO_PASSWORD, EMAILS

    with engine.connect() as db:
        def named(name: str) -> int:
            return db.execute(text("SELECT id FROM person WHERE display_name = :name"),
                              {"name": name}).scalar_one()
        candidate = named("Guy Visser")
        readers = {"consultant": named("Floor de Vries"), "parent": named("Marja Visser")}
    cookies = {}
    for persona in readers:
        with httpx.Client(base_url=base) as client:
            sign_in(client, links[persona])
            cookies[persona] = client.cookies
    redeemed = httpx.post(f"{base}/api/v1/auth/invites/redeem", json={
        "token": links["candidate"].rsplit("/", 1)[1], "device_label": "read-bench"})
    redeemed.raise_for_status()
    login = httpx.post(f"{base}/api/v1/auth/login", json={
        "email": EMAILS["backup_consultant"], "password": DEMO_PASSWORD})
    login.raise_for_status()
    tokens = {"candidate": redeemed.json()["access_token"],
              "backup": login.json()["access_token"]}
    paths = {"consultant": [f"/api/v1/candidates/{candidate}/journey",
                            f"/office/candidates/{candidate}"],
             "parent": [f"/api/v1/candidates/{candidate}/journey", f"/c/{candidate}"],
             "consultant_api": [f"/api/v1/candidates/{candidate}/journey"]}
    cookies["consultant_api"] = cookies["consultant"]
    setup = Setup(base, engine, candidate, readers, cookies, tokens, paths, {})
    # How many rows one read of each kind logs, measured one at a time on the idle server.
    for persona, persona_paths in paths.items():
        for path in persona_paths:
            before = logged(setup)
            response = httpx.get(base + path, cookies=cookies[persona])
            response.raise_for_status()
            setup.rows_per_read[persona, path] = logged(setup) - before
    return setup


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    folder = tempfile.mkdtemp(prefix="stapwijzer-reads-")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/reads.sqlite3"
    port = free_port()
    env = bench_env(database_url, port)
    base = f"http://127.0.0.1:{port}"
    links = json.loads(subprocess.run([PYTHON, "-m", "app", "demo", "--json"], env=env,
                                      cwd=ROOT, check=True, capture_output=True,
                                      text=True).stdout)
    engine = create_engine(sync_url(database_url))
    # Its own process group, so stopping it reaches both workers; a loaded machine needs time.
    server = start_uvicorn(env, port, workers=2, own_process_group=True)
    wait_until_ready(base, seconds=120, server=server)
    results = []
    try:
        setup = prepare(base, engine, links)
        results.append(scenario(setup, "1. burst of 100 consultant reads (API)",
                                ["consultant_api"] * 100, []))
        results.append(scenario(setup, f"2. two readers, {seconds:.0f} s",
                                ["consultant", "parent"], [], seconds=seconds))
        results.append(scenario(setup, f"3. one writer beside five readers, {seconds:.0f} s",
                                ["consultant", "parent"] * 2 + ["consultant"], ["candidate"],
                                seconds=seconds))
        results.append(scenario(setup, f"4. twenty readers beside five writers, {seconds:.0f} s",
                                ["consultant", "parent"] * 10,
                                ["candidate"] * 2 + ["backup"] * 3, seconds=seconds))
    finally:
        kill(server, signal.SIGTERM)
        engine.dispose()
    failures = results.count(False)
    print("all budgets met" if failures == 0 else f"{failures} budget(s) missed")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
