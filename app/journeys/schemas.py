"""Response shapes of the journeys API."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from app.journeys.models import JourneyStatus, StepState
from app.route_templates.models import StepKind


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
    texts: dict[str, dict[str, str]]
    version: int


class JourneyPublic(BaseModel):
    id: int
    candidate_id: int
    route_template_id: int | None
    status: JourneyStatus
    started_on: date
    version: int
    steps: list[JourneyStepPublic]
