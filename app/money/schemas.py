"""Request and response models of `POST /api/v1/money/calculate` (the calculator's contract)."""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from app.input_types import IsoDate
from app.money.engine import Outcome, Situation, Work, earliest_valid_from

CENT = Decimal("0.01")
LATEST_AS_OF = date(2099, 12, 31)


def _money_text(amount: Decimal) -> str:
    return format(amount.quantize(CENT, rounding=ROUND_HALF_UP), "f")


# Amounts leave the API as strings with two decimals ("1303.87"): exact, and no float rounding.
Money = Annotated[
    Decimal,
    PlainSerializer(_money_text, return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["1303.87"]},
        mode="serialization",
    ),
]
DecimalText = Annotated[
    Decimal,
    PlainSerializer(lambda value: format(value, "f"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}, mode="serialization"),
]
# Hours are multiples of 0.5, exact in binary, so a JSON number is safe.
Hours = Annotated[Decimal, PlainSerializer(float, return_type=float)]

Household = Literal["single", "single_parent", "couple", "with_parents"]
BenefitKind = Literal["bijstand", "wajong", "none"]
OffsetPractice = Literal["estimate_in_advance", "offset_afterwards"]
ArrivalKind = Literal[
    "salary",
    "holiday_pay",
    "benefit",
    "benefit_back_payment",
    "vakantietoeslag",
    "zorgtoeslag",
    "huurtoeslag",
    "kindgebonden_budget",
    "volunteer_allowance",
    "municipal_scheme",
]


# --- Request ---------------------------------------------------------------------------------


class SituationIn(BaseModel):
    """The candidate's household and income before work."""

    model_config = ConfigDict(extra="forbid", title="Situation")

    as_of: IsoDate = Field(
        description="Date whose parameters apply (ISO date); the earliest supported is 2025-07-01."
    )
    age: int = Field(strict=True, ge=15, le=70, description="Candidate's age in years.")
    household: Household = Field(
        description=(
            "single (own home) · single_parent · couple (partner without income unless "
            "partner_net_income is given) · with_parents (lives in the parents' home)."
        )
    )
    adults_in_home: int = Field(
        strict=True,
        ge=1,
        le=10,
        description=(
            "Adults who count for the kostendelersnorm (cost-sharers' norm), the candidate "
            "included; 1 when living alone or as a couple."
        ),
    )
    children_ages: list[Annotated[int, Field(strict=True, ge=0, le=25)]] = Field(
        default_factory=list,
        max_length=15,
        description="Ages of the children in the household.",
    )
    benefit: BenefitKind = Field(description="Current benefit: bijstand, wajong or none.")
    partner_net_income: Decimal = Field(
        default=Decimal(0),
        ge=0,
        le=100_000,
        decimal_places=2,
        description="Partner's net monthly income in euros (couples only).",
    )
    volunteer_allowance: Decimal = Field(
        default=Decimal(0),
        ge=0,
        le=10_000,
        decimal_places=2,
        description="Volunteer allowance received now in day activities, euros per month.",
    )
    rent: Decimal | None = Field(
        default=None,
        ge=0,
        le=10_000,
        decimal_places=2,
        description="Kale huur (rent without service costs) per month, or null for no huurtoeslag.",
    )
    medical_hours_limit: bool = Field(
        default=False,
        strict=True,
        description="True when a medical limit on working hours is established.",
    )
    offset_practice: OffsetPractice | None = Field(
        default=None,
        description=(
            "How the benefits office handles the first wage: estimate_in_advance or "
            "offset_afterwards. Default: offset_afterwards for bijstand, estimate_in_advance "
            "for Wajong."
        ),
    )

    @field_validator("as_of")
    @classmethod
    def _as_of_has_parameters(cls, value: date) -> date:
        earliest = earliest_valid_from()
        if not earliest <= value <= LATEST_AS_OF:
            raise ValueError(f"as_of must be between {earliest} and {LATEST_AS_OF}")
        return value


