"""Request and response shapes of the case file API: notes, contact moments, the timeline."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from app.appointments.models import Purpose
from app.case_file.models import CaseNoteKind, ContactRole
from app.input_types import Line
from app.messages.schemas import Text  # words someone typed: trimmed, never blank


def _not_a_number(value: Any) -> Any:
    # pydantic reads 0 as 1970-01-01 (the fuzzer's "invalid data accepted"): a time is text.
    if isinstance(value, int | float):
        raise PydanticCustomError("datetime_type", "Input should be a date and time.")
    return value


Moment = Annotated[AwareDatetime, BeforeValidator(_not_a_number)]


class CaseNoteCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: CaseNoteKind = Field(description="note, or the channel of a contact moment")
    with_whom: Line = Field(default="", max_length=200, description="Name(s), free text")
    with_role: ContactRole | None = None
    happened_at: Moment = Field(description="When it happened; not in the future")
    body: Text = Field(min_length=1, max_length=4000)
    purpose_code: Purpose = Field(
        default=Purpose.other,
        description="What the contact was for; an aftercare visit or a progress talk counts "
                    "for the caseload flags")


class CaseNoteUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    kind: CaseNoteKind | None = None
    with_whom: Line | None = Field(default=None, max_length=200)
    with_role: ContactRole | None = None
    happened_at: Moment | None = None
    body: Text | None = Field(default=None, min_length=1, max_length=4000)
    purpose_code: Purpose | None = None


class CaseNotePublic(BaseModel):
    id: int
    kind: CaseNoteKind
    with_whom: str
    with_role: ContactRole | None
    happened_at: datetime
    body: str
    purpose_code: Purpose
    author_id: int
    author_name: str
    created_at: datetime
    updated_at: datetime
    editable: bool = Field(description="Whether you may still correct it (the author, the "
                                        "same day)")
    version: int


class TimelineEntryPublic(BaseModel):
    at: datetime
    all_day: bool = Field(description="Only the date is known (steps, guarantee versions)")
    kind: str = Field(description="e.g. step_started, step_done, appointment, message, "
                                  "case_note, guarantee, way_back, concern, concern_handled")
    area: str
    title: str
    detail: str
    ref_id: int | None
