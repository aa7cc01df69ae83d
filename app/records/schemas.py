"""Request and response shapes of the records API: one input shape per record kind, told apart
by `kind`. Single fields are checked here; rules across fields and against the organisation
and the money parameters live in `records.service`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from app.input_types import IsoDate, Line, MultilineText, RecordRef
from app.records.models import RecordKind

ShortText = Annotated[Line, Field(max_length=200)]
LongText = Annotated[MultilineText, Field(max_length=2000)]
Hours = Annotated[Decimal, Field(ge=0, le=40, multiple_of=Decimal("0.5"))]
Days = Annotated[int, Field(ge=0, le=7)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    step_id: RecordRef | None = Field(default=None, description="The journey step it belongs to")


class UwvAdviceCreate(_Record):
    """Advies beschut werk: asked of UWV, together with the candidate (Almere)."""

    kind: Literal["uwv_advice"] = "uwv_advice"
    requested_on: IsoDate
    requested_with_candidate: bool
    interview_on: IsoDate | None = None
    accompanied_by: list[Literal["consultant", "parent"]] = Field(default_factory=list,
                                                                 max_length=2)
    outcome: Literal["pending", "positive", "negative"] = "pending"
    letter_on: IsoDate | None = None


class DecisionCreate(_Record):
    """The decision, taken together (Amsterdam: "beslissen samen")."""

    kind: Literal["decision"] = "decision"
    decided_on: IsoDate
    outcome: Literal["positive", "negative"]
    decided_with: list[Literal["candidate", "consultant", "care_provider", "income_consultant"]] = (
        Field(min_length=1, max_length=4))
    note: LongText = ""


class ContractCreate(_Record):
    kind: Literal["contract"] = "contract"
    employer_name: ShortText = Field(min_length=1)
    hours_per_week: Annotated[Decimal, Field(ge=1, le=40, multiple_of=Decimal("0.5"))]
    wage_basis: Literal["hourly", "monthly"] = "hourly"
    # Gross, in cents: per hour or per month as `wage_basis` says.
    wage_cents: int = Field(gt=0, le=2_000_000, strict=True)
    starts_on: IsoDate
    ends_on: IsoDate | None = Field(default=None, description="Left out: open-ended")


class TrialCreate(_Record):
    """A trial placement or internship; unpaid for the candidate, so never their income."""

    kind: Literal["trial"] = "trial"
    starts_on: IsoDate
    weeks: int = Field(ge=1, le=52, strict=True)
    # Haarlem: the provider pays internships from its lump sum (lumpsum), not the candidate.
    paid_by: Literal["provider_lump_sum", "municipality", "employer", "nobody"]
    travel_costs_reimbursed: bool = False
    note: LongText = ""


class WageValueCreate(_Record):
    """Loonwaarde (wage value): Almere measures in week 6 of the trial; the definitive
    determination follows six months of flat-rate wage subsidy."""

    kind: Literal["wage_value"] = "wage_value"
    measured_on: IsoDate
    percentage: int = Field(ge=0, le=100, strict=True)
    measurement: Literal["trial_measurement", "definitive"]
    measured_by: ShortText = ""


class ScreeningCreate(_Record):
    """Oss: every new day-activity application screened for developable work capacity."""

    kind: Literal["screening"] = "screening"
    screened_on: IsoDate
    work_capacity: Literal["yes", "no", "unclear"]
    screened_by: ShortText = Field(min_length=1)


class Goal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: ShortText = Field(min_length=1)
    status: Literal["not_started", "progressing", "met"] = "not_started"
    evaluate_on: IsoDate | None = None


class PlanGoalsCreate(_Record):
    """Oss' personal plan with goals; Rijk van Nijmegen's plan of approach with learning goals."""

    kind: Literal["plan_goals"] = "plan_goals"
    plan: Literal["personal_plan", "plan_of_approach"]
    made_on: IsoDate
    goals: list[Goal] = Field(min_length=1, max_length=10)
    ended_on: IsoDate | None = None
    goals_met: bool | None = None
    next_goals: LongText = ""


class LadderRungCreate(_Record):
    """Apeldoorn: rungs of the participation ladder; day activities 3-4, beschut werk 5."""

    kind: Literal["ladder_rung"] = "ladder_rung"
    on: IsoDate
    rung: int = Field(ge=1, le=6, strict=True)
    note: LongText = ""


class EvaluationCreate(_Record):
    kind: Literal["evaluation"] = "evaluation"
    held_on: IsoDate
    evaluation: Literal["progress_talk", "end_of_trajectory"]
    summary: LongText = Field(min_length=1)
    next_on: IsoDate | None = None


class HoursPeriod(BaseModel):
    """One period of the hours plan: from this date, these hours (and days) a week."""

    model_config = ConfigDict(extra="forbid")

    starts_on: IsoDate
    work_hours: Hours
    day_activity_hours: Hours
    work_days: Days | None = None
    day_activity_days: Days | None = None


class HoursPlanCreate(_Record):
    """Hours at work built up while day-activity hours go down (Ferm Werk), the hybrid week
    in days as well (Amsterdam), checked against the hours criterion (Almere 28)."""

    kind: Literal["hours_plan"] = "hours_plan"
    periods: list[HoursPeriod] = Field(min_length=1, max_length=12)
    # Almere allows an exception to the hours criterion ("uitzondering"), with a reason.
    criterion_exception: LongText = ""


class FirstSalaryCreate(_Record):
    """The first-salary checklist, so the benefit stops or changes at once."""

    kind: Literal["first_salary"] = "first_salary"
    benefits_office_informed_on: IsoDate | None = None
    expected_first_payslip_on: IsoDate | None = None
    overpayment_agreement: LongText = ""
    overpayment_agreed_on: IsoDate | None = None
    checked_after_first_payslip_on: IsoDate | None = None


RecordCreate = Annotated[
    UwvAdviceCreate | DecisionCreate | ContractCreate | TrialCreate | WageValueCreate
    | ScreeningCreate | PlanGoalsCreate | LadderRungCreate | EvaluationCreate | HoursPlanCreate
    | FirstSalaryCreate,
    Field(discriminator="kind"),
]
RECORD_ADAPTER: TypeAdapter[Any] = TypeAdapter(RecordCreate)
SCHEMAS: dict[RecordKind, type[_Record]] = {
    RecordKind.uwv_advice: UwvAdviceCreate, RecordKind.decision: DecisionCreate,
    RecordKind.contract: ContractCreate, RecordKind.trial: TrialCreate,
    RecordKind.wage_value: WageValueCreate, RecordKind.screening: ScreeningCreate,
    RecordKind.plan_goals: PlanGoalsCreate, RecordKind.ladder_rung: LadderRungCreate,
    RecordKind.evaluation: EvaluationCreate, RecordKind.hours_plan: HoursPlanCreate,
    RecordKind.first_salary: FirstSalaryCreate,
}


class RecordVersionPublic(BaseModel):
    number: int
    data: dict[str, Any]
    created_at: datetime
    created_by_id: int


class RecordPublic(BaseModel):
    id: int = Field(description="The record's number in this candidate's file")
    kind: RecordKind
    version: int
    step_id: int | None
    step_kind: str | None
    dated_on: date
    data: dict[str, Any]
    # Computed, never stored: e.g. whether the hours plan reaches the hours criterion.
    checks: dict[str, Any] = Field(default_factory=dict)
    plain: str = Field(default="", description="What it means, in plain words")
    history: list[RecordVersionPublic] | None = None