class WorkIn(BaseModel):
    """The job being considered."""

    model_config = ConfigDict(extra="forbid", title="Work")

    hours_per_week: Decimal = Field(
        ge=0,
        le=40,
        multiple_of=Decimal("0.5"),
        description="Contracted hours a week, 0-40 in steps of 0.5.",
    )
    hourly_wage: Decimal | None = Field(
        default=None,
        gt=0,
        le=500,
        decimal_places=2,
        description="Gross wage per hour, or null for the minimum wage for the candidate's age.",
    )
    months_in_work: int = Field(
        default=1,
        strict=True,
        ge=1,
        le=600,
        description="Which month of work the figures are for (1 = first); exemptions depend on it.",
    )
    volunteer_allowance: Decimal = Field(
        default=Decimal(0),
        ge=0,
        le=10_000,
        decimal_places=2,
        description="Volunteer allowance still received alongside the work, euros per month.",
    )
    start_date: IsoDate | None = Field(
        default=None,
        description="First day of work, for the cash-flow forecast; default as_of.",
    )


class CalculationRequest(BaseModel):
    """Body of POST /api/v1/money/calculate; nothing is stored."""

    model_config = ConfigDict(extra="forbid")

    situation: SituationIn
    work: WorkIn

    @model_validator(mode="after")
    def _start_near_as_of(self) -> CalculationRequest:
        start = self.work.start_date
        as_of = self.situation.as_of
        # The forecast uses the as_of parameters, so a far-away start date would mislead.
        if start is not None and not as_of - timedelta(days=366) <= start <= as_of + timedelta(
            days=731
        ):
            raise ValueError(
                "work.start_date must lie within one year before to two years after as_of"
            )
        return self

    def to_engine(self) -> tuple[Situation, Work]:
        s, w = self.situation, self.work
        situation = Situation(
            as_of=s.as_of,
            age=s.age,
            household=s.household,
            adults_in_home=s.adults_in_home,
            children_ages=tuple(s.children_ages),
            benefit=s.benefit,
            partner_net_income=s.partner_net_income,
            volunteer_allowance=s.volunteer_allowance,
            rent=s.rent,
            medical_hours_limit=s.medical_hours_limit,
            offset_practice=s.offset_practice,
        )
        work = Work(
            hours_per_week=w.hours_per_week,
            hourly_wage=w.hourly_wage,
            months_in_work=w.months_in_work,
            volunteer_allowance=w.volunteer_allowance,
            start_date=w.start_date,
        )
        return situation, work


# --- Response --------------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PartsOut(_Out):
    net_wage: Money = Field(description="Net wage per month, excluding holiday pay.")
    benefit: Money = Field(description="Bijstand or Wajong, net per month.")
    zorgtoeslag: Money = Field(description="Health-care allowance per month.")
    huurtoeslag: Money | None = Field(
        description="Rent allowance per month (a rough estimate); null when no rent was given."
    )
    kindgebonden_budget: Money = Field(description="Child budget per month (single parents).")
    volunteer_allowance: Money = Field(description="Volunteer allowance per month.")
    partner_income: Money = Field(description="Partner's net income per month (couples).")
    municipal_scheme: Money = Field(
        description="Municipal minimum-income scheme per month, when the organisation set one."
    )


class SnapshotOut(_Out):
    total: Money = Field(description="Net household income per month, excluding holiday pay.")
    parts: PartsOut


class SweepPointOut(SnapshotOut):
    hours: Hours = Field(description="Hours a week.")


class DifferenceOut(_Out):
    amount: Money = Field(description="with_work.total minus now.total.")
    percent: Money | None = Field(
        description="The difference as a percentage of now; null when now is 0."
    )


class HolidayPayMonthOut(_Out):
    wage: Money = Field(
        description="Holiday pay (vakantiebijslag) built up per month from the wage, net."
    )
    benefit: Money = Field(
        description="Vakantietoeslag of bijstand or Wajong built up per month, net."
    )
    total: Money


