"""Mixed writers and readers against the real server for a moment (benchmarks/soak.py in
small): every write is answered 201 and stored, every read 200, nothing half-written."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks._load import READ_KINDS, WRITE_KINDS, accounting, half_written, prepare, run_load

pytestmark = pytest.mark.e2e


def test_mixed_writers_and_readers_lose_nothing(live_server):
    engine = live_server.session_factory.kw["bind"]
    # The shared server's candidate keeps no e-mail address: other tests count his outbox.
    personas = prepare(live_server.url, engine, live_server.demo_links(), candidate_email=False,
                       consultant_api_link=lambda: live_server.demo_links()["consultant"])
    # Its own thread: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        tally = thread.submit(asyncio.run, run_load(
            personas, writers=4 * len(WRITE_KINDS), readers=len(READ_KINDS) - 2,
            seconds=2)).result()
    assert not tally.errors, dict(tally.errors)
    counts = accounting(engine, tally)
    assert all(counts[kind]["acknowledged"] > 0 for kind in WRITE_KINDS), counts
    assert all(row["lost"] == 0 and row["unacknowledged"] == 0 for row in counts.values())
    assert tally.reads > 0
    broken = half_written(engine)
    # Without his address the candidate gets no notification of an appointment; the notice
    # and the consultant's notification of a question are written with the record itself.
    assert broken["appointment without its notice"] == 0
    assert broken["question without its notification"] == 0
