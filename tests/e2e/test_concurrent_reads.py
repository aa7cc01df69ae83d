"""Staff and a network member read a candidate's file at once, beside writers, against the real
server: every read is answered, no connection drops, and every read is in the access log.

On SQLite each read writes its access-log row; written inside the read transaction, that row
failed with "database is locked" as soon as another connection wrote (found by
benchmarks/concurrent_reads.py: one writer beside five readers failed 464 of 468 reads)."""

from __future__ import annotations

import asyncio
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import func, select

from app.access_log.models import AccessLogEntry
from app.db import unit_of_work
from app.demo.seed import DEMO_PASSWORD, EMAILS
from app.people.models import Person

pytestmark = pytest.mark.e2e

READERS_PER_PERSONA = 3  # the consultant and the parent, each on the API and on a page
ROUNDS = 12
WRITERS = 2
WRITES = 20


def _ids(live_server) -> dict[str, int]:
    with unit_of_work(live_server.session_factory) as session:
        def named(name):
            return session.scalar(select(Person.id).where(Person.display_name == name))
        return {"candidate": named("Guy Visser"), "parent": named("Marja Visser"),
                "consultant": named("Floor de Vries"), "backup": named("Sander Bakker")}


def _logged(live_server, ids) -> int:
    """Access-log rows for the candidate by the two readers."""
    with unit_of_work(live_server.session_factory) as session:
        return session.scalar(select(func.count()).select_from(AccessLogEntry).where(
            AccessLogEntry.candidate_id == ids["candidate"],
            AccessLogEntry.actor_id.in_([ids["consultant"], ids["parent"]])))


def _signed_in(live_server, link: str) -> httpx.Cookies:
    with httpx.Client(base_url=live_server.url) as client:
        client.post(f"/i/{link.rsplit('/', 1)[1]}", headers={"Sec-Fetch-Site": "same-origin"})
        assert client.cookies, "the invite link did not sign in"
        return client.cookies


def _bearer(live_server, path: str, body: dict) -> str:
    response = httpx.post(f"{live_server.url}/api/v1/{path}", json=body)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def test_readers_beside_writers_are_answered_and_logged(live_server):
    ids = _ids(live_server)
    links = live_server.demo_links()
    cookies = {persona: _signed_in(live_server, links[persona])
               for persona in ("consultant", "parent")}
    candidate_token = _bearer(live_server, "auth/invites/redeem", {
        "token": links["candidate"].rsplit("/", 1)[1], "device_label": "reads"})
    backup_token = _bearer(live_server, "auth/login", {
        "email": EMAILS["backup_consultant"], "password": DEMO_PASSWORD})
    guy = ids["candidate"]
    reads = {"consultant": [f"/api/v1/candidates/{guy}/journey", f"/office/candidates/{guy}"],
             "parent": [f"/api/v1/candidates/{guy}/journey", f"/c/{guy}"]}

    # How many rows one read of each kind logs, measured one at a time.
    rows_per_read = {}
    for persona, paths in reads.items():
        for path in paths:
            before = _logged(live_server, ids)
            assert httpx.get(live_server.url + path, cookies=cookies[persona]).status_code == 200
            rows_per_read[persona, path] = _logged(live_server, ids) - before
            assert rows_per_read[persona, path] > 0

    async def load() -> tuple[Counter, Counter, Counter]:
        answered, failed, done = Counter(), Counter(), Counter()
        limits = httpx.Limits(max_connections=100)

        async def reader(client: httpx.AsyncClient, persona: str) -> None:
            for _ in range(ROUNDS):
                for path in reads[persona]:
                    try:
                        response = await client.get(path)
                    except httpx.HTTPError as error:
                        failed[type(error).__name__] += 1
                        continue
                    answered[response.status_code] += 1
                    if response.status_code == 200:
                        done[persona, path] += 1

        async def writer(client: httpx.AsyncClient, url: str, number: int) -> None:
            for count in range(WRITES):
                try:
                    response = await client.post(url, json={"body": f"Lees-{number}-{count}."})
                except httpx.HTTPError as error:
                    failed[type(error).__name__] += 1
                    continue
                answered[response.status_code] += 1

        clients = {persona: httpx.AsyncClient(base_url=live_server.url, cookies=jar,
                                              limits=limits, timeout=60)
                   for persona, jar in cookies.items()}
        clients["candidate"] = httpx.AsyncClient(
            base_url=live_server.url, limits=limits, timeout=60,
            headers={"Authorization": f"Bearer {candidate_token}"})
        clients["backup"] = httpx.AsyncClient(
            base_url=live_server.url, limits=limits, timeout=60,
            headers={"Authorization": f"Bearer {backup_token}"})
        try:
            await asyncio.gather(
                *(reader(clients[persona], persona) for persona in reads
                  for _ in range(READERS_PER_PERSONA)),
                writer(clients["candidate"], f"/api/v1/candidates/{guy}/messages", 0),
                *(writer(clients["backup"], f"/api/v1/candidates/{guy}/updates", number)
                  for number in range(1, WRITERS)))
        finally:
            for client in clients.values():
                await client.aclose()
        return answered, failed, done

    before = _logged(live_server, ids)
    # Its own thread: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        answered, failed, done = thread.submit(asyncio.run, load()).result()
    reads_total = READERS_PER_PERSONA * ROUNDS * 4
    assert failed == Counter(), f"dropped connections: {dict(failed)}"
    assert answered == Counter({200: reads_total, 201: WRITERS * WRITES}), dict(answered)
    expected = sum(rows_per_read[key] * count for key, count in done.items())
    assert _logged(live_server, ids) - before == expected
