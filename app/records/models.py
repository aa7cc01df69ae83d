"""Tables of the records domain: one row per saved version of a record (the history stays)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import str_enum, timestamp_field


class RecordKind(StrEnum):
    """What a record is about; each kind has its own fields (`records.schemas`)."""

    uwv_advice = "uwv_advice"  # advies beschut werk: requested, interview, outcome, letter
    decision = "decision"  # the municipality's decision, taken together ("beslissen samen")
    contract = "contract"  # employer, hours, wage, start and end
    trial = "trial"  # proefplaatsing or stage: weeks, who pays (never the candidate's income)
    wage_value = "wage_value"  # loonwaarde (wage value): a trial measurement or the definitive one
    screening = "screening"  # Oss: developable work capacity (ontwikkelbaar arbeidsvermogen)
    plan_goals = "plan_goals"  # personal plan / plan of approach (plan van aanpak) with goals
    ladder_rung = "ladder_rung"  # participation ladder (participatieladder) rung 1-6
    evaluation = "evaluation"  # progress talk or end-of-trajectory evaluation
    hours_plan = "hours_plan"  # weekly hours at work and at day activities over time
    first_salary = "first_salary"  # the first-salary checklist with the benefits office


class CandidateRecord(SQLModel, table=True):
    """One version of one record; a record is (candidate, record_no), its newest version wins."""

    __table_args__ = (UniqueConstraint("candidate_id", "record_no", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    record_no: int  # 1, 2, 3... per candidate: the record's id in the API
    number: int  # version of this record: 1, 2, 3...
    kind: RecordKind = Field(sa_type=str_enum(RecordKind), index=True)
    # The step the record belongs to (a contract record to the contract step), if any.
    step_id: int | None = Field(default=None, foreign_key="journeystep.id")
    step_kind: str | None = Field(default=None, max_length=30)
    dated_on: date  # the record's own date (start, measurement, talk), for lists and timelines
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_by_id: int = Field(foreign_key="person.id")
    created_at: datetime = timestamp_field()
