"""Tables of the case file: the consultant's notes and contact moments (staff only)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.appointments.models import Purpose
from app.db import UTCDateTime, str_enum, timestamp_field, version_column


class CaseNoteKind(StrEnum):
    """A note, or the channel of a contact moment."""

    note = "note"  # an internal note, no contact
    phone = "phone"
    visit = "visit"
    email = "email"
    message = "message"  # app, text message, WhatsApp


class ContactRole(StrEnum):
    """Whom a contact moment was with, as a role (the name is free text beside it)."""

    candidate = "candidate"
    parent = "parent"  # ouder / netwerk
    employer = "employer"
    care_provider = "care_provider"  # zorgaanbieder, dagbesteding
    uwv = "uwv"
    benefits_office = "benefits_office"  # Uitkeringen


_version = version_column()


class CaseNote(SQLModel, table=True):
    """One note or contact moment in a candidate's case file; never shown to the candidate or
    the network. The author may correct it on the day it was written (`version` guards it)."""

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    author_id: int = Field(foreign_key="person.id")
    kind: CaseNoteKind = Field(sa_type=str_enum(CaseNoteKind))
    with_whom: str = Field(default="", max_length=200)
    with_role: ContactRole | None = Field(default=None, sa_type=str_enum(ContactRole))
    happened_at: datetime = Field(sa_type=UTCDateTime, index=True)
    body: str = Field(max_length=4000)
    purpose_code: Purpose = Field(default=Purpose.other, sa_type=str_enum(Purpose))
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
    version: int = Field(default=1, sa_column=_version)

    __mapper_args__ = {"version_id_col": _version}
