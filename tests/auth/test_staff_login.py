"""Staff sign-in over the API: password (argon2), TOTP second factor, and limits on guessing."""

from __future__ import annotations

import time

import pyotp
import pytest

from app.clock import frozen
from app.db import utcnow
from app.demo.seed import DEMO_PASSWORD, EMAILS
from app.people.models import Person


def _login(client, **body):
    return client.post("/api/v1/auth/login", json={"email": EMAILS["consultant"],
                                                   "password": DEMO_PASSWORD, **body})


def test_right_password_gives_tokens(client, personas):
    response = _login(client)
    assert response.status_code == 200
    body = response.json()
    assert body["role"] == "consultant" and body["person_id"] == personas.consultant
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["display_name"] == "Floor de Vries"


def test_password_is_stored_as_argon2(db, personas):
    assert db.get(Person, personas.consultant).password_hash.startswith("$argon2")


@pytest.mark.parametrize("body", [
    {"password": "wrong"}, {"email": "nobody@almere.demo"},
    {"email": "FLOOR@almere.demo ", "password": "x"},
])
def test_wrong_credentials_are_refused_with_one_message(client, body):
    response = _login(client, **body)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


def test_candidates_cannot_sign_in_with_a_password(client, db, personas):
    from app.auth.security import hash_password

    guy = db.get(Person, personas.candidate)
    guy.email, guy.password_hash = "guy@example.test", hash_password("guy-password-123")
    db.commit()
    response = client.post("/api/v1/auth/login",
                           json={"email": "guy@example.test", "password": "guy-password-123"})
    assert response.status_code == 401


def _enrol_totp(client, token) -> str:
    headers = {"Authorization": f"Bearer {token}"}
    begin = client.post("/api/v1/me/totp", headers=headers)
    assert begin.status_code == 200
    secret = begin.json()["secret"]
    assert begin.json()["otpauth_uri"].startswith("otpauth://totp/")
    wrong = client.post("/api/v1/me/totp/confirm", json={"code": "000000"}, headers=headers)
    assert wrong.status_code == 401
    ok = client.post("/api/v1/me/totp/confirm", json={"code": pyotp.TOTP(secret).now()},
                     headers=headers)
    assert ok.status_code == 204
    return secret


def test_totp_enrolment_then_sign_in_needs_the_code(client):
    token = _login(client).json()["access_token"]
    secret = _enrol_totp(client, token)
    without = _login(client)
    assert without.status_code == 401 and without.json()["code"] == "second_factor_required"
    wrong = _login(client, totp_code="123456" if pyotp.TOTP(secret).now() != "123456" else "654321")
    assert wrong.status_code == 401 and wrong.json()["code"] == "invalid_second_factor"
    # The enrolment used this time step's code; each code works once, so take the next one.
    right = _login(client, totp_code=pyotp.TOTP(secret).at(time.time() + 30))
    assert right.status_code == 200
    again = client.post("/api/v1/me/totp", headers={"Authorization": f"Bearer {token}"})
    assert again.status_code == 409


def test_guessing_passwords_is_slowed_per_account_and_client(client, settings):
    with frozen(utcnow()):
        for _ in range(settings.device_max_failures):
            assert _login(client, password="guess").status_code == 401
        blocked = _login(client)  # even the right password waits now
    assert blocked.status_code == 429
    assert blocked.json()["code"] == "too_many_attempts"
    assert blocked.headers["Retry-After"] == str(settings.backoff_first_seconds)


def test_guessing_is_limited_per_client(client, settings):
    with frozen(utcnow()):
        for number in range(settings.client_max_failures):
            client.post("/api/v1/auth/login", json={"email": f"n{number}@x.test", "password": "x"})
        response = _login(client)
    assert response.status_code == 429
