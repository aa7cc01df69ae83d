"""Scale: 20,000 candidates, 400 consultants and about 500,000 steps and messages on PostgreSQL;
a consultant's caseload page and endpoint, server time p50/p95, and their query counts; the
page also with every file of the caseload changed before each request (no cached row holds).

Budget (quality.md): caseload page p95 ≤ 30 ms server time; the number of SQL queries per page
does not grow with the caseload.

Rows are made by copying real ones: one candidate is created through the service (journey,
steps, contact assignment, notices), then its rows are cloned with core INSERTs, so every
column holds what the product itself writes.
Run: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/EMPTY_DB \
     .venv/bin/python -m benchmarks.scale [candidates, default 20000] [--against CHECKOUT]

A second run reuses the generated rows. `--against` a checkout of another commit (e.g.
`git archive main | tar -x -C /tmp/main`) starts its server beside this one on the same
database and times both in one run, requests taking turns, so a noisy machine slows both
alike; each line also gives the server's CPU time per request."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from itertools import count
from pathlib import Path

import httpx
from sqlalchemy import event, insert, select, text

from app import models  # noqa: F401 - registers every table
from app.auth.actor import Actor
from app.candidates.schemas import CandidateCreate
from app.contacts.models import ContactAssignment
from app.db import make_engine, make_session_factory, unit_of_work
from app.journeys.models import Journey, JourneyStep
from app.messages.models import Message
from app.onboarding.service import create_candidate
from app.people.models import Person, Role
from app.route_templates.models import RouteTemplate
from benchmarks._server import (
    PYTHON,
    ROOT,
    bench_env,
    free_port,
    wait_until_ready,
)

CONSULTANTS = 400
MESSAGES_PER_CANDIDATE = 15
BATCH = 5_000


def row_of(session, table, **where) -> dict:
    statement = select(table)
    for name, value in where.items():
        statement = statement.where(getattr(table.c, name) == value)
    return dict(session.execute(statement).mappings().one())


def rows_of(session, table, column: str, value) -> list[dict]:
    return [dict(r) for r in session.execute(
        select(table).where(getattr(table.c, column) == value)).mappings()]


def bulk(session, table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        session.execute(insert(table), rows[start:start + BATCH])


def generate(factory, candidates: int) -> list[str]:
    """Returns the e-mail addresses of the consultants, busiest first."""
    persons, journeys = Person.__table__, Journey.__table__
    steps, assignments, messages = (JourneyStep.__table__, ContactAssignment.__table__,
                                    Message.__table__)
    with unit_of_work(factory) as session:
        floor = session.scalar(select(Person).where(Person.display_name == "Floor de Vries"))
        actor = Actor(person_id=floor.id, role=Role.consultant,
                      organisation_id=floor.organisation_id, display_name=floor.display_name,
                      session_id=0, via="bearer")
        route = session.scalar(select(RouteTemplate.id).where(
            RouteTemplate.key == "almere", RouteTemplate.organisation_id == floor.organisation_id))
        model = create_candidate(session, actor, CandidateCreate(
            display_name="Model Kandidaat", route_template_id=route))
        session.flush()
        floor_row = row_of(session, persons, id=floor.id)
        candidate_row = row_of(session, persons, id=model.id)
        journey_row = row_of(session, journeys, candidate_id=model.id)
        step_rows = rows_of(session, steps, "journey_id", journey_row["id"])
        assignment_row = row_of(session, assignments, candidate_id=model.id)
        # An update as the demo's consultant writes them (a new candidate has none yet).
        message_row = dict(session.execute(select(messages).where(
            messages.c.kind == "update", messages.c.body != "").limit(1)).mappings().one())

    ids = count(10_000_000)  # far above anything the demo made
    consultants = []
    with unit_of_work(factory) as session:
        rows = []
        for number in range(CONSULTANTS):
            row = {**floor_row, "id": next(ids), "display_name": f"Consulent {number:03d}",
                   "email": f"consulent{number:03d}@scale.example", "totp_secret": None,
                   "totp_enabled_at": None}
            rows.append(row)
            consultants.append(row)
        bulk(session, persons, rows)

    made = 0
    while made < candidates:
        chunk = min(1_000, candidates - made)
        people, trips, trip_steps, links, notes = [], [], [], [], []
        for offset in range(chunk):
            number = made + offset
            person_id, journey_id = next(ids), next(ids)
            people.append({**candidate_row, "id": person_id, "email": None,
                           "display_name": f"Kandidaat {number:05d}"})
            trips.append({**journey_row, "id": journey_id, "candidate_id": person_id})
            for step in step_rows:
                trip_steps.append({**step, "id": next(ids), "journey_id": journey_id})
            primary = consultants[number % CONSULTANTS]["id"]
            backup = consultants[(number + 1) % CONSULTANTS]["id"]
            links.append({**assignment_row, "id": next(ids), "candidate_id": person_id,
                          "primary_id": primary, "backup_id": backup})
            for index in range(MESSAGES_PER_CANDIDATE):
                notes.append({**message_row, "id": next(ids), "candidate_id": person_id,
                              "author_id": primary, "about_appointment_id": None,
                              "reply_to_id": None, "addressed_to_id": None,
                              "body": f"Update {index} voor kandidaat {number}."})
        with unit_of_work(factory) as session:
            bulk(session, persons, people)
            bulk(session, journeys, trips)
            bulk(session, steps, trip_steps)
            bulk(session, assignments, links)
            bulk(session, messages, notes)
        made += chunk
        print(f"  {made} candidates", end="\r", flush=True)
    print()
    print(f"generated: {candidates} candidates, {CONSULTANTS} consultants, "
          f"{candidates * len(step_rows)} steps, "
          f"{candidates * MESSAGES_PER_CANDIDATE} messages")
    return [c["email"] for c in consultants]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(servers: dict[str, tuple[httpx.Client, int]], path: str, runs: int,
          before_each=None) -> dict[str, tuple[float, float, float]]:
    """p50 and p95 wall time and CPU ms per request of each server, requests taking turns;
    `before_each` runs (untimed) before every request."""
    for client, _pid in servers.values():
        for _ in range(5):
            client.get(path).raise_for_status()
    durations: dict[str, list[float]] = {name: [] for name in servers}
    cpu_before = {name: cpu_seconds(pid) for name, (_client, pid) in servers.items()}
    for _ in range(runs):
        for name, (client, _pid) in servers.items():
            if before_each is not None:
                before_each()
            started = time.perf_counter()
            client.get(path).raise_for_status()
            durations[name].append((time.perf_counter() - started) * 1000)
    result = {}
    for name, (_client, pid) in servers.items():
        spent = sorted(durations[name])
        result[name] = (statistics.median(spent), spent[int(len(spent) * 0.95) - 1],
                        (cpu_seconds(pid) - cpu_before[name]) * 1000 / runs)
    return result


def change_every_file(engine, email: str):
    """A callable that marks every file of this consultant's caseload changed (its data
    version bumped, as any write does): the next caseload works out every row afresh."""
    statement = text(
        "UPDATE person SET data_version = data_version + 1 WHERE id IN (SELECT candidate_id "
        "FROM contactassignment WHERE primary_id = :me OR backup_id = :me)")
    with engine.connect() as connection:
        me = connection.scalar(select(Person.id).where(Person.email == email))

    def change() -> None:
        with engine.begin() as connection:
            connection.execute(statement, {"me": me})

    return change


def query_counts(database_url: str, email: str) -> dict[str, int]:
    """Counted in-process on the same database, through the real app."""
    from fastapi.testclient import TestClient

    from app.demo.seed import DEMO_PASSWORD
    from app.main import create_app
    from app.settings import Settings

    engine = make_engine(database_url)
    app = create_app(Settings(database_url=database_url, migrate_on_start=False,
                              seed_demo_on_start=False),
                     session_factory=make_session_factory(engine))
    statements: list[str] = []

    def record(_conn, _cursor, statement, parameters, _context, executemany):
        # psycopg 3 sends an executemany as one statement per row.
        statements.extend([statement] * (len(parameters) if executemany else 1))

    event.listen(engine, "before_cursor_execute", record)
    counts = {}
    with TestClient(app) as client:
        token = client.post("/api/v1/auth/login", json={
            "email": email, "password": DEMO_PASSWORD}).json()["access_token"]
        change = change_every_file(engine, email)
        for path in ("/api/v1/caseload", "/office"):
            for label, before in ((" (rows worked out)", change), ("", None)):
                if before is not None:
                    before()
                statements.clear()
                client.get(path, headers={"Authorization": f"Bearer {token}"}
                           ).raise_for_status()
                counts[path + label] = len(statements)
    engine.dispose()
    return counts


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgresql"):
        print("Set DATABASE_URL to an empty PostgreSQL database.", file=sys.stderr)
        return 2
    args = sys.argv[1:]
    against = None
    if "--against" in args:
        at = args.index("--against")
        against = Path(args[at + 1]).resolve()
        del args[at:at + 2]
    candidates = int(args[0]) if args else 20_000
    port = free_port()
    env = bench_env(database_url, port)
    subprocess.run([PYTHON, "-m", "app", "demo", "--json"], env=env, cwd=ROOT, check=True,
                   capture_output=True)  # migrates, and seeds an empty database
    engine = make_engine(database_url)
    with unit_of_work(make_session_factory(engine)) as session:
        emails = list(session.scalars(select(Person.email).where(
            Person.email.like("consulent%@scale.example")).order_by(Person.email)))
    if emails:
        print(f"reusing the {len(emails)} consultants generated before")
    else:
        started = time.perf_counter()
        emails = generate(make_session_factory(engine), candidates)
        print(f"generation took {time.perf_counter() - started:.0f} s")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE")  # as autovacuum would after a bulk load
    engine.dispose()

    checkouts = {"this": ROOT} if against is None else {"this": ROOT, "against": against}
    servers, clients = {}, {}
    try:
        for name, checkout in checkouts.items():
            port = free_port()
            env = {**bench_env(database_url, port), "PYTHONPATH": str(checkout)}
            servers[name] = subprocess.Popen(
                [PYTHON, "-m", "uvicorn", "app.asgi:app", "--host", "127.0.0.1", "--port",
                 str(port), "--no-access-log", "--log-level", "warning"], env=env, cwd=checkout)
            base = f"http://127.0.0.1:{port}"
            wait_until_ready(base, server=servers[name])
            clients[name] = httpx.Client(base_url=base, timeout=60)
        from app.demo.seed import DEMO_PASSWORD
        for client in clients.values():
            token = client.post("/api/v1/auth/login", json={
                "email": emails[0], "password": DEMO_PASSWORD}).json()["access_token"]
            client.headers["Authorization"] = f"Bearer {token}"
        size = clients["this"].get("/api/v1/caseload").json()["total"]
        print(f"one consultant's caseload: {size} candidates (primary or backup)")
        pairs = {name: (clients[name], servers[name].pid) for name in checkouts}
        changes = make_engine(database_url)
        # As a consultant reloads her caseload; and with every row's file changed since.
        for path, before, note in (
                ("/office", None, ""), ("/api/v1/caseload", None, ""),
                ("/office", change_every_file(changes, emails[0]), " every file changed")):
            for name, (p50, p95, cpu) in timed(pairs, path, 200, before).items():
                label = "" if against is None else f"{name}: "
                print(f"{label}{path:<20} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   "
                      f"server CPU {cpu:5.1f} ms/request   (budget p95 ≤ 30 ms){note}")
        changes.dispose()
    finally:
        for client in clients.values():
            client.close()
        for server in servers.values():
            server.terminate()
            server.wait(timeout=10)
    print("queries per request:", query_counts(database_url, emails[0]))
    if against is not None:
        counted = subprocess.run(
            # This file's counter, the other checkout's app.
            [PYTHON, "-c", "import importlib.util as u; s = u.spec_from_file_location("
             f"'here', {str(Path(__file__).resolve())!r}); m = u.module_from_spec(s); "
             f"s.loader.exec_module(m); print(m.query_counts({database_url!r}, "
             f"{emails[0]!r}))"],
            cwd=against, env={**os.environ, "PYTHONPATH": str(against)},
            capture_output=True, text=True, check=True)
        print("against: queries per request:", counted.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
