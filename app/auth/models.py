"""Tables of the auth domain: invites, sessions (browser and API) and rate-limit counters."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, optional_timestamp_field, str_enum, timestamp_field


class InviteKind(StrEnum):
    candidate_device = "candidate_device"  # enrols a candidate's phone
    network_member = "network_member"  # lets a parent or mentor look along
    staff_signin = "staff_signin"  # demo only: staff use password + TOTP in production
    employer_contact = "employer_contact"  # signs an employer's person in (then a password)


class Invite(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: InviteKind = Field(sa_type=str_enum(InviteKind))
    person_id: int = Field(foreign_key="person.id", index=True)
    # For a network invite: the candidate whose file the member will see.
    candidate_id: int | None = Field(default=None, foreign_key="person.id")
    # Only hashes are stored: a database leak must not leak working links or codes.
    token_hash: str = Field(max_length=64, unique=True)
    # The whole short code is the secret and is found by its hash: there is no lookup part to
    # guess first, and a wrong code names no invite, so nobody can burn someone else's code.
    code_hash: str | None = Field(default=None, max_length=64, unique=True)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = optional_timestamp_field()
    revoked_at: datetime | None = optional_timestamp_field()
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = timestamp_field()


class SessionKind(StrEnum):
    browser = "browser"  # cookie session of a page
    api = "api"  # refresh-token session of an API client


class AuthSession(SQLModel, table=True):
    """A signed-in device: a browser cookie or an API client's refresh token."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    kind: SessionKind = Field(sa_type=str_enum(SessionKind))
    token_hash: str = Field(max_length=64, unique=True)
    label: str = Field(default="", max_length=120)
    # Staff sessions count as signed in only after the second factor (when enrolled).
    second_factor_done: bool = Field(default=False)
    # Wrong TOTP codes typed for this pending sign-in; too many end it (password again).
    failed_codes: int = Field(default=0)
    # Every refresh token rotated from one sign-in shares the family: reuse of a spent one
    # ends them all (a thief's and the victim's copies cannot both live on).
    family: str | None = Field(default=None, max_length=32, index=True)
    created_at: datetime = timestamp_field()
    last_used_at: datetime = timestamp_field()
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = optional_timestamp_field()


class RateLimitCounter(SQLModel, table=True):
    """Failures per key (client address, e-mail, code) in a window; kept in the database so
    every app instance shares them."""

    key: str = Field(primary_key=True, max_length=120)
    window_started_at: datetime = Field(sa_type=UTCDateTime)
    count: int = Field(default=0)
    # Exponential back-off: past the free attempts, the key waits until this instant.
    blocked_until: datetime | None = optional_timestamp_field()

