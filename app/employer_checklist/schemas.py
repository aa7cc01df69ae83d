"""Request and response shapes of the employer-checklist API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.employer_checklist.models import ChecklistTopic
from app.input_types import IsoDate, Line, MultilineText, RecordRef, count

# A leaflet, not a manual: more items than this would not be read (and the order names them all).
MAX_ITEMS = 200


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class DutchTexts(BaseModel):
    """The item in Dutch (B1): title and text are required."""

    model_config = ConfigDict(extra="forbid")

    # Not blank: the schema says so too (`\S`), since the spaces around it are dropped.
    title: Line = Field(min_length=1, max_length=120, json_schema_extra={"pattern": r"\S"})
    text: MultilineText = Field(min_length=1, max_length=2000,
                                json_schema_extra={"pattern": r"\S"})
    who_to_ask: MultilineText = Field(default="", max_length=300,
                                      description="Who the employer asks about this")

    _strip = field_validator("*", mode="before")(_strip)


class EnglishTexts(BaseModel):
    """The item in English; left empty, readers of English see the Dutch text."""

    model_config = ConfigDict(extra="forbid")

    title: Line = Field(default="", max_length=120)
    text: MultilineText = Field(default="", max_length=2000)
    who_to_ask: MultilineText = Field(default="", max_length=300)

    _strip = field_validator("*", mode="before")(_strip)


class ItemTexts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nl: DutchTexts
    en: EnglishTexts = Field(default_factory=EnglishTexts)


class ChecklistItemCreate(BaseModel):
    """A new item; without `position` it goes last."""

    model_config = ConfigDict(extra="forbid")

    topic: ChecklistTopic
    texts: ItemTexts
    checked_on: IsoDate | None = Field(
        default=None, description="When the item was last checked against the rules")
    position: count(1, MAX_ITEMS) | None = Field(default=None,
                                                 description="Where to put it, 1 is first")


class ChecklistItemUpdate(BaseModel):
    """Only the fields sent change; `texts` without `en` keeps the English texts."""

    model_config = ConfigDict(extra="forbid")

    topic: ChecklistTopic | None = None
    texts: ItemTexts | None = None
    checked_on: IsoDate | None = None


class ChecklistOrder(BaseModel):
    """Every item of the checklist, in the order wanted."""

    model_config = ConfigDict(extra="forbid")

    item_ids: list[RecordRef] = Field(max_length=MAX_ITEMS)


class ChecklistItemPublic(BaseModel):
    id: int
    position: int
    topic: ChecklistTopic
    topic_label: str = Field(description="The topic in the caller's language")
    texts: dict[str, dict[str, str]]
    checked_on: dt.date | None
    updated_at: dt.datetime | None
    version: int


class ChecklistPublic(BaseModel):
    organisation_id: int
    organisation_name: str
    version: int = Field(description="Covers the order: send it in If-Match to reorder")
    checked_on: dt.date | None = Field(
        description="The oldest check of any item: the list is at least this current")
    items: list[ChecklistItemPublic]
