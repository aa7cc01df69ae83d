"""Tables of the organisations domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.db import str_enum, timestamp_field, version_column


class OrganisationKind(StrEnum):
    municipality = "municipality"
    region = "region"


class FirstSalaryOffset(StrEnum):
    """How the benefits office handles the first salary month (SOURCES.md §9)."""

    estimate_in_advance = "estimate_in_advance"  # fictieve verrekening: wage estimated up front
    offset_afterwards = "offset_afterwards"  # offset later: overlap must be set aside


# The organisation's numeric settings: each may be cleared (None: no such rule).
ORGANISATION_RULES = ("trial_weeks", "hours_criterion", "max_placement_attempts",
                      "min_contract_months", "aftercare_visits_per_year",
                      "evaluation_every_months", "youth_max_indication_months")


_version = version_column()


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, unique=True, index=True)
    name: str = Field(max_length=200)
    kind: OrganisationKind = Field(
        default=OrganisationKind.municipality, sa_type=str_enum(OrganisationKind)
    )
    trial_weeks: int | None = Field(default=None, ge=1, le=52)
    # Hours per week from which the municipality expects a person to leave the benefit.
    hours_criterion: int | None = Field(default=None, ge=1, le=40)
    # The organisation's rules of the switch (seed-rules.md); None: no such rule here.
    # Workplaces tried before another provision is chosen (Almere: "maximaal drie keer").
    max_placement_attempts: int | None = Field(default=None, ge=1, le=10)
    # Shortest contract offered after the trial (Almere: "minimaal één jaar" = 12).
    min_contract_months: int | None = Field(default=None, ge=1, le=60)
    # Aftercare visits a candidate in work gets each year (Almere: "minimaal twee keer").
    aftercare_visits_per_year: int | None = Field(default=None, ge=1, le=12)
    # Months between progress talks / evaluations (Apeldoorn: every half year = 6).
    evaluation_every_months: int | None = Field(default=None, ge=1, le=24)
    # Longest day-activity indication for a candidate up to 27 (Oss: "geen lange indicaties").
    youth_max_indication_months: int | None = Field(default=None, ge=1, le=60)
    first_salary_offset: FirstSalaryOffset = Field(
        default=FirstSalaryOffset.offset_afterwards, sa_type=str_enum(FirstSalaryOffset)
    )
    # Money-parameter overrides (dotted parameter path -> value), e.g. a local minimum scheme.
    money_overrides: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    created_at: datetime = timestamp_field()
    version: int = Field(default=1, sa_column=_version)

    __mapper_args__ = {"version_id_col": _version}
