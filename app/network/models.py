"""Tables of the network domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.db import optional_timestamp_field, str_enum, timestamp_field, version_column


class Area(StrEnum):
    """Parts of a candidate's file a network member can be given."""

    steps = "steps"
    appointments = "appointments"
    money = "money"
    contact = "contact"
    guarantee = "guarantee"
    messages = "messages"  # the consultant's updates to the candidate


class ConsentMethod(StrEnum):
    in_app = "in_app"  # the candidate invited the person in the app
    in_person = "in_person"  # the candidate said yes in a talk with the consultant
    in_writing = "in_writing"  # a signed form


_version = version_column()


class NetworkGrant(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    member_id: int = Field(foreign_key="person.id", index=True)
    relation: str = Field(default="", max_length=60)  # "moeder", "mentor", ...
    areas: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The consent record: who agreed, when and how.
    consent_by_id: int = Field(foreign_key="person.id")
    consent_at: datetime = timestamp_field()
    consent_method: ConsentMethod = Field(sa_type=str_enum(ConsentMethod))
    created_by_id: int = Field(foreign_key="person.id")
    accepted_at: datetime | None = optional_timestamp_field()
    revoked_at: datetime | None = optional_timestamp_field()
    version: int = Field(default=1, sa_column=_version)

    __mapper_args__ = {"version_id_col": _version}
