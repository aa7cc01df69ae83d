"""Tables of the money domain: the candidate's stored money inputs (each save a new version)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import timestamp_field


class MoneyInputs(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("candidate_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    number: int  # version, newest wins; earlier versions are kept for the record
    household: str = Field(max_length=20)
    adults_in_home: int = Field(default=1)
    children_ages: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    benefit: str = Field(max_length=20)
    partner_net_income_cents: int = Field(default=0)
    volunteer_allowance_cents: int = Field(default=0)
    rent_cents: int | None = None
    medical_hours_limit: bool = Field(default=False)
    # None: not set here; the money overview then takes the contract's hours (records).
    planned_hours: float | None = Field(default=None)
    hourly_wage_cents: int | None = None
    start_date: date | None = None
    benefits_office_informed_on: date | None = None
    # Schuldsanering (WSNP) and a bewindvoerder (budget manager): they must be told of new income.
    debt_restructuring: bool = Field(default=False)
    budget_manager: bool = Field(default=False)
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_by_id: int = Field(foreign_key="person.id")
    created_at: datetime = timestamp_field()
