"""Application settings, read from environment variables (prefix-free, 12-factor)."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The order of the P-256 curve: a VAPID private key is a number below it.
_P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551

DEFAULT_SECRET = "dev-only-insecure-secret-change-me"  # noqa: S105 - refused in production
DEFAULT_DB_PATH = Path("var") / "stapwijzer.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{DEFAULT_DB_PATH}"
    base_url: str = "http://localhost:8000"

    # Signs session cookies' CSRF tokens and API access tokens (HS256, algorithm pinned).
    secret_key: str = DEFAULT_SECRET
    # A separate key for access tokens lets one be rotated without signing everybody out.
    jwt_secret_key: str = DEFAULT_SECRET
    jwt_issuer: str = "stapwijzer"
    jwt_audience: str = "stapwijzer-api"
    access_token_minutes: int = 15
    # Clock skew allowed when checking a token's iat/nbf/exp.
    token_leeway_seconds: int = 30
    refresh_token_days: int = 30

    candidate_session_days: int = 180
    staff_session_hours: int = 12
    invite_valid_hours: int = 72
    # Sign-in back-off: failures that pass freely per client address, per account from one
    # client or device, and per account from devices that never signed in to it; past them each
    # failure doubles the wait (`backoff_first_seconds`, twice that, ...) up to
    # `backoff_max_minutes`. A key quiet for the window starts again. A "known device" (a
    # signed cookie set on a staff sign-in) is not held back by strangers' failures.
    client_max_failures: int = 20
    device_max_failures: int = 5
    account_max_failures: int = 10
    client_failure_window_minutes: int = 15
    backoff_first_seconds: int = 1
    backoff_max_minutes: int = 15
    known_device_days: int = 365
    # Wrong authenticator codes that end a pending sign-in (the password is asked again).
    second_factor_max_attempts: int = 5
    # Addresses of reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed
    # (JSON list, e.g. ["10.0.0.5"]). Empty: nobody's, the peer address is the client.
    trusted_proxies: list[str] = Field(default_factory=list)

    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_from: str = "Stapwijzer <noreply@stapwijzer.localhost>"
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = 10.0

    # The outbox worker (`stapwijzer worker`): how often it looks for due notifications, how
    # many it claims at once, how long a claim holds (a killed worker's rows come back after
    # it), and how many tries before a notification is marked failed.
    worker_poll_seconds: float = 5.0
    worker_batch_size: int = 50
    worker_lease_seconds: int = 300
    worker_max_attempts: int = 6

    # Web Push (VAPID, RFC 8292): the private key as base64url of its 32 raw bytes, the public
    # key as base64url of the uncompressed point (the browser's applicationServerKey) and a
    # contact (mailto: or https:) for the push services. Development and tests derive a key
    # pair from SECRET_KEY when unset; production refuses to start without them.
    vapid_private_key: str | None = None
    vapid_public_key: str | None = None
    vapid_subject: str | None = None

    # "fast" makes Argon2 cheap for the test suite (thousands of sign-ins); refused in production.
    argon2_profile: Literal["standard", "fast"] = "standard"

    # Connection budget of one app process (see README: several instances). PostgreSQL: the
    # engine's pool holds `db_pool_size` connections and opens up to `db_max_overflow` more
    # under load; N instances need N × (pool + overflow) below the server's max_connections,
    # or a PgBouncer in between. SQLite keeps SQLAlchemy's own pool (one file, one host).
    db_pool_size: int = Field(default=10, ge=1)
    db_max_overflow: int = Field(default=20, ge=0)
    # psycopg prepares a statement on the server after it ran 5 times; a PgBouncer in
    # transaction mode before 1.21 (or without max_prepared_statements) cannot keep those.
    db_prepared_statements: bool = True
    # Requests that may use the database at once per process (app/admission.py), at most the
    # pool's connections. One runs Python at a time under the GIL; the soak benchmark found 4
    # best on SQLite (35 writes/s and no time-outs, against 9 writes/s with 15). Fewer than the
    # 40 worker threads, so a request holding a connection can always get a thread to finish.
    admission_slots: int = Field(default=4, ge=1, le=39)

    migrate_on_start: bool = True
    seed_demo_on_start: bool = True
    log_level: str = "INFO"
    # Local dates ("today") and the times pages show; stored datetimes stay UTC (app/clock.py).
    timezone: str = Field(default="Europe/Amsterdam")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"TIMEZONE must be an IANA zone name such as Europe/Amsterdam, "
                             f"not {value!r}") from error
        return value

    @model_validator(mode="after")
    def _refuse_weak_secrets_in_production(self) -> Settings:
        if self.environment == "development":
            self._use_instance_secret()
        if self.environment == "production":
            for name in ("secret_key", "jwt_secret_key"):
                value = getattr(self, name)
                if not value or value == DEFAULT_SECRET or len(value) < 32:
                    raise ValueError(
                        f"{name.upper()} must be set to a random value of at least 32 characters "
                        "in production"
                    )
            if self.argon2_profile != "standard":
                raise ValueError("ARGON2_PROFILE must be 'standard' in production")
            if self.seed_demo_on_start:
                raise ValueError("SEED_DEMO_ON_START must be false in production")
            if not self.vapid_private_key or not self.vapid_public_key or not self.vapid_subject:
                raise ValueError("VAPID_PRIVATE_KEY, VAPID_PUBLIC_KEY and VAPID_SUBJECT must be "
                                 "set in production (see README: Web Push)")
        elif not self.vapid_private_key:
            # Same secret, same keys: browsers' subscriptions survive a restart in development.
            seed = int.from_bytes(hashlib.sha256(
                b"stapwijzer-vapid:" + self.secret_key.encode()).digest(), "big")
            raw = (seed % (_P256_ORDER - 1) + 1).to_bytes(32, "big")
            self.vapid_private_key = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
            self.vapid_public_key = None
        if not self.vapid_subject:
            self.vapid_subject = "mailto:noreply@stapwijzer.localhost"
        if not self.vapid_public_key:
            self.vapid_public_key = _public_key_of(self.vapid_private_key)
        elif _public_key_of(self.vapid_private_key) != self.vapid_public_key:
            raise ValueError("VAPID_PUBLIC_KEY does not belong to VAPID_PRIVATE_KEY")
        return self

    def _use_instance_secret(self) -> None:
        """Development without SECRET_KEY: a random secret made on first start and kept in a
        file (0600) next to the SQLite database, or in var/; a public default would let anyone
        forge cookies and tokens for every copy started without settings."""
        if self.secret_key != DEFAULT_SECRET and self.jwt_secret_key != DEFAULT_SECRET:
            return
        secret = _instance_secret(self.secret_file_path)
        if self.secret_key == DEFAULT_SECRET:
            self.secret_key = secret
        if self.jwt_secret_key == DEFAULT_SECRET:
            # Its own key, derived, so the two stay different as in production.
            self.jwt_secret_key = hashlib.sha256(b"stapwijzer-jwt:" + secret.encode()).hexdigest()

    @property
    def secret_file_path(self) -> Path:
        if self.database_url.startswith("sqlite:///") and ":memory:" not in self.database_url:
            return Path(self.database_url.removeprefix("sqlite:///")).parent / "secret_key"
        return DEFAULT_DB_PATH.parent / "secret_key"

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def cookies_secure(self) -> bool:
        # Browsers keep Secure cookies on http://localhost, but not on other plain-http hosts.
        return self.base_url.startswith("https://")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _instance_secret(path: Path) -> str:
    """The secret kept in `path`, made (random, 0600) when the file does not exist yet."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    try:
        # O_EXCL: two processes starting at once keep one secret, the first one written.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as file:
        file.write(secret + "\n")
    return secret


def _public_key_of(private_key: str) -> str:
    """The applicationServerKey (base64url, uncompressed P-256 point) of a VAPID private key."""
    from cryptography.hazmat.primitives.asymmetric import ec

    raw = base64.urlsafe_b64decode(private_key + "=" * (-len(private_key) % 4))
    if len(raw) != 32:
        raise ValueError("VAPID_PRIVATE_KEY must be base64url of 32 raw bytes")
    key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
    # The X9.62 uncompressed point (0x04, x, y) from the numbers: cryptography's serialization
    # module would cost every start ~30 ms more to import.
    public = key.public_key().public_numbers()
    point = b"\x04" + public.x.to_bytes(32, "big") + public.y.to_bytes(32, "big")
    return base64.urlsafe_b64encode(point).rstrip(b"=").decode()


@lru_cache
def get_settings() -> Settings:
    return Settings()
