"""Two app instances on one PostgreSQL database share every piece of sign-in state: sessions,
back-off counters, pending second factors and refresh-token families."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pyotp
import pytest
from sqlalchemy import select

from app.db import make_engine, make_session_factory, unit_of_work, utcnow
from app.deps import SESSION_COOKIE
from app.migrations_runner import upgrade_to_head
from app.organisations.models import Organisation
from app.people.models import Person
from app.people.service import create_staff_member
from benchmarks._server import free_port, wait_until_ready
from tests.conftest import create_postgres_database, drop_postgres_database, is_postgres

ROOT = Path(__file__).resolve().parents[2]
BASE = os.environ.get("TEST_DATABASE_URL", "")
PASSWORD = "two-instances-password-0123"  # noqa: S105 - a throwaway test account
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}

pytestmark = pytest.mark.skipif(not is_postgres(BASE),
                                reason="two instances share state only through PostgreSQL")






@pytest.fixture
def two_servers():
    """Instances A and B (uvicorn subprocesses) on one fresh, migrated PostgreSQL database,
    with one consultant without and one with an authenticator app."""
    url = create_postgres_database(BASE, "two_instances")
    env = dict(os.environ, DATABASE_URL=url, ENVIRONMENT="test",
               SECRET_KEY="two-instances-secret-0123456789-0123456789",
               JWT_SECRET_KEY="two-instances-jwt-0123456789-0123456789",
               MIGRATE_ON_START="false", SEED_DEMO_ON_START="false", ARGON2_PROFILE="fast",
               # Long first waits: the test never races a back-off running out.
               BACKOFF_FIRST_SECONDS="600", LOG_LEVEL="WARNING")
    env.pop("TRUSTED_PROXIES", None)
    servers: list[subprocess.Popen] = []
    engine = None
    try:
        upgrade_to_head(url)
        bases = []
        for _ in range(2):
            port = free_port()
            servers.append(subprocess.Popen(
                [sys.executable, "-m", "app", "serve", "--port", str(port)], env=env, cwd=ROOT))
            bases.append(f"http://127.0.0.1:{port}")
        # The people are added while both servers start.
        engine = make_engine(url)
        with unit_of_work(make_session_factory(engine)) as session:
            organisation = Organisation(slug="twee", name="Twee")
            session.add(organisation)
            session.flush()
            for email in ("ann@twee.test", "bob@twee.test"):
                create_staff_member(session, organisation_id=organisation.id,
                                    display_name=email, email=email, password=PASSWORD)
            bob = session.scalar(select(Person).where(Person.email == "bob@twee.test"))
            bob.totp_secret = pyotp.random_base32()
            bob.totp_enabled_at = utcnow()
            totp = pyotp.TOTP(bob.totp_secret)
        for base, server in zip(bases, servers, strict=True):
            wait_until_ready(base, 60, server)
        with httpx.Client(base_url=bases[0]) as a, httpx.Client(base_url=bases[1]) as b:
            yield a, b, totp
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)
        if engine is not None:
            engine.dispose()
        drop_postgres_database(url)


def _cookie(raw: str) -> dict[str, str]:
    return {"Cookie": f"{SESSION_COOKIE}={raw}"}


def _login(http: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    return http.post("/login", data={"email": email, "password": password}, headers=SAME_ORIGIN)


def test_two_instances_share_sign_in_state(two_servers):
    a, b, totp = two_servers

    # A browser session made on A works on B.
    signed_in = _login(a, "ann@twee.test")
    assert signed_in.status_code == 303
    cookie = signed_in.cookies[SESSION_COOKIE]
    a.cookies.clear()
    assert b.get("/api/v1/me", headers=_cookie(cookie)).status_code == 200

    # A refresh-token family: rotated on A, the spent token shown on B ends it on both.
    first = a.post("/api/v1/auth/login",
                   json={"email": "ann@twee.test", "password": PASSWORD}).json()
    second = a.post("/api/v1/auth/token/refresh",
                    json={"refresh_token": first["refresh_token"]}).json()
    reused = b.post("/api/v1/auth/token/refresh", json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401 and reused.json()["code"] == "refresh_token_reused"
    assert a.get("/api/v1/me", headers={
        "Authorization": f"Bearer {second['access_token']}"}).status_code == 401

    # A pending second factor: wrong codes on A and B count together; the fifth ends it.
    pending = _login(a, "bob@twee.test")
    assert pending.headers["location"] == "/login/code"
    raw = pending.cookies[SESSION_COOKIE]
    a.cookies.clear()
    wrong = "000000" if totp.now() != "000000" else "111111"
    statuses = []
    for number in range(5):
        http = a if number % 2 else b
        answer = http.post("/login/code", data={"code": wrong},
                           headers={**SAME_ORIGIN, **_cookie(raw)})
        statuses.append(answer.status_code)
        http.cookies.clear()
    assert statuses == [401] * 5
    late = b.post("/login/code", data={"code": totp.now()},
                  headers={**SAME_ORIGIN, **_cookie(raw)})
    assert late.status_code == 303 and late.headers["location"] == "/login"

    # Back-off: wrong passwords on A and B count on one counter for this account and client.
    for http in (a, b, a, b, a):
        assert _login(http, "ann@twee.test", "guess").status_code == 401
        http.cookies.clear()
    assert _login(b, "ann@twee.test").status_code == 429
    assert _login(a, "ann@twee.test").status_code == 429
