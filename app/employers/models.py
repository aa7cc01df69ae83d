"""Tables of the employers domain: employers and their people, placements, the dated milestones of
a placement (wage value, subsidy, support allowance) and the worries an employer reports."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.db import optional_timestamp_field, str_enum, timestamp_field, version_column
from app.network.models import ConsentMethod


class EmployerKind(StrEnum):
    social_firm = "social_firm"  # sociale onderneming, e.g. Tim's meal-delivery firm
    regular = "regular"  # reguliere werkgever
    care_provider = "care_provider"  # zorgaanbieder with paid work places
    sw_company = "sw_company"  # sw-bedrijf: the former sheltered-employment company


_employer_version = version_column()


class Employer(SQLModel, table=True):
    """A workplace organisation the municipality (`organisation_id`) works with."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(max_length=200)
    kind: EmployerKind = Field(sa_type=str_enum(EmployerKind))
    street_address: str = Field(default="", max_length=200)
    postcode: str = Field(default="", max_length=10)
    city: str = Field(default="", max_length=100)
    created_at: datetime = timestamp_field()
    version: int = Field(default=1, sa_column=_employer_version)

    __mapper_args__ = {"version_id_col": _employer_version}


class EmployerContact(SQLModel, table=True):
    """A person of an employer (role `employer`): a manager or a workplace supervisor. The
    person row holds the name, job title, e-mail and phone."""

    id: int | None = Field(default=None, primary_key=True)
    employer_id: int = Field(foreign_key="employer.id", index=True)
    person_id: int = Field(foreign_key="person.id", unique=True)


_placement_version = version_column()


class Placement(SQLModel, table=True):
    """A candidate's place at an employer, linked to the journey's trial and contract steps.

    The employer's people see a placement only with the candidate's recorded consent, and then
    only its steps and dates, the appointments they attend and the contact person with backup."""

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    employer_id: int = Field(foreign_key="employer.id", index=True)
    # The werkplekbegeleider: the employer's person who guides the candidate at work.
    supervisor_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    journey_id: int | None = Field(default=None, foreign_key="journey.id")
    trial_step_id: int | None = Field(default=None, foreign_key="journeystep.id")
    contract_step_id: int | None = Field(default=None, foreign_key="journeystep.id")
    workplace: str = Field(default="", max_length=200)  # department or location
    starts_on: date | None = None
    ends_on: date | None = None
    # The consent record: who agreed that the employer sees this placement, when and how.
    consent_by_id: int | None = Field(default=None, foreign_key="person.id")
    consent_at: datetime | None = optional_timestamp_field()
    consent_method: ConsentMethod | None = Field(default=None, sa_type=str_enum(ConsentMethod))
    consent_withdrawn_at: datetime | None = optional_timestamp_field()
    created_by_id: int = Field(foreign_key="person.id")
    created_at: datetime = timestamp_field()
    ended_at: datetime | None = optional_timestamp_field()
    version: int = Field(default=1, sa_column=_placement_version)

    __mapper_args__ = {"version_id_col": _placement_version}


class MilestoneKind(StrEnum):
    # Loonwaardemeting during the trial (Almere: week 6 of 8).
    wage_value_trial = "wage_value_trial"
    # Definitieve loonwaardebepaling after six months of flat-rate wage subsidy (forfaitaire LKS).
    wage_value_final = "wage_value_final"
    # The end of the flat-rate wage subsidy period.
    flat_rate_subsidy_end = "flat_rate_subsidy_end"
    # Begeleidingsvergoeding: the employer's allowance for guiding the candidate at work.
    support_allowance = "support_allowance"
    other = "other"


_milestone_version = version_column()


class PlacementMilestone(SQLModel, table=True):
    """A dated moment of a placement: it drives a caseload flag for the consultant and, when the
    employer has something to do, a task on the employer's home."""

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(foreign_key="placement.id", index=True)
    kind: MilestoneKind = Field(sa_type=str_enum(MilestoneKind))
    due_on: date = Field(index=True)
    done_on: date | None = None
    # What the employer must do for it ("" when nothing): shown as a task on their home.
    employer_task: str = Field(default="", max_length=300)
    # The measured wage value in whole percent (loonwaarde), for wage-value milestones.
    wage_value_percent: int | None = Field(default=None, ge=0, le=100)
    note: str = Field(default="", max_length=1000)
    version: int = Field(default=1, sa_column=_milestone_version)

    __mapper_args__ = {"version_id_col": _milestone_version}


class ConcernKind(StrEnum):
    absence = "absence"  # verzuim
    behaviour = "behaviour"  # gedrag
    wellbeing = "wellbeing"  # e.g. "hij oogt gespannen"
    work = "work"  # the work itself
    other = "other"


class EmployerConcern(SQLModel, table=True):
    """A worry an employer tells the contact person: seen by staff only, never the candidate or
    the network; raises a caseload flag until a consultant marks it handled."""

    id: int | None = Field(default=None, primary_key=True)
    placement_id: int = Field(foreign_key="placement.id", index=True)
    candidate_id: int = Field(foreign_key="person.id", index=True)
    author_id: int = Field(foreign_key="person.id")
    kind: ConcernKind = Field(sa_type=str_enum(ConcernKind))
    body: str = Field(max_length=2000)
    created_at: datetime = timestamp_field()
    handled_at: datetime | None = optional_timestamp_field()
    handled_by_id: int | None = Field(default=None, foreign_key="person.id")
