"""Request and response shapes of the journeys API: the consultant's changes and the journey."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.input_types import IsoDate, Line, MultilineText, RecordRef
from app.journeys.models import JourneyStatus, StepState, WayBackKind, WayBackReason
from app.languages import LanguageCode
from app.route_templates.models import StepKind

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class StepTexts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Line = Field(min_length=1, max_length=80)
    summary: MultilineText = Field(default="", max_length=300)
    what_happens: MultilineText = Field(default="", max_length=1000)
    what_you_do: MultilineText = Field(default="", max_length=1000)
    what_to_bring: MultilineText = Field(default="", max_length=500)
    who: MultilineText = Field(default="", max_length=300)
    waiting_note: MultilineText = Field(default="", max_length=500)

    @field_validator("title")
    @classmethod
    def _short_title(cls, value: str) -> str:
        if len(value.split()) > 5:
            raise ValueError("at most five words")
        return value.strip()


class HybridSplit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    work_days: list[Weekday] = Field(max_length=7)
    day_activity_days: list[Weekday] = Field(max_length=7)

    @model_validator(mode="after")
    def _no_overlap(self) -> HybridSplit:
        if set(self.work_days) & set(self.day_activity_days):
            raise ValueError("a day is either work or day activities")
        return self


class JourneyStart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    route_template_id: int = Field(ge=1, le=2**31 - 1)
    started_on: IsoDate | None = None
    current_position: int = Field(default=1, ge=1, le=50)


class StepUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    state: StepState | None = None
    planned_start: IsoDate | None = None
    planned_end: IsoDate | None = None
    actual_start: IsoDate | None = None
    actual_end: IsoDate | None = None
    expected_duration_days: int | None = Field(default=None, ge=0, le=3650)
    trial_weeks: int | None = Field(default=None, ge=1, le=52)
    hybrid_split: HybridSplit | None = None
    texts: dict[LanguageCode, StepTexts] | None = None
    titles: dict[LanguageCode, Annotated[Line, Field(max_length=80)]] | None = Field(
        default=None,
        description="Change only the title of a language; its other texts stay. A title the "
                    "same as the stored one changes nothing.")


class StepCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    after_position: int | None = Field(default=None, ge=0, le=50,
                                       description="0 puts it first; empty puts it last")
    pictogram: str = Field(default="plan", max_length=40)
    kind: StepKind = StepKind.normal
    expected_duration_days: int = Field(default=14, ge=0, le=3650)
    texts: dict[LanguageCode, StepTexts] | None = None
    from_money_action: str | None = Field(
        default=None, max_length=60,
        description="Turn an action of the money outcome (its code) into this step")


class StepOrder(BaseModel):
    model_config = ConfigDict(extra="forbid")

    step_ids: Annotated[list[RecordRef], Field(min_length=1, max_length=60)]


class StepMove(BaseModel):
    """Move one step a place up or down; at the top or the bottom it stays where it is."""

    model_config = ConfigDict(extra="forbid")

    direction: Literal["up", "down"]


class WayBackCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: WayBackKind
    reason: WayBackReason
    note: MultilineText = Field(default="", max_length=2000)
    hours_per_week: float | None = Field(default=None, ge=0, le=40, multiple_of=0.5)
    starts_on: IsoDate | None = None


class JourneyStepPublic(BaseModel):
    id: int
    position: int
    key: str
    pictogram: str
    kind: StepKind
    state: StepState
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    expected_duration_days: int
    trial_weeks: int | None
    hybrid_split: dict[str, Any] | None
    runs_beside: list[str] = Field(
        description="Keys of the steps this step may be current beside (read both ways)")
    texts: dict[str, dict[str, str]]
    version: int


class JourneyPublic(BaseModel):
    id: int
    candidate_id: int
    route_template_id: int | None
    status: JourneyStatus
    started_on: date
    version: int
    current_step_ids: list[int] = Field(
        description="Every current step, the main one first (the most recently started step "
                    "that is not the day-activity phase)")
    expected_total_days: int = Field(
        description="How long the switch takes as planned, up to the contract, overlapping "
                    "steps counted once")
    way_back_choices: list[WayBackKind] = Field(
        description="The way-back choices the journey's route offers")
    steps: list[JourneyStepPublic]
