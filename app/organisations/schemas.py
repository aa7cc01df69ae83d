"""Request and response shapes of the organisation-settings API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from app.input_types import count
from app.organisations.models import FirstSalaryOffset, OrganisationKind


class OrganisationPublic(BaseModel):
    id: int
    slug: str
    name: str
    kind: OrganisationKind
    trial_weeks: int | None = Field(description="Usual length of a trial placement")
    hours_criterion: int | None = Field(
        description="Hours per week from which a person is expected to leave the benefit")
    max_placement_attempts: int | None = Field(
        description="Workplaces tried before another provision is chosen")
    min_contract_months: int | None = Field(
        description="Shortest contract after the trial, in months")
    aftercare_visits_per_year: int | None = Field(
        description="Aftercare visits a candidate in work gets each year")
    evaluation_every_months: int | None = Field(
        description="Months between progress talks (evaluations)")
    youth_max_indication_months: int | None = Field(
        description="Longest day-activity indication for a candidate up to 27, in months")
    first_salary_offset: FirstSalaryOffset = Field(
        description="How the benefits office handles the first salary month")
    money_overrides: dict[str, str] = Field(
        description='Money parameters of your own: dotted path -> decimal, e.g. '
                    '{"bijstand.norm_single": "1350.00"}')
    version: int


class OrganisationUpdate(BaseModel):
    """Only the fields sent change; `null` clears a number (no such rule)."""

    model_config = ConfigDict(extra="forbid")

    trial_weeks: count(1, 52) | None = None
    hours_criterion: count(1, 40) | None = None
    max_placement_attempts: count(1, 10) | None = None
    min_contract_months: count(1, 60) | None = None
    aftercare_visits_per_year: count(1, 12) | None = None
    evaluation_every_months: count(1, 24) | None = None
    youth_max_indication_months: count(1, 60) | None = None
    first_salary_offset: FirstSalaryOffset | None = None
    money_overrides: dict[str, str] | None = Field(
        default=None, max_length=50,
        description="Replaces all overrides; each value a decimal string")
