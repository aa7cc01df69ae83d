"""Request and response shapes of the network API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.auth.schemas import InvitePublic
from app.input_types import Line
from app.network.models import Area, ConsentMethod


def _unique_areas(areas: list[Area]) -> list[Area]:
    return sorted(set(areas), key=lambda a: list(Area).index(a))


class NetworkInviteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    display_name: Line = Field(
        min_length=1, max_length=120, description="Name as the candidate knows them"
    )
    relation: Line = Field(default="", max_length=60, description='e.g. "moeder", "mentor"')
    areas: list[Area] = Field(min_length=1, max_length=5)
    consent_method: ConsentMethod | None = Field(
        default=None,
        description="Required when a consultant invites on the candidate's behalf: "
        "how the candidate agreed (in_person or in_writing)",
    )

    _normalise = field_validator("areas")(_unique_areas)

    @field_validator("display_name", "relation")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class NetworkGrantUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    areas: list[Area] = Field(min_length=1, max_length=5)

    _normalise = field_validator("areas")(_unique_areas)


class NetworkGrantPublic(BaseModel):
    id: int
    member_id: int
    display_name: str
    relation: str
    areas: list[Area]
    consent_by_id: int
    consent_at: datetime
    consent_method: ConsentMethod
    accepted_at: datetime | None
    revoked_at: datetime | None
    version: int


class NetworkInviteCreated(BaseModel):
    grant: NetworkGrantPublic
    invite: InvitePublic
