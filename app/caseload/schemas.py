"""Response shapes of the caseload API."""

from __future__ import annotations

from pydantic import BaseModel


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
    days_in_step: int | None
    journey_status: str | None
    flags: list[FlagPublic]
