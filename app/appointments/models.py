"""Tables of the appointments domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.db import (
    UTCDateTime,
    optional_timestamp_field,
    str_enum,
    timestamp_field,
    version_column,
)


class Purpose(StrEnum):
    """What a talk is for, chosen by the consultant; the caseload flags count the real ones
    (an aftercare visit, a progress talk) and the candidate sees it in plain words. Contact
    moments of the case file carry the same purposes."""

    other = "other"
    three_way_talk = "three_way_talk"  # driegesprek: candidate, supervisor, consultant
    uwv_interview = "uwv_interview"  # the UWV interview; the consultant goes along
    aftercare_visit = "aftercare_visit"  # nazorg: a visit at work
    progress_talk = "progress_talk"  # voortgangsgesprek / evaluation


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
    # What the talk is for, as a code (the flags count it; `purpose` is the free text).
    purpose_code: Purpose = Field(default=Purpose.other, sa_type=str_enum(Purpose))
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
