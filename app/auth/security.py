"""Cryptographic primitives of sign-in: secrets, hashes, passwords, TOTP and access tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.db import utcnow

# Pinned: decoding never trusts the token's own "alg" header (no `none`, no key confusion).
JWT_ALGORITHM = "HS256"
# Letters and digits that cannot be mistaken for each other when read aloud or typed.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# The whole code is secret (31^10, about 50 bits) and found by its hash; guessing is held back
# per client, and a guess names no invite, so it cannot be aimed at one.
CODE_LENGTH = 10

_password_hasher = PasswordHasher()
# Argon2's smallest sensible cost: for tests only (Settings refuses it in production).
_FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def configure_password_hashing(kind: str) -> None:
    """Choose the hasher for new passwords once, at start-up. Verifying reads the cost from
    the stored hash, so hashes made with either cost keep working."""
    global _password_hasher
    _password_hasher = _FAST_HASHER if kind == "fast" else PasswordHasher()


def random_token() -> str:
    """256 bits of randomness, URL-safe: for links, cookies and refresh tokens."""
    return secrets.token_urlsafe(32)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def random_code_part(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def format_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:7]}-{raw[7:]}"


def normalise_code(text: str) -> str:
    """Upper-case and drop spaces and dashes, so "k7qm x3p 9a2" matches "K7QM-X3P-9A2"."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def hash_password(password: str) -> str:
    return _password_hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        # Spend the same effort so timing does not tell whether the account exists.
        _password_hasher.hash(password)
        return False
    try:
        return _password_hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, account: str, issuer: str = "Stapwijzer") -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def totp_step(secret: str | None, code: str, *, after: int | None = None,
              now: datetime | None = None) -> int | None:
    """The time step (30 s counter) this code belongs to, within one step of now, or None.

    Steps up to `after` (the last one used) are refused, so each code works only once."""
    if not secret or not code:
        return None
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(int((now or utcnow()).timestamp()))
    for step in (current - 1, current, current + 1):
        if after is not None and step <= after:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def constant_time_equals(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def sign(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def encode_access_token(
    *, secret: str, issuer: str, audience: str, person_id: int, session_id: int, minutes: int,
    now: datetime | None = None,
) -> tuple[str, datetime]:
    now = now or utcnow()
    expires = now + timedelta(minutes=minutes)
    claims = {
        "sub": str(person_id),
        "sid": str(session_id),
        "iss": issuer,
        "aud": audience,
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": secrets.token_hex(8),
    }
    from jose import jwt  # with its cryptography backend, ~40 ms: not on every start

    return jwt.encode(claims, secret, algorithm=JWT_ALGORITHM), expires


class InvalidToken(Exception):
    pass


def decode_access_token(
    token: str, *, secret: str, issuer: str, audience: str, max_minutes: int,
    leeway_seconds: int = 30, now: datetime | None = None,
) -> dict:
    """The claims of a valid token. Besides signature, issuer and audience, the times must make
    sense: not issued in the future, not expired, and not living longer than an access token
    may (all within `leeway_seconds` of clock skew)."""
    from jose import JWTError, jwt

    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[JWT_ALGORITHM],
            audience=audience,
            issuer=issuer,
            options={"require_exp": True, "require_iat": True, "require_nbf": True,
                     "require_sub": True, "require_aud": True, "require_iss": True,
                     "leeway": leeway_seconds},
        )
    except JWTError as error:
        raise InvalidToken(str(error)) from error
    if not str(claims.get("sub", "")).isdigit() or not str(claims.get("sid", "")).isdigit():
        raise InvalidToken("malformed subject")
    times = [claims.get(name) for name in ("iat", "nbf", "exp")]
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in times):
        raise InvalidToken("malformed times")
    issued, not_before, expires = times
    # The system clock, as python-jose's own exp/nbf checks above use: a clock frozen for
    # business dates (tests) must not make a token minted just now look issued in the future.
    moment = int(now.timestamp()) if now else int(time.time())
    if issued > moment + leeway_seconds or not_before > moment + leeway_seconds:
        raise InvalidToken("issued in the future")
    if expires <= moment - leeway_seconds:
        raise InvalidToken("expired")
    if expires - issued > max_minutes * 60 + leeway_seconds:
        raise InvalidToken("lifetime too long")
    return claims
