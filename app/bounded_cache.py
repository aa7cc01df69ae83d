"""Bounded, thread-safe LRU caches whose entries hold until a moment of their own, one per
database: the process-local caches of rendered pages and of caseload rows."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from datetime import datetime
from typing import Generic, Protocol, TypeVar


class Expiring(Protocol):
    valid_until: datetime


E = TypeVar("E", bound=Expiring)


class ExpiringLRU(Generic[E]):
    """At most `size` entries, the least recently used going first; an entry is given out only
    before its `valid_until` (and not before its `valid_from`, when it has one: a caller may
    ask about an earlier moment than the one the entry was made for)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[tuple, E] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple, now: datetime) -> E | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and now >= entry.valid_until:
                del self._entries[key]  # over: never good again
                entry = None
            if entry is None or now < getattr(entry, "valid_from", now):
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: tuple, entry: E) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class PerDatabase(Generic[E]):
    """One `ExpiringLRU` per database handle (a session factory, an engine or a connection).
    The test suite gives each test a connection of its own, where ids and data versions start
    again: a cache shared between them would answer one test with another's rows."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._caches: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def of(self, owner) -> ExpiringLRU[E]:
        with self._lock:
            cache = self._caches.get(owner)
            if cache is None:
                cache = self._caches[owner] = ExpiringLRU(self.size)
            return cache
