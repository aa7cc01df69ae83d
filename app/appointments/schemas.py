"""Request and response shapes of the appointments API."""

from __future__ import annotations

from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from app.appointments.models import Purpose
from app.input_types import Line, MultilineText


class AttendeeIn(BaseModel):
    # Either a person of the file or a name: the oneOf says so to clients (and the fuzzer).
    model_config = ConfigDict(extra="forbid", json_schema_extra={"oneOf": [
        {"required": ["person_id"], "properties": {"person_id": {"type": "integer"},
                                                   "name": {"type": "null"}}},
        {"required": ["name"], "properties": {"name": {"type": "string"},
                                              "person_id": {"type": "null"}}},
    ]})

    person_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    name: Line | None = Field(default=None, min_length=1, max_length=120)

    @model_validator(mode="after")
    def _one_of(self) -> AttendeeIn:
        if (self.person_id is None) == (self.name is None):
            raise ValueError("give either person_id or name")
        return self


class AppointmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Line = Field(min_length=1, max_length=120)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    place_name: Line = Field(default="", max_length=200)
    address: Line = Field(default="", max_length=300)
    purpose: MultilineText = Field(default="", max_length=1000)
    purpose_code: Purpose = Field(
        default=Purpose.other,
        description="What the talk is for; an aftercare visit or a progress talk that was held "
                    "counts for the caseload flags")
    what_to_bring: MultilineText = Field(default="", max_length=1000)
    attendees: list[AttendeeIn] = Field(default_factory=list, max_length=20)
    journey_step_id: int | None = Field(default=None, ge=1, le=2**31 - 1)

    @model_validator(mode="after")
    def _ends_after_start(self) -> AppointmentCreate:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class AppointmentUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    title: Line | None = Field(default=None, min_length=1, max_length=120)
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    place_name: Line | None = Field(default=None, max_length=200)
    address: Line | None = Field(default=None, max_length=300)
    purpose: MultilineText | None = Field(default=None, max_length=1000)
    purpose_code: Purpose | None = None
    what_to_bring: MultilineText | None = Field(default=None, max_length=1000)
    attendees: list[AttendeeIn] | None = Field(default=None, max_length=20)


class AttendeePublic(BaseModel):
    person_id: int | None = None
    name: str


class CannotComePublic(BaseModel):
    """Someone let the contact person know they cannot come ("Ik kan niet komen")."""

    message_id: int
    author_id: int
    author_name: str
    note: str
    created_at: datetime


class AppointmentPublic(BaseModel):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place_name: str
    address: str
    map_url: str | None = Field(description="A map search for the address")
    purpose: str
    purpose_code: Purpose
    purpose_text: str | None = Field(
        description="The purpose in plain words, as the candidate reads it (none for other)")
    what_to_bring: str
    attendees: list[AttendeePublic]
    cancelled: bool
    version: int
    cannot_come: list[CannotComePublic] = Field(
        default_factory=list, description="Who let the contact person know they cannot come "
        "(network members see their own only), oldest first")


class AppointmentList(BaseModel):
    upcoming: list[AppointmentPublic]
    past: list[AppointmentPublic]


class CalendarFeedPublic(BaseModel):
    url: str = Field(description="Subscribe to this address in a calendar app; keep it private")
