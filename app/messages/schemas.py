"""Request and response shapes of the messages API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.messages.models import MessageKind
from app.ui.pictograms import PICTOGRAMS


class UpdateCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1, max_length=4000)
    pictogram: str | None = Field(default=None, max_length=40)

    @field_validator("body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("blank")
        return value.strip()

    @field_validator("pictogram")
    @classmethod
    def _known_pictogram(cls, value: str | None) -> str | None:
        if value is not None and value not in PICTOGRAMS:
            raise ValueError("unknown pictogram")
        return value


class AnswerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1, max_length=4000)

    @field_validator("body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("blank")
        return value.strip()


class QuestionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(min_length=1, max_length=2000, description="The question, in your words")
    about_appointment_id: int | None = Field(default=None, ge=1, le=2**31 - 1)

    @field_validator("body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("blank")
        return value


class CannotCome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str = Field(max_length=2000, description="Why, or what would suit better (not empty)")

    @field_validator("note")
    @classmethod
    def _strip(cls, value: str) -> str:
        # An empty note is refused by the service, with a sentence that says what to write.
        return value.strip()


class MessagePublic(BaseModel):
    id: int
    kind: MessageKind
    author_id: int
    author_name: str
    addressed_to_id: int | None
    body: str
    pictogram: str | None
    reply_to_id: int | None
    about_appointment_id: int | None
    created_at: datetime
    read_at: datetime | None
