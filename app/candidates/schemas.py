"""Response shapes of the candidates API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class CandidatePublic(BaseModel):
    id: int
    display_name: str
    organisation_id: int
    day_activity_provider: str | None = None
    date_of_birth: date | None = None
    phone: str | None = None
    email: str | None = None
    your_areas: list[str] = Field(description="The parts of this file you may see")


class CandidateListItem(BaseModel):
    id: int
    display_name: str
    day_activity_provider: str | None = None
