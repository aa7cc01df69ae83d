"""A render cache for the candidate's pages: the gzip bytes of a page, keyed on the data version
of the file it shows (and everything else it depends on), served again while nothing changed."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app import clock, i18n
from app.access import CandidateFile, open_file
from app.auth.actor import Actor
from app.bounded_cache import ExpiringLRU, PerDatabase
from app.db import unit_notes
from app.errors import NotFound
from app.people.models import Person, Role
from app.templating import render

MAX_ENTRIES = 2_000
GZIP_LEVEL = 6


# Every page varies on these: the gzip or plain copy, the language, the signed-in person.
VARY = (b"vary", b"Accept-Encoding, Accept-Language, Cookie")


@dataclass(frozen=True)
class Entry:
    body: bytes  # gzip
    status: int
    # Ready to send (encoded, Vary included; not the length and encoding, which depend on the
    # copy sent): a hit builds no headers.
    raw_headers: tuple[tuple[bytes, bytes], ...]
    logged: frozenset[str]  # the areas the page logged as read: a hit logs them again
    valid_until: datetime


class _Cached(Response):
    """A response from the cache: body and headers given as they go out."""

    def __init__(self, body: bytes, status: int, raw_headers: list[tuple[bytes, bytes]]):
        self.status_code = status
        self.background = None
        self.body = body
        self.raw_headers = raw_headers  # a fresh list: middleware adds to it


# One cache per session factory, i.e. per database.
_caches: PerDatabase[Entry] = PerDatabase(MAX_ENTRIES)


def cache_for(request: Request) -> ExpiringLRU[Entry]:
    factory = getattr(request.state, "session_factory", None) or request.app.state.session_factory
    return cache_of(factory)


def cache_of(factory) -> ExpiringLRU[Entry]:
    """The render cache of the pages read through this session factory."""
    return _caches.of(factory)


def _next_minute(now: datetime) -> datetime:
    # A page says when it was made (hours and minutes) and what "today" is: it lasts no longer.
    return now.replace(second=0, microsecond=0) + timedelta(minutes=1)


async def cached_file_page(
    request: Request, session: Session, actor: Actor, candidate_id: int, template: str,
    build: Callable[[CandidateFile], dict[str, Any]],
    boundaries: Callable[[dict[str, Any]], list[datetime]] = lambda _context: [],
) -> Response:
    """A page of a candidate's file, from the cache when the file has not changed since it was
    rendered for this viewer, session, language and minute. The read gate runs either way: the
    file is opened for the actor, and a hit logs the same areas as the render it replays.
    `build` makes the page's context; `boundaries` lists moments at which the page would show
    something else without any write (an appointment that passes).

    A hit runs on the event loop (no thread-pool hop: it reads at most the candidate's row,
    usually already in the session); a miss renders in the thread pool like any sync route."""
    file, key, now = _open(request, session, actor, candidate_id, template)
    cache = cache_for(request)
    entry = cache.get(key, now)
    if entry is not None:
        for area in sorted(entry.logged):
            file.require(area)
        return _respond(request, entry)
    entry = await run_in_threadpool(_render, request, session, file, template, build, boundaries,
                                    now)
    cache.put(key, entry)
    return _respond(request, entry)


def _open(request: Request, session: Session, actor: Actor, candidate_id: int,
          template: str) -> tuple[CandidateFile, tuple, datetime]:
    if actor.role not in (Role.candidate, Role.network):
        raise NotFound()
    file = open_file(session, actor, candidate_id)
    candidate = file.candidate
    if file.is_self:
        viewer_version = candidate.data_version
    else:
        viewer = session.get(Person, actor.person_id)
        viewer_version = viewer.data_version if viewer is not None else -1
    # The scope's path and query, not request.url: building a URL cost more than the lookup.
    key = (template, request.scope["path"], request.scope["query_string"], candidate.id,
           candidate.data_version,
           actor.person_id, viewer_version, actor.session_id, actor.via, file.areas,
           i18n.get_locale())
    return file, key, clock.utcnow()


def _render(request: Request, session: Session, file: CandidateFile, template: str,
            build: Callable[[CandidateFile], dict[str, Any]],
            boundaries: Callable[[dict[str, Any]], list[datetime]], now: datetime) -> Entry:
    actor = file.actor
    already = set(unit_notes(session).get("logged_reads", ()))
    context = build(file)
    response = render(request, template, context)
    logged = frozenset(
        area for (reader, cid, area) in unit_notes(session).get("logged_reads", ()) - already
        if reader == actor.person_id and cid == file.candidate_id
    )
    later = [moment for moment in boundaries(context) if moment > now]
    return Entry(
        body=gzip.compress(response.body, GZIP_LEVEL, mtime=0), status=response.status_code,
        raw_headers=(*((key, value) for key, value in response.raw_headers
                       if key not in (b"content-length", b"content-encoding", b"vary")), VARY),
        logged=logged, valid_until=min([_next_minute(now), *later]),
    )


def _respond(request: Request, entry: Entry) -> Response:
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        return _Cached(entry.body, entry.status, [
            *entry.raw_headers, (b"content-encoding", b"gzip"),
            (b"content-length", str(len(entry.body)).encode())])
    body = gzip.decompress(entry.body)
    return _Cached(body, entry.status, [*entry.raw_headers,
                                        (b"content-length", str(len(body)).encode())])
