"""Tables of the employer checklist: one checklist per organisation and its ordered items."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.db import optional_timestamp_field, str_enum, timestamp_field, version_column
from app.i18n import lazy_gettext as _l


class ChecklistTopic(StrEnum):
    support_allowance = "support_allowance"  # begeleidingsvergoeding (job coach, supervision)
    no_risk_policy = "no_risk_policy"  # no-riskpolis: UWV pays sickness benefit
    wage_subsidy = "wage_subsidy"  # loonkostensubsidie (LKS)
    wage_value = "wage_value"  # loonwaardebepaling
    training = "training"  # e.g. a session on working with the candidate
    contact = "contact"
    advice = "advice"  # the UWV advice and how long it takes
    trial = "trial"  # the trial placement, hours built up
    contract = "contract"
    aftercare = "aftercare"  # visits and progress talks after the start
    way_back = "way_back"  # when it does not work out
    other = "other"

    @property
    def label(self) -> str:
        return str(TOPIC_LABELS[self])


TOPIC_LABELS = {
    ChecklistTopic.support_allowance: _l("Support allowance"),
    ChecklistTopic.no_risk_policy: _l("No-risk policy"),
    ChecklistTopic.wage_subsidy: _l("Wage subsidy"),
    ChecklistTopic.wage_value: _l("Wage-value determination"),
    ChecklistTopic.training: _l("Training"),
    ChecklistTopic.contact: _l("Contact"),
    ChecklistTopic.advice: _l("UWV advice"),
    ChecklistTopic.trial: _l("Trial placement"),
    ChecklistTopic.contract: _l("Employment contract"),
    ChecklistTopic.aftercare: _l("Aftercare"),
    ChecklistTopic.way_back: _l("The way back"),
    ChecklistTopic.other: _l("Other"),
}

# Text fields every item carries per language ({"nl": {...}, "en": {...}}).
ITEM_TEXT_FIELDS = ("title", "text", "who_to_ask")

_checklist_version = version_column()
_item_version = version_column()


class EmployerChecklist(SQLModel, table=True):
    """The organisation's checklist as a whole: its version covers the order of the items, so
    a reorder or an added or removed item is protected by If-Match like any other edit."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", unique=True, index=True)
    created_at: dt.datetime = timestamp_field()
    updated_at: dt.datetime | None = optional_timestamp_field()
    version: int = Field(default=1, sa_column=_checklist_version)

    __mapper_args__ = {"version_id_col": _checklist_version}


class EmployerChecklistItem(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    checklist_id: int = Field(foreign_key="employerchecklist.id", index=True)
    position: int
    topic: ChecklistTopic = Field(default=ChecklistTopic.other, sa_type=str_enum(ChecklistTopic))
    # {"nl": {"title": ..., "text": ..., "who_to_ask": ...}, "en": {...}}; English may be empty.
    texts: dict[str, dict[str, str]] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False))
    # When the admin last checked the item against the rules, so an employer knows it is current.
    checked_on: dt.date | None = None
    created_at: dt.datetime = timestamp_field()
    updated_at: dt.datetime | None = optional_timestamp_field()
    version: int = Field(default=1, sa_column=_item_version)

    __mapper_args__ = {"version_id_col": _item_version}
