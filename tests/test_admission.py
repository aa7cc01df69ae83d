"""Admission control: the one write at a time (SQLite) never waits behind queued readers, and
no more requests than the slots use the database at once.

Found by benchmarks/soak.py: the writer held the write lock while it queued for a slot behind
every waiting reader, so all other writers waited too (SQLite, 200 writers beside 50 readers:
8 writes/s against 58 reads/s, writes answered after up to 57 s)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from app.admission import AdmissionMiddleware


class Recorder:
    """An ASGI app whose reads wait until released; counts the requests inside at once."""

    def __init__(self) -> None:
        self.inside = 0
        self.most = 0
        self.release_reads = asyncio.Event()

    async def __call__(self, scope, receive, send) -> None:
        self.inside += 1
        self.most = max(self.most, self.inside)
        try:
            if scope["method"] == "GET":
                await self.release_reads.wait()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b""})
        finally:
            self.inside -= 1


async def _request(app, method: str) -> int:
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await app({"type": "http", "method": method, "path": "/x", "headers": []}, receive, send)
    return sent[0]["status"]


async def _until(condition) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0)
    await asyncio.wait_for(poll(), timeout=10)


def _run_alone(coroutine) -> None:
    # In a thread of its own: a browser test on this xdist worker may have left its event loop
    # running in the main thread, where asyncio.run() refuses to start.
    failures: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - carried to the test's thread
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


@pytest.mark.parametrize("slots", [2, 4])
def test_a_write_is_not_queued_behind_waiting_readers(slots):
    async def scenario() -> None:
        inner = Recorder()
        app = AdmissionMiddleware(inner, slots=slots, serialise_writes=True)
        # More readers than slots: some hold a slot, the rest wait for one.
        reads = [asyncio.create_task(_request(app, "GET")) for _ in range(slots * 3)]
        await _until(lambda: inner.inside >= slots - 1)
        # The write is answered while every reader still waits (on main it waited for them).
        assert await asyncio.wait_for(_request(app, "POST"), timeout=10) == 200
        assert not any(read.done() for read in reads)
        # Writes stay one at a time and, with the readers, within the slots.
        writes = [asyncio.create_task(_request(app, "POST")) for _ in range(5)]
        inner.release_reads.set()
        assert await asyncio.wait_for(asyncio.gather(*reads, *writes), timeout=10) == (
            [200] * (slots * 3 + 5))
        assert inner.most <= slots

    _run_alone(scenario())


def test_without_serialised_writes_reads_and_writes_share_the_slots():
    async def scenario() -> None:
        inner = Recorder()
        app = AdmissionMiddleware(inner, slots=3, serialise_writes=False)
        reads = [asyncio.create_task(_request(app, "GET")) for _ in range(3)]
        await _until(lambda: inner.inside == 3)
        write = asyncio.create_task(_request(app, "POST"))
        await asyncio.sleep(0)
        assert not write.done() and inner.inside == 3  # it waits for a slot (PostgreSQL)
        inner.release_reads.set()
        assert await asyncio.wait_for(asyncio.gather(*reads, write), timeout=10) == [200] * 4
        assert inner.most == 3

    _run_alone(scenario())


class _Refused(Exception):
    """Stops a connection attempt once its arguments have been seen."""


def test_the_connection_budget_comes_from_settings(monkeypatch):
    """Pool size, overflow, prepared statements and admission slots are settings, so several
    instances can share one PostgreSQL (README: several instances)."""
    from sqlalchemy import event

    from app.main import create_app
    from tests.conftest import make_settings

    monkeypatch.setenv("DB_POOL_SIZE", "3")
    monkeypatch.setenv("DB_MAX_OVERFLOW", "2")
    monkeypatch.setenv("DB_PREPARED_STATEMENTS", "false")
    monkeypatch.setenv("ADMISSION_SLOTS", "2")
    # Nothing listens here: the engine is built but never used for a query.
    app = create_app(make_settings("postgresql://nobody@127.0.0.1:9/none"))
    engine = app.state.engine
    assert (engine.pool.size(), engine.pool._max_overflow) == (3, 2)
    admission = next(m for m in app.user_middleware if m.cls is AdmissionMiddleware)
    assert admission.kwargs["slots"] == 2
    seen = {}

    @event.listens_for(engine, "do_connect")
    def record(_dialect, _record, _cargs, cparams):
        seen.update(cparams)
        raise _Refused

    with pytest.raises(_Refused):
        engine.connect()
    assert "prepare_threshold" in seen and seen["prepare_threshold"] is None
    engine.dispose()


def test_admission_never_admits_more_than_the_pool_holds(monkeypatch):
    from app.main import create_app
    from tests.conftest import make_settings

    app = create_app(make_settings("postgresql://nobody@127.0.0.1:9/none", db_pool_size=1,
                                   db_max_overflow=0, admission_slots=8))
    admission = next(m for m in app.user_middleware if m.cls is AdmissionMiddleware)
    assert admission.kwargs["slots"] == 1
    app.state.engine.dispose()


def test_default_admission_is_four_slots():
    from app.settings import Settings

    assert Settings(environment="test").admission_slots == 4
    with pytest.raises(ValueError):
        Settings(environment="test", admission_slots=40)
