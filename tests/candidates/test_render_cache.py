"""The render cache of the candidate's pages: after every kind of change a page could show, the
page served (from the cache or not) is the page a fresh render gives, and a cache hit still logs
the read in the access log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.access_log.models import AccessLogEntry
from app.appointments.models import Appointment
from app.candidate_home.page_cache import cache_of
from app.db import utcnow
from app.i18n import LOCALE_COOKIE
from app.network.models import NetworkGrant
from app.people.models import Person


def _etag(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.headers["ETag"]


def _ok(response, status: int = 200):
    assert response.status_code == status, response.text
    return response


def post_update(ctx):
    _ok(ctx.login_as(ctx.personas.consultant).post(
        f"/api/v1/candidates/{ctx.personas.candidate}/updates",
        json={"body": "Nieuw nieuws voor de cache."}), 201)


def add_appointment(ctx):
    start = ctx.now + timedelta(minutes=30)
    _ok(ctx.login_as(ctx.personas.consultant).post(
        f"/api/v1/candidates/{ctx.personas.candidate}/appointments", json={
            "title": "Cachegesprek", "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat()}), 201)


def appointment_passes(ctx):
    """No write at all: the clock passes the end of the next appointment."""
    ends_at = ctx.db.scalar(
        select(Appointment.ends_at).where(
            Appointment.candidate_id == ctx.personas.candidate,
            Appointment.cancelled_at.is_(None), Appointment.ends_at >= ctx.now,
        ).order_by(Appointment.starts_at).limit(1))
    assert ends_at is not None, "the demo gives Guy an appointment to come"
    ctx.now = ends_at + timedelta(seconds=1)


def change_step(ctx):
    guy = ctx.personas.candidate
    floor = ctx.login_as(ctx.personas.consultant)
    journey = _ok(floor.get(f"/api/v1/candidates/{guy}/journey")).json()
    current = next(step for step in journey["steps"] if step["state"] == "current")
    _ok(floor.patch(f"/api/v1/candidates/{guy}/journey/steps/{current['id']}",
                    json={"titles": {"nl": "Nieuwe staptitel"}},
                    headers={"If-Match": f'W/"{current["version"]}"'}))


def add_record(ctx):
    _ok(ctx.login_as(ctx.personas.consultant).post(
        f"/api/v1/candidates/{ctx.personas.candidate}/records", json={
            "kind": "contract", "employer_name": "Cachewerk Almere", "hours_per_week": "28",
            "wage_basis": "hourly", "wage_cents": 1600,
            "starts_on": (ctx.now.date() - timedelta(days=1)).isoformat(),
            "ends_on": (ctx.now.date() + timedelta(days=400)).isoformat()}), 201)


def issue_guarantee(ctx):
    _ok(ctx.login_as(ctx.personas.consultant).post(
        f"/api/v1/candidates/{ctx.personas.candidate}/guarantee", json={
            "provider_name": "De Cachewerkplaats", "indication_valid_until": "2031-12-31",
            "income_consequences": "Vraag Floor.", "arranged_by": "Floor de Vries"}), 201)


def change_contact(ctx):
    floor = ctx.login_as(ctx.personas.consultant)
    url = f"/api/v1/candidates/{ctx.personas.candidate}/contact"
    _ok(floor.put(url, json={"primary_id": ctx.personas.colleague,
                             "backup_id": ctx.personas.consultant},
                  headers={"If-Match": _etag(floor, url)}))


def contact_away(ctx):
    today = clock.to_local(ctx.now).date()
    _ok(ctx.login_as(ctx.personas.consultant).post("/api/v1/me/absences", json={
        "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=7)).isoformat(),
        "note": "vakantie"}), 201)


def narrow_grant(ctx):
    """Guy lets his mother see only his steps: her view of his home changes."""
    grant = ctx.db.scalar(select(NetworkGrant).where(
        NetworkGrant.candidate_id == ctx.personas.candidate,
        NetworkGrant.member_id == ctx.personas.parent))
    _ok(ctx.login_as(ctx.personas.candidate).patch(
        f"/api/v1/candidates/{ctx.personas.candidate}/network/{grant.id}",
        json={"areas": ["steps"]}, headers={"If-Match": f'W/"{grant.version}"'}))


def change_preferences(ctx):
    guy = ctx.login_as(ctx.personas.candidate)
    _ok(guy.patch("/api/v1/me/preferences", json={"text_size": "larger"},
                  headers={"If-Match": _etag(guy, "/api/v1/me/preferences")}))


def change_language(ctx):
    ctx.viewer_client.cookies.set(LOCALE_COOKIE, "en")


def change_organisation(ctx):
    anouk = ctx.login_as(ctx.personas.admin)
    url = "/api/v1/organisation"
    _ok(anouk.patch(url, json={"trial_weeks": 10}, headers={"If-Match": _etag(anouk, url)}))


def save_money_inputs(ctx):
    floor = ctx.login_as(ctx.personas.consultant)
    url = f"/api/v1/candidates/{ctx.personas.candidate}/money/inputs"
    current = floor.get(f"/api/v1/candidates/{ctx.personas.candidate}/money")
    etag = current.headers.get("ETag", 'W/"0"')
    response = floor.put(url, json={"household": "single", "benefit": "bijstand",
                                    "planned_hours": "20"}, headers={"If-Match": etag})
    assert response.status_code in (200, 201), response.text


# (change, who looks, whether the home shows the change: the others must bump the version)
CHANGES = [
    (post_update, "candidate", True),
    (add_appointment, "candidate", True),
    (appointment_passes, "candidate", True),
    (change_step, "candidate", True),
    (add_record, "candidate", True),
    (issue_guarantee, "candidate", True),
    (change_contact, "candidate", True),
    (contact_away, "candidate", True),
    (narrow_grant, "parent", True),
    (change_preferences, "candidate", True),
    (change_language, "candidate", True),
    (change_organisation, "candidate", False),
    (save_money_inputs, "candidate", False),
]


class Ctx:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


def _version(db, person_id: int) -> int:
    db.expire_all()
    return db.scalar(select(Person.data_version).where(Person.id == person_id))


@pytest.mark.parametrize(("change", "who", "visible"), CHANGES,
                         ids=[c[0].__name__ for c in CHANGES])
def test_no_stale_page_after_a_change(change, who, visible, browser_as, login_as, personas, db,
                                      session_factory):
    """Each cached page (home, steps, more) is, after the change, what a fresh render gives;
    the home shows the change (or, where it shows nothing of it, the version moved)."""
    viewer = getattr(personas, who)
    page = browser_as(viewer)
    cache = cache_of(session_factory)
    paths = ["/", f"/c/{personas.candidate}/steps", f"/c/{personas.candidate}/more"]
    ctx = Ctx(login_as=login_as, personas=personas, db=db, viewer_client=page,
              now=utcnow().replace(second=5, microsecond=0))
    with clock.frozen(ctx.now):
        before = {path: _ok(page.get(path)).text for path in paths}
        hits = cache.hits
        for path in paths:
            assert _ok(page.get(path)).text == before[path]
        assert cache.hits == hits + len(paths)
        version = _version(db, personas.candidate)
        change(ctx)
    with clock.frozen(ctx.now):
        served = {path: _ok(page.get(path)).text for path in paths}
        cache.clear()
        fresh = {path: _ok(page.get(path)).text for path in paths}
    assert served == fresh
    if visible:
        assert fresh["/"] != before["/"]
    else:
        assert _version(db, personas.candidate) > version


def _reads(db, personas) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(AccessLogEntry).where(
        AccessLogEntry.candidate_id == personas.candidate,
        AccessLogEntry.actor_id == personas.parent))


def test_a_cache_hit_still_logs_the_read(browser_as, personas, db, session_factory):
    marja = browser_as(personas.parent)
    cache = cache_of(session_factory)
    with clock.frozen(utcnow().replace(second=5, microsecond=0)):
        _ok(marja.get("/"))
        first = _reads(db, personas)
        hits = cache.hits
        _ok(marja.get("/"))
        assert cache.hits == hits + 1
        second = _reads(db, personas)
    assert first > 0
    assert second == 2 * first  # the same areas, logged again


def test_a_cached_page_is_sent_compressed_and_plain(browser_as, personas, session_factory):
    guy = browser_as(personas.candidate)
    with clock.frozen(utcnow().replace(second=5, microsecond=0)):
        zipped = guy.get("/", headers={"Accept-Encoding": "gzip"})
        plain = guy.get("/", headers={"Accept-Encoding": "identity"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert zipped.text == plain.text
    assert "Accept-Encoding" in plain.headers["Vary"]


@pytest.fixture
def thread_hops(monkeypatch) -> list[str]:
    """The functions this test's requests ran in a worker thread (every route to the thread
    pool, FastAPI's and ours, goes through anyio.to_thread.run_sync)."""
    import anyio.to_thread

    hops: list[str] = []
    run_sync = anyio.to_thread.run_sync

    async def counting(function, *args, **kwargs):
        function_itself = getattr(function, "func", function)  # run_in_threadpool's partial
        hops.append(getattr(function_itself, "__qualname__", repr(function_itself)))
        return await run_sync(function, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return hops


@pytest.mark.parametrize("path", ["/", "/c/{c}", "/c/{c}/steps", "/c/{c}/more"])
def test_a_cache_hit_runs_on_the_event_loop(path, browser_as, personas, session_factory,
                                            thread_hops):
    """On SQLite a candidate's page from the cache, session and actor included, takes no
    thread-pool hop (each cost more CPU than the queries it moved: see README, performance);
    a family member's hit takes one, the commit of the access-log rows it writes. On
    PostgreSQL the statements that wait on the database run in worker threads: the actor's
    and the commit (`db.reads_on_loop`)."""
    sqlite = session_factory.kw["bind"].dialect.name == "sqlite"
    guy, marja = browser_as(personas.candidate), browser_as(personas.parent)
    url = path.format(c=personas.candidate)
    cache = cache_of(session_factory)
    with clock.frozen(utcnow().replace(second=5, microsecond=0)):
        _ok(guy.get(url))
        _ok(marja.get(url))
        hits = cache.hits
        thread_hops.clear()
        _ok(guy.get(url))
        assert cache.hits == hits + 1
        assert thread_hops == ([] if sqlite else ["find_signed_in", "commit"])
        thread_hops.clear()
        _ok(marja.get(url))
        assert cache.hits == hits + 2
        assert thread_hops == (["commit"] if sqlite else ["find_signed_in", "commit"])
