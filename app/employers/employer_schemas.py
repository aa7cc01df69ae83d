"""Request and response shapes of the employer's own API (`/api/v1/employer/…`), the invite of
an employer's person and the concerns an employer reports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.auth.schemas import InvitePublic
from app.employers.models import ConcernKind, MilestoneKind
from app.input_types import MultilineText
from app.journeys.models import StepState


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("blank")
    return value.strip()


class EmployerInviteCreated(BaseModel):
    person_id: int
    display_name: str
    invite: InvitePublic


class PasswordChoice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(max_length=200)
    password_again: str = Field(max_length=200)


class ContactPersonOut(BaseModel):
    display_name: str
    job_title: str | None = None
    phone: str | None = None
    email: str | None = None


class ContactOut(BaseModel):
    """The one contact person, the backup, and whom to call today (the backup while away)."""

    primary: ContactPersonOut
    backup: ContactPersonOut | None = None
    primary_away_until: date | None = None
    reachable: ContactPersonOut


class StepOut(BaseModel):
    title: str
    state: StepState
    progress: str = Field(description="The step's state and dates in plain words")


class MilestoneOut(BaseModel):
    id: int
    kind: MilestoneKind
    label: str
    due_on: date
    done_on: date | None = None
    employer_task: str = Field(description="What the employer must do; empty when nothing")
    wage_value_percent: int | None = None
    overdue: bool
    sentence: str = Field(default="", description="What happens on the date and who acts")


class AppointmentOut(BaseModel):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place_name: str
    address: str
    attendees: list[str]


class ConcernSent(BaseModel):
    """A worry the employer sent: when, and whether the municipality has handled it."""

    id: int
    kind: ConcernKind
    created_at: datetime
    handled_at: datetime | None = None


class PlacementSummary(BaseModel):
    id: int
    candidate_name: str
    employer_name: str
    workplace: str
    starts_on: date | None = None
    ends_on: date | None = None
    progress: str = Field(description="Where the placement stands, in plain words")
    advice: str = Field(default="", description=(
        "How the sheltered-work advice and decision stand, in plain words; empty without one"))
    contact: ContactOut | None = None
    tasks: list[MilestoneOut] = Field(description="Open tasks for the employer, soonest first")


class PlacementDetail(PlacementSummary):
    steps: list[StepOut]
    dates: list[MilestoneOut] = Field(description="Wage-value, subsidy and allowance dates")
    appointments: list[AppointmentOut] = Field(
        description="Coming appointments you attend")
    concerns: list[ConcernSent] = Field(
        default_factory=list, description="The worries you sent, newest first, and their state")


class ConcernCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ConcernKind
    body: Annotated[MultilineText, AfterValidator(_not_blank)] = Field(
        min_length=1, max_length=2000, description="The worry, in your words")


class ConcernPublic(BaseModel):
    id: int
    placement_id: int
    candidate_id: int
    author_name: str
    employer_name: str
    kind: ConcernKind
    body: str
    created_at: datetime
    handled_at: datetime | None = None
    handled_by_name: str | None = None


class ConcernReceived(BaseModel):
    """What the employer hears back: the worry went to the contact person."""

    id: int
    kind: ConcernKind
    created_at: datetime
    sent_to: str
