"""Response shapes of the guarantees API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class GuaranteePublic(BaseModel):
    number: int
    provider_name: str
    provider_address: str
    indication_valid_until: date
    income_consequences: str
    arranged_by: str
    free_text: str
    issued_by_organisation: str
    issued_on: date
    current: bool


class GuaranteeCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider_name: str = Field(min_length=1, max_length=200,
                               description="The day-activity place the candidate can go back to")
    provider_address: str = Field(default="", max_length=300)
    indication_valid_until: date
    income_consequences: str = Field(min_length=1, max_length=2000)
    arranged_by: str = Field(min_length=1, max_length=200)
    free_text: str = Field(default="", max_length=2000)
