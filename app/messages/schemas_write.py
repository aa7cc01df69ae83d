"""Request shapes for the consultant's messages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

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
