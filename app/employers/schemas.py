"""Request and response shapes of the staff's employer API: employers and their contact people,
a candidate's placements with the consent record, and the milestones of a placement."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from app.employers.models import EmployerKind, MilestoneKind
from app.input_types import IsoDate, Line, MultilineText, RecordRef, count
from app.network.models import ConsentMethod

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
NOT_BLANK = {"pattern": r"\S"}
# A one-line text (no control characters) shaped like an address. The pattern is also written
# into the schema itself: after Line's own check pydantic would leave it out.
Email = Annotated[Line, Field(min_length=3, max_length=254, pattern=EMAIL_PATTERN,
                              json_schema_extra={"pattern": EMAIL_PATTERN})]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


# --- employers ---------------------------------------------------------------------------------


class EmployerCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Not blank: the schema says so too (`\S`), since the spaces around it are dropped.
    name: Line = Field(min_length=1, max_length=200, json_schema_extra=NOT_BLANK)
    kind: EmployerKind
    street_address: Line = Field(default="", max_length=200)
    postcode: Line = Field(default="", max_length=10)
    city: Line = Field(default="", max_length=100)

    _stripped = field_validator("name", "street_address", "postcode", "city", mode="before")(_strip)



class EmployerUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: Line | None = Field(default=None, min_length=1, max_length=200,
                              json_schema_extra=NOT_BLANK)
    kind: EmployerKind | None = None
    street_address: Line | None = Field(default=None, max_length=200)
    postcode: Line | None = Field(default=None, max_length=10)
    city: Line | None = Field(default=None, max_length=100)

    _stripped = field_validator("name", "street_address", "postcode", "city", mode="before")(_strip)



class EmployerContactCreate(BaseModel):
    """A person of the employer: a manager or a workplace supervisor. No password: signing in
    comes with an invite."""

    model_config = ConfigDict(extra="forbid")

    display_name: Line = Field(min_length=1, max_length=120, json_schema_extra=NOT_BLANK)
    job_title: Line = Field(default="", max_length=120,
                            description='e.g. "bedrijfsleider", "werkplekbegeleider"')
    email: Email
    phone: Line = Field(default="", max_length=40)

    _stripped = field_validator("display_name", "job_title", "email", "phone",
                                mode="before")(_strip)


class EmployerContactUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    display_name: Line | None = Field(default=None, min_length=1, max_length=120,
                                      json_schema_extra=NOT_BLANK)
    job_title: Line | None = Field(default=None, max_length=120)
    email: Email | None = None
    phone: Line | None = Field(default=None, max_length=40)

    _stripped = field_validator("display_name", "job_title", "email", "phone",
                                mode="before")(_strip)


class EmployerContactPublic(BaseModel):
    id: int
    person_id: int
    display_name: str
    job_title: str
    email: str | None
    phone: str
    version: int = Field(description="The person's version: send it in If-Match to change them")


class EmployerPublic(BaseModel):
    id: int
    name: str
    kind: EmployerKind
    street_address: str
    postcode: str
    city: str
    contacts: list[EmployerContactPublic]
    version: int


# --- placements --------------------------------------------------------------------------------


class ConsentIn(BaseModel):
    """Who agreed that the employer's people see this placement, how and when."""

    model_config = ConfigDict(extra="forbid")

    by_id: RecordRef = Field(description="The candidate, or a network member acting for them")
    method: ConsentMethod
    at: AwareDatetime | None = Field(default=None, description="When; default: now")


class PlacementCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    employer_id: RecordRef
    supervisor_id: RecordRef | None = Field(
        default=None, description="The werkplekbegeleider: a contact person of the employer")
    workplace: Line = Field(default="", max_length=200, description="Department or location")
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    trial_step_id: RecordRef | None = Field(
        default=None, description="A trial step of the candidate's journey")
    contract_step_id: RecordRef | None = Field(
        default=None, description="A contract step of the candidate's journey")
    consent: ConsentIn | None = None
    default_milestones: bool = Field(
        default=True, description="Add the organisation's usual milestones (wage value, "
        "subsidy, support allowance) from the linked steps' dates")

    _stripped = field_validator("workplace", mode="before")(_strip)

    @model_validator(mode="after")
    def _ends_after_start(self) -> PlacementCreate:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        return self


class PlacementUpdate(BaseModel):
    """Only the fields sent are changed (null clears a supervisor, date or step)."""

    model_config = ConfigDict(extra="forbid")

    supervisor_id: RecordRef | None = None
    workplace: Line | None = Field(default=None, max_length=200)
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    trial_step_id: RecordRef | None = None
    contract_step_id: RecordRef | None = None

    _stripped = field_validator("workplace", mode="before")(_strip)


class PlacementEnd(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ends_on: IsoDate | None = Field(default=None, description="The last day; default: today")


class MilestoneCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: MilestoneKind
    due_on: IsoDate
    employer_task: Line = Field(
        default="", max_length=300, description="What the employer must do (\"\": nothing)")
    note: MultilineText = Field(default="", max_length=1000)


class MilestoneUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    kind: MilestoneKind | None = None
    due_on: IsoDate | None = None
    employer_task: Line | None = Field(default=None, max_length=300)
    note: MultilineText | None = Field(default=None, max_length=1000)


class MilestoneComplete(BaseModel):
    model_config = ConfigDict(extra="forbid")

    done_on: IsoDate | None = Field(default=None, description="Default: today")
    wage_value_percent: count(0, 100) | None = Field(  # type: ignore[valid-type]
        default=None, description="The measured wage value (wage-value milestones only)")
    note: MultilineText | None = Field(default=None, max_length=1000)


class MilestonePublic(BaseModel):
    id: int
    kind: MilestoneKind
    due_on: date
    done_on: date | None
    employer_task: str
    wage_value_percent: int | None
    note: str
    version: int


class PersonRef(BaseModel):
    id: int
    display_name: str


class StepRef(BaseModel):
    id: int
    kind: str
    state: str
    title: str


class ConsentPublic(BaseModel):
    given: bool = Field(description="Given and not withdrawn: the employer may see the placement")
    by: PersonRef | None
    method: ConsentMethod | None
    at: datetime | None
    withdrawn_at: datetime | None


class PlacementPublic(BaseModel):
    id: int
    candidate_id: int
    employer: PersonRef = Field(description="The employer (id and name)")
    supervisor: PersonRef | None
    workplace: str
    starts_on: date | None
    ends_on: date | None
    journey_id: int | None
    trial_step: StepRef | None
    contract_step: StepRef | None
    consent: ConsentPublic
    ended_at: datetime | None
    milestones: list[MilestonePublic] = Field(description="By due date")
    version: int
