"""Request and response shapes of the account API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, StrictBool

from app.languages import LanguageCode
from app.people.models import TextSize


class PreferencesUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    locale: LanguageCode | None = None
    text_size: TextSize | None = None
    read_aloud: StrictBool | None = None  # 0 or "yes" is not a choice (the fuzzer sent 0)


class PreferencesPublic(BaseModel):
    locale: str | None
    text_size: TextSize
    read_aloud: bool
    version: int
