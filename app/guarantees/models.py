"""Tables of the guarantees domain; each issue is a new row, so earlier versions stay."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import timestamp_field


class IncomeOnReturn(StrEnum):
    """What happens to income when the candidate goes back: the one source every page reads."""

    restart_without_application = "restart_without_application"  # benefit restarts at once
    new_application = "new_application"  # a new application, with some weeks without income
    salary_kept = "salary_kept"  # secondment (detachering): the employer keeps paying


class FallbackGuarantee(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("candidate_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    number: int  # 1, 2, 3... the version the candidate sees
    provider_name: str = Field(max_length=200)  # the day-activity place to go back to
    provider_address: str = Field(default="", max_length=300)
    indication_valid_until: date  # the dagbesteding indication stays valid until this date
    income_consequences: str = Field(max_length=2000)
    # Structured way back for income (None: not arranged yet); the free text above explains.
    income_on_return: str | None = Field(default=None, max_length=40)
    expected_gap_weeks: int | None = None  # only with new_application
    # Texts the consultant typed, per language: {"en": {"income_consequences": ..., ...}}.
    # The plain fields are Dutch (the consultant's language).
    texts: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    arranged_by: str = Field(max_length=200)
    free_text: str = Field(default="", max_length=2000)
    issued_by_organisation_id: int = Field(foreign_key="organisation.id")
    issued_by_id: int = Field(foreign_key="person.id")
    issued_on: date
    created_at: datetime = timestamp_field()
