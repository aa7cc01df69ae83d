"""Inputs and outputs of the money engine as dataclasses (money in Decimal, euros per month)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.money.engine.errors import MoneyEngineError

HOUSEHOLDS = ("single", "single_parent", "couple", "with_parents")
BENEFITS = ("bijstand", "wajong", "none")
# How the benefits office handles the first wage: estimate it in advance (fictieve verrekening) or
# keep paying and offset it afterwards (which causes the first-month overpayment).
OFFSET_PRACTICES = ("estimate_in_advance", "offset_afterwards")
ZERO = Decimal(0)


class InvalidInput(MoneyEngineError):
    """A situation or work value is outside what the rules can handle."""

    code = "money_invalid_input"


def _decimal(name: str, value: Any) -> Decimal:
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InvalidInput(f"{name} must be a number")
    else:
        try:
            # str() first: YAML and JSON give floats, and 50.1 must mean 50.1, not its binary value.
            result = Decimal(str(value))
        except InvalidOperation as exc:
            raise InvalidInput(f"{name} must be a number") from exc
    if not result.is_finite() or result < 0:
        raise InvalidInput(f"{name} must be a finite number of at least 0")
    return result


@dataclass(frozen=True, slots=True)
class Situation:
    """The candidate's household and income before work (the request's `situation`)."""

    as_of: date
    age: int
    household: str
    adults_in_home: int = 1
    children_ages: tuple[int, ...] = ()
    benefit: str = "none"
    partner_net_income: Decimal = ZERO
    volunteer_allowance: Decimal = ZERO
    rent: Decimal | None = None
    medical_hours_limit: bool = False
    offset_practice: str | None = None

    def __post_init__(self) -> None:
        if self.household not in HOUSEHOLDS:
            raise InvalidInput(f"household must be one of {HOUSEHOLDS}")
        if self.benefit not in BENEFITS:
            raise InvalidInput(f"benefit must be one of {BENEFITS}")
        if self.offset_practice is not None and self.offset_practice not in OFFSET_PRACTICES:
            raise InvalidInput(f"offset_practice must be one of {OFFSET_PRACTICES}")
        if not isinstance(self.age, int) or not 0 <= self.age <= 120:
            raise InvalidInput("age must be a whole number of years")
        if not isinstance(self.adults_in_home, int) or self.adults_in_home < 1:
            raise InvalidInput("adults_in_home must be at least 1")
        object.__setattr__(self, "children_ages", tuple(int(age) for age in self.children_ages))
        object.__setattr__(
            self, "partner_net_income", _decimal("partner_net_income", self.partner_net_income)
        )
        object.__setattr__(
            self, "volunteer_allowance", _decimal("volunteer_allowance", self.volunteer_allowance)
        )
        if self.rent is not None:
            object.__setattr__(self, "rent", _decimal("rent", self.rent))


@dataclass(frozen=True, slots=True)
class Work:
    """The job being considered (the request's `work`); `wage_subsidy` is loonkostensubsidie."""

    hours_per_week: Decimal
    hourly_wage: Decimal | None = None
    months_in_work: int = 1
    volunteer_allowance: Decimal = ZERO
    start_date: date | None = None
    wage_subsidy: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "hours_per_week", _decimal("hours_per_week", self.hours_per_week))
        if self.hourly_wage is not None:
            object.__setattr__(self, "hourly_wage", _decimal("hourly_wage", self.hourly_wage))
        object.__setattr__(
            self, "volunteer_allowance", _decimal("volunteer_allowance", self.volunteer_allowance)
        )
        if not isinstance(self.months_in_work, int) or self.months_in_work < 1:
            raise InvalidInput("months_in_work must be a whole number of at least 1")


@dataclass(frozen=True, slots=True)
class Parts:
    """Net monthly income by source; `huurtoeslag` is None when no rent was given."""

    net_wage: Decimal
    benefit: Decimal
    zorgtoeslag: Decimal
    huurtoeslag: Decimal | None
    kindgebonden_budget: Decimal
    volunteer_allowance: Decimal
    partner_income: Decimal
    municipal_scheme: Decimal


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Income at one number of hours: the parts and their total (excluding holiday pay)."""

    hours: Decimal
    total: Decimal
    parts: Parts


@dataclass(frozen=True, slots=True)
class Difference:
    amount: Decimal
    percent: Decimal | None


@dataclass(frozen=True, slots=True)
class HolidayPayMonth:
    """Holiday pay set aside per month: the wage's vakantiebijslag and the benefit's share."""

    wage: Decimal
    benefit: Decimal
    total: Decimal


@dataclass(frozen=True, slots=True)
class HolidayPay:
    now: HolidayPayMonth
    with_work: HolidayPayMonth
    wage_paid_in: str | None
    benefit_paid_in: str | None


@dataclass(frozen=True, slots=True)
class Arrival:
    """One payment in the cash-flow forecast; `for_month` is the month it pays for."""

    date: date
    kind: str
    amount: Decimal
    for_month: str | None = None


@dataclass(frozen=True, slots=True)
class CashflowMonth:
    month: str
    work_month: int
    arrives: tuple[Arrival, ...]
    total: Decimal
    set_aside: Decimal
    withheld: Decimal
    to_repay: Decimal


@dataclass(frozen=True, slots=True)
class CashflowSummary:
    start_date: date
    offset_practice: str | None
    benefit_overpaid: Decimal
    allowances_overpaid: Decimal
    set_aside_total: Decimal
    withheld_total: Decimal
    to_repay_total: Decimal


@dataclass(frozen=True, slots=True)
class Action:
    """Something to do (or know): a stable code, a message key, its parameters, English text."""

    code: str
    text_key: str
    params: dict[str, Any]
    text: str


@dataclass(frozen=True, slots=True)
class ParameterSource:
    path: str
    value: Decimal
    source: str
    status: str
    provisional: bool
    overridden: bool


@dataclass(frozen=True, slots=True)
class ParametersInfo:
    valid_from: date
    provisional: bool
    sources: tuple[ParameterSource, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """Everything the calculator answers; amounts are rounded to cents (the output boundary)."""

    as_of: date
    now: Snapshot
    with_work: Snapshot
    difference: Difference
    sweep: tuple[Snapshot, ...]
    leaves_benefit_at_hours: Decimal | None
    work_pays_from_hours: Decimal | None
    holiday_pay: HolidayPay
    cashflow: tuple[CashflowMonth, ...]
    cashflow_summary: CashflowSummary
    actions: tuple[Action, ...]
    notes: tuple[Action, ...]
    parameters: ParametersInfo
