"""Response shapes of the contacts API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from app.input_types import IsoDate, MultilineText


class ContactPersonPublic(BaseModel):
    id: int
    display_name: str
    job_title: str | None
    phone: str | None
    initials: str


class ContactPublic(BaseModel):
    primary: ContactPersonPublic
    backup: ContactPersonPublic | None
    primary_away_from: date | None
    primary_away_until: date | None
    reachable: ContactPersonPublic


class ContactUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    primary_id: int = Field(ge=1, le=2**31 - 1)
    backup_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    handover_note: MultilineText = Field(default="", max_length=2000)


class AssignmentPublic(BaseModel):
    primary_id: int
    backup_id: int | None
    handover_note: str
    version: int


class AbsenceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    starts_on: IsoDate
    ends_on: IsoDate
    note: MultilineText = Field(default="", max_length=300)

    @field_validator("ends_on")
    @classmethod
    def _in_order(cls, value: date, info: ValidationInfo) -> date:
        starts = info.data.get("starts_on")
        if starts is not None and value < starts:
            raise ValueError("ends_on is before starts_on")
        return value


class AbsencePublic(BaseModel):
    id: int
    starts_on: date
    ends_on: date
    note: str


class DefaultBackupUpdate(BaseModel):
    """A consultant's usual backup (achtervang); new candidates of hers get it. null: none."""

    model_config = ConfigDict(extra="forbid")

    backup_id: int | None = Field(ge=1, le=2**31 - 1)


class DefaultBackupPublic(BaseModel):
    consultant_id: int
    backup_id: int | None
    backup_name: str | None


class ColleaguePublic(BaseModel):
    """A colleague one may choose as backup: the name and id, nothing private."""

    id: int
    display_name: str
    job_title: str | None
