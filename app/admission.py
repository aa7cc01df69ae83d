"""Admission control: how many requests may use the database at once, and one write at a time
per process on SQLite.

Sync endpoints run on a pool of 40 worker threads and hold their database connection between
thread hops. Without a limit, a burst of requests takes every connection (or, on SQLite, every
thread queues on the write lock) and the requests that hold one can no longer get a thread to
finish: everything stalls until timeouts. Waiting here happens in the event loop instead.

Reads are not serialised here: a read writes its access-log rows after its read transaction, in
a short write transaction that queues in the engine's write lane (`app.db.WriteLane`) behind
the one write request at a time this middleware lets in. That wait happens in a worker thread,
which is safe because fewer requests are admitted than there are threads and connections: the
transaction holding the lane always has its connection and can always get a thread."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send

from app.deps import SAFE_METHODS


class AdmissionMiddleware:
    def __init__(self, app: ASGIApp, *, slots: int, serialise_writes: bool) -> None:
        self.app = app
        self.slots = slots
        self.serialise_writes = serialise_writes
        self._loop: asyncio.AbstractEventLoop | None = None

    def _primitives(self) -> None:
        # asyncio primitives belong to one event loop; tests start a loop per client.
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop = loop
            # With writes serialised, the one write in progress has a slot of its own: waiting
            # for a slot behind every queued reader, it let readers starve writes (soak: 8
            # writes/s beside 58 reads/s, writes waiting up to 57 s).
            readers = self.slots - 1 if self.serialise_writes and self.slots > 1 else self.slots
            self._slots = asyncio.Semaphore(readers)
            self._write_lock = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        self._primitives()
        if self.serialise_writes and scope["method"] not in SAFE_METHODS:
            # The write lock is the writer's slot: at most `slots` requests use the database.
            async with self._write_lock:
                await self.app(scope, receive, send)
            return
        async with self._slots:
            await self.app(scope, receive, send)


# The default of Settings.admission_slots. Requests doing Python work at once per process: one
# runs at a time under the GIL, so more only stretch each request, and on SQLite the one write
# holding the write lock shares the GIL with every admitted reader (soak, SQLite, 200 writers
# beside 50 readers for 60 s: 9 writes/s and 26 writes timed out with 15 admitted, 35 writes/s
# and none with 4). Queries still overlap with Python work.
MAX_SLOTS = 4


def slots_for(engine, most: int = MAX_SLOTS) -> int:
    """As many as the connection pool holds (pool size + overflow), at most `most`
    (Settings.admission_slots), and fewer than the 40 worker threads."""
    pool = engine.pool
    size = getattr(pool, "size", lambda: 5)() + max(getattr(pool, "_max_overflow", 0), 0)
    return max(1, min(size, most))
