"""Response shapes of the guarantees API."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.guarantees.models import IncomeOnReturn
from app.input_types import IsoDate, Line, MultilineText

MAX_GAP_WEEKS = 26


class GuaranteeTexts(BaseModel):
    """The consultant's texts in one other language (the plain fields are Dutch)."""

    model_config = ConfigDict(extra="forbid")

    income_consequences: MultilineText = Field(default="", max_length=2000)
    free_text: MultilineText = Field(default="", max_length=2000)


class GuaranteePublic(BaseModel):
    number: int
    provider_name: str
    provider_address: str
    indication_valid_until: date
    income_consequences: str
    arranged_by: str
    free_text: str
    income_on_return: IncomeOnReturn | None = Field(
        default=None, description="What happens to income on return; null: not arranged yet")
    expected_gap_weeks: int | None = None
    income_on_return_text: str = Field(
        default="", description="The sentence every page shows for income_on_return")
    texts: dict[str, GuaranteeTexts] = Field(default_factory=dict)
    issued_by_organisation: str
    issued_on: date
    current: bool


class GuaranteeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider_name: Line = Field(min_length=1, max_length=200,
                               description="The day-activity place the candidate can go back to")
    provider_address: Line = Field(default="", max_length=300)
    indication_valid_until: IsoDate
    income_consequences: MultilineText = Field(min_length=1, max_length=2000)
    arranged_by: Line = Field(min_length=1, max_length=200)
    free_text: MultilineText = Field(default="", max_length=2000)
    income_on_return: IncomeOnReturn | None = Field(
        default=None,
        description="restart_without_application: the municipality restarts the benefit at "
                    "once; new_application: a new application (give expected_gap_weeks); "
                    "salary_kept: secondment, the salary stays")
    expected_gap_weeks: int | None = Field(default=None, strict=True, ge=0, le=MAX_GAP_WEEKS)
    texts: dict[Literal["en"], GuaranteeTexts] = Field(
        default_factory=dict, description="The texts in another language, e.g. {\"en\": {...}}")
