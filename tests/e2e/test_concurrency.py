"""Many writes at once against the real server: each is answered and stored, none stalls.

Sync endpoints hold their database connection across worker-thread hops; a burst larger than
the connection pool used to take every connection and thread and stall until timeouts (found
by benchmarks/concurrent_writes.py). The admission middleware makes the burst queue instead."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import func, select

from app.db import unit_of_work
from app.messages.models import Message

pytestmark = pytest.mark.e2e

BURST = 80  # twice the worker threads, five times the SQLite connection pool


def test_a_burst_of_writes_is_answered_and_stored(live_server):
    link = live_server.demo_links()["candidate"]
    with httpx.Client(base_url=live_server.url) as client:
        redeemed = client.post("/api/v1/auth/invites/redeem",
                               json={"token": link.rsplit("/", 1)[1], "device_label": "burst"})
        assert redeemed.status_code == 200
    token, candidate = redeemed.json()["access_token"], redeemed.json()["person_id"]

    async def burst() -> list[int]:
        limits = httpx.Limits(max_connections=BURST)
        async with httpx.AsyncClient(base_url=live_server.url, limits=limits, timeout=60,
                                     headers={"Authorization": f"Bearer {token}"}) as client:
            responses = await asyncio.gather(*(
                client.post(f"/api/v1/candidates/{candidate}/messages",
                            json={"body": f"Vraag {number} uit de burst."})
                for number in range(BURST)))
        return [response.status_code for response in responses]

    # Its own thread: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        statuses = thread.submit(asyncio.run, burst()).result()
    assert statuses == [201] * BURST
    with unit_of_work(live_server.session_factory) as session:
        stored = session.scalar(select(func.count()).select_from(Message).where(
            Message.candidate_id == candidate, Message.body.like("Vraag % uit de burst.")))
    assert stored == BURST
