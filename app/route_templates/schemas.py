"""Request and response shapes of the route-templates API.

Structure and lengths are checked here; the rules between fields (a trial step needs its weeks,
a Dutch title of at most five words, a known step pictogram, ...) live in `service.check_steps`,
so the API and the back-office pages give the same messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.input_types import Line, MultilineText
from app.route_templates.models import StepKind

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
KEY_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SHIPPED_KEYS = ("almere", "amsterdam", "apeldoorn", "ferm-werk", "gewenste-klantreis",
                "haarlem", "oss", "rijk-van-nijmegen")
ShippedKey = Literal["almere", "amsterdam", "apeldoorn", "ferm-werk", "gewenste-klantreis",
                     "haarlem", "oss", "rijk-van-nijmegen"]


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class RouteName(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nl: Line = Field(min_length=1, max_length=120)
    en: Line = Field(min_length=1, max_length=120)

    _strip = field_validator("nl", "en", mode="before")(_strip)


class RouteDescription(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nl: MultilineText = Field(default="", max_length=1000)
    en: MultilineText = Field(default="", max_length=1000)

    _strip = field_validator("nl", "en", mode="before")(_strip)


class StepTextsIn(BaseModel):
    """A step's texts in one language; `check_steps` says which must be filled in."""

    model_config = ConfigDict(extra="forbid")

    title: Line = Field(max_length=80)
    summary: MultilineText = Field(max_length=300)
    what_happens: MultilineText = Field(max_length=1000)
    what_you_do: MultilineText = Field(max_length=1000)
    what_to_bring: MultilineText = Field(default="", max_length=500)
    who: MultilineText = Field(max_length=300)
    waiting_note: MultilineText = Field(default="", max_length=500)

    _strip = field_validator("*", mode="before")(_strip)


class StepLanguages(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nl: StepTextsIn
    en: StepTextsIn


class HybridSplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    work_days: list[Weekday] = Field(max_length=7)
    day_activity_days: list[Weekday] = Field(max_length=7)


class StepTemplateIn(BaseModel):
    """One step of a route as an admin writes it."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(min_length=1, max_length=60, pattern=KEY_PATTERN,
                     description='Stable within the route, e.g. "trial"')
    pictogram: str = Field(max_length=40, description="A step pictogram key (app/ui/pictograms.py)")
    kind: StepKind = StepKind.normal
    default_duration_days: int = Field(ge=0, le=3650)
    trial_weeks: int | None = Field(default=None, ge=1, le=52, description="Trial steps only")
    hybrid_split: HybridSplitIn | None = Field(default=None, description="Hybrid steps only")
    runs_beside: list[str] = Field(
        default_factory=list, max_length=40,
        description="Keys of this route's steps this step may be current beside (read both "
                    "ways), e.g. a trial beside the UWV advice")
    texts: StepLanguages


class RouteStepsReplace(BaseModel):
    """The whole ordered list of steps; the first is position 1."""

    model_config = ConfigDict(extra="forbid")

    steps: list[StepTemplateIn] = Field(min_length=1, max_length=40)


class RouteTemplateCreate(BaseModel):
    """A new route: empty, or a copy of one of your routes or of a shipped route."""

    model_config = ConfigDict(extra="forbid")

    name: RouteName | None = Field(
        default=None, description="Required for an empty route; a copy takes its source's name")
    description: RouteDescription | None = None
    key: str | None = Field(default=None, min_length=1, max_length=60, pattern=KEY_PATTERN,
                            description="Made from the Dutch name when left out")
    copy_from_template_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    copy_from_shipped: ShippedKey | None = Field(
        default=None, description="One of the seven routes Stapwijzer ships")


class RouteTemplateUpdate(BaseModel):
    """Only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    name: RouteName | None = None
    description: RouteDescription | None = None


class StepTemplatePublic(BaseModel):
    id: int
    position: int
    key: str
    pictogram: str
    kind: StepKind
    default_duration_days: int
    trial_weeks: int | None
    hybrid_split: dict[str, Any] | None
    runs_beside: list[str]
    texts: dict[str, dict[str, str]]


class RouteTemplatePublic(BaseModel):
    id: int
    organisation_id: int
    key: str
    name: dict[str, str]
    description: dict[str, str]
    retired_at: datetime | None
    is_retired: bool = Field(description="Retired routes stay readable but start no journeys")
    updated_at: datetime | None
    version: int
    way_back_choices: list[str] = Field(
        description="The way-back choices this route offers (empty: pause, return, other "
                    "placement)")
    expected_total_days: int = Field(
        description="How long the switch takes as planned, up to the contract, overlapping "
                    "steps counted once")
    steps: list[StepTemplatePublic]


class ShippedRoutePublic(BaseModel):
    key: ShippedKey
    organisation_name: str
    name: dict[str, str]
    step_count: int
