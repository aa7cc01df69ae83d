"""Bearer tokens: only well-formed, signed, current tokens of a live session get in."""

from __future__ import annotations

import base64
import json
import time
from datetime import timedelta

import pytest
from jose import jwt

from app.auth.security import JWT_ALGORITHM, encode_access_token
from app.auth.service import issue_tokens
from app.db import unit_of_work, utcnow
from app.people.models import Person


@pytest.fixture
def token_parts(session_factory, settings, personas):
    with unit_of_work(session_factory) as session:
        pair = issue_tokens(session, settings, session.get(Person, personas.consultant), "t")
    claims = jwt.get_unverified_claims(pair.access_token)
    return pair, claims


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _call(client, token: str):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})


def test_a_valid_token_gets_in(client, token_parts):
    pair, _claims = token_parts
    assert _call(client, pair.access_token).status_code == 200


def test_alg_none_is_refused(client, token_parts):
    _pair, claims = token_parts
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    assert _call(client, token).status_code == 401


def test_another_algorithm_with_the_same_key_is_refused(client, token_parts, settings):
    _pair, claims = token_parts
    token = jwt.encode(claims, settings.jwt_secret_key, algorithm="HS512")
    assert _call(client, token).status_code == 401


def test_algorithm_confusion_with_a_public_key_is_refused(client, token_parts):
    # An attacker signs with HMAC using some "public key" text as secret: never accepted.
    _pair, claims = token_parts
    fake_public_key = (
        "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----"
    )
    header = _b64({"alg": "HS256", "typ": "JWT"})
    import hashlib
    import hmac

    body = _b64(claims)
    signature = base64.urlsafe_b64encode(
        hmac.new(fake_public_key.encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    ).rstrip(b"=").decode()
    assert _call(client, f"{header}.{body}.{signature}").status_code == 401


def test_expired_token_is_refused(client, token_parts, settings):
    _pair, claims = token_parts
    token, _ = encode_access_token(
        secret=settings.jwt_secret_key, issuer=settings.jwt_issuer,
        audience=settings.jwt_audience, person_id=int(claims["sub"]),
        session_id=int(claims["sid"]), minutes=15, now=utcnow() - timedelta(hours=1),
    )
    assert _call(client, token).status_code == 401


def test_not_yet_valid_token_is_refused(client, token_parts, settings):
    _pair, claims = token_parts
    future = dict(claims, nbf=int(time.time()) + 3600, iat=int(time.time()) + 3600,
                  exp=int(time.time()) + 7200)
    token = jwt.encode(future, settings.jwt_secret_key, algorithm=JWT_ALGORITHM)
    assert _call(client, token).status_code == 401


@pytest.mark.parametrize("claim", ["aud", "iss"])
def test_wrong_audience_or_issuer_is_refused(client, token_parts, settings, claim):
    _pair, claims = token_parts
    token = jwt.encode(dict(claims, **{claim: "someone-else"}), settings.jwt_secret_key,
                       algorithm=JWT_ALGORITHM)
    assert _call(client, token).status_code == 401


def test_tampered_token_is_refused(client, token_parts):
    pair, claims = token_parts
    header, _body, signature = pair.access_token.split(".")
    tampered = f"{header}.{_b64(dict(claims, sub=str(int(claims['sub']) + 1)))}.{signature}"
    assert _call(client, tampered).status_code == 401


def test_token_signed_with_another_key_is_refused(client, token_parts):
    _pair, claims = token_parts
    token = jwt.encode(claims, "not-the-real-key-but-long-enough-000000", algorithm=JWT_ALGORITHM)
    assert _call(client, token).status_code == 401


def test_revoked_session_token_is_refused(client, token_parts):
    pair, _claims = token_parts
    assert client.post("/api/v1/auth/logout",
                       headers={"Authorization": f"Bearer {pair.access_token}"}).status_code == 204
    response = _call(client, pair.access_token)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "Token abc"])
def test_malformed_authorization_header_is_refused(client, header):
    response = client.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_refresh_rotates_and_the_old_refresh_token_dies(client, token_parts):
    pair, _claims = token_parts
    first = client.post("/api/v1/auth/token/refresh", json={"refresh_token": pair.refresh_token})
    assert first.status_code == 200
    new = first.json()
    assert new["refresh_token"] != pair.refresh_token
    assert _call(client, new["access_token"]).status_code == 200
    # The old pair belongs to a revoked session now: both halves stop working.
    again = client.post("/api/v1/auth/token/refresh", json={"refresh_token": pair.refresh_token})
    assert again.status_code == 401
    assert _call(client, pair.access_token).status_code == 401


def test_refresh_with_unknown_token_is_refused(client):
    response = client.post("/api/v1/auth/token/refresh", json={"refresh_token": "x" * 43})
    assert response.status_code == 401
