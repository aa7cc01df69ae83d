"""Response shapes of the caseload API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class FlagPublic(BaseModel):
    code: str
    reason: str
    action: str


class CaseloadRowPublic(BaseModel):
    candidate_id: int
    display_name: str
    role: str
    route_key: str | None
    route_name: str | None
    current_step_key: str | None
    current_step_title: str | None
    beside_step_keys: list[str] = Field(
        default_factory=list, description="Steps current beside the main one, e.g. the UWV "
        "advice beside a trial, the day activities kept")
    days_in_step: int | None
    journey_status: str | None
    flags: list[FlagPublic]
    waiting_questions: int = Field(
        default=0, description="Questions (and \"I can't come\") asked and not answered yet")
    question_waiting: bool = Field(
        default=False, description="One of them has waited more than two working days")
    covering_for_id: int | None = Field(
        default=None, description="You are the backup and this contact person is away today")
    covering_for: str | None = Field(default=None, description="The absent contact person")
    covering_until: date | None = Field(default=None, description="Away until (inclusive)")