class HolidayPayOut(_Out):
    now: HolidayPayMonthOut
    with_work: HolidayPayMonthOut
    wage_paid_in: str | None = Field(description="Month (YYYY-MM) the wage's holiday pay arrives.")
    benefit_paid_in: str | None = Field(
        description="Month (YYYY-MM) the benefit's holiday pay arrives (June, or at the end).",
    )


class ArrivalOut(_Out):
    # `dt.date`: the field name `date` would otherwise shadow the type inside the class.
    date: dt.date = Field(description="Expected payment date (around this day).")
    kind: ArrivalKind = Field(description="What is paid.")
    amount: Money
    for_month: str | None = Field(description="Month (YYYY-MM) the payment is for.")


class CashflowMonthOut(_Out):
    month: str = Field(description="Calendar month, YYYY-MM.")
    work_month: int = Field(description="Month of work (1 = the month work starts).")
    arrives: list[ArrivalOut]
    total: Money = Field(description="Everything that arrives this month.")
    set_aside: Money = Field(description="Amount to keep apart this month: it will be taken back.")
    withheld: Money = Field(
        description="Amount the office keeps back this month for an earlier overpayment."
    )
    to_repay: Money = Field(description="Amount the office will ask back by letter.")


class CashflowSummaryOut(_Out):
    start_date: date
    offset_practice: OffsetPractice | None
    benefit_overpaid: Money = Field(description="Benefit paid too much in the first month.")
    allowances_overpaid: Money = Field(description="Toeslagen paid too much for the first month.")
    set_aside_total: Money
    withheld_total: Money
    to_repay_total: Money


class ActionOut(_Out):
    code: str = Field(description="Stable code, e.g. tell_benefits_office.")
    text_key: str = Field(description="Message key for translation.")
    params: dict[str, str | int | bool | None] = Field(
        description="Values for the message: amounts as decimal strings, dates as ISO dates."
    )
    text: str = Field(description="English default text.")

    @field_validator("params", mode="before")
    @classmethod
    def _plain_params(cls, value: dict[str, Any]) -> dict[str, Any]:
        plain: dict[str, Any] = {}
        for name, item in value.items():
            if isinstance(item, Decimal):
                plain[name] = format(item, "f")
            elif isinstance(item, date):
                plain[name] = item.isoformat()
            else:
                plain[name] = item
        return plain


class ParameterSourceOut(_Out):
    path: str = Field(description="Dotted parameter path.")
    value: DecimalText
    source: str
    status: Literal["O", "S", "C", "?"] = Field(
        description="O official · S secondary · C computed · ? not found (provisional)."
    )
    provisional: bool
    overridden: bool = Field(description="True when the organisation replaced the file value.")


class ParametersOut(_Out):
    valid_from: date = Field(description="Start of the parameter period used.")
    provisional: bool = Field(
        description="True when any figure is provisional: show 'bedragen van <datum>, schatting'."
    )
    sources: list[ParameterSourceOut]


class CalculationResult(_Out):
    """The calculator's answer: monthly net amounts in euros, excluding holiday pay."""

    as_of: date
    now: SnapshotOut = Field(description="Before work: 0 hours, the current volunteer allowance.")
    with_work: SnapshotOut = Field(description="With the work as given.")
    difference: DifferenceOut
    sweep: list[SweepPointOut] = Field(description="0-40 hours in steps of 0.5 (81 points).")
    leaves_benefit_at_hours: Hours | None = Field(
        description="Lowest hours at which the benefit is 0; null if never within 40 or no benefit."
    )
    work_pays_from_hours: Hours | None = Field(
        description="Lowest hours with income at least 10% above now (Allers); null if never."
    )
    holiday_pay: HolidayPayOut
    cashflow: list[CashflowMonthOut] = Field(description="Month by month from the start date.")
    cashflow_summary: CashflowSummaryOut
    actions: list[ActionOut] = Field(description="What to do, in order.")
    notes: list[ActionOut] = Field(description="What to know about these figures.")
    parameters: ParametersOut


def to_result(outcome: Outcome) -> CalculationResult:
    """The engine's outcome as the API response model."""
    return CalculationResult.model_validate(outcome, from_attributes=True)
