"""Request and response shapes of the messages API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from app.input_types import MultilineText
from app.messages.models import MessageKind
from app.ui.pictograms import PICTOGRAMS


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("blank")
    return value


# Words someone typed: surrounding space dropped, nothing but space refused, no control
# characters but line breaks and tabs (app/input_types.py).
# The schema says so too (a pattern), so clients and the fuzzer know blank text is refused.
Text = Annotated[MultilineText, AfterValidator(_not_blank),
                 Field(json_schema_extra={"pattern": r"\S"})]


class UpdateCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: Text = Field(min_length=1, max_length=4000)
    # The enum tells clients (and the fuzzer) which names exist; the validator enforces it.
    pictogram: str | None = Field(default=None, max_length=40,
                                  json_schema_extra={"enum": [*sorted(PICTOGRAMS), None]})

    @field_validator("pictogram")
    @classmethod
    def _known_pictogram(cls, value: str | None) -> str | None:
        if value is not None and value not in PICTOGRAMS:
            raise ValueError("unknown pictogram")
        return value


class AnswerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: Text = Field(min_length=1, max_length=4000)


class QuestionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: Text = Field(min_length=1, max_length=2000, description="The question, in your words")
    about_appointment_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class CannotCome(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: MultilineText = Field(max_length=2000,
                                description="Why, or what would suit better (not empty)")

    @field_validator("note")
    @classmethod
    def _strip(cls, value: str) -> str:
        # An empty note is refused by the service, with a sentence that says what to write.
        return value.strip()


class ReplyPublic(BaseModel):
    """An answer, shown under its question."""

    id: int
    author_id: int
    author_name: str
    body: str
    created_at: datetime
    read_at: datetime | None


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
    answers: list[ReplyPublic] = Field(
        default_factory=list, description="For a question: its answers, oldest first "
        "(\"Floor heeft geantwoord\")")
