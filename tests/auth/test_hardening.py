"""Issue 12, sign-in hardening: each test names the finding it proves fixed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import httpx
import pyotp
import pytest
from jose import jwt
from sqlalchemy import select
from starlette.testclient import TestClient

from app.auth.models import Invite, RateLimitCounter
from app.auth.security import JWT_ALGORITHM, normalise_code
from app.clock import frozen
from app.db import utcnow
from app.demo.seed import DEMO_PASSWORD, EMAILS
from app.deps import SESSION_COOKIE
from app.people.models import Person
from app.settings import DEFAULT_SECRET, Settings
from benchmarks._server import free_port, wait_until_ready

ROOT = Path(__file__).resolve().parents[2]
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
KNOWN_DEVICE_COOKIE = "sw_device"  # written out: the tests must also run against the old code


def _limit(settings, name: str, default: int) -> int:
    # getattr: these tests also run against the code before the fix (to show they fail).
    return getattr(settings, name, default)


def _stranger(test_app, number: int) -> TestClient:
    """A client at an address of its own (TEST-NET-3), as a guesser on another network."""
    return TestClient(test_app, base_url="http://testserver", follow_redirects=False,
                      client=(f"203.0.113.{number}", 40000))


def _browser_login(browser: TestClient, email: str, password: str = DEMO_PASSWORD):
    return browser.post("/login", data={"email": email, "password": password},
                        headers=SAME_ORIGIN)


def _api_login(client, **body):
    return client.post("/api/v1/auth/login", json={"email": EMAILS["consultant"],
                                                   "password": DEMO_PASSWORD, **body})


def _enrol_totp(db, person_id: int) -> pyotp.TOTP:
    person = db.get(Person, person_id)
    person.totp_secret = pyotp.random_base32()
    person.totp_enabled_at = utcnow()
    db.commit()
    return pyotp.TOTP(person.totp_secret)


# --- 1. a stranger cannot lock a consultant out ------------------------------------------------


def test_strangers_failures_do_not_keep_a_known_device_out(test_app, personas, settings):
    email = EMAILS["consultant"]
    with frozen(utcnow()):
        own = TestClient(test_app, base_url="http://testserver", follow_redirects=False,
                         client=("192.0.2.10", 40000))
        first = _browser_login(own, email)
        assert first.status_code == 303
        own.cookies.delete(SESSION_COOKIE)
        # Guessers on as many addresses as the account allows strangers, and more.
        for number in range(_limit(settings, "account_max_failures", 10) + 2):
            with _stranger(test_app, number) as stranger:
                guess = _browser_login(stranger, email, "guess")
                assert guess.status_code in (401, 429)
        with _stranger(test_app, 99) as newcomer:
            assert _browser_login(newcomer, email).status_code == 429  # guessing stays slow
        again = _browser_login(own, email)
    assert again.status_code == 303 and again.headers["location"] == "/"
    assert own.cookies.get(KNOWN_DEVICE_COOKIE)
    own.close()


def test_wrong_passwords_slow_down_but_never_lock_for_long(client, settings):
    """Ten wrong passwords used to lock the account for 15 minutes; now each failure past the
    free ones doubles a short wait, and the right password works once it is over."""
    start = utcnow()
    with frozen(start):
        for _ in range(_limit(settings, "device_max_failures", 5)):
            assert _api_login(client, password="guess").status_code == 401
        waiting = _api_login(client)
    assert waiting.status_code == 429
    later = start + timedelta(seconds=int(waiting.headers["Retry-After"]))
    with frozen(later):
        assert _api_login(client, password="guess").status_code == 401
        doubled = _api_login(client)
    assert doubled.status_code == 429 and int(doubled.headers["Retry-After"]) == 2
    with frozen(later + timedelta(seconds=2)):
        assert _api_login(client).status_code == 200


# --- 2. the second factor: attempts per pending sign-in, each code once -----------------------


def test_five_wrong_codes_end_the_pending_sign_in(test_app, db, personas, settings):
    totp = _enrol_totp(db, personas.consultant)
    now = utcnow()
    with frozen(now):
        own = _stranger(test_app, 1)
        assert _browser_login(own, EMAILS["consultant"]).headers["location"] == "/login/code"
        pending = own.cookies.get(SESSION_COOKIE)
        right = totp.at(now)
        wrong = "000000" if right != "000000" else "111111"
        answers = []
        for number in range(_limit(settings, "second_factor_max_attempts", 5)):
            # The guesses come from three addresses with the same pending cookie.
            with _stranger(test_app, 10 + number % 3) as guesser:
                guesser.cookies.set(SESSION_COOKIE, pending)
                answers.append(guesser.post("/login/code", data={"code": wrong},
                                            headers=SAME_ORIGIN))
        tries = _limit(settings, "second_factor_max_attempts", 5)
        assert [a.status_code for a in answers] == [401] * tries
        assert "Sign in again with your password" in answers[-1].text or \
            "opnieuw in met je wachtwoord" in answers[-1].text
        late = own.post("/login/code", data={"code": right}, headers=SAME_ORIGIN)
    assert late.status_code == 303 and late.headers["location"] == "/login"
    assert own.get("/api/v1/me").status_code == 401
    own.close()


def test_a_totp_code_signs_in_once(test_app, db, client, personas):
    totp = _enrol_totp(db, personas.consultant)
    now = utcnow()
    with frozen(now):
        code = totp.at(now)
        assert _api_login(client, totp_code=code).status_code == 200
        replayed = _api_login(client, totp_code=code)
        assert replayed.status_code == 401
        assert replayed.json()["code"] == "invalid_second_factor"
        # In the browser too: the same code cannot finish a second pending sign-in.
        browser = _stranger(test_app, 2)
        _browser_login(browser, EMAILS["consultant"])
        again = browser.post("/login/code", data={"code": code}, headers=SAME_ORIGIN)
        assert again.status_code == 401
        # The next time step's code is new and works.
        fresh = browser.post("/login/code", data={"code": totp.at(now + timedelta(seconds=30))},
                             headers=SAME_ORIGIN)
    assert fresh.status_code == 303 and fresh.headers["location"] == "/"
    browser.close()


def test_wrong_codes_over_the_api_are_slowed_down(client, db, personas, settings):
    totp = _enrol_totp(db, personas.consultant)
    now = utcnow()
    wrong = "000000" if totp.at(now) != "000000" else "111111"
    with frozen(now):
        for _ in range(_limit(settings, "device_max_failures", 5)):
            assert _api_login(client, totp_code=wrong).status_code == 401
        assert _api_login(client, totp_code=totp.at(now)).status_code == 429


# --- 3. refresh-token reuse ends the whole family -------------------------------------------


def test_reusing_a_spent_refresh_token_ends_the_family(client):
    victim = _api_login(client).json()
    thief = client.post("/api/v1/auth/token/refresh",
                        json={"refresh_token": victim["refresh_token"]}).json()
    assert client.get("/api/v1/me", headers={
        "Authorization": f"Bearer {thief['access_token']}"}).status_code == 200
    # The victim's app refreshes with the token it still holds: that token was spent.
    reused = client.post("/api/v1/auth/token/refresh",
                         json={"refresh_token": victim["refresh_token"]})
    assert reused.status_code == 401
    assert client.get("/api/v1/me", headers={
        "Authorization": f"Bearer {thief['access_token']}"}).status_code == 401
    assert reused.json()["code"] == "refresh_token_reused"
    assert client.post("/api/v1/auth/token/refresh",
                       json={"refresh_token": thief["refresh_token"]}).status_code == 401


def test_other_sign_ins_survive_a_family_ending(client):
    other = _api_login(client).json()
    stolen = _api_login(client).json()
    client.post("/api/v1/auth/token/refresh", json={"refresh_token": stolen["refresh_token"]})
    client.post("/api/v1/auth/token/refresh", json={"refresh_token": stolen["refresh_token"]})
    assert client.get("/api/v1/me", headers={
        "Authorization": f"Bearer {other['access_token']}"}).status_code == 200


# --- 7. invite codes: strangers cannot burn them, nor aim at one ------------------------------


def _new_invite(login_as, personas) -> dict:
    response = login_as(personas.consultant).post(
        f"/api/v1/candidates/{personas.candidate}/device-invites")
    assert response.status_code == 201
    return response.json()


def test_strangers_wrong_codes_leave_the_invite_usable(test_app, client, login_as, personas,
                                                       db, settings):
    invite = _new_invite(login_as, personas)
    code = normalise_code(invite["code"])
    with frozen(utcnow()):
        for number in range(settings.client_max_failures + 5):
            guess = code[:4] + f"{number:06d}".translate(str.maketrans("01", "AB"))
            with _stranger(test_app, number) as stranger:
                response = stranger.post("/api/v1/auth/invites/redeem", json={"code": guess})
            assert response.status_code == 401 and response.json()["code"] == "invite_invalid"
        stored = db.scalar(select(Invite).order_by(Invite.id.desc()))
        db.refresh(stored)
        assert stored.revoked_at is None
        # The code is shown as before: ten characters without look-alikes, in three groups.
        assert len(invite["code"]) == 12 and invite["code"].count("-") == 2
        assert not set(code) & set("01ILO")
        used = client.post("/api/v1/auth/invites/redeem", json={"code": invite["code"]})
    assert used.status_code == 200 and used.json()["person_id"] == personas.candidate


def test_a_guessing_client_waits_but_the_candidate_does_not(test_app, client, login_as,
                                                            personas, settings):
    invite = _new_invite(login_as, personas)
    with frozen(utcnow()):
        with _stranger(test_app, 7) as stranger:
            for number in range(settings.client_max_failures):
                stranger.post("/api/v1/auth/invites/redeem",
                              json={"code": f"ZZZZ-ZZZ-{number:03d}"})
            blocked = stranger.post("/api/v1/auth/invites/redeem", json={"code": invite["code"]})
        assert blocked.status_code == 429 and blocked.json()["code"] == "too_many_attempts"
        used = client.post("/api/v1/auth/invites/redeem", json={"code": invite["code"]})
    assert used.status_code == 200


# --- 9. token time claims are bounded -------------------------------------------------------


@pytest.fixture
def claims(client):
    pair = _api_login(client).json()
    return jwt.get_unverified_claims(pair["access_token"])


def _me(client, claims, settings, **changes):
    token = jwt.encode(dict(claims, **changes), settings.jwt_secret_key, algorithm=JWT_ALGORITHM)
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def test_token_time_claims_are_bounded(client, claims, settings):
    now = int(time.time())  # token times are checked against the system clock, like jose
    assert _me(client, claims, settings).status_code == 200
    # Issued an hour from now but already valid: a forged or badly clocked token.
    assert _me(client, claims, settings, iat=now + 3600, nbf=now,
               exp=now + 3600 + 60).status_code == 401
    # Ten years of validity.
    assert _me(client, claims, settings, iat=now, nbf=now,
               exp=now + 10 * 365 * 86400).status_code == 401
    # A little clock skew is fine.
    assert _me(client, claims, settings, iat=now + 10, nbf=now + 10,
               exp=now + 10 + settings.access_token_minutes * 60).status_code == 200


# --- 13. development runs never sign with a public secret ---------------------------------


def test_development_makes_and_keeps_its_own_secret(tmp_path, monkeypatch):
    for name in ("SECRET_KEY", "JWT_SECRET_KEY", "ENVIRONMENT"):
        monkeypatch.delenv(name, raising=False)
    url = f"sqlite:///{tmp_path}/dev.sqlite3"
    first = Settings(_env_file=None, environment="development", database_url=url)
    assert first.secret_key != DEFAULT_SECRET and first.jwt_secret_key != DEFAULT_SECRET
    assert first.secret_key != first.jwt_secret_key and len(first.secret_key) >= 32
    kept = tmp_path / "secret_key"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    second = Settings(_env_file=None, environment="development", database_url=url)
    assert (second.secret_key, second.jwt_secret_key) == (first.secret_key, first.jwt_secret_key)
    elsewhere = Settings(_env_file=None, environment="development",
                         database_url=f"sqlite:///{tmp_path}/other/dev.sqlite3")
    assert elsewhere.secret_key != first.secret_key
    # A secret that was set is used as it is.
    given = Settings(_env_file=None, environment="development", database_url=url,
                     secret_key="x" * 40, jwt_secret_key="y" * 40)
    assert (given.secret_key, given.jwt_secret_key) == ("x" * 40, "y" * 40)


def test_production_still_refuses_the_default_secret():
    with pytest.raises(ValueError, match="SECRET_KEY"):
        Settings(_env_file=None, environment="production")


# --- 8. X-Forwarded-For is believed only from configured proxies --------------------------




def test_forwarded_for_from_an_untrusted_peer_is_ignored(tmp_path):
    """Through `stapwijzer serve` (uvicorn trusts 127.0.0.1 by default): a client on this host
    that makes up X-Forwarded-For per request still counts as one client."""
    port = free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path}/xff.sqlite3",
               ENVIRONMENT="test", SECRET_KEY="s" * 40, JWT_SECRET_KEY="j" * 40,
               SEED_DEMO_ON_START="false", ARGON2_PROFILE="fast", CLIENT_MAX_FAILURES="3",
               BACKOFF_FIRST_SECONDS="600", LOG_LEVEL="WARNING")
    env.pop("TRUSTED_PROXIES", None)
    server = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(port)],
                              env=env, cwd=ROOT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_ready(base, 60, server)
        statuses = []
        with httpx.Client(base_url=base) as http:
            for number in range(4):
                statuses.append(http.post(
                    "/api/v1/auth/login",
                    json={"email": f"{uuid.uuid4().hex}@x.test", "password": "guess"},
                    headers={"X-Forwarded-For": f"198.51.100.{number}"}).status_code)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert statuses == [401, 401, 401, 429]


def test_trusted_proxies_setting_reads_a_list(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", '["10.0.0.5", "10.0.0.6"]')
    assert Settings(_env_file=None, environment="test").trusted_proxies == ["10.0.0.5",
                                                                            "10.0.0.6"]
    assert Settings(_env_file=None, environment="test",
                    trusted_proxies=[]).trusted_proxies == []




def test_rate_limit_counters_hold_no_addresses(test_app, db):
    with _stranger(test_app, 42) as stranger:
        stranger.post("/api/v1/auth/invites/redeem", json={"code": "ZZZZ-ZZZ-ZZZ"})
    keys = db.scalars(select(RateLimitCounter.key)).all()
    assert keys and not any("203.0.113" in key for key in keys)
