"""Request and response shapes of the consultants API (admins manage their organisation's staff)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.input_types import Line
from app.people.models import Role

MIN_PASSWORD_LENGTH = 12


class ConsultantPublic(BaseModel):
    id: int
    role: Role
    display_name: str
    email: str | None
    job_title: str | None
    phone: str | None
    is_active: bool
    password_set: bool = Field(description="False until the person used their set-up link")
    primary_count: int = Field(description="Candidates for whom this is the contact person")
    backup_count: int = Field(description="Candidates for whom this is the backup")
    default_backup_id: int | None = Field(
        default=None, description="The usual backup new candidates of this consultant get")
    version: int


class ConsultantInvite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    display_name: Line = Field(min_length=1, max_length=120)
    email: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    job_title: Line = Field(default="", max_length=120,
                           description='As candidates see it, e.g. "consulent Beschut Werk"')
    phone: Line = Field(default="", max_length=40)

    @field_validator("display_name", "email", "job_title", "phone", mode="before")
    @classmethod
    def _strip(cls, value):
        return value.strip() if isinstance(value, str) else value


class PasswordSetupLink(BaseModel):
    """Shown once, to hand to the new colleague; only its hash is stored."""

    link: str
    expires_at: datetime


class ConsultantInvited(BaseModel):
    consultant: ConsultantPublic
    setup: PasswordSetupLink


class CaseloadReassign(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to_consultant_id: int = Field(ge=1, le=2**31 - 1)


class CaseloadReassigned(BaseModel):
    primary_moved: int = Field(description="Candidates who got a new contact person")
    backup_moved: int = Field(description="Candidates who got a new backup")
    backup_cleared: int = Field(
        description="Candidates whose backup was dropped because it became their contact person")


class PasswordChoice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=200)
    password_again: str = Field(max_length=200)
