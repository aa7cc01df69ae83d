"""Request and response shapes of the candidates API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.clock import local_today
from app.input_types import IsoDate, Line


class CandidateCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    display_name: Line = Field(min_length=1, max_length=120)
    date_of_birth: IsoDate | None = None
    phone: str | None = Field(default=None, max_length=40, pattern=r"^[0-9 +()-]{6,40}$")
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    day_activity_provider: Line | None = Field(default=None, max_length=200)
    route_template_id: int | None = Field(default=None, ge=1, le=2**31 - 1)

    @field_validator("display_name")
    @classmethod
    def _strip(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("blank")
        return value.strip()

    @field_validator("date_of_birth")
    @classmethod
    def _plausible(cls, value: date | None) -> date | None:
        if value is not None and not date(1940, 1, 1) <= value <= local_today():
            raise ValueError("date of birth out of range")
        return value


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
