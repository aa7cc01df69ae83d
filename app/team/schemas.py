"""Response shapes of the team view (the JSON API and the page show the same numbers)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class RouteStepStats(BaseModel):
    position: int
    key: str
    title: str = Field(description="In the caller's language")
    pictogram: str
    expected_days: int | None = Field(description="The route's usual duration of this step")
    candidates_now: int = Field(description="Candidates with an active journey at this step now")
    median_days: float | None = Field(
        description="Median days from start to end of this step, over every finished one")
    finished: int = Field(description="How many finished steps the median is based on")


class RouteOverview(BaseModel):
    route_template_id: int | None = Field(description="Empty for journeys without a template")
    key: str | None
    name: str = Field(description="In the caller's language")
    candidates_now: int
    steps: list[RouteStepStats]


class StalledStep(BaseModel):
    candidate_id: int
    candidate_name: str
    route_template_id: int | None
    route_name: str
    step_key: str
    step_title: str
    pictogram: str
    started_on: date
    days_in_step: int
    expected_days: int
    days_over: int
    contact_name: str | None = Field(description="The candidate's contact person")


class ConsultantCaseload(BaseModel):
    consultant_id: int
    display_name: str
    primary: int = Field(description="Candidates with this consultant as contact person")
    backup: int = Field(description="Candidates with this consultant as backup")
    over_limit: bool = Field(description="More primary candidates than the caseload limit")


class YearCounts(BaseModel):
    year: int
    switches_completed: int = Field(
        description="Journeys whose contract step was done this calendar year")
    returns_to_day_activities: int = Field(
        description="Journeys that ended with a return to day activities this calendar year")


class TeamOverview(BaseModel):
    organisation_id: int
    organisation_name: str
    today: date
    routes: list[RouteOverview]
    stalled: list[StalledStep] = Field(
        description="Steps past their expected duration, most overdue first, only for candidates "
                    "you may see (a consultant: their caseload; an admin: the organisation)")
    stalled_total: int = Field(description="Stalled steps of candidates you may see")
    stalled_in_organisation: int = Field(description="Stalled steps in the whole organisation")
    stalled_limit: int = Field(description="At most this many stalled steps are listed")
    caseload_limit: int
    caseloads: list[ConsultantCaseload]
    this_year: YearCounts
