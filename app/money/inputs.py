"""The money inputs a consultant stores on a candidate's file, as the API receives them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from app.money.schemas import BenefitKind, Household


class MoneyInputsUpdate(BaseModel):
    """A new version of the candidate's money situation; every save keeps the old ones. Left
    out, the day the benefits office was informed stays as stored."""

    model_config = ConfigDict(extra="forbid")

    household: Household
    adults_in_home: int = Field(default=1, strict=True, ge=1, le=10)
    children_ages: list[Annotated[int, Field(strict=True, ge=0, le=25)]] = Field(
        default_factory=list, max_length=15)
    benefit: BenefitKind
    age: int | None = Field(default=None, strict=True, ge=15, le=70,
                            description="Only when the file has no date of birth")
    partner_net_income: Decimal = Field(default=Decimal(0), ge=0, le=100_000, decimal_places=2)
    volunteer_allowance: Decimal = Field(default=Decimal(0), ge=0, le=10_000, decimal_places=2)
    rent: Decimal | None = Field(default=None, ge=0, le=10_000, decimal_places=2)
    medical_hours_limit: bool = False
    planned_hours: Decimal | None = Field(
        default=None, ge=0, le=40, multiple_of=Decimal("0.5"),
        description="Left out: the hours of the contract on the file, if there is one")
    hourly_wage: Decimal | None = Field(default=None, gt=0, le=500, decimal_places=2)
    start_date: date | None = None
    benefits_office_informed_on: date | None = None
    debt_restructuring: bool = Field(
        default=False, description="In schuldsanering (WSNP, debt restructuring)")
    budget_manager: bool = Field(
        default=False, description="Has a bewindvoerder (budget manager) who handles the money")


class BenefitsOfficeInformedCreate(BaseModel):
    """The day the consultant told the benefits office about the work."""

    model_config = ConfigDict(extra="forbid")

    informed_on: date


class MoneyInputsPublic(MoneyInputsUpdate):
    version: int
    created_at: str
    created_by_id: int
