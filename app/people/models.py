"""Tables of the people domain."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.db import (
    UTCDateTime,
    optional_timestamp_field,
    str_enum,
    timestamp_field,
    version_column,
)


class Role(StrEnum):
    candidate = "candidate"  # kandidaat: moves from dagbesteding to work
    network = "network"  # ouder, mentor, bewindvoerder... invited by or for one candidate
    consultant = "consultant"  # consulent: runs the switch for a caseload
    admin = "admin"  # manages the organisation's consultants, routes and settings
    employer = "employer"  # werkgever: a manager or workplace supervisor hosting a placement


STAFF_ROLES = frozenset({Role.consultant, Role.admin})
# Who may sign in with e-mail and password: staff, and employers' people once they chose one.
PASSWORD_ROLES = STAFF_ROLES | {Role.employer}


class TextSize(StrEnum):
    normal = "normal"
    large = "large"
    larger = "larger"


_version = version_column()


class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    role: Role = Field(sa_type=str_enum(Role), index=True)
    display_name: str = Field(max_length=120)
    # How staff describe their job to the candidate, e.g. "accountadviseur Beschut Werk".
    job_title: str | None = Field(default=None, max_length=120)
    email: str | None = Field(default=None, max_length=254, unique=True)
    phone: str | None = Field(default=None, max_length=40)
    password_hash: str | None = Field(default=None, max_length=255)
    totp_secret: str | None = Field(default=None, max_length=64)
    totp_enabled_at: datetime | None = optional_timestamp_field()
    # The newest TOTP time step accepted: a code of that step or earlier is refused (replay).
    totp_last_step: int | None = None
    locale: str | None = Field(default=None, max_length=5)
    text_size: TextSize = Field(default=TextSize.normal, sa_type=str_enum(TextSize))
    read_aloud: bool = Field(default=True)
    date_of_birth: date | None = None
    # The dagbesteding (day-activity) place a candidate comes from.
    day_activity_provider: str | None = Field(default=None, max_length=200)
    is_active: bool = Field(default=True)
    # A consultant's usual backup (achtervang), inherited by each new candidate of hers.
    default_backup_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = timestamp_field()
    version: int = Field(default=1, sa_column=_version)
    # The data version of this person's file: bumped with every change a page of it could show
    # (app/file_versions.py); the key of those pages' render cache. Not part of If-Match.
    data_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})

    __mapper_args__ = {"version_id_col": _version}

    @property
    def initials(self) -> str:
        parts = [p for p in self.display_name.replace("-", " ").split() if p[:1].isalpha()]
        chosen = parts[:1] + parts[-1:] if len(parts) > 1 else parts
        letters = [p[0] for p in chosen]
        return "".join(letters).upper() or "?"


class PasswordSetup(SQLModel, table=True):
    """A one-time link with which an invited staff member chooses their own password.

    Only the token's hash is stored; the link is shown once to the admin who invited them."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    token_hash: str = Field(max_length=64, unique=True)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = optional_timestamp_field()
    revoked_at: datetime | None = optional_timestamp_field()
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = timestamp_field()
