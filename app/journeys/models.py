"""Tables of the journeys domain."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.db import str_enum, timestamp_field, version_column
from app.route_templates.models import StepKind


class JourneyStatus(StrEnum):
    active = "active"
    paused = "paused"  # the way back: fewer hours or a break
    returned = "returned"  # back to dagbesteding
    stopped = "stopped"  # this placement stopped; another placement is tried
    completed = "completed"


class StepState(StrEnum):
    todo = "todo"
    current = "current"
    done = "done"
    skipped = "skipped"


_journey_version = version_column()


class Journey(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    route_template_id: int | None = Field(default=None, foreign_key="routetemplate.id")
    status: JourneyStatus = Field(
        default=JourneyStatus.active, sa_type=str_enum(JourneyStatus)
    )
    started_on: date
    ended_on: date | None = None  # completed, returned, or replaced by another placement
    created_at: datetime = timestamp_field()
    # Touched by every change to the list of steps, so the journey's version moves with it.
    steps_changed_at: datetime = timestamp_field()
    version: int = Field(default=1, sa_column=_journey_version)

    __mapper_args__ = {"version_id_col": _journey_version}


_step_version = version_column()


class JourneyStep(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    journey_id: int = Field(foreign_key="journey.id", index=True)
    position: int
    step_template_id: int | None = Field(default=None, foreign_key="steptemplate.id")
    key: str = Field(max_length=60)
    pictogram: str = Field(max_length=40)
    kind: StepKind = Field(default=StepKind.normal, sa_type=str_enum(StepKind))
    state: StepState = Field(default=StepState.todo, sa_type=str_enum(StepState))
    planned_start: date | None = None
    planned_end: date | None = None
    actual_start: date | None = None
    actual_end: date | None = None  # the date done (or skipped)
    expected_duration_days: int = Field(default=0, ge=0)
    trial_weeks: int | None = None
    hybrid_split: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    # Copied from the route: keys of the steps this step may be current beside (both ways).
    runs_beside: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    texts: dict[str, dict[str, str]] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    version: int = Field(default=1, sa_column=_step_version)

    __mapper_args__ = {"version_id_col": _step_version}


class WayBackKind(StrEnum):
    """What happens when work does not work out (the fallback guarantee invoked)."""

    pause = "pause"  # fewer hours or a break, the job stays
    return_ = "return"  # back to the day-activity place in the guarantee
    other_placement = "other_placement"  # try another workplace (Almere: up to three)
    # Back to day activities while keeping the salary: the employer seconds the candidate
    # (detachering, Amsterdam's return route).
    secondment = "secondment"
    # Another provision: a switch from Banenafspraak to beschut werk, or an extra instrument
    # (Rijk van Nijmegen; Almere after the last placement attempt).
    other_provision = "other_provision"


# What a route offers when its template does not say (the way back before routes chose).
DEFAULT_WAY_BACK_CHOICES = (WayBackKind.pause, WayBackKind.return_, WayBackKind.other_placement)


class WayBackReason(StrEnum):
    mismatch = "mismatch"  # the workplace does not fit
    crisis = "crisis"
    too_much = "too_much"  # it is simply too much


class WayBackEvent(SQLModel, table=True):
    """The record of one invocation of the way back, for the file and the team's honest count."""

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    journey_id: int = Field(foreign_key="journey.id")
    kind: WayBackKind = Field(sa_type=str_enum(WayBackKind))
    reason: WayBackReason = Field(sa_type=str_enum(WayBackReason))
    note: str = Field(default="", max_length=2000)
    hours_per_week: float | None = None  # for a pause with fewer hours
    starts_on: date
    created_by_id: int = Field(foreign_key="person.id")
    created_at: datetime = timestamp_field(index=True)
