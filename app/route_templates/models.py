"""Tables of the route-templates domain."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.db import optional_timestamp_field, str_enum, timestamp_field, version_column
from app.i18n import lazy_gettext as _l


class StepKind(StrEnum):
    normal = "normal"
    trial = "trial"  # proefplaatsing: shows "week 3 van 8"
    waiting = "waiting"  # waiting on a decision: says honestly how long it may take
    hybrid = "hybrid"  # part work, part dagbesteding: shows the week split
    contract = "contract"
    salary = "salary"  # the first salary month: tell the benefits office
    aftercare = "aftercare"
    return_ = "return"  # back to dagbesteding (the way back)
    # The day-activity place kept as a phase: the safety net that stays current beside a trial
    # or a hybrid period until the step to work is complete or the consultant ends it.
    day_activities = "day_activities"

    @property
    def label(self) -> str:
        return str(STEP_KIND_LABELS[self])


# The one name of each kind, wherever a step's kind is shown or chosen.
STEP_KIND_LABELS = {
    StepKind.normal: _l("Ordinary step"),
    StepKind.trial: _l("Trial placement"),
    StepKind.waiting: _l("Waiting for a decision"),
    StepKind.hybrid: _l("Work and day activities"),
    StepKind.contract: _l("Contract"),
    StepKind.salary: _l("First salary month"),
    StepKind.aftercare: _l("Aftercare"),
    StepKind.return_: _l("Way back to day activities"),
    StepKind.day_activities: _l("Day activities kept beside it"),
}


# Kinds that come after the step to work is complete: not counted in a route's duration.
AFTER_THE_SWITCH = frozenset({StepKind.salary, StepKind.aftercare, StepKind.return_})


def total_duration_days(steps: list[tuple[str, StepKind, int, list[str]]]) -> int:
    """How long the switch takes from the first step until the step to work is complete
    (the contract), with overlapping steps counted once.

    `steps` are (key, kind, days, runs_beside) in route order. A step that may run beside the
    step before it starts when that one starts; any other step starts once every earlier step
    has ended. The day-activity phase is a safety net beside the others, not time of its own;
    first salary, aftercare and the way back come after the switch."""
    starts: dict[str, int] = {}
    ends: list[int] = [0]
    previous: tuple[str, list[str]] | None = None
    for key, kind, days, beside in steps:
        if kind in AFTER_THE_SWITCH:
            break
        if kind is StepKind.day_activities:
            continue
        overlaps = previous is not None and (previous[0] in beside or key in previous[1])
        start = starts[previous[0]] if overlaps else max(ends)
        starts[key] = start
        ends.append(start + max(days, 0))
        previous = (key, beside)
        if kind is StepKind.contract:
            break
    return max(ends)


# Text fields every step carries per language.
STEP_TEXT_FIELDS = (
    "title", "summary", "what_happens", "what_you_do", "what_to_bring", "who", "waiting_note",
)

_route_version = version_column()


class RouteTemplate(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("organisation_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    key: str = Field(max_length=60)
    # {"nl": "...", "en": "..."}
    name: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    description: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    # The way-back choices this route offers (WayBackKind values); empty: the usual three
    # (pause, return, other placement).
    way_back_choices: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    retired_at: datetime | None = optional_timestamp_field()
    created_at: datetime = timestamp_field()
    # Set on every edit; changing only the steps touches it, which also bumps `version`.
    updated_at: datetime | None = optional_timestamp_field()
    version: int = Field(default=1, sa_column=_route_version)

    __mapper_args__ = {"version_id_col": _route_version}


class StepTemplate(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("route_template_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    route_template_id: int = Field(foreign_key="routetemplate.id", index=True)
    position: int
    key: str = Field(max_length=60)
    pictogram: str = Field(max_length=40)
    kind: StepKind = Field(default=StepKind.normal, sa_type=str_enum(StepKind))
    default_duration_days: int = Field(ge=0)
    trial_weeks: int | None = None
    # {"work_days": ["mon", ...], "day_activity_days": ["thu", ...]}
    hybrid_split: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    # Keys of the route's steps this step may be current beside (read both ways): making one
    # current keeps the others current instead of finishing them.
    runs_beside: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    # {"nl": {"title": ..., ...}, "en": {...}}
    texts: dict[str, dict[str, str]] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
