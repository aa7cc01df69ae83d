"""Response shapes of the appointments API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class AttendeePublic(BaseModel):
    person_id: int | None = None
    name: str


class AppointmentPublic(BaseModel):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place_name: str
    address: str
    map_url: str | None = Field(description="A map search for the address")
    purpose: str
    what_to_bring: str
    attendees: list[AttendeePublic]
    cancelled: bool
    version: int


class AppointmentList(BaseModel):
    upcoming: list[AppointmentPublic]
    past: list[AppointmentPublic]


class CalendarFeedPublic(BaseModel):
    url: str = Field(description="Subscribe to this address in a calendar app; keep it private")
