"""Tables of the appointments domain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, optional_timestamp_field, timestamp_field, version_column

_version = version_column()


class Appointment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    journey_step_id: int | None = Field(default=None, foreign_key="journeystep.id")
    title: str = Field(max_length=120)
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    place_name: str = Field(default="", max_length=200)
    address: str = Field(default="", max_length=300)
    purpose: str = Field(default="", max_length=1000)  # why this appointment
    what_to_bring: str = Field(default="", max_length=1000)
    # [{"person_id": 3} | {"name": "Arbeidsdeskundige UWV"}]
    attendees: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    created_by_id: int | None = Field(default=None, foreign_key="person.id")
    cancelled_at: datetime | None = optional_timestamp_field()
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
    version: int = Field(default=1, sa_column=_version)

    __mapper_args__ = {"version_id_col": _version}


class CalendarFeed(SQLModel, table=True):
    """A personal calendar feed URL (webcal) for a candidate's appointments; revocable."""

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    created_by_id: int = Field(foreign_key="person.id")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = timestamp_field()
    revoked_at: datetime | None = optional_timestamp_field()
