"""Request plumbing shared by every router: the unit of work, the actor, CSRF and role gates."""

# No `from __future__ import annotations`: FastAPI reads these signatures once per route that
# depends on them (~400 times a start), and string annotations cost it a compile and an eval
# each time.

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Annotated

import anyio
from fastapi import Depends, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app import i18n, middleware
from app.auth import security
from app.auth.actor import Actor
from app.auth.models import AuthSession, SessionKind
from app.auth.service import SignedIn, find_signed_in, signed_in_for_access_token
from app.db import (
    QUEUED_INSERTS,
    UNIT_NOTES,
    WROTE,
    begin_write,
    commit,
    reads_on_loop,
    utcnow,
)
from app.errors import AppError, CsrfFailed, NotAuthenticated, PermissionDenied
from app.network.service import ended_access
from app.people.models import Role
from app.settings import Settings

SESSION_COOKIE = middleware.SESSION_COOKIE  # the middleware clears the site when it ends
LOCALE_COOKIE = i18n.LOCALE_COOKIE  # named once, in app/i18n.py
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LAST_USED_EVERY = timedelta(minutes=1)


async def get_settings_dep(request: Request) -> Settings:
    # Async: FastAPI would hop to the thread pool for a sync one, for a mere attribute read.
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: commit on success, roll back on error.

    `scope="function"` (below) makes the commit happen before the response is sent, so a
    client never sees a success that was not stored, nor a read whose access-log rows were
    not stored (a read request writes them after its read transaction, see `db.commit`).
    The session factory is the app's, unless the request's state carries one: the test suite
    builds one app and binds each test's requests to that test's connection this way, without
    changing the shared app.

    Async, so that a read costs no thread-pool hop: opening a session does no I/O, and ending
    a read that changed nothing is the COMMIT of a read transaction, run on the event loop on
    SQLite (`db.reads_on_loop`). Whatever may wait (a write's turn in the write lane, the
    access-log rows a read queued or wrote, a rollback after an error, any statement on
    PostgreSQL) runs in a worker thread, as FastAPI runs a sync dependency's exit: shielded
    from cancellation, with a limiter of its own so it never waits for a free thread."""
    factory = getattr(request.state, "session_factory", None) or request.app.state.session_factory
    session: Session = factory()
    write = request.method not in SAFE_METHODS
    try:
        if write:
            await run_in_threadpool(begin_write, session)
        yield session
        if write or _has_writes(session) or not reads_on_loop(session):
            await _in_thread(commit, session)
        else:
            session.commit()
    except AppError as error:
        await _in_thread(settle_after_error, session, error)
        raise
    except BaseException:
        await _in_thread(session.rollback)
        raise
    finally:
        session.close()


def _has_writes(session: Session) -> bool:
    """Whether ending this unit of work writes: changed objects, access-log rows queued for
    the commit (SQLite) or written already (PostgreSQL: the COMMIT waits for the disk)."""
    notes = session.info.get(UNIT_NOTES, {})
    return bool(notes.get(QUEUED_INSERTS) or notes.get(WROTE)
                or session.new or session.dirty or session.deleted)


async def _in_thread(function, *args) -> None:
    # Like FastAPI's exit of a sync dependency: a cancelled request still ends its transaction,
    # and a limiter of its own means it never waits behind requests for a free thread.
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(function, *args, limiter=anyio.CapacityLimiter(1))


SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def settle_after_error(session: Session, error: AppError) -> None:
    """For a page that shows an error instead of raising it: keep what the error says to keep
    (a counted failed attempt), undo anything else. A rollback also forgets which reads this
    request logged (`db.unit_notes`), so the page shown now logs its reads again."""
    if error.keeps_changes:
        commit(session)
    else:
        session.rollback()


async def submitted_csrf_token(request: Request) -> str | None:
    """The CSRF token sent with a write: a header from scripts, a form field from pages."""
    if request.method in SAFE_METHODS:
        return None
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def csrf_token_for(settings: Settings, session_id: int) -> str:
    return security.sign(settings.secret_key, f"csrf:{session_id}")


def _build_actor(signed_in: SignedIn, via: str) -> Actor | None:
    """The actor of a live session, from what `find_signed_in` read in its one statement."""
    auth_session, person = signed_in.auth_session, signed_in.person
    if not auth_session.second_factor_done or not person.is_active:
        return None
    grants = signed_in.grants if person.role is Role.network else {}
    return Actor(
        person_id=person.id, role=person.role, organisation_id=person.organisation_id,
        display_name=person.display_name, session_id=auth_session.id, via=via, grants=grants,
        employer_id=signed_in.employer_id if person.role is Role.employer else None,
    )


def touch_session(auth_session: AuthSession) -> None:
    """Note that a session was used, at most once a minute: a write request would otherwise
    add an UPDATE of its session row every time (and take that row's lock)."""
    now = utcnow()
    if auth_session.last_used_at is None or now - auth_session.last_used_at >= LAST_USED_EVERY:
        auth_session.last_used_at = now


async def _read(session: Session, function, *args):
    """A read on the event loop where that is cheaper, else in a worker thread (see
    `db.reads_on_loop`)."""
    if reads_on_loop(session):
        return function(*args)
    return await run_in_threadpool(function, *args)


async def optional_actor(request: Request, session: SessionDep) -> Actor | None:
    """The signed-in actor, or None. A bearer token wins over a cookie; a bad bearer token is
    an error rather than a silent fall-back to anonymous.

    Settings and the CSRF token are read here, not declared as dependencies: every signed-in
    request solves this one, and FastAPI's bookkeeping per dependency cost more than the reads.
    """
    settings: Settings = request.app.state.settings
    authorization = request.headers.get("authorization", "")
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotAuthenticated()
        signed_in = await _read(session, signed_in_for_access_token, session, settings,
                                token.strip())
        actor = _build_actor(signed_in, "bearer")
        if actor is None:
            raise NotAuthenticated()
        request.state.actor = actor
        return actor
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    signed_in = await _read(session, find_signed_in, session, raw, SessionKind.browser)
    if signed_in is None:
        # Revoked or expired: the browser is told to forget this site's saved pages and
        # queued writes (Clear-Site-Data, added by the middleware).
        request.state.session_ended = True
        return None
    auth_session = signed_in.auth_session
    actor = _build_actor(signed_in, "cookie")
    if actor is None:
        if auth_session.second_factor_done:  # the person was deactivated
            request.state.session_ended = True
        return None
    request.state.csrf_token = csrf_token_for(settings, auth_session.id)
    if request.method not in SAFE_METHODS:
        csrf_token = await submitted_csrf_token(request)
        expected = request.state.csrf_token
        if not csrf_token or not security.constant_time_equals(csrf_token, expected):
            raise CsrfFailed()
        # Only writes touch "last used": a read transaction must never write (SQLite locks).
        touch_session(auth_session)
    request.state.actor = actor
    return actor


OptionalActor = Annotated[Actor | None, Depends(optional_actor)]


def raise_if_access_ended(request: Request, session: Session) -> None:
    """A family member whose access was taken away hears why (a 403 page that names who
    decided and whom to call, no data), not "please sign in first"."""
    raw = request.cookies.get(SESSION_COOKIE)
    ended = ended_access(session, raw) if raw else None
    if ended is not None:
        request.state.access_ended = True  # the middleware keeps the cookie for this
        raise ended


async def current_actor(actor: OptionalActor, request: Request, session: SessionDep) -> Actor:
    if actor is None:
        await _read(session, raise_if_access_ended, request, session)
        raise NotAuthenticated()
    return actor


CurrentActor = Annotated[Actor, Depends(current_actor)]


def require_role(*roles: Role):
    """A router-level gate: only these roles get past; others get 403 (the area, not an object)."""
    allowed = frozenset(roles)

    async def gate(actor: CurrentActor) -> Actor:
        if actor.role not in allowed:
            raise PermissionDenied()
        return actor

    return gate


StaffActor = Annotated[Actor, Depends(require_role(Role.consultant, Role.admin))]
ConsultantActor = Annotated[Actor, Depends(require_role(Role.consultant))]
AdminActor = Annotated[Actor, Depends(require_role(Role.admin))]
EmployerActor = Annotated[Actor, Depends(require_role(Role.employer))]


def require_same_origin(request: Request, settings: Settings) -> None:
    """Forms posted before anyone is signed in have no CSRF token yet: refuse cross-site posts.

    Browsers send Sec-Fetch-Site; with `Referrer-Policy: no-referrer` they send `Origin: null`
    even for same-origin forms, so the Origin is checked only when it names a site."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        raise CsrfFailed()
    origin = request.headers.get("origin")
    allowed = {settings.base_url.rstrip("/"), str(request.base_url).rstrip("/"), "null"}
    if origin is not None and origin not in allowed:
        raise CsrfFailed()


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
